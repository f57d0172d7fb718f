//! axum's extractor rejections answered from the catalog, over a real socket: a service that
//! uses `flux_codes::axum`'s `Json`, `Path`, `Query` and `Form` answers a request it cannot
//! parse with the catalog's `bad_request` code as problem+json in the caller's language, never
//! axum's `text/plain` message, and quotes nothing of the request or of its own types.

use axum::routing::{get, post};
use axum::{Router, middleware};
use flux_codes::axum::{Form, Json, Path, Query, REJECTION_REASON_MEMBER};
use flux_codes::{ErrorCode, Locale};
use reqwest::header::{CONTENT_LANGUAGE, CONTENT_TYPE};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Charge {
    amount_cents: u64,
}

#[derive(Deserialize)]
struct Page {
    limit: u32,
}

async fn charge(Json(charge): Json<Charge>) -> Json<u64> {
    Json(charge.amount_cents)
}

async fn payment(Path(id): Path<u64>) -> String {
    id.to_string()
}

async fn list(Query(page): Query<Page>) -> String {
    page.limit.to_string()
}

async fn subscribe(Form(page): Form<Page>) -> String {
    page.limit.to_string()
}

/// The service on an ephemeral port of 127.0.0.1, with the `localize` middleware.
async fn start() -> String {
    let app = Router::new()
        .route("/charges", post(charge))
        .route("/payments/{id}", get(payment))
        .route("/payments", get(list))
        .route("/subscriptions", post(subscribe))
        .layer(middleware::from_fn(flux_codes::axum::localize));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// Sends `request` asking for `language`; checks the answer is the `bad_request` problem in
/// that language with `reason`, and that it quotes nothing of the request nor of Rust.
async fn assert_bad_request(request: reqwest::RequestBuilder, language: &str, reason: &str) {
    let response = request
        .header("accept-language", language)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let code = ErrorCode::BAD_REQUEST;
    assert_eq!(status, code.http_status(), "{text}");
    assert_eq!(
        headers.get(CONTENT_TYPE).unwrap(),
        "application/problem+json",
        "{text}"
    );
    let locale = Locale::negotiate(language);
    assert_eq!(headers.get(CONTENT_LANGUAGE).unwrap(), locale.as_str());
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["code"], code.as_str(), "{text}");
    assert_eq!(body["status"], code.http_status());
    assert_eq!(body["title"], code.message(locale), "{text}");
    assert_eq!(body["retryable"], false);
    assert_eq!(body[REJECTION_REASON_MEMBER], reason, "{text}");
    for internal in [
        "u64", "u32", "Cannot", "parse", "line", "abc", "Charge", "expected",
    ] {
        assert!(!text.contains(internal), "{internal} in {text}");
    }
}

#[tokio::test]
async fn rejections_are_the_bad_request_problem_in_the_callers_language() {
    let base = start().await;
    let client = reqwest::Client::new();
    for language in ["es-CL,es;q=0.9", "en"] {
        // A malformed JSON body.
        assert_bad_request(
            client
                .post(format!("{base}/charges"))
                .header(CONTENT_TYPE, "application/json")
                .body("{\"amount_cents\": 12"),
            language,
            "json_syntax",
        )
        .await;
        // JSON of the wrong shape.
        assert_bad_request(
            client
                .post(format!("{base}/charges"))
                .header(CONTENT_TYPE, "application/json")
                .body("{\"amount_cents\": \"abc\"}"),
            language,
            "json_data",
        )
        .await;
        // A JSON body sent as another content type.
        assert_bad_request(
            client
                .post(format!("{base}/charges"))
                .header(CONTENT_TYPE, "text/plain")
                .body("{\"amount_cents\": 12}"),
            language,
            "content_type",
        )
        .await;
        // A non-numeric path segment.
        assert_bad_request(client.get(format!("{base}/payments/abc")), language, "path").await;
        // A query parameter of the wrong type.
        assert_bad_request(
            client.get(format!("{base}/payments?limit=abc")),
            language,
            "query",
        )
        .await;
        // A form with a field of the wrong type, and a form of the wrong content type.
        assert_bad_request(
            client
                .post(format!("{base}/subscriptions"))
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body("limit=abc"),
            language,
            "form",
        )
        .await;
        assert_bad_request(
            client
                .post(format!("{base}/subscriptions"))
                .header(CONTENT_TYPE, "application/json")
                .body("{\"limit\": 1}"),
            language,
            "content_type",
        )
        .await;
    }
}

#[tokio::test]
async fn requests_that_parse_reach_their_handlers() {
    let base = start().await;
    let client = reqwest::Client::new();
    let ok = |r: reqwest::Response| async move {
        assert_eq!(r.status(), 200);
        r.text().await.unwrap()
    };
    let charged = client
        .post(format!("{base}/charges"))
        .header(CONTENT_TYPE, "application/json")
        .body("{\"amount_cents\": 1250}")
        .send()
        .await
        .unwrap();
    assert_eq!(ok(charged).await, "1250");
    let payment = client
        .get(format!("{base}/payments/42"))
        .send()
        .await
        .unwrap();
    assert_eq!(ok(payment).await, "42");
    let list = client
        .get(format!("{base}/payments?limit=5"))
        .send()
        .await
        .unwrap();
    assert_eq!(ok(list).await, "5");
    let form = client
        .post(format!("{base}/subscriptions"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("limit=7")
        .send()
        .await
        .unwrap();
    assert_eq!(ok(form).await, "7");
}

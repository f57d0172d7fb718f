//! End to end: the example payments service (`examples/payments`) on 127.0.0.1, called over
//! real HTTP with reqwest; each response is checked on the wire (status, headers, body) and
//! parsed back with the client side into the same code and params.

#[path = "../examples/payments/app.rs"]
mod app;
#[path = "../examples/payments/errors.rs"]
mod errors;
#[path = "../examples/payments/openapi.rs"]
mod openapi;

use std::time::Duration;

use flux_codes::ErrorCode;
use flux_codes::client::{RemoteError, RetryAfter};
use reqwest::header::{CONTENT_LANGUAGE, CONTENT_TYPE, HeaderMap, LOCATION, RETRY_AFTER, VARY};
use serde_json::{Value, json};

/// Starts the service on an ephemeral port of 127.0.0.1; it lives as long as the test's runtime.
async fn start() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app::app()).await.unwrap() });
    format!("http://{addr}")
}

struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }

    fn header(&self, name: impl reqwest::header::AsHeaderName) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    fn remote_error(&self) -> RemoteError {
        let status = reqwest::StatusCode::from_u16(self.status).unwrap();
        RemoteError::from_http(status, &self.headers, &self.body)
    }

    /// The wire contract of every error response.
    fn assert_problem(&self, status: u16, language: &str) {
        assert_eq!(self.status, status);
        assert_eq!(self.header(CONTENT_TYPE), Some("application/problem+json"));
        assert_eq!(self.header(CONTENT_LANGUAGE), Some(language));
        assert_eq!(self.header(VARY), Some("accept-language"));
    }
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.unwrap();
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.bytes().await.unwrap().to_vec(),
    }
}

async fn pay(base: &str, accept_language: Option<&str>, body: Value) -> Answer {
    let mut request = reqwest::Client::new()
        .post(format!("{base}/payments"))
        .header(CONTENT_TYPE, "application/json")
        .body(body.to_string());
    if let Some(languages) = accept_language {
        request = request.header("accept-language", languages);
    }
    send(request).await
}

#[tokio::test]
async fn a_limit_error_answers_in_english_and_spanish_and_parses_back() {
    let base = start().await;
    let body = json!({ "qr": "qr_coffee_shop", "amount": "900.00", "reference": "order-1" });

    let en = pay(&base, None, body.clone()).await;
    en.assert_problem(422, "en");
    assert_eq!(
        en.json(),
        json!({
            "type": "https://docs.flux.example/errors#ERR_MAX_AMOUNT_EXCEEDED",
            "title": "The payment amount is above the maximum allowed.",
            "status": 422,
            "detail": "The maximum amount for this payment is 500.00.",
            "code": "ERR_MAX_AMOUNT_EXCEEDED", // flux-codes: allow (wire format)
            "retryable": false,
            "params": { "max_amount": "500.00" }
        })
    );

    let es = pay(&base, Some("es-CL,es;q=0.9,en;q=0.8"), body).await;
    es.assert_problem(422, "es");
    let es_body = es.json();
    assert_eq!(
        es_body["title"],
        ErrorCode::MaxAmountExceeded.message(flux_codes::Locale::Es)
    );
    assert_eq!(
        es_body["detail"],
        "El monto máximo para este pago es 500,00."
    );
    assert_eq!(es_body["code"], en.json()["code"]);
    assert_eq!(es_body["params"], en.json()["params"]);

    for answer in [&en, &es] {
        let err = answer.remote_error();
        assert_eq!(err.status(), 422);
        assert_eq!(err.error_code(), Some(ErrorCode::MaxAmountExceeded));
        assert_eq!(err.params().collect::<Vec<_>>(), [("max_amount", "500.00")]);
        assert!(!err.is_retryable());
        assert_eq!(err.retry_after(), None);
    }
    assert_eq!(
        es.remote_error().detail(),
        Some("El monto máximo para este pago es 500,00.")
    );
}

#[tokio::test]
async fn a_timeout_is_retryable_after_the_delay_it_gives() {
    let base = start().await;
    let body = json!({ "qr": "qr_issuer_timeout", "amount": "10", "reference": "order-2" });
    let answer = pay(&base, Some("es"), body).await;
    answer.assert_problem(504, "es");
    assert_eq!(answer.header(RETRY_AFTER), Some("2"));
    let err = answer.remote_error();
    assert_eq!(err.error_code(), Some(ErrorCode::NetworkTimeout));
    assert!(err.is_retryable());
    assert_eq!(
        err.retry_after(),
        Some(RetryAfter::Delay(Duration::from_secs(2)))
    );
    assert_eq!(
        err.title(),
        Some("Se agotó el tiempo de espera de la solicitud.")
    );
}

#[tokio::test]
async fn a_server_error_body_leaks_nothing_of_its_cause() {
    let base = start().await;
    let body = json!({ "qr": "qr_ledger_down", "amount": "10", "reference": "order-3" });
    let answer = pay(&base, None, body).await;
    answer.assert_problem(500, "en");
    assert_eq!(
        answer.json(),
        json!({
            "type": "https://docs.flux.example/errors#ERR_SERVER",
            "title": "An internal server error occurred.",
            "status": 500,
            "code": "ERR_SERVER", // flux-codes: allow (wire format)
            "retryable": true
        })
    );
    let text = String::from_utf8(answer.body.clone()).unwrap();
    assert!(
        !text.contains("ledger") && !text.contains("10.1.2.3"),
        "{text}"
    );
}

#[tokio::test]
async fn a_payment_is_created_read_back_and_its_reference_is_then_taken() {
    let base = start().await;
    let body = json!({ "qr": "qr_coffee_shop", "amount": "12.5", "reference": "order-4" });
    let created = pay(&base, None, body.clone()).await;
    assert_eq!(created.status, 201);
    let payment = created.json();
    assert_eq!(payment["amount"], "12.50");
    assert_eq!(payment["status"], "approved");
    let location = created.header(LOCATION).unwrap().to_owned();
    assert_eq!(
        location,
        format!("/payments/{}", payment["id"].as_str().unwrap())
    );

    let read = send(reqwest::Client::new().get(format!("{base}{location}"))).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.json(), payment);

    let again = pay(&base, Some("es"), body).await;
    again.assert_problem(409, "es");
    let err = again.remote_error();
    assert_eq!(err.error_code(), Some(ErrorCode::ReferenceAlreadyExists));
    assert_eq!(err.instance(), Some(location.as_str()));
    assert_eq!(err.extensions().unwrap()["payment_id"], payment["id"]);
}

#[tokio::test]
async fn lookups_and_bad_bodies_are_problems_too() {
    let base = start().await;
    let client = reqwest::Client::new();

    let missing = send(
        client
            .get(format!("{base}/payments/pay_999"))
            .header("accept-language", "es-MX"),
    )
    .await;
    missing.assert_problem(404, "es");
    assert_eq!(missing.json()["detail"], "No hay ningún pago con este id.");
    assert_eq!(
        missing.remote_error().error_code(),
        Some(ErrorCode::NotFound)
    );

    let nowhere = send(client.get(format!("{base}/nowhere"))).await;
    nowhere.assert_problem(404, "en");
    assert_eq!(nowhere.json()["detail"], "There is no such resource.");

    // The service writes no conversion: `flux_codes::axum::Json` answers what it cannot parse
    // with the catalog's `bad_request` code, in the caller's language.
    for (language, locale) in [("es-CL", "es"), ("en", "en")] {
        let not_json = send(
            client
                .post(format!("{base}/payments"))
                .header(CONTENT_TYPE, "application/json")
                .header("accept-language", language)
                .body("{not json"),
        )
        .await;
        not_json.assert_problem(400, locale);
        assert_eq!(
            not_json.remote_error().error_code(),
            Some(ErrorCode::BAD_REQUEST)
        );
        assert_eq!(not_json.json()["reason"], "json_syntax");
        assert_eq!(
            not_json.json()["title"],
            ErrorCode::BAD_REQUEST.message(locale.parse().unwrap())
        );
        let not_typed = send(
            client
                .post(format!("{base}/payments"))
                .header(CONTENT_TYPE, "text/plain")
                .header("accept-language", language)
                .body("{}"),
        )
        .await;
        not_typed.assert_problem(400, locale);
        assert_eq!(not_typed.json()["reason"], "content_type");
    }

    let malformed_qr = pay(
        &base,
        None,
        json!({ "qr": "QR!", "amount": "1", "reference": "r" }),
    )
    .await;
    malformed_qr.assert_problem(400, "en");
    assert_eq!(malformed_qr.json()["code"], "ERR_QR_MALFORMED"); // flux-codes: allow (wire format)

    let unknown_field = pay(
        &base,
        None,
        json!({ "qr": "qr_a", "amount": "1", "reference": "r", "tip": 1 }),
    )
    .await;
    unknown_field.assert_problem(400, "en");

    let small = pay(
        &base,
        None,
        json!({ "qr": "qr_coffee_shop", "amount": "0.50", "reference": "r" }),
    )
    .await;
    small.assert_problem(422, "en");
    assert_eq!(small.remote_error().param("min_amount"), Some("1.00"));
}

#[tokio::test]
async fn the_served_document_references_only_components_it_has() {
    let base = start().await;
    let answer = send(reqwest::Client::new().get(format!("{base}/openapi.json"))).await;
    assert_eq!(answer.status, 200);
    let document = answer.json();
    assert_eq!(document["openapi"], "3.1.0");
    let mut refs = Vec::new();
    collect_refs(&document, &mut refs);
    assert!(refs.len() > 10, "{refs:?}");
    for reference in refs {
        let pointer = reference.strip_prefix('#').expect("a local reference");
        assert!(
            document.pointer(pointer).is_some(),
            "{reference} does not resolve"
        );
    }
    // Every error status the service answers with is documented for its operation.
    let post = &document["paths"]["/payments"]["post"]["responses"];
    for status in ["400", "402", "404", "409", "410", "422", "500", "504"] {
        assert_eq!(
            post[status]["$ref"],
            format!("#/components/responses/Error{status}")
        );
    }
    assert_eq!(document, openapi::document());
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push(r.clone());
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

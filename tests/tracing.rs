//! The `tracing` event of an answered `ApiError`, captured by a subscriber of this test's own
//! (a real `tracing::Subscriber`, recording every event's level, target and fields).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use flux_codes::{ApiError, ErrorCode, Locale};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// One captured event.
#[derive(Debug, Clone, PartialEq)]
struct Captured {
    level: Level,
    target: String,
    fields: BTreeMap<String, String>,
}

/// Records every event; spans are not used by the crate.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Captured>>>);

impl Capture {
    fn events(&self) -> Vec<Captured> {
        self.0.lock().unwrap().clone()
    }

    /// Runs `f` with this subscriber as the default, returning what it captured.
    fn run(f: impl FnOnce()) -> Vec<Captured> {
        let capture = Capture::default();
        tracing::subscriber::with_default(capture.clone(), f);
        capture.events()
    }
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(Captured {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields,
        });
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[derive(Debug)]
struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection refused")
    }
}

impl std::error::Error for Refused {}

#[derive(Debug)]
struct LedgerDown(Refused);

impl fmt::Display for LedgerDown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ledger at 10.1.2.3 is down")
    }
}

impl std::error::Error for LedgerDown {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

#[test]
fn a_5xx_is_an_error_event_with_its_cause_chain() {
    let error = ApiError::new(ErrorCode::Server).cause(LedgerDown(Refused));
    let events = Capture::run(|| {
        let body = serde_json::to_string(&error.to_problem(Locale::Es)).unwrap();
        assert!(
            !body.contains("10.1.2.3"),
            "the cause is logged, never sent"
        );
    });
    assert_eq!(
        events,
        [Captured {
            level: Level::ERROR,
            target: "flux_codes".to_owned(),
            fields: fields(&[
                ("error.type", ErrorCode::Server.as_str()),
                ("http.response.status_code", "500"),
                (
                    "error.retryable",
                    &ErrorCode::Server.is_retryable().to_string()
                ),
                (
                    "error.cause",
                    "ledger at 10.1.2.3 is down: connection refused"
                ),
                ("message", "answered ERR_SERVER (500)"),
            ]),
        }]
    );
}

#[test]
fn a_4xx_is_an_info_event_without_a_cause() {
    let error = ApiError::new(ErrorCode::MaxAmountExceeded)
        .param("max_amount", "500.00")
        .cause(Refused);
    let events = Capture::run(|| {
        error.to_problem(Locale::En);
    });
    assert_eq!(
        events,
        [Captured {
            level: Level::INFO,
            target: "flux_codes".to_owned(),
            fields: fields(&[
                ("error.type", ErrorCode::MaxAmountExceeded.as_str()),
                ("http.response.status_code", "422"),
                ("error.retryable", "false"),
                ("message", "answered ERR_MAX_AMOUNT_EXCEEDED (422)"),
            ]),
        }]
    );
}

/// The dynamic path's mistakes: answered with their code and status, without a detail, and
/// logged at `ERROR` with the code and the param's name.
#[test]
fn a_missing_or_misspelled_param_is_an_error_event_naming_it() {
    let missing = ApiError::new(ErrorCode::MaxAmountExceeded);
    let misspelled = ApiError::new(ErrorCode::MaxAmountExceeded).param("max_amout", "500.00");
    for (error, param, kind, why) in [
        (
            missing,
            "max_amount",
            "missing",
            "the detail of ERR_MAX_AMOUNT_EXCEEDED needs the param `max_amount`, which was not set",
        ),
        (
            misspelled,
            "max_amout",
            "unknown",
            "ERR_MAX_AMOUNT_EXCEEDED has no param `max_amout` (its params: [\"max_amount\"])",
        ),
    ] {
        let mut body = String::new();
        let events = Capture::run(|| {
            body = serde_json::to_string(&error.to_problem(Locale::Es)).unwrap();
        });
        let value: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(value["status"], 422, "{body}");
        assert_eq!(value["code"], ErrorCode::MaxAmountExceeded.as_str());
        assert_eq!(value["retryable"], false);
        assert!(value.get("detail").is_none(), "{body}");
        assert_eq!(
            events,
            [Captured {
                level: Level::ERROR,
                target: "flux_codes".to_owned(),
                fields: fields(&[
                    ("error.type", ErrorCode::MaxAmountExceeded.as_str()),
                    ("http.response.status_code", "422"),
                    ("error.retryable", "false"),
                    ("error.param", param),
                    ("error.param_error", kind),
                    (
                        "message",
                        &format!(
                            "answered ERR_MAX_AMOUNT_EXCEEDED (422) without its detail: {why}"
                        ),
                    ),
                ]),
            }]
        );
    }
}

#[test]
fn displaying_or_serializing_an_error_is_not_answering_it() {
    let error = ApiError::new(ErrorCode::Server).cause(Refused);
    let events = Capture::run(|| {
        let _ = error.to_string();
        let _ = serde_json::to_string(&error).unwrap();
    });
    assert_eq!(events, []);
}

/// A gRPC answer is one event too, in whatever locale it is rendered.
#[cfg(feature = "tonic")]
#[test]
fn a_grpc_status_is_one_event() {
    let error = ApiError::new(ErrorCode::Server).cause(Refused);
    let events = Capture::run(|| {
        let _ = error.to_status(Locale::Es);
    });
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].fields["error.type"], ErrorCode::Server.as_str());
}

/// Through axum, over real HTTP: one event per answered request, whatever locale the
/// middleware renders it in.
#[cfg(feature = "axum")]
#[test]
fn an_axum_answer_is_one_event() {
    use axum::{Router, middleware, routing::get};

    async fn fail() -> Result<&'static str, ApiError> {
        Err(ApiError::new(ErrorCode::Server).cause(Refused))
    }
    let app: Router = Router::new()
        .route("/", get(fail))
        .layer(middleware::from_fn(flux_codes::axum::localize));
    // One thread: the server's task runs under this test's subscriber.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let events = Capture::run(|| {
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let url = format!("http://{}/", listener.local_addr().unwrap());
            tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
            let response = reqwest::Client::new()
                .get(url)
                .header("accept-language", "es-CL")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 500);
            assert_eq!(response.headers()["content-language"], "es");
        });
    });
    // hyper and reqwest log too; the crate's events have its target.
    let ours: Vec<&Captured> = events.iter().filter(|e| e.target == "flux_codes").collect();
    assert_eq!(ours.len(), 1, "{events:#?}");
    assert_eq!(ours[0].fields["error.cause"], "connection refused");
}

/// Over gRPC: `From<ApiError> for Status` answers the error (one event), and `LocalizeLayer`
/// rendering it again in the caller's locale adds none.
#[cfg(feature = "tonic")]
#[test]
fn a_grpc_answer_is_one_event() {
    use std::convert::Infallible;
    use std::future::{Ready, ready};
    use std::task::{Context, Poll};

    use flux_codes::tonic::LocalizeLayer;
    use tower_layer::Layer;
    use tower_service::Service;

    /// A handler's answer, as tonic's server turns an error into a response.
    struct Failing;
    impl Service<http::Request<()>> for Failing {
        type Response = http::Response<()>;
        type Error = Infallible;
        type Future = Ready<Result<http::Response<()>, Infallible>>;
        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
            Poll::Ready(Ok(()))
        }
        fn call(&mut self, _: http::Request<()>) -> Self::Future {
            let status = tonic::Status::from(ApiError::new(ErrorCode::Server).cause(Refused));
            ready(Ok(status.into_http()))
        }
    }

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let events = Capture::run(|| {
        let mut service = LocalizeLayer.layer(Failing);
        let request = http::Request::builder()
            .header("accept-language", "es-CL")
            .body(())
            .unwrap();
        let response = runtime.block_on(service.call(request)).unwrap();
        let status = tonic::Status::from_header_map(response.headers()).unwrap();
        assert_eq!(status.code(), tonic::Code::Internal);
    });
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].fields["error.type"], "ERR_SERVER"); // flux-codes: allow
}

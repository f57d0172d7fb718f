//! End to end over gRPC: a small payments service on tonic, on 127.0.0.1, answers with
//! `ApiError`s through `LocalizeLayer`; a real tonic client calls it, with `accept-language:
//! es-CL` and with none, and checks the gRPC code, the message, every AIP-193 detail decoded
//! with tonic-types, and that `RemoteError::from_status` gives back the code and params.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use flux_codes::client::{Code, RemoteError, RetryAfter};
use flux_codes::tonic::LocalizeLayer;
use flux_codes::{ApiError, ErrorCode, Locale};
use tokio::sync::oneshot;
use tonic::body::Body;
use tonic::server::{Grpc, NamedService, UnaryService};
use tonic::transport::server::TcpIncoming;
use tonic::transport::{Channel, Server};
use tonic::{Code as GrpcCode, Request, Response, Status};
use tonic_prost::ProstCodec;
use tonic_types::{ErrorDetails, StatusExt};

// ---- the example service: `flux.payments.v1.Payments/Pay` ------------------------------------

#[derive(Clone, PartialEq, prost::Message)]
struct PayRequest {
    #[prost(string, tag = "1")]
    qr: String,
    /// Cents.
    #[prost(uint64, tag = "2")]
    amount: u64,
    #[prost(string, tag = "3")]
    reference: String,
}

#[derive(Clone, PartialEq, prost::Message)]
struct Payment {
    #[prost(string, tag = "1")]
    id: String,
    /// The locale `LocalizeLayer` negotiated for the call.
    #[prost(string, tag = "2")]
    locale: String,
}

const PAY: &str = "/flux.payments.v1.Payments/Pay";
const MAX_CENTS: u64 = 50_000;

/// The handler: what a Flux service writes, `?` on `ApiError`s included.
async fn pay(request: Request<PayRequest>) -> Result<Response<Payment>, Status> {
    let locale = *request.extensions().get::<Locale>().expect("LocalizeLayer");
    let request = request.into_inner();
    charge(&request)?;
    Ok(Response::new(Payment {
        id: "pay_1".into(),
        locale: locale.as_str().into(),
    }))
}

fn charge(request: &PayRequest) -> Result<(), ApiError> {
    match request.qr.as_str() {
        "qr_expired" => return Err(ApiError::new(ErrorCode::QrExpired)),
        "qr_issuer_timeout" => {
            return Err(ApiError::new(ErrorCode::NetworkTimeout)
                .detail("The issuer did not answer in time.")
                .retry_after(Duration::from_secs(2)));
        }
        "qr_ledger_down" => {
            return Err(ApiError::new(ErrorCode::Server)
                .cause(std::io::Error::other("ledger at 10.1.2.3 refused")));
        }
        "qr_hostile" => {
            return Err(ApiError::new(ErrorCode::NetworkTimeout).detail(HOSTILE_DETAIL));
        }
        "qr_coffee_shop" => {}
        _ => return Err(ApiError::new(ErrorCode::QrUnknown)),
    }
    if request.amount > MAX_CENTS {
        return Err(ApiError::new(ErrorCode::MaxAmountExceeded).param("max_amount", "500.00"));
    }
    if request.reference == "ref_used" {
        return Err(ApiError::new(ErrorCode::ReferenceAlreadyExists));
    }
    Ok(())
}

/// A service's own detail holding what a header must not carry raw: CR LF followed by a header
/// of its own, NUL, a bidi override, a line separator, `%` and a percent escape, non-ASCII.
const HOSTILE_DETAIL: &str = "Timed out\r\ngrpc-status: 0\n\u{0}NUL \u{202E}lortnoc\u{202C} \
                              \u{2028}100% %0D%0A ñandú 🚀 \"q\" \\ </b>";

/// Statuses no `ApiError` of this catalog makes: a newer server's code, another service's,
/// and a plain status without details.
fn foreign(qr: &str) -> Option<Status> {
    let newer = |domain: &str, reason: &str| {
        let mut metadata = HashMap::new();
        metadata.insert("limit".to_owned(), "100".to_owned());
        let details = ErrorDetails::with_error_info(reason, domain, metadata);
        let mut details = details;
        details.set_retry_info(Some(Duration::from_secs(30)));
        Status::with_error_details(GrpcCode::ResourceExhausted, "Slow down.", details)
    };
    match qr {
        "qr_newer" => Some(newer("flux.example", "ERR_RATE_LIMITED")),
        // Another domain's reason that happens to be one of our code strings.
        "qr_other_service" => Some(newer("other.example", "ERR_QR_EXPIRED")), // flux-codes: allow
        "qr_unshaped" => Some(newer("other.example", "rate-limited")),
        "qr_plain" => Some(Status::unavailable("down for maintenance")),
        _ => None,
    }
}

/// The service's glue, as tonic's code generator would write it (without protoc).
#[derive(Clone)]
struct PaymentsServer;

impl NamedService for PaymentsServer {
    const NAME: &'static str = "flux.payments.v1.Payments";
}

struct PaySvc;

impl UnaryService<PayRequest> for PaySvc {
    type Response = Payment;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Payment>, Status>> + Send>>;

    fn call(&mut self, request: Request<PayRequest>) -> Self::Future {
        if let Some(status) = foreign(&request.get_ref().qr) {
            return Box::pin(async move { Err(status) });
        }
        Box::pin(pay(request))
    }
}

impl tower_service::Service<http::Request<Body>> for PaymentsServer {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        Box::pin(async move {
            if request.uri().path() != PAY {
                return Ok(Status::unimplemented("no such method").into_http());
            }
            let mut grpc = Grpc::new(ProstCodec::<Payment, PayRequest>::default());
            Ok(grpc.unary(PaySvc, request).await)
        })
    }
}

// ---- server and client ----------------------------------------------------------------------

struct Running {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    server: tokio::task::JoinHandle<()>,
}

async fn start() -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        Server::builder()
            .layer(LocalizeLayer)
            .serve_with_incoming_shutdown(PaymentsServer, TcpIncoming::from(listener), async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
    });
    Running {
        addr,
        stop: Some(stop),
        server,
    }
}

impl Running {
    /// A client's channel to the server.
    async fn connect(&self) -> Channel {
        Channel::from_shared(format!("http://{}", self.addr))
            .unwrap()
            .connect()
            .await
            .unwrap()
    }

    async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(10), self.server)
            .await
            .expect("the server stops")
            .unwrap();
    }
}

async fn call(
    channel: &Channel,
    accept_language: Option<&str>,
    qr: &str,
    amount: u64,
    reference: &str,
) -> Result<Payment, Status> {
    let mut client = tonic::client::Grpc::new(channel.clone());
    client.ready().await.unwrap();
    let mut request = Request::new(PayRequest {
        qr: qr.into(),
        amount,
        reference: reference.into(),
    });
    if let Some(value) = accept_language {
        request
            .metadata_mut()
            .insert("accept-language", value.parse().unwrap());
    }
    let codec = ProstCodec::<PayRequest, Payment>::default();
    let path = http::uri::PathAndQuery::from_static(PAY);
    client
        .unary(request, path, codec)
        .await
        .map(Response::into_inner)
}

async fn error(channel: &Channel, accept_language: Option<&str>, qr: &str, amount: u64) -> Status {
    call(channel, accept_language, qr, amount, "ref_1")
        .await
        .expect_err("the call fails")
}

/// The message of `err` in `locale`, as the server composes it: the code's message, then the
/// detail.
fn sentence(err: &ApiError, locale: Locale) -> String {
    let problem = err.to_problem(locale);
    match problem.detail() {
        Some(detail) => format!("{} {detail}", problem.title()),
        None => problem.title().to_owned(),
    }
}

/// Checks one failed call against the `ApiError` the handler answered with: code, message,
/// every detail, and the client's reading of it.
fn check(status: &Status, expected: &ApiError, locale: Locale, retry_delay: Option<Duration>) {
    let code = expected.code();
    let what = format!("{code} in {locale:?}");
    assert_eq!(status.code(), code.tonic_code(), "{what}");
    assert_eq!(status.message(), sentence(expected, Locale::En), "{what}");

    let details = status.check_error_details().expect("the details decode");
    let info = details.error_info().expect("ErrorInfo");
    assert_eq!(info.reason, code.as_str(), "{what}");
    assert_eq!(info.domain, "flux.example", "{what}");
    let params: HashMap<String, String> = expected
        .params()
        .map(|(n, v)| (n.to_owned(), v.to_string()))
        .collect();
    assert_eq!(info.metadata, params, "{what}");
    let localized = details.localized_message().expect("LocalizedMessage");
    assert_eq!(localized.locale, locale.as_str(), "{what}");
    assert_eq!(localized.message, sentence(expected, locale), "{what}");
    match details.retry_info() {
        Some(retry) => {
            assert!(
                code.is_retryable(),
                "{what}: RetryInfo on a code not retryable"
            );
            assert_eq!(retry.retry_delay, retry_delay, "{what}");
        }
        None => assert!(!code.is_retryable(), "{what}: no RetryInfo"),
    }
    let help = details.help().expect("Help");
    assert_eq!(help.links.len(), 1);
    assert_eq!(help.links[0].url, code.docs_url().unwrap(), "{what}");
    assert_eq!(help.links[0].description, code.as_str());
    // Nothing else: no DebugInfo, no cause.
    assert_eq!(
        status.get_error_details_vec().len(),
        4 - usize::from(!code.is_retryable())
    );

    let remote = RemoteError::from_status(status);
    assert_eq!(remote.error_code(), Some(code), "{what}");
    assert_eq!(remote.code(), Some(&Code::Known(code)));
    let got: Vec<(&str, &str)> = remote.params().collect();
    let want: Vec<(&str, String)> = expected.params().map(|(n, v)| (n, v.to_string())).collect();
    let got: Vec<(&str, String)> = got.into_iter().map(|(n, v)| (n, v.to_owned())).collect();
    assert_eq!(got, want, "{what}");
    assert_eq!(remote.is_retryable(), code.is_retryable(), "{what}");
    assert_eq!(remote.retry_after(), retry_delay.map(RetryAfter::Delay));
    assert_eq!(remote.status(), code.http_status());
    assert_eq!(remote.grpc_code(), Some(code.tonic_code()));
    assert_eq!(remote.grpc_message(), Some(status.message()));
    assert_eq!(remote.domain(), Some("flux.example"));
    assert_eq!(
        remote.localized_message(),
        Some((locale.as_str(), sentence(expected, locale).as_str()))
    );
    assert_eq!(
        remote.help_links().collect::<Vec<_>>(),
        [(code.as_str(), code.docs_url().unwrap())]
    );
}

#[tokio::test]
async fn a_real_tonic_client_reads_localized_rich_errors_from_a_real_server() {
    let server = start().await;
    let channel = server.connect().await;

    for (accept_language, locale) in [(Some("es-CL,es;q=0.9"), Locale::Es), (None, Locale::En)] {
        // A code with a param.
        let status = error(&channel, accept_language, "qr_coffee_shop", 90_000).await;
        let expected = ApiError::new(ErrorCode::MaxAmountExceeded).param("max_amount", "500.00");
        check(&status, &expected, locale, None);
        assert_eq!(status.code(), GrpcCode::FailedPrecondition);

        // A code without params.
        let status = error(&channel, accept_language, "qr_expired", 1_000).await;
        check(&status, &ApiError::new(ErrorCode::QrExpired), locale, None);

        // A retryable code with a retry delay and the service's own detail.
        let status = error(&channel, accept_language, "qr_issuer_timeout", 1_000).await;
        let expected =
            ApiError::new(ErrorCode::NetworkTimeout).detail("The issuer did not answer in time.");
        check(&status, &expected, locale, Some(Duration::from_secs(2)));
        assert_eq!(status.code(), GrpcCode::DeadlineExceeded);

        // A 409 the catalog maps to ALREADY_EXISTS.
        let status = call(
            &channel,
            accept_language,
            "qr_coffee_shop",
            1_000,
            "ref_used",
        )
        .await
        .unwrap_err();
        let expected = ApiError::new(ErrorCode::ReferenceAlreadyExists);
        check(&status, &expected, locale, None);
        assert_eq!(status.code(), GrpcCode::AlreadyExists);

        // The internal cause is never sent.
        let status = error(&channel, accept_language, "qr_ledger_down", 1_000).await;
        check(&status, &ApiError::new(ErrorCode::Server), locale, None);
        assert_eq!(status.code(), GrpcCode::Internal);
        let wire = format!("{} {:?}", status.message(), status.details());
        assert!(
            !wire.contains("10.1.2.3") && !wire.contains("ledger"),
            "{wire}"
        );
    }

    // The Spanish texts, spelled out once.
    let status = error(&channel, Some("es-CL"), "qr_coffee_shop", 90_000).await;
    let remote = RemoteError::from_status(&status);
    assert_eq!(
        remote.localized_message(),
        Some((
            "es",
            "El monto del pago supera el máximo permitido. El monto máximo para este pago es 500,00."
        ))
    );
    assert_eq!(remote.param("max_amount"), Some("500.00"));

    // A successful call sees the negotiated locale; a language the catalog lacks falls back.
    for (accept_language, locale) in [(Some("es-CL"), "es"), (Some("fr"), "en"), (None, "en")] {
        let payment = call(&channel, accept_language, "qr_coffee_shop", 1_000, "ref_2")
            .await
            .unwrap();
        assert_eq!(payment.locale, locale);
    }
    let status = error(&channel, Some("fr, *;q=0"), "qr_expired", 1_000).await;
    check(
        &status,
        &ApiError::new(ErrorCode::QrExpired),
        Locale::En,
        None,
    );

    server.stop().await;
}

/// gRPC sends the message in the `grpc-message` header: a detail with line breaks, NUL, bidi
/// controls and `%` is percent-encoded there (visible ASCII only, so it cannot end the header or
/// start another), and the client decodes exactly the text the server composed, in the message
/// and in `LocalizedMessage`.
#[tokio::test]
async fn a_hostile_detail_reaches_the_client_exactly_and_never_raw_in_a_header() {
    let expected = ApiError::new(ErrorCode::NetworkTimeout).detail(HOSTILE_DETAIL);

    // What tonic puts on the wire for this status.
    let response = expected.to_status(Locale::Es).into_http::<Body>();
    let header = response.headers()["grpc-message"].as_bytes();
    assert!(
        header.iter().all(|b| (0x20..0x7f).contains(b)),
        "grpc-message carries only visible ASCII: {header:?}"
    );
    assert!(!header.windows(2).any(|w| w == b"\r\n"));
    assert_eq!(
        response.headers()["grpc-status"],
        (GrpcCode::DeadlineExceeded as i32).to_string().as_str(),
        "the status is the code's, not one the detail injects"
    );

    let server = start().await;
    let channel = server.connect().await;
    for (accept_language, locale) in [(Some("es"), Locale::Es), (None, Locale::En)] {
        let status = error(&channel, accept_language, "qr_hostile", 1_000).await;
        check(&status, &expected, locale, None);
        assert!(
            status.message().contains(HOSTILE_DETAIL),
            "{:?}",
            status.message()
        );
    }
    server.stop().await;
}

#[tokio::test]
async fn unknown_reasons_and_plain_statuses_are_kept_as_strings() {
    let server = start().await;
    let channel = server.connect().await;

    // A newer server's code in our domain: kept as a string, retryable by its RetryInfo.
    let status = error(&channel, Some("es"), "qr_newer", 0).await;
    let remote = RemoteError::from_status(&status);
    // flux-codes: allow-start (a code newer than the catalog)
    assert_eq!(
        remote.code(),
        Some(&Code::Unknown("ERR_RATE_LIMITED".into()))
    );
    assert_eq!(remote.reason(), Some("ERR_RATE_LIMITED"));
    // flux-codes: allow-end
    assert_eq!(remote.error_code(), None);
    assert_eq!(remote.domain(), Some("flux.example"));
    assert_eq!(remote.param("limit"), Some("100"));
    assert!(remote.is_retryable());
    assert_eq!(
        remote.retry_after(),
        Some(RetryAfter::Delay(Duration::from_secs(30)))
    );
    assert_eq!(remote.status(), 429);
    assert_eq!(remote.grpc_code(), Some(GrpcCode::ResourceExhausted));
    assert_eq!(remote.grpc_message(), Some("Slow down."));
    // Not an `ApiError`: the layer leaves it as it is.
    assert_eq!(remote.localized_message(), None);

    // Another service's error: one of our code strings, in another domain, is not our code.
    let remote = RemoteError::from_status(&error(&channel, None, "qr_other_service", 0).await);
    let foreign = Code::Unknown("ERR_QR_EXPIRED".into()); // flux-codes: allow
    assert_eq!(remote.code(), Some(&foreign));
    assert_eq!(remote.domain(), Some("other.example"));
    assert_eq!(remote.error_code(), None);

    // A reason without a code's shape is no code, and is kept.
    let remote = RemoteError::from_status(&error(&channel, None, "qr_unshaped", 0).await);
    assert_eq!(remote.code(), None);
    assert_eq!(remote.reason(), Some("rate-limited"));

    // No details at all: the gRPC code decides.
    let remote = RemoteError::from_status(&error(&channel, None, "qr_plain", 0).await);
    assert_eq!(remote.code(), None);
    assert_eq!(remote.reason(), None);
    assert!(remote.is_retryable());
    assert_eq!(remote.status(), 503);
    assert_eq!(remote.grpc_message(), Some("down for maintenance"));
    assert_eq!(remote.to_string(), "gRPC status 14: down for maintenance");

    server.stop().await;
}

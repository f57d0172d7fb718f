//! An example Flux service over gRPC: the payments sandbox's `Pay` call on tonic, whose errors
//! are `flux_codes::ApiError`s answered in Google's rich error model (AIP-193), in the language
//! of the call's `accept-language` metadata ([`flux_codes::tonic::LocalizeLayer`]).
//!
//! ```text
//! cargo run --features tonic --example payments_grpc -- [--port N]   # 127.0.0.1, port 0 = any
//! ```
//!
//! It prints `listening on 127.0.0.1:PORT` once it accepts connections, and stops on Ctrl-C
//! (SIGINT) or when killed. The API is `examples/payments_grpc/payments.proto`; a client in any
//! language compiles its stubs from it. `scripts/test.sh` runs a Python client (grpcio,
//! grpcio-status, googleapis-common-protos: `tests/grpc-python`) against it.
//!
//! | `qr` of the request | answer |
//! |---|---|
//! | `qr_coffee_shop` | a payment, or `ERR_MAX_AMOUNT_EXCEEDED` over 500.00 (50,000 cents), `ERR_REFERENCE_ALREADY_EXISTS` for the reference `ref_used` |
//! | `qr_expired` | `ERR_QR_EXPIRED` |
//! | `qr_issuer_timeout` | `ERR_NETWORK_TIMEOUT`, retryable after 2 seconds (`RetryInfo`) |
//! | anything else | `ERR_QR_UNKNOWN` |
//!
//! The service's glue (`PaymentsServer`) is what `tonic-build` generates from the proto, written
//! out so the example builds without `protoc`.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::task::{Context, Poll};
use std::time::Duration;

use flux_codes::tonic::LocalizeLayer;
use flux_codes::{ApiError, Decimal, ErrorCode, Locale, errors};
use tonic::body::Body;
use tonic::server::{Grpc, NamedService, UnaryService};
use tonic::transport::Server;
use tonic::transport::server::TcpIncoming;
use tonic::{Request, Response, Status};
use tonic_prost::ProstCodec;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port = match args.as_slice() {
        [] => 0,
        [flag, port] if flag == "--port" => match port.parse() {
            Ok(port) => port,
            Err(_) => return usage(),
        },
        _ => return usage(),
    };
    serve(port)
}

fn usage() -> ExitCode {
    eprintln!("usage: payments_grpc [--port N]");
    ExitCode::from(2)
}

fn serve(port: u16) -> ExitCode {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let addr = listener.local_addr().expect("a bound address");
        println!("listening on {addr}");
        let stop = async {
            // Without a signal handler (an error here), run until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        let served = Server::builder()
            .layer(LocalizeLayer)
            .serve_with_incoming_shutdown(PaymentsServer, TcpIncoming::from(listener), stop)
            .await;
        match served {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("the server failed: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

// ---- the messages of payments.proto -----------------------------------------------------------

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

// ---- the handler ------------------------------------------------------------------------------

/// The largest amount, in cents.
const MAX_CENTS: u64 = 50_000;

/// `Pay`: what a Flux service writes; an `ApiError` becomes the call's `Status` with `?`.
async fn pay(request: Request<PayRequest>) -> Result<Response<Payment>, Status> {
    let locale = request
        .extensions()
        .get::<Locale>()
        .copied()
        .unwrap_or(Locale::DEFAULT);
    charge(request.get_ref())?;
    Ok(Response::new(Payment {
        id: format!("pay_{}", request.get_ref().reference),
        locale: locale.as_str().to_owned(),
    }))
}

fn charge(request: &PayRequest) -> Result<(), ApiError> {
    match request.qr.as_str() {
        "qr_coffee_shop" => {}
        "qr_expired" => return Err(errors::QrExpired.into()),
        "qr_issuer_timeout" => {
            return Err(ApiError::new(ErrorCode::NetworkTimeout)
                .detail("The issuer did not answer in time.")
                .retry_after(Duration::from_secs(2)));
        }
        _ => return Err(errors::QrUnknown.into()),
    }
    if request.amount > MAX_CENTS {
        let max_amount = Decimal::from_scaled(i128::from(MAX_CENTS), 2);
        return Err(errors::MaxAmountExceeded { max_amount }.into());
    }
    if request.reference == "ref_used" {
        return Err(errors::ReferenceAlreadyExists.into());
    }
    Ok(())
}

// ---- the service's glue, as tonic-build writes it -------------------------------------------------

const PAY: &str = "/flux.payments.v1.Payments/Pay";

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

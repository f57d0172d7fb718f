//! Flux's error codes for Rust services and clients: [`ErrorCode`], one variant per code of the
//! Flux catalog (`codes.toml`, generated at build time), with every fact of each code; an
//! [`ApiError`] a service answers with, rendered as RFC 9457 `application/problem+json` in the
//! caller's language; and [`client::RemoteError`], what a client reads back from any error
//! response.
//!
//! A service answers with the type of its error's code, from [`errors`]: its fields are the
//! code's params, so the compiler checks their names and kinds.
//!
//! ```
//! use flux_codes::{ApiError, Locale, errors};
//!
//! let err = ApiError::from(errors::MaxAmountExceeded { max_amount: "500.00".parse()? });
//! // The caller's `Accept-Language` picks the language.
//! let problem = err.to_problem(Locale::negotiate("es-CL,es;q=0.9,en;q=0.8"));
//! assert_eq!(problem.status(), 422);
//! assert_eq!(problem.title(), "El monto del pago supera el máximo permitido.");
//! assert_eq!(problem.detail(), Some("El monto máximo para este pago es 500,00."));
//!
//! let err = errors::PinAttemptsExceeded { attempts_left: 2 };
//! assert_eq!(err.detail(Locale::Es), "Quedan 2 intentos antes de que se bloquee el medio de pago.");
//! assert_eq!(ApiError::from(errors::QrExpired).http_status(), 410);
//! # Ok::<(), flux_codes::DecimalError>(())
//! ```
//!
//! A code known only at run time takes the dynamic path, [`ApiError::new`] and
//! [`ApiError::param`]: a param it lacks or gets wrong leaves the detail out of the answer
//! (never a `{placeholder}`), keeps the code and status, and is logged at `ERROR`.
//!
//! ```
//! use flux_codes::{ErrorCode, Locale};
//!
//! let code: ErrorCode = "ERR_MAX_AMOUNT_EXCEEDED".parse().unwrap();
//! assert_eq!((code.http_status(), code.is_retryable()), (422, false));
//! assert_eq!(
//!     code.detail(Locale::Es, &[("max_amount", &12345.5)]).unwrap(),
//!     "El monto máximo para este pago es 12.345,5."
//! );
//! assert!(code.detail(Locale::Es, &[("max_amout", &1)]).is_err()); // names `max_amout`
//! ```
//!
//! # The main types
//!
//! | item | what it is |
//! |---|---|
//! | [`errors`] | one type per code, its params as typed fields: `ApiError::from(errors::QrExpired)` |
//! | [`ErrorCode`] | every code: `as_str` (the wire string), `http_status`, `is_retryable`, `category`, `message`, `hint`, `detail`, `params`, `param_kinds`, `docs_url`, `deprecation`; `FromStr`/`Display`, serde, strum |
//! | [`Locale`], [`Category`] | the catalog's languages (with [`Locale::negotiate`] for `Accept-Language`) and categories |
//! | [`ApiError`], [`Problem`] | the error a service answers with, and its problem+json body in one locale; the internal cause is logged, never sent |
//! | [`client::RemoteError`] | any error response read back: a known code, a code newer than this catalog, or a proxy's HTML page; `Retry-After` |
//! | [`FluxError`] | `#[derive(FluxError)]`: maps a service's own error enum to codes, checked at compile time |
//! | [`catalog!`] | the same API generated from another crate's own `codes.toml` (feature `catalog`) |
//! | [`CATALOG_JSON`] | the whole catalog as JSON, to serve as `/errors.json` |
//!
//! # Features
//!
//! | feature | default | adds |
//! |---|---|---|
//! | `tracing` | yes | an event per answered [`ApiError`] (below) |
//! | `http` | no | [`ErrorCode::status_code`] and `From<ErrorCode> for http::StatusCode`, [`ApiError::to_http_response`], [`client::RemoteError::from_http`], [`Locale::negotiate_headers`] |
//! | `axum` | no | `IntoResponse for ApiError`, the [`axum::localize`] middleware, the [`axum::AcceptLanguage`] extractor, and [`axum::Json`], [`axum::Path`], [`axum::Query`], [`axum::Form`], whose rejections are the catalog's `bad_request` problem (implies `http`) |
//! | `tonic` | no | gRPC errors in Google's rich error model (AIP-193): [`ApiError::to_status`] and `From<ApiError> for tonic::Status`, the [`tonic::LocalizeLayer`], [`client::RemoteError::from_status`] (implies `http`; see [`tonic`]) |
//! | `catalog` | no | [`catalog!`], which runs the generator inside the macro (so the build compiles it, its TOML parser and its ICU4X data for the host; without it a service compiles none of that) |
//!
//! Items behind a feature carry its badge ("Available on crate feature `axum` only"): docs.rs
//! builds these docs with every feature (`[package.metadata.docs.rs]`). A build with fewer
//! features links the items it leaves out to docs.rs.
//!
//! ## Errors over HTTP: the `axum` feature
//!
//! A handler returns `Err(ApiError)`; [`axum::localize`] answers it as problem+json in the
//! language the request's `Accept-Language` asks for, and [`axum::AcceptLanguage`] gives a
//! handler the negotiated [`Locale`]. Without axum, [`ApiError::to_http_response`] (feature
//! `http`) builds the same response for any `http`-based framework.
//!
//! ```
//! # #[cfg(feature = "axum")] {
//! use axum::{Router, middleware, routing::post};
//! use flux_codes::{ApiError, Decimal, errors};
//!
//! async fn pay() -> Result<&'static str, ApiError> {
//!     // 422, `{"type": ..., "title": "The payment amount is above the maximum allowed.", ...}`
//!     Err(errors::MaxAmountExceeded { max_amount: Decimal::from_scaled(50_000, 2) })?
//! }
//!
//! let app: Router = Router::new()
//!     .route("/payments", post(pay))
//!     .layer(middleware::from_fn(flux_codes::axum::localize));
//! # }
//! ```
//!
//! ## Errors over gRPC: the `tonic` feature
//!
//! The same `ApiError` answers a gRPC call as a `tonic::Status` in Google's rich error model
//! (AIP-193: `ErrorInfo`, `LocalizedMessage`, `RetryInfo`, `Help`; [`ApiError::to_status`]);
//! [`tonic::LocalizeLayer`] renders the `LocalizedMessage` in the language of the call's
//! `accept-language` metadata, and [`client::RemoteError::from_status`] reads any status back.
//! A runnable service: `cargo run --features tonic --example payments_grpc`.
//!
//! ```
//! # #[cfg(feature = "tonic")] {
//! use flux_codes::{ApiError, Decimal, errors};
//! use flux_codes::tonic::LocalizeLayer;
//! use tonic::Status;
//!
//! // A service method's body: `?` turns the `ApiError` into the call's `Status`.
//! fn charge(amount_cents: u64) -> Result<(), ApiError> {
//!     if amount_cents > 50_000 {
//!         let max_amount = Decimal::from_scaled(50_000, 2);
//!         return Err(errors::MaxAmountExceeded { max_amount }.into());
//!     }
//!     Ok(())
//! }
//! fn pay(amount_cents: u64) -> Result<(), Status> {
//!     Ok(charge(amount_cents)?)
//! }
//! assert_eq!(pay(60_000).unwrap_err().code(), tonic::Code::FailedPrecondition);
//!
//! // The server: every handler's `ApiError` answered in the caller's language.
//! let server = tonic::transport::Server::builder().layer(LocalizeLayer);
//! # drop(server);
//! # }
//! ```
//!
//! ## Logging: the `tracing` feature
//!
//! Answering an [`ApiError`] ([`ApiError::to_problem`], and so `to_http_response` and axum's
//! `IntoResponse`) emits one [`tracing`](https://docs.rs/tracing) event with target
//! `flux_codes`, at level `ERROR` for a 5xx and `INFO` for a 4xx, with the fields of
//! OpenTelemetry's semantic conventions where they exist:
//!
//! | field | value |
//! |---|---|
//! | `error.type` | the code, e.g. `ERR_SERVER` |
//! | `http.response.status_code` | its HTTP status |
//! | `error.retryable` | whether the client may retry the same request unchanged |
//! | `error.cause` | 5xx only: the internal cause and its sources, joined by `: ` |
//! | `error.param`, `error.param_error` | a param mistake of the dynamic path ([`ApiError::param_error`]), logged at `ERROR` whatever the status: the param's name and `missing`, `unknown` or `wrong_kind` |
//!
//! A subscriber decides what is kept (`tracing_subscriber`'s `EnvFilter`: `flux_codes=warn`
//! keeps the 5xx only, `flux_codes=off` none). To leave `tracing` out of the build, turn the
//! default features off:
//!
//! ```toml
//! [dependencies]
//! flux-codes = { version = "0.1", default-features = false, features = ["axum"] }
//! ```
//!
#![doc = include_str!("generated/flux_codes.md")]
//!
//! The repository's guide covers the catalog format, the `flux-codes` command and the exports
//! for other languages, one page per reader: <https://github.com/flux/flux-codes/tree/main/docs>.
//!
#![cfg_attr(docsrs, feature(doc_cfg))]
// The front page names items of every feature. A build without a feature (`cargo doc` with the
// default features) links them to their docs.rs page, built with every feature, instead of
// leaving them unresolved.
#![cfg_attr(
    not(feature = "http"),
    doc = "
[`ErrorCode::status_code`]: https://docs.rs/flux-codes/latest/flux_codes/enum.ErrorCode.html#method.status_code
[`ApiError::to_http_response`]: https://docs.rs/flux-codes/latest/flux_codes/struct.ApiError.html#method.to_http_response
[`client::RemoteError::from_http`]: https://docs.rs/flux-codes/latest/flux_codes/client/struct.RemoteError.html#method.from_http
[`Locale::negotiate_headers`]: https://docs.rs/flux-codes/latest/flux_codes/enum.Locale.html#method.negotiate_headers"
)]
#![cfg_attr(
    not(feature = "axum"),
    doc = "
[`axum::localize`]: https://docs.rs/flux-codes/latest/flux_codes/axum/fn.localize.html
[`axum::AcceptLanguage`]: https://docs.rs/flux-codes/latest/flux_codes/axum/struct.AcceptLanguage.html
[`axum::Json`]: https://docs.rs/flux-codes/latest/flux_codes/axum/struct.Json.html
[`axum::Path`]: https://docs.rs/flux-codes/latest/flux_codes/axum/struct.Path.html
[`axum::Query`]: https://docs.rs/flux-codes/latest/flux_codes/axum/struct.Query.html
[`axum::Form`]: https://docs.rs/flux-codes/latest/flux_codes/axum/struct.Form.html"
)]
#![cfg_attr(
    not(feature = "catalog"),
    doc = "
[`catalog!`]: https://docs.rs/flux-codes/latest/flux_codes/macro.catalog.html"
)]
#![cfg_attr(
    not(feature = "tonic"),
    doc = "
[`ApiError::to_status`]: https://docs.rs/flux-codes/latest/flux_codes/struct.ApiError.html#method.to_status
[`tonic::LocalizeLayer`]: https://docs.rs/flux-codes/latest/flux_codes/tonic/struct.LocalizeLayer.html
[`client::RemoteError::from_status`]: https://docs.rs/flux-codes/latest/flux_codes/client/struct.RemoteError.html#method.from_status
[`tonic`]: https://docs.rs/flux-codes/latest/flux_codes/tonic/index.html"
)]
#![forbid(unsafe_code)]

// The derive's and `catalog!`'s expansions name `::flux_codes`, in this crate too.
extern crate self as flux_codes;

mod answered;
mod api_error;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
pub mod client;
mod derive_support;
mod from_flux_error;
#[cfg(feature = "http")]
mod http;
mod message;
mod runtime;
mod string_enum;
#[cfg(feature = "tonic")]
#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
pub mod tonic;

pub use api_error::{
    ApiError, ExtensionError, MAX_EXTENSION_NAME, PROBLEM_JSON, ParamError, Problem,
    RESERVED_MEMBERS,
};
pub use derive_support::NumberArg;
pub use flux_codes_core::negotiate;
pub use flux_codes_core::{Decimal, DecimalError, DetailArg, ParamKind, ParamValue, Value};
pub use flux_codes_derive::FluxError;
#[cfg(feature = "catalog")]
#[cfg_attr(docsrs, doc(cfg(feature = "catalog")))]
pub use flux_codes_derive::catalog;
pub use message::DetailError;
pub use runtime::{ParseError, ParseErrorKind};

include!("generated/flux_codes.rs");

mod catalog_source;
// `src/generated/` is written from `codes.toml` by `cargo xtask codegen` and committed (see
// `catalog_source`); `include_bytes!` also makes cargo rebuild this crate when the file changes.
const _: () = assert!(
    catalog_source::fnv1a(include_bytes!("../codes.toml"))
        == include!("generated/codes_toml.fnv1a"),
    "codes.toml changed since src/generated/ was written: run `cargo xtask codegen`"
);

/// The whole catalog as JSON, generated at build time: byte for byte what
/// `flux-codes export --format json` writes as `catalog.json` (its JSON Schema is
/// `catalog.schema.json`), so a service can serve `/errors.json` without the CLI.
pub const CATALOG_JSON: &str = include_str!("generated/catalog.json");

/// What generated catalog code and `#[derive(FluxError)]` use; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::__string_enum_impls as string_enum_impls;
    pub use crate::derive_support::{
        MaybeParam, Message, NumberArg, contains, detail_conflict, param_kind,
        unfilled_placeholder, unknown_param,
    };
    pub use crate::from_flux_error::with_params;
    pub use crate::message::{DetailError, check_args, typed_detail};
    pub use crate::runtime::{ListTable, ParseError, TextTable, deserialize_str};
    pub use flux_codes_core::hash;
    pub use flux_codes_core::negotiate::negotiate;
    pub use flux_codes_core::{
        Decimal, DetailArg, LocaleData, ParamKind, ParamValue, Part, PluralCategory, PluralKey,
        Value, render,
    };
    pub use serde;
    pub use std::borrow::Cow;
    pub use strum;
}

/// The README's and the guide's examples, run as doctests (they are the repository's pages,
/// not the crate's documentation). Every page is included, so an example added to any of them
/// is compiled and run.
#[cfg(doctest)]
mod guide_doctests {
    #[doc = include_str!("../README.md")]
    pub struct Readme;
    #[doc = include_str!("../docs/rust-services.md")]
    pub struct RustServices;
    #[doc = include_str!("../docs/frontend-and-mobile.md")]
    pub struct FrontendAndMobile;
    #[doc = include_str!("../docs/translators.md")]
    pub struct Translators;
    #[doc = include_str!("../docs/catalog-authors.md")]
    pub struct CatalogAuthors;
    #[doc = include_str!("../docs/operators.md")]
    pub struct Operators;
    #[doc = include_str!("../docs/contributors.md")]
    pub struct Contributors;
}

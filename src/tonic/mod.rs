//! Feature `tonic`: the same [`ApiError`](crate::ApiError) answers gRPC calls, in the form
//! Google's APIs use for errors (AIP-193), and a gRPC client reads any such error back as a
//! [`RemoteError`](crate::client::RemoteError).
//!
//! - [`ApiError::to_status`](crate::ApiError::to_status) and `From<ApiError> for
//!   tonic::Status`: the code's gRPC status code (from the catalog: `grpc`, or derived from the
//!   HTTP status), the English (default-locale) message, and as details `ErrorInfo` (`reason`:
//!   the code string, `domain`: the catalog's, `metadata`: the params), `LocalizedMessage`,
//!   `RetryInfo` for a retryable code (with the error's retry delay, if set) and `Help` with the
//!   code's docs page. The internal cause is never sent.
//! - [`LocalizeLayer`]: a tower layer for a tonic server that negotiates each request's
//!   `accept-language` and re-renders the `LocalizedMessage` of every `ApiError` its handlers
//!   answer with in that locale, as the `axum` middleware does for HTTP. Handlers also find the
//!   negotiated [`Locale`](crate::Locale) in the request's extensions.
//! - [`RemoteError::from_status`](crate::client::RemoteError::from_status): the client side.
//!
//! ```
//! use flux_codes::{ApiError, ErrorCode, Locale};
//! use tonic_types::StatusExt;
//!
//! let err = ApiError::new(ErrorCode::MaxAmountExceeded).param("max_amount", "500.00");
//! let status = err.to_status(Locale::Es);
//! assert_eq!(status.code(), tonic::Code::FailedPrecondition);
//! assert_eq!(
//!     status.message(),
//!     "The payment amount is above the maximum allowed. The maximum amount for this payment is 500.00."
//! );
//! let details = status.get_error_details();
//! let info = details.error_info().unwrap();
//! assert_eq!((info.reason.as_str(), info.domain.as_str()), ("ERR_MAX_AMOUNT_EXCEEDED", "flux.example"));
//! assert_eq!(info.metadata["max_amount"], "500.00");
//! assert_eq!(details.localized_message().unwrap().locale, "es");
//! ```

mod layer;
mod remote;
mod status;

pub use layer::{Localize, LocalizeFuture, LocalizeLayer};

use crate::ErrorCode;

/// The catalog's `domain`: `ErrorInfo.domain` of every code. The gRPC support needs one, so a
/// catalog without it fails to compile with this feature.
pub const DOMAIN: &str = match ErrorCode::DOMAIN {
    Some(domain) => domain,
    None => panic!("the `tonic` feature needs `[catalog] domain` in codes.toml"),
};

/// The gRPC status code of a catalog code, as tonic names it.
impl ErrorCode {
    /// The code's gRPC status code (see [`ErrorCode::grpc_code`]) as a `tonic::Code`.
    pub const fn tonic_code(self) -> ::tonic::Code {
        ::tonic::Code::from_i32(self.grpc_code())
    }
}

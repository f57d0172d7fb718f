//! The `tracing` event of an answered [`ApiError`] (feature `tracing`, on by default): what a
//! service's logs and traces need about an error response, the internal cause included, which
//! the response never shows.
//!
//! One event per answer, emitted by [`ApiError::to_problem`] (and so by
//! `ApiError::to_http_response` and axum's `IntoResponse`), with target `flux_codes` and the
//! fields of OpenTelemetry's semantic conventions where they exist:
//!
//! | field | value |
//! |---|---|
//! | `error.type` | the code, e.g. `ERR_SERVER` |
//! | `http.response.status_code` | its HTTP status |
//! | `error.retryable` | whether the client may retry the same request unchanged |
//! | `error.cause` | 5xx only: the internal cause and its sources, joined by `: ` |
//! | `error.param`, `error.param_error` | a param mistake: the param's name and `missing`, `unknown` or `wrong_kind` |
//!
//! The level follows the status class: `ERROR` for a 5xx (the service failed), `INFO` for a 4xx
//! (the request was wrong; OpenTelemetry leaves a server span's status unset for those); a
//! param mistake ([`ApiError::param_error`]: the detail is left out) is `ERROR` whatever the
//! status, since the service is at fault. The cause chain is only built when a subscriber
//! wants the event.

use crate::ApiError;

/// Records that `error` is being answered.
#[cfg(feature = "tracing")]
pub(crate) fn answered(error: &ApiError) {
    let code = error.code();
    let status = error.http_status();
    if let Some(mistake) = error.param_error() {
        // A programmer's mistake, whatever the status: the answer keeps its code and status
        // and leaves its detail out, and this says why.
        tracing::event!(
            target: "flux_codes",
            tracing::Level::ERROR,
            "error.type" = code.as_str(),
            "http.response.status_code" = status,
            "error.retryable" = code.is_retryable(),
            "error.param" = mistake.name(),
            "error.param_error" = mistake.kind(),
            "error.cause" = cause_chain(error).as_deref(),
            "answered {code} ({status}) without its detail: {mistake}",
        );
    } else if status >= 500 {
        tracing::event!(
            target: "flux_codes",
            tracing::Level::ERROR,
            "error.type" = code.as_str(),
            "http.response.status_code" = status,
            "error.retryable" = code.is_retryable(),
            "error.cause" = cause_chain(error).as_deref(),
            "answered {code} ({status})",
        );
    } else {
        tracing::event!(
            target: "flux_codes",
            tracing::Level::INFO,
            "error.type" = code.as_str(),
            "http.response.status_code" = status,
            "error.retryable" = code.is_retryable(),
            "answered {code} ({status})",
        );
    }
}

/// Without the `tracing` feature, nothing.
#[cfg(not(feature = "tracing"))]
#[inline(always)]
pub(crate) fn answered(_error: &ApiError) {}

/// The internal cause and each of its sources, `: `-separated (`None` without a cause).
#[cfg(feature = "tracing")]
fn cause_chain(error: &ApiError) -> Option<String> {
    use std::error::Error as _;
    let mut source = error.source()?;
    let mut chain = source.to_string();
    while let Some(next) = source.source() {
        chain.push_str(": ");
        chain.push_str(&next.to_string());
        source = next;
    }
    Some(chain)
}

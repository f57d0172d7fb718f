//! Feature `http`: the catalog in the types of the `http` crate (shared by hyper, axum, reqwest
//! and tonic): `StatusCode` conversions, an [`ApiError`] as an `http::Response`, and a
//! [`RemoteError`] from an `http` status and header map.

use http::header::{CONTENT_LANGUAGE, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use http::{HeaderMap, Response, StatusCode};

use crate::api_error::PROBLEM_JSON;
use crate::client::RemoteError;
use crate::{ApiError, ErrorCode, Locale};

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl ErrorCode {
    /// The HTTP status as an `http::StatusCode`.
    pub fn status_code(self) -> StatusCode {
        // The catalog's statuses are validated to 400..=599, all valid status codes.
        StatusCode::from_u16(self.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl From<ErrorCode> for StatusCode {
    fn from(code: ErrorCode) -> StatusCode {
        code.status_code()
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl From<&ApiError> for StatusCode {
    fn from(error: &ApiError) -> StatusCode {
        error.code().status_code()
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl ApiError {
    /// The HTTP status as an `http::StatusCode`.
    pub fn status_code(&self) -> StatusCode {
        self.code().status_code()
    }

    /// The complete response in `locale`: the status, `Content-Type: application/problem+json`,
    /// `Content-Language`, `Retry-After` when set, and the problem details body.
    pub fn to_http_response(&self, locale: Locale) -> Response<Vec<u8>> {
        let mut response = Response::new(self.to_problem(locale).to_json());
        *response.status_mut() = self.status_code();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(locale.as_str()));
        if let Some(secs) = self.retry_after_header() {
            // Decimal digits only: always a valid header value.
            if let Ok(value) = HeaderValue::try_from(secs) {
                headers.insert(RETRY_AFTER, value);
            }
        }
        response
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl RemoteError {
    /// Parses a response from its status, headers and body (see [`RemoteError::parse`]).
    pub fn from_http(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> RemoteError {
        let header = |name| {
            headers
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
        };
        RemoteError::parse(
            status.as_u16(),
            header(CONTENT_TYPE),
            header(RETRY_AFTER),
            body,
        )
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl Locale {
    /// [`Locale::negotiate`] over a request's `Accept-Language` field. Several field lines are
    /// one comma-separated list (RFC 9110 §5.3); lines that are not visible ASCII are skipped,
    /// and no more than [`crate::negotiate::MAX_HEADER_BYTES`] bytes of them are joined.
    pub fn negotiate_headers(headers: &HeaderMap) -> Locale {
        let mut lines = headers
            .get_all(http::header::ACCEPT_LANGUAGE)
            .iter()
            .filter_map(|v| v.to_str().ok());
        let Some(first) = lines.next() else {
            return Locale::DEFAULT;
        };
        let Some(second) = lines.next() else {
            return Locale::negotiate(first);
        };
        let limit = crate::negotiate::MAX_HEADER_BYTES;
        let mut joined = String::with_capacity(limit.min(first.len() + second.len() + 1));
        for line in [first, second].into_iter().chain(lines) {
            if joined.len() + 1 + line.len() > limit {
                break;
            }
            if !joined.is_empty() {
                joined.push(',');
            }
            joined.push_str(line);
        }
        if joined.is_empty() {
            // The first line alone is over the bound: `negotiate` examines its first part.
            return Locale::negotiate(first);
        }
        Locale::negotiate(&joined)
    }
}

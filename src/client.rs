//! The client side: [`RemoteError`], any error response of a Flux API (status, headers, body)
//! as a typed value, even one carrying a code newer than this catalog or no Flux body at all.
//!
//! Response data is untrusted: only the first [`MAX_BODY_BYTES`] of a body are parsed as JSON,
//! a code is kept only if it has the catalog's shape and length, a `Retry-After` value is read
//! only when short, and a non-problem body is kept as a [`MAX_EXCERPT_BYTES`] excerpt. Nothing
//! here panics or allocates more than a small multiple of those bounds.

use core::fmt;
use std::time::{Duration, SystemTime};

use serde_json::{Map, Value};

use crate::ErrorCode;

/// The largest body parsed as problem+json; a longer one is treated as not a Flux body.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// How much of a body that is not a Flux problem is kept, for logs.
pub const MAX_EXCERPT_BYTES: usize = 256;
/// The longest code string (the catalog's limit, AIP-193's for `ErrorInfo.reason`).
pub const MAX_CODE_LEN: usize = flux_codes_core::code_shape::MAX_CODE_LEN;
/// The longest `Retry-After` value read (an HTTP-date is 29 bytes).
const MAX_RETRY_AFTER_BYTES: usize = 64;

/// The code of an error response.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// A code of this catalog.
    Known(ErrorCode),
    /// A code with the catalog's shape that this catalog does not have (a newer server's).
    Unknown(String),
}

impl Code {
    /// A code string as a response carries it: `None` unless it has the catalog's shape
    /// (`^[A-Z][A-Z0-9_]*$`, at most [`MAX_CODE_LEN`] bytes).
    pub fn parse(s: &str) -> Option<Code> {
        match ErrorCode::from_code(s) {
            Some(code) => Some(Code::Known(code)),
            None => Code::unknown(s),
        }
    }

    /// A code string that is not this catalog's (a newer catalog's, or another error domain's):
    /// `Unknown`, when it has the catalog's shape.
    pub(crate) fn unknown(s: &str) -> Option<Code> {
        flux_codes_core::code_shape::is_code_shaped(s).then(|| Code::Unknown(s.to_owned()))
    }

    /// The wire string.
    pub fn as_str(&self) -> &str {
        match self {
            Code::Known(code) => code.as_str(),
            Code::Unknown(s) => s,
        }
    }

    /// The catalog code, if known.
    pub fn known(&self) -> Option<ErrorCode> {
        match self {
            Code::Known(code) => Some(*code),
            Code::Unknown(_) => None,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `Retry-After` hint (RFC 9110 §10.2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    /// `Retry-After: 120`: wait this long after the response.
    Delay(Duration),
    /// `Retry-After: Fri, 31 Dec 1999 23:59:59 GMT`: retry at this time.
    At(SystemTime),
}

impl RetryAfter {
    /// Parses a header value: delta-seconds or an HTTP-date; `None` when it is neither.
    pub fn parse(value: &str) -> Option<RetryAfter> {
        let value = value.trim();
        if value.is_empty() || value.len() > MAX_RETRY_AFTER_BYTES {
            return None;
        }
        if value.bytes().all(|b| b.is_ascii_digit()) {
            // A delay too large for u64 seconds is still "a very long time".
            let secs = value.parse::<u64>().unwrap_or(u64::MAX);
            return Some(RetryAfter::Delay(Duration::from_secs(secs)));
        }
        httpdate::parse_http_date(value).ok().map(RetryAfter::At)
    }

    /// How long to wait from `now` (zero for a date already past).
    pub fn delay_from(&self, now: SystemTime) -> Duration {
        match self {
            RetryAfter::Delay(delay) => *delay,
            RetryAfter::At(at) => at.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }
}

/// An error response of a Flux API, parsed.
///
/// ```
/// use flux_codes::client::{Code, RemoteError};
///
/// let body = br#"{"type":"about:blank","title":"Too many requests.","status":429,
///                 "code":"ERR_RATE_LIMITED","retryable":true}"#;
/// let err = RemoteError::parse(429, Some("application/problem+json"), Some("30"), body);
/// assert_eq!(err.code(), Some(&Code::Unknown("ERR_RATE_LIMITED".into())));
/// assert!(err.is_retryable());
///
/// let err = RemoteError::parse(502, Some("text/html"), None, b"<html>Bad Gateway</html>");
/// assert_eq!(err.code(), None);
/// assert!(err.is_retryable());
/// assert_eq!(err.excerpt(), Some("<html>Bad Gateway</html>"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct RemoteError {
    pub(crate) status: u16,
    pub(crate) code: Option<Code>,
    pub(crate) retryable: bool,
    pub(crate) retry_after: Option<RetryAfter>,
    pub(crate) body: Body,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Body {
    /// A JSON object: a problem details body (or something shaped like one).
    Problem(Box<ProblemBody>),
    /// Anything else (HTML, text, empty, oversized), as an excerpt.
    Other(String),
    /// A gRPC status and its error details.
    #[cfg(feature = "tonic")]
    Grpc(Box<GrpcBody>),
}

/// What a gRPC error carries besides its code: the status and the AIP-193 details.
#[cfg(feature = "tonic")]
#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct GrpcBody {
    /// The `google.rpc.Code` number.
    pub(crate) grpc_code: i32,
    pub(crate) message: String,
    /// `ErrorInfo.reason` and `ErrorInfo.domain`, as sent.
    pub(crate) reason: Option<String>,
    pub(crate) domain: Option<String>,
    /// `ErrorInfo.metadata`: the params.
    pub(crate) params: Vec<(String, String)>,
    /// `LocalizedMessage`: its locale and message.
    pub(crate) localized: Option<(String, String)>,
    /// `Help`'s links: description and URL.
    pub(crate) help: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct ProblemBody {
    type_uri: Option<String>,
    title: Option<String>,
    detail: Option<String>,
    instance: Option<String>,
    params: Vec<(String, String)>,
    extensions: Map<String, Value>,
}

impl RemoteError {
    /// Parses a response: its status, `Content-Type` and `Retry-After` header values, and its
    /// body. Never fails: the least it yields is the status and an excerpt of the body.
    ///
    /// The body is read as JSON when the content type is `application/problem+json` or
    /// `application/json` (or absent and the body starts with `{`). Retryability comes from the
    /// catalog for a known code, else from the body's `retryable` boolean, else from the status
    /// (5xx and 429 are retryable).
    pub fn parse(
        status: u16,
        content_type: Option<&str>,
        retry_after: Option<&str>,
        body: &[u8],
    ) -> RemoteError {
        let object = is_json(content_type, body)
            .then(|| parse_object(body))
            .flatten();
        let (code, body_retryable, body) = match object {
            Some(mut object) => {
                let code = match object.remove("code") {
                    Some(Value::String(s)) => Code::parse(&s),
                    _ => None,
                };
                let retryable = match object.remove("retryable") {
                    Some(Value::Bool(b)) => Some(b),
                    _ => None,
                };
                (
                    code,
                    retryable,
                    Body::Problem(Box::new(problem_body(object))),
                )
            }
            None => (None, None, Body::Other(excerpt(body))),
        };
        let retryable = match &code {
            Some(Code::Known(code)) => code.is_retryable(),
            _ => body_retryable.unwrap_or(status >= 500 || status == 429),
        };
        RemoteError {
            status,
            code,
            retryable,
            retry_after: retry_after.and_then(RetryAfter::parse),
            body,
        }
    }

    /// The HTTP status of the response. For a gRPC error
    /// (`RemoteError::from_status`, feature `tonic`): the known code's HTTP status, else the one
    /// Google maps its gRPC code to.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The code the body carries, if it carries one with the catalog's shape.
    pub fn code(&self) -> Option<&Code> {
        self.code.as_ref()
    }

    /// The catalog code, if the body carries one this catalog knows.
    pub fn error_code(&self) -> Option<ErrorCode> {
        self.code.as_ref().and_then(Code::known)
    }

    /// Whether the same request may be retried: the catalog's answer for a known code, else
    /// the body's `retryable`, else the status's (5xx and 429).
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// The `Retry-After` hint, when the response had a valid one.
    pub fn retry_after(&self) -> Option<RetryAfter> {
        self.retry_after
    }

    /// Whether the body was a JSON object (a problem details body).
    pub fn is_problem(&self) -> bool {
        matches!(self.body, Body::Problem(_))
    }

    /// `type`.
    pub fn type_uri(&self) -> Option<&str> {
        self.problem()?.type_uri.as_deref()
    }

    /// `title`: the code's message, in the response's language.
    pub fn title(&self) -> Option<&str> {
        self.problem()?.title.as_deref()
    }

    /// `detail`.
    pub fn detail(&self) -> Option<&str> {
        self.problem()?.detail.as_deref()
    }

    /// `instance`.
    pub fn instance(&self) -> Option<&str> {
        self.problem()?.instance.as_deref()
    }

    /// `params`, in body order. Numbers and booleans are kept as their JSON text. For a gRPC
    /// error, `ErrorInfo.metadata`: a known code's params in its order, then any other key in
    /// key order.
    pub fn params(&self) -> impl Iterator<Item = (&str, &str)> {
        let params = match &self.body {
            Body::Problem(p) => p.params.as_slice(),
            #[cfg(feature = "tonic")]
            Body::Grpc(g) => g.params.as_slice(),
            Body::Other(_) => &[],
        };
        params.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The value of one param.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The members other than the standard and Flux ones.
    pub fn extensions(&self) -> Option<&Map<String, Value>> {
        self.problem().map(|p| &p.extensions)
    }

    /// For a body that was not a problem: its first bytes, for logs.
    pub fn excerpt(&self) -> Option<&str> {
        match &self.body {
            Body::Other(excerpt) => Some(excerpt),
            _ => None,
        }
    }

    fn problem(&self) -> Option<&ProblemBody> {
        match &self.body {
            Body::Problem(p) => Some(p),
            _ => None,
        }
    }
}

impl fmt::Display for RemoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.body {
            #[cfg(feature = "tonic")]
            Body::Grpc(g) => write!(f, "gRPC status {}", g.grpc_code)?,
            _ => write!(f, "HTTP {}", self.status)?,
        }
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        match &self.body {
            #[cfg(feature = "tonic")]
            Body::Grpc(g) if !g.message.is_empty() => write!(f, ": {}", g.message)?,
            #[cfg(feature = "tonic")]
            Body::Grpc(_) => {}
            Body::Problem(p) => {
                for text in [&p.title, &p.detail].into_iter().flatten() {
                    write!(f, ": {text}")?;
                }
            }
            Body::Other(excerpt) if !excerpt.is_empty() => write!(f, ": {excerpt:?}")?,
            Body::Other(_) => {}
        }
        Ok(())
    }
}

impl std::error::Error for RemoteError {}

/// Whether to read the body as JSON.
fn is_json(content_type: Option<&str>, body: &[u8]) -> bool {
    match content_type {
        Some(ct) => {
            let essence = ct.split(';').next().unwrap_or("").trim();
            essence.eq_ignore_ascii_case("application/problem+json")
                || essence.eq_ignore_ascii_case("application/json")
        }
        None => body.trim_ascii_start().starts_with(b"{"),
    }
}

/// The body as a JSON object, if it is one and not over [`MAX_BODY_BYTES`]. serde_json's
/// recursion limit bounds nesting.
fn parse_object(body: &[u8]) -> Option<Map<String, Value>> {
    if body.len() > MAX_BODY_BYTES {
        return None;
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(object)) => Some(object),
        _ => None,
    }
}

fn problem_body(mut object: Map<String, Value>) -> ProblemBody {
    let mut text = |name: &str| match object.remove(name) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    let type_uri = text("type");
    let title = text("title");
    let detail = text("detail");
    let instance = text("instance");
    object.remove("status");
    let params = match object.remove("params") {
        Some(Value::Object(params)) => params
            .into_iter()
            .filter_map(|(name, value)| match value {
                Value::String(s) => Some((name, s)),
                Value::Number(n) => Some((name, n.to_string())),
                Value::Bool(b) => Some((name, b.to_string())),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    ProblemBody {
        type_uri,
        title,
        detail,
        instance,
        params,
        extensions: object,
    }
}

/// The first [`MAX_EXCERPT_BYTES`] of a body, lossily decoded and trimmed.
fn excerpt(body: &[u8]) -> String {
    let head = &body[..body.len().min(MAX_EXCERPT_BYTES)];
    let text = String::from_utf8_lossy(head);
    // A multi-byte character cut at the bound decodes as U+FFFD at the end: drop it.
    let text = text.trim_end_matches('\u{FFFD}');
    text.trim().to_owned()
}

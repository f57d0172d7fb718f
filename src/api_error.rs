//! [`ApiError`]: the error a Flux service answers with, and [`Problem`], its RFC 9457 body in
//! one locale.

use core::fmt;
use std::borrow::Cow;
use std::error::Error as StdError;
use std::time::Duration;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::{ErrorCode, Locale};

/// The media type of a problem details body (RFC 9457 §3).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The members of a problem details body that [`ApiError::extra`] may not set: the five of
/// RFC 9457 and the three Flux adds. Compared ASCII case-insensitively.
pub const RESERVED_MEMBERS: [&str; 8] = [
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "code",
    "retryable",
    "params",
];

/// The longest extension member name [`ApiError::extra`] accepts, in bytes.
pub const MAX_EXTENSION_NAME: usize = 64;

type Cause = Box<dyn StdError + Send + Sync + 'static>;

/// An error response of the API: a catalog code, the values of its detail's placeholders, and
/// optionally an occurrence URI, a detail of the service's own, extension members, a retry
/// delay and an internal cause.
///
/// It becomes an RFC 9457 `application/problem+json` body in the caller's language only when it
/// is answered: [`ApiError::to_problem`] renders it in a locale (the `axum` feature does this
/// per request, from `Accept-Language`), and its plain [`Serialize`] uses [`Locale::DEFAULT`].
///
/// ```
/// use flux_codes::{ApiError, ErrorCode, Locale};
///
/// let err = ApiError::new(ErrorCode::MaxAmountExceeded).param("max_amount", "500.00");
/// let body = serde_json::to_value(err.to_problem(Locale::Es)).unwrap();
/// assert_eq!(body["status"], 422);
/// assert_eq!(body["code"], "ERR_MAX_AMOUNT_EXCEEDED");
/// assert_eq!(body["params"]["max_amount"], "500.00");
/// ```
///
/// The internal cause ([`ApiError::cause`]) is for logs and traces: it is the
/// [`source`](StdError::source) of the error and is never serialized.
#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    /// Values of the code's declared params, in the order they were first set.
    params: Vec<(&'static str, String)>,
    /// The rarely used parts, boxed so `Result<T, ApiError>` stays small.
    more: Option<Box<More>>,
}

#[derive(Debug, Default)]
struct More {
    /// The service's detail: for any locale, then per locale.
    detail: Option<String>,
    detail_in: Vec<(Locale, String)>,
    instance: Option<String>,
    extensions: Map<String, Value>,
    retry_after: Option<Duration>,
    cause: Option<Cause>,
}

impl ApiError {
    /// An error with `code` and nothing else yet.
    pub fn new(code: ErrorCode) -> Self {
        ApiError {
            code,
            params: Vec::new(),
            more: None,
        }
    }

    /// Sets the value of one of the code's [`params`](ErrorCode::params): the detail's
    /// `{name}` placeholder. Setting a name again replaces its value.
    ///
    /// A name the code does not declare is a bug in the caller: it panics in debug builds and is
    /// ignored in release builds (it never reaches the body).
    pub fn param(mut self, name: &str, value: impl fmt::Display) -> Self {
        let Some(&declared) = self.code.params().iter().find(|p| **p == name) else {
            debug_assert!(
                false,
                "{} has no param `{name}` (its params: {:?})",
                self.code,
                self.code.params()
            );
            return self;
        };
        let value = value.to_string();
        match self.params.iter_mut().find(|(n, _)| *n == declared) {
            Some((_, old)) => *old = value,
            None => self.params.push((declared, value)),
        }
        self
    }

    /// A detail of the service's own, for a code without a detail template (RFC 9457 `detail`:
    /// about this occurrence, for the client developer), used in every locale that has none of
    /// its own ([`ApiError::detail_in`]). A code with a template renders its template instead:
    /// setting both is a bug that panics in debug builds.
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        debug_assert!(
            self.code.detail_template(Locale::DEFAULT).is_none(),
            "{} has a detail template; set its params instead",
            self.code
        );
        self.more().detail = Some(detail.into());
        self
    }

    /// The service's detail in one locale, preferred over [`ApiError::detail`]'s when the
    /// response is in `locale`. The same rules as [`ApiError::detail`] apply.
    pub fn detail_in(mut self, locale: Locale, detail: impl Into<String>) -> Self {
        debug_assert!(
            self.code.detail_template(Locale::DEFAULT).is_none(),
            "{} has a detail template; set its params instead",
            self.code
        );
        let detail = detail.into();
        let more = self.more();
        match more.detail_in.iter_mut().find(|(l, _)| *l == locale) {
            Some((_, old)) => *old = detail,
            None => more.detail_in.push((locale, detail)),
        }
        self
    }

    /// The URI reference of this occurrence (RFC 9457 `instance`), e.g. `/payments/pay_123`.
    pub fn instance(mut self, uri: impl Into<String>) -> Self {
        self.more().instance = Some(uri.into());
        self
    }

    /// Adds an extension member (RFC 9457 §3.2), e.g. the payment's id.
    ///
    /// The name must begin with an ASCII letter, hold only ASCII letters, digits and `_`, be 3 to
    /// [`MAX_EXTENSION_NAME`] bytes long (RFC 9457's advice), and not be one of
    /// [`RESERVED_MEMBERS`] in any case: an extension never shadows a standard member. Adding a
    /// name again replaces its value.
    pub fn extra(mut self, name: &str, value: impl Serialize) -> Result<Self, ExtensionError> {
        check_extension_name(name)?;
        let value = serde_json::to_value(value).map_err(|e| ExtensionError::Value {
            name: name.to_owned(),
            error: e.to_string(),
        })?;
        self.more().extensions.insert(name.to_owned(), value);
        Ok(self)
    }

    /// Asks the client to wait before retrying: a `Retry-After` header, in whole seconds
    /// (rounded up), on the HTTP response.
    pub fn retry_after(mut self, delay: Duration) -> Self {
        self.more().retry_after = Some(delay);
        self
    }

    /// The internal cause (the `io::Error` behind an `ERR_SERVER`), kept for logs and traces as
    /// this error's [`source`](StdError::source). It is never serialized.
    pub fn cause(mut self, cause: impl Into<Cause>) -> Self {
        self.more().cause = Some(cause.into());
        self
    }

    /// The catalog code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The HTTP status of the code.
    pub fn http_status(&self) -> u16 {
        self.code.http_status()
    }

    /// The params set so far, in the order they were first set.
    pub fn params(&self) -> impl ExactSizeIterator<Item = (&'static str, &str)> {
        self.params.iter().map(|(n, v)| (*n, v.as_str()))
    }

    /// The value of one param, if set.
    pub fn param_value(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The extension members.
    pub fn extensions(&self) -> Option<&Map<String, Value>> {
        self.more.as_ref().map(|m| &m.extensions)
    }

    /// The delay set by [`ApiError::retry_after`].
    pub fn retry_after_delay(&self) -> Option<Duration> {
        self.more.as_ref().and_then(|m| m.retry_after)
    }

    /// The `Retry-After` header value: the delay in whole seconds, rounded up.
    pub fn retry_after_header(&self) -> Option<String> {
        self.retry_after_delay().map(|d| {
            let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
            secs.to_string()
        })
    }

    /// The params the code declares that were not set: their placeholders would show as
    /// `{name}` in the detail.
    pub fn missing_params(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.code
            .params()
            .iter()
            .copied()
            .filter(|p| self.param_value(p).is_none())
    }

    /// The problem details body in `locale`: `title` is the code's message and `detail` its
    /// template filled with the params (or the service's detail), both in `locale`.
    ///
    /// This is answering the error: with the `tracing` feature (on by default) it emits one
    /// event with the code, the status, the retryability and, for a 5xx, the internal cause
    /// (the crate documentation lists its fields; `Display` and `Serialize` emit none).
    pub fn to_problem(&self, locale: Locale) -> Problem<'_> {
        crate::answered::answered(self);
        self.problem(locale)
    }

    /// [`ApiError::to_problem`] without the event: for re-rendering an answer (in another
    /// locale) and for `Display` and `Serialize`.
    pub(crate) fn problem(&self, locale: Locale) -> Problem<'_> {
        let detail = match self.code.detail_template(locale) {
            Some(_) => {
                let args: Vec<(&str, &dyn fmt::Display)> = self
                    .params
                    .iter()
                    .map(|(n, v)| (*n, v as &dyn fmt::Display))
                    .collect();
                self.code.detail(locale, &args).map(Cow::Owned)
            }
            None => self.more.as_ref().and_then(|m| {
                let localized = m.detail_in.iter().find(|(l, _)| *l == locale);
                localized
                    .map(|(_, d)| d.as_str())
                    .or(m.detail.as_deref())
                    .map(Cow::Borrowed)
            }),
        };
        Problem {
            locale,
            code: self.code,
            detail,
            instance: self.more.as_ref().and_then(|m| m.instance.as_deref()),
            params: self.ordered_params(),
            extensions: self.more.as_ref().map(|m| &m.extensions),
        }
    }

    /// The set params in the code's declaration order.
    fn ordered_params(&self) -> Vec<(&'static str, &str)> {
        self.code
            .params()
            .iter()
            .filter_map(|p| self.param_value(p).map(|v| (*p, v)))
            .collect()
    }

    fn more(&mut self) -> &mut More {
        self.more.get_or_insert_with(Box::default)
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        ApiError::new(code)
    }
}

/// A failure to build the error response is itself a server error: the catalog's
/// `internal_error` code ([`ErrorCode::INTERNAL_ERROR`]), with the [`ExtensionError`] as its
/// internal cause. This lets a handler write `.extra(..)?`.
impl From<ExtensionError> for ApiError {
    fn from(error: ExtensionError) -> Self {
        ApiError::new(ErrorCode::INTERNAL_ERROR).cause(error)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = self.problem(Locale::DEFAULT);
        write!(f, "{}: {}", self.code, problem.title())?;
        if let Some(detail) = problem.detail() {
            write!(f, " {detail}")?;
        }
        Ok(())
    }
}

impl StdError for ApiError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        let cause = self.more.as_ref()?.cause.as_ref()?;
        Some(&**cause as &(dyn StdError + 'static))
    }
}

/// The body in the default locale; use [`ApiError::to_problem`] for another.
impl Serialize for ApiError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.problem(Locale::DEFAULT).serialize(serializer)
    }
}

/// The RFC 9457 body of an [`ApiError`] in one locale, borrowed from it. It serializes as:
///
/// | member | value |
/// |---|---|
/// | `type` | the code's `docs_url`, or `about:blank` |
/// | `title` | the code's message in the locale |
/// | `status` | the code's HTTP status |
/// | `detail` | the code's detail template filled with the params, or the service's detail (absent when neither) |
/// | `instance` | the occurrence URI (absent when not set) |
/// | `code` | the wire code, e.g. `ERR_QR_EXPIRED` |
/// | `retryable` | whether the same request may be retried unchanged |
/// | `params` | the set params, by name (absent when the code has none) |
/// | extensions | the members added by [`ApiError::extra`] |
#[derive(Clone, Debug)]
pub struct Problem<'a> {
    locale: Locale,
    code: ErrorCode,
    detail: Option<Cow<'a, str>>,
    instance: Option<&'a str>,
    params: Vec<(&'static str, &'a str)>,
    extensions: Option<&'a Map<String, Value>>,
}

impl Problem<'_> {
    /// The locale of `title` and `detail` (the response's `Content-Language`).
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// `type`: the code's documentation URL, or `about:blank`.
    pub fn type_uri(&self) -> &'static str {
        self.code.docs_url().unwrap_or("about:blank")
    }

    /// `title`: the code's message in the locale.
    pub fn title(&self) -> &'static str {
        self.code.message(self.locale)
    }

    /// `status`.
    pub fn status(&self) -> u16 {
        self.code.http_status()
    }

    /// `detail`.
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// `instance`.
    pub fn instance(&self) -> Option<&str> {
        self.instance
    }

    /// `code`.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The body as JSON bytes, ready to send with `Content-Type: application/problem+json`.
    pub fn to_json(&self) -> Vec<u8> {
        // Every member is a string, a number, a boolean or an already-built JSON value, and every
        // map key is a string: serializing to memory cannot fail.
        serde_json::to_vec(self).expect("a Problem always serializes to JSON")
    }
}

impl Serialize for Problem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", self.type_uri())?;
        map.serialize_entry("title", self.title())?;
        map.serialize_entry("status", &self.status())?;
        if let Some(detail) = &self.detail {
            map.serialize_entry("detail", detail)?;
        }
        if let Some(instance) = self.instance {
            map.serialize_entry("instance", instance)?;
        }
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("retryable", &self.code.is_retryable())?;
        if !self.code.params().is_empty() {
            map.serialize_entry("params", &Params(&self.params))?;
        }
        // `ApiError::extra` admits no reserved name, so no member is written twice.
        for (name, value) in self.extensions.into_iter().flatten() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// The params as a JSON object, in the code's declaration order.
struct Params<'p, 'a>(&'p [(&'static str, &'a str)]);

impl Serialize for Params<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(n, v)| (*n, *v)))
    }
}

/// Why [`ApiError::extra`] refused an extension member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtensionError {
    /// The name is a standard or Flux member (see [`RESERVED_MEMBERS`]).
    Reserved(String),
    /// The name does not follow RFC 9457's advice (a letter, then letters, digits and `_`, 3 to
    /// [`MAX_EXTENSION_NAME`] bytes). Keeps at most [`MAX_EXTENSION_NAME`] bytes of it.
    InvalidName(String),
    /// The value could not be turned into JSON (e.g. a map with non-string keys).
    Value { name: String, error: String },
}

impl fmt::Display for ExtensionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExtensionError::Reserved(name) => write!(
                f,
                "the extension member `{name}` would shadow a standard problem member"
            ),
            ExtensionError::InvalidName(name) => write!(
                f,
                "`{}` is not a valid extension member name (a letter, then letters, digits or `_`; 3 to {MAX_EXTENSION_NAME} bytes)",
                name.escape_debug()
            ),
            ExtensionError::Value { name, error } => {
                write!(f, "the extension member `{name}` is not JSON: {error}")
            }
        }
    }
}

impl StdError for ExtensionError {}

fn check_extension_name(name: &str) -> Result<(), ExtensionError> {
    let valid = (3..=MAX_EXTENSION_NAME).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !valid {
        let mut end = name.len().min(MAX_EXTENSION_NAME);
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        return Err(ExtensionError::InvalidName(name[..end].to_owned()));
    }
    if RESERVED_MEMBERS
        .iter()
        .any(|r| r.eq_ignore_ascii_case(name))
    {
        return Err(ExtensionError::Reserved(name.to_owned()));
    }
    Ok(())
}

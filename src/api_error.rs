//! [`ApiError`]: the error a Flux service answers with, and [`Problem`], its RFC 9457 body in
//! one locale.

use core::fmt;
use std::borrow::Cow;
use std::error::Error as StdError;
use std::time::Duration;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::{DetailArg, ErrorCode, Locale, ParamKind, ParamValue};

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
/// let err = ApiError::new(ErrorCode::MaxAmountExceeded).param("max_amount", 1500);
/// let body = serde_json::to_value(err.to_problem(Locale::Es)).unwrap();
/// assert_eq!(body["status"], 422);
/// assert_eq!(body["code"], "ERR_MAX_AMOUNT_EXCEEDED");
/// assert_eq!(body["detail"], "El monto máximo para este pago es 1500.");
/// assert_eq!(body["params"]["max_amount"], 1500);
/// ```
///
/// A code known at compile time is better built from its type in [`crate::errors`], which the
/// compiler checks: `ApiError::from(errors::MaxAmountExceeded { max_amount })`.
///
/// The internal cause ([`ApiError::cause`]) is for logs and traces: it is the
/// [`source`](StdError::source) of the error and is never serialized.
#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    /// Values of the code's declared params, in the order they were first set.
    params: Vec<(&'static str, ParamValue)>,
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
    /// The first param [`ApiError::param`] refused: a bug in the caller, logged at `ERROR`
    /// when the error is answered, without the detail it would have spoiled.
    param_error: Option<ParamError>,
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

    /// Sets the value of one of the code's [`params`](ErrorCode::params), an argument of its
    /// detail. Setting a name again replaces its value.
    ///
    /// Prefer the typed errors of [`crate::errors`], which the compiler checks. This is the
    /// dynamic path, for a code known only at run time, so it cannot refuse at compile time:
    /// a name the code does not have, or a value that cannot fill the param (text that is no
    /// number for a `{name, number}` or a plural), is kept as the error's [`ParamError`]. The
    /// answer then keeps its code and status and leaves the detail out (RFC 9457 makes it
    /// optional), and the mistake is logged at `ERROR` with the code and the param's name, as
    /// is a param left without a value. It is infallible on purpose: the only thing a handler
    /// could do with an error here was `?`, which turned the intended 4xx into a retryable
    /// 500, so a client would retry a programmer's typo. [`ApiError::try_param`] returns the
    /// mistake instead, for a caller that can do better.
    pub fn param(mut self, name: &str, value: impl DetailArg) -> Self {
        self.set_param(name, &value);
        self
    }

    /// [`ApiError::param`], refusing a name the code does not have or a value of the wrong
    /// kind with the [`ParamError`] (the error is unchanged then, and dropped).
    pub fn try_param(mut self, name: &str, value: impl DetailArg) -> Result<Self, ParamError> {
        let (declared, value) = self.checked_param(name, &value)?;
        self.put_param(declared, value);
        Ok(self)
    }

    /// [`ApiError::param`], in place.
    pub(crate) fn set_param(&mut self, name: &str, value: &dyn DetailArg) {
        match self.checked_param(name, value) {
            Ok((declared, value)) => self.put_param(declared, value),
            Err(error) => {
                let more = self.more();
                if more.param_error.is_none() {
                    more.param_error = Some(error);
                }
            }
        }
    }

    /// The declared name and the owned value, if the code has the param and the value fills it.
    fn checked_param(
        &self,
        name: &str,
        value: &dyn DetailArg,
    ) -> Result<(&'static str, ParamValue), ParamError> {
        let Some(index) = self.code.params().iter().position(|p| *p == name) else {
            return Err(ParamError::Unknown {
                code: self.code,
                name: ParamError::kept(name),
            });
        };
        let declared = self.code.params()[index];
        let kind = self.code.param_kinds()[index];
        if !kind.accepts(value) {
            return Err(ParamError::WrongKind {
                code: self.code,
                name: declared,
                kind,
                value: ParamError::kept(&ParamValue::new(value).to_string()),
            });
        }
        Ok((declared, ParamValue::new(value)))
    }

    fn put_param(&mut self, declared: &'static str, value: ParamValue) {
        match self.params.iter_mut().find(|(n, _)| *n == declared) {
            Some((_, old)) => *old = value,
            None => self.params.push((declared, value)),
        }
    }

    /// Why the code's detail cannot be rendered, if it cannot: the first param
    /// [`ApiError::param`] refused, else the first param of the code's detail template left
    /// without a value. Such an error is answered without its detail, and the mistake logged
    /// at `ERROR`.
    pub fn param_error(&self) -> Option<ParamError> {
        if let Some(error) = self.more.as_ref().and_then(|m| m.param_error.as_ref()) {
            return Some(error.clone());
        }
        self.code.detail_template(Locale::DEFAULT)?;
        let name = self.missing_params().next()?;
        Some(ParamError::Missing {
            code: self.code,
            name,
        })
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

    /// An extension member whose name is known to be valid (the runtime's own, such as the
    /// `reason` of an axum rejection), without [`ApiError::extra`]'s checks.
    #[cfg_attr(not(feature = "axum"), allow(dead_code))]
    pub(crate) fn extension(mut self, name: &'static str, value: Value) -> Self {
        debug_assert!(check_extension_name(name).is_ok(), "{name}");
        self.more().extensions.insert(name.to_owned(), value);
        self
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
    pub fn params(&self) -> impl ExactSizeIterator<Item = (&'static str, &ParamValue)> {
        self.params.iter().map(|(n, v)| (*n, v))
    }

    /// The value of one param, if set.
    pub fn param_value(&self, name: &str) -> Option<&ParamValue> {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
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

    /// The params the code declares that were not set (the detail is then left out).
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
            // A param refused or left out: no detail rather than one with a `{placeholder}`.
            Some(_) if self.more.as_ref().is_some_and(|m| m.param_error.is_some()) => None,
            Some(_) => {
                let args: Vec<(&str, &dyn DetailArg)> = self
                    .params
                    .iter()
                    .map(|(n, v)| (*n, v as &dyn DetailArg))
                    .collect();
                self.code.detail(locale, &args).ok().map(Cow::Owned)
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
    fn ordered_params(&self) -> Vec<(&'static str, &ParamValue)> {
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
/// | `detail` | the code's detail template filled with the params, or the service's detail (absent when neither, and when a param is missing or was refused: see [`ApiError::param`]) |
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
    params: Vec<(&'static str, &'a ParamValue)>,
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
struct Params<'p, 'a>(&'p [(&'static str, &'a ParamValue)]);

impl Serialize for Params<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(n, v)| (*n, *v)))
    }
}

/// Why [`ApiError::param`] refused a param, or why an error's detail cannot be rendered
/// ([`ApiError::param_error`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParamError {
    /// The code has no param of this name (kept: at most [`MAX_EXTENSION_NAME`] bytes).
    Unknown { code: ErrorCode, name: String },
    /// The value cannot fill the param (kept: at most [`MAX_EXTENSION_NAME`] bytes of it).
    WrongKind {
        code: ErrorCode,
        name: &'static str,
        kind: ParamKind,
        value: String,
    },
    /// A param of the code's detail template was never set.
    Missing { code: ErrorCode, name: &'static str },
}

impl ParamError {
    /// The code of the error.
    pub fn code(&self) -> ErrorCode {
        match self {
            ParamError::Unknown { code, .. }
            | ParamError::WrongKind { code, .. }
            | ParamError::Missing { code, .. } => *code,
        }
    }

    /// The param's name (as given, for an unknown one).
    pub fn name(&self) -> &str {
        match self {
            ParamError::Unknown { name, .. } => name,
            ParamError::WrongKind { name, .. } | ParamError::Missing { name, .. } => name,
        }
    }

    /// What is wrong, as a log field value: `unknown`, `wrong_kind` or `missing`.
    pub fn kind(&self) -> &'static str {
        match self {
            ParamError::Unknown { .. } => "unknown",
            ParamError::WrongKind { .. } => "wrong_kind",
            ParamError::Missing { .. } => "missing",
        }
    }

    /// At most [`MAX_EXTENSION_NAME`] bytes of `s`, cut at a character boundary.
    fn kept(s: &str) -> String {
        crate::runtime::char_prefix(s, MAX_EXTENSION_NAME).to_owned()
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamError::Unknown { code, name } => write!(
                f,
                "{code} has no param `{}` (its params: {:?})",
                name.escape_debug(),
                code.params()
            ),
            ParamError::WrongKind {
                code,
                name,
                kind,
                value,
            } => write!(
                f,
                "the param `{name}` of {code} is a {kind}, and `{}` is not a number",
                value.escape_debug()
            ),
            ParamError::Missing { code, name } => {
                write!(
                    f,
                    "the detail of {code} needs the param `{name}`, which was not set"
                )
            }
        }
    }
}

impl StdError for ParamError {}

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
        let kept = crate::runtime::char_prefix(name, MAX_EXTENSION_NAME);
        return Err(ExtensionError::InvalidName(kept.to_owned()));
    }
    if RESERVED_MEMBERS
        .iter()
        .any(|r| r.eq_ignore_ascii_case(name))
    {
        return Err(ExtensionError::Reserved(name.to_owned()));
    }
    Ok(())
}

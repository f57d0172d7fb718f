//! Feature `axum`: a handler returns `Err(ApiError)` and the caller gets the problem+json
//! response in the language its `Accept-Language` asked for.
//!
//! - `impl IntoResponse for ApiError` answers with the code's status, `Content-Type:
//!   application/problem+json`, `Content-Language` and the body, in [`Locale::DEFAULT`], and
//!   leaves the error in the response's extensions as `Arc<ApiError>` (so a logging layer can
//!   read its internal [`cause`](std::error::Error::source)).
//! - [`localize`], a middleware, negotiates the request's `Accept-Language` and re-renders such a
//!   response's `title` and `detail` in that locale (adding `Vary: Accept-Language`).
//! - [`AcceptLanguage`], an extractor, gives a handler the negotiated [`Locale`].
//! - [`Json`], [`Path`], [`Query`] and [`Form`] are axum's extractors of those names whose
//!   rejection is an [`ApiError`]: a request the service cannot parse (malformed JSON, a path
//!   segment that is not a number, a missing or wrong `Content-Type`) is answered with the
//!   catalog's `bad_request` code ([`ErrorCode::BAD_REQUEST`](crate::ErrorCode::BAD_REQUEST)) as
//!   problem+json in the caller's language, instead of axum's `text/plain` message. Use them in
//!   place of axum's (`use flux_codes::axum::{Json, Path};`); `From<JsonRejection> for
//!   ApiError` (and for the other three rejections) serves `Result<axum::Json<T>,
//!   JsonRejection>` and axum-extra's `WithRejection<axum::Json<T>, ApiError>` alike.
//!
//! A rejection's reason is the extension member `reason`, one of a fixed vocabulary
//! ([`RejectionReason`]): it names what was wrong without quoting the request or the service's
//! types (axum's own message, such as ``Cannot parse `abc` to a `u64` ``, is kept as the
//! error's internal [`cause`](std::error::Error::source), for logs). The title is the
//! `bad_request` code's message in the caller's language.
//!
//! ```
//! use axum::{Router, middleware, routing::get};
//! use flux_codes::{ApiError, ErrorCode};
//!
//! async fn pay() -> Result<&'static str, ApiError> {
//!     Err(ApiError::new(ErrorCode::MaxAmountExceeded).param("max_amount", "500.00"))
//! }
//!
//! let app: Router = Router::new()
//!     .route("/pay", get(pay))
//!     .layer(middleware::from_fn(flux_codes::axum::localize));
//! ```

use std::convert::Infallible;
use std::sync::Arc;

use ::axum::body::Body;
use ::axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use ::axum::extract::{FromRequest, FromRequestParts, Request};
use ::axum::middleware::Next;
use ::axum::response::{IntoResponse, Response};
use http::header::{CONTENT_LANGUAGE, CONTENT_LENGTH, HeaderValue, VARY};
use http::request::Parts;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{ApiError, ErrorCode, Locale};

#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.to_http_response(Locale::DEFAULT).map(Body::from);
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

/// Middleware (`axum::middleware::from_fn(localize)`): renders every [`ApiError`] response of
/// the routes it wraps in the locale the request's `Accept-Language` negotiates to.
///
/// Put it inside layers that transform bodies (compression), so they see the final body.
pub async fn localize(request: Request, next: Next) -> Response {
    let locale = Locale::negotiate_headers(request.headers());
    let mut response = next.run(request).await;
    let Some(error) = response.extensions().get::<Arc<ApiError>>().cloned() else {
        return response;
    };
    response
        .headers_mut()
        .append(VARY, HeaderValue::from_static("accept-language"));
    if locale != Locale::DEFAULT {
        // Re-rendered: the error was answered (and its event emitted) by `into_response`.
        let localized = error.problem(locale).to_json();
        let headers = response.headers_mut();
        headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(locale.as_str()));
        headers.remove(CONTENT_LENGTH);
        *response.body_mut() = Body::from(localized);
    }
    response
}

/// Extractor: the [`Locale`] the request's `Accept-Language` negotiates to (the default locale
/// when it has none). Never rejects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AcceptLanguage(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for AcceptLanguage {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        Ok(AcceptLanguage(Locale::negotiate_headers(&parts.headers)))
    }
}

/// Why a request could not be parsed: the `reason` extension member of the `bad_request`
/// problem an extractor's rejection becomes. A fixed vocabulary, so a client can act on it and
/// no part of the request or of the service's types is echoed back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RejectionReason {
    /// `json_syntax`: the body is not JSON.
    JsonSyntax,
    /// `json_data`: the body is JSON, but not of the expected shape (a missing or unknown
    /// field, a value of the wrong type).
    JsonData,
    /// `content_type`: the `Content-Type` is missing or not the one the endpoint reads.
    ContentType,
    /// `body`: the body could not be read (too large, or the connection failed).
    Body,
    /// `path`: a path segment does not have the expected type (`/payments/abc` for a number).
    Path,
    /// `query`: the query string lacks a parameter or has one of the wrong type.
    Query,
    /// `form`: the form lacks a field or has one of the wrong type.
    Form,
}

impl RejectionReason {
    /// The value of the `reason` member, e.g. `json_syntax`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RejectionReason::JsonSyntax => "json_syntax",
            RejectionReason::JsonData => "json_data",
            RejectionReason::ContentType => "content_type",
            RejectionReason::Body => "body",
            RejectionReason::Path => "path",
            RejectionReason::Query => "query",
            RejectionReason::Form => "form",
        }
    }
}

/// The name of the extension member that carries a [`RejectionReason`].
pub const REJECTION_REASON_MEMBER: &str = "reason";

/// The `bad_request` problem for a rejection: the reason as an extension member, axum's own
/// message as the internal cause.
fn rejected(
    reason: RejectionReason,
    cause: impl std::error::Error + Send + Sync + 'static,
) -> ApiError {
    ApiError::new(ErrorCode::BAD_REQUEST)
        .extension(REJECTION_REASON_MEMBER, reason.as_str().into())
        .cause(cause)
}

/// A malformed, mistyped or unreadable JSON body, or a missing `Content-Type:
/// application/json`: the catalog's `bad_request` code.
impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let reason = match &rejection {
            JsonRejection::JsonSyntaxError(_) => RejectionReason::JsonSyntax,
            JsonRejection::JsonDataError(_) => RejectionReason::JsonData,
            JsonRejection::MissingJsonContentType(_) => RejectionReason::ContentType,
            _ => RejectionReason::Body,
        };
        rejected(reason, rejection)
    }
}

/// A path segment of the wrong type: the catalog's `bad_request` code. A route without the
/// params its handler extracts is the service's bug: the catalog's `internal_error`.
impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        match rejection {
            PathRejection::FailedToDeserializePathParams(_) => {
                rejected(RejectionReason::Path, rejection)
            }
            other => ApiError::new(ErrorCode::INTERNAL_ERROR).cause(other),
        }
    }
}

/// A query string that does not deserialize: the catalog's `bad_request` code.
impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        rejected(RejectionReason::Query, rejection)
    }
}

/// A form that does not deserialize, a wrong `Content-Type` or an unreadable body: the
/// catalog's `bad_request` code.
impl From<FormRejection> for ApiError {
    fn from(rejection: FormRejection) -> Self {
        let reason = match &rejection {
            FormRejection::InvalidFormContentType(_) => RejectionReason::ContentType,
            FormRejection::FailedToDeserializeForm(_)
            | FormRejection::FailedToDeserializeFormBody(_) => RejectionReason::Form,
            _ => RejectionReason::Body,
        };
        rejected(reason, rejection)
    }
}

/// `axum::Json`, whose rejection is the catalog's `bad_request` problem (see the module
/// documentation). As a response, the same as `axum::Json`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let ::axum::Json(value) = ::axum::Json::<T>::from_request(request, state).await?;
        Ok(Json(value))
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        ::axum::Json(self.0).into_response()
    }
}

/// `axum::extract::Path`, whose rejection is the catalog's `bad_request` problem (see the
/// module documentation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let ::axum::extract::Path(value) =
            ::axum::extract::Path::<T>::from_request_parts(parts, state).await?;
        Ok(Path(value))
    }
}

/// `axum::extract::Query`, whose rejection is the catalog's `bad_request` problem (see the
/// module documentation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let ::axum::extract::Query(value) =
            ::axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(Query(value))
    }
}

/// `axum::Form`, whose rejection is the catalog's `bad_request` problem (see the module
/// documentation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Form<T>(pub T);

impl<T, S> FromRequest<S> for Form<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let ::axum::Form(value) = ::axum::Form::<T>::from_request(request, state).await?;
        Ok(Form(value))
    }
}

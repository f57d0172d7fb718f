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
use ::axum::extract::{FromRequestParts, Request};
use ::axum::middleware::Next;
use ::axum::response::{IntoResponse, Response};
use http::header::{CONTENT_LANGUAGE, CONTENT_LENGTH, HeaderValue, VARY};
use http::request::Parts;

use crate::{ApiError, Locale};

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

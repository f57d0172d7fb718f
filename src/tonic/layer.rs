//! [`LocalizeLayer`]: gRPC errors in the caller's language, for every handler of a tonic server.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use ::tonic::Status;
use tower_layer::Layer;
use tower_service::Service;

use crate::{ApiError, Locale};

/// A tower layer for a tonic server (`Server::builder().layer(LocalizeLayer)`): it negotiates
/// each request's `accept-language` metadata to a [`Locale`], puts it in the request's
/// extensions (`request.extensions().get::<Locale>()` in a handler), and renders every error
/// that a handler answered with as `Status::from(ApiError)` (or `?` on an `ApiError`) again in
/// that locale: its `LocalizedMessage` detail, as the `axum` feature's middleware does for HTTP.
///
/// It sees the errors a call answers with before its first message (every unary call's); an
/// error a streaming handler sends after messages keeps the default locale.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalizeLayer;

impl<S> Layer<S> for LocalizeLayer {
    type Service = Localize<S>;

    fn layer(&self, inner: S) -> Localize<S> {
        Localize { inner }
    }
}

/// The service [`LocalizeLayer`] wraps around a tonic server's routes.
#[derive(Clone, Debug)]
pub struct Localize<S> {
    inner: S,
}

impl<S, ReqBody, ResBody> Service<http::Request<ReqBody>> for Localize<S>
where
    S: Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
{
    type Response = http::Response<ResBody>;
    type Error = S::Error;
    type Future = LocalizeFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<ReqBody>) -> Self::Future {
        let locale = Locale::negotiate_headers(request.headers());
        request.extensions_mut().insert(locale);
        LocalizeFuture {
            inner: self.inner.call(request),
            locale,
        }
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`Localize`].
    #[derive(Debug)]
    pub struct LocalizeFuture<F> {
        #[pin]
        inner: F,
        locale: Locale,
    }
}

impl<F, ResBody, E> Future for LocalizeFuture<F>
where
    F: Future<Output = Result<http::Response<ResBody>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let mut response = ready!(this.inner.poll(cx))?;
        if *this.locale != Locale::DEFAULT {
            localize(&mut response, *this.locale);
        }
        Poll::Ready(Ok(response))
    }
}

/// Renders an `ApiError` response again in `locale`. tonic answers an error before the first
/// message with its status in the headers, and leaves the `Status` in the response's
/// extensions: its source is the `ApiError` when `From<ApiError>` made it.
fn localize<B>(response: &mut http::Response<B>, locale: Locale) {
    let localized = response.extensions().get::<Status>().and_then(|status| {
        let source = std::error::Error::source(status)?;
        // Re-rendered: the error was answered (and its event emitted) by `From<ApiError>`.
        Some(source.downcast_ref::<ApiError>()?.status_in(locale))
    });
    let Some(localized) = localized else {
        return;
    };
    // Fails only for a message or details that are not valid header values, which the
    // default-locale status, already in these headers, would have failed too.
    let _ = localized.add_header(response.headers_mut());
}

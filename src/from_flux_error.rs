//! A domain error becomes the API's answer: `From<E> for ApiError` for every [`FluxError`]
//! that is also a `std::error::Error`, so a handler returning `Result<_, ApiError>` can use `?`
//! on its own error enum (`#[derive(FluxError)]`).

use std::error::Error as StdError;

use crate::{ApiError, FluxError, Locale};

/// The code, the filled placeholders and the error's own detail become the response; the error
/// itself travels as the internal [`cause`](ApiError::cause) (its `source()` chain included),
/// for logs and traces, never serialized.
impl<E> From<E> for ApiError
where
    E: FluxError + StdError + Send + Sync + 'static,
{
    fn from(error: E) -> Self {
        let code = error.error_code();
        // The derive checks names and kinds at compile time; a hand-written impl's mistake is
        // kept as the error's `param_error`: answered without its detail, logged at `ERROR`.
        let mut api = with_params(&error);
        // A code with a detail template renders it from the params; only a code without one
        // takes the error's own detail (the derive rejects `detail` on the others at compile
        // time; a hand-written impl's is ignored).
        if code.detail_template(Locale::DEFAULT).is_none()
            && let Some(detail) = error.custom_detail()
        {
            api = api.detail(detail);
        }
        api.cause(error)
    }
}

/// An `ApiError` with `error`'s code and params: `From` for the typed errors of
/// [`crate::errors`] (whose fields are the params, so nothing can be refused) and for any
/// other [`FluxError`].
#[doc(hidden)]
pub fn with_params<E: FluxError + ?Sized>(error: &E) -> ApiError {
    let mut api = ApiError::new(error.error_code());
    error.visit_params(&mut |name, value| api.set_param(name, value));
    api
}

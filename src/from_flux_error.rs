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
        let mut api = ApiError::new(code);
        for (name, value) in error.params() {
            // The derive checks names and kinds at compile time; a hand-written impl's mistake
            // leaves that param out of the body rather than failing the whole response.
            let _ = api.set_param(name, &value);
        }
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

//! Rust: the catalog's `FluxError` trait, the one `#[derive(FluxError)]` implements.
//!
//! It is rendered with the catalog rather than written once in `flux-codes`, because it speaks
//! the catalog's own `ErrorCode` and `Locale`: a crate with its own catalog (`catalog!`) gets its
//! own trait, and the derive implements whichever `#[flux(catalog = path)]` names.

/// The `FluxError` trait of a catalog, as rustfmt lays it out (`__catalog::runtime` is the
/// path of `flux_codes::__private`).
pub(crate) const FLUX_ERROR_TRAIT: &str = r#"/// An error that answers with a code of this catalog: the variants of an error enum
/// mapped to codes, and the values of the code's detail params.
///
/// Implement it with `#[derive(FluxError)]` (see `flux-codes-derive`); only
/// [`FluxError::error_code`] is required when implementing it by hand.
pub trait FluxError {
    /// The catalog code this error answers with.
    fn error_code(&self) -> ErrorCode;

    /// The code's HTTP status.
    fn http_status(&self) -> u16 {
        self.error_code().http_status()
    }

    /// Whether the client may retry the same request unchanged.
    fn is_retryable(&self) -> bool {
        self.error_code().is_retryable()
    }

    /// Calls `visit` with the name and value of each detail param this error fills
    /// (see [`ErrorCode::params`]).
    fn visit_params(
        &self,
        visit: &mut dyn ::core::ops::FnMut(&'static str, &dyn __catalog::runtime::DetailArg),
    ) {
        let _ = visit;
    }

    /// The filled params, owned, in the order of [`ErrorCode::params`].
    fn params(&self) -> ::std::vec::Vec<(&'static str, __catalog::runtime::ParamValue)> {
        let mut params = ::std::vec::Vec::new();
        self.visit_params(&mut |name, value| {
            params.push((name, __catalog::runtime::ParamValue::new(value)))
        });
        let order = self.error_code().params();
        params.sort_by_key(|(name, _)| order.iter().position(|p| p == name));
        params
    }

    /// The detail the error sets itself (`#[flux(detail = "...")]`), for a code whose
    /// catalog entry has no detail template.
    fn custom_detail(&self) -> ::core::option::Option<::std::string::String> {
        ::core::option::Option::None
    }

    /// The detail in `locale`: the code's detail filled with [`FluxError::params`], or
    /// else [`FluxError::custom_detail`]. `None` when the params do not fill the code's detail
    /// (a hand-written impl's mistake; the derive checks them at compile time).
    fn detail(&self, locale: Locale) -> ::core::option::Option<::std::string::String> {
        let params = self.params();
        let args: ::std::vec::Vec<(&str, &dyn __catalog::runtime::DetailArg)> = params
            .iter()
            .map(|(name, value)| (*name, value as &dyn __catalog::runtime::DetailArg))
            .collect();
        match self.error_code().detail(locale, &args) {
            ::core::result::Result::Ok(detail) => ::core::option::Option::Some(detail),
            ::core::result::Result::Err(__catalog::runtime::DetailError::NoDetail { .. }) => {
                self.custom_detail()
            }
            ::core::result::Result::Err(_) => ::core::option::Option::None,
        }
    }
}
"#;

//! Rust: the catalog's `FluxError` trait, the one `#[derive(FluxError)]` implements.
//!
//! It is rendered with the catalog rather than written once in `flux-codes`, because it speaks
//! the catalog's own `ErrorCode` and `Locale`: a crate with its own catalog (`catalog!`) gets its
//! own trait, and the derive implements whichever `#[flux(catalog = path)]` names.

/// The `FluxError` trait of a catalog, as rustfmt lays it out (`__catalog::runtime` is the
/// path of `flux_codes::__private`).
pub(crate) const FLUX_ERROR_TRAIT: &str = r#"/// An error that answers with a code of this catalog: the variants of an error enum
/// mapped to codes, and the values of the code's detail placeholders.
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

    /// Calls `visit` with the name and value of each detail placeholder this error
    /// fills (see [`ErrorCode::params`]).
    fn visit_params(
        &self,
        visit: &mut dyn ::core::ops::FnMut(&'static str, &dyn ::core::fmt::Display),
    ) {
        let _ = visit;
    }

    /// The filled placeholders as strings, in the order of [`ErrorCode::params`].
    fn params(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
        let mut params = ::std::vec::Vec::new();
        self.visit_params(&mut |name, value| {
            params.push((name, ::std::string::ToString::to_string(value)))
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

    /// The detail in `locale`: the code's detail template filled with
    /// [`FluxError::params`], or else [`FluxError::custom_detail`].
    fn detail(&self, locale: Locale) -> ::core::option::Option<::std::string::String> {
        match self.error_code().detail_template(locale) {
            ::core::option::Option::Some(template) => {
                let params = self.params();
                let args: ::std::vec::Vec<(&str, &dyn ::core::fmt::Display)> = params
                    .iter()
                    .map(|(name, value)| (*name, value as &dyn ::core::fmt::Display))
                    .collect();
                ::core::option::Option::Some(__catalog::runtime::render_template(template, &args))
            }
            ::core::option::Option::None => self.custom_detail(),
        }
    }
}
"#;

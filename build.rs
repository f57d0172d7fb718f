//! Generates `ErrorCode`, `Locale` and `Category` from `codes.toml` (see flux-codes-gen), and
//! `catalog.json` for `CATALOG_JSON`; and copies the generator's definition of a code's shape
//! for the client, so both sides apply one rule.

use flux_codes_gen::{Builder, Error, Role};

fn main() -> Result<(), Error> {
    let builder = Builder::new("codes.toml")
        // Inside this crate the runtime is `crate::__private`.
        .runtime_path("crate::__private")
        // The typed errors (`flux_codes::errors`) convert into this crate's `ApiError`.
        .api_error_path("crate::ApiError")
        .json_file_name("catalog.json")
        // `From<ExtensionError> for ApiError` answers the catalog's `internal_error` code.
        .require(Role::InternalError);
    // The axum feature answers extractor rejections with the catalog's `bad_request` code.
    let builder = if std::env::var_os("CARGO_FEATURE_AXUM").is_some() {
        builder.require(Role::BadRequest)
    } else {
        builder
    };
    builder.compile()?;
    let out_dir = std::env::var_os("OUT_DIR").ok_or(Error::NoOutDir)?;
    let path = std::path::Path::new(&out_dir).join("code_shape.rs");
    flux_codes_gen::write_if_changed(&path, flux_codes_gen::code_shape::SOURCE.as_bytes())
        .map_err(|error| Error::Write { path, error })?;
    Ok(())
}

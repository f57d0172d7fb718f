//! Generates `ErrorCode`, `Locale` and `Category` from `codes.toml` (see flux-codes-gen), and
//! `catalog.json` for `CATALOG_JSON`. The generated code calls `flux-codes-core` (through
//! `crate::__private`) for what it shares with the generator: no source is copied.

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
    Ok(())
}

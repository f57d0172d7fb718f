//! Generates `ErrorCode`, `Locale` and `Category` from `codes.toml` (see flux-codes-gen), and
//! `catalog.json` for `CATALOG_JSON`.

fn main() {
    flux_codes_gen::Builder::new("codes.toml")
        .runtime_path(quote_crate_private())
        .json_file_name("catalog.json")
        .compile();
}

/// Inside this crate the runtime is `crate::__private`.
fn quote_crate_private() -> flux_codes_gen::TokenStream {
    "crate::__private".parse().expect("a valid path")
}

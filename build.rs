//! Generates `ErrorCode`, `Locale` and `Category` from `codes.toml` (see flux-codes-gen), and
//! `catalog.json` for `CATALOG_JSON`.

fn main() {
    flux_codes_gen::Builder::new("codes.toml")
        .runtime_path("crate::__private")
        .json_file_name("catalog.json")
        .compile();
}

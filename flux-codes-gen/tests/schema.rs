//! `codes.schema.json` is generated (`flux_codes_gen::schema`) and checked in for editors; these
//! tests keep the file fresh and show that a real JSON Schema validator accepts the real catalog
//! and rejects broken ones.

use std::path::Path;

use flux_codes_gen::schema::{codes_schema, keys_match, render_codes_schema};

const SCHEMA_FILE: &str = "../codes.schema.json";

#[test]
fn checked_in_schema_is_fresh() {
    let fresh = render_codes_schema();
    if std::env::var_os("FLUX_CODES_BLESS").is_some() {
        std::fs::write(SCHEMA_FILE, &fresh).unwrap();
    }
    let on_disk = std::fs::read_to_string(SCHEMA_FILE).unwrap_or_default();
    assert!(
        on_disk == fresh,
        "codes.schema.json is stale; refresh it with: FLUX_CODES_BLESS=1 cargo test -p flux-codes-gen --test schema"
    );
}

#[test]
fn schema_lists_exactly_the_loader_keys() {
    assert!(keys_match(&codes_schema()));
}

fn toml_as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    serde_json::to_value(value).unwrap()
}

#[test]
fn validator_accepts_the_real_catalog_and_rejects_broken_ones() {
    let validator = jsonschema::validator_for(&codes_schema()).unwrap();
    let catalog = toml_as_json(Path::new("../codes.toml"));
    let errors: Vec<String> = validator
        .iter_errors(&catalog)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let mut broken = catalog.clone();
    broken["codes"]["ERR_QR_EXPIRED"]["status"] = 302.into(); // flux-codes: allow (a JSON key)
    assert!(!validator.is_valid(&broken));
    let mut broken = catalog.clone();
    broken["codes"]["ERR_QR_EXPIRED"]["retriable"] = true.into(); // flux-codes: allow
    assert!(!validator.is_valid(&broken));
    let mut broken = catalog;
    broken["catalog"]["locales"] = serde_json::json!(["en", "Spanish"]);
    assert!(!validator.is_valid(&broken));
}

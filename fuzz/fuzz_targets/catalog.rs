//! Arbitrary bytes as a catalog file: loading, validating, rendering the diagnostics of a
//! rejected catalog, and, for an accepted one, the model's invariants and the diff against
//! itself and against the repository's catalog. Nothing may panic. (Rendering Rust, ten times
//! slower per input, has its own target, `render`.)
#![no_main]

use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

use flux_codes_gen::diff::{diff, report};
use flux_codes_gen::{Catalog, parse_catalog};
use libfuzzer_sys::fuzz_target;

static REPO_CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let source = include_str!("../../codes.toml");
    flux_codes_gen::parse_catalog(Path::new("codes.toml"), source).expect("the repository catalog is valid")
});

fuzz_target!(|data: &[u8]| {
    let path = Path::new("codes.toml");
    match parse_catalog(path, data) {
        Err(diags) => {
            assert!(diags.has_errors(), "a rejected catalog has an error");
            let plain = diags.render(false);
            assert!(plain.contains("error"));
            for d in diags.located() {
                assert!(d.line >= 1 && d.column >= 1);
            }
        }
        Ok(catalog) => {
            check_model(&catalog);
            assert!(diff(&catalog, &catalog).is_empty(), "a catalog differs from itself");
            for changes in [diff(&REPO_CATALOG, &catalog), diff(&catalog, &REPO_CATALOG)] {
                let _ = report::render_human(&changes);
                let json = report::render_json(&changes);
                let _: serde_json::Value = serde_json::from_str(&json).expect("the JSON report parses");
            }
        }
    }
});

/// What every renderer relies on in an accepted catalog.
fn check_model(c: &Catalog) {
    assert!(!c.locales().is_empty());
    assert!(c.default_locale() < c.locales().len());
    let locales = c.locales().len();
    let mut names = HashSet::new();
    for category in c.categories() {
        assert_eq!(category.title().len(), locales);
        assert!(names.insert(category.variant()), "two categories become the Rust variant `{}`", category.variant());
    }
    let mut codes = HashSet::new();
    let mut variants = HashSet::new();
    for (i, code) in c.codes().iter().enumerate() {
        assert!(codes.insert(code.code()));
        assert_eq!(c.code_index(code.code()), Some(i));
        assert!(variants.insert(code.variant()), "two codes become `ErrorCode::{}`", code.variant());
        assert!(!c.reserved().iter().any(|r| r == code.code()));
        assert!((400..=599).contains(&code.status()));
        assert!(code.category() < c.categories().len());
        assert_eq!(code.message().len(), locales);
        assert!(code.detail().is_none_or(|d| d.len() == locales));
        assert!(code.hint().is_none_or(|h| h.len() == locales));
        if code.detail().is_none() {
            assert!(code.params().is_empty());
        }
    }
    let mut locale_variants = HashSet::new();
    for tag in c.locales() {
        assert!(locale_variants.insert(flux_codes_gen::locale_variant(tag)));
    }
}

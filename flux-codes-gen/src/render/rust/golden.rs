//! Golden files of the Rust renderer, one per generator setting, in the manner of prost-build's
//! `_expected_*.rs`: the whole generated module is committed under `tests/golden/`, so a
//! reviewer sees what a renderer change does to every crate's code.
//!
//! After changing the renderer, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test -p flux-codes-gen --lib golden` and review `git diff`.
//! (A unit test rather than an integration test: the `u32` setting needs 65,535 codes, so its
//! file forces the width through the renderer's private entry point instead.)

use std::path::{Path, PathBuf};

use super::{IndexWidth, render_rust, render_rust_with, render_rust_with_api_error};
use crate::model::Catalog;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn fixture(name: &str) -> Catalog {
    let path = golden_dir().join(name);
    crate::load_catalog(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The build script's runtime path (`flux-codes` itself).
fn build_script_runtime() -> &'static str {
    "crate::__private"
}

/// `catalog!`'s runtime path (any other crate).
fn catalog_macro_runtime() -> &'static str {
    "::flux_codes::__private"
}

/// Compares `actual` with the committed file, or rewrites it under `UPDATE_GOLDEN=1`; returns
/// what differs.
fn check(file: &str, actual: &str) -> Option<String> {
    let path = golden_dir().join(file);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected == actual {
        return None;
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    Some(format!(
        "{file} differs from the generated code from line {}:\n  committed: {:?}\n  generated: {:?}",
        line + 1,
        expected.lines().nth(line).unwrap_or("<end of file>"),
        actual.lines().nth(line).unwrap_or("<end of file>"),
    ))
}

#[test]
fn generated_rust_matches_the_golden_files() {
    let match_lookup = fixture("match_lookup.toml");
    let perfect_hash = fixture("perfect_hash.toml");
    let deprecated = fixture("deprecated.toml");
    let cases = [
        (
            "_expected_match_lookup.rs",
            render_rust_with_api_error(&match_lookup, build_script_runtime(), "crate::ApiError"),
        ),
        (
            "_expected_catalog_macro.rs",
            render_rust(&match_lookup, catalog_macro_runtime()),
        ),
        (
            "_expected_perfect_hash.rs",
            render_rust(&perfect_hash, build_script_runtime()),
        ),
        (
            "_expected_repr_u32.rs",
            render_rust_with(&perfect_hash, build_script_runtime(), None, IndexWidth::U32),
        ),
        (
            "_expected_deprecated.rs",
            render_rust(&deprecated, build_script_runtime()),
        ),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(file, actual)| check(file, actual))
        .collect();
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended, regenerate with \
         `UPDATE_GOLDEN=1 cargo test -p flux-codes-gen --lib golden` and review `git diff`.",
        failures.join("\n")
    );
}

#[test]
fn golden_fixtures_cover_each_setting() {
    // The settings the files are named after hold for their fixtures.
    assert_eq!(
        IndexWidth::for_count(fixture("match_lookup.toml").codes.len()),
        IndexWidth::U16
    );
    let code = render_rust(&fixture("match_lookup.toml"), build_script_runtime());
    assert!(code.contains("match s {") && !code.contains("PILOTS"));
    let code = render_rust(&fixture("perfect_hash.toml"), build_script_runtime());
    assert!(code.contains("static PILOTS") && code.contains("#[repr(u16)]"));
    let code = render_rust_with(
        &fixture("perfect_hash.toml"),
        build_script_runtime(),
        None,
        IndexWidth::U32,
    );
    assert!(code.contains("#[repr(u32)]") && code.contains("static SLOTS: [u32;"));
    assert!(
        fixture("deprecated.toml")
            .codes
            .iter()
            .any(|c| c.deprecated.is_some())
    );
}

#[test]
fn the_width_is_u32_from_65535_codes() {
    assert_eq!(IndexWidth::for_count(65_534), IndexWidth::U16);
    assert_eq!(IndexWidth::for_count(65_535), IndexWidth::U32);
}

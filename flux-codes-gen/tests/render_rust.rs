//! The generated Rust for a small catalog, pinned: a reviewer sees what a change to the
//! renderer does to every crate's generated code.

use std::path::Path;

use flux_codes_gen::parse_catalog;
use flux_codes_gen::render::rust::{render_catalog_doc, render_rust};
use quote::quote;

#[test]
fn generated_rust_for_the_valid_fixture() {
    let source = std::fs::read_to_string("tests/fixtures/valid.toml").unwrap();
    let catalog = parse_catalog(Path::new("valid.toml"), &source).unwrap();
    let code = render_rust(&catalog, &quote!(::flux_codes::__private));
    assert_eq!(
        code,
        render_rust(&catalog, &quote!(::flux_codes::__private)),
        "deterministic"
    );
    insta::assert_snapshot!(code);
}

#[test]
fn rustdoc_catalog_table_for_the_valid_fixture() {
    let source = std::fs::read_to_string("tests/fixtures/valid.toml").unwrap();
    let catalog = parse_catalog(Path::new("valid.toml"), &source).unwrap();
    insta::assert_snapshot!(render_catalog_doc(&catalog));
}

//! The Rust renderer's choices. The generated code itself is pinned by the golden files in
//! `tests/golden/` (one per generator setting; see `src/render/rust/golden.rs`).

use std::path::Path;

use flux_codes_gen::parse_catalog;
use flux_codes_gen::render::rust::{render_catalog_doc, render_rust};
use quote::quote;

#[test]
fn generated_rust_is_deterministic() {
    let source = std::fs::read_to_string("tests/fixtures/valid.toml").unwrap();
    let catalog = parse_catalog(Path::new("valid.toml"), &source).unwrap();
    let code = render_rust(&catalog, &quote!(::flux_codes::__private));
    assert_eq!(
        code,
        render_rust(&catalog, &quote!(::flux_codes::__private))
    );
}

#[test]
fn rustdoc_catalog_table_for_the_valid_fixture() {
    let source = std::fs::read_to_string("tests/fixtures/valid.toml").unwrap();
    let catalog = parse_catalog(Path::new("valid.toml"), &source).unwrap();
    insta::assert_snapshot!(render_catalog_doc(&catalog));
}

/// A catalog of `codes` code strings, one category, English only.
fn catalog_of(codes: &[&str]) -> flux_codes_gen::Catalog {
    let mut source = String::from(
        "[catalog]\nname = \"T\"\ndefault_locale = \"en\"\nlocales = [\"en\"]\nreserved = []\n\n\
         [categories.c]\ntitle = { en = \"C\" }\n",
    );
    for code in codes {
        source.push_str(&format!(
            "\n[codes.{code}]\nstatus = 400\nretryable = false\ncategory = \"c\"\nmessage = {{ en = \"M.\" }}\n"
        ));
    }
    parse_catalog(Path::new("t.toml"), &source).unwrap()
}

// flux-codes: allow-start (made-up codes of made-up catalogs)
#[test]
fn from_code_is_a_match_when_few_codes_share_a_length_else_a_perfect_hash() {
    use flux_codes_gen::render::rust::MATCH_MAX_PER_LENGTH;
    let rt = quote!(::flux_codes::__private);
    let few = ["ERR_A", "ERR_BB", "ERR_CC", "ERR_DD"];
    assert!(few.iter().filter(|c| c.len() == 6).count() <= MATCH_MAX_PER_LENGTH);
    let code = render_rust(&catalog_of(&few), &rt);
    assert!(
        code.contains("match s {") && !code.contains("static PILOTS"),
        "{code}"
    );

    let many = ["ERR_AA", "ERR_BB", "ERR_CC", "ERR_DD"];
    assert!(many.len() > MATCH_MAX_PER_LENGTH);
    let code = render_rust(&catalog_of(&many), &rt);
    assert!(
        code.contains("static PILOTS") && code.contains("pub fn hash("),
        "{code}"
    );
    assert!(!code.contains("match s {"));
}
// flux-codes: allow-end

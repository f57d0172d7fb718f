//! The Rust renderer's choices. The generated code itself is pinned by the golden files in
//! `tests/golden/` (one per generator setting; see `src/render/rust/golden.rs`).

use std::path::Path;

use flux_codes_gen::parse_catalog;
use flux_codes_gen::render::rust::{render_catalog_doc, render_rust};

#[path = "../../benches/synth.rs"]
#[allow(dead_code)]
mod synth;

/// The generated file is what `rustfmt` would write (a reader or a diff sees the code as it
/// would be written by hand), and the same bytes every time, for every kind of catalog: the
/// fixtures (odd texts, deprecations, no hints), Flux's own, and synthetic catalogs whose
/// lookup is a perfect hash.
#[test]
fn generated_rust_is_rustfmt_clean_and_deterministic() {
    let mut catalogs = Vec::new();
    for path in [
        "tests/fixtures/valid.toml",
        "tests/fixtures/adversarial.toml",
        "tests/fixtures/adversarial_pages.toml",
        "tests/golden/match_lookup.toml",
        "tests/golden/perfect_hash.toml",
        "tests/golden/deprecated.toml",
        "../codes.toml",
        "../examples/loyalty-codes/codes.toml",
    ] {
        let source = std::fs::read_to_string(path).unwrap();
        catalogs.push((
            path.to_owned(),
            parse_catalog(Path::new(path), &source).unwrap(),
        ));
    }
    for n in [1, 100, 1000] {
        let source = synth::catalog_toml(n);
        catalogs.push((
            format!("synthetic {n}"),
            parse_catalog(Path::new("s"), &source).unwrap(),
        ));
    }
    for (name, catalog) in &catalogs {
        for runtime in ["::flux_codes::__private", "crate::__private"] {
            let code = render_rust(catalog, runtime);
            assert_eq!(code, render_rust(catalog, runtime), "{name}: deterministic");
            rustfmt_check(name, &code);
        }
    }
}

/// Fails with rustfmt's diff unless `code` is exactly as rustfmt formats it.
fn rustfmt_check(name: &str, code: &str) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut rustfmt = Command::new(std::env::var_os("RUSTFMT").unwrap_or("rustfmt".into()))
        .args(["--edition", "2024", "--check"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rustfmt is installed (rustup component add rustfmt)");
    let mut stdin = rustfmt.stdin.take().unwrap();
    let input = code.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = rustfmt.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "{name}: the generated Rust is not rustfmt-clean:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
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
    let rt = "::flux_codes::__private";
    let few = ["ERR_A", "ERR_BB", "ERR_CC", "ERR_DD"];
    assert!(few.iter().filter(|c| c.len() == 6).count() <= MATCH_MAX_PER_LENGTH);
    let code = render_rust(&catalog_of(&few), rt);
    assert!(
        code.contains("match s {") && !code.contains("static PILOTS"),
        "{code}"
    );

    let many = ["ERR_AA", "ERR_BB", "ERR_CC", "ERR_DD"];
    assert!(many.len() > MATCH_MAX_PER_LENGTH);
    let code = render_rust(&catalog_of(&many), rt);
    assert!(
        code.contains("static PILOTS")
            && code.contains("use runtime::hash::{bucket, equal, hash, slot};"),
        "{code}"
    );
    assert!(!code.contains("match s {"));
}
// flux-codes: allow-end

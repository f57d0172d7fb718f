//! Every validation rule has a fixture under `fixtures/invalid/`; its rendered diagnostics are
//! pinned by a snapshot (`cargo insta review` after an intended change).

use std::path::Path;

use flux_codes_gen::parse_catalog;

#[test]
fn every_invalid_fixture_renders_its_diagnostics() {
    insta::glob!("fixtures/invalid/*.toml", |path| {
        let source = std::fs::read_to_string(path).unwrap();
        let name = Path::new("fixtures/invalid").join(path.file_name().unwrap());
        let diags = parse_catalog(&name, &source).expect_err("fixture must be rejected");
        assert!(diags.has_errors());
        for d in diags.located() {
            assert!(d.line >= 1 && d.column >= 1);
        }
        insta::assert_snapshot!(diags.render(false));
    });
}

#[test]
fn a_valid_catalog_has_no_diagnostics() {
    let source = std::fs::read_to_string("tests/fixtures/valid.toml").unwrap();
    let catalog = parse_catalog(Path::new("valid.toml"), &source)
        .unwrap_or_else(|d| panic!("{}", d.render(false)));
    let code = &catalog.codes()[0];
    assert_eq!(code.variant(), "QrExpired");
    assert_eq!(code.param_names().collect::<Vec<_>>(), ["expired_at"]);
    assert_eq!(
        catalog.docs_url(code).unwrap(),
        "https://docs.example/errors#ERR_QR_EXPIRED"
    );
    assert_eq!(catalog.reserved(), ["ERR_OLD"]); // flux-codes: allow (the fixture's own code)
}

#[test]
fn every_problem_is_reported_at_once() {
    let source = std::fs::read_to_string("tests/fixtures/invalid/many_errors.toml").unwrap();
    let diags = parse_catalog(Path::new("many_errors.toml"), &source).unwrap_err();
    let located = diags.located();
    let messages: Vec<String> = located
        .iter()
        .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
        .collect();
    assert_eq!(messages.len(), 5, "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("status 700")));
    assert!(
        messages
            .iter()
            .any(|m| m.contains("category `payment` does not exist"))
    );
    assert!(messages.iter().any(|m| m.contains("has no `es` text")));
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("19:1 unknown key `mesage`"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("missing the required field `message`"))
    );
}

#[test]
fn the_repository_catalog_is_valid() {
    let catalog =
        flux_codes_gen::load_catalog(Path::new("../codes.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(catalog.codes().len(), 18);
}

/// One slip in the repository's catalog, as a person makes it: one error, at the place to fix.
#[test]
fn a_syntax_slip_in_the_repository_catalog_is_one_error_where_it_was_made() {
    let catalog = std::fs::read_to_string("../codes.toml").unwrap();
    let line = "message = { en = \"The QR code has expired.\", es = \"El código QR venció.\", pt-BR = \"O código QR expirou.\" }";
    let at = catalog.find(line).expect("the catalog has this line");
    let line_number = catalog[..at].lines().count() + 1;
    let slips = [
        // The closing `}` left out: the rest of the file is inside the inline table.
        (
            line.trim_end_matches(" }"),
            "unclosed inline table",
            line.trim_end_matches(" }").chars().count() + 1,
        ),
        // A closing quote left out: the quotes after it pair up wrongly.
        (
            &*line.replacen("expired.\"", "expired.", 1),
            "unclosed string: the quotes on this line do not pair up",
            "message = { en = ".len() + 1,
        ),
    ];
    for (slipped, message, column) in slips {
        let source = catalog.replacen(line, slipped, 1);
        let diags = parse_catalog(Path::new("codes.toml"), &source).unwrap_err();
        let located = diags.located();
        assert_eq!(diags.error_count(), 1, "{}", diags.render(false));
        assert_eq!(
            (located[0].message, located[0].line, located[0].column),
            (message, line_number, column)
        );
    }
}

/// One mistake, one diagnostic: a status written as a string makes its code fail to load, and
/// the `[translated_from]` records of that code are not reported again (their help, "remove the
/// line", would delete valid records).
#[test]
fn a_code_that_fails_to_load_brings_no_follow_on_warnings() {
    let path = "tests/fixtures/invalid/status_as_string.toml";
    let source = std::fs::read_to_string(path).unwrap();
    let diags = parse_catalog(Path::new(path), &source).unwrap_err();
    let all = diags.located();
    assert_eq!(all.len(), 1, "{}", diags.render(false));
    assert_eq!(diags.error_count(), 1);
    assert_eq!(
        (all[0].line, all[0].column),
        (10, 10),
        "at `status = \"403\"`"
    );
}

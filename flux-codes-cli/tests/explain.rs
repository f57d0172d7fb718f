//! `flux-codes explain CODE`, run as a user runs it: what it prints for a code (checked against
//! the catalog's model for every code and locale of the real catalog), case-insensitive
//! lookup, locales, and the one-line errors for unknown and retired codes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn explain(catalog: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("flux-codes").unwrap();
    cmd.arg("--catalog").arg(catalog).arg("explain").args(args);
    cmd
}

fn real(args: &[&str]) -> Command {
    explain(&root().join("codes.toml"), args)
}

fn fixture(name: &str) -> PathBuf {
    root().join("flux-codes-gen/tests/fixtures").join(name)
}

fn stdout(cmd: &mut Command) -> String {
    let output = cmd.assert().code(0).stderr("").get_output().clone();
    String::from_utf8(output.stdout).unwrap()
}

/// Asserts exit code 1, nothing on stdout, and exactly `expected` as one line on stderr.
fn assert_error(cmd: &mut Command, expected: &str) {
    cmd.assert()
        .code(1)
        .stdout("")
        .stderr(format!("error: {expected}\n"));
}

// The codes below are the command's input and output (typed by a user: misspelled ones too)
// and the fixture catalogs' own codes.
// flux-codes: allow-start
#[test]
fn explains_a_code_with_every_fact() {
    assert_eq!(
        stdout(&mut real(&["ERR_MAX_AMOUNT_EXCEEDED"])),
        "\
ERR_MAX_AMOUNT_EXCEEDED: The payment amount is above the maximum allowed.

  HTTP status  422 Unprocessable Content
  gRPC status  FAILED_PRECONDITION
  Retryable    no: the same request fails the same way until something changes
  Category     payment (Payment errors)
  Params       max_amount: number
  Docs         https://docs.flux.example/errors#ERR_MAX_AMOUNT_EXCEEDED
  Rust         ErrorCode::MaxAmountExceeded

Detail
  The maximum amount for this payment is {max_amount, number}.

What to do
  Send the payment again with an amount at or below the maximum allowed.
"
    );
}

#[test]
fn a_plural_detail_shows_each_option_on_its_own_line() {
    let text = stdout(&mut real(&["ERR_PIN_ATTEMPTS_EXCEEDED", "--locale", "es"]));
    assert!(
        text.contains("  Params       attempts_left: integer\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\nDetail\n  {attempts_left, plural}\n    =0: No quedan intentos; el medio de pago está bloqueado.\n    one: Solo queda # intento antes de que se bloquee el medio de pago.\n    many: "
        ),
        "{text}"
    );
}

#[test]
fn every_code_of_the_catalog_is_explained_as_the_catalog_has_it() {
    let catalog = flux_codes_gen::load_catalog(&root().join("codes.toml")).unwrap();
    for code in catalog.codes() {
        for (locale, tag) in catalog.locales().iter().enumerate() {
            let text = stdout(&mut real(&[code.code(), "--locale", tag]));
            let first = format!("{}: {}\n", code.code(), code.message()[locale]);
            assert!(text.starts_with(&first), "{text}");
            let status = format!("  HTTP status  {} ", code.status());
            let retryable = if code.retryable() { "yes" } else { "no" };
            let category = format!("({})", catalog.category_of(code).title()[locale]);
            let docs_url = catalog.docs_url(code).unwrap();
            for expected in [
                status.as_str(),
                &format!("  Retryable    {retryable}"),
                &category,
                &docs_url,
                &code.hint().unwrap()[locale],
            ] {
                assert!(
                    text.contains(expected),
                    "{} {tag}: {expected:?} in\n{text}",
                    code.code()
                );
            }
            assert_eq!(text.contains("Params"), !code.params().is_empty());
            assert_eq!(text.contains("\nDetail\n"), code.detail().is_some());
        }
    }
}

#[test]
fn codes_and_locales_are_found_in_any_letter_case() {
    let upper = stdout(&mut real(&["ERR_QR_EXPIRED"]));
    assert_eq!(stdout(&mut real(&["err_qr_expired"])), upper);
    assert_eq!(stdout(&mut real(&["  Err_Qr_Expired "])), upper);
    let spanish = stdout(&mut real(&["err_qr_expired", "--locale", "ES"]));
    assert!(
        spanish.starts_with("ERR_QR_EXPIRED: El código QR venció.\n"),
        "{spanish}"
    );
    assert!(spanish.contains("qr (Errores de QR)"), "{spanish}");
    // Looked up as an API request's language is: a region of `es` reads `es`, and an
    // `Accept-Language` value is negotiated.
    for asked in [
        "es-CL",
        "ES-cl",
        "es-419",
        "es-CL,es;q=0.9,en;q=0.8",
        "de;q=0.9, es-MX",
    ] {
        assert_eq!(
            stdout(&mut real(&["err_qr_expired", "--locale", asked])),
            spanish,
            "{asked}"
        );
    }
    // By CLDR's likely subtags and parent locales, any Portuguese reads `pt-BR`.
    let portuguese = stdout(&mut real(&["err_qr_expired", "--locale", "pt-BR"]));
    for asked in ["pt", "pt-PT", "pt_BR", "pt-AO", "fr, pt_PT;q=0.5"] {
        assert_eq!(
            stdout(&mut real(&["err_qr_expired", "--locale", asked])),
            portuguese,
            "{asked}"
        );
    }
}

#[test]
fn an_unknown_code_exits_1_with_the_nearest_code() {
    assert_error(
        &mut real(&["ERR_QR_EXPIRD"]),
        "no code `ERR_QR_EXPIRD` in the catalog; did you mean `ERR_QR_EXPIRED`?",
    );
    assert_error(
        &mut real(&["err_bank_refused"]),
        "no code `err_bank_refused` in the catalog; did you mean `ERR_BANK_REFUSAL`?",
    );
    assert_error(&mut real(&["HELLO"]), "no code `HELLO` in the catalog");
}

#[test]
fn a_retired_code_and_an_unknown_locale_are_one_line_errors() {
    assert_error(
        &mut explain(&fixture("valid.toml"), &["err_old"]),
        "`ERR_OLD` is a retired code (in `catalog.reserved`): no response uses it",
    );
    assert_error(
        &mut real(&["ERR_QR_EXPIRED", "--locale", "fr"]),
        "the catalog has no locale for `fr`; its locales are en, es, pt-BR",
    );
    // A script no catalog locale of the language is written in is not Portuguese.
    assert_error(
        &mut real(&["ERR_QR_EXPIRED", "--locale", "pt-Cyrl"]),
        "the catalog has no locale for `pt-Cyrl`; its locales are en, es, pt-BR",
    );
}

#[test]
fn deprecation_and_hostile_texts_are_shown_safely() {
    let old = stdout(&mut explain(
        &fixture("adversarial_pages.toml"),
        &["err_old"],
    ));
    assert!(
        old.contains("  Deprecated   Use ERR_PIPES or ERR_NON_LATIN instead;"),
        "{old}"
    );
    let bidi = stdout(&mut explain(
        &fixture("adversarial_pages.toml"),
        &["ERR_NON_LATIN"],
    ));
    assert!(bidi.contains("RTL \\u{202e}mark"), "{bidi}");
    assert!(bidi.contains("zero\\u{200b}width"), "{bidi}");
    let nul = stdout(&mut explain(&fixture("adversarial.toml"), &["ERR_ORDER"]));
    assert!(nul.contains("NUL:\\u{0},"), "{nul}");
    for text in [old, bidi, nul] {
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
    }
}
// flux-codes: allow-end

#[test]
fn help_says_what_it_does_with_an_example() {
    Command::cargo_bin("flux-codes")
        .unwrap()
        .args(["explain", "--help"])
        .assert()
        .code(0)
        .stdout(
            contains("Explain one error code").and(contains("Examples:\n  flux-codes explain")),
        );
}

//! The translators' round trip under the tools translators' platforms use: `flux-codes l10n
//! export` writes PO files that GNU gettext's `msgfmt --check-format --check-header` accepts and
//! translate-toolkit's `pocount` and `polib` (PyPI) read with the right counts; a translator's
//! edit made with polib imports back, changing only those strings of `codes.toml`; editing a
//! source text makes its translations stale until a fresh translation is imported; and a bad
//! import fails at the PO file's line, leaving `codes.toml` byte-identical.
//!
//! `scripts/test.sh` installs the tools: gettext from Debian, translate-toolkit and polib into
//! `target/tools/py-l10n` from `scripts/requirements-l10n.txt`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn flux_codes(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_flux-codes"));
    command.current_dir(dir).env("NO_COLOR", "1");
    command
}

/// The venv `scripts/test.sh` installs translate-toolkit and polib into.
fn py_tools() -> PathBuf {
    root().join("target/tools/py-l10n/bin")
}

/// Whether gettext's `msgfmt` and the venv with translate-toolkit and polib are installed.
/// `scripts/test.sh` installs them and sets `FLUX_CODES_REQUIRE_TOOLS=1`, so there a missing
/// install fails the test; a plain `cargo test` (the quick path, README) skips the tests that
/// drive them with a note instead.
fn l10n_tools_installed() -> bool {
    let bin = py_tools();
    let venv = bin.join("pocount").is_file() && bin.join("python").is_file();
    let msgfmt = Command::new("msgfmt").arg("--version").output().is_ok();
    if venv && msgfmt {
        return true;
    }
    let missing = match (msgfmt, venv) {
        (false, false) => "msgfmt (gettext) and translate-toolkit + polib",
        (false, true) => "msgfmt (gettext)",
        _ => "translate-toolkit + polib",
    };
    assert!(
        std::env::var_os("FLUX_CODES_REQUIRE_TOOLS").is_none(),
        "{missing} not installed: run scripts/test.sh (it installs gettext from Debian and \
         scripts/requirements-l10n.txt into {})",
        bin.display()
    );
    eprintln!("skipped: {missing} not installed (scripts/test.sh installs them)");
    false
}

fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

fn assert_success(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed ({}):\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn git(dir: &Path, args: &[&str]) {
    let output = run(Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args));
    assert_success(&output, &format!("git {args:?}"));
}

/// Flux's catalog in a git repository of its own, with `fr` added as a draft locale (no texts).
fn project() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let catalog = std::fs::read_to_string(root().join("codes.toml")).unwrap();
    assert!(!catalog.contains("\"fr\""), "the test adds French itself");
    let catalog = if catalog.contains("\ndraft_locales = [") {
        catalog.replacen("\ndraft_locales = [", "\ndraft_locales = [\"fr\", ", 1)
    } else {
        catalog.replacen("\nlocales = ", "\ndraft_locales = [\"fr\"]\nlocales = ", 1)
    };
    std::fs::write(dir.path().join("codes.toml"), catalog).unwrap();
    // Every `es` translation recorded as made from its current source, as an import leaves
    // them (a text written by hand has no record; an import records it).
    let es = export(dir.path(), "es");
    assert_success(&import(dir.path(), &[&es]), "recording the es sources");
    git(dir.path(), &["init", "--quiet"]);
    commit(dir.path(), "the catalog");
    dir
}

fn commit(dir: &Path, message: &str) {
    git(dir, &["add", "codes.toml"]);
    git(dir, &["commit", "--quiet", "--allow-empty", "-m", message]);
}

fn export(dir: &Path, locale: &str) -> PathBuf {
    let path = dir.join(format!("{locale}.po"));
    let output = run(flux_codes(dir)
        .args(["l10n", "export", "--locale", locale, "--out"])
        .arg(&path));
    assert_success(&output, "flux-codes l10n export");
    path
}

/// `msgfmt --check-format --check-header` accepts the file without a warning.
fn assert_msgfmt_accepts(po: &Path) {
    let output = run(Command::new("msgfmt")
        .args(["--check-format", "--check-header", "-o", "/dev/null"])
        .arg(po));
    assert_success(
        &output,
        "msgfmt (install Debian's gettext: scripts/test.sh does)",
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "msgfmt warned about {}",
        po.display()
    );
}

/// translate-toolkit's counts: (translated, fuzzy, untranslated, total) messages.
fn pocount(po: &Path) -> (usize, usize, usize, usize) {
    let output = run(Command::new(py_tools().join("pocount"))
        .args(["--csv", "--no-color"])
        .arg(po));
    assert_success(&output, "pocount");
    let text = String::from_utf8(output.stdout).unwrap();
    let row: Vec<usize> = text
        .lines()
        .nth(1)
        .expect("pocount prints a header and a row")
        .split(',')
        .skip(1)
        .map(|n| n.trim().parse().unwrap())
        .collect();
    // Translated, Translated Source Words, Translated Target Words, Fuzzy, Fuzzy Source Words,
    // Untranslated, Untranslated Source Words, Total, ...
    (row[0], row[3], row[5], row[7])
}

/// Runs a polib script with the PO files' paths as `sys.argv[1:]`; what it prints.
fn polib(script: &str, files: &[&Path]) -> String {
    let output = run(Command::new(py_tools().join("python"))
        .arg("-c")
        .arg(format!("import sys, polib\n{script}"))
        .args(files));
    assert_success(&output, "the polib script");
    String::from_utf8(output.stdout).unwrap()
}

fn l10n_status(dir: &Path) -> Value {
    let output = run(flux_codes(dir).args(["l10n", "status", "--format", "json", "--verbose"]));
    assert_success(&output, "flux-codes l10n status");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn locale_status<'a>(status: &'a Value, locale: &str) -> &'a Value {
    status["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == locale)
        .unwrap_or_else(|| panic!("no {locale} in {status}"))
}

fn check(dir: &Path) -> Output {
    let output = run(flux_codes(dir).arg("check"));
    assert_success(&output, "flux-codes check");
    output
}

fn import(dir: &Path, files: &[&Path]) -> Output {
    run(flux_codes(dir).args(["l10n", "import"]).args(files))
}

const FR_EDITS: &str = r#"
po = polib.pofile(sys.argv[2])
edits = {
    "categories.qr.title": "Erreurs de QR",
    "ERR_QR_EXPIRED.message": "Le code QR a expiré.",
    "ERR_MAX_AMOUNT_EXCEEDED.detail": "Le montant maximum pour ce paiement est de {max_amount, number}.",
}
for entry in po:
    if entry.msgctxt in edits:
        entry.msgstr = edits.pop(entry.msgctxt)
assert not edits, edits
po.save()
"#;

#[test]
fn a_translators_round_trip_through_gettext_pocount_and_polib() {
    if !l10n_tools_installed() {
        return;
    }
    let project = project();
    let dir = project.path();
    let before = std::fs::read_to_string(dir.join("codes.toml")).unwrap();
    let total = locale_status(&l10n_status(dir), "es")["total"]
        .as_u64()
        .unwrap() as usize;
    assert!(total > 30, "every title, message, detail and hint: {total}");

    let es = export(dir, "es");
    let fr = export(dir, "fr");
    assert_msgfmt_accepts(&es);
    assert_msgfmt_accepts(&fr);
    assert_eq!(pocount(&es), (total, 0, 0, total), "es is complete");
    assert_eq!(
        pocount(&fr),
        (0, 0, total, total),
        "fr, a new draft, has no text yet"
    );

    polib(
        &format!(
            r#"
for path, language in ((sys.argv[1], "es"), (sys.argv[2], "fr")):
    po = polib.pofile(path)
    assert po.metadata["Language"] == language, po.metadata
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8", po.metadata
    assert po.metadata["Plural-Forms"].startswith("nplurals="), po.metadata
    assert len(po) == {total}, len(po)
    contexts = [entry.msgctxt for entry in po]
    assert len(set(contexts)) == len(contexts) and all(contexts), contexts
    assert "ERR_QR_EXPIRED.message" in contexts and "categories.qr.title" in contexts
    details = [entry for entry in po if entry.msgctxt.endswith(".detail")]
    assert details and all("icu-message-format" in entry.flags for entry in details)
    assert all(entry.comment for entry in po), "every entry has notes for the translator"
assert len(polib.pofile(sys.argv[1]).translated_entries()) == {total}
assert len(polib.pofile(sys.argv[2]).untranslated_entries()) == {total}
po = polib.pofile(sys.argv[1])
po.find("ERR_QR_EXPIRED.message", by="msgctxt").msgstr = "El código QR ya venció."
po.save()
{FR_EDITS}
"#
        ),
        &[&es, &fr],
    );

    let output = import(dir, &[&es, &fr]);
    assert_success(&output, "flux-codes l10n import");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("4 translations changed"), "{stdout}");

    // Only those strings changed: each changed line is the old one with its new text, and the
    // rest of the file (comments, order, spacing) is byte for byte the same, plus the new
    // `[translated_from.fr]` records at the end.
    let after = std::fs::read_to_string(dir.join("codes.toml")).unwrap();
    let (old, new): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let edits = [
        (
            "title = { en = \"QR errors\"",
            ", fr = \"Erreurs de QR\" }",
            None,
        ),
        (
            "message = { en = \"The QR code has expired.\"",
            ", fr = \"Le code QR a expiré.\" }",
            Some(("\"El código QR venció.\"", "\"El código QR ya venció.\"")),
        ),
        (
            "detail = { en = \"The maximum amount for this payment is {max_amount, number}.\"",
            ", fr = \"Le montant maximum pour ce paiement est de {max_amount, number}.\" }",
            None,
        ),
    ];
    let mut changed = 0;
    for (i, (old_line, new_line)) in old.iter().zip(&new).enumerate() {
        if old_line == new_line {
            continue;
        }
        changed += 1;
        let (_, added, es_edit) = edits
            .iter()
            .find(|(start, _, _)| old_line.starts_with(start))
            .unwrap_or_else(|| panic!("line {} changed:\n-{old_line}\n+{new_line}", i + 1));
        let mut expected = old_line.strip_suffix(" }").unwrap().to_owned() + added;
        if let Some((from, to)) = es_edit {
            expected = expected.replace(from, to);
        }
        assert_eq!(*new_line, expected, "line {}", i + 1);
    }
    assert_eq!(changed, 3);
    let appended = &new[old.len()..];
    assert!(appended.contains(&"[translated_from.fr]"), "{appended:?}");
    assert_eq!(
        appended.iter().filter(|l| l.ends_with('"')).count(),
        3,
        "{appended:?}"
    );

    let output = check(dir);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "no warnings");
    let status = l10n_status(dir);
    let fr = locale_status(&status, "fr");
    assert_eq!(fr["kind"], "draft");
    assert_eq!(fr["translated"], 3);
    assert_eq!(fr["missing"].as_u64().unwrap() as usize, total - 3);
    assert_eq!(fr["stale"], 0);
    let es = locale_status(&status, "es");
    assert_eq!(
        (
            es["translated"].as_u64().unwrap() as usize,
            es["stale"].as_u64()
        ),
        (total, Some(0))
    );

    // The same files again change nothing.
    let es = export(dir, "es");
    let output = import(dir, &[&es]);
    assert_success(&output, "a second import");
    assert_eq!(
        std::fs::read_to_string(dir.join("codes.toml")).unwrap(),
        after
    );
}

#[test]
fn editing_a_source_text_makes_its_translations_stale_until_a_fresh_import() {
    if !l10n_tools_installed() {
        return;
    }
    let project = project();
    let dir = project.path();
    let fr = export(dir, "fr");
    polib(FR_EDITS, &[&fr, &fr]);
    assert_success(&import(dir, &[&fr]), "the first fr import");
    commit(dir, "fr started");

    let catalog = std::fs::read_to_string(dir.join("codes.toml")).unwrap();
    let edited = catalog.replacen(
        "en = \"The QR code has expired.\"",
        "en = \"The QR code is no longer valid.\"",
        1,
    );
    assert_ne!(edited, catalog);
    std::fs::write(dir.join("codes.toml"), edited).unwrap();
    commit(dir, "reword ERR_QR_EXPIRED");

    // `check` warns, `status` counts, and the release gate fails on the complete locale.
    let stderr = String::from_utf8(check(dir).stderr).unwrap();
    for locale in ["es", "fr"] {
        assert!(
            stderr.contains(&format!(
                "warning: the `{locale}` text of `codes.ERR_QR_EXPIRED.message` is stale"
            )),
            "{stderr}"
        );
    }
    let status = l10n_status(dir);
    for locale in ["es", "fr"] {
        let s = locale_status(&status, locale);
        assert_eq!(s["stale"], 1, "{s}");
        assert_eq!(
            s["stale_texts"],
            serde_json::json!(["ERR_QR_EXPIRED.message"])
        );
    }
    let gate = run(flux_codes(dir).args(["l10n", "status", "--require-complete"]));
    assert_eq!(gate.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&gate.stderr)
            .contains("`es`, `pt-BR` are not complete and current"),
        "both complete locales translated the edited text; the draft fr does not gate"
    );

    // The next export has it fuzzy, with the source it was translated from.
    let es = export(dir, "es");
    assert_msgfmt_accepts(&es);
    let (_, fuzzy, _, _) = pocount(&es);
    assert_eq!(fuzzy, 1);
    polib(
        r#"
po = polib.pofile(sys.argv[1])
entry = po.find("ERR_QR_EXPIRED.message", by="msgctxt")
assert entry.fuzzy, entry
assert entry.previous_msgid == "The QR code has expired.", entry.previous_msgid
assert entry.msgid == "The QR code is no longer valid.", entry.msgid
assert entry.msgstr == "El código QR venció.", entry.msgstr
"#,
        &[&es],
    );

    // Imported as is, a fuzzy entry waits for review: still stale.
    let output = import(dir, &[&es]);
    assert_success(&output, "importing the unreviewed file");
    assert!(String::from_utf8_lossy(&output.stdout).contains("1 fuzzy entry left out"));
    assert_eq!(locale_status(&l10n_status(dir), "es")["stale"], 1);

    // The translator updates it and clears the flag: no longer stale.
    polib(
        r#"
po = polib.pofile(sys.argv[1])
entry = po.find("ERR_QR_EXPIRED.message", by="msgctxt")
entry.msgstr = "El código QR ya no es válido."
entry.flags.remove("fuzzy")
entry.previous_msgid = None
entry.previous_msgctxt = None
po.save()
"#,
        &[&es],
    );
    assert_success(&import(dir, &[&es]), "importing the reviewed file");
    assert_eq!(locale_status(&l10n_status(dir), "es")["stale"], 0);
    let gate = run(flux_codes(dir).args(["l10n", "status", "--require-complete"]));
    assert_eq!(gate.status.code(), Some(1), "pt-BR is still stale");
    let pt = export(dir, "pt-BR");
    polib(
        r#"
po = polib.pofile(sys.argv[1])
entry = po.find("ERR_QR_EXPIRED.message", by="msgctxt")
entry.msgstr = "O código QR não é mais válido."
entry.flags.remove("fuzzy")
po.save()
"#,
        &[&pt],
    );
    assert_success(&import(dir, &[&pt]), "importing the reviewed pt-BR file");
    let gate = run(flux_codes(dir).args(["l10n", "status", "--require-complete"]));
    assert_eq!(
        gate.status.code(),
        Some(0),
        "fr is a draft: it does not gate"
    );
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no `{needle}` in the file"))
        + 1
}

#[test]
fn bad_imports_fail_at_the_po_line_and_leave_codes_toml_byte_identical() {
    let project = project();
    let dir = project.path();
    let es = std::fs::read_to_string(export(dir, "es")).unwrap();
    let before = std::fs::read(dir.join("codes.toml")).unwrap();
    let detail = "msgstr \"El monto máximo para este pago es {max_amount, number}.\"";
    let cases: Vec<(&str, String, &str, String)> = vec![
        (
            "a wrong param",
            es.replace(
                detail,
                "msgstr \"El monto máximo para este pago es {monto}.\"",
            ),
            "uses other params than the `en` text",
            "msgstr \"El monto máximo para este pago es {monto}.\"".to_owned(),
        ),
        (
            "an unknown entry",
            es.replace(
                "msgctxt \"ERR_QR_EXPIRED.hint\"",
                "msgctxt \"ERR_QR_EXPIRD.hint\"", // flux-codes: allow (a misspelled code on purpose)
            ),
            "`ERR_QR_EXPIRD.hint` is not a text of the catalog", // flux-codes: allow
            "msgctxt \"ERR_QR_EXPIRD.hint\"".to_owned(),         // flux-codes: allow
        ),
        (
            "an invalid PO file",
            es.replace(
                detail,
                "msgstr \"El monto máximo para este pago es {max_amount, number}.",
            ),
            "the string is never closed",
            "msgstr \"El monto máximo para este pago es {max_amount, number}.".to_owned(),
        ),
        (
            "a broken placeholder",
            es.replace(
                detail,
                "msgstr \"El monto máximo para este pago es {max_amount.\"",
            ),
            "`{` is never closed",
            "msgstr \"El monto máximo para este pago es {max_amount.\"".to_owned(),
        ),
        (
            "a plural without `other`",
            es.replace(
                " other {Quedan # intentos antes de que se bloquee el medio de pago.}}\"",
                "}\"",
            ),
            "the plural has no `other` option",
            "de intentos antes de que se bloquee el medio de pago.}}\"".to_owned(),
        ),
        (
            "a plural category es lacks",
            es.replace(
                " many {Quedan # de intentos",
                " two {Quedan # intentos} many {Quedan # de intentos",
            ),
            "has a `two` option, but `es` has no plural category `two`",
            "two {Quedan # intentos}".to_owned(),
        ),
        (
            "a locale the catalog lacks",
            es.replace("\"Language: es\\n\"", "\"Language: de\\n\""),
            "`Language: de` is not a locale of the catalog",
            "msgstr \"\"".to_owned(),
        ),
    ];
    for (what, text, message, at) in cases {
        assert_ne!(text, es, "{what}: the case edits the file");
        let path = dir.join("bad.po");
        std::fs::write(&path, &text).unwrap();
        let output = import(dir, &[&path]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{what}:\n{stderr}");
        assert!(stderr.contains(message), "{what}:\n{stderr}");
        let line = line_of(&text, &at);
        assert!(
            stderr.contains(&format!("bad.po:{line}:")),
            "{what}: expected bad.po:{line}:\n{stderr}"
        );
        assert!(
            stderr.contains("codes.toml was not changed"),
            "{what}:\n{stderr}"
        );
        assert_eq!(
            std::fs::read(dir.join("codes.toml")).unwrap(),
            before,
            "{what}: codes.toml changed"
        );
    }
}

#[test]
fn a_draft_locale_exports_with_fallbacks_marked() {
    if !l10n_tools_installed() {
        return;
    }
    let project = project();
    let dir = project.path();
    let fr = export(dir, "fr");
    polib(FR_EDITS, &[&fr, &fr]);
    assert_success(&import(dir, &[&fr]), "the fr import");
    let out = dir.join("exports");
    let output = run(flux_codes(dir)
        .args(["export", "--all", "--out-dir"])
        .arg(&out));
    assert_success(&output, "flux-codes export --all");
    let i18n: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("i18n/fr.json")).unwrap()).unwrap();
    assert_eq!(i18n["ERR_QR_EXPIRED"]["message"], "Le code QR a expiré."); // flux-codes: allow
    assert_eq!(
        i18n["ERR_QR_UNKNOWN"]["message"], // flux-codes: allow (an i18next key)
        "The QR code is not recognized by Flux.",
        "a missing text falls back to the default locale's"
    );
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("catalog.json")).unwrap()).unwrap();
    assert!(
        json["draft_locales"]
            .as_array()
            .unwrap()
            .contains(&"fr".into())
    );
    let fallbacks = json["fallbacks"]["fr"].as_array().unwrap();
    assert!(fallbacks.contains(&"ERR_QR_UNKNOWN.message".into()));
    assert!(!fallbacks.contains(&"ERR_QR_EXPIRED.message".into()));
    let html = std::fs::read_to_string(out.join("docs/errors.html")).unwrap();
    assert!(html.contains("<span data-l=\"fr\" lang=\"fr\" hidden>Le code QR a expiré.</span>"));
    assert!(html.contains(
        "<span data-l=\"fr\" lang=\"en\" hidden>The QR code is not recognized by Flux.</span>"
    ));

    let xliff = dir.join("fr.xlf");
    let output = run(flux_codes(dir)
        .args([
            "l10n", "export", "--locale", "fr", "--format", "xliff", "--out",
        ])
        .arg(&xliff));
    assert_success(&output, "the XLIFF export");
    let (translated, fuzzy, untranslated, total) = pocount(&xliff);
    assert_eq!((translated, fuzzy, untranslated + 3), (3, 0, total));
}

#[test]
fn po_notes_show_each_detail_rendered_by_the_runtime() {
    let project = project();
    let dir = project.path();
    let po = std::fs::read_to_string(export(dir, "pt-BR")).unwrap();
    for line in [
        "#. Params: {max_amount} (number) (filled in by the API, numbers and plurals formatted per language).",
        // The runtime's CLDR number formatting: grouped, as the API answers.
        "#. Example (max_amount = 1234.5): The maximum amount for this payment is 1,234.5.",
        "#. Params: {attempts_left} (integer) (filled in by the API, numbers and plurals formatted per language).",
        // One example per option: `=0`, then a value of each category (`one` is 1 in `en`).
        "#. Example (attempts_left = 0): No attempts are left; the payment method is locked.",
        "#. Example (attempts_left = 1): Only 1 attempt is left before the payment method is locked.",
        "#. Example (attempts_left = 2): 2 attempts are left before the payment method is locked.",
    ] {
        assert!(po.contains(&format!("{line}\n")), "no `{line}` in:\n{po}");
    }
    let pin = po
        .find("msgctxt \"ERR_PIN_ATTEMPTS_EXCEEDED.detail\"")
        .unwrap();
    let notes = &po[po[..pin].rfind("\n\n").unwrap()..pin];
    // `=0`, then `one` and `other` (English's options), then 1000000 for pt-BR's `many`.
    assert_eq!(notes.matches("#. Example").count(), 4, "{notes}");
}

/// The extracted comments (`#.`) of the entry `key`, as polib reads them.
fn po_notes(po: &Path, key: &str) -> String {
    polib(
        &format!(
            "[entry] = [e for e in polib.pofile(sys.argv[1]) if e.msgctxt == {key:?}]\nprint(entry.comment)"
        ),
        &[po],
    )
}

fn assert_has_lines(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            text.lines().any(|l| l == *line),
            "no line `{line}` in:\n{text}"
        );
    }
}

/// A French PIN detail without the `many` option CLDR `fr` has.
const FR_PIN_WITHOUT_MANY: &str = r#"
po = polib.pofile(sys.argv[1])
[entry] = [e for e in po if e.msgctxt == "ERR_PIN_ATTEMPTS_EXCEEDED.detail"]
entry.msgstr = "{attempts_left, plural, =0 {Plus aucune tentative ; le moyen de paiement est bloqué.} one {Il reste # tentative avant le blocage du moyen de paiement.} other {Il reste # tentatives avant le blocage du moyen de paiement.}}"
po.save()
"#;

#[test]
fn po_and_xliff_notes_name_the_plural_categories_each_locale_needs() {
    if !l10n_tools_installed() {
        return;
    }
    let project = project();
    let dir = project.path();
    let pin = "ERR_PIN_ATTEMPTS_EXCEEDED.detail";
    let english = |n: &str, rest: &str| format!("Example (attempts_left = {n}): {rest}");

    let es = po_notes(&export(dir, "es"), pin);
    assert_has_lines(
        &es,
        &[
            "Plural categories es needs for {attempts_left} (CLDR): one (1), many (1000000, \
             1000000000), other (0, 2, 3); an `=N` option (such as `=0`) matches one number \
             exactly and is optional.",
            &english(
                "1000000",
                "1,000,000 attempts are left before the payment method is locked.",
            ),
            "  es: Quedan 1.000.000 de intentos antes de que se bloquee el medio de pago.",
            &english("0", "No attempts are left; the payment method is locked."),
            "  es: No quedan intentos; el medio de pago está bloqueado.",
        ],
    );
    assert!(!es.contains("translation has no"), "{es}");

    let pt = po_notes(&export(dir, "pt-BR"), pin);
    assert_has_lines(
        &pt,
        &[
            "Plural categories pt-BR needs for {attempts_left} (CLDR): one (0, 1), many \
             (1000000, 1000000000), other (2, 3, 4); an `=N` option (such as `=0`) matches one \
             number exactly and is optional.",
            "  pt-BR: Resta só 1 tentativa antes que o meio de pagamento seja bloqueado.",
            "  pt-BR: Restam 1.000.000 de tentativas antes que o meio de pagamento seja bloqueado.",
        ],
    );

    // A new draft locale: its categories, and the English examples alone until translated.
    let fr_po = export(dir, "fr");
    let fr = po_notes(&fr_po, pin);
    assert_has_lines(
        &fr,
        &[
            "Plural categories fr needs for {attempts_left} (CLDR): one (0, 1), many (1000000, \
             1000000000), other (2, 3, 4); an `=N` option (such as `=0`) matches one number \
             exactly and is optional.",
            &english(
                "1000000",
                "1,000,000 attempts are left before the payment method is locked.",
            ),
        ],
    );
    assert!(!fr.contains("  fr:"), "nothing to render in fr yet:\n{fr}");

    // Translated without `many`: the notes and `l10n status` say so.
    polib(FR_PIN_WITHOUT_MANY, &[&fr_po]);
    assert_success(&import(dir, &[&fr_po]), "the fr import");
    let fr = po_notes(&export(dir, "fr"), pin);
    assert_has_lines(
        &fr,
        &[
            "The fr translation has no `many` option for {attempts_left}: attempts_left = \
             1000000 falls back to `other`; add `many {...}`.",
            "  fr: Plus aucune tentative ; le moyen de paiement est bloqué.",
            "  fr: Il reste 1 tentative avant le blocage du moyen de paiement.",
        ],
    );
    let status = l10n_status(dir);
    assert_eq!(
        locale_status(&status, "fr")["missing_plural_forms"],
        serde_json::json!([{
            "text": pin,
            "param": "attempts_left",
            "category": "many",
            "example": "1000000",
        }])
    );
    for complete in ["en", "es", "pt-BR"] {
        assert_eq!(
            locale_status(&status, complete)["missing_plural_forms"],
            serde_json::json!([])
        );
    }
    let human = run(flux_codes(dir).args(["l10n", "status"]));
    assert_success(&human, "flux-codes l10n status");
    assert!(
        String::from_utf8_lossy(&human.stdout).contains(
            "    missing plural form: ERR_PIN_ATTEMPTS_EXCEEDED.detail has no `many` option for \
             {attempts_left} (attempts_left = 1000000 falls back to `other`)\n"
        ),
        "{}",
        String::from_utf8_lossy(&human.stdout)
    );

    // XLIFF carries the same notes.
    let xliff = dir.join("fr.xlf");
    let output = run(flux_codes(dir)
        .args([
            "l10n", "export", "--locale", "fr", "--format", "xliff", "--out",
        ])
        .arg(&xliff));
    assert_success(&output, "the XLIFF export");
    let xliff = std::fs::read_to_string(&xliff).unwrap();
    assert!(xliff.contains(
        "<note from=\"developer\">Plural categories fr needs for {attempts_left} (CLDR): one (0, \
         1), many (1000000, 1000000000), other (2, 3, 4);"
    ));
    assert!(xliff.contains("<note from=\"developer\">The fr translation has no `many` option"));
}

/// The pofilter command a PO file's header gives, as arguments.
fn pofilter_args(po: &str) -> Vec<String> {
    let line = po
        .lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.split("`pofilter ").nth(1))
        .expect("the header names the pofilter command");
    let command = line.split('`').next().unwrap();
    command.split_whitespace().map(str::to_owned).collect()
}

/// pofilter's failures on `po` with `args`: (check name, key) pairs.
fn pofilter(po: &Path, args: &[String]) -> Vec<(String, String)> {
    let out = po.with_extension("pofilter.po");
    let _ = std::fs::remove_file(&out);
    let output = run(Command::new(py_tools().join("pofilter"))
        .args(["--progress=none", "--errorlevel=traceback"])
        .args(args)
        .arg(po)
        .arg(&out));
    assert_success(&output, "pofilter");
    // pofilter writes no file when nothing fails.
    let failures = polib(
        "import os\n\
         entries = polib.pofile(sys.argv[1]) if os.path.exists(sys.argv[1]) else []\n\
         for e in entries:\n    \
         for c in e.tcomment.splitlines():\n        \
         print(c.split(':')[0].removeprefix('(pofilter) '), e.msgctxt)",
        &[&out],
    );
    failures
        .lines()
        .map(|l| {
            let (check, key) = l.split_once(' ').unwrap();
            (check.to_owned(), key.to_owned())
        })
        .collect()
}

#[test]
fn pofilter_run_as_the_header_says_finds_nothing_in_the_translations() {
    if !l10n_tools_installed() {
        return;
    }
    let project = project();
    let dir = project.path();
    for locale in ["es", "pt-BR"] {
        let po = export(dir, locale);
        let text = std::fs::read_to_string(&po).unwrap();
        let args = pofilter_args(&text);
        assert_eq!(
            args,
            [
                "--excludefilter=pythonbraceformat",
                "--excludefilter=brackets"
            ]
        );
        // Unconfigured, pofilter misreads the ICU plural (its translation has a `many` branch
        // English has not) as a broken Python format: why the header names the two checks.
        let all = pofilter(&po, &[]);
        assert!(
            all.contains(&(
                "pythonbraceformat".to_owned(),
                "ERR_PIN_ATTEMPTS_EXCEEDED.detail".to_owned()
            )),
            "{all:?}"
        );
        assert!(
            all.iter()
                .all(|(check, _)| check == "pythonbraceformat" || check == "brackets"),
            "{all:?}"
        );
        assert_eq!(pofilter(&po, &args), [], "pofilter on {locale}");
        // The flags say what the details are; none claims Python's format.
        assert!(text.contains("#, icu-message-format\n"));
        assert!(!text.contains("python-brace-format"));
    }
}

/// `po` with the `msgstr` of the entry `msgctxt` replaced by `text` (continuation lines too).
fn with_translation(po: &str, msgctxt: &str, text: &str) -> String {
    let mut out = Vec::new();
    let mut lines = po.lines();
    let context = format!("msgctxt \"{msgctxt}\"");
    let mut found = false;
    while let Some(line) = lines.next() {
        out.push(line.to_owned());
        if line != context {
            continue;
        }
        found = true;
        for line in lines.by_ref() {
            if line.starts_with("msgstr ") {
                out.push(format!("msgstr \"{text}\""));
                break;
            }
            out.push(line.to_owned());
        }
        // Drop the old msgstr's continuation lines.
        let rest: Vec<&str> = lines.by_ref().skip_while(|l| l.starts_with('"')).collect();
        out.extend(rest.into_iter().map(str::to_owned));
        break;
    }
    assert!(found, "no `{msgctxt}` in the PO file");
    out.join("\n") + "\n"
}

#[test]
fn concurrent_imports_keep_every_change() {
    // flux-codes: allow-start (texts of the repository's catalog)
    let edits = [
        (
            "ERR_QR_EXPIRED.message",
            "El código QR ya venció (importación 1).",
        ),
        (
            "ERR_QR_UNKNOWN.message",
            "No conocemos este código QR (importación 2).",
        ),
        (
            "ERR_QR_DISABLED.message",
            "Este código QR está deshabilitado (importación 3).",
        ),
        (
            "ERR_BAD_REQUEST.message",
            "La solicitud no es válida (importación 4).",
        ),
        (
            "ERR_NOT_FOUND.message",
            "No encontramos lo pedido (importación 5).",
        ),
        (
            "ERR_SERVER.message",
            "Algo falló de nuestro lado (importación 6).",
        ),
    ];
    // flux-codes: allow-end
    let project = project();
    let dir = project.path();
    let es = std::fs::read_to_string(export(dir, "es")).unwrap();
    let files: Vec<PathBuf> = edits
        .iter()
        .enumerate()
        .map(|(i, (key, text))| {
            let file = dir.join(format!("es-{i}.po"));
            std::fs::write(&file, with_translation(&es, key, text)).unwrap();
            file
        })
        .collect();
    // Every import at once, each changing one text of the same catalog.
    let children: Vec<_> = files
        .iter()
        .map(|file| {
            flux_codes(dir)
                .args(["l10n", "import"])
                .arg(file)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert_success(&output, "a concurrent import");
    }
    let catalog = std::fs::read_to_string(dir.join("codes.toml")).unwrap();
    for (key, text) in edits {
        assert!(
            catalog.contains(text),
            "the change to {key} was lost:\n{catalog}"
        );
    }
    check(dir);
    assert!(
        !dir.join(".codes.toml.lock").exists(),
        "the lock is released"
    );
}

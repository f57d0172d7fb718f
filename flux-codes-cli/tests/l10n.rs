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
    let bin = root().join("target/tools/py-l10n/bin");
    assert!(
        bin.join("pocount").is_file() && bin.join("python").is_file(),
        "translate-toolkit and polib are not installed in {}: run scripts/test.sh (it installs \
         scripts/requirements-l10n.txt there)",
        bin.display()
    );
    bin
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

/// Runs a polib script with the PO files' paths as `sys.argv[1:]`.
fn polib(script: &str, files: &[&Path]) {
    let output = run(Command::new(py_tools().join("python"))
        .arg("-c")
        .arg(format!("import sys, polib\n{script}"))
        .args(files));
    assert_success(&output, "the polib script");
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
    "ERR_MAX_AMOUNT_EXCEEDED.detail": "Le montant maximum pour ce paiement est de {max_amount}.",
}
for entry in po:
    if entry.msgctxt in edits:
        entry.msgstr = edits.pop(entry.msgctxt)
assert not edits, edits
po.save()
"#;

#[test]
fn a_translators_round_trip_through_gettext_pocount_and_polib() {
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
            "detail = { en = \"The maximum amount for this payment is {max_amount}.\"",
            ", fr = \"Le montant maximum pour ce paiement est de {max_amount}.\" }",
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
    assert!(String::from_utf8_lossy(&gate.stderr).contains("`es` is not complete and current"));

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
    let detail = "msgstr \"El monto máximo para este pago es {max_amount}.\"";
    let cases: Vec<(&str, String, &str, String)> = vec![
        (
            "a wrong param",
            es.replace(
                detail,
                "msgstr \"El monto máximo para este pago es {monto}.\"",
            ),
            "uses other placeholders than the `en` text",
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
                "msgstr \"El monto máximo para este pago es {max_amount}.",
            ),
            "the string is never closed",
            "msgstr \"El monto máximo para este pago es {max_amount}.".to_owned(),
        ),
        (
            "a broken placeholder",
            es.replace(
                detail,
                "msgstr \"El monto máximo para este pago es {max_amount.\"",
            ),
            "unbalanced braces",
            "msgstr \"El monto máximo para este pago es {max_amount.\"".to_owned(),
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

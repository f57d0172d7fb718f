//! `flux-codes diff`, run as a user runs it: every rule in both output formats with its exit
//! status, `--allow-breaking`, and `--against` a revision of a real git repository.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// A catalog in the shape every case edits: two locales, two categories, two codes.
fn catalog(locales: &[&str], default: &str) -> String {
    let texts = |en: &str, es: &str| {
        let entries: Vec<String> = locales
            .iter()
            .map(|l| match *l {
                "en" => format!("en = \"{en}\""),
                "es" => format!("es = \"{es}\""),
                other => format!("{other} = \"{en} ({other})\""),
            })
            .collect();
        format!("{{ {} }}", entries.join(", "))
    };
    let list: Vec<String> = locales.iter().map(|l| format!("\"{l}\"")).collect();
    format!(
        r#"[catalog]
name = "Test"
default_locale = "{default}"
locales = [{locales}]
docs_url = "https://docs.example/errors#{{code}}"
reserved = ["ERR_OLD"]

[categories.qr]
title = {qr}

[categories.payment]
title = {payment}

[codes.ERR_QR_EXPIRED]
status = 410
retryable = false
category = "qr"
message = {expired}
hint = {hint}

[codes.ERR_MAX_AMOUNT_EXCEEDED]
status = 422
retryable = false
category = "payment"
message = {max}
detail = {detail}
"#,
        locales = list.join(", "),
        qr = texts("QR errors", "Errores de QR"),
        payment = texts("Payment errors", "Errores de pago"),
        expired = texts("The QR code has expired.", "El código QR venció."),
        hint = texts("Generate a new one.", "Genera uno nuevo."),
        max = texts(
            "The amount is above the maximum.",
            "El monto supera el máximo."
        ),
        detail = texts("The maximum is {max_amount}.", "El máximo es {max_amount}."),
    )
}

fn base() -> String {
    catalog(&["en", "es"], "en")
}

/// The base catalog with each `(from, to)` replacement applied once (each must occur).
fn edit(source: &str, replacements: &[(&str, &str)]) -> String {
    let mut source = source.to_owned();
    for (from, to) in replacements {
        assert!(source.contains(from), "`{from}` is not in the catalog");
        source = source.replacen(from, to, 1);
    }
    source
}

const EXPIRED: &str = "[codes.ERR_QR_EXPIRED]\nstatus = 410\nretryable = false\ncategory = \"qr\"\n\
message = { en = \"The QR code has expired.\", es = \"El código QR venció.\" }\n\
hint = { en = \"Generate a new one.\", es = \"Genera uno nuevo.\" }\n";

const NEW_CODE: &str = "\n[codes.ERR_QR_USED]\nstatus = 409\nretryable = false\ncategory = \"qr\"\n\
message = { en = \"Used.\", es = \"Usado.\" }\n";

fn flux_codes() -> Command {
    Command::cargo_bin("flux-codes").unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Runs `flux-codes diff OLD NEW ARGS` on two catalogs written to a temporary folder.
fn diff(old: &str, new: &str, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.toml"), old).unwrap();
    std::fs::write(dir.path().join("new.toml"), new).unwrap();
    flux_codes()
        .current_dir(dir.path())
        .args(["diff", "old.toml", "new.toml"])
        .args(args)
        .output()
        .unwrap()
}

/// Every rule: (rule, class, old catalog, new catalog). A case may show other rules too (a
/// renamed code is a removal and an addition); it must show this one with this class.
fn cases() -> Vec<(&'static str, &'static str, String, String)> {
    let base = base();
    let deprecated = edit(
        &base,
        &[(
            "[codes.ERR_QR_EXPIRED]",
            "[codes.ERR_QR_EXPIRED]\ndeprecated = \"Use ERR_QR_UNKNOWN.\"",
        )],
    );
    let one_locale = catalog(&["en"], "en");
    let with_domain = edit(
        &base,
        &[("[catalog]\n", "[catalog]\ndomain = \"test.example\"\n")],
    );
    let payment =
        "[categories.payment]\ntitle = { en = \"Payment errors\", es = \"Errores de pago\" }\n";
    vec![
        (
            "code_removed",
            "breaking",
            base.clone(),
            edit(&base, &[(EXPIRED, "")]),
        ),
        (
            "code_retired",
            "additive",
            base.clone(),
            edit(
                &base,
                &[
                    (EXPIRED, ""),
                    (r#"["ERR_OLD"]"#, r#"["ERR_OLD", "ERR_QR_EXPIRED"]"#),
                ],
            ),
        ),
        (
            "reserved_code_reused",
            "breaking",
            base.clone(),
            edit(
                &base,
                &[
                    (r#"["ERR_OLD"]"#, "[]"),
                    ("[codes.ERR_QR_EXPIRED]", "[codes.ERR_OLD]"),
                ],
            ),
        ),
        (
            "reservation_removed",
            "breaking",
            base.clone(),
            edit(&base, &[(r#"["ERR_OLD"]"#, "[]")]),
        ),
        (
            "code_reserved",
            "additive",
            base.clone(),
            edit(&base, &[(r#"["ERR_OLD"]"#, r#"["ERR_OLD", "ERR_NEVER"]"#)]),
        ),
        (
            "status_changed",
            "breaking",
            base.clone(),
            edit(&base, &[("status = 410", "status = 404")]),
        ),
        (
            "retryable_changed",
            "breaking",
            base.clone(),
            edit(&base, &[("retryable = false", "retryable = true")]),
        ),
        (
            "category_changed",
            "breaking",
            base.clone(),
            edit(&base, &[(r#"category = "qr""#, r#"category = "payment""#)]),
        ),
        (
            "variant_changed",
            "breaking",
            base.clone(),
            edit(
                &base,
                &[(
                    "[codes.ERR_QR_EXPIRED]",
                    "[codes.ERR_QR_EXPIRED]\nvariant = \"Expired\"",
                )],
            ),
        ),
        (
            "placeholders_changed",
            "breaking",
            base.clone(),
            edit(
                &base,
                &[
                    ("{max_amount}.\", es", "{max_amount} {currency}.\", es"),
                    ("es {max_amount}.", "es {max_amount} {currency}."),
                ],
            ),
        ),
        (
            "locale_removed",
            "breaking",
            base.clone(),
            one_locale.clone(),
        ),
        ("locale_added", "additive", one_locale, base.clone()),
        (
            "default_locale_changed",
            "breaking",
            base.clone(),
            catalog(&["en", "es"], "es"),
        ),
        (
            "category_removed",
            "breaking",
            base.clone(),
            edit(
                &base,
                &[
                    (payment, ""),
                    (r#"category = "payment""#, r#"category = "qr""#),
                ],
            ),
        ),
        (
            "category_added",
            "additive",
            base.clone(),
            edit(
                &base,
                &[(
                    payment,
                    &format!(
                        "{payment}\n[categories.auth]\ntitle = {{ en = \"Auth\", es = \"Autenticación\" }}\n"
                    ),
                )],
            ),
        ),
        (
            "category_title_changed",
            "text",
            base.clone(),
            edit(&base, &[("Errores de pago", "Errores en pagos")]),
        ),
        (
            "code_added",
            "additive",
            base.clone(),
            format!("{base}{NEW_CODE}"),
        ),
        (
            "code_deprecated",
            "additive",
            base.clone(),
            deprecated.clone(),
        ),
        (
            "deprecation_withdrawn",
            "additive",
            deprecated.clone(),
            base.clone(),
        ),
        (
            "deprecation_note_changed",
            "text",
            deprecated.clone(),
            edit(&deprecated, &[("Use ERR_QR_UNKNOWN.", "Gone soon.")]),
        ),
        (
            "message_changed",
            "text",
            base.clone(),
            edit(
                &base,
                &[(
                    "The QR code has expired.",
                    "The QR code is no longer valid.",
                )],
            ),
        ),
        (
            "detail_changed",
            "text",
            base.clone(),
            edit(
                &base,
                &[("The maximum is {max_amount}.", "At most {max_amount}.")],
            ),
        ),
        (
            "hint_changed",
            "text",
            base.clone(),
            edit(&base, &[("Generate a new one.", "Ask for a new one.")]),
        ),
        (
            "name_changed",
            "text",
            base.clone(),
            edit(&base, &[(r#"name = "Test""#, r#"name = "Flux""#)]),
        ),
        (
            "docs_url_changed",
            "text",
            base.clone(),
            edit(&base, &[("errors#{code}", "e/{code}")]),
        ),
        (
            "grpc_changed",
            "breaking",
            base.clone(),
            edit(
                &base,
                &[("status = 410", "status = 410\ngrpc = \"NOT_FOUND\"")],
            ),
        ),
        (
            "domain_added",
            "additive",
            base.clone(),
            with_domain.clone(),
        ),
        ("domain_changed", "breaking", with_domain, base.clone()),
    ]
}

#[test]
fn every_rule_in_both_formats_with_its_exit_status() {
    let cases = cases();
    assert_eq!(cases.len(), 28, "one case per rule");
    for (rule, class, old, new) in cases {
        let json = diff(&old, &new, &["--format", "json"]);
        let report: Value = serde_json::from_slice(&json.stdout)
            .unwrap_or_else(|e| panic!("{rule}: {e}: {}", text(&json.stdout)));
        let changes = report["changes"].as_array().unwrap();
        let found = changes
            .iter()
            .find(|c| c["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule} not reported: {report:#}"));
        assert_eq!(found["class"], class, "{rule}");
        let breaking = changes.iter().any(|c| c["class"] == "breaking");
        assert_eq!(report["breaking"], breaking, "{rule}");
        let expected_status = if breaking { 1 } else { 0 };
        assert_eq!(json.status.code(), Some(expected_status), "{rule}");

        let human = diff(&old, &new, &[]);
        assert_eq!(human.status.code(), Some(expected_status), "{rule}");
        let stdout = text(&human.stdout);
        let heading = match class {
            "breaking" => "Breaking changes",
            "additive" => "Additive changes",
            _ => "Text changes",
        };
        let section = &stdout[stdout
            .find(heading)
            .unwrap_or_else(|| panic!("{rule}: {stdout}"))..];
        let line = format!("  - {} [{rule}]", found["message"].as_str().unwrap());
        assert!(
            section.contains(&line),
            "{rule}: {line:?} not under {heading}:\n{stdout}"
        );
        let stderr = text(&human.stderr);
        if breaking {
            assert_eq!(stderr.lines().count(), 1, "{rule}: {stderr}");
            assert!(
                stderr.starts_with("error: ") && stderr.contains("--allow-breaking"),
                "{stderr}"
            );
            let allowed = diff(&old, &new, &["--allow-breaking"]);
            assert_eq!(allowed.status.code(), Some(0), "{rule}");
            assert_eq!(text(&allowed.stdout), stdout, "{rule}");
            assert_eq!(text(&allowed.stderr), "", "{rule}");
        } else {
            assert_eq!(stderr, "", "{rule}");
        }
    }
}

#[test]
fn identical_catalogs_have_no_changes() {
    let out = diff(&base(), &base(), &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "no changes\n");
    let out = diff(&base(), &base(), &["--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["changes"], serde_json::json!([]));
    assert_eq!(report["summary"]["breaking"], 0);
}

#[test]
fn an_invalid_or_missing_catalog_is_an_error_not_a_diff() {
    let out = diff(&base(), "[catalog]\nname = 1\n", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    let stderr = text(&out.stderr);
    assert!(stderr.contains("--> new.toml:2:8"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let out = flux_codes()
        .current_dir(dir.path())
        .args(["diff", "missing.toml", "other.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: cannot read missing.toml: "),
        "{stderr}"
    );
}

/// A git repository with the catalog in a subfolder, `api/codes.toml`, committed as `base`.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "--quiet", "--initial-branch=main"]);
        std::fs::create_dir(repo.api()).unwrap();
        repo.commit(&base(), "base");
        repo
    }

    fn api(&self) -> PathBuf {
        self.dir.path().join("api")
    }

    fn git(&self, args: &[&str]) {
        let status = std::process::Command::new("git")
            .current_dir(self.dir.path())
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    fn write(&self, catalog: &str) {
        std::fs::write(self.api().join("codes.toml"), catalog).unwrap();
    }

    fn commit(&self, catalog: &str, message: &str) {
        self.write(catalog);
        self.git(&["add", "api/codes.toml"]);
        self.git(&["commit", "--quiet", "-m", message]);
    }

    /// `flux-codes diff ARGS`, run in `dir`.
    fn diff(&self, dir: &Path, args: &[&str]) -> Output {
        flux_codes()
            .current_dir(dir)
            .arg("diff")
            .args(args)
            .output()
            .unwrap()
    }
}

#[test]
fn against_a_git_revision_compares_with_the_catalog_as_committed() {
    let repo = Repo::new();
    // Unchanged working tree: nothing to report.
    let out = repo.diff(&repo.api(), &["--against", "HEAD"]);
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(0), "no changes\n".into())
    );

    // A breaking edit in the working tree, found from the catalog's folder...
    repo.write(&edit(&base(), &[("status = 410", "status = 404")]));
    let out = repo.diff(&repo.api(), &["--against", "HEAD"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("ERR_QR_EXPIRED: status changed from 410 to 404"));
    // ...and from the repository root with --catalog, in JSON.
    let out = repo.diff(
        repo.dir.path(),
        &[
            "--catalog",
            "api/codes.toml",
            "--against",
            "main",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["changes"][0]["rule"], "status_changed");

    // Committed history: a code retired properly is clean against the revision before it.
    repo.commit(
        &edit(
            &base(),
            &[
                (EXPIRED, ""),
                (r#"["ERR_OLD"]"#, r#"["ERR_OLD", "ERR_QR_EXPIRED"]"#),
            ],
        ),
        "retire ERR_QR_EXPIRED",
    );
    let out = repo.diff(&repo.api(), &["--against", "HEAD~1"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .contains("ERR_QR_EXPIRED: retired into `catalog.reserved` [code_retired]")
    );
}

#[test]
fn against_a_revision_reports_what_git_cannot_give_in_one_line() {
    let repo = Repo::new();
    for (rev, expected) in [
        (
            "no-such-branch",
            "error: cannot read api/codes.toml at no-such-branch: ",
        ),
        (
            "--output=/tmp/x",
            "error: `--output=/tmp/x` is not a git revision",
        ),
    ] {
        let out = repo.diff(&repo.api(), &[&format!("--against={rev}")]);
        assert_eq!(out.status.code(), Some(1), "{rev}");
        let stderr = text(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with(expected), "{stderr}");
    }
    // The catalog did not exist at the first commit.
    std::fs::write(repo.dir.path().join("README"), "x").unwrap();
    repo.git(&["add", "README"]);
    repo.git(&["commit", "--quiet", "-m", "readme"]);
    repo.git(&["mv", "api/codes.toml", "api/catalog.toml"]);
    repo.git(&["commit", "--quiet", "-m", "rename"]);
    let out = repo.diff(
        repo.dir.path(),
        &["--catalog", "api/catalog.toml", "--against", "HEAD~1"],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.starts_with("error: cannot read api/catalog.toml at HEAD~1: "),
        "{stderr}"
    );

    // Outside a repository.
    let lonely = tempfile::tempdir().unwrap();
    std::fs::write(lonely.path().join("codes.toml"), base()).unwrap();
    let out = repo.diff(lonely.path(), &["--against", "HEAD"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).lines().count(),
        1,
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn an_invalid_catalog_at_the_revision_is_reported_by_its_revision_and_path() {
    let repo = Repo::new();
    repo.commit("[catalog]\nname = 1\n", "broken");
    repo.write(&base());
    let out = repo.diff(&repo.api(), &["--against", "HEAD"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("--> HEAD:api/codes.toml:2:8"), "{stderr}");
}

#[test]
fn against_conflicts_with_two_files() {
    let out = diff(&base(), &base(), &["--against", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("cannot be used with"),
        "{}",
        text(&out.stderr)
    );
}

/// The version rule: with `[catalog] version` on both sides, `diff` says which release the
/// changes need and fails when the new version is lower (breaking: major, additive: minor,
/// text: patch), as cargo-semver-checks does for crates.
#[test]
fn the_new_version_must_be_as_high_as_the_changes_need() {
    let versioned = |version: &str, source: &str| {
        edit(
            source,
            &[(
                "reserved = [\"ERR_OLD\"]",
                &format!("reserved = [\"ERR_OLD\"]\nversion = \"{version}\""),
            )],
        )
    };
    let base = base();
    let breaking = edit(&base, &[("status = 410", "status = 404")]);
    let additive = format!("{base}{NEW_CODE}");
    let text_only = edit(&base, &[("Generate a new one.", "Make a new one.")]);
    // (old version, new version, new catalog, needed, lowest, passes)
    let cases = [
        ("1.4.0", "2.0.0", &breaking, "major", "2.0.0", true),
        ("1.4.0", "1.5.0", &breaking, "major", "2.0.0", false),
        ("1.4.0", "1.5.0", &additive, "minor", "1.5.0", true),
        ("1.4.0", "1.4.1", &additive, "minor", "1.5.0", false),
        ("1.4.0", "1.4.1", &text_only, "patch", "1.4.1", true),
        ("1.4.0", "1.4.0", &text_only, "patch", "1.4.1", false),
        ("1.4.0", "1.4.0", &base, "none", "1.4.0", true),
        ("1.4.0", "1.3.9", &base, "none", "1.4.0", false),
        // Below 1.0.0, as Cargo reads versions: `0.y` is the major part.
        ("0.4.2", "0.5.0", &breaking, "major", "0.5.0", true),
        ("0.4.2", "0.4.3", &breaking, "major", "0.5.0", false),
        ("0.4.2", "0.4.3", &additive, "minor", "0.4.3", true),
        // After a pre-release, any higher version.
        (
            "2.0.0-beta.1",
            "2.0.0-beta.2",
            &breaking,
            "major",
            "2.0.0-beta.1.0",
            true,
        ),
    ];
    for (old_version, new_version, new, needed, lowest, passes) in cases {
        let old = versioned(old_version, &base);
        let new = versioned(new_version, new);
        let out = diff(&old, &new, &["--format", "json"]);
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let case = format!(
            "{old_version} -> {new_version} ({needed}): {}",
            text(&out.stderr)
        );
        assert_eq!(json["version"]["needed"], needed, "{case}");
        assert_eq!(json["version"]["lowest"], lowest, "{case}");
        assert_eq!(out.status.success(), passes, "{case}");
        assert_eq!(json["version"]["problem"].is_null(), passes, "{case}");
        let human = diff(&old, &new, &[]);
        let line = text(&human.stdout)
            .lines()
            .last()
            .unwrap_or_default()
            .to_owned();
        assert!(
            line.starts_with(&format!("version {old_version} -> {new_version}: ")),
            "{case}: {line}"
        );
        if !passes {
            assert!(text(&human.stderr).starts_with("error: "), "{case}");
        }
    }
    // Without a version on both sides, a breaking change fails unless --allow-breaking.
    let unversioned = diff(&base, &breaking, &[]);
    assert!(!unversioned.status.success());
    assert!(
        text(&unversioned.stdout).ends_with("no version: the changes need a major release\n"),
        "{}",
        text(&unversioned.stdout)
    );
    // Dropping the version is an error of its own.
    let dropped = diff(&versioned("1.4.0", &base), &base, &[]);
    assert!(!dropped.status.success());
    assert!(
        text(&dropped.stderr).contains("has no `version`"),
        "{}",
        text(&dropped.stderr)
    );
}

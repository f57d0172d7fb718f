//! `flux-codes audit` over a fixture tree in several languages (`tests/fixtures/audit/`: Rust,
//! TypeScript, JavaScript, JSON, YAML, Markdown, with its own `codes.toml`), run as a user runs
//! it, in a temporary copy of the tree completed with what git cannot hold (ignored and hidden
//! folders, `node_modules/`, `target/`, a binary file) and with the real exports.

// The codes below are the fixture catalog's, not this repository's: test data for the audit.
// flux-codes: allow-start

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;
use serde_json::Value;
use tempfile::TempDir;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit")
}

fn flux_codes(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("flux-codes").unwrap();
    cmd.current_dir(dir).args(["--color", "never"]);
    cmd
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn write(root: &Path, path: &str, contents: &[u8]) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// Files the walk must skip; each would be reported if it were scanned.
const SKIPPED: &[(&str, &[u8])] = &[
    (
        "node_modules/flux-error-codes/index.js",
        b"\"ERR_FROM_NODE_MODULES\"\n",
    ),
    (
        "target/debug/build/out.rs",
        b"fn f() -> &'static str { \"ERR_QR_EXPIRED\" }\n",
    ),
    ("build/bundle.js", b"ERR_FROM_GITIGNORED_BUILD\n"),
    (".hidden/notes.md", b"ERR_HIDDEN_TYPO\n"),
    ("assets/logo.png", b"\x89PNG\r\n\x1a\n\0\0ERR_IN_A_BINARY"),
];

/// The fixture tree, plus the files git cannot hold, plus `exports/` from the real `export`
/// command and a vendored copy of its `catalog.json`.
fn tree() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture_dir(), dir.path());
    for (path, contents) in SKIPPED {
        write(dir.path(), path, contents);
    }
    flux_codes(dir.path())
        .args(["export", "--all", "--out-dir", "exports"])
        .assert()
        .code(0);
    std::fs::copy(
        dir.path().join("exports/catalog.json"),
        dir.path().join("web/src/flux-catalog.json"),
    )
    .unwrap();
    dir
}

/// Runs `audit --message-format json ARGS` in `dir`: the exit code and the objects printed.
fn audit_json(dir: &Path, args: &[&str]) -> (i32, Vec<Value>) {
    let output = flux_codes(dir)
        .args(["audit", "--message-format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let objects = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    (output.status.code().unwrap(), objects)
}

/// `kind file:line:column code -> suggestion` of each object, for compact comparisons.
fn summarize(objects: &[Value]) -> Vec<String> {
    objects
        .iter()
        .map(|o| {
            let mut line = format!(
                "{} {}:{}:{} {}",
                o["kind"].as_str().unwrap(),
                o["file"].as_str().unwrap(),
                o["line"],
                o["column"],
                o["code"].as_str().unwrap()
            );
            if let Some(suggestion) = o["suggestion"].as_str() {
                line.push_str(&format!(" -> {suggestion}"));
            }
            line
        })
        .collect()
}

/// How many files are under `dir`.
fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                count_files(&entry.path())
            } else {
                1
            }
        })
        .sum()
}

fn files_of(objects: &[Value]) -> Vec<&str> {
    objects
        .iter()
        .map(|o| o["file"].as_str().unwrap())
        .collect()
}

#[test]
fn json_report_pins_every_finding_in_path_line_column_order() {
    let dir = tree();
    let (code, objects) = audit_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        summarize(&objects),
        [
            "unknown-code config/alerts.yaml:5:11 ERR_RATE_LIMTED -> ERR_RATE_LIMITED",
            "unknown-code data/messages.json:3:4 ERR_MAX_AMOUNT_EXCEDED -> ERR_MAX_AMOUNT_EXCEEDED",
            "unknown-code docs/errors.md:11:52 ERR_QR_UNKOWN -> ERR_QR_UNKNOWN",
            "unknown-code docs/placeholders.md:3:48 ERR_X",
            "hand-written-code service/src/payments.rs:7:6 ERR_QR_EXPIRED -> ErrorCode::QrExpired",
            "hand-written-code service/src/payments.rs:11:8 ERR_3DS_FAILED -> ErrorCode::ThreeDsFailed",
            "unknown-code service/src/payments.rs:15:6 ERR_QR_EXPIRD -> ERR_QR_EXPIRED",
            "reserved-code service/src/payments.rs:19:6 ERR_QR_LEGACY",
            "hand-written-code service/src/payments.rs:27:12 ERR_RATE_LIMITED -> ErrorCode::RateLimited",
            "unknown-code web/src/errors.ts:8:11 ERR_QR_EXPIRES -> ERR_QR_EXPIRED",
            "unknown-code web/src/errors.ts:15:30 ERR_PAYMENT_GATEWAY_DOWN",
            "reserved-code web/src/legacy.js:3:26 ERR_QR_LEGACY",
            // Only the catalog code nothing mentions: ERR_MAX_AMOUNT_EXCEEDED is mentioned by
            // `ErrorCode::MaxAmountExceeded` alone, ERR_QR_UNKNOWN by docs and an allowed line.
            "unused-code codes.toml:48:8 ERR_NEVER_USED",
        ]
    );
    let severities: Vec<&str> = objects
        .iter()
        .map(|o| o["severity"].as_str().unwrap())
        .collect();
    assert_eq!(
        severities,
        [
            "error", "error", "error", "error", "warning", "warning", "error", "error", "warning",
            "error", "error", "error", "note"
        ]
    );
    let first = &objects[0];
    assert_eq!(first["end_column"], 26);
    assert_eq!(first["message"], "unknown error code `ERR_RATE_LIMTED`");
    assert_eq!(first["help"], "did you mean `ERR_RATE_LIMITED`?");
    assert_eq!(objects[4]["help"], "use `ErrorCode::QrExpired`");
}

#[test]
fn human_report_renders_like_rustc() {
    let dir = tree();
    // Without exports/, so that a new export format does not change the summary's counts.
    let output = flux_codes(dir.path())
        .args(["audit", "--exclude", "/exports/"])
        .assert()
        .code(1)
        .stdout("")
        .get_output()
        .clone();
    insta::assert_snapshot!(String::from_utf8(output.stderr).unwrap());
}

#[test]
fn generated_files_are_skipped_by_content_and_stale_copies_are_not() {
    let dir = tree();
    let (_, objects) = audit_json(dir.path(), &[]);
    let files = files_of(&objects);
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("exports/") || f.starts_with("generated/")),
        "{files:?}"
    );
    // The report counts what it skipped: the catalog; every export, the vendored catalog.json
    // and the file with an `@generated` header; the binary file.
    let exports = count_files(&dir.path().join("exports"));
    assert!(exports >= 7, "{exports} exports");
    flux_codes(dir.path())
        .arg("audit")
        .assert()
        .stderr(contains(format!(
            "in 7 files (skipped the catalog, {} generated files and 1 binary file)",
            exports + 2
        )));

    // An export edited by hand (or left stale) is no longer the generator's output: scanned.
    let i18n = dir.path().join("exports/i18n/en.json");
    let edited = std::fs::read_to_string(&i18n)
        .unwrap()
        .replace("\"ERR_QR_UNKNOWN\"", "\"ERR_QR_UNKNOWN_OLD\"");
    std::fs::write(&i18n, edited).unwrap();
    let (_, objects) = audit_json(dir.path(), &[]);
    assert!(
        summarize(&objects).contains(
            &"unknown-code exports/i18n/en.json:5:4 ERR_QR_UNKNOWN_OLD -> ERR_QR_UNKNOWN"
                .to_owned()
        ),
        "{:#?}",
        summarize(&objects)
    );
}

#[test]
fn ignored_hidden_binary_and_other_catalog_files_are_skipped_unless_named() {
    let dir = tree();
    let (_, objects) = audit_json(dir.path(), &[]);
    let files = files_of(&objects);
    for prefix in [
        "node_modules/",
        "target/",
        "build/",
        ".hidden/",
        "assets/",
        "vendor/",
        "other-catalog/",
    ] {
        assert!(!files.iter().any(|f| f.starts_with(prefix)), "{prefix}");
    }
    flux_codes(dir.path()).arg("audit").assert().stderr(contains(
        "note: skipped 1 folder with its own codes.toml (audit it against its own catalog)\n |\n = note: other-catalog\n",
    ));

    // Named on the command line, a path is audited whatever the ignore rules say (as in
    // ripgrep): each skipped file does hold a finding. Binary files stay unread.
    let (_, objects) = audit_json(
        dir.path(),
        &[
            "node_modules",
            "target",
            "build",
            ".hidden",
            "assets",
            "vendor",
            "other-catalog/src",
        ],
    );
    assert_eq!(
        summarize(&objects),
        [
            "unknown-code .hidden/notes.md:1:1 ERR_HIDDEN_TYPO",
            "unknown-code build/bundle.js:1:1 ERR_FROM_GITIGNORED_BUILD",
            "unknown-code node_modules/flux-error-codes/index.js:1:2 ERR_FROM_NODE_MODULES",
            "unknown-code other-catalog/src/lib.rs:1:28 ERR_POINTS_EXPIRED -> ERR_QR_EXPIRED",
            "hand-written-code target/debug/build/out.rs:1:27 ERR_QR_EXPIRED -> ErrorCode::QrExpired",
            "unknown-code vendor/widget.js:2:18 ERR_VENDOR_FAILURE",
        ]
        .into_iter()
        .chain(
            // every catalog code but the one the out.rs literal mentions
            [
                "unused-code codes.toml:22:8 ERR_QR_UNKNOWN",
                "unused-code codes.toml:28:8 ERR_3DS_FAILED",
                "unused-code codes.toml:35:8 ERR_MAX_AMOUNT_EXCEEDED",
                "unused-code codes.toml:42:8 ERR_RATE_LIMITED",
                "unused-code codes.toml:48:8 ERR_NEVER_USED",
            ]
        )
        .collect::<Vec<_>>()
    );
}

#[test]
fn hidden_and_exclude_flags_widen_and_narrow_the_walk() {
    let dir = tree();
    let (_, objects) = audit_json(
        dir.path(),
        &["--hidden", "--exclude", "docs/", "--exclude", "*.ts"],
    );
    let files = files_of(&objects);
    assert!(files.contains(&".hidden/notes.md"));
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("docs/") || f.ends_with(".ts"))
    );
    assert!(files.contains(&"web/src/legacy.js"));

    // A glob with a `/` is anchored at the current folder, whether the paths walked are
    // relative or absolute.
    let root = dir.path().canonicalize().unwrap();
    let (_, objects) = audit_json(
        dir.path(),
        &[root.to_str().unwrap(), "--exclude", "web/src/errors.ts"],
    );
    let files = files_of(&objects);
    let errors_ts = root.join("web/src/errors.ts");
    let legacy_js = root.join("web/src/legacy.js");
    assert!(!files.contains(&errors_ts.to_str().unwrap()), "{files:?}");
    assert!(files.contains(&legacy_js.to_str().unwrap()), "{files:?}");
    flux_codes(dir.path())
        .args(["audit", "--exclude", "[oops"])
        .assert()
        .code(1)
        .stderr(contains("error: invalid --exclude glob `[oops`"));
}

#[test]
fn allow_markers_and_allowed_placeholders_silence_deliberate_uses_only() {
    let dir = tree();
    // Without `--allow-unknown`, the placeholder is an unknown code (pinned above); with it,
    // only that finding goes.
    let (_, all) = audit_json(dir.path(), &[]);
    let (_, allowed) = audit_json(dir.path(), &["--allow-unknown", "ERR_X"]);
    let mut expected = summarize(&all);
    expected.retain(|f| f != "unknown-code docs/placeholders.md:3:48 ERR_X");
    assert_eq!(summarize(&allowed), expected);
    assert_eq!(all.len(), allowed.len() + 1);

    // Each marker silences something: disable them and their findings come back.
    for path in ["service/src/payments.rs", "docs/errors.md"] {
        let file = dir.path().join(path);
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            text.replace("flux-codes: allow", "flux-codes: disabled"),
        )
        .unwrap();
    }
    let (_, unmarked) = audit_json(dir.path(), &[]);
    let unmarked = summarize(&unmarked);
    let mut back: Vec<&String> = unmarked
        .iter()
        .filter(|f| !summarize(&all).contains(f))
        .collect();
    back.sort();
    assert_eq!(
        back,
        [
            "hand-written-code service/src/payments.rs:35:6 ERR_QR_UNKNOWN -> ErrorCode::QrUnknown",
            "unknown-code docs/errors.md:7:28 ERR_QR_EXPIRD -> ERR_QR_EXPIRED",
        ]
    );
}

#[test]
fn exit_status_is_1_on_errors_and_on_warnings_only_when_denied() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture_dir().join("codes.toml"),
        dir.path().join("codes.toml"),
    )
    .unwrap();
    write(
        dir.path(),
        "src/lib.rs",
        b"pub fn a() -> ErrorCode { ErrorCode::QrExpired }\n",
    );
    // Clean: one line on stdout, the unused codes as notes on stderr.
    flux_codes(dir.path())
        .arg("audit")
        .assert()
        .code(0)
        .stdout("no unknown, hand-written or reserved codes in 1 file (skipped the catalog)\n")
        .stderr(contains(
            "note: 5 catalog codes are not mentioned in any scanned file",
        ));

    write(
        dir.path(),
        "src/wire.rs",
        b"pub const A: &str = \"ERR_QR_UNKNOWN\";\n",
    );
    flux_codes(dir.path())
        .arg("audit")
        .assert()
        .code(0)
        .stdout("")
        .stderr(contains(
            "warning: the audit found 1 warning in 2 files (skipped the catalog)",
        ));
    flux_codes(dir.path())
        .args(["audit", "--deny-warnings"])
        .assert()
        .code(1);
    let (code, objects) = audit_json(dir.path(), &["--deny-warnings"]);
    assert_eq!(code, 1);
    assert_eq!(objects[0]["kind"], "hand-written-code");

    write(dir.path(), "src/typo.rs", b"// ERR_QR_UNKNWN\n");
    flux_codes(dir.path())
        .arg("audit")
        .assert()
        .code(1)
        .stderr(contains(
            "error: the audit found 1 error and 1 warning in 3 files (skipped the catalog)",
        ));
}

#[test]
fn usage_problems_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture_dir().join("codes.toml"),
        dir.path().join("codes.toml"),
    )
    .unwrap();
    let output = flux_codes(dir.path())
        .args(["audit", "no/such/folder"])
        .assert()
        .code(1)
        .stdout("")
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: cannot audit no/such/folder: "),
        "{stderr}"
    );

    // An invalid catalog is reported as `check` reports it, and nothing is audited.
    std::fs::write(dir.path().join("codes.toml"), "[catalog]\nname = 1\n").unwrap();
    flux_codes(dir.path())
        .arg("audit")
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("error: "));
}
// flux-codes: allow-end

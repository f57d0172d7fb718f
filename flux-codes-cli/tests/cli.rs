//! The built `flux-codes` binary, run as a user runs it: exit codes, diagnostics, every export
//! format, catalog discovery, and one-line errors.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use tempfile::TempDir;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn real_catalog() -> PathBuf {
    root().join("codes.toml")
}

fn fixture(name: &str) -> PathBuf {
    root().join("flux-codes-gen/tests/fixtures").join(name)
}

fn flux_codes() -> Command {
    Command::cargo_bin("flux-codes").unwrap()
}

/// A temporary folder holding `codes.toml` copied from `catalog`.
fn project_with(catalog: &Path) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(catalog, dir.path().join("codes.toml")).unwrap();
    dir
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Asserts the command failed with exit code 1 and exactly one line, `error: ...`, on stderr.
fn assert_one_line_error(cmd: &mut Command, expected: &str) {
    let output = cmd.assert().code(1).stdout("").get_output().clone();
    let stderr = stderr_of(&output);
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains(expected),
        "{stderr}"
    );
}

#[test]
fn check_accepts_the_real_catalog() {
    flux_codes()
        .args(["check", "--catalog"])
        .arg(real_catalog())
        .assert()
        .code(0)
        .stdout(contains("18 codes in 5 categories, 3 locales; no problems"))
        .stderr("");
}

#[test]
fn check_reports_every_problem_like_the_build_and_exits_1() {
    let dir = project_with(&fixture("invalid/many_errors.toml"));
    let output = flux_codes()
        .arg("check")
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stdout("")
        .get_output()
        .clone();
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("error: status 700 is not an HTTP error status"),
        "{stderr}"
    );
    assert!(stderr.contains("--> codes.toml:10:10"), "{stderr}");
    assert!(
        stderr.contains("= help: did you mean `message`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("codes.toml: 5 errors in the catalog"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\x1b'),
        "colour when stderr is not a terminal"
    );

    let colored = flux_codes()
        .args(["check", "--color", "always"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        stderr_of(&colored).contains('\x1b'),
        "no colour with --color always"
    );
}

#[test]
fn check_prints_the_same_diagnostics_as_the_generator() {
    let path = fixture("invalid/unknown_category.toml");
    let source = std::fs::read_to_string(&path).unwrap();
    let diags = flux_codes_gen::parse_catalog(&path, &source).unwrap_err();
    flux_codes()
        .args(["check", "--color", "never", "--catalog"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(diags.render(false));
}

#[test]
fn check_message_format_json_prints_one_object_per_diagnostic() {
    let output = flux_codes()
        .args(["check", "--message-format", "json", "--catalog"])
        .arg(fixture("invalid/many_errors.toml"))
        .assert()
        .code(1)
        .stderr("")
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let diagnostics: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(diagnostics.len(), 5, "{stdout}");
    for d in &diagnostics {
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["column", "file", "help", "line", "message", "severity"]
        );
        assert_eq!(d["severity"], "error");
        assert!(d["file"].as_str().unwrap().ends_with("many_errors.toml"));
    }
    let unknown_key = diagnostics
        .iter()
        .find(|d| d["message"] == "unknown key `mesage` in `[codes.ERR_QR_DISABLED]`")
        .unwrap();
    assert_eq!(
        (unknown_key["line"].as_u64(), unknown_key["column"].as_u64()),
        (Some(19), Some(1))
    );
    assert_eq!(unknown_key["help"], "did you mean `message`?");

    flux_codes()
        .args(["check", "--message-format", "json", "--catalog"])
        .arg(real_catalog())
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn catalog_flag_works_before_and_after_the_subcommand() {
    let empty = tempfile::tempdir().unwrap();
    for args in [["--catalog", "X", "check"], ["check", "--catalog", "X"]] {
        let args = args.map(|a| {
            if a == "X" {
                real_catalog().into_os_string()
            } else {
                a.into()
            }
        });
        flux_codes()
            .args(args)
            .current_dir(empty.path())
            .assert()
            .code(0);
    }
}

#[test]
fn the_catalog_is_found_in_the_nearest_parent_folder() {
    let dir = project_with(&real_catalog());
    let nested = dir.path().join("web/src");
    std::fs::create_dir_all(&nested).unwrap();
    let found = dir.path().join("codes.toml");
    flux_codes()
        .arg("check")
        .current_dir(&nested)
        .assert()
        .code(0)
        .stdout(contains(format!("{}: 18 codes", found.display())));
    flux_codes()
        .arg("check")
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(contains("codes.toml: 18 codes"));
}

#[test]
fn a_missing_catalog_is_one_line_error() {
    let empty = tempfile::tempdir().unwrap();
    assert_one_line_error(
        flux_codes().arg("check").current_dir(empty.path()),
        "no codes.toml in",
    );
    assert_one_line_error(
        flux_codes()
            .args(["export", "--format", "json", "--catalog", "nope.toml"])
            .current_dir(empty.path()),
        "cannot read nope.toml",
    );
}

#[test]
fn every_format_exports_what_the_generator_renders() {
    let catalog = flux_codes_gen::load_catalog(&real_catalog()).unwrap();
    for format in flux_codes_gen::render::FORMATS {
        let files = format.render(&catalog);
        let out = tempfile::tempdir().unwrap();
        if let [file] = files.as_slice() {
            flux_codes()
                .args(["export", "--format", format.name, "--catalog"])
                .arg(real_catalog())
                .assert()
                .code(0)
                .stdout(file.contents.clone());
            let path = out.path().join("one").join(&file.path);
            flux_codes()
                .args(["export", "-f", format.name, "--out"])
                .arg(&path)
                .arg("--catalog")
                .arg(real_catalog())
                .assert()
                .code(0)
                .stdout("");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), file.contents);
        } else {
            assert_one_line_error(
                flux_codes()
                    .args(["export", "--format", format.name, "--catalog"])
                    .arg(real_catalog()),
                "write them into a folder with --out DIR",
            );
            flux_codes()
                .args(["export", "--format", format.name, "--out"])
                .arg(out.path())
                .arg("--catalog")
                .arg(real_catalog())
                .assert()
                .code(0);
            for file in &files {
                assert_eq!(
                    std::fs::read_to_string(out.path().join(&file.path)).unwrap(),
                    file.contents,
                    "{}",
                    file.path
                );
            }
        }
    }
}

/// The generator's `catalog.json`, which `cargo xtask codegen` also writes for `flux-codes`'
/// `CATALOG_JSON` (that crate's `tests/generated_sources.rs` checks the other half).
#[test]
fn export_json_is_the_generators_catalog_json() {
    let catalog = flux_codes_gen::load_catalog(&real_catalog()).unwrap();
    flux_codes()
        .args(["export", "--format", "json", "--catalog"])
        .arg(real_catalog())
        .assert()
        .stdout(flux_codes_gen::render::json::render_json(&catalog));
}

#[test]
fn export_all_writes_every_artifact_and_rewrites_nothing_unchanged() {
    let catalog = flux_codes_gen::load_catalog(&real_catalog()).unwrap();
    let artifacts = flux_codes_gen::render::artifacts(&catalog);
    let dir = project_with(&real_catalog());
    // A status line per file, as cargo prints them, then a summary.
    let status = |verb: &dyn Fn(&str) -> &'static str, written: usize| {
        let mut lines: Vec<String> = artifacts
            .iter()
            .map(|a| format!("{:>12} out/exports/{}", verb(&a.path), a.path))
            .collect();
        lines.push(format!(
            "    Finished {} files in out/exports: {written} written, {} already up to date",
            artifacts.len(),
            artifacts.len() - written
        ));
        lines.join("\n") + "\n"
    };
    flux_codes()
        .args(["export", "--all", "--out-dir", "out/exports"])
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout("")
        .stderr(status(&|_| "Wrote", artifacts.len()));
    let out = dir.path().join("out/exports");
    for artifact in flux_codes_gen::render::artifacts(&catalog) {
        assert_eq!(
            std::fs::read_to_string(out.join(&artifact.path)).unwrap(),
            artifact.contents,
            "{}",
            artifact.path
        );
    }
    let json = out.join("catalog.json");
    let before = std::fs::metadata(&json).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(out.join("npm/README.md"), "edited by hand").unwrap();
    flux_codes()
        .args(["export", "--all", "--out-dir", "out/exports"])
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stderr(status(
            &|path| {
                if path == "npm/README.md" {
                    "Wrote"
                } else {
                    "Unchanged"
                }
            },
            1,
        ));
    assert_eq!(
        std::fs::metadata(&json).unwrap().modified().unwrap(),
        before,
        "an unchanged file was rewritten"
    );
    // `-q`: no status line.
    std::fs::remove_file(&json).unwrap();
    flux_codes()
        .args(["export", "--all", "-q", "--out-dir", "out/exports"])
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    assert!(json.exists());
}

#[test]
fn the_catalog_version_and_npm_name_reach_the_exports() {
    let source = std::fs::read_to_string(real_catalog())
        .unwrap()
        .replacen(
            "[catalog]\n",
            "[catalog]\nnpm_package = \"@flux/codes\"\n",
            1,
        )
        .replacen("version = \"1.0.0\"", "version = \"1.4.0\"", 1);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("codes.toml"), source).unwrap();
    let export = |args: &[&str]| {
        flux_codes()
            .args(["export", "-q", "--all", "--out-dir", "out"])
            .args(args)
            .current_dir(dir.path())
            .assert()
            .code(0);
    };
    let read = |path: &str| std::fs::read_to_string(dir.path().join("out").join(path)).unwrap();
    let json = |path: &str| serde_json::from_str::<serde_json::Value>(&read(path)).unwrap();
    export(&[]);
    let package = json("npm/package.json");
    assert_eq!(
        (&package["name"], &package["version"]),
        (&"@flux/codes".into(), &"1.4.0".into())
    );
    assert_eq!(json("catalog.json")["version"], "1.4.0");
    assert_eq!(json("openapi.json")["info"]["version"], "1.4.0");
    assert!(read("docs/errors.en.md").contains("version 1.4.0 of the catalog"));
    assert!(read("docs/errors.html").contains("version 1.4.0 of the catalog"));
    assert!(read("npm/README.md").contains("@flux/codes"));
    // The command line names the package over the catalog, and checks the name.
    export(&["--npm-package", "@acme/flux-codes"]);
    assert_eq!(json("npm/package.json")["name"], "@acme/flux-codes");
    flux_codes()
        .args([
            "export",
            "--all",
            "--out-dir",
            "out",
            "--npm-package",
            "@Acme/x",
        ])
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(contains("not an npm package name"));
}

#[test]
fn an_unwritable_output_is_one_line_error_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file.txt");
    std::fs::write(&file, "not a folder").unwrap();
    assert_one_line_error(
        flux_codes()
            .args(["export", "--format", "json", "--out"])
            .arg(file.join("catalog.json"))
            .arg("--catalog")
            .arg(real_catalog()),
        "cannot create the folder",
    );
    assert_one_line_error(
        flux_codes()
            .args(["export", "--all", "--out-dir"])
            .arg(&file)
            .arg("--catalog")
            .arg(real_catalog()),
        "file.txt",
    );
    let taken = dir.path().join("taken");
    std::fs::create_dir_all(taken.join("catalog.json")).unwrap();
    assert_one_line_error(
        flux_codes()
            .args(["export", "--format", "json", "--out"])
            .arg(taken.join("catalog.json"))
            .arg("--catalog")
            .arg(real_catalog()),
        "cannot write",
    );
    let left: Vec<_> = std::fs::read_dir(&taken)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["catalog.json"], "a temporary file was left behind");
}

#[test]
fn export_of_a_broken_catalog_prints_its_diagnostics_and_writes_nothing() {
    let dir = project_with(&fixture("invalid/unknown_category.toml"));
    flux_codes()
        .args(["export", "--all", "--out-dir", "exports"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(
            contains("error: category `qrr` does not exist").and(contains("nothing was generated")),
        );
    assert!(!dir.path().join("exports").exists());
}

#[test]
fn bad_usage_exits_2_with_clap_errors() {
    flux_codes()
        .args(["export", "--format", "yaml"])
        .assert()
        .code(2)
        .stderr(contains("invalid value 'yaml'"));
    flux_codes()
        .args(["export"])
        .assert()
        .code(2)
        .stderr(contains("--format"));
    flux_codes()
        .args(["export", "--all"])
        .assert()
        .code(2)
        .stderr(contains("--out-dir"));
    flux_codes()
        .args(["check", "--frobnicate"])
        .assert()
        .code(2)
        .stderr(contains("unexpected argument"));
}

#[test]
fn every_command_has_help_with_an_example() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["export", "--help"],
        &["explain", "--help"],
    ] {
        flux_codes()
            .args(args)
            .assert()
            .code(0)
            .stdout(contains("Examples:\n  flux-codes "));
    }
    flux_codes().args(["export", "--help"]).assert().stdout(
        contains("i18next")
            .and(contains("json-schema"))
            .and(contains("markdown")),
    );
}

#[test]
fn export_markdown_with_locale_writes_that_locales_page() {
    let catalog = flux_codes_gen::load_catalog(&real_catalog()).unwrap();
    for (index, tag) in catalog.locales().iter().enumerate() {
        flux_codes()
            .args(["export", "--format", "markdown", "--locale"])
            .arg(tag.to_uppercase())
            .arg("--catalog")
            .arg(real_catalog())
            .assert()
            .code(0)
            .stdout(flux_codes_gen::render::markdown::render_markdown(
                &catalog, index,
            ));
    }
    assert_one_line_error(
        flux_codes()
            .args(["export", "--format", "markdown", "--catalog"])
            .arg(real_catalog()),
        "or pick one with --locale",
    );
    assert_one_line_error(
        flux_codes()
            .args([
                "export",
                "--format",
                "markdown",
                "--locale",
                "fr",
                "--catalog",
            ])
            .arg(real_catalog()),
        "the catalog has no locale `fr`; its locales are en, es, pt-BR",
    );
    assert_one_line_error(
        flux_codes()
            .args(["export", "--format", "json", "--locale", "es", "--catalog"])
            .arg(real_catalog()),
        "the json export is not per locale",
    );
}

#[test]
fn the_mobile_exports_refuse_a_detail_the_phone_cannot_say_and_name_the_kotlin_package() {
    const CODE: &str = "ERR_TWO_PLURALS"; // flux-codes: allow (a test's own code)
    let mut source = std::fs::read_to_string(real_catalog()).unwrap();
    let line = source.lines().count() + 2; // the new table's key, after a blank line
    source.push_str(&format!("\n[codes.{CODE}]\n"));
    source.push_str(
        "status = 400\nretryable = false\ncategory = \"request\"\n\
         message = { en = \"M\", es = \"M\", pt-BR = \"M\" }\n\
         detail = { en = \"{a, plural, one {# a} other {# as}} {b, plural, one {# b} other {# bs}}\", \
         es = \"{a, plural, other {#}} {b, plural, other {#}}\", pt-BR = \"{a, plural, other {#}} {b, plural, other {#}}\" }\n", // flux-codes: allow
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("codes.toml"), source).unwrap();
    for format in ["kotlin", "android", "xcstrings", "swift"] {
        assert_one_line_error(
            flux_codes()
                .args(["export", "--format", format, "--out", "out"])
                .current_dir(dir.path()),
            &format!(
                "codes.toml:{line}:8: the `en` detail of {CODE} cannot be exported to Android and iOS: \
                 it has plurals over two numbers, `a` and `b`" // flux-codes: allow
            ),
        );
    }
    assert!(!dir.path().join("out").exists());
    // The other exports do not lower details: they are written.
    flux_codes()
        .args(["export", "--format", "json"])
        .current_dir(dir.path())
        .assert()
        .code(0);

    let output = flux_codes()
        .args(["--catalog"])
        .arg(real_catalog())
        .args([
            "export",
            "--format",
            "kotlin",
            "--kotlin-package",
            "com.acme.pay.errors",
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("\npackage com.acme.pay.errors\n")
    );
    flux_codes()
        .args(["--catalog"])
        .arg(real_catalog())
        .args([
            "export",
            "--format",
            "kotlin",
            "--kotlin-package",
            "com.acme.in",
        ])
        .assert()
        .code(2)
        .stderr(contains("not a Kotlin package: `in` is a Kotlin keyword"));
}

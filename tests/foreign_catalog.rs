//! The runtime names no catalog code: `flux-codes` itself builds from a catalog that shares no
//! code with Flux's (a few of PostgreSQL's conditions), and the code it answers on its own
//! comes from that catalog's `internal_error`; without one, `cargo xtask codegen` fails saying
//! what to add.
//!
//! Each test copies the crate (manifest, sources) under `target/generated-crate-tests/` with
//! another `codes.toml`, writes its `src/generated/` as `cargo xtask codegen` does, and builds
//! it, sharing one target dir there with `generated_crate.rs`, so dependencies are compiled
//! once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use flux_codes_gen::Role;

#[path = "../xtask/src/codegen.rs"]
#[allow(dead_code)] // what `cargo xtask codegen` runs
mod codegen;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch() -> PathBuf {
    root().join("target/generated-crate-tests")
}

/// Copies the folder `from` (files and subfolders, such as `src/tonic/`) to `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, target).unwrap();
        }
    }
}

/// A copy of this crate named `name`, with `catalog` as its codes.toml, its `src/generated/`
/// written from it (the catalog must name an `internal_error` code, not a `bad_request` one:
/// the copy is built without the axum feature), and a `probe` example.
fn copy_with_catalog(name: &str, catalog: &str) -> PathBuf {
    let dir = copy_with_catalog_ungenerated(name, catalog);
    if let Err(report) = codegen::write_requiring(&dir, &[Role::InternalError]) {
        panic!("{report}");
    }
    dir
}

/// [`copy_with_catalog`], `src/generated/` left as this crate's.
fn copy_with_catalog_ungenerated(name: &str, catalog: &str) -> PathBuf {
    let dir = scratch().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("examples")).unwrap();
    copy_tree(&root().join("src"), &dir.join("src"));
    std::fs::copy(root().join("README.md"), dir.join("README.md")).unwrap();
    // The package's own sections, with its path dependencies made absolute; not the test,
    // example and workspace sections, which name this repository's files.
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let package = &manifest[..manifest.find("[dev-dependencies]").unwrap()];
    let package = package
        .replace(
            "path = \"flux-codes-derive\"",
            &format!("path = {:?}", root().join("flux-codes-derive")),
        )
        .replace(
            "path = \"flux-codes-gen\"",
            &format!("path = {:?}", root().join("flux-codes-gen")),
        )
        .replace(
            "path = \"flux-codes-core\"",
            &format!("path = {:?}", root().join("flux-codes-core")),
        );
    // A package name of its own: two copies that are each their workspace's root would
    // otherwise share cargo's build-script output (its hash of a path package is relative to
    // the workspace root).
    let package = package.replacen("name = \"flux-codes\"", &format!("name = {name:?}"), 1);
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("{package}\n[lib]\nname = \"flux_codes\"\n\n[workspace]\n"),
    )
    .unwrap();
    std::fs::write(dir.join("codes.toml"), catalog).unwrap();
    std::fs::write(
        dir.join("examples/probe.rs"),
        r#"use flux_codes::{ApiError, ErrorCode};

fn main() {
    let first = ErrorCode::ALL[0];
    let failed = ApiError::new(first).extra("status", 200).unwrap_err();
    let answered = ApiError::from(failed);
    println!("{} {} {}", ErrorCode::COUNT, answered.code(), answered.code().http_status());
}
"#,
    )
    .unwrap();
    dir
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", scratch().join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// flux-codes: allow-start (PostgreSQL's condition names, not Flux codes)
const POSTGRES: &str = r#"[catalog]
name = "PostgreSQL"
default_locale = "en"
locales = ["en"]
internal_error = "INTERNAL_ERROR"

[categories.integrity]
title = { en = "Integrity constraint violations" }

[categories.internal]
title = { en = "Internal errors" }

[codes.UNIQUE_VIOLATION]
status = 409
retryable = false
category = "integrity"
message = { en = "A unique constraint was violated." }
detail = { en = "Key {key} already exists." }

[codes.SERIALIZATION_FAILURE]
status = 409
retryable = true
category = "integrity"
message = { en = "The transaction could not be serialized." }

[codes.INTERNAL_ERROR]
status = 500
retryable = false
category = "internal"
message = { en = "An internal error occurred." }
"#;

#[test]
fn the_crate_builds_with_a_catalog_that_shares_no_code_with_flux() {
    let flux = std::fs::read_to_string(root().join("codes.toml")).unwrap();
    for code in [
        "UNIQUE_VIOLATION",
        "SERIALIZATION_FAILURE",
        "INTERNAL_ERROR",
    ] {
        assert!(!flux.contains(code), "{code} is a Flux code too");
    }
    let dir = copy_with_catalog("foreign-catalog", POSTGRES);
    let out = cargo(&dir, &["run", "--quiet", "--example", "probe"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "3 INTERNAL_ERROR 500\n");
}

#[test]
fn without_internal_error_codegen_fails_saying_what_to_add() {
    let catalog = POSTGRES.replace("internal_error = \"INTERNAL_ERROR\"\n", "");
    let dir = copy_with_catalog_ungenerated("foreign-catalog-no-role", &catalog);
    let stderr = codegen::write_requiring(&dir, &[Role::InternalError])
        .expect_err("a catalog without internal_error");
    assert!(
        stderr.contains(
            "error: the catalog names no `internal_error` code, which the generated code's \
             runtime needs"
        ),
        "{stderr}"
    );
    // Named so the user can open it, wherever the crate lies.
    let path = dir.join("codes.toml");
    assert!(
        stderr.contains(&format!("--> {}:1:1", path.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: add `internal_error = \"INTERNAL_ERROR\"` to `[catalog]`"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// A draft locale with half its texts builds, negotiates and answers problem+json: its own
/// texts where it has them, the default locale's where it has none.
#[test]
fn a_draft_locale_with_half_its_texts_serves_problems_with_fallbacks() {
    let catalog = POSTGRES
        .replace(
            "locales = [\"en\"]\n",
            "locales = [\"en\"]\ndraft_locales = [\"de\"]\n",
        )
        .replace(
            "message = { en = \"A unique constraint was violated.\" }",
            "message = { en = \"A unique constraint was violated.\", de = \"Eine Eindeutigkeitsbedingung wurde verletzt.\" }",
        );
    let dir = copy_with_catalog("foreign-catalog-draft", &catalog);
    std::fs::write(
        dir.join("examples/probe.rs"),
        r#"use flux_codes::{ApiError, ErrorCode, Locale};

fn main() {
    let locale = Locale::negotiate("de-CH,de;q=0.9,en;q=0.5");
    let code: ErrorCode = "UNIQUE_VIOLATION".parse().unwrap();
    let problem = ApiError::new(code).param("key", "(email)");
    println!("{}", serde_json::to_string(&problem.to_problem(locale)).unwrap());
    let other: ErrorCode = "SERIALIZATION_FAILURE".parse().unwrap();
    println!("{}", serde_json::to_string(&ApiError::new(other).to_problem(locale)).unwrap());
}
"#,
    )
    .unwrap();
    let out = cargo(&dir, &["run", "--quiet", "--example", "probe"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let mut lines = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap());
    let translated = lines.next().unwrap();
    assert_eq!(
        translated["title"],
        "Eine Eindeutigkeitsbedingung wurde verletzt."
    );
    assert_eq!(
        translated["detail"], "Key (email) already exists.",
        "no German detail yet: the English one"
    );
    assert_eq!(translated["status"], 409);
    let fallback = lines.next().unwrap();
    assert_eq!(
        fallback["title"],
        "The transaction could not be serialized."
    );
}
// flux-codes: allow-end

//! The build-script front end: errors returned, never `exit` or a panic; generation apart from
//! writing; the catalog named so the user can open it; roles the runtime needs.

mod common;

use std::fs;
use std::path::Path;

use flux_codes_gen::{Builder, Error, Role};

#[test]
fn without_out_dir_compile_is_an_error_not_a_panic() {
    // Integration tests run outside a build script: cargo sets no `OUT_DIR` for them.
    assert!(std::env::var_os("OUT_DIR").is_none());
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("codes.toml");
    fs::write(&catalog, common::big_catalog(2)).unwrap();
    let error = Builder::new(&catalog).compile().unwrap_err();
    assert!(matches!(error, Error::NoOutDir), "{error}");
    assert!(error.to_string().contains("OUT_DIR is not set"), "{error}");
    assert!(error.to_string().contains("Builder::out_dir"), "{error}");
}

#[test]
fn generate_renders_every_file_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("codes.toml");
    fs::write(&catalog, common::big_catalog(2)).unwrap();
    let files = Builder::new(&catalog)
        .json_file_name("catalog.json")
        .generate()
        .unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(names, ["flux_codes.rs", "flux_codes.md", "catalog.json"]);
    assert!(files[0].contents.contains("pub enum ErrorCode"));
    assert!(files[0].contents.contains("::flux_codes::__private"));
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only codes.toml"
    );

    // Written by `compile`, the same bytes.
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let module = Builder::new(&catalog)
        .json_file_name("catalog.json")
        .out_dir(&out)
        .compile()
        .unwrap();
    assert_eq!(module, out.join("flux_codes.rs"));
    for file in &files {
        assert_eq!(
            fs::read_to_string(out.join(&file.path)).unwrap(),
            file.contents
        );
    }
}

#[test]
fn the_runtime_path_is_a_plain_string_and_must_be_a_path() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("codes.toml");
    fs::write(&catalog, common::big_catalog(2)).unwrap();
    let files = Builder::new(&catalog)
        .runtime_path("crate::__private")
        .generate()
        .unwrap();
    let module = &files[0].contents;
    assert!(module.contains("crate::__private") && !module.contains("::flux_codes::"));
    for bad in ["", "not a path", "crate::", "\"x\""] {
        let error = Builder::new(&catalog)
            .runtime_path(bad)
            .generate()
            .unwrap_err();
        assert!(
            matches!(&error, Error::RuntimePath(p) if p == bad),
            "{bad:?}: {error}"
        );
    }
}

#[test]
fn errors_name_the_catalog_by_an_absolute_path() {
    // A build script runs in its package's folder, and the user may be building a crate that
    // depends on that package: `codes.toml` alone would name a file the user cannot find.
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("codes.toml");
    fs::write(&catalog, "[catalog]\nname = 1\n").unwrap();
    let relative = pathdiff(&catalog);
    let error = Builder::new(&relative).generate().unwrap_err();
    let Error::Invalid(diags) = &error else {
        panic!("{error}")
    };
    assert!(diags.path.is_absolute(), "{}", diags.path.display());
    assert_eq!(
        fs::canonicalize(&diags.path).unwrap(),
        fs::canonicalize(&catalog).unwrap()
    );
    // `Debug`, what `fn main() -> Result<(), Error>` prints, is the rendered report.
    let shown = format!("{error:?}");
    assert!(
        shown.contains(&format!("--> {}:2:8", diags.path.display())),
        "{shown}"
    );
}

/// `path` relative to the working directory (`../..` as needed).
fn pathdiff(path: &Path) -> std::path::PathBuf {
    let cwd = std::env::current_dir().unwrap();
    let ups = cwd.components().count() - 1;
    let mut relative = std::path::PathBuf::new();
    for _ in 0..ups {
        relative.push("..");
    }
    relative.join(path.strip_prefix("/").unwrap())
}

// flux-codes: allow-start (the made-up codes of the test catalogs)
#[test]
fn a_required_role_the_catalog_does_not_name_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("codes.toml");
    let source = common::big_catalog(2);
    fs::write(&catalog, &source).unwrap();
    // Not required: fine without it.
    Builder::new(&catalog).generate().unwrap();
    let error = Builder::new(&catalog)
        .require(Role::InternalError)
        .generate()
        .unwrap_err();
    let report = error.to_string();
    assert!(
        report.contains(
            "error: the catalog names no `internal_error` code, which the generated code's \
             runtime needs"
        ),
        "{report}"
    );
    assert!(report.contains(":1:1"), "{report}");
    assert!(
        report.contains("help: add `internal_error = \"ERR_C0\"` to `[catalog]`"),
        "{report}"
    );

    // Named: the generated `ErrorCode` has it.
    let named = source.replacen("[catalog]\n", "[catalog]\ninternal_error = \"ERR_C1\"\n", 1);
    fs::write(&catalog, named).unwrap();
    let files = Builder::new(&catalog)
        .require(Role::InternalError)
        .generate()
        .unwrap();
    assert!(
        files[0]
            .contents
            .contains("pub const INTERNAL_ERROR: ErrorCode = ErrorCode::C1;"),
        "{}",
        files[0].contents
    );
}

/// `bad_request` is a role like `internal_error`: required by the runtime's axum feature,
/// checked against the catalog's codes, a constant of the generated `ErrorCode`.
#[test]
fn the_bad_request_role_is_required_checked_and_generated() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("codes.toml");
    let source = common::big_catalog(2);
    fs::write(&catalog, &source).unwrap();
    let report = Builder::new(&catalog)
        .require(Role::BadRequest)
        .generate()
        .unwrap_err()
        .to_string();
    assert!(
        report.contains("error: the catalog names no `bad_request` code"),
        "{report}"
    );
    assert!(
        report.contains("a request the service cannot parse"),
        "{report}"
    );

    let misspelled = source.replacen("[catalog]\n", "[catalog]\nbad_request = \"ERR_C9\"\n", 1);
    fs::write(&catalog, misspelled).unwrap();
    let report = Builder::new(&catalog).generate().unwrap_err().to_string();
    assert!(
        report.contains("`bad_request = \"ERR_C9\"` names no code of the catalog"),
        "{report}"
    );

    let named = source.replacen("[catalog]\n", "[catalog]\nbad_request = \"ERR_C1\"\n", 1);
    fs::write(&catalog, named).unwrap();
    let files = Builder::new(&catalog)
        .require(Role::BadRequest)
        .generate()
        .unwrap();
    assert!(
        files[0]
            .contents
            .contains("pub const BAD_REQUEST: ErrorCode = ErrorCode::C1;"),
        "{}",
        files[0].contents
    );
}
// flux-codes: allow-end

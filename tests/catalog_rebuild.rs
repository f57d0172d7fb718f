//! `catalog!` tracks its TOML: a copy of the `examples/loyalty-codes` crate is built, its
//! catalog edited, and the next build picks the change up; a broken catalog fails at the macro
//! call with the catalog's file:line:column diagnostics, and fixing it builds again.
//!
//! The copy lives under `target/generated-crate-tests/` and shares that folder's target dir
//! with `generated_crate.rs`, so dependencies are compiled once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch() -> PathBuf {
    root().join("target/generated-crate-tests")
}

/// A fresh copy of the example crate, depending on this workspace's `flux-codes` by absolute
/// path and pinned to this workspace's lockfile.
fn copy_example(name: &str) -> PathBuf {
    let from = root().join("examples/loyalty-codes");
    let dir = scratch().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    for file in ["codes.toml", "src/lib.rs", "src/main.rs"] {
        std::fs::copy(from.join(file), dir.join(file)).unwrap();
    }
    let manifest = std::fs::read_to_string(from.join("Cargo.toml")).unwrap();
    let dependency = r#"flux-codes = { path = "../..", features = ["catalog"] }"#;
    assert!(
        manifest.contains(dependency),
        "the example's manifest changed"
    );
    let manifest = manifest.replace(
        dependency,
        &format!(
            "flux-codes = {{ path = {:?}, features = [\"catalog\"] }}",
            root()
        ),
    ) + "\n[workspace]\n";
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
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

// The codes below are the loyalty example's (examples/loyalty-codes/codes.toml), not Flux's.
// flux-codes: allow-start
/// Builds and runs the copy with `ERR_POINTS_EXPIRED` as its argument; returns its output.
fn run(dir: &Path) -> String {
    let out = cargo(dir, &["run", "--quiet", "--", "ERR_POINTS_EXPIRED"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn edit(dir: &Path, from: &str, to: &str) {
    let path = dir.join("codes.toml");
    let catalog = std::fs::read_to_string(&path).unwrap();
    assert!(catalog.contains(from), "codes.toml has no {from:?}");
    std::fs::write(&path, catalog.replacen(from, to, 1)).unwrap();
}

#[test]
fn editing_the_toml_rebuilds_the_crate_that_calls_catalog() {
    let dir = copy_example("catalog-macro-rebuild");
    assert_eq!(
        run(&dir),
        "ERR_POINTS_EXPIRED 410 The points have expired.\n\
         ERR_INSUFFICIENT_POINTS 422 The reward costs 500 points; the account has 120.\n"
    );

    // Nothing changed: nothing is rebuilt.
    let out = cargo(&dir, &["build", "-v"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let log = text(&out.stderr);
    assert!(log.contains("Fresh loyalty-codes"), "{log}");

    // Only the TOML changes: a status, a message and a detail template.
    edit(&dir, "status = 410", "status = 404");
    edit(&dir, "The points have expired.", "These points expired.");
    edit(
        &dir,
        "the account has {available, number}.",
        "only {available, number} are left.",
    );
    assert_eq!(
        run(&dir),
        "ERR_POINTS_EXPIRED 404 These points expired.\n\
         ERR_INSUFFICIENT_POINTS 422 The reward costs 500 points; only 120 are left.\n"
    );

    // A broken catalog: a compile error at the macro call, carrying the catalog's diagnostics.
    edit(&dir, "category = \"points\"", "category = \"pointz\"");
    let out = cargo(&dir, &["build"]);
    let stderr = text(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("error: the catalog `codes.toml` is not valid:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: category `pointz` does not exist"),
        "{stderr}"
    );
    assert!(stderr.contains("--> codes.toml:23:12"), "{stderr}");
    assert!(stderr.contains("help: did you mean `points`?"), "{stderr}");
    assert!(stderr.contains("--> src/lib.rs:10:26"), "{stderr}");

    // Fixed: it builds again, from the TOML alone.
    edit(&dir, "category = \"pointz\"", "category = \"points\"");
    assert!(run(&dir).starts_with("ERR_POINTS_EXPIRED 404 These points expired.\n"));
}
// flux-codes: allow-end

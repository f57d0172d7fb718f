//! What `cargo build` shows for a catalog, end to end: a scratch crate whose build script is
//! the documented `Builder::new("codes.toml").compile()?`, built by cargo itself (offline, in a
//! target directory of its own under this workspace's), its output pinned by snapshots.
//!
//! - `status = "403"` on one code: exactly one error, the one `flux-codes check` reports, as
//!   cargo's `error:`, and no warning (no follow-on about the code's `[translated_from]`
//!   records);
//! - a translation missing a plural category the language needs: the build succeeds with a
//!   cargo `warning:` saying which.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The scratch crate, created once per target directory and reused (only its catalog changes
/// between builds, so the second build compiles nothing but the build script's run).
fn scratch_crate() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cargo-build-e2e");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let generator = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = format!(
        "[package]\nname = \"catalog-build-e2e\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [build-dependencies]\nflux-codes-gen = {{ path = {:?}, default-features = false }}\n\n\
         # Not a member of the workspace the directory is in.\n[workspace]\n",
        generator.display().to_string()
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    write_if_changed(
        &dir.join("build.rs"),
        "fn main() -> Result<(), flux_codes_gen::Error> {\n    \
         flux_codes_gen::Builder::new(\"codes.toml\").compile()?;\n    Ok(())\n}\n",
    );
    write_if_changed(
        &dir.join("src/lib.rs"),
        "//! Only its build script matters.\n",
    );
    // The workspace's lock file: the same dependency versions, resolved offline.
    let lock = std::fs::read_to_string(generator.join("../Cargo.lock")).unwrap();
    write_if_changed(&dir.join("Cargo.lock"), &lock);
    dir
}

fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).unwrap();
    }
}

/// What cargo showed of one build: whether it succeeded, its `warning:` and `error:` lines,
/// and the build script's stderr (on a failure, cargo shows it); the scratch directory is
/// written `[crate]`, cargo's progress lines are left out.
struct Build {
    ok: bool,
    lines: String,
    script_stderr: String,
}

/// Builds the scratch crate with `catalog` as its `codes.toml`.
fn cargo_build(catalog: &str) -> Build {
    let dir = scratch_crate();
    std::fs::write(dir.join("codes.toml"), catalog).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--color", "never"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .unwrap();
    let stderr =
        String::from_utf8_lossy(&output.stderr).replace(&dir.display().to_string(), "[crate]");
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("warning") || line.starts_with("error"))
        .collect();
    let script_stderr = stderr
        .split_once("--- stderr\n")
        .map(|(_, rest)| {
            rest.lines()
                .map(|line| line.strip_prefix("  ").unwrap_or(line))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    Build {
        ok: output.status.success(),
        lines: lines.join("\n"),
        script_stderr: script_stderr.trim_end().to_owned(),
    }
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

#[test]
fn cargo_build_shows_what_check_shows() {
    let catalog = fixture("invalid/status_as_string.toml");
    let build = cargo_build(&catalog);
    assert!(!build.ok, "the build must fail:\n{}", build.lines);
    // `check`'s report of the same file: one error, no warning.
    let check = flux_codes_gen::parse_catalog_checked(Path::new("[crate]/codes.toml"), &catalog)
        .unwrap_err();
    assert_eq!(check.items.len(), 1, "{}", check.render(false));
    let located = &check.located()[0];
    // cargo's one `error:` line about the catalog, at the place `check` names...
    let expected = format!(
        "error: catalog-build-e2e@0.0.0: [crate]/codes.toml:{}:{}: {}",
        located.line, located.column, located.message
    );
    assert_eq!(
        build.lines.lines().next(),
        Some(expected.as_str()),
        "{}",
        build.lines
    );
    assert!(!build.lines.contains("warning"), "{}", build.lines);
    // ...and, under it, `check`'s very report (what `fn main() -> Result<(), Error>` prints).
    assert_eq!(
        build.script_stderr,
        format!("Error: {}", check.render(false).trim_end())
    );
    insta::assert_snapshot!(
        "status_as_string",
        format!(
            "{}\n--- build script stderr\n{}",
            build.lines, build.script_stderr
        )
    );

    let build = cargo_build(&fixture("plural_warning.toml"));
    assert!(build.ok, "the build must succeed:\n{}", build.lines);
    assert!(!build.lines.contains("error"), "{}", build.lines);
    insta::assert_snapshot!("plural_warning", build.lines);
}

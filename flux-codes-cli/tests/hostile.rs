//! `export --all` where writing fails part-way: a read-only output folder and a full disk.
//!
//! Neither is simulated: the binary runs in a private mount namespace (`unshare --user
//! --map-root-user --mount`, which needs no privileges where unprivileged user namespaces are
//! allowed, as on the CI machine), over a read-only bind mount (EROFS) and over a 1 MiB tmpfs
//! filled to its last byte (ENOSPC). Root ignores permission bits, so `chmod` could not stand in
//! for either. Each export must fail with one clear line, leave every artifact of the previous
//! export byte for byte as it was, and leave no temporary file behind.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("flux-codes")
}

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let name = path.strip_prefix(base).unwrap().display().to_string();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A folder with the real catalog (`old.toml`) and one whose every text differs (`new.toml`),
/// so a second export rewrites every artifact.
fn catalogs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(root().join("codes.toml")).unwrap();
    std::fs::write(dir.path().join("old.toml"), &source).unwrap();
    std::fs::write(dir.path().join("new.toml"), source.replace(".\"", "!\"")).unwrap();
    dir
}

/// Runs `script` with `sh -eu` in a private user and mount namespace; `$BIN` is flux-codes and
/// `$DIR` the given folder.
fn in_namespace(dir: &Path, script: &str) -> Output {
    let output = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-euc", script])
        .env("BIN", bin())
        .env("DIR", dir)
        .output()
        .expect("run unshare (util-linux)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("unshare failed") && !stderr.contains("mount:"),
        "cannot set up the namespace: {stderr}"
    );
    output
}

fn assert_one_line_error(stderr: &str, expected: &str) {
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr}");
    assert!(
        stderr.starts_with("error: cannot write ") && stderr.trim_end().ends_with(expected),
        "{stderr}"
    );
}

#[test]
fn export_all_into_a_read_only_folder_fails_cleanly_and_keeps_the_old_artifacts() {
    let dir = catalogs();
    let out = dir.path().join("exports");
    let first = Command::new(bin())
        .args([
            "--catalog",
            "old.toml",
            "export",
            "--all",
            "--out-dir",
            "exports",
        ])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(first.success());
    let good = files(&out);
    assert!(good.len() >= 10, "{:?}", good.keys());

    let run = in_namespace(
        dir.path(),
        r#"mount --bind "$DIR/exports" "$DIR/exports"
mount -o remount,bind,ro "$DIR/exports"
cd "$DIR"
exec "$BIN" --catalog new.toml export --all --out-dir exports"#,
    );
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&run.stdout), "");
    assert_one_line_error(
        &String::from_utf8_lossy(&run.stderr),
        "Read-only file system (os error 30)",
    );
    assert_eq!(
        files(&out),
        good,
        "an artifact changed or a temporary file was left"
    );
}

#[test]
fn export_all_onto_a_full_disk_fails_cleanly_and_keeps_the_old_artifacts() {
    let dir = catalogs();
    // On the tmpfs: a good export, a filler taking every free byte, then the new export. The
    // results are copied out before the namespace (and its tmpfs) goes away.
    let run = in_namespace(
        dir.path(),
        r#"mkdir "$DIR/disk"
mount -t tmpfs -o size=1m tmpfs "$DIR/disk"
cd "$DIR"
"$BIN" --catalog old.toml export --all --out-dir disk/exports
cp -R disk/exports good
dd if=/dev/zero of=disk/filler bs=4096 2>/dev/null || true
status=0
"$BIN" --catalog new.toml export --all --out-dir disk/exports 2>stderr || status=$?
echo "$status" >status
cp -R disk/exports after"#,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(read("status").trim(), "1");
    assert_one_line_error(&read("stderr"), "No space left on device (os error 28)");
    let good = files(&dir.path().join("good"));
    assert!(good.len() >= 10, "{:?}", good.keys());
    assert_eq!(
        files(&dir.path().join("after")),
        good,
        "an artifact changed or a temporary file was left"
    );
}

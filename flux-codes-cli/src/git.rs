//! Reading a file as it was at a git revision (`git show REV:PATH`), for `diff --against`, and
//! its history, for `l10n export` (earlier source texts, the date of the last change).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, anyhow, bail};

/// A file's bytes at a revision, and the `REV:PATH` label that names them.
pub struct AtRevision {
    pub label: PathBuf,
    pub bytes: Vec<u8>,
}

/// `file` (a path in the working tree) as it was at `rev`, read with `git show REV:PATH`
/// where PATH is relative to the root of the repository holding `file`. At most `limit + 1`
/// bytes are read, so a huge blob cannot exhaust memory (the caller reports it as too big).
pub fn show(file: &Path, rev: &str, limit: usize) -> anyhow::Result<AtRevision> {
    if rev.is_empty() || rev.starts_with('-') || rev.contains(['\0', '\n']) {
        bail!("`{}` is not a git revision", rev.escape_debug());
    }
    let (root, relative) = locate(file)?;
    let object = format!("{rev}:{relative}");
    let mut child = Command::new("git")
        .arg("-C")
        .arg(&root)
        .args(["show", "--no-textconv", "--end-of-options", &object])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run git")?;
    let mut bytes = Vec::new();
    child
        .stdout
        .take()
        .expect("stdout is piped")
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .context("cannot read the output of git")?;
    if bytes.len() > limit {
        // Enough read to know it is too big; the rest is not wanted.
        let _ = child.kill();
    }
    let output = child.wait_with_output().context("cannot run git")?;
    if !output.status.success() && bytes.len() <= limit {
        bail!(
            "cannot read {relative} at {rev}: {}",
            first_line(&output.stderr)
        );
    }
    Ok(AtRevision {
        label: PathBuf::from(object),
        bytes,
    })
}

/// The root of the git repository holding `file`, and `file`'s path in it (`/`-separated).
fn locate(file: &Path) -> anyhow::Result<(PathBuf, String)> {
    let file =
        std::fs::canonicalize(file).with_context(|| format!("cannot find {}", file.display()))?;
    let dir = file.parent().unwrap_or(Path::new("/"));
    let root = git(dir, &["rev-parse", "--show-toplevel"])?;
    let root = std::fs::canonicalize(String::from_utf8_lossy(&root).trim_end())
        .context("cannot find the root of the git repository")?;
    let relative = file.strip_prefix(&root).map_err(|_| {
        anyhow!(
            "{} is not inside the git repository {}",
            file.display(),
            root.display()
        )
    })?;
    // Git names paths with `/` on every platform.
    let relative = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    Ok((root, relative))
}

/// The commits that changed `file`, newest first, at most `limit`.
pub fn history(file: &Path, limit: usize) -> anyhow::Result<Vec<String>> {
    let (root, relative) = locate(file)?;
    let root = root.to_string_lossy().into_owned();
    let out = git(
        Path::new(&root),
        &[
            "log",
            "--format=%H",
            &format!("--max-count={limit}"),
            "--",
            &relative,
        ],
    )?;
    Ok(String::from_utf8_lossy(&out)
        .lines()
        .map(str::to_owned)
        .collect())
}

/// When `file` last changed in a commit, as gettext dates are written (`2026-11-30 10:20+0000`),
/// in UTC; `None` outside a repository or before its first commit.
pub fn last_change(file: &Path) -> Option<String> {
    let (root, relative) = locate(file).ok()?;
    let output = Command::new("git")
        .arg("-C")
        .arg(&root)
        .args([
            "log",
            "--max-count=1",
            "--format=%cd",
            "--date=format-local:%Y-%m-%d %H:%M+0000",
            "--",
            &relative,
        ])
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let date = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    (output.status.success() && !date.is_empty()).then_some(date)
}

/// Runs `git ARGS` in `dir`; its stdout, or its first stderr line as the error.
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<Vec<u8>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .context("cannot run git")?;
    if !output.status.success() {
        bail!("{}", first_line(&output.stderr));
    }
    Ok(output.stdout)
}

fn first_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let line = text.lines().next().unwrap_or("git failed").trim();
    line.strip_prefix("fatal: ").unwrap_or(line).to_owned()
}

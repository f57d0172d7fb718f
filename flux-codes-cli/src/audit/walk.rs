//! Which files the audit reads: the given trees, walked in parallel the way ripgrep walks them
//! (the `ignore` crate).
//!
//! Skipped, below the paths given (a path given explicitly is always audited):
//! - whatever `.gitignore`, `.ignore`, `.git/info/exclude` and the audit's own ignore file
//!   [`IGNORE_FILE`] exclude (gitignore syntax, in any folder; honoured in and out of a git
//!   repository), and whatever `--exclude GLOB` matches;
//! - hidden files and folders (unless `--hidden`);
//! - folders named `target` or `node_modules` (build output and installed packages), ignored or
//!   not;
//! - folders holding their own `codes.toml` that is not the audited catalog: another catalog's
//!   project, whose codes this catalog does not define (audit it with its own catalog). They are
//!   listed in the report.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use ignore::overrides::OverrideBuilder;
use ignore::{DirEntry, WalkBuilder, WalkParallel};

use crate::catalog::FILE_NAME;

/// The audit's own ignore file: gitignore syntax, read in every folder like `.gitignore`, for
/// what the audit should skip but other tools should not (test fixtures, snapshots).
pub const IGNORE_FILE: &str = ".flux-codes-audit-ignore";

/// Folders never descended into, whatever the ignore files say.
pub const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

/// What to walk and what to leave out.
#[derive(Debug)]
pub struct WalkOptions<'a> {
    /// Files and folders; at least one.
    pub paths: &'a [PathBuf],
    /// Gitignore-syntax globs to skip.
    pub excludes: &'a [String],
    /// Walk hidden files and folders too.
    pub hidden: bool,
    /// The audited catalog's text: a nested `codes.toml` with other contents is another catalog.
    pub catalog_source: &'a [u8],
}

/// The folders skipped because they hold another catalog, filled in as the walk goes.
pub type OtherCatalogs = Arc<Mutex<Vec<PathBuf>>>;

/// The parallel walker over `options.paths`, and where it records the folders it skips for
/// holding another catalog.
pub fn build(options: &WalkOptions<'_>) -> anyhow::Result<(WalkParallel, OtherCatalogs)> {
    let (first, rest) = options
        .paths
        .split_first()
        .expect("at least one path to walk");
    for path in options.paths {
        std::fs::metadata(path).with_context(|| format!("cannot audit {}", path.display()))?;
    }
    let mut builder = WalkBuilder::new(first);
    for path in rest {
        builder.add(path);
    }
    // Globs with a `/` are anchored at the current folder, for relative and absolute paths.
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut overrides = OverrideBuilder::new(cwd);
    for glob in options.excludes {
        overrides
            .add(&format!("!{glob}"))
            .with_context(|| format!("invalid --exclude glob `{glob}`"))?;
    }
    let other_catalogs = OtherCatalogs::default();
    let found = Arc::clone(&other_catalogs);
    let catalog_source = options.catalog_source.to_vec();
    builder
        .hidden(!options.hidden)
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILE)
        .overrides(overrides.build().context("invalid --exclude globs")?)
        .filter_entry(move |entry| {
            if entry.depth() == 0 || !entry.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            if is_skipped_dir(entry) {
                return false;
            }
            if holds_other_catalog(entry.path(), &catalog_source) {
                found
                    .lock()
                    .expect("no walker thread panics holding the lock")
                    .push(entry.path().to_path_buf());
                return false;
            }
            true
        });
    Ok((builder.build_parallel(), other_catalogs))
}

fn is_skipped_dir(entry: &DirEntry) -> bool {
    SKIPPED_DIRS
        .iter()
        .any(|name| entry.file_name() == std::ffi::OsStr::new(name))
}

/// Whether `dir` has a catalog file whose contents differ from the audited catalog's.
fn holds_other_catalog(dir: &Path, catalog_source: &[u8]) -> bool {
    std::fs::read(dir.join(FILE_NAME)).is_ok_and(|contents| contents != catalog_source)
}

/// A path as the report shows it: without the `./` the walk of `.` puts in front.
pub fn display_path(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}

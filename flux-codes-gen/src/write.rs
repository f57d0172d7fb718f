//! Writing generated files so that nothing is ever half written: a reader (a compiler, a
//! bundler, a later run) sees the old file or the new one, and a failed write (disk full, a
//! read-only folder) leaves the old file as it was and no temporary file behind.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// Writes `bytes` to `path` unless the file already holds them (keeping its mtime, so nothing
/// downstream rebuilds). Returns whether it wrote.
///
/// The bytes go to a new uniquely named temporary file in the same folder, are flushed to disk,
/// and the file is renamed over `path` in one step. The temporary file is created exclusively
/// (`O_EXCL`: never through an existing file or symlink), so concurrent writers of neighbouring
/// files cannot collide. On error the temporary file is removed, and the error is the system's
/// own (the caller names `path`).
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    let existing = fs::metadata(path).ok().filter(fs::Metadata::is_file);
    if let Some(meta) = &existing
        && meta.len() == bytes.len() as u64
        && fs::read(path).is_ok_and(|old| old == bytes)
    {
        return Ok(false);
    }
    write_atomically(path, bytes, existing.as_ref(), || Ok::<(), io::Error>(()))?;
    Ok(true)
}

/// Why [`replace_if_unchanged`] wrote nothing.
#[derive(Debug)]
pub enum ReplaceError {
    /// The file no longer holds what the caller read: someone else wrote it meanwhile.
    Changed,
    Io(io::Error),
}

impl From<io::Error> for ReplaceError {
    fn from(e: io::Error) -> Self {
        ReplaceError::Io(e)
    }
}

/// Replaces `path`'s contents `read` (what the caller read and edited) with `bytes`, as
/// [`write_if_changed`] does, unless the file changed since it was read: then nothing is
/// written ([`ReplaceError::Changed`]), so an edit made meanwhile (an editor, another import)
/// is never lost. The file is compared again after the new bytes are on disk, right before the
/// rename. (A writer that does not take [`FileLock`] could still slip into the instant between
/// that comparison and the rename; imports take the lock, so they never race each other.)
pub fn replace_if_unchanged(path: &Path, read: &[u8], bytes: &[u8]) -> Result<bool, ReplaceError> {
    let unchanged = || -> Result<(), ReplaceError> {
        match fs::read(path) {
            Ok(now) if now == read => Ok(()),
            Ok(_) => Err(ReplaceError::Changed),
            Err(e) => Err(e.into()),
        }
    };
    unchanged()?;
    if read == bytes {
        return Ok(false);
    }
    let existing = fs::metadata(path).ok().filter(fs::Metadata::is_file);
    write_atomically(path, bytes, existing.as_ref(), unchanged)?;
    Ok(true)
}

/// Writes `bytes` to a temporary file beside `path`, flushed to disk, then (if `before_rename`
/// agrees) renames it over `path` in one step; the temporary file is removed on any error.
fn write_atomically<E: From<io::Error>>(
    path: &Path,
    bytes: &[u8],
    existing: Option<&fs::Metadata>,
    before_rename: impl FnOnce() -> Result<(), E>,
) -> Result<(), E> {
    let mut tmp = TempFile::create(parent_dir(path), file_name(path)?, existing)?;
    tmp.file.write_all(bytes)?;
    tmp.file.sync_all()?;
    before_rename()?;
    fs::rename(&tmp.path, path)?;
    tmp.persisted = true;
    Ok(())
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn file_name(path: &Path) -> io::Result<&OsStr> {
    path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{}` does not name a file", path.display()),
        )
    })
}

/// An exclusive claim on a file for a read-edit-write cycle: `.<name>.lock` beside it, created
/// exclusively (`O_EXCL`), removed on drop. Two processes that take it never interleave their
/// cycles, on every platform and file system (no advisory-lock support needed).
#[derive(Debug)]
pub struct FileLock {
    path: PathBuf,
}

impl FileLock {
    /// The lock file of `path`.
    pub fn path_of(path: &Path) -> io::Result<PathBuf> {
        let mut name = OsString::from(".");
        name.push(file_name(path)?);
        name.push(".lock");
        Ok(parent_dir(path).join(name))
    }

    /// Takes the lock of `path`, waiting up to `wait` while another process holds it; then
    /// fails with [`io::ErrorKind::WouldBlock`].
    pub fn acquire(path: &Path, wait: Duration) -> io::Result<FileLock> {
        let lock = Self::path_of(path)?;
        let started = Instant::now();
        loop {
            match OpenOptions::new().write(true).create_new(true).open(&lock) {
                Ok(mut file) => {
                    // Who holds it, for a person looking at a lock left by a killed process.
                    let _ = writeln!(file, "{}", std::process::id());
                    return Ok(FileLock { path: lock });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    if started.elapsed() >= wait {
                        return Err(io::Error::new(io::ErrorKind::WouldBlock, e));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// A temporary file beside the target, removed on drop unless it was renamed into place.
struct TempFile {
    path: PathBuf,
    file: File,
    persisted: bool,
}

impl TempFile {
    /// `.<name>.<unique>.tmp` in `dir`, created exclusively, readable as any new file would be
    /// (or with the mode of the file it will replace).
    fn create(dir: &Path, name: &OsStr, replaces: Option<&fs::Metadata>) -> io::Result<TempFile> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(replaces.map_or(0o666, |m| m.permissions().mode() & 0o7777));
        }
        #[cfg(not(unix))]
        let _ = replaces;
        let seed = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for _ in 0..64 {
            let unique = format!(
                "{:x}.{:x}.{seed:x}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            );
            let mut file_name = OsString::from(".");
            file_name.push(name);
            file_name.push(format!(".{unique}.tmp"));
            let path = dir.join(file_name);
            match options.open(&path) {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        file,
                        persisted: false,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "no free name for a temporary file",
        ))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.persisted {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codes.toml");
        fs::write(&path, b"read").unwrap();
        assert!(replace_if_unchanged(&path, b"read", b"edited").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"edited");
        // Someone else wrote it after it was read: nothing is written, nothing left behind.
        fs::write(&path, b"theirs").unwrap();
        assert!(matches!(
            replace_if_unchanged(&path, b"edited", b"mine"),
            Err(ReplaceError::Changed)
        ));
        assert_eq!(fs::read(&path).unwrap(), b"theirs");
        assert_eq!(entries(dir.path()), ["codes.toml"]);
        assert!(!replace_if_unchanged(&path, b"theirs", b"theirs").unwrap());
    }

    #[test]
    fn a_lock_is_exclusive_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codes.toml");
        let lock = FileLock::acquire(&path, Duration::ZERO).unwrap();
        assert_eq!(lock.path(), dir.path().join(".codes.toml.lock"));
        let second = FileLock::acquire(&path, Duration::from_millis(50)).unwrap_err();
        assert_eq!(second.kind(), io::ErrorKind::WouldBlock);
        drop(lock);
        assert!(entries(dir.path()).is_empty());
        let again = FileLock::acquire(&path, Duration::ZERO).unwrap();
        drop(again);
    }

    #[test]
    fn writes_replaces_and_skips_identical_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.rs");
        assert!(write_if_changed(&path, b"one").unwrap());
        assert!(!write_if_changed(&path, b"one").unwrap());
        assert!(write_if_changed(&path, b"two").unwrap());
        assert!(write_if_changed(&path, b"twos").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"twos");
        assert_eq!(entries(dir.path()), ["out.rs"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_not_private_and_a_replaced_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.json");
        write_if_changed(&path, b"{}").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "group and others can read: {mode:o}");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_if_changed(&path, b"{ }").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a non-empty folder: the rename fails after the bytes were written.
        let path = dir.path().join("artifact");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("keep"), b"good").unwrap();
        let error = write_if_changed(&path, b"new").unwrap_err();
        assert!(path.is_dir(), "{error}");
        assert!(!error.to_string().contains(".tmp"), "{error}");
        assert_eq!(fs::read(path.join("keep")).unwrap(), b"good");
        assert_eq!(entries(dir.path()), ["artifact"]);
        // The folder does not exist: nothing is created.
        let missing = dir.path().join("missing/out.rs");
        assert_eq!(
            write_if_changed(&missing, b"x").unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        assert_eq!(entries(dir.path()), ["artifact"]);
    }
}

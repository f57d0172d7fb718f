//! Writing generated files so that nothing is ever half written: a reader (a compiler, a
//! bundler, a later run) sees the old file or the new one, and a failed write (disk full, a
//! read-only folder) leaves the old file as it was and no temporary file behind.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

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
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{}` does not name a file", path.display()),
        )
    })?;
    let mut tmp = TempFile::create(dir, name, existing.as_ref())?;
    tmp.file.write_all(bytes)?;
    tmp.file.sync_all()?;
    fs::rename(&tmp.path, path)?;
    tmp.persisted = true;
    Ok(true)
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

//! Writing generated files so that nothing is ever half written: a reader (a compiler, a
//! bundler, a later run) sees the old file or the new one, and a failed write (disk full, a
//! read-only folder) leaves the old file as it was and no temporary file behind.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` unless the file already holds them (keeping its mtime, so nothing
/// downstream rebuilds). Returns whether it wrote.
///
/// The bytes go to a new uniquely named temporary file in the same folder, are flushed to disk,
/// and the file is renamed over `path` in one step. The temporary file is created exclusively
/// (never through an existing file or symlink), so concurrent writers of neighbouring files
/// cannot collide. On error the temporary file is removed.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    let existing = fs::metadata(path).ok();
    if let Some(meta) = &existing
        && meta.is_file()
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
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // tempfile's default is 0600; a generated file is as readable as any other (the umask
        // still applies), or keeps the mode of the file it replaces.
        use std::os::unix::fs::PermissionsExt;
        let mode = existing
            .as_ref()
            .filter(|m| m.is_file())
            .map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(true)
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

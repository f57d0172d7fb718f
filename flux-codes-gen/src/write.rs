//! Writing generated files: whole or not at all, and only when the bytes change.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` unless the file already holds them (keeping its mtime, so nothing
/// downstream rebuilds). The bytes go to a temporary file beside it, which is then renamed over
/// `path`, so a reader never sees half a file and a failed write leaves the old file in place.
/// Returns whether the file was written.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let name = path
        .file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(true),
        Err(error) => {
            let _ = std::fs::remove_file(&tmp);
            Err(error)
        }
    }
}

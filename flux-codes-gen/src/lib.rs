//! The one generator behind flux-codes: loads `codes.toml` keeping source spans, validates it
//! into a [`Catalog`], and renders it (Rust for the `flux-codes` build script and the
//! `catalog!` macro; exports for the CLI).
//!
//! ```no_run
//! // build.rs
//! flux_codes_gen::Builder::new("codes.toml").compile();
//! ```
//!
//! # Features
//!
//! Each front end compiles only what it uses:
//!
//! | feature | adds | used by |
//! |---|---|---|
//! | *(none)* | load, validate, the Rust renderer, [`Builder`] | `catalog!` (`flux-codes-derive`) |
//! | `json` | [`render::json`]'s `catalog.json` ([`Builder::json_file_name`]); serde_json, indexmap | the `flux-codes` build script (`CATALOG_JSON`) |
//! | `schema` | `json` and the JSON Schemas; schemars | |
//! | `exports` (default) | `schema`, every export ([`render::FORMATS`]), `diff`; base64, sha2, http | `flux-codes-cli`, xtask |

#![forbid(unsafe_code)]

pub mod ast;
mod build;
pub mod diagnostic;
#[cfg(feature = "exports")]
pub mod diff;
#[doc(hidden)]
pub mod hash;
pub mod load;
pub mod model;
pub mod phf;
pub mod render;
#[cfg(feature = "exports")]
pub mod schema;
pub mod template;
pub mod valid;
mod write;

use std::path::{Path, PathBuf};

pub use build::Builder;
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use model::{Catalog, Category, CodeSpec};
pub use write::write_if_changed;

/// The largest catalog accepted, in bytes. A real catalog is far smaller (17 codes take 8 KB;
/// 100,000 codes in two locales about 12 MB); the limit bounds the memory and time a hostile
/// or mistaken input (a 50 MB file, `/dev/zero`) can cost, and loading reads no more than this
/// from a file.
pub const MAX_CATALOG_BYTES: usize = 16 * 1024 * 1024;

/// Why a catalog could not be turned into a [`Catalog`].
#[derive(Debug)]
pub enum Error {
    /// The file could not be read.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The file was read but is not a valid catalog; the diagnostics say why.
    Invalid(Box<Diagnostics>),
    /// A generated file could not be written (the previous one, if any, is left as it was).
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io { path, error } => {
                write!(f, "cannot read the catalog {}: {error}", path.display())
            }
            Error::Invalid(diags) => f.write_str(diags.render(false).trim_end()),
            Error::Write { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

/// Loads and validates catalog text; `path` names the file in diagnostics.
pub fn parse_catalog(path: &Path, source: &str) -> Result<Catalog, Box<Diagnostics>> {
    let mut diags = Diagnostics::new(path, "");
    if let Some(too_big) = too_big(source.len()) {
        diags.push(too_big);
        return Err(Box::new(diags));
    }
    diags.source = source.to_owned();
    let file = load::load(source, &mut diags);
    let catalog = valid::validate(&file, &mut diags);
    diags.sort();
    match catalog {
        Some(catalog) if !diags.has_errors() => Ok(catalog),
        _ => Err(Box::new(diags)),
    }
}

/// Loads and validates catalog bytes (a file's or `git show`'s), which must be UTF-8.
pub fn parse_catalog_bytes(path: &Path, bytes: &[u8]) -> Result<Catalog, Box<Diagnostics>> {
    if let Some(too_big) = too_big(bytes.len()) {
        let mut diags = Diagnostics::new(path, "");
        diags.push(too_big);
        return Err(Box::new(diags));
    }
    match std::str::from_utf8(bytes) {
        Ok(source) => parse_catalog(path, source),
        Err(e) => {
            let at = e.valid_up_to();
            let source = String::from_utf8_lossy(bytes);
            let mut diags = Diagnostics::new(path, &source);
            diags.push(
                Diagnostic::error("the catalog is not valid UTF-8", Some(at..at))
                    .with_help("save codes.toml as UTF-8"),
            );
            Err(Box::new(diags))
        }
    }
}

/// Reads, loads and validates a catalog file, reading at most [`MAX_CATALOG_BYTES`] (and one
/// more byte, to tell that a file is too big).
pub fn load_catalog(path: &Path) -> Result<Catalog, Error> {
    let bytes = read_bounded(path, MAX_CATALOG_BYTES).map_err(|error| Error::Io {
        path: path.to_path_buf(),
        error,
    })?;
    parse_catalog_bytes(path, &bytes).map_err(Error::Invalid)
}

/// Reads at most `limit + 1` bytes of a file, however large (or endless) it is.
fn read_bounded(path: &Path, limit: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let hint = file.metadata().map_or(0, |m| m.len()).min(limit as u64 + 1);
    let mut bytes = Vec::with_capacity(hint as usize);
    file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn too_big(len: usize) -> Option<Diagnostic> {
    (len > MAX_CATALOG_BYTES).then(|| {
        Diagnostic::error(
            format!(
                "the catalog is larger than {} MiB, the most flux-codes reads",
                MAX_CATALOG_BYTES >> 20
            ),
            None,
        )
        .with_help("a catalog this large is almost certainly not a codes.toml; check the path")
    })
}

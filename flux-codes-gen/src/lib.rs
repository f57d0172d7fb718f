//! The one generator behind flux-codes: loads `codes.toml` keeping source spans, validates it
//! into a [`Catalog`], and renders it (Rust for the `flux-codes` build script and the
//! `catalog!` macro; exports for the CLI).
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), flux_codes_gen::Error> {
//!     flux_codes_gen::Builder::new("codes.toml").compile()?;
//!     Ok(())
//! }
//! ```
//!
//! # The public API
//!
//! The stages (`load`: TOML to a spanned file; `valid`: the rules, into the model) are private:
//! a [`Catalog`] comes only out of them, so every one a renderer sees is valid. What is public
//! is what the three front ends need:
//!
//! - **a build script**: [`Builder`] (and [`Role`], a code the runtime needs the catalog to
//!   name), failing with [`Error`];
//! - **the `catalog!` macro**: [`load_catalog`] and [`render::rust::render_rust`];
//! - **the CLI**: [`parse_catalog`] (text or bytes) / [`load_catalog`] (a file), each with a
//!   `_checked` form keeping the warnings, the model
//!   ([`Catalog`], [`CodeSpec`], [`Category`], [`Location`], and the variant-name rules
//!   [`code_variant`], [`category_variant`], [`locale_variant`], [`npm_package_problem`]), the
//!   exports ([`render`]:
//!   [`render::FORMATS`], [`render::artifacts`]), [`diff`], [`schema`] (the JSON Schema of
//!   `codes.toml`), [`diagnostic`] (rustc-style reports) and [`write_if_changed`].
//!
//! One rule for paths: a module is public when it is a topic of its own ([`diagnostic`],
//! [`diff`], [`render`], [`schema`], [`message`]); the root re-exports the types the root's
//! own functions take or return ([`Catalog`] and its parts, [`Diagnostics`], [`Diagnostic`],
//! [`Severity`], [`Error`], [`Builder`], [`Role`]).
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
//! | `exports` (default) | `schema`, every export ([`render::FORMATS`]), `diff`, `l10n`; base64, toml_edit | `flux-codes-cli`, xtask |

#![forbid(unsafe_code)]

mod ast;
mod build;
pub mod chars;
pub mod diagnostic;
#[cfg(feature = "exports")]
pub mod diff;
#[cfg(feature = "exports")]
pub mod l10n;
mod load;
pub mod message;
pub mod model;
mod phf;
pub mod plural;
pub mod render;
#[cfg(feature = "exports")]
pub mod schema;
mod valid;
mod write;

use std::path::{Path, PathBuf};

pub use build::Builder;
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use model::{
    Catalog, Category, CodeSpec, Location, category_variant, code_variant, locale_variant,
};
pub use valid::{Role, npm_package_problem};
pub use write::{FileLock, ReplaceError, replace_if_unchanged, write_if_changed};

/// The largest catalog accepted, in bytes. A real catalog is far smaller (17 codes take 8 KB;
/// 100,000 codes in two locales about 12 MB); the limit bounds the memory and time a hostile
/// or mistaken input (a 50 MB file, `/dev/zero`) can cost, and loading reads no more than this
/// from a file.
pub const MAX_CATALOG_BYTES: usize = 16 * 1024 * 1024;

/// A valid catalog with the warnings its validation reported (stale translations, ...).
pub type CheckedCatalog = (Catalog, Box<Diagnostics>);

/// Why a catalog could not be loaded, or its code generated.
///
/// `Debug` shows the same report as `Display`, so a build script's
/// `fn main() -> Result<(), Error>` prints the rendered diagnostics when it fails.
#[non_exhaustive]
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
    /// [`Builder::compile`] ran without `OUT_DIR` (outside a build script) and without
    /// [`Builder::out_dir`].
    NoOutDir,
    /// [`Builder::runtime_path`] is not a Rust path.
    RuntimePath(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io { path, error } => {
                write!(f, "cannot read the catalog {}: {error}", path.display())
            }
            Error::Invalid(diags) => f.write_str(diags.render(false).trim_end()),
            Error::Write { path, error } => write!(f, "cannot write {}: {error}", path.display()),
            Error::NoOutDir => f.write_str(
                "OUT_DIR is not set: `Builder::compile` runs in a build script, where cargo sets \
                 it; elsewhere, give `Builder::out_dir`",
            ),
            Error::RuntimePath(path) => write!(
                f,
                "`{path}` is not a Rust path: `Builder::runtime_path` takes the path of \
                 `flux_codes::__private`, e.g. `::flux_codes::__private`"
            ),
        }
    }
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

/// Loads and validates a catalog's text (a file's, or `git show`'s), which must be UTF-8:
/// `source` is a `&str` or bytes; `path` names the file in diagnostics.
pub fn parse_catalog(path: &Path, source: impl AsRef<[u8]>) -> Result<Catalog, Box<Diagnostics>> {
    parse_catalog_checked(path, source).map(|(catalog, _warnings)| catalog)
}

/// [`parse_catalog`], keeping the warnings of a valid catalog (stale translations, missing
/// plural categories), for `flux-codes check` to show.
pub fn parse_catalog_checked(
    path: &Path,
    source: impl AsRef<[u8]>,
) -> Result<CheckedCatalog, Box<Diagnostics>> {
    parse_bytes_requiring(path, source.as_ref(), &[])
}

/// [`parse_catalog_checked`], also requiring the catalog to name a code for each of `roles`.
fn parse_requiring(
    path: &Path,
    source: &str,
    roles: &[Role],
) -> Result<CheckedCatalog, Box<Diagnostics>> {
    parse_file(path, source, roles).map(|(_file, catalog, warnings)| (catalog, warnings))
}

/// Loads and validates catalog text, keeping the file as loaded (what `l10n import` edits)
/// along with the model and the warnings.
pub(crate) fn parse_file(
    path: &Path,
    source: &str,
    roles: &[Role],
) -> Result<(ast::CatalogFile, Catalog, Box<Diagnostics>), Box<Diagnostics>> {
    let mut diags = Diagnostics::new(path, "");
    if let Some(too_big) = too_big(source.len()) {
        diags.push(too_big);
        return Err(Box::new(diags));
    }
    diags.source = source.to_owned();
    let file = load::load(source, &mut diags);
    let catalog = valid::validate(&file, &mut diags);
    if let Some(catalog) = &catalog {
        valid::require_roles(&file, catalog, roles, &mut diags);
    }
    diags.sort();
    match catalog {
        Some(catalog) if !diags.has_errors() => Ok((file, catalog, Box::new(diags))),
        _ => Err(Box::new(diags)),
    }
}

fn parse_bytes_requiring(
    path: &Path,
    bytes: &[u8],
    roles: &[Role],
) -> Result<CheckedCatalog, Box<Diagnostics>> {
    if let Some(too_big) = too_big(bytes.len()) {
        let mut diags = Diagnostics::new(path, "");
        diags.push(too_big);
        return Err(Box::new(diags));
    }
    match std::str::from_utf8(bytes) {
        Ok(source) => parse_requiring(path, source, roles),
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
    load_catalog_checked(path).map(|(catalog, _warnings)| catalog)
}

/// [`load_catalog`], keeping the warnings of a valid catalog.
pub fn load_catalog_checked(path: &Path) -> Result<CheckedCatalog, Error> {
    load_requiring(path, &[])
}

/// [`load_catalog_checked`], also requiring the catalog to name a code for each of `roles`.
fn load_requiring(path: &Path, roles: &[Role]) -> Result<CheckedCatalog, Error> {
    let bytes = read_bounded(path, MAX_CATALOG_BYTES).map_err(|error| Error::Io {
        path: path.to_path_buf(),
        error,
    })?;
    parse_bytes_requiring(path, &bytes, roles).map_err(Error::Invalid)
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

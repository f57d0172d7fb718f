//! The one generator behind flux-codes: loads `codes.toml` keeping source spans, validates it
//! into a [`Catalog`], and renders it (Rust for the `flux-codes` build script and the
//! `catalog!` macro; exports for the CLI).
//!
//! ```no_run
//! // build.rs
//! flux_codes_gen::Builder::new("codes.toml").compile();
//! ```

pub mod ast;
mod build;
pub mod diagnostic;
mod hash;
pub mod load;
pub mod model;
pub mod phf;
pub mod render;
pub mod schema;
pub mod template;
pub mod valid;
mod write;

use std::path::{Path, PathBuf};

pub use build::Builder;
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use model::{Catalog, Category, CodeSpec};
pub use proc_macro2::TokenStream;
pub use write::write_if_changed;

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
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io { path, error } => {
                write!(f, "cannot read the catalog {}: {error}", path.display())
            }
            Error::Invalid(diags) => f.write_str(diags.render(false).trim_end()),
        }
    }
}

impl std::error::Error for Error {}

/// Loads and validates catalog text; `path` names the file in diagnostics.
pub fn parse_catalog(path: &Path, source: &str) -> Result<Catalog, Box<Diagnostics>> {
    let mut diags = Diagnostics::new(path, source);
    let file = load::load(source, &mut diags);
    let catalog = valid::validate(&file, &mut diags);
    diags.sort();
    match catalog {
        Some(catalog) if !diags.has_errors() => Ok(catalog),
        _ => Err(Box::new(diags)),
    }
}

/// Reads, loads and validates a catalog file.
pub fn load_catalog(path: &Path) -> Result<Catalog, Error> {
    let bytes = std::fs::read(path).map_err(|error| Error::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let source = match String::from_utf8(bytes) {
        Ok(source) => source,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let source = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let mut diags = Diagnostics::new(path, &source);
            diags.push(
                Diagnostic::error("the catalog is not valid UTF-8", Some(at..at))
                    .with_help("save codes.toml as UTF-8"),
            );
            return Err(Error::Invalid(Box::new(diags)));
        }
    };
    parse_catalog(path, &source).map_err(Error::Invalid)
}

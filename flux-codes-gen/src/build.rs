//! [`Builder`]: the build-script front end, in the manner of prost-build and tonic-build.
//!
//! Generation ([`Builder::generate`]: load, validate, render, in memory) is separate from
//! writing ([`Builder::compile`]: `OUT_DIR`, cargo's instructions, files), and every failure
//! is an [`Error`] the build script returns.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostics, Severity};
use crate::render::Artifact;
#[cfg(feature = "json")]
use crate::render::json::render_json;
use crate::render::rust::{render_catalog_doc, render_rust, render_rust_with_api_error};
use crate::valid::Role;
use crate::write::write_if_changed;
use crate::{Error, load_requiring};

/// Generates the Rust module of a catalog into `OUT_DIR` from a build script, and beside it
/// the catalog as a Markdown table for rustdoc (the file name with `.md`: `flux_codes.md`,
/// see [`render_catalog_doc`]).
///
/// [`Builder::compile`] asks cargo to rerun only when the catalog changes, writes only into
/// `OUT_DIR`, and only when the bytes differ, so a rerun that changes nothing recompiles
/// nothing. A broken catalog fails with an [`Error`] whose report names the catalog by its
/// absolute path (a dependency's catalog is not in the user's folder), leaving no new output.
#[derive(Clone, Debug)]
pub struct Builder {
    catalog: PathBuf,
    out_dir: Option<PathBuf>,
    file_name: String,
    #[cfg(feature = "json")]
    json_file_name: Option<String>,
    runtime: String,
    api_error: Option<String>,
    roles: Vec<Role>,
}

impl Builder {
    /// A builder for the catalog at `catalog` (relative to the package root).
    pub fn new(catalog: impl AsRef<Path>) -> Self {
        Builder {
            catalog: catalog.as_ref().to_path_buf(),
            out_dir: None,
            file_name: "flux_codes.rs".to_owned(),
            #[cfg(feature = "json")]
            json_file_name: None,
            runtime: "::flux_codes::__private".to_owned(),
            api_error: None,
            roles: Vec::new(),
        }
    }

    /// Where to write (default: `$OUT_DIR`).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The generated file's name (default: `flux_codes.rs`).
    pub fn file_name(mut self, name: &str) -> Self {
        self.file_name = name.to_owned();
        self
    }

    /// Also writes the `catalog.json` export ([`render_json`], what `flux-codes export --format
    /// json` prints) beside the module under this name, for `include_str!`.
    #[cfg(feature = "json")]
    pub fn json_file_name(mut self, name: &str) -> Self {
        self.json_file_name = Some(name.to_owned());
        self
    }

    /// The Rust path of the `flux_codes::__private` runtime from the generated code
    /// (default: `::flux_codes::__private`; `flux-codes` itself uses `crate::__private`).
    pub fn runtime_path(mut self, path: &str) -> Self {
        path.clone_into(&mut self.runtime);
        self
    }

    /// Also generates `From<errors::X> for <path>` for each typed error: `path` names the
    /// `ApiError` whose `ErrorCode` is this catalog's (`flux-codes` itself uses
    /// `crate::ApiError`; no other catalog has one).
    pub fn api_error_path(mut self, path: &str) -> Self {
        self.api_error = Some(path.to_owned());
        self
    }

    /// Requires the catalog to name a code for `role`, which the runtime the code is generated
    /// for needs (`flux-codes` needs [`Role::InternalError`]); a catalog without it fails with
    /// a diagnostic saying what to add.
    pub fn require(mut self, role: Role) -> Self {
        if !self.roles.contains(&role) {
            self.roles.push(role);
        }
        self
    }

    /// The catalog's path as errors name it: absolute, since the user may be building another
    /// crate that depends on this one, and a path relative to this package means nothing there.
    fn catalog_path(&self) -> PathBuf {
        if self.catalog.is_absolute() {
            return self.catalog.clone();
        }
        match std::env::var_os("CARGO_MANIFEST_DIR") {
            Some(dir) => PathBuf::from(dir).join(&self.catalog),
            None => std::path::absolute(&self.catalog).unwrap_or_else(|_| self.catalog.clone()),
        }
    }

    /// Loads, validates and renders the catalog, writing nothing: the generated module, its
    /// rustdoc table and, if asked for, `catalog.json`, named as [`Builder::compile`] writes
    /// them.
    pub fn generate(&self) -> Result<Vec<Artifact>, Error> {
        self.generate_checked().map(|(files, _warnings)| files)
    }

    /// [`Builder::generate`], with the warnings the catalog's validation reported.
    fn generate_checked(&self) -> Result<(Vec<Artifact>, Box<Diagnostics>), Error> {
        let runtime = &self.runtime;
        if !is_rust_path(runtime) {
            return Err(Error::RuntimePath(runtime.clone()));
        }
        if let Some(path) = self.api_error.as_ref().filter(|p| !is_rust_path(p)) {
            return Err(Error::RuntimePath(path.clone()));
        }
        let (catalog, warnings) = load_requiring(&self.catalog_path(), &self.roles)?;
        let module = Path::new(&self.file_name);
        let files = vec![
            Artifact::new(
                &self.file_name,
                match &self.api_error {
                    Some(api_error) => render_rust_with_api_error(&catalog, runtime, api_error),
                    None => render_rust(&catalog, runtime),
                },
            ),
            Artifact::new(
                module.with_extension("md").to_string_lossy(),
                render_catalog_doc(&catalog),
            ),
        ];
        #[cfg(feature = "json")]
        let files = {
            let mut files = files;
            if let Some(name) = &self.json_file_name {
                files.push(Artifact::new(name, render_json(&catalog)));
            }
            files
        };
        Ok((files, warnings))
    }

    /// Generates the module into `OUT_DIR` (or [`Builder::out_dir`]); returns the module's
    /// path. Each located problem is also printed for cargo, as it would show it: a warning
    /// (a stale translation, a missing plural category) as a `cargo::warning=` line, whether
    /// the build succeeds or not, and an error as a `cargo::error=` line; the error's `Debug`,
    /// what `fn main() -> Result<(), Error>` prints, is the rendered report.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        println!("cargo::rerun-if-changed={}", self.catalog.display());
        let written = self.try_write();
        match &written {
            Ok((_, warnings)) => print_for_cargo(warnings),
            Err(Error::Invalid(diags)) => print_for_cargo(diags),
            Err(error) => println!("cargo::error={error}"),
        }
        written.map(|(path, _warnings)| path)
    }

    fn try_write(&self) -> Result<(PathBuf, Box<Diagnostics>), Error> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or(Error::NoOutDir)?),
        };
        // Every file is rendered before any is written: a failure leaves the old ones.
        let (files, warnings) = self.generate_checked()?;
        for file in &files {
            let path = out_dir.join(&file.path);
            write_if_changed(&path, file.contents.as_bytes())
                .map_err(|error| Error::Write { path, error })?;
        }
        Ok((out_dir.join(&self.file_name), warnings))
    }
}

/// Each located diagnostic as the cargo instruction of its severity (notes are not shown).
fn print_for_cargo(diags: &Diagnostics) {
    for line in cargo_instructions(diags) {
        println!("{line}");
    }
}

/// `cargo::warning=file:line:col: message` for a warning, `cargo::error=...` for an error.
fn cargo_instructions(diags: &Diagnostics) -> Vec<String> {
    let mut lines = Vec::new();
    for d in diags.located() {
        let instruction = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => continue,
        };
        lines.push(format!(
            "cargo::{instruction}={}:{}:{}: {}",
            d.file, d.line, d.column, d.message
        ));
    }
    lines
}

/// Whether `path` is a Rust path to a module: `::a::b`, `crate::a`, `a` (identifiers, raw
/// ones included, joined by `::`), checked by hand so that a build script needs no parser.
fn is_rust_path(path: &str) -> bool {
    let path = path.strip_prefix("::").unwrap_or(path);
    !path.is_empty()
        && path.split("::").all(|segment| {
            let ident = segment.strip_prefix("r#").unwrap_or(segment);
            let mut chars = ident.chars();
            chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
                && chars.all(|c| c == '_' || c.is_alphanumeric())
                && ident != "_"
        })
}

#[cfg(test)]
mod cargo_tests {
    use super::*;

    // flux-codes: allow-start (a test catalog of its own)
    const CATALOG: &str = "[catalog]\nname = \"T\"\ndefault_locale = \"en\"\nlocales = [\"en\", \"es\"]\n\
        [categories.c]\ntitle = { en = \"C\", es = \"C\" }\n\
        [codes.ERR_ITEMS]\nstatus = 422\nretryable = false\ncategory = \"c\"\n\
        message = { en = \"Too many.\", es = \"Demasiados.\" }\n\
        detail = { en = \"{count, plural, one {# item} other {# items}}\", es = \"{count, plural, one {# artículo} other {# artículos}}\" }\n";
    // flux-codes: allow-end

    #[test]
    fn warnings_reach_cargo_as_warnings_and_errors_as_errors() {
        // Spanish has `many` (1,000,000): the catalog is valid, with one warning.
        let (_, warnings) = crate::parse_catalog_checked(Path::new("codes.toml"), CATALOG)
            .unwrap_or_else(|d| panic!("{}", d.render(false)));
        let lines = cargo_instructions(&warnings);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with("cargo::warning=codes.toml:"),
            "{lines:?}"
        );
        assert!(lines[0].contains("many"), "{lines:?}");
        // With the status written as text, the code does not load: one error, nothing else.
        let broken = CATALOG.replace("status = 422", "status = \"422\"");
        let diags = crate::parse_catalog_checked(Path::new("codes.toml"), &broken).unwrap_err();
        let lines = cargo_instructions(&diags);
        assert_eq!(
            lines,
            ["cargo::error=codes.toml:8:10: expected an integer, found string"],
            "{lines:?}"
        );
    }
}

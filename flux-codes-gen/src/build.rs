//! [`Builder`]: the build-script front end, in the manner of prost-build and tonic-build.

use std::path::{Path, PathBuf};

#[cfg(feature = "json")]
use crate::render::json::render_json;
use crate::render::rust::{render_catalog_doc, render_rust};
use crate::write::write_if_changed;
use crate::{Error, load_catalog};

/// Generates the Rust module of a catalog into `OUT_DIR` from a build script, and beside it
/// the catalog as a Markdown table for rustdoc (the file name with `.md`: `flux_codes.md`,
/// see [`render_catalog_doc`]).
///
/// It asks cargo to rerun only when the catalog changes, writes only into `OUT_DIR`, and only
/// when the bytes differ, so a rerun that changes nothing recompiles nothing. A broken catalog
/// fails the build with rendered diagnostics, leaving no new output behind.
#[derive(Clone, Debug)]
pub struct Builder {
    catalog: PathBuf,
    out_dir: Option<PathBuf>,
    file_name: String,
    #[cfg(feature = "json")]
    json_file_name: Option<String>,
    runtime: String,
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
    /// json` prints) beside the module under this name, for `include_str!` (feature `json`).
    #[cfg(feature = "json")]
    pub fn json_file_name(mut self, name: &str) -> Self {
        self.json_file_name = Some(name.to_owned());
        self
    }

    /// The path of the `flux_codes::__private` runtime from the generated code
    /// (default: `::flux_codes::__private`; `flux-codes` itself uses `crate::__private`).
    pub fn runtime_path(mut self, path: &str) -> Self {
        self.runtime = path.to_owned();
        self
    }

    /// Generates the module; returns the written path, or why it could not.
    pub fn try_compile(&self) -> Result<PathBuf, Error> {
        println!("cargo::rerun-if-changed={}", self.catalog.display());
        let catalog = load_catalog(&self.catalog)?;
        let code = render_rust(&catalog, &self.runtime);
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => PathBuf::from(
                std::env::var_os("OUT_DIR").expect("OUT_DIR is set in a build script"),
            ),
        };
        #[cfg(feature = "json")]
        if let Some(name) = &self.json_file_name {
            write(&out_dir.join(name), &render_json(&catalog))?;
        }
        let path = out_dir.join(&self.file_name);
        write(&path.with_extension("md"), &render_catalog_doc(&catalog))?;
        write(&path, &code)?;
        Ok(path)
    }

    /// Generates the module, or fails the build with the catalog's diagnostics: a
    /// `cargo::error=` line per problem, and the rendered report on stderr.
    pub fn compile(&self) {
        if let Err(error) = self.try_compile() {
            match &error {
                Error::Invalid(diags) => {
                    for d in diags.located() {
                        println!(
                            "cargo::error={}:{}:{}: {}",
                            d.file, d.line, d.column, d.message
                        );
                    }
                    eprintln!("{}", diags.render(false));
                }
                Error::Io { .. } | Error::Write { .. } => println!("cargo::error={error}"),
            }
            std::process::exit(1);
        }
    }
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    write_if_changed(path, text.as_bytes()).map_err(|error| Error::Write {
        path: path.to_path_buf(),
        error,
    })?;
    Ok(())
}

//! `cargo xtask codegen [--check]`: writes `flux-codes`' generated sources, `src/generated/`,
//! from `codes.toml`, as the package's build script did: a service that depends on
//! `flux-codes` then compiles no generator (flux-codes-gen, the TOML parser, the diagnostics
//! renderer, ICU4X for the host) and runs no build script. The files are committed; the crate
//! root refuses to build when `codes.toml` changed since (`src/catalog_source.rs`), and the
//! test `tests/generated_sources.rs` (`--check`, through [`check`]) fails when the generator
//! would write anything else.

use std::path::{Path, PathBuf};

use flux_codes_gen::{Builder, Role};

#[path = "../../src/catalog_source.rs"]
pub mod catalog_source;

/// Where the files go, relative to the repository root.
pub const DIR: &str = "src/generated";

/// The command that rewrites them, for messages.
pub const COMMAND: &str = "cargo xtask codegen";

/// The codes the runtime answers on its own: `From<ExtensionError> for ApiError` answers the
/// catalog's `internal_error` code, and the axum feature answers extractor rejections with its
/// `bad_request` code.
pub const ROLES: [Role; 2] = [Role::InternalError, Role::BadRequest];

/// Every generated file: its path under the repository root and its contents.
pub fn files(root: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    files_requiring(root, &ROLES)
}

/// [`files`], requiring the catalog to name a code for each of `roles` only (a test builds the
/// runtime from a catalog without `bad_request`).
pub fn files_requiring(root: &Path, roles: &[Role]) -> Result<Vec<(PathBuf, String)>, String> {
    let catalog = root.join("codes.toml");
    let builder = roles.iter().fold(
        Builder::new(&catalog)
            // Inside the crate the runtime is `crate::__private`.
            .runtime_path("crate::__private")
            // The typed errors (`flux_codes::errors`) convert into the crate's `ApiError`.
            .api_error_path("crate::ApiError")
            .json_file_name("catalog.json"),
        |builder, role| builder.require(*role),
    );
    let artifacts = builder.generate().map_err(|e| format!("{e:?}"))?;
    let bytes = std::fs::read(&catalog).map_err(|e| format!("{}: {e}", catalog.display()))?;
    let dir = root.join(DIR);
    let mut files: Vec<(PathBuf, String)> = artifacts
        .into_iter()
        .map(|a| (dir.join(&a.path), a.contents))
        .collect();
    files.push((
        dir.join("codes_toml.fnv1a"),
        format!("0x{:016x}\n", catalog_source::fnv1a(&bytes)),
    ));
    Ok(files)
}

/// The files under [`DIR`] that differ from what the generator writes now (missing included).
pub fn stale(root: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(files(root)?
        .into_iter()
        .filter(|(path, contents)| std::fs::read_to_string(path).ok().as_ref() != Some(contents))
        .map(|(path, _)| path)
        .collect())
}

/// Fails, naming the stale files and the command, unless [`DIR`] is up to date.
pub fn check(root: &Path) -> Result<(), String> {
    let stale = stale(root)?;
    if stale.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = stale
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    Err(format!(
        "{} not what the generator writes from codes.toml now: run `{COMMAND}` and commit the result",
        names.join(", ")
    ))
}

/// Writes the files that changed; returns them.
pub fn write(root: &Path) -> Result<Vec<PathBuf>, String> {
    write_requiring(root, &ROLES)
}

/// [`write()`] with [`files_requiring`].
pub fn write_requiring(root: &Path, roles: &[Role]) -> Result<Vec<PathBuf>, String> {
    let files = files_requiring(root, roles)?;
    let (_, warnings) = flux_codes_gen::load_catalog_checked(&root.join("codes.toml"))
        .map_err(|e| format!("{e:?}"))?;
    if !warnings.located().is_empty() {
        eprintln!("{}", warnings.render(false));
    }
    let mut written = Vec::new();
    for (path, contents) in files {
        if std::fs::read_to_string(&path).ok().as_ref() == Some(&contents) {
            continue;
        }
        std::fs::create_dir_all(path.parent().expect("a folder")).map_err(|e| e.to_string())?;
        std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

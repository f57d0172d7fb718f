//! Finding and loading the catalog: `--catalog PATH`, or `codes.toml` in the current folder or
//! the nearest parent that has one (the way cargo finds `Cargo.toml`).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};
use flux_codes_gen::{Catalog, CheckedCatalog, Diagnostics, Error};

use crate::commands::Reported;
use crate::{Color, Context};

/// The catalog's file name.
pub const FILE_NAME: &str = "codes.toml";

/// The catalog to use: `--catalog`, or the nearest `codes.toml` up from the current folder.
pub fn find(cx: &Context) -> anyhow::Result<PathBuf> {
    if let Some(path) = &cx.catalog {
        return Ok(path.clone());
    }
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    if cwd.join(FILE_NAME).is_file() {
        return Ok(PathBuf::from(FILE_NAME));
    }
    cwd.ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|path| path.is_file())
        .ok_or_else(|| {
            anyhow!(
                "no {FILE_NAME} in {} or any parent folder; pass --catalog PATH",
                cwd.display()
            )
        })
}

/// Loads the catalog at `path`: `Ok(Err(diagnostics))` when it is not a valid catalog.
pub fn load(path: &Path) -> anyhow::Result<Result<Catalog, Box<Diagnostics>>> {
    Ok(load_checked(path)?.map(|(catalog, _warnings)| catalog))
}

/// [`load`], keeping the warnings of a valid catalog.
pub fn load_checked(path: &Path) -> anyhow::Result<Result<CheckedCatalog, Box<Diagnostics>>> {
    match flux_codes_gen::load_catalog_checked(path) {
        Ok(checked) => Ok(Ok(checked)),
        Err(Error::Invalid(diags)) => Ok(Err(diags)),
        Err(Error::Io { path, error }) => Err(anyhow!("cannot read {}: {error}", path.display())),
        // Loading writes nothing and needs no `OUT_DIR`: only the builder's errors are left.
        Err(other) => Err(anyhow!("{other}")),
    }
}

/// Finds and loads the catalog; an invalid one has its diagnostics printed on stderr.
pub fn load_valid(cx: &Context) -> anyhow::Result<Catalog> {
    let path = find(cx)?;
    match load(&path)? {
        Ok(catalog) => Ok(catalog),
        Err(diags) => {
            eprint!("{}", diags.render(stderr_color(cx.color)));
            Err(Reported.into())
        }
    }
}

/// The index in `catalog.locales` of the locale tagged `tag`, compared case-insensitively.
pub fn locale_index(catalog: &Catalog, tag: &str) -> anyhow::Result<usize> {
    catalog
        .locales()
        .iter()
        .position(|l| l.eq_ignore_ascii_case(tag))
        .ok_or_else(|| {
            anyhow!(
                "the catalog has no locale `{tag}`; its locales are {}",
                catalog.locales().join(", ")
            )
        })
}

/// The locale of `catalog` to show for `requested` (a tag such as `pt-PT`, or an
/// `Accept-Language` value), matched as the crate's `Locale::negotiate` matches it (by CLDR:
/// `pt-PT` reaches `pt-BR`); an error when no language asked for is answered by the catalog's.
pub fn negotiated_locale(catalog: &Catalog, requested: &str) -> anyhow::Result<usize> {
    let tags: Vec<&str> = catalog.locales().iter().map(String::as_str).collect();
    let matches = catalog.locale_matches();
    let rows = matches.table();
    // Negotiation falls back to the default locale; a person asking for languages the catalog
    // does not have should hear so.
    flux_codes_core::negotiate::negotiate_match(requested, &tags, &rows, catalog.default_locale())
        .ok_or_else(|| {
            anyhow!(
                "the catalog has no locale for `{}`; its locales are {}",
                requested.trim(),
                catalog.locales().join(", ")
            )
        })
}

/// Whether to colour what goes to stderr.
pub fn stderr_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

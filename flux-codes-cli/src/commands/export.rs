//! `flux-codes export`: writes the catalog's exports (JSON and its schema, the npm package,
//! i18next resources, ...), one format or all of them. The formats are the generator's
//! [`FORMATS`]; files are written whole (temporary file, then rename) and only when changed.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::builder::{PossibleValue, PossibleValuesParser};
use flux_codes_gen::render::{Artifact, FORMATS, Format};
use indicatif::{ProgressBar, ProgressStyle};

use crate::{Context, catalog};

/// Export the catalog for other languages: one format (to stdout or --out), or every format.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  flux-codes export --format json > catalog.json\n  \
flux-codes export --format npm --out web/flux-error-codes\n  \
flux-codes export --format markdown --locale es > errores.md\n  \
flux-codes export --all --out-dir exports"
)]
pub struct Args {
    /// The export to write.
    #[arg(long, short, value_parser = format_names(), required_unless_present = "all", value_name = "FORMAT")]
    format: Option<String>,

    /// Where to write --format: the file of a one-file format (default: stdout), the folder of a
    /// several-file format (npm, i18next, markdown without --locale).
    #[arg(long, short, requires = "format", value_name = "PATH")]
    out: Option<std::path::PathBuf>,

    /// For a format with one file per locale (markdown): write only this locale's file.
    #[arg(long, short, requires = "format", value_name = "LOCALE")]
    locale: Option<String>,

    /// Write every format into --out-dir.
    #[arg(long, conflicts_with = "format", requires = "out_dir")]
    all: bool,

    /// The folder --all writes into (created if missing).
    #[arg(long, requires = "all", value_name = "DIR")]
    out_dir: Option<std::path::PathBuf>,

    /// The npm package's name, e.g. `@acme/error-codes` (default: `[catalog] npm_package`,
    /// else the catalog's name then `-error-codes`).
    #[arg(long, value_name = "NAME", value_parser = npm_package_name)]
    npm_package: Option<String>,

    /// The Kotlin export's package, e.g. `com.acme.errors` (default: the catalog's `domain`
    /// reversed then `errors`, e.g. `example.flux.errors`; without a domain, the catalog's name
    /// then `errors`).
    #[arg(long, value_name = "PACKAGE", value_parser = kotlin_package_name)]
    kotlin_package: Option<String>,

    /// Print no status line (by default, one line per file written to a folder: `Wrote` or
    /// `Unchanged`, then a summary, on stderr).
    #[arg(long, short)]
    quiet: bool,
}

fn npm_package_name(name: &str) -> Result<String, String> {
    match flux_codes_gen::npm_package_problem(name) {
        None => Ok(name.to_owned()),
        Some(problem) => Err(format!("not an npm package name: {problem}")),
    }
}

fn kotlin_package_name(name: &str) -> Result<String, String> {
    match flux_codes_gen::render::kotlin::package_problem(name) {
        None => Ok(name.to_owned()),
        Some(problem) => Err(format!("not a Kotlin package: {problem}")),
    }
}

fn format_names() -> PossibleValuesParser {
    PossibleValuesParser::new(
        FORMATS
            .iter()
            .map(|f| PossibleValue::new(f.name).help(f.about)),
    )
}

/// The exports that lower details for Android and iOS ([`flux_codes_gen::render::mobile`]).
const MOBILE_FORMATS: &[&str] = &["kotlin", "android", "xcstrings", "swift"];

pub fn run(cx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let mut catalog = catalog::load_valid(cx)?;
    if let Some(name) = &args.npm_package {
        // Checked by the argument's parser already.
        catalog = catalog
            .with_npm_package(name)
            .map_err(|problem| anyhow::anyhow!("not an npm package name: {problem}"))?;
    }
    if let Some(name) = &args.kotlin_package {
        catalog = catalog
            .with_kotlin_package(name)
            .map_err(|problem| anyhow::anyhow!("not a Kotlin package: {problem}"))?;
    }
    // The mobile exports cannot say every ICU detail: refuse rather than write a partial export.
    let mobile = |f: &Format| MOBILE_FORMATS.contains(&f.name);
    let writes_mobile = args.all
        || args
            .format
            .as_deref()
            .and_then(Format::find)
            .is_some_and(mobile);
    if writes_mobile {
        let problems = flux_codes_gen::render::mobile::check(&catalog);
        if let Some(first) = problems.first() {
            bail!(
                "{}:{first}{}",
                catalog::find(cx)?.display(),
                if problems.len() > 1 {
                    format!(
                        "\n  ({} more details cannot be exported either)",
                        problems.len() - 1
                    )
                } else {
                    String::new()
                }
            );
        }
    }
    let mut status = Status::new(args.quiet);
    if let Some(dir) = &args.out_dir {
        let progress = progress_bar(FORMATS.len());
        for format in FORMATS {
            progress.set_message(format.name);
            progress.suspend(|| write_all(dir, &format.artifacts(&catalog), &mut status))?;
            progress.inc(1);
        }
        progress.finish_and_clear();
        status.finish(dir);
        return Ok(ExitCode::SUCCESS);
    }
    let name = args
        .format
        .as_deref()
        .expect("clap requires --format without --all");
    let format = Format::find(name).expect("clap checks the format name");
    let files = match (&args.locale, format.per_locale) {
        (None, _) => format.render(&catalog),
        (Some(tag), Some(render)) => vec![render(&catalog, catalog::locale_index(&catalog, tag)?)],
        (Some(_), None) => bail!("the {name} export is not per locale; drop --locale"),
    };
    match (&args.out, files.as_slice()) {
        (None, [file]) => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(file.contents.as_bytes())
                .and_then(|()| stdout.flush())
                .context("cannot write to stdout")?;
        }
        (None, _) => bail!(
            "the {name} export is several files ({}); write them into a folder with --out DIR{}",
            files
                .iter()
                .map(|f| f.path.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            if format.per_locale.is_some() {
                ", or pick one with --locale"
            } else {
                ""
            }
        ),
        (Some(path), [file]) => {
            let written = write(path, &file.contents)?;
            status.file(path, written);
        }
        (Some(dir), _) => {
            write_all(dir, &files, &mut status)?;
            status.finish(dir);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `files` under `dir`, creating folders as needed.
fn write_all(dir: &Path, files: &[Artifact], status: &mut Status) -> anyhow::Result<()> {
    for file in files {
        let path = dir.join(&file.path);
        let written = write(&path, &file.contents)?;
        status.file(&path, written);
    }
    Ok(())
}

/// Writes `contents` to `path` unless it holds them already; whether it wrote.
fn write(path: &Path, contents: &str) -> anyhow::Result<bool> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    }
    flux_codes_gen::write_if_changed(path, contents.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Cargo-style status lines on stderr: a right-aligned verb, then the file.
struct Status {
    quiet: bool,
    written: usize,
    unchanged: usize,
}

impl Status {
    fn new(quiet: bool) -> Self {
        Status {
            quiet,
            written: 0,
            unchanged: 0,
        }
    }

    fn file(&mut self, path: &Path, written: bool) {
        let verb = if written {
            self.written += 1;
            "Wrote"
        } else {
            self.unchanged += 1;
            "Unchanged"
        };
        if !self.quiet {
            eprintln!("{verb:>12} {}", path.display());
        }
    }

    /// The closing summary of a folder's export.
    fn finish(&self, dir: &Path) {
        if !self.quiet {
            let total = self.written + self.unchanged;
            let files = if total == 1 { "file" } else { "files" };
            eprintln!(
                "{:>12} {total} {files} in {}: {} written, {} already up to date",
                "Finished",
                dir.display(),
                self.written,
                self.unchanged
            );
        }
    }
}

/// A progress bar on stderr when it is a terminal; hidden otherwise.
fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    ProgressBar::new(len as u64).with_style(
        ProgressStyle::with_template("exporting {bar:30} {pos}/{len} {msg}")
            .expect("a valid progress template"),
    )
}

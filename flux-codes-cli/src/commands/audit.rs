//! `flux-codes audit`: finds the error codes that code outside the catalog still writes by hand.
//! The work is in [`crate::audit`]; this is its command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::ValueEnum;
use flux_codes_gen::Severity;

use crate::audit::{self, report};
use crate::commands::Reported;
use crate::{Context, catalog};

/// Find error codes written by hand outside the catalog.
///
/// Reports unknown (misspelled) codes, catalog codes in Rust string literals, reserved codes
/// still in use, and catalog codes that nothing uses.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Walks PATHs as ripgrep does (honouring .gitignore, .ignore and .flux-codes-audit-ignore; \
skipping hidden files, binaries, target/, node_modules/, generated artifacts, the catalog, and \
folders with their own codes.toml) and reports each code-shaped word (a prefix the catalog's \
codes use, such as ERR_):
  error    unknown code (with a near catalog code, if any)
  error    reserved (retired) code in use
  warning  catalog code in a Rust string literal (use ErrorCode::X)
  note     catalog codes no scanned file mentions

A comment holding `flux-codes: allow` silences findings on its line; `flux-codes: allow-start` \
... `flux-codes: allow-end` silences the lines between.

Exit status: 1 when an error is found (or a warning, with --deny-warnings), 0 otherwise.

Examples:
  flux-codes audit
  flux-codes audit services/ web/src --exclude '*.snap'
  flux-codes audit --message-format json --deny-warnings")]
pub struct Args {
    /// Files and folders to audit (default: the current folder).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// `human`: as rustc prints diagnostics, on stderr; `json`: one JSON object per finding
    /// (kind, severity, code, message, file, line, column, end_column, help, suggestion) per
    /// line on stdout, then one per unused catalog code.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human, value_name = "FORMAT")]
    message_format: MessageFormat,

    /// Skip paths matching GLOB (gitignore syntax; repeatable), e.g. `--exclude '*.snap'`.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,

    /// Audit hidden files and folders too.
    #[arg(long)]
    hidden: bool,

    /// A code-shaped word that is deliberately not a catalog code, such as the placeholder
    /// `ERR_X` in documentation: never report it as unknown (repeatable).
    #[arg(long, value_name = "CODE")]
    allow_unknown: Vec<String>,

    /// Exit with status 1 on warnings (hand-written codes) too.
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let catalog_path = catalog::find(cx)?;
    let catalog = match catalog::load(&catalog_path)? {
        Ok(catalog) => catalog,
        Err(diags) => {
            eprint!("{}", diags.render(catalog::stderr_color(cx.color)));
            return Err(Reported.into());
        }
    };
    let source = std::fs::read_to_string(&catalog_path)
        .with_context(|| format!("cannot read {}", catalog_path.display()))?;
    let options = audit::Options {
        paths: if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths
        },
        excludes: args.exclude,
        hidden: args.hidden,
        allowed_unknown: args.allow_unknown,
    };
    let outcome = audit::audit(&catalog, source.as_bytes(), &options)?;
    let sites = report::CatalogSites::new(&catalog_path, &catalog);
    match args.message_format {
        MessageFormat::Human => {
            eprint!(
                "{}",
                report::human(&outcome, &sites, catalog::stderr_color(cx.color))
            );
            if let Some(line) = report::all_clear(&outcome) {
                println!("{line}");
            }
        }
        MessageFormat::Json => print!("{}", report::json(&outcome, &sites)),
    }
    for error in &outcome.errors {
        eprintln!("error: {error}");
    }
    let failed = !outcome.errors.is_empty()
        || outcome.count(Severity::Error) > 0
        || (args.deny_warnings && outcome.count(Severity::Warning) > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

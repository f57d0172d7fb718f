//! `flux-codes diff`: what changed between two versions of the catalog, and whether any of it
//! breaks clients (the rules are `flux_codes_gen::diff`'s, modelled on `buf breaking`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use flux_codes_gen::diff::version::VersionCheck;
use flux_codes_gen::diff::{diff, report};
use flux_codes_gen::{Catalog, MAX_CATALOG_BYTES};

use crate::commands::Reported;
use crate::{Context, catalog, git};

/// Compare two versions of the catalog and classify every change: breaking, additive or text.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 1 when the new `[catalog] version` is lower than the changes \
need (breaking: major, additive: minor, text: patch; below 1.0.0 one place lower, as Cargo \
reads versions) or a catalog cannot be read; without a version on both sides, 1 when a change \
is breaking (unless --allow-breaking); else 0.\n\n\
Examples:\n  flux-codes diff old/codes.toml codes.toml\n  \
flux-codes diff --against main\n  \
flux-codes diff --against v1.4.0 --format json"
)]
pub struct Args {
    /// The old catalog file.
    #[arg(
        value_name = "OLD",
        required_unless_present = "against",
        requires = "new"
    )]
    old: Option<PathBuf>,

    /// The new catalog file.
    #[arg(value_name = "NEW")]
    new: Option<PathBuf>,

    /// Compare the current catalog with itself at this git revision (a branch, tag or commit).
    #[arg(long, value_name = "REV", conflicts_with_all = ["old", "new"])]
    against: Option<String>,

    /// `human`: grouped by class, with help for each breaking change; `json`: one document
    /// for tools (`summary`, and `changes` with each one's `class` and `rule`).
    #[arg(long, value_enum, default_value_t = Format::Human, value_name = "FORMAT")]
    format: Format,

    /// Exit 0 even when a change is breaking (a deliberate major release), for catalogs without
    /// a `version` (with one, a major bump says so).
    #[arg(long)]
    allow_breaking: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let (old, new) = match (&args.against, &args.old, &args.new) {
        (Some(rev), _, _) => {
            let path = catalog::find(cx)?;
            let at = git::show(&path, rev, MAX_CATALOG_BYTES)?;
            let old = valid(cx, flux_codes_gen::parse_catalog(&at.label, &at.bytes))?;
            (old, load(cx, &path)?)
        }
        (None, Some(old), Some(new)) => (load(cx, old)?, load(cx, new)?),
        _ => unreachable!("clap requires OLD and NEW without --against"),
    };
    let changes = diff(&old, &new);
    let version = VersionCheck::new(&old, &new, &changes);
    match args.format {
        Format::Human => {
            print!("{}", report::render_human(&changes));
            if let Some(line) = version.describe() {
                println!("{line}");
            }
        }
        Format::Json => print!(
            "{}",
            report::render_json_with_version(&changes, Some(&version))
        ),
    }
    if let Some(problem) = &version.problem {
        eprintln!("error: {problem}");
        return Ok(ExitCode::FAILURE);
    }
    // With a version on both sides, the version says whether breaking changes are meant.
    let breaking = report::Summary::of(&changes).breaking;
    if breaking == 0 || args.allow_breaking || version.is_versioned() {
        return Ok(ExitCode::SUCCESS);
    }
    let noun = if breaking == 1 { "change" } else { "changes" };
    eprintln!(
        "error: {breaking} breaking {noun}; keep compatibility, or pass --allow-breaking for a major release"
    );
    Ok(ExitCode::FAILURE)
}

fn load(cx: &Context, path: &Path) -> anyhow::Result<Catalog> {
    valid(cx, catalog::load(path)?)
}

/// The catalog, or its diagnostics printed on stderr.
fn valid(
    cx: &Context,
    loaded: Result<Catalog, Box<flux_codes_gen::Diagnostics>>,
) -> anyhow::Result<Catalog> {
    loaded.map_err(|diags| {
        eprint!("{}", diags.render(catalog::stderr_color(cx.color)));
        Reported.into()
    })
}

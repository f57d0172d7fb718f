//! `flux-codes`: checks the error-code catalog (`codes.toml`) and exports it for frontends.
//!
//! This file holds the command line and the dispatch; each subcommand lives in
//! `commands/<name>.rs`.

#![forbid(unsafe_code)]

mod audit;
mod catalog;
mod commands;
mod git;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Checks, exports and explains Flux's error-code catalog (codes.toml).
#[derive(Debug, Parser)]
#[command(
    name = "flux-codes",
    version,
    after_help = "Examples:\n  flux-codes check\n  flux-codes diff --against main\n  flux-codes export --all --out-dir exports\n  flux-codes explain err_qr_expired --locale es\n  flux-codes l10n status\n  flux-codes --catalog path/to/codes.toml export --format json"
)]
struct Cli {
    /// The catalog to use (default: codes.toml in the current folder or the nearest parent).
    #[arg(long, global = true, value_name = "PATH")]
    catalog: Option<PathBuf>,

    /// When to colour diagnostics.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    color: Color,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Check(commands::check::Args),
    Diff(commands::diff::Args),
    Export(commands::export::Args),
    Explain(commands::explain::Args),
    Audit(commands::audit::Args),
    L10n(commands::l10n::Args),
}

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    Always,
    Never,
}

/// What every command gets besides its own arguments.
#[derive(Debug)]
pub struct Context {
    pub catalog: Option<PathBuf>,
    pub color: Color,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let cx = Context {
        catalog: cli.catalog,
        color: cli.color,
    };
    let result = match cli.command {
        Command::Check(args) => commands::check::run(&cx, args),
        Command::Diff(args) => commands::diff::run(&cx, args),
        Command::Export(args) => commands::export::run(&cx, args),
        Command::Explain(args) => commands::explain::run(&cx, args),
        Command::Audit(args) => commands::audit::run(&cx, args),
        Command::L10n(args) => commands::l10n::run(&cx, args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            if !error.is::<commands::Reported>() {
                eprintln!("error: {error:#}");
            }
            ExitCode::FAILURE
        }
    }
}

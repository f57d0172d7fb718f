//! One module per subcommand; each has its clap `Args` and a `run`.

pub mod audit;
pub mod check;
pub mod diff;
pub mod explain;
pub mod export;
pub mod l10n;

/// An error already shown to the user (e.g. a catalog's diagnostics): exit non-zero, print
/// nothing more.
#[derive(Debug)]
pub struct Reported;

impl std::fmt::Display for Reported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the problems above were reported")
    }
}

impl std::error::Error for Reported {}

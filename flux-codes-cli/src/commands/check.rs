//! `flux-codes check`: validates the catalog and reports every problem, as the build does.

use std::process::ExitCode;

use clap::ValueEnum;

use crate::{Context, catalog};

/// Validate the catalog and print every problem with its file, line and column.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when the catalog is valid (warnings, such as stale translations, \
are shown but do not fail), 1 when it has errors.\n\n\
Examples:\n  flux-codes check\n  flux-codes check --message-format json --catalog codes.toml"
)]
pub struct Args {
    /// `human`: as rustc prints errors, on stderr; `json`: one JSON object per diagnostic
    /// (severity, message, file, line, column, help) per line on stdout, for editors and CI.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human, value_name = "FORMAT")]
    message_format: MessageFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let path = catalog::find(cx)?;
    match catalog::load_checked(&path)? {
        Ok((catalog, warnings)) => {
            let drafts = catalog.translations().draft.iter().filter(|d| **d).count();
            match args.message_format {
                MessageFormat::Human => {
                    eprint!("{}", warnings.render(catalog::stderr_color(cx.color)));
                    let problems = match warnings.items.len() {
                        0 => "no problems".to_owned(),
                        1 => "1 warning".to_owned(),
                        n => format!("{n} warnings"),
                    };
                    println!(
                        "{}: {} codes in {} categories, {} locales{}; {problems}",
                        path.display(),
                        catalog.codes().len(),
                        catalog.categories().len(),
                        catalog.locales().len(),
                        if drafts > 0 {
                            format!(" ({drafts} draft)")
                        } else {
                            String::new()
                        },
                    );
                }
                MessageFormat::Json => {
                    for d in warnings.located() {
                        println!("{}", serde_json::to_string(&d)?);
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(diags) => {
            match args.message_format {
                MessageFormat::Human => {
                    eprint!("{}", diags.render(catalog::stderr_color(cx.color)))
                }
                MessageFormat::Json => {
                    for d in diags.located() {
                        println!("{}", serde_json::to_string(&d)?);
                    }
                }
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

//! `flux-codes explain CODE`: everything the catalog knows about one code, in the terminal,
//! the way `rustc --explain E0308` explains a compiler error.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::bail;
use flux_codes_core::http::status_line;
use flux_codes_gen::chars::{self, Refusal};
use flux_codes_gen::diagnostic::did_you_mean;
use flux_codes_gen::message::Message;
use flux_codes_gen::render::{OutlinePiece, outline, param_summary};
use flux_codes_gen::{Catalog, CodeSpec};

use crate::{Context, catalog};

/// Explain one error code: its HTTP status, whether to retry, its texts, params and docs.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  flux-codes explain ERR_QR_EXPIRED\n  \
flux-codes explain err_max_amount_exceeded --locale es")]
pub struct Args {
    /// The code, in any letter case: ERR_QR_EXPIRED or err_qr_expired.
    #[arg(value_name = "CODE")]
    code: String,

    /// The language of the code's texts (a tag or an Accept-Language value), matched as an API
    /// request's is: `es-CL` reads `es`, `pt-PT` reads `pt-BR` when the catalog has no closer
    /// locale (default: the catalog's default locale).
    #[arg(long, short, value_name = "LOCALE")]
    locale: Option<String>,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let catalog = catalog::load_valid(cx)?;
    let locale = match &args.locale {
        Some(tag) => catalog::negotiated_locale(&catalog, tag)?,
        None => catalog.default_locale(),
    };
    let given = args.code.trim();
    let found = catalog
        .codes()
        .iter()
        .find(|c| c.code().eq_ignore_ascii_case(given));
    let Some(code) = found else {
        let shown = printable(given);
        if let Some(retired) = catalog
            .reserved()
            .iter()
            .find(|r| r.eq_ignore_ascii_case(given))
        {
            bail!("`{retired}` is a retired code (in `catalog.reserved`): no response uses it");
        }
        match did_you_mean(given, catalog.codes().iter().map(|c| c.code())) {
            Some(near) => bail!("no code `{shown}` in the catalog; did you mean `{near}`?"),
            None => bail!("no code `{shown}` in the catalog"),
        }
    };
    print!("{}", explain(&catalog, code, locale));
    Ok(ExitCode::SUCCESS)
}

/// The explanation of `code`, with its texts in the locale at `locale`: the code and its
/// message, its facts, then its detail and what to do.
pub fn explain(catalog: &Catalog, code: &CodeSpec, locale: usize) -> String {
    let category = catalog.category_of(code);
    let mut out = format!("{}: {}\n\n", code.code(), one_line(&code.message()[locale]));
    let mut field = |name: &str, value: &str| {
        let _ = writeln!(out, "  {name:<12} {value}");
    };
    field("HTTP status", &status_line(code.status()));
    field("gRPC status", code.grpc().name());
    field(
        "Retryable",
        if code.retryable() {
            "yes: the same request may be sent again after a short wait"
        } else {
            "no: the same request fails the same way until something changes"
        },
    );
    field(
        "Category",
        &format!(
            "{} ({})",
            category.key(),
            one_line(&category.title()[locale])
        ),
    );
    if !code.params().is_empty() {
        let params: Vec<String> = code.params().iter().map(param_summary).collect();
        field("Params", &params.join(", "));
    }
    if let Some(url) = catalog.docs_url(code) {
        field("Docs", &printable(&url));
    }
    if let Some(note) = code.deprecated() {
        field("Deprecated", &one_line(note));
    }
    field("Rust", &format!("ErrorCode::{}", code.variant()));
    let mut section = |title: &str, text: &str| {
        let _ = write!(out, "\n{title}\n");
        for line in printable(text).lines() {
            let _ = writeln!(out, "  {line}");
        }
    };
    if let Some(detail) = code.detail() {
        section("Detail", &detail_text(&detail[locale]));
    }
    if let Some(hint) = code.hint() {
        section("What to do", &hint[locale]);
    }
    out
}

/// A detail as its reader sees it: arguments as written (`{max_amount, number}`), each plural
/// or select option on a line of its own, indented under the message.
fn detail_text(message: &Message) -> String {
    let mut out = String::new();
    for line in outline(message) {
        if line.depth > 0 {
            out.push('\n');
            out.push_str(&"  ".repeat(line.depth));
        }
        if let Some(key) = line.key {
            let _ = write!(out, "{key}: ");
        }
        for piece in &line.pieces {
            match piece {
                OutlinePiece::Text(text) => out.push_str(&text.replace('\n', " ")),
                OutlinePiece::Arg(arg) => out.push_str(arg),
                OutlinePiece::Pound => out.push('#'),
                // A piece of a later generator: shown as nothing rather than guessed at.
                _ => {}
            }
        }
    }
    out
}

/// A text on one line, its whitespace runs (newlines included) as single spaces.
fn one_line(text: &str) -> String {
    printable(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `text` safe to print on a terminal: control characters (an escape sequence could recolour
/// or retitle the terminal, a carriage return overwrite the line), bidirectional controls and
/// invisible characters (what `flux_codes_gen::chars` refuses in a translation, here even
/// where a catalog allows them) shown as `\u{..}`; newlines, tabs and joiners (part of some
/// scripts' spelling) kept.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match chars::class(c) {
            Some(Refusal::Bidi | Refusal::Control | Refusal::Invisible) => {
                c.escape_unicode().to_string()
            }
            _ if c.is_control() && c != '\n' && c != '\t' => c.escape_unicode().to_string(),
            _ => c.to_string(),
        })
        .collect()
}

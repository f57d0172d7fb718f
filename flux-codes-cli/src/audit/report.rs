//! Printing an audit: diagnostics rendered as rustc renders them (flux-codes-gen's renderer, so
//! `check` and `audit` look alike), or one JSON object per finding for editors and CI.

use std::path::Path;

use flux_codes_gen::Catalog;
use flux_codes_gen::diagnostic::{Diagnostic, Severity, render_summary};
use serde::Serialize;

use super::{Finding, Kind, Outcome};

/// Where the catalog defines each of its codes, to point at the ones nothing mentions.
#[derive(Debug)]
pub struct CatalogSites {
    path: String,
    /// Per catalog code, in catalog order: the code, and its key's line, column and end column.
    codes: Vec<(String, usize, usize, usize)>,
}

impl CatalogSites {
    /// The positions the model kept for the codes of the catalog at `path`.
    pub fn new(path: &Path, catalog: &Catalog) -> Self {
        let codes = catalog
            .codes()
            .iter()
            .enumerate()
            .map(|(i, spec)| {
                let (line, column, end_column) = catalog
                    .code_location(i)
                    .map_or((1, 1, 1), |at| (at.line, at.column, at.end_column));
                (spec.code().to_owned(), line, column, end_column)
            })
            .collect();
        CatalogSites {
            path: path.display().to_string(),
            codes,
        }
    }

    /// The catalog codes no scanned file mentions, in catalog order.
    fn unused<'a>(
        &'a self,
        outcome: &'a Outcome,
    ) -> impl Iterator<Item = &'a (String, usize, usize, usize)> {
        self.codes
            .iter()
            .zip(&outcome.mentioned)
            .filter(|(_, mentioned)| !**mentioned)
            .map(|(site, _)| site)
    }
}

/// A finding as a diagnostic: what is wrong, the label under the marker, and the fix.
fn diagnostic(finding: &Finding) -> Diagnostic {
    let code = &finding.code;
    let span = Some(finding.span.clone());
    let (message, label, help) = match finding.kind {
        Kind::Unknown => (
            format!("unknown error code `{code}`"),
            "not in the catalog",
            match &finding.suggestion {
                Some(near) => format!("did you mean `{near}`?"),
                None => {
                    "define it in the catalog, or mark a deliberate use with a `flux-codes: allow` comment"
                        .to_owned()
                }
            },
        ),
        Kind::HandWritten => (
            format!("hand-written error code `{code}`"),
            "a catalog code spelled by hand",
            format!(
                "use `{}`",
                finding
                    .suggestion
                    .as_deref()
                    .expect("a hand-written catalog code has its variant")
            ),
        ),
        Kind::Reserved => (
            format!("reserved error code `{code}` is in use"),
            "retired: listed in `reserved`",
            "a retired code may never be used again; use a current code".to_owned(),
        ),
    };
    let diagnostic = match finding.kind.severity() {
        Severity::Warning => Diagnostic::warning(message, span),
        _ => Diagnostic::error(message, span),
    };
    diagnostic.with_label(label).with_help(help)
}

/// The human report (for stderr): every finding, the notes (unused codes, skipped catalogs) and
/// a closing summary when anything was found. Empty when there is nothing to say.
pub fn human(outcome: &Outcome, sites: &CatalogSites, color: bool) -> String {
    let mut out = String::new();
    for finding in &outcome.findings {
        let path = finding.path.display().to_string();
        let d = diagnostic(finding);
        out.push_str(&d.render(&path, &finding.source_line, finding.line, color));
        out.push_str("\n\n");
    }
    let unused: Vec<String> = sites
        .unused(outcome)
        .map(|(code, line, column, _)| format!("{}:{line}:{column}: {code}", sites.path))
        .collect();
    if !unused.is_empty() {
        let title = format!(
            "{} not mentioned in any scanned file; possibly dead",
            count(unused.len(), "catalog code is", "catalog codes are")
        );
        out.push_str(&render_summary(Severity::Note, &title, &unused, color));
        out.push_str("\n\n");
    }
    if !outcome.other_catalogs.is_empty() {
        let title = format!(
            "skipped {} with its own codes.toml (audit it against its own catalog)",
            count(outcome.other_catalogs.len(), "folder", "folders")
        );
        let folders: Vec<String> = outcome
            .other_catalogs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        out.push_str(&render_summary(Severity::Note, &title, &folders, color));
        out.push_str("\n\n");
    }
    let (errors, warnings) = (
        outcome.count(Severity::Error),
        outcome.count(Severity::Warning),
    );
    if errors + warnings > 0 {
        let (severity, found) = match (errors, warnings) {
            (0, w) => (Severity::Warning, count(w, "warning", "warnings")),
            (e, 0) => (Severity::Error, count(e, "error", "errors")),
            (e, w) => (
                Severity::Error,
                format!(
                    "{} and {}",
                    count(e, "error", "errors"),
                    count(w, "warning", "warnings")
                ),
            ),
        };
        let title = format!("the audit found {found} in {}", files(outcome));
        out.push_str(&render_summary(severity, &title, &[], color));
        out.push('\n');
    }
    out
}

/// The line (for stdout) that says the audit found nothing, if it did not.
pub fn all_clear(outcome: &Outcome) -> Option<String> {
    outcome.findings.is_empty().then(|| {
        format!(
            "no unknown, hand-written or reserved codes in {}",
            files(outcome)
        )
    })
}

/// `12 files (skipped the catalog, 7 generated files and 1 binary file)`.
fn files(outcome: &Outcome) -> String {
    let scanned = count(outcome.scanned, "file", "files");
    let mut skipped = Vec::new();
    match outcome.catalogs {
        0 => {}
        1 => skipped.push("the catalog".to_owned()),
        n => skipped.push(format!("{n} copies of the catalog")),
    }
    if outcome.generated > 0 {
        skipped.push(count(
            outcome.generated,
            "generated file",
            "generated files",
        ));
    }
    if outcome.binary > 0 {
        skipped.push(count(outcome.binary, "binary file", "binary files"));
    }
    match skipped.split_last() {
        None => scanned,
        Some((last, [])) => format!("{scanned} (skipped {last})"),
        Some((last, rest)) => format!("{scanned} (skipped {} and {last})", rest.join(", ")),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One finding, or one unused catalog code, for machines.
#[derive(Debug, Serialize)]
struct JsonFinding<'a> {
    /// `unknown-code`, `hand-written-code`, `reserved-code` or `unused-code`.
    kind: &'a str,
    severity: Severity,
    code: &'a str,
    message: String,
    file: &'a str,
    line: usize,
    column: usize,
    /// Past the code's last character, so an editor can underline it.
    end_column: usize,
    help: Option<String>,
    /// The replacement: the near catalog code, or the `ErrorCode::X` to write instead.
    suggestion: Option<&'a str>,
}

/// The JSON report: one object per line, the findings in order, then the unused catalog codes
/// (severity `note`, pointing into the catalog).
pub fn json(outcome: &Outcome, sites: &CatalogSites) -> String {
    let mut out = String::new();
    for finding in &outcome.findings {
        let d = diagnostic(finding);
        let file = finding.path.display().to_string();
        let object = JsonFinding {
            kind: kind_name(finding.kind),
            severity: d.severity,
            code: &finding.code,
            message: d.message,
            file: &file,
            line: finding.line,
            column: finding.column,
            end_column: finding.column + finding.code.chars().count(),
            help: d.help,
            suggestion: finding.suggestion.as_deref(),
        };
        push_json(&mut out, &object);
    }
    for (code, line, column, end_column) in sites.unused(outcome) {
        let object = JsonFinding {
            kind: "unused-code",
            severity: Severity::Note,
            code,
            message: format!("catalog code `{code}` is not mentioned in any scanned file"),
            file: &sites.path,
            line: *line,
            column: *column,
            end_column: *end_column,
            help: None,
            suggestion: None,
        };
        push_json(&mut out, &object);
    }
    out
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Unknown => "unknown-code",
        Kind::HandWritten => "hand-written-code",
        Kind::Reserved => "reserved-code",
    }
}

fn push_json(out: &mut String, object: &JsonFinding<'_>) {
    out.push_str(&serde_json::to_string(object).expect("a finding serializes"));
    out.push('\n');
}

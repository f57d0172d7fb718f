//! Diagnostics: what is wrong with a catalog, where, and how to fix it.
//!
//! Every stage (loading, validation) reports into a [`Diagnostics`] list instead of stopping at
//! the first problem, so a catalog author sees every mistake in one build, rendered the way rustc
//! renders its own errors (file:line:col, the source line, a marker, a help).
//!
//! Reports about other files (`flux-codes audit`) reuse the same rendering one diagnostic at a
//! time: [`Diagnostic::render`] points into any file's text, [`render_summary`] closes a report.

use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

/// How serious a diagnostic is. Any `Error` fails the build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Information that needs no fix (e.g. a report's summary).
    Note,
}

impl Severity {
    fn level(self) -> Level<'static> {
        match self {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        }
    }
}

fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// One problem in a catalog file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong, as one sentence without a trailing period.
    pub message: String,
    /// Byte range in the source the problem points at (`None` for file-level problems).
    pub span: Option<Range<usize>>,
    /// The label under the marker.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message, span)
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders this diagnostic as rustc does (no trailing newline). `source` is the text it
    /// points into: a whole file (`first_line` 1) or an excerpt of `path` starting at line
    /// `first_line`, so a report over many files need not hold each file. `color` adds ANSI
    /// styles.
    pub fn render(&self, path: &str, source: &str, first_line: usize, color: bool) -> String {
        let title = self.severity.level().primary_title(self.message.as_str());
        let mut group = match &self.span {
            Some(span) => {
                let span = clamp_span(source, span.clone());
                let mut annotation = AnnotationKind::Primary.span(span);
                if let Some(label) = &self.label {
                    annotation = annotation.label(label.as_str());
                }
                title.element(
                    Snippet::source(source)
                        .line_start(first_line)
                        .path(path)
                        .annotation(annotation),
                )
            }
            None => title.element(Level::NOTE.message(format!("in {path}"))),
        };
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: [Group<'_>; 1] = [group];
        renderer(color).render(&report)
    }
}

/// Renders a message that points at no source, such as a report's closing summary: its title
/// and one `= note:` line per note (no trailing newline).
pub fn render_summary(severity: Severity, title: &str, notes: &[String], color: bool) -> String {
    let group = Group::with_title(severity.level().primary_title(title))
        .elements(notes.iter().map(|note| Level::NOTE.message(note.as_str())));
    renderer(color).render(&[group])
}

/// The diagnostics of one catalog file, with the source they point into.
#[derive(Clone, Debug)]
pub struct Diagnostics {
    pub path: PathBuf,
    pub source: String,
    pub items: Vec<Diagnostic>,
}

/// A diagnostic resolved to 1-based line and column, for machine-readable output.
#[derive(Clone, Debug, Serialize)]
pub struct Located<'a> {
    pub severity: Severity,
    pub message: &'a str,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub help: Option<&'a str>,
}

impl Diagnostics {
    pub fn new(path: &Path, source: &str) -> Self {
        Diagnostics {
            path: path.to_path_buf(),
            source: source.to_owned(),
            items: Vec::new(),
        }
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Puts the diagnostics in source order (file-level ones first), as a reader goes.
    pub fn sort(&mut self) {
        self.items.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let before = &self.source[..floor_char_boundary(&self.source, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    /// Every diagnostic with its line and column, in source order.
    pub fn located(&self) -> Vec<Located<'_>> {
        self.items
            .iter()
            .map(|d| {
                let (line, column) = d.span.as_ref().map_or((1, 1), |s| self.line_col(s.start));
                Located {
                    severity: d.severity,
                    message: &d.message,
                    file: self.path.display().to_string(),
                    line,
                    column,
                    help: d.help.as_deref(),
                }
            })
            .collect()
    }

    /// Renders every diagnostic as rustc does, plus a summary line. `color` adds ANSI styles.
    pub fn render(&self, color: bool) -> String {
        let path = self.path.display().to_string();
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&d.render(&path, &self.source, 1, color));
            out.push_str("\n\n");
        }
        let errors = self.error_count();
        if errors > 0 {
            let noun = if errors == 1 { "error" } else { "errors" };
            let summary = format!("{path}: {errors} {noun} in the catalog; nothing was generated");
            out.push_str(&render_summary(Severity::Error, &summary, &[], color));
            out.push('\n');
        }
        out
    }
}

/// Keeps a span inside the source and on character boundaries, so rendering never panics.
fn clamp_span(source: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
    start..end
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The closest candidate to `given` by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let given_lower = given.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&given_lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| {
            *d <= (c.len().max(given.len()) / 3).max(1)
                || (given.len() >= 3 && c.to_ascii_lowercase().starts_with(&given_lower))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance over characters, counting a swap of two neighbours as one edit
/// (optimal string alignment), so `hnit` is one edit from `hint`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(edit_distance("hnit", "hint"), 1);
        assert_eq!(did_you_mean("hnit", ["hint", "status"]), Some("hint"));
        // flux-codes: allow-start (codes as test data)
        assert_eq!(
            did_you_mean("ERR_QR_EXPIRD", ["ERR_QR_EXPIRED", "ERR_SERVER"]),
            Some("ERR_QR_EXPIRED")
        );
        // flux-codes: allow-end
        assert_eq!(did_you_mean("zzz", ["hint", "status"]), None);
    }

    #[test]
    fn renders_a_diagnostic_in_an_excerpt_at_its_line() {
        let d = Diagnostic::warning("hand-written", Some(8..12))
            .with_label("here")
            .with_help("use a constant");
        assert_eq!(
            d.render("src/lib.rs", "let a = \"xy\";", 41, false),
            "\
warning: hand-written
  --> src/lib.rs:41:9
   |
41 | let a = \"xy\";
   |         ^^^^ here
   |
   = help: use a constant"
        );
        assert_eq!(
            render_summary(Severity::Note, "2 unused", &["a".into(), "b".into()], false),
            "note: 2 unused\n |\n = note: a\n = note: b"
        );
    }
}

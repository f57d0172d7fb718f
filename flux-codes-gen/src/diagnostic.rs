//! Diagnostics: what is wrong with a catalog, where, and how to fix it.
//!
//! Every stage (loading, validation) reports into a [`Diagnostics`] list instead of stopping at
//! the first problem, so a catalog author sees every mistake in one build, rendered the way rustc
//! renders its own errors (file:line:col, the source line, a marker, a help).

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

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
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
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let path = self.path.display().to_string();
        let mut out = String::new();
        for d in &self.items {
            let level = match d.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            };
            let title = level.primary_title(d.message.as_str());
            let mut group = match &d.span {
                Some(span) => {
                    let span = clamp_span(&self.source, span.clone());
                    let mut annotation = AnnotationKind::Primary.span(span);
                    if let Some(label) = &d.label {
                        annotation = annotation.label(label.as_str());
                    }
                    title.element(
                        Snippet::source(self.source.as_str())
                            .path(path.as_str())
                            .annotation(annotation),
                    )
                }
                None => title.element(Level::NOTE.message(format!("in {path}"))),
            };
            if let Some(help) = &d.help {
                group = group.element(Level::HELP.message(help.as_str()));
            }
            let report: [Group<'_>; 1] = [group];
            out.push_str(&renderer.render(&report));
            out.push_str("\n\n");
        }
        let errors = self.error_count();
        if errors > 0 {
            let noun = if errors == 1 { "error" } else { "errors" };
            let summary = format!("{path}: {errors} {noun} in the catalog; nothing was generated");
            out.push_str(&renderer.render(&[Group::with_title(Level::ERROR.primary_title(summary))]));
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
pub fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let given_lower = given.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&given_lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len().max(given.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

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

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

/// How serious a diagnostic is. Any `Error` fails the build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
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
    /// Other places the problem involves, each with its label (rustc's secondary labels: where
    /// a duplicated code was first defined, where an unclosed table opens).
    pub related: Vec<(Range<usize>, String)>,
}

impl Diagnostic {
    /// An error (the catalog is not generated) with its message and where it points.
    pub fn error(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// A warning (the catalog is still generated) with its message and where it points.
    pub fn warning(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message, span)
        }
    }

    /// The label under the marker.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// How to fix it, shown as `= help:`.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Labels another place the problem involves (drawn with `-` under it, as rustc does).
    pub fn with_related(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related.push((span, label.into()));
        self
    }

    /// Renders this diagnostic as rustc does (no trailing newline). `source` is the text it
    /// points into: a whole file (`first_line` 1) or an excerpt of `path` starting at line
    /// `first_line`, so a report over many files need not hold each file. `color` adds ANSI
    /// styles.
    pub fn render(&self, path: &str, source: &str, first_line: usize, color: bool) -> String {
        let excerpts = match &self.span {
            None => Vec::new(),
            Some(span) => vec![Excerpt {
                source,
                first_line,
                origin: None,
                primary: Some(span.clone()),
                related: self.related.iter().map(|(s, l)| (s.clone(), l)).collect(),
            }],
        };
        self.render_excerpts(path, &excerpts, color)
    }

    /// Renders this diagnostic over excerpts of its file, the primary one first.
    fn render_excerpts(&self, path: &str, excerpts: &[Excerpt<'_, '_>], color: bool) -> String {
        let title = self.severity.level().primary_title(self.message.as_str());
        let mut group = Group::with_title(title);
        for excerpt in excerpts {
            let mut snippet = Snippet::source(excerpt.source).line_start(excerpt.first_line);
            if let Some(span) = &excerpt.primary {
                let mut annotation =
                    AnnotationKind::Primary.span(clamp_span(excerpt.source, span.clone()));
                if let Some(label) = &self.label {
                    annotation = annotation.label(label.as_str());
                }
                snippet = snippet.annotation(annotation);
            }
            for (span, label) in &excerpt.related {
                let span = clamp_span(excerpt.source, span.clone());
                snippet =
                    snippet.annotation(AnnotationKind::Context.span(span).label(label.as_str()));
            }
            group = match excerpt.origin {
                None => group.element(snippet.path(path)),
                Some((line, column)) => group
                    .element(Origin::path(path).line(line).char_column(column))
                    .element(snippet),
            };
        }
        if excerpts.is_empty() {
            group = group.element(Level::NOTE.message(format!("in {path}")));
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        renderer(color).render(&[group])
    }
}

/// Part of a file one diagnostic shows: its source text, the spans in it (relative to it), and
/// where it starts.
struct Excerpt<'s, 'd> {
    source: &'s str,
    first_line: usize,
    /// (line, column) of the first span when the excerpt starts mid-line, which the excerpt
    /// alone cannot tell.
    origin: Option<(usize, usize)>,
    primary: Option<Range<usize>>,
    related: Vec<(Range<usize>, &'d String)>,
}

/// Renders a message that points at no source, such as a report's closing summary: its title
/// and one `= note:` line per note (no trailing newline).
pub fn render_summary(severity: Severity, title: &str, notes: &[String], color: bool) -> String {
    let group = Group::with_title(severity.level().primary_title(title))
        .elements(notes.iter().map(|note| Level::NOTE.message(note.as_str())));
    renderer(color).render(&[group])
}

/// The diagnostics of one catalog file, with the source they point into.
///
/// At most [`Diagnostics::MAX_KEPT`] are kept; the rest are only counted, so a hostile file
/// with an error every other byte costs bounded memory and a readable report.
#[derive(Clone, Debug)]
pub struct Diagnostics {
    pub path: PathBuf,
    pub source: String,
    pub items: Vec<Diagnostic>,
    /// Errors found beyond [`Diagnostics::MAX_KEPT`]: counted, not kept.
    pub omitted_errors: usize,
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
    /// How many diagnostics a report keeps.
    pub const MAX_KEPT: usize = 100;

    /// The longest message, label or help a diagnostic keeps, in characters: they quote keys
    /// and values of the catalog, which a hostile file can make megabytes long.
    pub const MAX_TEXT_CHARS: usize = 400;

    /// An empty report about the file at `path`, whose text is `source`.
    pub fn new(path: &Path, source: &str) -> Self {
        Diagnostics {
            path: path.to_path_buf(),
            source: source.to_owned(),
            items: Vec::new(),
            omitted_errors: 0,
        }
    }

    /// Adds a diagnostic, or only counts it when [`Diagnostics::MAX_KEPT`] are kept already.
    /// Its texts are cut to [`Diagnostics::MAX_TEXT_CHARS`] (they may quote the catalog).
    pub fn push(&mut self, mut diagnostic: Diagnostic) {
        if self.is_full() {
            if diagnostic.severity == Severity::Error {
                self.omitted_errors += 1;
            }
            return;
        }
        shorten(&mut diagnostic.message);
        if let Some(label) = &mut diagnostic.label {
            shorten(label);
        }
        if let Some(help) = &mut diagnostic.help {
            shorten(help);
        }
        self.items.push(diagnostic);
    }

    /// Adds the error `make` builds, building it only when it will be kept: for checks that may
    /// fail once per text of a hostile file.
    pub fn error_with(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.is_full() {
            self.omitted_errors += 1;
        } else {
            self.push(make());
        }
    }

    /// Whether [`Diagnostics::MAX_KEPT`] diagnostics are kept already.
    pub fn is_full(&self) -> bool {
        self.items.len() >= Self::MAX_KEPT
    }

    /// Puts the diagnostics in source order (file-level ones first), as a reader goes.
    pub fn sort(&mut self) {
        self.items.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    }

    /// Whether any error was found (kept or omitted).
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Every error found, the omitted ones included.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
            + self.omitted_errors
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        LineIndex::new(&self.source).line_col(offset)
    }

    /// The line and columns of each span of the source, for the model's side table of
    /// positions (one line index for all of them).
    pub(crate) fn locations(
        &self,
        spans: impl IntoIterator<Item = std::ops::Range<usize>>,
    ) -> Vec<crate::model::Location> {
        let lines = LineIndex::new(&self.source);
        spans
            .into_iter()
            .map(|bytes| {
                let (line, column) = lines.line_col(bytes.start);
                let end_column = lines.line_col(bytes.end).1;
                crate::model::Location {
                    bytes,
                    line,
                    column,
                    end_column,
                }
            })
            .collect()
    }

    /// Every kept diagnostic with its line and column, in source order.
    pub fn located(&self) -> Vec<Located<'_>> {
        let lines = LineIndex::new(&self.source);
        self.items
            .iter()
            .map(|d| {
                let (line, column) = d.span.as_ref().map_or((1, 1), |s| lines.line_col(s.start));
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
    ///
    /// Each diagnostic shows only the lines its span touches (at most `EXCERPT_BYTES` of
    /// them around the span), so rendering costs the same for a 10-line file and a 10 MB one.
    pub fn render(&self, color: bool) -> String {
        let path = self.path.display().to_string();
        let lines = LineIndex::new(&self.source);
        let mut out = String::new();
        for d in &self.items {
            let excerpts = lines.excerpts(d);
            out.push_str(&d.render_excerpts(&path, &excerpts, color));
            out.push_str("\n\n");
        }
        if self.omitted_errors > 0 {
            let noun = if self.omitted_errors == 1 {
                "error"
            } else {
                "errors"
            };
            let note = format!(
                "{} more {noun} not shown (a report keeps the first {})",
                self.omitted_errors,
                Self::MAX_KEPT
            );
            out.push_str(&render_summary(Severity::Note, &note, &[], color));
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

/// A related span this many lines or fewer from the primary one shares its excerpt.
const RELATED_NEAR_LINES: usize = 3;

/// How much source one diagnostic shows at most: the lines its span touches, cut to this many
/// bytes around the span's start when they are longer.
pub(crate) const EXCERPT_BYTES: usize = 1024;

/// Where each line of a source starts, for line/column lookups in O(log lines).
struct LineIndex<'s> {
    source: &'s str,
    /// Byte offset of every `\n`.
    newlines: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    fn new(source: &'s str) -> Self {
        LineIndex {
            source,
            newlines: source.match_indices('\n').map(|(i, _)| i).collect(),
        }
    }

    /// 0-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < offset)
    }

    fn line_start(&self, line: usize) -> usize {
        if line == 0 {
            0
        } else {
            self.newlines[line - 1] + 1
        }
    }

    fn line_end(&self, line: usize) -> usize {
        self.newlines
            .get(line)
            .copied()
            .unwrap_or(self.source.len())
    }

    /// 1-based line and column (in characters).
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.source, offset.min(self.source.len()));
        let line = self.line_of(offset);
        let column = self.source[self.line_start(line)..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The excerpts a diagnostic shows: one around its primary span, which takes in the
    /// related spans a few lines away, and one more for each related span further off.
    fn excerpts<'d>(&self, d: &'d Diagnostic) -> Vec<Excerpt<'s, 'd>> {
        let Some(primary) = &d.span else {
            return Vec::new();
        };
        let primary = clamp_span(self.source, primary.clone());
        let mut parts = vec![(self.excerpt(primary.clone()), Some(primary), Vec::new())];
        for (span, label) in &d.related {
            let span = clamp_span(self.source, span.clone());
            let range = self.excerpt(span.clone());
            let near = parts.iter_mut().find(|(r, _, _)| {
                let (a, b) = (self.line_of(r.start), self.line_of(r.end));
                let (c, e) = (self.line_of(range.start), self.line_of(range.end));
                c <= b + RELATED_NEAR_LINES && a <= e + RELATED_NEAR_LINES
            });
            match near {
                Some((r, _, related))
                    if range.end.max(r.end) - range.start.min(r.start) <= 4 * EXCERPT_BYTES =>
                {
                    *r = range.start.min(r.start)..range.end.max(r.end);
                    related.push((span, label));
                }
                _ => parts.push((range, None, vec![(span, label)])),
            }
        }
        parts
            .into_iter()
            .map(|(range, primary, related)| {
                let first = primary
                    .as_ref()
                    .map_or_else(|| related[0].0.start, |p| p.start);
                let (line, column) = self.line_col(first);
                let (first_line, start_column) = self.line_col(range.start);
                let local = |s: Range<usize>| {
                    s.start.max(range.start) - range.start
                        ..s.end.clamp(s.start.max(range.start), range.end) - range.start
                };
                Excerpt {
                    source: &self.source[range.clone()],
                    first_line,
                    // Cut out of a long line, the excerpt cannot tell the column itself.
                    origin: (start_column != 1).then_some((line, column)),
                    primary: primary.map(local),
                    related: related.into_iter().map(|(s, l)| (local(s), l)).collect(),
                }
            })
            .collect()
    }

    /// The whole lines `span` touches, or, when they are longer than [`EXCERPT_BYTES`], the
    /// part of them around the span's start.
    fn excerpt(&self, span: Range<usize>) -> Range<usize> {
        let first = self.line_of(span.start);
        let start = self.line_start(first);
        let end = self.line_end(self.line_of(span.end).max(first));
        if end - start <= EXCERPT_BYTES {
            return start..end;
        }
        // Keep the line's start when the span is near it, so columns read naturally.
        let from = if span.start - start <= EXCERPT_BYTES / 2 {
            start
        } else {
            let from = floor_char_boundary(self.source, span.start - EXCERPT_BYTES / 4);
            // Start at a line start when the cut lands on an earlier line.
            from.max(start)
        };
        let to = floor_char_boundary(self.source, (from + EXCERPT_BYTES).min(end));
        let to = match self.source[from..to].find('\n') {
            Some(nl) if from + nl >= span.start => from + nl,
            _ => to,
        };
        from..to.max(span.start)
    }
}

/// Cuts `text` to [`Diagnostics::MAX_TEXT_CHARS`] characters, marking the cut with `…`.
fn shorten(text: &mut String) {
    if let Some((cut, _)) = text.char_indices().nth(Diagnostics::MAX_TEXT_CHARS) {
        text.truncate(cut);
        text.push('…');
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

pub use flux_codes_core::suggest::did_you_mean;

#[cfg(test)]
mod tests {
    use super::*;

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

//! The audit behind `flux-codes audit`: finds where code outside the catalog still spells error
//! codes by hand, the way rustc's `tidy` checks that every error code it emits is defined.
//!
//! [`walk`] lists the files (in parallel, ripgrep's ignore rules), each worker thread reads each
//! file once and [`scan`]s it (skipping what [`generated`] recognises, honouring [`allow`]
//! markers, classifying words with [`codes`], lexing Rust strings with [`rust`]), and the
//! findings are merged and sorted by path, line and column, so the output does not depend on
//! the threads. [`report`] prints them.

pub mod allow;
pub mod codes;
pub mod generated;
pub mod report;
pub mod rust;
pub mod scan;
pub mod walk;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use flux_codes_gen::{Catalog, Severity};
use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkState};

use self::codes::{Class, CodeIndex};
use self::generated::{Recognizer, Skip};
use self::scan::{FileScan, Scanner};
use self::walk::WalkOptions;

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A code-shaped word the catalog does not define (often a misspelling).
    Unknown,
    /// A Rust string literal holding a catalog code, where `ErrorCode::X` belongs.
    HandWritten,
    /// A retired code (`[catalog] reserved`) still in use.
    Reserved,
}

impl Kind {
    pub fn severity(self) -> Severity {
        match self {
            Kind::Unknown | Kind::Reserved => Severity::Error,
            Kind::HandWritten => Severity::Warning,
        }
    }
}

/// A code-shaped word that needs attention, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub path: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub kind: Kind,
    /// The word as written.
    pub code: String,
    /// The text of its line (invalid UTF-8 replaced), without the line break.
    pub source_line: String,
    /// Where the word is in `source_line`, in bytes.
    pub span: Range<usize>,
    /// The fix: the catalog code an unknown one likely misspells, or the `ErrorCode::X` to
    /// write instead of a hand-written one.
    pub suggestion: Option<String>,
}

impl Finding {
    /// A finding for `code`, which starts `offset` bytes into `line_bytes`, the text of `line`.
    pub fn new(
        path: &Path,
        kind: Kind,
        code: &str,
        line: usize,
        line_bytes: &[u8],
        offset: usize,
    ) -> Self {
        let before = String::from_utf8_lossy(&line_bytes[..offset]);
        Finding {
            path: walk::display_path(path),
            line,
            column: before.chars().count() + 1,
            kind,
            code: code.to_owned(),
            source_line: String::from_utf8_lossy(line_bytes).into_owned(),
            span: before.len()..before.len() + code.len(),
            suggestion: None,
        }
    }
}

/// What to audit, besides the catalog.
#[derive(Debug)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub excludes: Vec<String>,
    pub hidden: bool,
    /// Code-shaped words that are deliberately not codes (placeholders).
    pub allowed_unknown: Vec<String>,
}

/// Everything an audit found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Sorted by path, line and column.
    pub findings: Vec<Finding>,
    /// Per catalog code (by index): whether a scanned file mentions it.
    pub mentioned: Vec<bool>,
    pub scanned: usize,
    /// Generated files skipped.
    pub generated: usize,
    /// Catalog files skipped (the catalog, and any copy of it).
    pub catalogs: usize,
    pub binary: usize,
    /// Folders skipped for holding their own, different `codes.toml`; sorted.
    pub other_catalogs: Vec<PathBuf>,
    /// Files or folders that could not be read, one line each; sorted.
    pub errors: Vec<String>,
}

impl Outcome {
    fn empty(codes: usize) -> Self {
        Outcome {
            mentioned: vec![false; codes],
            ..Outcome::default()
        }
    }

    fn add(&mut self, mut other: Outcome) {
        self.findings.append(&mut other.findings);
        for (seen, other) in self.mentioned.iter_mut().zip(other.mentioned) {
            *seen |= other;
        }
        self.scanned += other.scanned;
        self.generated += other.generated;
        self.catalogs += other.catalogs;
        self.binary += other.binary;
        self.errors.append(&mut other.errors);
    }

    fn record(&mut self, scan: FileScan) {
        match scan {
            FileScan::Binary => self.binary += 1,
            FileScan::Skipped(Skip::Generated) => self.generated += 1,
            FileScan::Skipped(Skip::Catalog) => self.catalogs += 1,
            FileScan::Scanned {
                mut findings,
                mentioned,
            } => {
                self.scanned += 1;
                self.findings.append(&mut findings);
                for index in mentioned {
                    self.mentioned[index] = true;
                }
            }
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.kind.severity() == severity)
            .count()
    }
}

/// Audits `options.paths` against `catalog` (whose file holds `catalog_source`).
pub fn audit(
    catalog: &Catalog,
    catalog_source: &[u8],
    options: &Options,
) -> anyhow::Result<Outcome> {
    let index = CodeIndex::new(catalog, &options.allowed_unknown);
    let recognizer = Recognizer::new(catalog, catalog_source);
    let scanner = Scanner::new(&index, &recognizer);
    let (walker, other_catalogs) = walk::build(&WalkOptions {
        paths: &options.paths,
        excludes: &options.excludes,
        hidden: options.hidden,
        catalog_source,
    })?;
    let total = Mutex::new(Outcome::empty(index.len()));
    walker.visit(&mut Workers {
        scanner: &scanner,
        total: &total,
        codes: index.len(),
    });
    let mut outcome = total.into_inner().expect("no worker panicked");
    outcome
        .findings
        .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    suggest(&index, &mut outcome.findings);
    outcome.errors.sort();
    outcome.other_catalogs = std::mem::take(&mut *other_catalogs.lock().expect("walk is over"))
        .iter()
        .map(|p| walk::display_path(p))
        .collect();
    outcome.other_catalogs.sort();
    Ok(outcome)
}

/// Fills in each finding's suggestion (once per distinct unknown word: the search compares the
/// word with every catalog code).
fn suggest(index: &CodeIndex, findings: &mut [Finding]) {
    let mut near: HashMap<String, Option<String>> = HashMap::new();
    for finding in findings {
        finding.suggestion = match finding.kind {
            Kind::Unknown => near
                .entry(finding.code.clone())
                .or_insert_with(|| index.suggestion(&finding.code).map(str::to_owned))
                .clone(),
            Kind::HandWritten => match index.classify(&finding.code) {
                Class::Known(i) => Some(format!("ErrorCode::{}", index.variant(i))),
                _ => None,
            },
            Kind::Reserved => None,
        };
    }
}

/// Builds one [`Worker`] per walker thread.
struct Workers<'s> {
    scanner: &'s Scanner<'s>,
    total: &'s Mutex<Outcome>,
    codes: usize,
}

impl<'s> ParallelVisitorBuilder<'s> for Workers<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Worker {
            scanner: self.scanner,
            total: self.total,
            local: Outcome::empty(self.codes),
        })
    }
}

/// One walker thread: reads and scans the files it is handed, keeps what it finds to itself,
/// and adds it to the total when the walk is over (when it is dropped).
struct Worker<'s> {
    scanner: &'s Scanner<'s>,
    total: &'s Mutex<Outcome>,
    local: Outcome,
}

impl ParallelVisitor for Worker<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                match std::fs::read(entry.path()) {
                    Ok(bytes) => self.local.record(self.scanner.scan(entry.path(), &bytes)),
                    Err(error) => self.local.errors.push(format!(
                        "cannot read {}: {error}",
                        walk::display_path(entry.path()).display()
                    )),
                }
            }
            Ok(_) => {}
            Err(error) => self.local.errors.push(error.to_string()),
        }
        WalkState::Continue
    }
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        let local = std::mem::take(&mut self.local);
        if let Ok(mut total) = self.total.lock() {
            total.add(local);
        }
    }
}

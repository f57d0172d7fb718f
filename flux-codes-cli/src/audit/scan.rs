//! Scanning one file: its code-shaped words, what each is, and where.
//!
//! The file's bytes are searched once for every prefix the catalog's codes use (one
//! Aho-Corasick pass) plus `ErrorCode::`; each hit that starts a word is classified by the
//! [`CodeIndex`]. Any text file is scanned the same way; Rust files additionally get their string
//! literals lexed ([`super::rust`]), only when a catalog code occurs in them, to tell a
//! hand-written `"ERR_QR_EXPIRED"` from a mention in a comment.

use std::ops::Range;
use std::path::Path;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use super::allow::AllowedLines;
use super::codes::{Class, CodeIndex};
use super::generated::{Recognizer, Skip};
use super::{Finding, Kind, rust};

/// How generated Rust code names a catalog code: `ErrorCode::QrExpired` mentions `ERR_QR_EXPIRED`.
const VARIANT_PATH: &str = "ErrorCode::";

/// What scanning a file found.
#[derive(Debug, PartialEq, Eq)]
pub enum FileScan {
    /// Holds a NUL byte: not text.
    Binary,
    /// Recognised as generated or as the catalog: not read further.
    Skipped(Skip),
    /// Read: its findings (in file order) and the catalog codes it mentions (by index, with
    /// repeats).
    Scanned {
        findings: Vec<Finding>,
        mentioned: Vec<usize>,
    },
}

/// Scans files against one catalog. Shared by every walker thread.
#[derive(Debug)]
pub struct Scanner<'a> {
    index: &'a CodeIndex,
    recognizer: &'a Recognizer,
    /// The code needles, then [`VARIANT_PATH`] (the last pattern).
    searcher: AhoCorasick,
}

impl<'a> Scanner<'a> {
    pub fn new(index: &'a CodeIndex, recognizer: &'a Recognizer) -> Self {
        let mut patterns = index.needles();
        patterns.push(VARIANT_PATH.to_owned());
        // Leftmost-first: of needles that overlap (`ERR_` and a bare code `RR`), the one that
        // starts first is where the word starts.
        let searcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(&patterns)
            .expect("a handful of short literal patterns");
        Scanner {
            index,
            recognizer,
            searcher,
        }
    }

    /// Scans the contents of the file at `path` (the path only names it in findings and tells
    /// whether it is Rust).
    pub fn scan(&self, path: &Path, src: &[u8]) -> FileScan {
        if memchr::memchr(0, src).is_some() {
            return FileScan::Binary;
        }
        if let Some(skip) = self.recognizer.recognise(src) {
            return FileScan::Skipped(skip);
        }
        let is_rust = path.extension().is_some_and(|e| e == "rs");
        let variant_pattern = self.searcher.patterns_len() - 1;
        let mut strings: Option<Vec<Range<usize>>> = None;
        let mut allowed: Option<AllowedLines> = None;
        let mut lines = LineCursor::default();
        let mut findings = Vec::new();
        let mut mentioned = Vec::new();
        let mut at = 0;
        while let Some(hit) = self.searcher.find(Input::new(src).range(at..)) {
            let start = hit.start();
            if start > 0 && is_word_byte(src[start - 1]) {
                at = word_end(src, start);
                continue;
            }
            if hit.pattern().as_usize() == variant_pattern {
                let end = word_end(src, hit.end());
                if is_rust {
                    let name = std::str::from_utf8(&src[hit.end()..end]).unwrap_or_default();
                    mentioned.extend(self.index.by_variant(name));
                }
                at = end;
                continue;
            }
            let end = word_end(src, start);
            at = end;
            // A word is ASCII: `word_end` stops at the first byte that is not.
            let word = std::str::from_utf8(&src[start..end]).expect("ASCII word");
            let kind = match self.index.classify(word) {
                Class::Known(index) => {
                    mentioned.push(index);
                    let strings = strings.get_or_insert_with(|| {
                        if is_rust {
                            rust::string_contents(src)
                        } else {
                            Vec::new()
                        }
                    });
                    if !is_whole_literal(strings, start..end) {
                        continue;
                    }
                    Kind::HandWritten
                }
                Class::Reserved => Kind::Reserved,
                Class::Unknown => Kind::Unknown,
                Class::NotACode => continue,
            };
            let (line, line_range) = lines.locate(src, start);
            if allowed
                .get_or_insert_with(|| AllowedLines::find(src))
                .contains(line)
            {
                continue;
            }
            findings.push(Finding::new(
                path,
                kind,
                word,
                line,
                &src[line_range.clone()],
                start - line_range.start,
            ));
        }
        FileScan::Scanned {
            findings,
            mentioned,
        }
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The end of the word that runs from `start`.
fn word_end(src: &[u8], start: usize) -> usize {
    src[start..]
        .iter()
        .position(|&b| !is_word_byte(b))
        .map_or(src.len(), |n| start + n)
}

/// Whether `word` is the whole contents of one of the (sorted) string literals.
fn is_whole_literal(strings: &[Range<usize>], word: Range<usize>) -> bool {
    strings
        .binary_search_by_key(&word.start, |s| s.start)
        .is_ok_and(|i| strings[i].end == word.end)
}

/// Turns increasing byte offsets into line numbers, counting each newline once.
#[derive(Debug)]
struct LineCursor {
    /// Offsets before this have been counted.
    counted_to: usize,
    line: usize,
    line_start: usize,
}

impl Default for LineCursor {
    fn default() -> Self {
        LineCursor {
            counted_to: 0,
            line: 1,
            line_start: 0,
        }
    }
}

impl LineCursor {
    /// The 1-based line of `offset` (not before the last one asked) and its byte range, without
    /// the line break.
    fn locate(&mut self, src: &[u8], offset: usize) -> (usize, Range<usize>) {
        let skipped = &src[self.counted_to..offset];
        if let Some(last) = memchr::memrchr(b'\n', skipped) {
            self.line += memchr::memchr_iter(b'\n', skipped).count();
            self.line_start = self.counted_to + last + 1;
        }
        self.counted_to = offset;
        let mut end = memchr::memchr(b'\n', &src[offset..]).map_or(src.len(), |n| offset + n);
        if end > self.line_start && src[end - 1] == b'\r' {
            end -= 1;
        }
        (self.line, self.line_start..end)
    }
}

// The tests spell codes, known, misspelled and made up, on purpose: they are the test data.
// flux-codes: allow-start
#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &str = r#"
[catalog]
name = "T"
default_locale = "en"
locales = ["en"]
reserved = ["ERR_OLD"]

[categories.qr]
title = { en = "QR" }

[codes.ERR_QR_EXPIRED]
status = 410
retryable = false
category = "qr"
message = { en = "Expired." }

[codes.ERR_QR_UNKNOWN]
status = 404
retryable = false
category = "qr"
message = { en = "Unknown." }
"#;

    const OVERLAPPING_NEEDLES: &str = r#"
[catalog]
name = "T"
default_locale = "en"
locales = ["en"]

[categories.qr]
title = { en = "QR" }

[codes.ERR_A]
status = 400
retryable = false
category = "qr"
message = { en = "A." }

[codes.RR]
status = 400
retryable = false
category = "qr"
message = { en = "B." }
"#;

    /// A finding's kind, code, line and column.
    type Found = (Kind, String, usize, usize);

    /// What scanning `src` finds, and the codes it mentions.
    fn scan(path: &str, src: &str) -> (Vec<Found>, Vec<usize>) {
        scan_with(CATALOG, path, src)
    }

    fn scan_with(catalog: &str, path: &str, src: &str) -> (Vec<Found>, Vec<usize>) {
        let source = catalog;
        let catalog = flux_codes_gen::parse_catalog("codes.toml".as_ref(), source).unwrap();
        let index = CodeIndex::new(&catalog, &[]);
        let recognizer = Recognizer::new(&catalog, source.as_bytes());
        match Scanner::new(&index, &recognizer).scan(Path::new(path), src.as_bytes()) {
            FileScan::Scanned {
                findings,
                mentioned,
            } => (
                findings
                    .into_iter()
                    .map(|f| (f.kind, f.code, f.line, f.column))
                    .collect(),
                mentioned,
            ),
            other => panic!("not scanned: {other:?}"),
        }
    }

    #[test]
    fn finds_whole_words_only() {
        let (findings, mentioned) = scan(
            "a.md",
            "ERR_QR_EXPIRD MY_ERR_QR_X ERR_QR_X1ERR_QR_Y\n`ERR_QR_EXPIRED`, ERR_ and ERR_QR_.",
        );
        assert_eq!(
            findings,
            [
                (Kind::Unknown, "ERR_QR_EXPIRD".into(), 1, 1),
                (Kind::Unknown, "ERR_QR_X1ERR_QR_Y".into(), 1, 27),
            ]
        );
        assert_eq!(mentioned, [0]);
    }

    #[test]
    fn a_word_starts_where_its_leftmost_needle_does() {
        let (findings, mentioned) = scan_with(OVERLAPPING_NEEDLES, "a.md", "ERR_Y XRR RR ERR_A");
        assert_eq!(findings, [(Kind::Unknown, "ERR_Y".into(), 1, 1)]);
        assert_eq!(mentioned, [1, 0]);
    }

    #[test]
    fn lines_and_columns_count_characters_after_crlf() {
        let (findings, _) = scan("a.txt", "one\r\ntwo\r\n  é ERR_OLD\r\n");
        assert_eq!(findings, [(Kind::Reserved, "ERR_OLD".into(), 3, 5)]);
    }

    #[test]
    fn only_a_whole_rust_literal_is_hand_written() {
        let src = r##"
// "ERR_QR_EXPIRED" in a comment
let a = "ERR_QR_EXPIRED";
let b = "code ERR_QR_EXPIRED";
let c = r#"ERR_QR_UNKNOWN"#;
let d = ErrorCode::QrUnknown;
"##;
        let (findings, mentioned) = scan("src/lib.rs", src);
        assert_eq!(
            findings,
            [
                (Kind::HandWritten, "ERR_QR_EXPIRED".into(), 3, 10),
                (Kind::HandWritten, "ERR_QR_UNKNOWN".into(), 5, 12),
            ]
        );
        assert_eq!(mentioned, [0, 0, 0, 1, 1]);
        let (findings, _) = scan("web/a.ts", r#"const a = "ERR_QR_EXPIRED";"#);
        assert_eq!(findings, []);
    }

    #[test]
    fn variant_paths_mention_codes_in_rust_only() {
        assert_eq!(
            scan("a.rs", "ErrorCode::QrExpired MyErrorCode::QrUnknown").1,
            [0]
        );
        assert_eq!(scan("a.md", "ErrorCode::QrExpired").1, Vec::<usize>::new());
    }

    #[test]
    fn allowed_lines_keep_their_mentions() {
        let (findings, mentioned) = scan(
            "a.rs",
            "let a = \"ERR_QR_EXPIRED\"; // flux-codes: allow\nlet b = \"ERR_NOPE\";",
        );
        assert_eq!(findings, [(Kind::Unknown, "ERR_NOPE".into(), 2, 10)]);
        assert_eq!(mentioned, [0]);
    }
}
// flux-codes: allow-end

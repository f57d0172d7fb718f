//! Reading a PO file back: the entries a translator edited, each with where it is in the file,
//! so that every problem an import finds points at the PO file's line.
//!
//! This reads what GNU gettext writes (and Weblate, Poedit, Crowdin, polib): comments, flags
//! (`#,`), previous strings (`#|`), `msgctxt`, `msgid`, `msgstr`, continuation lines and C
//! escapes. Obsolete entries (`#~`) are skipped; gettext plural entries (`msgid_plural`,
//! `msgstr[n]`) are refused, since the catalog's plurals live inside its ICU messages.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::model::SourceHash;
use crate::render::po::EXPORTED_TRANSLATION;

/// A parsed PO file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PoFile {
    /// The header entry's fields (`Language`, `Content-Type`, ...), in file order.
    pub header: Vec<(String, String)>,
    /// Where the header's `msgstr` is (for errors about its fields).
    pub header_span: Range<usize>,
    /// Every entry but the header, in file order.
    pub entries: Vec<PoEntry>,
}

/// One entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PoEntry {
    pub msgctxt: Option<PoString>,
    pub msgid: PoString,
    pub msgstr: PoString,
    /// The `#,` flags: `fuzzy`, `icu-message-format`, ...
    pub flags: Vec<String>,
    /// `#| msgid`: the source text a fuzzy translation was made from.
    pub previous_msgid: Option<String>,
    /// `#. exported translation: <hash>`: the translation the file was exported with (see
    /// `EXPORTED_TRANSLATION`); `None` in a file from elsewhere.
    pub exported: Option<SourceHash>,
}

impl PoEntry {
    /// Whether the entry has the `fuzzy` flag (a translation to review).
    pub fn is_fuzzy(&self) -> bool {
        self.flags.iter().any(|f| f == "fuzzy")
    }
}

/// A string of an entry and the bytes of the file it was read from (the keyword through the
/// last continuation line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PoString {
    pub text: String,
    pub span: Range<usize>,
}

impl PoFile {
    /// A header field's value, by name (case-insensitive, as gettext reads them).
    pub fn header_field(&self, name: &str) -> Option<&str> {
        self.header
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Which string of an entry a line continues.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Msgctxt,
    Msgid,
    Msgstr,
    Previous,
}

#[derive(Default)]
struct Partial {
    entry: PoEntry,
    has_msgid: bool,
    has_msgstr: bool,
    started: Option<usize>,
}

/// Parses PO text; the errors point into `source` (byte spans) and say how to fix the file.
pub fn parse(source: &str) -> Result<PoFile, Vec<Diagnostic>> {
    let mut file = PoFile::default();
    let mut errors = Vec::new();
    let mut current = Partial::default();
    let mut field: Option<Field> = None;
    let mut offset = 0;
    let mut seen_header = false;
    let mut finish = |current: &mut Partial, file: &mut PoFile, errors: &mut Vec<Diagnostic>| {
        let partial = std::mem::take(current);
        let Some(start) = partial.started else {
            return;
        };
        if !partial.has_msgid || !partial.has_msgstr {
            errors.push(
                Diagnostic::error(
                    if partial.has_msgid {
                        "this entry has no `msgstr`"
                    } else {
                        "this entry has no `msgid`"
                    },
                    Some(start..start),
                )
                .with_label("the entry starts here")
                .with_help("an entry is `msgctxt \"...\"`, `msgid \"...\"` and `msgstr \"...\"`, in that order"),
            );
            return;
        }
        let entry = partial.entry;
        if entry.msgid.text.is_empty() && entry.msgctxt.is_none() && !seen_header {
            seen_header = true;
            file.header_span = entry.msgstr.span.clone();
            file.header = entry
                .msgstr
                .text
                .lines()
                .filter_map(|line| line.split_once(':'))
                .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
                .collect();
        } else {
            file.entries.push(entry);
        }
    };
    // A byte order mark (Windows editors write one) is not part of the first line.
    if source.starts_with('\u{FEFF}') {
        offset = '\u{FEFF}'.len_utf8();
    }
    for raw in source[offset..].split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let at = start + (line.len() - trimmed.len());
        let line_span = at..start + line.len();
        if trimmed.is_empty() {
            field = None;
            continue;
        }
        if trimmed.starts_with("#~") {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("#|") {
            if current.has_msgstr {
                finish(&mut current, &mut file, &mut errors);
            }
            current.started.get_or_insert(at);
            let rest = rest.trim_start();
            if let Some(value) = rest.strip_prefix("msgid ") {
                match string(value, line_span.end - value.len()) {
                    Ok(text) => {
                        current.entry.previous_msgid = Some(text);
                        field = Some(Field::Previous);
                    }
                    Err(e) => errors.push(*e),
                }
            } else if rest.starts_with('"') && field == Some(Field::Previous) {
                match string(rest, line_span.end - rest.len()) {
                    Ok(text) => current
                        .entry
                        .previous_msgid
                        .get_or_insert_default()
                        .push_str(&text),
                    Err(e) => errors.push(*e),
                }
            }
            // `#| msgctxt` and other previous strings: kept by the file, not needed here.
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('#') {
            if current.has_msgstr {
                finish(&mut current, &mut file, &mut errors);
            }
            current.started.get_or_insert(at);
            field = None;
            if let Some(hash) = rest
                .strip_prefix(". ")
                .and_then(|c| c.strip_prefix(EXPORTED_TRANSLATION))
            {
                current.entry.exported = SourceHash::parse(hash.trim());
            }
            if let Some(flags) = rest.strip_prefix(',') {
                current.entry.flags.extend(
                    flags
                        .split(',')
                        .map(str::trim)
                        .filter(|f| !f.is_empty())
                        .map(str::to_owned),
                );
            }
            continue;
        }
        if trimmed.starts_with('"') {
            let target = match field {
                Some(Field::Msgctxt) => current.entry.msgctxt.as_mut(),
                Some(Field::Msgid) => Some(&mut current.entry.msgid),
                Some(Field::Msgstr) => Some(&mut current.entry.msgstr),
                Some(Field::Previous) | None => None,
            };
            let Some(target) = target else {
                errors.push(
                    Diagnostic::error("a string that continues nothing", Some(line_span))
                        .with_label("no `msgid`, `msgstr` or `msgctxt` before it")
                        .with_help("a continuation line follows the `msgid`, `msgstr` or `msgctxt` it belongs to, with no blank line between"),
                );
                continue;
            };
            match string(trimmed, at) {
                Ok(text) => {
                    target.text.push_str(&text);
                    target.span.end = line_span.end;
                }
                Err(e) => errors.push(*e),
            }
            continue;
        }
        let (keyword, value) = trimmed
            .split_once([' ', '\t'])
            .map_or((trimmed, ""), |(k, v)| (k, v.trim_start()));
        let value_at = line_span.end - value.len();
        let parsed = |errors: &mut Vec<Diagnostic>| match string(value, value_at) {
            Ok(text) => Some(PoString {
                text,
                span: at..line_span.end,
            }),
            Err(e) => {
                errors.push(*e);
                None
            }
        };
        match keyword {
            "msgctxt" | "msgid" if current.has_msgstr => {
                finish(&mut current, &mut file, &mut errors);
            }
            _ => {}
        }
        match keyword {
            "msgctxt" => {
                current.started.get_or_insert(at);
                if let Some(s) = parsed(&mut errors) {
                    current.entry.msgctxt = Some(s);
                }
                field = Some(Field::Msgctxt);
            }
            "msgid" => {
                current.started.get_or_insert(at);
                if let Some(s) = parsed(&mut errors) {
                    current.entry.msgid = s;
                }
                current.has_msgid = true;
                field = Some(Field::Msgid);
            }
            "msgstr" => {
                current.started.get_or_insert(at);
                if !current.has_msgid {
                    errors.push(
                        Diagnostic::error("`msgstr` without a `msgid` before it", Some(line_span))
                            .with_help("an entry is `msgctxt \"...\"`, `msgid \"...\"` and `msgstr \"...\"`, in that order"),
                    );
                    field = None;
                    continue;
                }
                if let Some(s) = parsed(&mut errors) {
                    current.entry.msgstr = s;
                }
                current.has_msgstr = true;
                field = Some(Field::Msgstr);
            }
            "msgid_plural" => {
                errors.push(
                    Diagnostic::error("gettext plural entries are not used by this catalog", Some(line_span))
                        .with_label("`msgid_plural`")
                        .with_help("translate the plural forms inside the message's own `{n, plural, ...}` branches"),
                );
                field = None;
            }
            k if k.starts_with("msgstr[") => {
                errors.push(
                    Diagnostic::error("gettext plural entries are not used by this catalog", Some(line_span))
                        .with_label("`msgstr[n]`")
                        .with_help("translate the plural forms inside the message's own `{n, plural, ...}` branches"),
                );
                field = None;
            }
            _ => {
                errors.push(
                    Diagnostic::error(format!("`{keyword}` is not a PO keyword"), Some(at..at + keyword.len()))
                        .with_label("expected `msgctxt`, `msgid`, `msgstr`, a comment or a quoted string")
                        .with_help("check the file against a copy exported by `flux-codes l10n export`; an editor may have broken a line"),
                );
                field = None;
            }
        }
    }
    finish(&mut current, &mut file, &mut errors);
    if errors.is_empty() {
        Ok(file)
    } else {
        Err(errors)
    }
}

/// One quoted PO string with its C escapes; `at` is its offset in the file.
fn string(quoted: &str, at: usize) -> Result<String, Box<Diagnostic>> {
    let mut out = String::new();
    decode(quoted, at, &mut |_, c| out.push(c))?;
    Ok(out)
}

/// Decodes one quoted PO string, giving each character with the bytes it is written as (an
/// escape's from its backslash to its last digit).
fn decode(
    quoted: &str,
    at: usize,
    out: &mut dyn FnMut(Range<usize>, char),
) -> Result<(), Box<Diagnostic>> {
    let quoted = quoted.trim_end();
    let bad = |range: Range<usize>, message: &str, help: &str| {
        Box::new(
            Diagnostic::error(message.to_owned(), Some(at + range.start..at + range.end))
                .with_help(help.to_owned()),
        )
    };
    if !quoted.starts_with('"') {
        return Err(bad(
            0..quoted.len(),
            "expected a quoted string",
            "write the text between double quotes: `msgstr \"...\"`",
        ));
    }
    let mut chars = quoted.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                if i + 1 != quoted.len() {
                    return Err(bad(
                        i + 1..quoted.len(),
                        "text after the closing quote",
                        "escape a quote inside a string as `\\\"`",
                    ));
                }
                return Ok(());
            }
            '\\' => {
                let Some((j, e)) = chars.next() else {
                    break;
                };
                let decoded = match e {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'v' => '\u{b}',
                    '\\' | '"' | '\'' | '?' => e,
                    '0'..='7' => {
                        let mut value = e.to_digit(8).unwrap_or(0);
                        for _ in 0..2 {
                            match chars.peek() {
                                Some(&(_, d @ '0'..='7')) => {
                                    value = value * 8 + d.to_digit(8).unwrap_or(0);
                                    chars.next();
                                }
                                _ => break,
                            }
                        }
                        char::from_u32(value).unwrap_or('\u{FFFD}')
                    }
                    _ => {
                        return Err(bad(
                            i..j + e.len_utf8(),
                            &format!("unknown escape `\\{e}`"),
                            "write a backslash as `\\\\`; the escapes are \\n, \\t, \\\" and \\\\",
                        ));
                    }
                };
                let end = chars.peek().map_or(quoted.len(), |&(next, _)| next);
                out(at + i..at + end, decoded);
            }
            c => out(at + i..at + i + c.len_utf8(), c),
        }
    }
    Err(bad(
        0..quoted.len(),
        "the string is never closed",
        "end it with a double quote on the same line; continue a long text on the next line in a new pair of quotes",
    ))
}

impl PoString {
    /// Where each character of the string is written in `source` (the file it was read from):
    /// for locating a problem with one character at its line and column.
    pub fn located_chars(&self, source: &str) -> Vec<(usize, char)> {
        self.written_chars(source)
            .into_iter()
            .map(|(at, c)| (at.start, c))
            .collect()
    }

    /// The bytes of `source` each character of the string is written as, across continuation
    /// lines: a plain character's own bytes, an escape's whole spelling (`\"`, `\n`, `\303`).
    pub fn written_chars(&self, source: &str) -> Vec<(Range<usize>, char)> {
        let mut out = Vec::new();
        let Some(written) = source.get(self.span.clone()) else {
            return out;
        };
        let mut offset = self.span.start;
        for line in written.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            if let Some(quote) = content.find('"') {
                let _ = decode(&content[quote..], offset + quote, &mut |at, c| {
                    out.push((at, c))
                });
            }
            offset += line.len();
        }
        out
    }

    /// Where the characters `chars` (indices into the text's characters) are written in
    /// `source`: from the first one's first byte to the last one's last, on whichever lines they
    /// are; an empty range where the character at `chars.start` is (or after the last one).
    /// `None` when the text is not the one read from `source`.
    pub fn written_span(&self, source: &str, chars: Range<usize>) -> Option<Range<usize>> {
        let written = self.written_chars(source);
        if !self.text.chars().eq(written.iter().map(|(_, c)| *c)) || chars.end > written.len() {
            return None;
        }
        let after_last = written.last().map_or(self.span.end, |(at, _)| at.end);
        let start = written
            .get(chars.start)
            .map_or(after_last, |(at, _)| at.start);
        if chars.is_empty() {
            return Some(start..start);
        }
        Some(start..written[chars.end - 1].0.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"# comment
msgid ""
msgstr ""
"Language: pt_BR\n"
"Content-Type: text/plain; charset=UTF-8\n"

#. ERR_X: HTTP 410
#, fuzzy, icu-message-format
#| msgid "Old"
msgctxt "ERR_X.message"
msgid "New"
msgstr ""
"Linha \"um\"\n"
"dois"

#~ msgid "gone"
#~ msgstr "ido"
msgctxt "ERR_X.hint"
msgid "Hint"
msgstr "Dica"
"#;

    #[test]
    fn reads_header_entries_flags_and_previous() {
        let file = parse(FILE).unwrap();
        assert_eq!(file.header_field("language"), Some("pt_BR"));
        assert_eq!(file.entries.len(), 2);
        let first = &file.entries[0];
        assert_eq!(first.msgctxt.as_ref().unwrap().text, "ERR_X.message");
        assert_eq!(first.msgstr.text, "Linha \"um\"\ndois");
        assert!(first.is_fuzzy());
        assert_eq!(first.previous_msgid.as_deref(), Some("Old"));
        assert_eq!(
            &FILE[first.msgstr.span.clone()],
            "msgstr \"\"\n\"Linha \\\"um\\\"\\n\"\n\"dois\""
        );
        assert_eq!(file.entries[1].msgstr.text, "Dica");
        // `"um"` (characters 6..10 of the text) as written: from its escaped opening quote to
        // its escaped closing one; `dois` on the next line.
        let at = first.msgstr.written_span(FILE, 6..10).unwrap();
        assert_eq!(&FILE[at], "\\\"um\\\"");
        let at = first.msgstr.written_span(FILE, 10..13).unwrap();
        assert_eq!(&FILE[at], "\\n\"\n\"do");
        assert!(!file.entries[1].is_fuzzy());
    }

    #[test]
    fn locates_broken_strings() {
        let errors = parse("msgid \"a\"\nmsgstr \"b\n").unwrap_err();
        assert_eq!(errors[0].message, "the string is never closed");
        assert_eq!(errors[0].span, Some(17..19));
        let errors = parse("msgid \"a\"\nmsgstr \"\\q\"\n").unwrap_err();
        assert_eq!(errors[0].message, "unknown escape `\\q`");
        let errors = parse("msgid \"a\"\nmsgstr[0] \"b\"\n").unwrap_err();
        assert!(errors[0].message.contains("plural"));
        let errors = parse("msgid \"a\"\n\nmsgctxt \"b\"\n").unwrap_err();
        assert_eq!(errors[0].message, "this entry has no `msgstr`");
    }
}

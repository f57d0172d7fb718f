//! What a text may contain: translations come from outside the team, and their characters end
//! up in terminals, HTML pages, mobile resources and HTTP headers. One rule, used by the
//! validator (on `codes.toml`) and by `l10n import` (on PO files, before anything is applied):
//!
//! - **refused**: the bidirectional controls of "Trojan Source" (U+202A..U+202E,
//!   U+2066..U+2069) and the invisible bidi marks (U+200E, U+200F, U+061C); C0 controls but tab
//!   and line feed, DEL and the C1 controls (a carriage return, an escape sequence or a
//!   backspace rewrites what a terminal shows); invisible characters: U+200B ZERO WIDTH SPACE,
//!   U+2060..U+2064, U+FEFF, U+180E, U+FFF9..U+FFFB, the tag characters U+E0000..U+E007F;
//! - **refused unless joining**: U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER are
//!   part of the spelling of Persian, Arabic-script, Syriac, N'Ko, Indic, Sinhala, Myanmar,
//!   Khmer and Mongolian text, and U+200D of emoji sequences (👩‍💻): either is accepted
//!   between two characters of those scripts (ZWJ also between two emoji), refused elsewhere;
//! - **allowed per locale**: `[catalog] allowed_characters = { fa = ["U+200C"] }` lets one
//!   locale's texts use a refused character anywhere (validated: a locale of the catalog, and a
//!   character this rule refuses).
//!
//! Tab, line feed, U+2028/U+2029 and everything else are ordinary text: every export escapes
//! what its format needs.

use std::fmt;

/// Why a character is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// A bidirectional control or mark: it can reorder what a reader sees.
    Bidi,
    /// A control character: it can rewrite a terminal or break a file format.
    Control,
    /// A character that shows nothing.
    Invisible,
    /// A joiner outside the scripts and emoji sequences that use it.
    Joiner,
}

impl Refusal {
    /// What the class of character is, for a diagnostic.
    pub fn describe(self) -> &'static str {
        match self {
            Refusal::Bidi => {
                "a bidirectional control character, which can make a text display in another order than it reads (\"Trojan Source\")"
            }
            Refusal::Control => {
                "a control character, which can rewrite what a terminal shows or break an exported file"
            }
            Refusal::Invisible => "an invisible character",
            Refusal::Joiner => {
                "a zero-width joiner outside the scripts and emoji sequences that need one"
            }
        }
    }
}

/// A character by code point and name: `U+202E RIGHT-TO-LEFT OVERRIDE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CodePoint(pub char);

impl fmt::Display for CodePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "U+{:04X}", u32::from(self.0))?;
        match name(self.0) {
            Some(name) => write!(f, " {name}"),
            None => Ok(()),
        }
    }
}

/// Parses `U+200C` (the spelling of `allowed_characters`).
pub(crate) fn parse_code_point(text: &str) -> Option<char> {
    let hex = text.strip_prefix("U+")?;
    if !(4..=6).contains(&hex.len()) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(hex, 16).ok()?)
}

/// Whether `c` is refused on its own (a joiner's fate depends on its neighbours:
/// `first_refused`).
pub fn class(c: char) -> Option<Refusal> {
    match c {
        '\t' | '\n' => None,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Some(Refusal::Control),
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Some(Refusal::Bidi),
        '\u{200B}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{180E}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}' => Some(Refusal::Invisible),
        '\u{200C}' | '\u{200D}' => Some(Refusal::Joiner),
        _ => None,
    }
}

/// The first refused character of a text given as `(offset, char)` pairs (offsets are the
/// caller's: where each character is written in its file), with `allowed` the characters the
/// text's locale may use anyway. One text, one answer: the first offender.
pub(crate) fn first_refused(
    chars: &[(usize, char)],
    allowed: &[char],
) -> Option<(usize, char, Refusal)> {
    for (i, &(at, c)) in chars.iter().enumerate() {
        let Some(refusal) = class(c) else { continue };
        if allowed.contains(&c) {
            continue;
        }
        if refusal == Refusal::Joiner {
            let before = i.checked_sub(1).map(|j| chars[j].1);
            let after = chars.get(i + 1).map(|&(_, c)| c);
            if let (Some(before), Some(after)) = (before, after)
                && joins(c, before, after)
            {
                continue;
            }
        }
        return Some((at, c, refusal));
    }
    None
}

/// Whether a joiner between `before` and `after` is part of a spelling.
fn joins(joiner: char, before: char, after: char) -> bool {
    (uses_joiners(before) && uses_joiners(after))
        || (joiner == '\u{200D}' && is_emoji_part(before) && is_emoji_part(after))
}

/// Scripts whose spelling uses ZWNJ/ZWJ (Unicode's "joining" and Indic scripts).
fn uses_joiners(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}' // Arabic (Persian, Urdu, ...)
        | '\u{0700}'..='\u{074F}' // Syriac
        | '\u{0750}'..='\u{077F}' // Arabic Supplement
        | '\u{07C0}'..='\u{07FF}' // N'Ko
        | '\u{08A0}'..='\u{08FF}' // Arabic Extended-A
        | '\u{0900}'..='\u{0DFF}' // Devanagari .. Sinhala
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{1800}'..='\u{18AF}' // Mongolian
        | '\u{A8E0}'..='\u{A8FF}' // Devanagari Extended
        | '\u{FB50}'..='\u{FDFF}' // Arabic Presentation Forms-A
        | '\u{FE70}'..='\u{FEFE}' // Arabic Presentation Forms-B
    )
}

/// What an emoji ZWJ sequence is made of: pictographs (skin tones and gender signs among
/// them) and VS16.
fn is_emoji_part(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}'
        | '\u{2600}'..='\u{27BF}'
        | '\u{2300}'..='\u{23FF}'
        | '\u{2B00}'..='\u{2BFF}'
        | '\u{FE0F}'
    )
}

/// The Unicode names of the refused characters (and of the C0 controls by their usual names).
fn name(c: char) -> Option<&'static str> {
    const C0: [&str; 32] = [
        "NULL",
        "START OF HEADING",
        "START OF TEXT",
        "END OF TEXT",
        "END OF TRANSMISSION",
        "ENQUIRY",
        "ACKNOWLEDGE",
        "BELL",
        "BACKSPACE",
        "CHARACTER TABULATION",
        "LINE FEED",
        "LINE TABULATION",
        "FORM FEED",
        "CARRIAGE RETURN",
        "SHIFT OUT",
        "SHIFT IN",
        "DATA LINK ESCAPE",
        "DEVICE CONTROL ONE",
        "DEVICE CONTROL TWO",
        "DEVICE CONTROL THREE",
        "DEVICE CONTROL FOUR",
        "NEGATIVE ACKNOWLEDGE",
        "SYNCHRONOUS IDLE",
        "END OF TRANSMISSION BLOCK",
        "CANCEL",
        "END OF MEDIUM",
        "SUBSTITUTE",
        "ESCAPE",
        "INFORMATION SEPARATOR FOUR",
        "INFORMATION SEPARATOR THREE",
        "INFORMATION SEPARATOR TWO",
        "INFORMATION SEPARATOR ONE",
    ];
    Some(match c {
        '\u{0}'..='\u{1F}' => C0[c as usize],
        '\u{7F}' => "DELETE",
        '\u{85}' => "NEXT LINE",
        '\u{9B}' => "CONTROL SEQUENCE INTRODUCER",
        '\u{80}'..='\u{9F}' => "(C1 control)",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
        '\u{FFF9}' => "INTERLINEAR ANNOTATION ANCHOR",
        '\u{FFFA}' => "INTERLINEAR ANNOTATION SEPARATOR",
        '\u{FFFB}' => "INTERLINEAR ANNOTATION TERMINATOR",
        '\u{E0000}'..='\u{E007F}' => "(tag character)",
        _ => return None,
    })
}

/// Where each character of a TOML string literal is written: `raw` is the literal as it is in
/// the file (quotes included) and `at` its offset. An escape (`\u202E`) is located at its
/// backslash. `None` when `raw` is not a string literal.
pub(crate) fn toml_string_chars(raw: &str, at: usize) -> Option<Vec<(usize, char)>> {
    let (quote, basic) = if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with("'''") {
        (3, false)
    } else if raw.starts_with('"') {
        (1, true)
    } else if raw.starts_with('\'') {
        (1, false)
    } else {
        return None;
    };
    let body = raw.get(quote..raw.len().checked_sub(quote)?)?;
    let mut start = at + quote;
    let mut body = body;
    if quote == 3 {
        // A newline right after the opening delimiter is not part of the string.
        for newline in ["\r\n", "\n"] {
            if let Some(rest) = body.strip_prefix(newline) {
                start += newline.len();
                body = rest;
                break;
            }
        }
    }
    let mut out = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !basic || c != '\\' {
            out.push((start + i, c));
            continue;
        }
        let (_, e) = chars.next()?;
        let decoded = match e {
            'b' => '\u{8}',
            't' => '\t',
            'n' => '\n',
            'f' => '\u{c}',
            'r' => '\r',
            'e' => '\u{1b}',
            '"' => '"',
            '\\' => '\\',
            'x' | 'u' | 'U' => {
                let digits = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut value = 0u32;
                for _ in 0..digits {
                    let (_, d) = chars.next()?;
                    value = value * 16 + d.to_digit(16)?;
                }
                char::from_u32(value)?
            }
            c if c.is_whitespace() => {
                // A line-ending backslash: the whitespace and newlines after it are dropped.
                while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                    chars.next();
                }
                continue;
            }
            _ => return None,
        };
        out.push((start + i, decoded));
    }
    Some(out)
}

/// Where a byte range `at` of a decoded string `text` is written, given the file offset each of
/// its characters is written at (`located`, as [`toml_string_chars`] gives) and the offset just
/// after the last one (`end`): from the first character's offset to the next character's (an
/// escape spans its whole spelling). `None` when `located` does not list `text`'s characters or
/// `at` is not on their boundaries.
pub(crate) fn written_range(
    text: &str,
    located: &[(usize, char)],
    end: usize,
    at: std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    if at.start > at.end || !text.chars().eq(located.iter().map(|(_, c)| *c)) {
        return None;
    }
    let index = |byte: usize| {
        if byte == text.len() {
            return Some(located.len());
        }
        text.char_indices().position(|(i, _)| i == byte)
    };
    let written_at = |k: usize| located.get(k).map_or(end, |(offset, _)| *offset);
    let (first, last) = (index(at.start)?, index(at.end)?);
    Some(written_at(first)..written_at(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str, allowed: &[char]) -> Option<(usize, char, Refusal)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        first_refused(&chars, allowed)
    }

    #[test]
    fn refuses_each_class_and_names_the_first_offender() {
        assert_eq!(
            refused("a\u{202E}b\u{7}", &[]),
            Some((1, '\u{202E}', Refusal::Bidi))
        );
        assert_eq!(
            refused("x\u{1b}[2J", &[]),
            Some((1, '\u{1b}', Refusal::Control))
        );
        assert_eq!(refused("\r\n", &[]), Some((0, '\r', Refusal::Control)));
        assert_eq!(
            refused("a\u{FEFF}", &[]),
            Some((1, '\u{FEFF}', Refusal::Invisible))
        );
        assert_eq!(refused("tab\tand\nline\u{2028}", &[]), None);
        assert_eq!(refused("a\u{202E}", &['\u{202E}']), None);
        assert_eq!(
            CodePoint('\u{202E}').to_string(),
            "U+202E RIGHT-TO-LEFT OVERRIDE"
        );
        assert_eq!(CodePoint('\u{1b}').to_string(), "U+001B ESCAPE");
    }

    #[test]
    fn joiners_are_text_in_the_scripts_that_use_them() {
        // Persian: می‌خواهم (ZWNJ between two Arabic-script letters).
        assert_eq!(refused("می\u{200C}خواهم", &[]), None);
        // Devanagari: क्‍ष (ZWJ after a virama).
        assert_eq!(refused("क्\u{200D}ष", &[]), None);
        // An emoji sequence: woman technologist.
        assert_eq!(refused("👩\u{200D}💻", &[]), None);
        // Between Latin letters, at an edge, or ZWNJ between emoji: refused.
        assert_eq!(
            refused("ab\u{200D}cd", &[]),
            Some((2, '\u{200D}', Refusal::Joiner))
        );
        assert_eq!(
            refused("\u{200C}می", &[]),
            Some((0, '\u{200C}', Refusal::Joiner))
        );
        assert_eq!(
            refused("👩\u{200C}💻", &[]),
            Some((4, '\u{200C}', Refusal::Joiner))
        );
    }

    #[test]
    fn locates_characters_of_toml_literals() {
        let raw = r#""a\u202Eb""#;
        let chars = toml_string_chars(raw, 10).unwrap();
        assert_eq!(chars, [(11, 'a'), (12, '\u{202E}'), (18, 'b')]);
        let chars = toml_string_chars("'''\nx\\n'''", 0).unwrap();
        assert_eq!(chars, [(4, 'x'), (5, '\\'), (6, 'n')]);
        let chars = toml_string_chars("\"\"\"\na \\\n   b\"\"\"", 0).unwrap();
        assert_eq!(chars, [(4, 'a'), (5, ' '), (11, 'b')]);
        assert_eq!(parse_code_point("U+200C"), Some('\u{200C}'));
        assert_eq!(parse_code_point("U+D800"), None);
        // `{n}` of `a\"{n}` is written after a two-byte escape.
        let raw = r#""a\"{n}""#;
        let chars = toml_string_chars(raw, 0).unwrap();
        assert_eq!(
            written_range("a\"{n}", &chars, raw.len() - 1, 2..5),
            Some(4..7)
        );
        assert_eq!(
            written_range("a\"{n}", &chars, raw.len() - 1, 1..2),
            Some(2..4)
        );
        assert_eq!(written_range("other", &chars, raw.len() - 1, 0..1), None);
        assert_eq!(parse_code_point("200C"), None);
    }
}

//! Just enough of Rust's lexer to tell a string literal from everything else: where each string
//! literal's contents are, so the scanner can tell `"ERR_QR_EXPIRED"` (a hand-written code) from
//! the same word in a comment, a doc comment or a longer message.
//!
//! It knows comments (`//`, nested `/* */`), strings with escapes (`"..."`, `b"..."`, `c"..."`),
//! raw strings (`r"..."`, `r#"..."#`, `br`, `cr`), char literals (`'"'`, `'\''`) and lifetimes
//! (`'a`), which is what it takes not to lose track of where strings start and end. Anything it
//! does not know is skipped a byte at a time; malformed input never panics.

use std::ops::Range;

/// The byte ranges of the contents (between the quotes) of every string literal in `src`, in
/// source order.
pub fn string_contents(src: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < src.len() {
        match src[i] {
            b'/' if src.get(i + 1) == Some(&b'/') => i = line_end(src, i),
            b'/' if src.get(i + 1) == Some(&b'*') => i = block_comment_end(src, i),
            b'"' => i = quoted(src, i + 1, &mut out),
            b'\'' => i = char_or_lifetime_end(src, i),
            b if is_ident_byte(b) => {
                let start = i;
                while i < src.len() && is_ident_byte(src[i]) {
                    i += 1;
                }
                i = after_prefix(src, &src[start..i], i, &mut out);
            }
            _ => i += 1,
        }
    }
    out
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Where the line holding `i` ends (its newline, or the end of the source).
fn line_end(src: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &src[i..]).map_or(src.len(), |n| i + n)
}

/// Past the end of the (possibly nested) block comment that opens at `i`.
fn block_comment_end(src: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < src.len() {
        if src[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if src[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    src.len()
}

/// Reads the contents of a string with escapes starting at `start` (just past its `"`), records
/// them and returns the position past the closing quote.
fn quoted(src: &[u8], start: usize, out: &mut Vec<Range<usize>>) -> usize {
    let mut i = start;
    while i < src.len() {
        match src[i] {
            b'\\' => i += 2,
            b'"' => {
                out.push(start..i);
                return i + 1;
            }
            _ => i += 1,
        }
    }
    out.push(start..src.len());
    src.len()
}

/// `ident` (ending at `i`) may prefix a literal: `b"`, `c"`, `r"`, `r#"`, `br#"`, `cr"`. Reads
/// that literal if so and returns the position after it; otherwise returns `i`.
fn after_prefix(src: &[u8], ident: &[u8], i: usize, out: &mut Vec<Range<usize>>) -> usize {
    match ident {
        b"b" | b"c" if src.get(i) == Some(&b'"') => quoted(src, i + 1, out),
        b"r" | b"br" | b"cr" => {
            let hashes = src[i..].iter().take_while(|&&b| b == b'#').count();
            if src.get(i + hashes) != Some(&b'"') {
                return i; // a raw identifier (`r#match`) or an ordinary one
            }
            let start = i + hashes + 1;
            let mut close = Vec::with_capacity(hashes + 1);
            close.push(b'"');
            close.resize(hashes + 1, b'#');
            match memchr::memmem::find(&src[start..], &close) {
                Some(n) => {
                    out.push(start..start + n);
                    start + n + close.len()
                }
                None => {
                    out.push(start..src.len());
                    src.len()
                }
            }
        }
        _ => i,
    }
}

/// At a `'`: past a char literal (`'x'`, `'"'`, `'\''`, `'\u{1F600}'`, `'é'`), or past the quote
/// of a lifetime or label (`'a`, `'static`).
fn char_or_lifetime_end(src: &[u8], i: usize) -> usize {
    match src.get(i + 1) {
        Some(b'\\') => {
            // An escape: the literal ends at the next quote after the escaped character.
            let from = (i + 3).min(src.len());
            memchr::memchr(b'\'', &src[from..]).map_or(src.len(), |n| from + n + 1)
        }
        Some(&lead) => {
            let after = i + 1 + utf8_len(lead);
            if src.get(after) == Some(&b'\'') {
                after + 1
            } else {
                i + 1
            }
        }
        None => i + 1,
    }
}

/// The length of the UTF-8 sequence a lead byte starts (1 for anything malformed).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(src: &str) -> Vec<&str> {
        string_contents(src.as_bytes())
            .into_iter()
            .map(|r| &src[r])
            .collect()
    }

    #[test]
    fn finds_plain_byte_c_and_raw_strings() {
        assert_eq!(
            strings(
                r####"let a = "A"; let b = b"B"; let c = c"C"; let d = r"D\"; let e = r#"E "quoted" "#; let f = br##"F"#"##; let g = cr"G";"####
            ),
            ["A", "B", "C", r"D\", r#"E "quoted" "#, "F\"#", "G"]
        );
    }

    #[test]
    fn escapes_do_not_end_a_string() {
        assert_eq!(strings(r#"f("a\"b\\", "c")"#), [r#"a\"b\\"#, "c"]);
    }

    #[test]
    fn comments_hold_no_strings() {
        assert_eq!(
            strings("// \"not\"\n/* \"no\" /* \"nested\" */ \"still no\" */ \"yes\"\n/// \"doc\""),
            ["yes"]
        );
    }

    #[test]
    fn char_literals_and_lifetimes_do_not_open_strings() {
        assert_eq!(
            strings(
                r#"fn f<'a>(x: &'a str) -> char { let q = '"'; let e = '\''; let u = '\u{22}'; let é = 'é'; let b = b'"'; 'outer: loop {} "s" }"#
            ),
            ["s"]
        );
    }

    #[test]
    fn raw_identifiers_and_prefix_like_names_are_not_strings() {
        assert_eq!(strings(r#"let r#match = br; let bar = "x"; r#type"#), ["x"]);
    }

    #[test]
    fn unterminated_input_ends_at_the_end() {
        assert_eq!(strings("\"open"), ["open"]);
        assert_eq!(strings("r#\"open"), ["open"]);
        assert_eq!(strings("/* open \"x\""), Vec::<&str>::new());
        assert_eq!(strings("'"), Vec::<&str>::new());
        assert_eq!(strings("'\\"), Vec::<&str>::new());
    }
}

//! What generated catalog code needs at run time besides `flux-codes-core` and the params check
//! (`message.rs`): the parse error type, the text tables and the serde glue. Generated code
//! reaches it through [`crate::__private`].

use core::fmt;

/// A string that is not a code, locale or category of the catalog.
///
/// It keeps what was given (at most [`ParseError::MAX_KEPT`] bytes of it) for the error
/// message, inline: building one never allocates, so a failed `parse()` costs no more heap than
/// a successful one, and a hostile input costs bounded memory. The bound is small and the copy
/// is a few word moves, so a failed parse costs little more than the lookup itself.
#[derive(Clone, PartialEq, Eq)]
pub struct ParseError {
    kind: ParseErrorKind,
    len: u8,
    truncated: bool,
    given: [u8; ParseError::MAX_KEPT],
}

impl ParseError {
    /// How many bytes of the input an error keeps (the message shows fewer when the cut falls
    /// inside a character).
    pub const MAX_KEPT: usize = 32;

    #[doc(hidden)]
    #[inline]
    pub fn new(kind: ParseErrorKind, given: &str) -> Self {
        let bytes = given.as_bytes();
        let kept = &bytes[..bytes.len().min(Self::MAX_KEPT)];
        ParseError {
            kind,
            len: kept.len() as u8,
            truncated: kept.len() < bytes.len(),
            given: copy_short(kept),
        }
    }

    /// What was being parsed.
    pub fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// The input (its first [`ParseError::MAX_KEPT`] bytes, cut at a character boundary).
    pub fn given(&self) -> &str {
        let kept = &self.given[..usize::from(self.len)];
        // A prefix of a `str`: UTF-8 up to a character the cut may have split.
        match core::str::from_utf8(kept) {
            Ok(s) => s,
            Err(e) => core::str::from_utf8(&kept[..e.valid_up_to()]).unwrap_or_default(),
        }
    }
}

/// `src` (at most [`ParseError::MAX_KEPT`] bytes) at the start of a zeroed buffer, copied as a
/// few whole words, the last overlapping the ones before it (no byte loop, no `memcpy` call).
#[inline]
fn copy_short(src: &[u8]) -> [u8; ParseError::MAX_KEPT] {
    let mut dst = [0u8; ParseError::MAX_KEPT];
    let n = src.len();
    if n >= 8 {
        let mut at = 0;
        while at + 8 < n {
            dst[at..at + 8].copy_from_slice(&src[at..at + 8]);
            at += 8;
        }
        dst[n - 8..n].copy_from_slice(&src[n - 8..n]);
    } else if n >= 4 {
        dst[..4].copy_from_slice(&src[..4]);
        dst[n - 4..n].copy_from_slice(&src[n - 4..n]);
    } else {
        for (d, s) in dst.iter_mut().zip(src) {
            *d = *s;
        }
    }
    dst
}

impl fmt::Debug for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParseError")
            .field("kind", &self.kind)
            .field("given", &self.given())
            .field("truncated", &self.truncated)
            .finish()
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let more = if self.truncated { "..." } else { "" };
        write!(
            f,
            "unknown {} `{}{more}`",
            self.kind.as_str(),
            self.given().escape_debug()
        )
    }
}

impl std::error::Error for ParseError {}

/// What a [`ParseError`] failed to parse: which of the catalog's string enums.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// An `ErrorCode` wire string.
    ErrorCode,
    /// A `Locale` tag.
    Locale,
    /// A `Category` key.
    Category,
}

impl ParseErrorKind {
    /// The words error messages use: `"error code"`, `"locale"` or `"category"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ParseErrorKind::ErrorCode => "error code",
            ParseErrorKind::Locale => "locale",
            ParseErrorKind::Category => "category",
        }
    }
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A per-code (or per-category) text of a generated catalog: every entry's text stored end to
/// end in one string, entry `i` being `text[at[i]..at[i + 1]]`.
///
/// One string and a `u32` array per table is what keeps a large catalog cheap to compile: an
/// array of `&str` gives the compiler one constant, with a lifetime to check, per entry. An
/// empty entry stands for "none" in an optional table (a catalog text is never empty).
#[derive(Clone, Copy, Debug)]
pub struct TextTable {
    text: &'static str,
    at: &'static [u32],
}

impl TextTable {
    /// The table of `text` cut at the byte offsets `at` (`entries + 1` of them, ascending, on
    /// character boundaries, the first 0 and the last `text.len()`).
    pub const fn new(text: &'static str, at: &'static [u32]) -> Self {
        TextTable { text, at }
    }

    /// Entry `index`.
    #[inline]
    pub const fn get(&self, index: usize) -> &'static str {
        let (head, _) = self.text.split_at(self.at[index + 1] as usize);
        head.split_at(self.at[index] as usize).1
    }

    /// Entry `index` of an optional table: `None` when it is empty.
    #[inline]
    pub const fn get_opt(&self, index: usize) -> Option<&'static str> {
        let text = self.get(index);
        if text.is_empty() { None } else { Some(text) }
    }
}

/// A per-code list of a generated catalog (a detail's param names, or their kinds): every
/// code's list stored end to end in one slice, code `i`'s being `items[at[i]..at[i + 1]]`.
#[derive(Debug)]
pub struct ListTable<T: 'static = &'static str> {
    items: &'static [T],
    at: &'static [u32],
}

impl<T> Clone for ListTable<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for ListTable<T> {}

impl<T> ListTable<T> {
    /// The table of `items` cut at the offsets `at` (`entries + 1` of them, ascending, the
    /// first 0 and the last `items.len()`).
    pub const fn new(items: &'static [T], at: &'static [u32]) -> Self {
        ListTable { items, at }
    }

    /// Entry `index`.
    #[inline]
    pub const fn get(&self, index: usize) -> &'static [T] {
        let (head, _) = self.items.split_at(self.at[index + 1] as usize);
        head.split_at(self.at[index] as usize).1
    }
}

/// Deserializes a string-valued catalog enum through its exact parser.
pub fn deserialize_str<'de, D, T>(
    deserializer: D,
    kind: ParseErrorKind,
    parse: fn(&str) -> Option<T>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Visitor<T> {
        kind: ParseErrorKind,
        parse: fn(&str) -> Option<T>,
    }
    impl<T> serde::de::Visitor<'_> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a known {} string", self.kind)
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
            (self.parse)(s).ok_or_else(|| E::custom(ParseError::new(self.kind, s)))
        }
    }
    deserializer.deserialize_str(Visitor { kind, parse })
}

#[cfg(test)]
mod tests {
    #[test]
    fn parse_error_keeps_a_prefix_at_a_char_boundary() {
        use super::{ParseError, ParseErrorKind};
        let e = ParseError::new(ParseErrorKind::ErrorCode, "ERR_NOPE");
        assert_eq!(
            (e.kind(), e.given()),
            (ParseErrorKind::ErrorCode, "ERR_NOPE")
        );
        assert_eq!(e.to_string(), "unknown error code `ERR_NOPE`");
        let long = format!("{}é", "A".repeat(31));
        let e = ParseError::new(ParseErrorKind::ErrorCode, &long);
        assert_eq!(e.given(), "A".repeat(31));
        assert!(e.to_string().ends_with("...`"));
    }

    #[test]
    fn parse_error_keeps_every_length_exactly() {
        use super::{ParseError, ParseErrorKind};
        let text: String = ('a'..='z').chain('A'..='Z').collect();
        for n in 0..=text.len() {
            let e = ParseError::new(ParseErrorKind::Locale, &text[..n]);
            let kept = n.min(ParseError::MAX_KEPT);
            assert_eq!(e.given(), &text[..kept], "length {n}");
            assert_eq!(e.to_string().ends_with("...`"), n > kept, "length {n}");
        }
    }
}

//! What generated catalog code needs at run time besides `flux-codes-core` and the params check
//! (`message.rs`): the parse error type, the text tables and the serde glue. Generated code
//! reaches it through [`crate::__private`].

use core::fmt;

/// A string that is not a code, locale or category of the catalog: which of them was being
/// parsed.
///
/// It keeps no copy of the input (as strum's `ParseError::VariantNotFound` keeps none): a
/// `Result<ErrorCode, ParseError>` is then as small as the code itself, returned in a register,
/// so `"...".parse::<ErrorCode>()` costs what the lookup costs, on a hit and on a miss
/// (BENCHMARKS.md, `FromStr` at 17 codes), and never allocates. The caller holds the string it
/// parsed; serde's errors, which have no other way to show it, name it (see
/// `deserialize_str`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ParseError {
    kind: ParseErrorKind,
}

impl ParseError {
    #[doc(hidden)]
    #[inline]
    pub const fn new(kind: ParseErrorKind) -> Self {
        ParseError { kind }
    }

    /// What was being parsed.
    pub fn kind(&self) -> ParseErrorKind {
        self.kind
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {}", self.kind.as_str())
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
            (self.parse)(s).ok_or_else(|| {
                E::custom(Rejected {
                    kind: self.kind,
                    given: s,
                })
            })
        }
    }
    deserializer.deserialize_str(Visitor { kind, parse })
}

/// A rejected string in a serde error: `unknown error code `ERR_NOPE``, at most
/// [`Rejected::MAX_SHOWN`] bytes of it (cut at a character boundary, then `...`), escaped.
struct Rejected<'a> {
    kind: ParseErrorKind,
    given: &'a str,
}

impl Rejected<'_> {
    const MAX_SHOWN: usize = 32;
}

impl fmt::Display for Rejected<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = char_prefix(self.given, Self::MAX_SHOWN);
        let more = if shown.len() < self.given.len() {
            "..."
        } else {
            ""
        };
        write!(
            f,
            "unknown {} `{}{more}`",
            self.kind.as_str(),
            shown.escape_debug()
        )
    }
}

/// At most `max` bytes of `s`, cut at a character boundary.
pub(crate) fn char_prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_serde_error_shows_a_bounded_prefix_at_a_char_boundary() {
        use super::{ParseErrorKind, Rejected};
        let shown = |given: &str| {
            Rejected {
                kind: ParseErrorKind::ErrorCode,
                given,
            }
            .to_string()
        };
        assert_eq!(shown("ERR_NOPE"), "unknown error code `ERR_NOPE`");
        let long = format!("{}é", "A".repeat(31));
        assert_eq!(
            shown(&long),
            format!("unknown error code `{}...`", "A".repeat(31))
        );
        assert_eq!(shown("a\nb"), "unknown error code `a\\nb`");
    }

    #[test]
    fn a_serde_error_shows_every_length_up_to_the_bound() {
        use super::{ParseErrorKind, Rejected};
        let text: String = ('a'..='z').chain('A'..='Z').collect();
        for n in 0..=text.len() {
            let shown = Rejected {
                kind: ParseErrorKind::Locale,
                given: &text[..n],
            }
            .to_string();
            let kept = n.min(Rejected::MAX_SHOWN);
            let more = if n > kept { "..." } else { "" };
            assert_eq!(
                shown,
                format!("unknown locale `{}{more}`", &text[..kept]),
                "length {n}"
            );
        }
    }
}

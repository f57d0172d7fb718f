//! What generated catalog code needs at run time: template rendering, the parse error type and
//! the serde glue. Generated code reaches it through [`crate::__private`].

use core::fmt;

/// A string that is not a code, locale or category of the catalog.
///
/// It keeps what was given (at most [`ParseError::MAX_KEPT`] bytes of it, cut at a character
/// boundary) for the error message, inline: building one never allocates, so a failed
/// `parse()` costs no more heap than a successful one, and a hostile input costs bounded memory.
#[derive(Clone, PartialEq, Eq)]
pub struct ParseError {
    kind: ParseErrorKind,
    given: [u8; ParseError::MAX_KEPT],
    len: u8,
    truncated: bool,
}

impl ParseError {
    /// How many bytes of the input an error keeps.
    pub const MAX_KEPT: usize = 64;

    #[doc(hidden)]
    pub fn new(kind: ParseErrorKind, given: &str) -> Self {
        let mut end = given.len().min(Self::MAX_KEPT);
        while !given.is_char_boundary(end) {
            end -= 1;
        }
        let mut kept = [0u8; Self::MAX_KEPT];
        kept[..end].copy_from_slice(&given.as_bytes()[..end]);
        ParseError {
            kind,
            given: kept,
            len: end as u8,
            truncated: end < given.len(),
        }
    }

    /// What was being parsed.
    pub fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// The input (its first [`ParseError::MAX_KEPT`] bytes).
    pub fn given(&self) -> &str {
        // Cut at a character boundary of a `str`, so always UTF-8.
        core::str::from_utf8(&self.given[..usize::from(self.len)]).unwrap_or_default()
    }
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

/// Fills a detail template: `{name}` from `args`, `{{` and `}}` as literal braces. A
/// placeholder without an argument stays visible; a stray brace is kept as is.
pub fn render_template(template: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    use fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let Some(name) = tail
            .strip_prefix('{')
            .and_then(|t| t.split_once('}'))
            .map(|(n, _)| n)
        {
            match args.iter().find(|(key, _)| *key == name) {
                Some((_, value)) => {
                    let _ = write!(out, "{value}");
                }
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
            rest = &tail[name.len() + 2..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
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
    use super::render_template;

    #[test]
    fn fills_escapes_and_keeps_missing() {
        let amount = "500.00";
        assert_eq!(
            render_template("max {a} {{x}} {b}", &[("a", &amount)]),
            "max 500.00 {x} {b}"
        );
        assert_eq!(render_template("stray } and {", &[]), "stray } and {");
    }

    #[test]
    fn parse_error_keeps_a_prefix_at_a_char_boundary() {
        use super::{ParseError, ParseErrorKind};
        let e = ParseError::new(ParseErrorKind::ErrorCode, "ERR_NOPE");
        assert_eq!(
            (e.kind(), e.given()),
            (ParseErrorKind::ErrorCode, "ERR_NOPE")
        );
        assert_eq!(e.to_string(), "unknown error code `ERR_NOPE`");
        let long = format!("{}é", "A".repeat(63));
        let e = ParseError::new(ParseErrorKind::ErrorCode, &long);
        assert_eq!(e.given(), "A".repeat(63));
        assert!(e.to_string().ends_with("...`"));
    }
}

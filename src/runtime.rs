//! What generated catalog code needs at run time: template rendering, the parse error type and
//! the serde glue. Generated code reaches it through [`crate::__private`].

use core::fmt;

/// A string that is not a code, locale or category of the catalog.
///
/// It keeps what was given (at most [`ParseError::MAX_KEPT`] bytes of it, so a hostile input
/// costs bounded memory) for the error message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    kind: &'static str,
    given: String,
    truncated: bool,
}

impl ParseError {
    /// How many bytes of the input an error keeps.
    pub const MAX_KEPT: usize = 64;

    #[doc(hidden)]
    pub fn new(kind: &'static str, given: &str) -> Self {
        let mut end = given.len().min(Self::MAX_KEPT);
        while !given.is_char_boundary(end) {
            end -= 1;
        }
        ParseError {
            kind,
            given: given[..end].to_owned(),
            truncated: end < given.len(),
        }
    }

    /// What was being parsed: `"error code"`, `"locale"` or `"category"`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The input (its first [`ParseError::MAX_KEPT`] bytes).
    pub fn given(&self) -> &str {
        &self.given
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let more = if self.truncated { "..." } else { "" };
        write!(
            f,
            "unknown {} `{}{more}`",
            self.kind,
            self.given.escape_debug()
        )
    }
}

impl std::error::Error for ParseError {}

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
    kind: &'static str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Visitor<T> {
        kind: &'static str,
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
}

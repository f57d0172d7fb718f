//! Detail templates: literal text with `{name}` placeholders and `{{` / `}}` for literal braces.

use std::ops::Range;

/// One piece of a parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(String),
    Param(&'a str),
}

/// Why a template does not parse; `at` is a byte range within the template text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    pub at: Range<usize>,
    pub message: String,
    pub help: String,
}

/// Parses a template into literal text and placeholders.
pub fn parse(text: &str) -> Result<Vec<Piece<'_>>, TemplateError> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = text.char_indices().peekable();
    while let Some((i, c)) = rest.next() {
        match c {
            '{' if rest.peek().map(|&(_, c)| c) == Some('{') => {
                rest.next();
                literal.push('{');
            }
            '}' if rest.peek().map(|&(_, c)| c) == Some('}') => {
                rest.next();
                literal.push('}');
            }
            '{' => {
                let Some(close) = text[i + 1..].find(['}', '{']).map(|j| i + 1 + j) else {
                    return Err(unbalanced(i..text.len(), "`{` is never closed"));
                };
                if text.as_bytes()[close] == b'{' {
                    return Err(unbalanced(i..close, "`{` is never closed"));
                }
                let name = &text[i + 1..close];
                if !is_param_name(name) {
                    return Err(TemplateError {
                        at: i..close + 1,
                        message: format!("`{{{name}}}` is not a valid placeholder"),
                        help: "a placeholder is `{name}` with a lowercase snake_case name; write `{{` or `}}` for a literal brace".into(),
                    });
                }
                if !literal.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut literal)));
                }
                pieces.push(Piece::Param(name));
                while rest.peek().is_some_and(|&(j, _)| j <= close) {
                    rest.next();
                }
            }
            '}' => return Err(unbalanced(i..i + 1, "`}` has no matching `{`")),
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    Ok(pieces)
}

/// The placeholders of a parsed template, in order of first use, without repeats.
pub fn placeholders<'a>(pieces: &[Piece<'a>]) -> Vec<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    for piece in pieces {
        if let Piece::Param(name) = piece
            && !names.contains(name)
        {
            names.push(name);
        }
    }
    names
}

fn is_param_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'_'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'))
}

fn unbalanced(at: Range<usize>, message: &str) -> TemplateError {
    TemplateError {
        at,
        message: format!("unbalanced braces: {message}"),
        help: "close the placeholder as `{name}`, or write `{{` and `}}` for literal braces".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_and_placeholders() {
        let pieces = parse("max {max_amount} in {{braces}}").unwrap();
        assert_eq!(
            pieces,
            vec![
                Piece::Text("max ".into()),
                Piece::Param("max_amount"),
                Piece::Text(" in {braces}".into()),
            ]
        );
        assert_eq!(placeholders(&pieces), vec!["max_amount"]);
    }

    #[test]
    fn rejects_unbalanced_braces() {
        assert_eq!(parse("a {x").unwrap_err().at, 2..4);
        assert_eq!(parse("a } b").unwrap_err().at, 2..3);
        assert!(parse("{Bad Name}").is_err());
        assert!(parse("{}").is_err());
    }
}

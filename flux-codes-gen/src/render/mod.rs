//! Renderers: one file per output format, each a function of the [`crate::Catalog`].

pub mod html;
pub mod markdown;
pub mod page_text;
pub mod rust;

use crate::Catalog;

/// An HTTP status with its reason phrase from the IANA registry: `410 Gone`.
pub fn status_line(status: u16) -> String {
    match http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

/// A piece of free text (a deprecation note): plain text, or a code of the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mention<'a> {
    Text(&'a str),
    Code(&'a str),
}

/// Splits `text` at the catalog's code strings it names (whole words), so a page can link the
/// replacement a deprecation note points to.
pub fn mentions<'a>(catalog: &Catalog, text: &'a str) -> Vec<Mention<'a>> {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut pieces = Vec::new();
    let mut text_start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some((i, c)) = chars.next_if(|&(_, c)| is_word_char(c)) {
            end = i + c.len_utf8();
        }
        let word = &text[start..end];
        if catalog.codes.iter().any(|code| code.code == word) {
            if text_start < start {
                pieces.push(Mention::Text(&text[text_start..start]));
            }
            pieces.push(Mention::Code(word));
            text_start = end;
        }
    }
    if text_start < text.len() {
        pieces.push(Mention::Text(&text[text_start..]));
    }
    pieces
}

/// Escapes text for Markdown (rustdoc, docs pages): inline markup, HTML and table pipes become
/// literal characters, and newlines become spaces so a text stays on its line or table row.
/// Braces are escaped too, so MDX-based docs sites read them as text, not expressions.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '{' | '}' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

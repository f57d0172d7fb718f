//! Renderers: one file per output format, each a function of the [`crate::Catalog`].

pub mod rust;
mod rust_flux_error;

/// Escapes text for Markdown (rustdoc, docs pages): inline markup, HTML and table pipes become
/// literal characters, and newlines become spaces so a text stays on its line or table row.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
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

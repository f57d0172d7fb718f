//! Markdown: the error-code page a docs site publishes, one per locale (CommonMark with GFM
//! tables): an introduction to the status codes, then a table per category.
//!
//! Every catalog text goes through `escape_markdown`, so it stays plain text in its cell. The
//! only HTML on the page is an empty `<a id="CODE"></a>` before each code: the anchor that
//! `docs_url` points at. Heading slugs differ from one Markdown renderer to the next (and most
//! lowercase them); an `id` is the code string exactly, everywhere.

use std::fmt::Write as _;

use crate::model::{Catalog, CodeSpec, Message, Param};
use crate::render::page_text::{Columns, PageText, PageVars, Segment, page_text};
use crate::render::{Mention, OutlinePiece, escape_markdown, mentions, outline, param_summary};
use flux_codes_core::http::status_line;

/// The page for the catalog locale at `locale` (an index into [`Catalog::locales`]).
pub fn render_markdown(catalog: &Catalog, locale: usize) -> String {
    let text = page_text(&catalog.locales[locale]);
    let vars = PageVars::new(catalog);
    let fixed = |fixed: &str| inline(&vars.segments(fixed));
    let mut out = String::new();
    let _ = write!(
        out,
        "# {}\n\n{}\n\n- `2xx`: {}\n- `4xx`: {}\n- `5xx`: {}\n\n{}\n\n{}",
        fixed(text.title),
        fixed(text.intro),
        fixed(text.status_2xx),
        fixed(text.status_4xx),
        fixed(text.status_5xx),
        fixed(text.match_on_code),
        fixed(text.retryable),
    );
    let retryable: Vec<String> = catalog
        .codes
        .iter()
        .filter(|c| c.retryable)
        .map(|c| code_link(&c.code))
        .collect();
    if retryable.is_empty() {
        let _ = write!(out, " {}\n\n", fixed(text.none_retryable));
    } else {
        let _ = write!(
            out,
            " {} {}.\n\n",
            fixed(text.retryable_codes),
            retryable.join(", ")
        );
    }
    if vars.has_param() {
        let _ = write!(out, "{}\n\n", fixed(text.placeholders));
    }
    if vars.has_version() {
        let _ = write!(out, "{}\n\n", fixed(text.version));
    }
    for (index, category) in catalog.categories.iter().enumerate() {
        let codes: Vec<&CodeSpec> = catalog.codes_in(index).collect();
        if codes.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "## {}\n\n| {} |\n|{}\n",
            escape_markdown(&category.title[locale]),
            text.columns.all().map(escape_markdown).join(" | "),
            "---|".repeat(Columns::COUNT),
        );
        for code in codes {
            out.push_str(&row(catalog, code, locale, text));
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn row(catalog: &Catalog, code: &CodeSpec, locale: usize, text: &PageText) -> String {
    let name = if code.deprecated.is_some() {
        format!("~~`{}`~~", code.code)
    } else {
        format!("`{}`", code.code)
    };
    let mut message = String::new();
    if let Some(note) = &code.deprecated {
        let _ = write!(
            message,
            "**{}** {} ",
            escape_markdown(text.deprecated),
            note_markdown(catalog, note)
        );
    }
    message.push_str(&escape_markdown(&code.message[locale]));
    let detail = code
        .detail
        .as_ref()
        .map_or_else(String::new, |d| detail_markdown(&d[locale], &code.params));
    let hint = code
        .hint
        .as_ref()
        .map_or_else(String::new, |h| escape_markdown(&h[locale]));
    let cells = [
        format!("<a id=\"{}\"></a>{name}", code.code),
        status_line(code.status),
        format!("`{}`", code.grpc),
        escape_markdown(if code.retryable { text.yes } else { text.no }),
        message,
        detail,
        hint,
    ];
    format!("| {} |\n", cells.join(" | "))
}

/// A detail with its arguments shown as code (``The maximum is `{max_amount, number}`.``),
/// each plural or select option on a line of its own (`<br>`, the one way to break a line in a
/// table cell), then its params with their types.
fn detail_markdown(message: &Message, params: &[Param]) -> String {
    let mut out = String::new();
    for line in outline(message) {
        if line.depth > 0 {
            out.push_str("<br>");
            out.push_str(&"&emsp;".repeat(line.depth - 1));
        }
        if let Some(key) = line.key {
            let _ = write!(out, "{}: ", code_span(key));
        }
        for piece in &line.pieces {
            match piece {
                OutlinePiece::Text(text) => out.push_str(&escape_markdown(text)),
                OutlinePiece::Arg(arg) => out.push_str(&code_span(arg)),
                OutlinePiece::Pound => out.push_str("`#`"),
            }
        }
    }
    if !params.is_empty() {
        let list: Vec<String> = params
            .iter()
            .map(|p| code_span(&param_summary(p)))
            .collect();
        let _ = write!(out, "<br>{}", list.join(", "));
    }
    out
}

/// A deprecation note, with the codes it names linked to their rows.
fn note_markdown(catalog: &Catalog, note: &str) -> String {
    mentions(catalog, note)
        .into_iter()
        .map(|piece| match piece {
            Mention::Text(text) => escape_markdown(text),
            Mention::Code(code) => code_link(code),
        })
        .collect()
}

fn code_link(code: &str) -> String {
    format!("[`{code}`](#{code})")
}

/// Fixed text as inline Markdown.
fn inline(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|segment| match segment {
            Segment::Text(text) => escape_markdown(text),
            Segment::Code(code) => code_span(code),
        })
        .collect()
}

/// A code span holding `text` exactly, whatever backticks it contains.
fn code_span(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", text.replace('\n', " "))
}

//! i18next resources: `i18n/<locale>.json`, one file per locale, nested by code:
//! `{ "ERR_X": { "message": "...", "detail": "... {{max_amount}} ...", "hint": "..." } }`.
//!
//! A frontend loads a file as the `translation` namespace of its locale and shows an error
//! with `t("ERR_X.message")` and `t("ERR_X.detail", params)`. Detail placeholders `{name}`
//! become i18next's `{{name}}`, and the catalog's literal braces `{{` / `}}` become single
//! braces, so i18next renders a detail exactly as `ErrorCode::detail` does.
//!
//! i18next has no escape for its own syntax: it reads `{{` as the start of a placeholder and
//! `$t(` as a nested translation anywhere in a text. Validation therefore rejects the texts
//! i18next would misread ([`misread_at`]), and every other text passes through unchanged.

#[cfg(feature = "exports")]
use indexmap::IndexMap;
#[cfg(feature = "exports")]
use serde::Serialize;

#[cfg(feature = "exports")]
use crate::model::Catalog;
#[cfg(feature = "exports")]
use crate::render::{Artifact, to_json};
use crate::template::{self, Piece};

#[cfg(feature = "exports")]
/// One code's texts in one locale.
#[derive(Serialize)]
struct Entry<'a> {
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
}

#[cfg(feature = "exports")]
/// One file per locale, in the order of `catalog.locales`.
pub fn render_i18next(catalog: &Catalog) -> Vec<Artifact> {
    (0..catalog.locales.len())
        .map(|locale| {
            let path = format!("{}.json", catalog.locales[locale]);
            Artifact::new(path, to_json(&resources(catalog, locale)))
        })
        .collect()
}

#[cfg(feature = "exports")]
fn resources(catalog: &Catalog, locale: usize) -> IndexMap<&str, Entry<'_>> {
    catalog
        .codes
        .iter()
        .map(|code| {
            let entry = Entry {
                message: &code.message[locale],
                detail: code.detail.as_ref().map(|d| i18next_template(&d[locale])),
                hint: code.hint.as_ref().map(|h| h[locale].as_str()),
            };
            (code.code.as_str(), entry)
        })
        .collect()
}

/// A detail template in i18next syntax: `{name}` -> `{{name}}`, `{{` -> `{`, `}}` -> `}`.
pub fn i18next_template(detail: &str) -> String {
    let pieces = template::parse(detail).expect("a validated catalog has valid templates");
    let mut out = String::with_capacity(detail.len() + 8);
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(&text),
            Piece::Param(name) => {
                out.push_str("{{");
                out.push_str(name);
                out.push_str("}}");
            }
        }
    }
    out
}

/// Where i18next would misread a text of the catalog, if anywhere: the byte offset in `text`
/// and the sequence found there. In a fixed text (message, hint, title) that is `{{` or `$t(`;
/// in a detail template, `$t(` or `{{{` (a literal brace `{{` before another brace, which
/// becomes `{{` in i18next syntax).
pub fn misread_at(text: &str, template: bool) -> Option<(usize, &'static str)> {
    let braces = if template { "{{{" } else { "{{" };
    [braces, "$t("]
        .into_iter()
        .filter_map(|seq| text.find(seq).map(|at| (at, seq)))
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_placeholders_and_literal_braces() {
        assert_eq!(i18next_template("max {max_amount}."), "max {{max_amount}}.");
        assert_eq!(
            i18next_template("{{x}} {{ {a} }} {a}}}"),
            "{x} { {{a}} } {{a}}}"
        );
    }

    #[test]
    fn finds_what_i18next_would_misread() {
        assert_eq!(misread_at("a {{b}}", false), Some((2, "{{")));
        assert_eq!(misread_at("a {{b}}", true), None);
        assert_eq!(misread_at("a {{{b}", true), Some((2, "{{{")));
        assert_eq!(misread_at("see $t(x) and {{{{", true), Some((4, "$t(")));
        assert_eq!(misread_at("{ single } braces, $ t(", false), None);
    }
}

//! i18next resources: `i18n/<locale>.json`, one file per locale, nested by code:
//! `{ "ERR_X": { "message": "...", "detail": "... {max_amount, number} ...", "hint": "..." } }`,
//! for i18next with the `i18next-icu` plugin.
//!
//! Every text is an ICU MessageFormat message, as `i18next-icu` (through `intl-messageformat`)
//! reads it: a detail is its catalog text unchanged (the catalog's details are ICU messages
//! already), and a fixed text (message, hint) is quoted so that it renders as written, braces
//! and apostrophes included. With `i18next-icu`, i18next applies neither its own `{{...}}`
//! interpolation nor `$t(...)` nesting, so no text can be misread.
//!
//! A frontend loads a file as the `translation` namespace of its locale and shows an error with
//! `t("ERR_X.message")` and `t("ERR_X.detail", params)`, which renders exactly as
//! `ErrorCode::detail` does (numbers and plurals per locale included).

#[cfg(feature = "exports")]
use indexmap::IndexMap;
#[cfg(feature = "exports")]
use serde::Serialize;

#[cfg(feature = "exports")]
use crate::message::quote_literal;
#[cfg(feature = "exports")]
use crate::model::Catalog;
#[cfg(feature = "exports")]
use crate::render::{Artifact, to_json};

#[cfg(feature = "exports")]
/// One code's texts in one locale.
#[derive(Serialize)]
struct Entry<'a> {
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
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
                message: quote_literal(&code.message[locale]),
                detail: code.detail_source(locale),
                hint: code.hint.as_ref().map(|h| quote_literal(&h[locale])),
            };
            (code.code.as_str(), entry)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::message::{Node, parse, quote_literal};

    #[test]
    fn fixed_texts_parse_back_to_themselves() {
        for text in [
            "plain",
            "it's {not} an <b>argument</b>",
            "'{'",
            "{{x}} '' }{ '",
            "#1 {a, plural, other {#}}",
        ] {
            let quoted = quote_literal(text);
            let parsed = parse(&quoted).unwrap_or_else(|e| panic!("{quoted}: {e:?}"));
            let shown: String = parsed
                .nodes
                .iter()
                .map(|n| match n {
                    Node::Text { text, .. } => text.as_str(),
                    _ => panic!("{quoted} has an argument"),
                })
                .collect();
            assert_eq!(shown, text, "{quoted}");
        }
    }
}

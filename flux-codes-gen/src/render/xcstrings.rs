//! The iOS String Catalog: `Localizable.xcstrings` (Xcode 15's JSON format), read by the
//! Swift export (`FluxErrorCode.swift`).
//!
//! - `sourceLanguage` is the catalog's default locale; every text has a key
//!   ([`mobile::catalog_key`]: `ERR_QR_EXPIRED.message`, `.hint`, `.detail`, `.detail.N`),
//!   `extractionState: manual` (no Swift source spells the keys: Xcode must not mark them
//!   stale) and a localization per catalog locale, whose `stringUnit.state` is `translated`, or
//!   `needs_review` in a draft locale.
//! - A detail is one key per sentence of its [`mobile::Plan`]. Its arguments are all `%N$@`
//!   strings, formatted by the Swift code with `NumberFormatter` (CLDR's grouping, `500.00`
//!   kept exact; `%f` would show `500.000000`, `%lld` no grouping). A plural sentence is a
//!   `substitutions` entry (`%K$#@plural@`) selected by the argument after the strings, the
//!   quantity, as `lld`, with a `variations.plural` form per CLDR category of the locale.
//!   Details and fixed texts differ in `%`: a detail is a format string (`%%`), a message or
//!   hint is shown as written.

use indexmap::IndexMap;
use serde::Serialize;

use crate::model::Catalog;
use crate::render::Artifact;
use crate::render::android::resource_text;
use crate::render::mobile::{self, Piece, Text, TextOf};

/// `Localizable.xcstrings`.
pub(crate) fn render_xcstrings(catalog: &Catalog) -> Vec<Artifact> {
    vec![Artifact::new("Localizable.xcstrings", xcstrings(catalog))]
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StringCatalog {
    source_language: String,
    strings: IndexMap<String, Entry>,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    comment: String,
    extraction_state: &'static str,
    localizations: IndexMap<String, Localization>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Localization {
    string_unit: StringUnit,
    #[serde(skip_serializing_if = "Option::is_none")]
    substitutions: Option<IndexMap<&'static str, Substitution>>,
}

#[derive(Serialize)]
struct StringUnit {
    state: &'static str,
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Substitution {
    arg_num: usize,
    format_specifier: &'static str,
    variations: Variations,
}

#[derive(Serialize)]
struct Variations {
    plural: IndexMap<&'static str, Form>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Form {
    string_unit: StringUnit,
}

/// The name of the plural substitution in a detail's format string.
pub(crate) const PLURAL: &str = "plural";

/// A detail sentence as the format string the String Catalog holds: `%1$@` for the first
/// slot, `%%` for a literal `%`.
pub fn format_string(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(&text.replace('%', "%%")),
            Piece::Slot(i) => out.push_str(&format!("%{}$@", i + 1)),
        }
    }
    out
}

fn xcstrings(catalog: &Catalog) -> String {
    let state = |locale: usize| {
        if catalog.is_draft(locale) {
            "needs_review"
        } else {
            "translated"
        }
    };
    let unit = |locale: usize, value: String| StringUnit {
        state: state(locale),
        // A String Catalog holds NUL no better than Android does.
        value: resource_text(&value),
    };
    let mut strings = IndexMap::new();
    for code in &catalog.codes {
        let mut fixed = |text: TextOf, texts: &[String], what: &str| {
            let localizations = catalog
                .locales
                .iter()
                .enumerate()
                .map(|(l, tag)| {
                    let localization = Localization {
                        string_unit: unit(l, texts[l].clone()),
                        substitutions: None,
                    };
                    (tag.clone(), localization)
                })
                .collect();
            strings.insert(
                mobile::catalog_key(code, text),
                Entry {
                    comment: format!("{}: {what} ({})", code.code, code.status),
                    extraction_state: "manual",
                    localizations,
                },
            );
        };
        fixed(TextOf::Message, &code.message, "message");
        if let Some(hint) = &code.hint {
            fixed(TextOf::Hint, hint, "hint (what to do)");
        }
        let Some(plan) = mobile::plan(catalog, code) else {
            continue;
        };
        let quantity_arg = plan.slots.len() + 1;
        for (i, variant) in plan.variants.iter().enumerate() {
            let localizations = catalog
                .locales
                .iter()
                .enumerate()
                .map(|(l, tag)| {
                    let localization = match &variant.texts[l] {
                        Text::One(pieces) => Localization {
                            string_unit: unit(l, format_string(pieces)),
                            substitutions: None,
                        },
                        Text::Plural(forms) => {
                            let plural = forms
                                .iter()
                                .map(|(category, pieces)| {
                                    let form = Form {
                                        string_unit: unit(l, format_string(pieces)),
                                    };
                                    (*category, form)
                                })
                                .collect();
                            let substitution = Substitution {
                                arg_num: quantity_arg,
                                format_specifier: "lld",
                                variations: Variations { plural },
                            };
                            Localization {
                                string_unit: unit(l, format!("%{quantity_arg}$#@{PLURAL}@")),
                                substitutions: Some(IndexMap::from([(PLURAL, substitution)])),
                            }
                        }
                    };
                    (tag.clone(), localization)
                })
                .collect();
            let mut comment = format!("{}: detail", code.code);
            for ((name, _), key) in plan.selects.iter().zip(&variant.keys) {
                comment.push_str(&format!(", {name} = {key}"));
            }
            if let (Some((name, _)), Some(value)) = (&plan.plural, variant.exact) {
                comment.push_str(&format!(", {name} = {value}"));
            }
            strings.insert(
                mobile::catalog_key(code, mobile::variant_text(&plan, i)),
                Entry {
                    comment,
                    extraction_state: "manual",
                    localizations,
                },
            );
        }
    }
    let catalog_file = StringCatalog {
        source_language: catalog.default_locale_tag().to_owned(),
        strings,
        version: "1.0",
    };
    // Xcode writes ` : ` between key and value; any JSON reader takes either.
    let mut json = serde_json::to_string_pretty(&catalog_file).expect("serializes");
    json.push('\n');
    json
}

//! What the translator exchange files (PO, XLIFF) share: which entries a locale's file holds, and
//! the notes a translator reads beside each text (the code, its facts, its params, the hint as
//! context). Both formats render these same entries, so they cannot drift apart.

use crate::message::{Branch, Key, Message, Node, Param, ParamType};
use crate::model::{Catalog, SourceHash, TextId, TextKind, TextState};
use crate::plural;
use crate::render::status_line;

/// One text to translate, as a translator's file shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'c> {
    pub id: TextId,
    /// The text's key: `msgctxt` in PO, the unit's `id` in XLIFF.
    pub key: String,
    /// The default locale's text.
    pub source: &'c str,
    /// The current translation; `None` when the locale has none (its readers see the source).
    pub translation: Option<&'c str>,
    /// The translation was made from another source text (PO `fuzzy`).
    pub stale: Option<Stale>,
    /// Lines of context for the translator (PO `#.`, XLIFF `<note>`).
    pub notes: Vec<String>,
    /// A detail: a message with `{name}` arguments, for translation tools that check them.
    pub is_message_format: bool,
}

/// A stale translation's earlier source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stale {
    pub translated_from: SourceHash,
    /// The earlier source text itself, when it could be found (PO `#|`).
    pub previous: Option<String>,
}

/// Finds the earlier source text a stale translation was made from, by its hash (the CLI looks
/// in the catalog's git history); `None` when it cannot be found.
pub type PreviousSource<'p> = &'p dyn Fn(SourceHash) -> Option<String>;

/// Renders a detail as the API answers it: `message` in the catalog locale `locale` (a tag),
/// each param given a value as written (a number as a decimal string). This is the runtime's
/// renderer, passed in by the front end: the generator cannot depend on the runtime it generates
/// code for, and a second renderer here could show translators something the API never says.
pub type ExampleRenderer<'r> = &'r dyn Fn(&Message, &str, &[(&Param, String)]) -> String;

/// Every text of the catalog for the locale at `locale`, in catalog order.
pub fn entries<'c>(
    catalog: &'c Catalog,
    locale: usize,
    previous: PreviousSource<'_>,
    example: ExampleRenderer<'_>,
) -> Vec<Entry<'c>> {
    let default = catalog.default_locale;
    catalog
        .texts()
        .map(|id| {
            let texts = id.texts(catalog);
            let state = id.states(catalog)[locale];
            let translation = match state {
                TextState::Fallback => None,
                _ => Some(texts[locale]),
            };
            let stale = match state {
                TextState::Stale { translated_from } => Some(Stale {
                    translated_from,
                    previous: previous(translated_from),
                }),
                _ => None,
            };
            Entry {
                id,
                key: id.key(catalog),
                source: texts[default],
                translation,
                stale,
                notes: notes(catalog, id, example),
                is_message_format: id.kind() == TextKind::Detail,
            }
        })
        .collect()
}

/// What a translator needs beside a text: what it is, and the code it belongs to.
fn notes(catalog: &Catalog, id: TextId, example: ExampleRenderer<'_>) -> Vec<String> {
    let default = catalog.default_locale;
    let mut notes = Vec::new();
    let code = match id {
        TextId::CategoryTitle(i) => {
            let category = &catalog.categories[i];
            let codes: Vec<&str> = catalog.codes_in(i).map(|c| c.code.as_str()).collect();
            notes.push(format!(
                "The title of the error category `{}`, a heading on the docs page over its codes: {}.",
                category.key,
                if codes.is_empty() {
                    "none yet".to_owned()
                } else {
                    codes.join(", ")
                }
            ));
            return notes;
        }
        TextId::Message(i) | TextId::Detail(i) | TextId::Hint(i) => &catalog.codes[i],
    };
    let category = catalog.category_of(code);
    notes.push(format!(
        "{}: HTTP {}, category `{}` ({}), {}.",
        code.code,
        status_line(code.status),
        category.key,
        category.title[default],
        if code.retryable {
            "retryable"
        } else {
            "not retryable"
        }
    ));
    notes.push(
        match id.kind() {
            TextKind::Message => {
                "The message: one fixed sentence saying what went wrong (an API error's `title`)."
            }
            TextKind::Detail => {
                "The detail: what differs per occurrence (an API error's `detail`); keep every \
                 {placeholder} exactly as written, and translate only the text around it."
            }
            TextKind::Hint => "The hint: what a developer should do about it (docs pages).",
            TextKind::Title => unreachable!("a code's text is not a title"),
        }
        .to_owned(),
    );
    if id.kind() == TextKind::Detail && !code.params.is_empty() {
        let params: Vec<String> = code
            .params
            .iter()
            .map(|p| format!("{{{}}} ({})", p.name, p.ty))
            .collect();
        notes.push(format!(
            "Params: {} (filled in by the API, numbers and plurals formatted per language).",
            params.join(", ")
        ));
        if let Some(detail) = code.detail() {
            let tag = catalog.default_locale_tag();
            notes.extend(examples(&detail[default], &code.params, tag, example));
        }
    }
    if id.kind() != TextKind::Hint
        && let Some(hint) = &code.hint
    {
        notes.push(format!("Hint, for context: {}", hint[default]));
    }
    if let Some(note) = &code.deprecated {
        notes.push(format!("Deprecated: {note}"));
    }
    notes
}

/// Example renderings of a detail in the default locale, for translators: one per option of its
/// first plural or select, with a value that reaches that option (`attempts_left = 1`), or one
/// with sample values for a message without either. `example` renders them, as the API would.
fn examples(
    message: &Message,
    params: &[Param],
    locale: &str,
    example: ExampleRenderer<'_>,
) -> Vec<String> {
    let samples: Vec<(&Param, String)> = params
        .iter()
        .map(|p| {
            let value = match &p.ty {
                ParamType::String => format!("<{}>", p.name),
                ParamType::Number => "1234.5".to_owned(),
                ParamType::Integer => "3".to_owned(),
                ParamType::Select { keys } => keys.first().cloned().unwrap_or_default(),
            };
            (p, value)
        })
        .collect();
    let render = |values: &[(&Param, String)]| {
        let shown: Vec<String> = values
            .iter()
            .map(|(p, v)| format!("{} = {v}", p.name))
            .collect();
        format!(
            "Example ({}): {}",
            shown.join(", "),
            example(message, locale, values)
        )
    };
    let chooser = message.nodes.iter().find_map(|node| match node {
        Node::Plural {
            name,
            offset,
            branches,
            ..
        } => Some((name, Some(*offset), branches)),
        Node::Select { name, branches, .. } => Some((name, None, branches)),
        _ => None,
    });
    let Some((name, offset, branches)) = chooser else {
        return vec![render(&samples)];
    };
    let exact = Branch::exact_values(branches);
    branches
        .iter()
        .filter_map(|branch| {
            let value = match (&branch.key, offset) {
                (Key::Exact(n), _) => n.to_string(),
                (Key::Keyword(category), Some(offset)) => {
                    plural::example_beyond(locale, category, offset, &exact)?
                }
                (Key::Keyword(key), None) if key == "other" => "something-else".to_owned(),
                (Key::Keyword(key), None) => key.clone(),
            };
            let values: Vec<(&Param, String)> = samples
                .iter()
                .map(|(p, v)| {
                    (
                        *p,
                        if p.name == *name {
                            value.clone()
                        } else {
                            v.clone()
                        },
                    )
                })
                .collect();
            Some(render(&values))
        })
        .collect()
}

//! What the translator exchange files (PO, XLIFF) share: which entries a locale's file holds, and
//! the notes a translator reads beside each text (the code, its facts, its params, the hint as
//! context). Both formats render these same entries, so they cannot drift apart.

use crate::model::{Catalog, SourceHash, TextId, TextKind, TextState};
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

/// Every text of the catalog for the locale at `locale`, in catalog order.
pub fn entries<'c>(
    catalog: &'c Catalog,
    locale: usize,
    previous: PreviousSource<'_>,
) -> Vec<Entry<'c>> {
    let default = catalog.default_locale;
    catalog
        .texts()
        .map(|id| {
            let texts = id.texts(catalog);
            let state = id.states(catalog)[locale];
            let translation = match state {
                TextState::Fallback => None,
                _ => Some(texts[locale].as_str()),
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
                source: &texts[default],
                translation,
                stale,
                notes: notes(catalog, id),
                is_message_format: id.kind() == TextKind::Detail,
            }
        })
        .collect()
}

/// What a translator needs beside a text: what it is, and the code it belongs to.
fn notes(catalog: &Catalog, id: TextId) -> Vec<String> {
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
        let params: Vec<String> = code.params.iter().map(|p| format!("{{{p}}}")).collect();
        notes.push(format!(
            "Params: {} (filled in by the API; a value is already formatted text).",
            params.join(", ")
        ));
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

//! What the translator exchange files (PO, XLIFF) share: which entries a locale's file holds, and
//! the notes a translator reads beside each text (the code, its facts, its params, the hint as
//! context). Both formats render these same entries, so they cannot drift apart.

use crate::message::{Message, Node, Param};
use crate::model::{Catalog, SourceHash, TextId, TextKind, TextState};
use crate::plural;
use crate::render::examples::{Target, example_values, render_example, shown_values};
use flux_codes_core::http::status_line;

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
                notes: notes(catalog, id, locale),
                is_message_format: id.kind() == TextKind::Detail,
            }
        })
        .collect()
}

/// What a translator needs beside a text: what it is, and the code it belongs to; for a detail,
/// the plural forms the locale at `locale` needs and example renderings in both languages.
fn notes(catalog: &Catalog, id: TextId, locale: usize) -> Vec<String> {
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
            let target = Target {
                tag: &catalog.locales[locale],
                translation: (id.states(catalog)[locale] != TextState::Fallback)
                    .then(|| &detail[locale]),
            };
            notes.extend(plural_notes(&detail[default], &target));
            let source = (catalog.default_locale_tag(), &detail[default]);
            notes.extend(examples(source, &target, &code.params));
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

/// How many sample numbers a note lists per plural category.
const SAMPLES_PER_CATEGORY: usize = 3;

/// For each plural param, the CLDR categories the target locale needs with sample numbers, and
/// the categories its translation lacks.
fn plural_notes(source: &Message, target: &Target<'_>) -> Vec<String> {
    let mut notes = Vec::new();
    let mut seen = Vec::new();
    for node in source.plurals() {
        let Node::Plural { name, .. } = node else {
            continue;
        };
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        let Some(categories) = plural::plural_categories(target.tag) else {
            continue;
        };
        let listed: Vec<String> = categories
            .iter()
            .map(|category| {
                let samples = plural::samples(target.tag, category, SAMPLES_PER_CATEGORY);
                format!("{category} ({})", samples.join(", "))
            })
            .collect();
        notes.push(format!(
            "Plural categories {} needs for {{{name}}} (CLDR): {}; an `=N` option (such as `=0`) \
             matches one number exactly and is optional.",
            target.tag,
            listed.join(", ")
        ));
    }
    if let Some(translation) = target.translation {
        for missing in plural::missing_categories(translation, target.tag) {
            notes.push(format!(
                "The {tag} translation has no `{category}` option for {{{param}}}: {param} = \
                 {example} falls back to `other`; add `{category} {{...}}`.",
                tag = target.tag,
                category = missing.category,
                param = missing.param,
                example = missing.example,
            ));
        }
    }
    notes
}

/// Example renderings of a detail, for translators: the values of each
/// [`example_values`] set rendered in the default locale and, beside it, in the target
/// locale's translation, as the API would render them.
fn examples(
    (source_tag, source): (&str, &Message),
    target: &Target<'_>,
    params: &[Param],
) -> Vec<String> {
    example_values(source_tag, source, target, params)
        .into_iter()
        .map(|values| {
            let mut note = format!(
                "Example ({}): {}",
                shown_values(&values),
                render_example(source, source_tag, &values)
            );
            if let Some(translation) = target.translation {
                note.push_str(&format!(
                    "\n  {}: {}",
                    target.tag,
                    render_example(translation, target.tag, &values)
                ));
            }
            note
        })
        .collect()
}

//! `flux-codes l10n import`: translations from PO files written back into `codes.toml`.
//!
//! The import is a catalog edit checked like any other before anything is written. The catalog
//! is loaded and validated once; the PO files are read and their entries put into the loaded
//! file in memory, which goes through the validator again (the catalog is not parsed again);
//! only then is the text edited, with `toml_edit` (only the strings that change are touched;
//! comments, order and spacing stay byte for byte). Any problem, in a PO file or in the edited
//! catalog, is reported in the PO file, at the line and column of the characters that caused
//! it, and nothing is written.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, InlineTable, Item, Table, Value};

use crate::ast::{CatalogFile, Localized, Spanned, TranslatedFrom};
use crate::chars::{self, CodePoint};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, did_you_mean, render_summary};
use crate::l10n::po::{self, PoEntry, PoFile, PoString};
use crate::model::{Catalog, SourceHash, TextId, TextState};
use crate::render::po::EXPORTED_TRANSLATION;

/// The largest PO file an import reads: as large as a catalog may be (a locale's texts are at
/// most the catalog's).
pub const MAX_PO_BYTES: usize = crate::MAX_CATALOG_BYTES;

/// A PO file to import.
#[derive(Clone, Copy, Debug)]
pub struct PoInput<'a> {
    pub path: &'a Path,
    pub bytes: &'a [u8],
}

/// What an import may do beyond the default.
#[derive(Clone, Copy, Debug, Default)]
pub struct ImportOptions {
    /// Import fuzzy entries too (by default they are reviewed first: a fuzzy entry is a
    /// translator's "not sure"). An imported fuzzy entry stays stale when it has a `#|` source.
    pub include_fuzzy: bool,
}

/// A successful import: the new catalog text and what changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The catalog as it should be written (equal to the input when nothing changed).
    pub source: String,
    /// One per text whose translation or record changed, in file and entry order.
    pub changes: Vec<ImportedText>,
    /// Fuzzy entries left out (see [`ImportOptions::include_fuzzy`]).
    pub skipped_fuzzy: usize,
    /// Entries with an empty `msgstr` (nothing to import).
    pub untranslated: usize,
    /// Entries left as exported whose text the catalog has changed since the export (another
    /// import, an edit): the catalog's newer translation is kept.
    pub kept_newer: usize,
}

/// One text an import changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedText {
    pub locale: String,
    /// The text's key (`ERR_QR_EXPIRED.message`).
    pub key: String,
    /// The translation changed (otherwise only its record of the source did: a stale
    /// translation confirmed as current).
    pub text_changed: bool,
}

/// Why nothing was imported: every problem, each in the file (a PO file, or the catalog) and at
/// the line it concerns.
#[derive(Clone, Debug)]
pub struct ImportError {
    /// The PO files, then the catalog.
    files: Vec<(PathBuf, String)>,
    /// Index in `files` of the catalog.
    catalog: usize,
    problems: Vec<(usize, Diagnostic)>,
}

impl ImportError {
    /// How many problems were found.
    pub fn len(&self) -> usize {
        self.problems.len()
    }

    /// Whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems, each as `(file, line, column, message)` (1-based; the column counts
    /// characters), in report order.
    pub fn locations(&self) -> Vec<(PathBuf, usize, usize, String)> {
        self.problems
            .iter()
            .map(|(file, d)| {
                let (path, source) = &self.files[*file];
                let (line, column) = d
                    .span
                    .as_ref()
                    .map_or((1, 1), |s| Diagnostics::new(path, source).line_col(s.start));
                (path.clone(), line, column, d.message.clone())
            })
            .collect()
    }

    /// Renders every problem as rustc does, then a summary line.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for (file, d) in &self.problems {
            let (path, source) = &self.files[*file];
            let mut diags = Diagnostics::new(path, source);
            diags.push(d.clone());
            let rendered = diags.render(color);
            // `Diagnostics::render` closes with a catalog summary; this report has its own.
            let body = rendered
                .split("\n\n")
                .filter(|part| !part.contains("in the catalog; nothing was generated"))
                .collect::<Vec<_>>()
                .join("\n\n");
            out.push_str(body.trim_end());
            out.push_str("\n\n");
        }
        let n = self.problems.len();
        let summary = format!(
            "{n} {} in the import; {} was not changed",
            if n == 1 { "problem" } else { "problems" },
            self.files[self.catalog].0.display()
        );
        out.push_str(&render_summary(Severity::Error, &summary, &[], color));
        out.push('\n');
        out
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.render(false).trim_end())
    }
}

impl std::error::Error for ImportError {}

/// One change to make: a translation and/or its record, from an entry of a PO file.
struct Edit {
    file: usize,
    /// The entry's `msgstr` (where it is in its PO file, and its text).
    msgstr: PoString,
    locale: usize,
    id: TextId,
    key: String,
    text: Option<String>,
    record: Option<SourceHash>,
}

/// Imports `files` into the catalog `catalog_source` (read from `catalog_path`).
pub fn import(
    catalog_path: &Path,
    catalog_source: &str,
    files: &[PoInput<'_>],
    options: ImportOptions,
) -> Result<Imported, ImportError> {
    let mut error = ImportError {
        files: files
            .iter()
            .map(|f| {
                (
                    f.path.to_path_buf(),
                    String::from_utf8_lossy(f.bytes).into_owned(),
                )
            })
            .collect(),
        problems: Vec::new(),
        catalog: files.len(),
    };
    let catalog_file = files.len();
    error
        .files
        .push((catalog_path.to_path_buf(), catalog_source.to_owned()));
    let (mut file, catalog) = match crate::parse_file(catalog_path, catalog_source, &[]) {
        Ok((file, catalog, _warnings)) => (file, catalog),
        Err(diags) => {
            error.problems.extend(
                diags
                    .items
                    .into_iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| (catalog_file, d)),
            );
            return Err(error);
        }
    };
    let records = recorded_sources(&catalog, &file);
    let mut edits = Vec::new();
    let mut skipped_fuzzy = 0;
    let mut untranslated = 0;
    let mut kept_newer = 0;
    let mut seen: HashMap<(usize, TextId), Range<usize>> = HashMap::new();
    for (index, input) in files.iter().enumerate() {
        if input.bytes.len() > MAX_PO_BYTES {
            let shown = &error.files[index].1;
            let at = (0..=MAX_PO_BYTES.min(shown.len()))
                .rev()
                .find(|&i| shown.is_char_boundary(i))
                .unwrap_or(0);
            error.problems.push((
                index,
                Diagnostic::error(
                    format!(
                        "the PO file is larger than {} MiB, more than a catalog's texts can be",
                        MAX_PO_BYTES >> 20
                    ),
                    Some(at..at),
                )
                .with_label("the limit is here")
                .with_help("import the PO file `flux-codes l10n export` wrote; a file this large is not one"),
            ));
            continue;
        }
        let text = match std::str::from_utf8(input.bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.valid_up_to();
                error.problems.push((
                    index,
                    Diagnostic::error("the PO file is not valid UTF-8", Some(at..at)).with_help(
                        "save the file as UTF-8 (`Content-Type: text/plain; charset=UTF-8`)",
                    ),
                ));
                continue;
            }
        };
        let file = match po::parse(text) {
            Ok(file) => file,
            Err(problems) => {
                error
                    .problems
                    .extend(problems.into_iter().map(|d| (index, d)));
                continue;
            }
        };
        let Some(locale) = file_locale(&catalog, &file, index, &mut error) else {
            continue;
        };
        for entry in &file.entries {
            let Some(id) = entry_text(&catalog, entry, index, &mut error) else {
                continue;
            };
            let at = entry.msgstr.span.clone();
            if let Some(first) = seen.insert((locale, id), at.clone()) {
                let (line, _) = Diagnostics::new(input.path, text).line_col(first.start);
                error.problems.push((
                    index,
                    Diagnostic::error(
                        format!(
                            "a second `{}` translation of `{}`",
                            catalog.locales[locale],
                            id.key(&catalog)
                        ),
                        Some(at),
                    )
                    .with_label("translated again here")
                    .with_help(format!(
                        "keep one entry per text (the other is in this import, at line {line} of its file)"
                    )),
                ));
                continue;
            }
            if entry.msgstr.text.is_empty() {
                untranslated += 1;
                continue;
            }
            if entry.is_fuzzy() && !options.include_fuzzy {
                skipped_fuzzy += 1;
                continue;
            }
            let located = entry.msgstr.located_chars(text);
            if let Some((at, c, refusal)) =
                chars::first_refused(&located, catalog.allowed_characters(locale))
            {
                let tag = &catalog.locales[locale];
                let width = if text[at..].starts_with(c) {
                    c.len_utf8()
                } else {
                    1
                };
                error.problems.push((
                    index,
                    Diagnostic::error(
                        format!(
                            "the `{tag}` translation of `{}` contains {}",
                            id.key(&catalog),
                            CodePoint(c)
                        ),
                        Some(at..at + width),
                    )
                    .with_label(refusal.describe())
                    .with_help(format!(
                        "remove it from the translation; if `{tag}` really needs it, allow it in codes.toml's `[catalog]`: `allowed_characters = {{ {tag} = [\"U+{:04X}\"] }}`",
                        u32::from(c)
                    )),
                ));
                continue;
            }
            let tag = &catalog.locales[locale];
            let now = match id.states(&catalog)[locale] {
                TextState::Fallback => "",
                _ => id.texts(&catalog)[locale],
            };
            if let Some(exported) = entry.exported
                && SourceHash::of(now) != exported
            {
                // The catalog's translation changed after this file was exported.
                if SourceHash::of(&entry.msgstr.text) == exported {
                    kept_newer += 1;
                    continue;
                }
                if entry.msgstr.text != now {
                    error.problems.push((
                        index,
                        Diagnostic::error(
                            format!(
                                "the `{tag}` translation of `{}` changed in {} after this file was exported, and this file changes it too",
                                id.key(&catalog),
                                catalog_path.display()
                            ),
                            Some(entry.msgstr.span.clone()),
                        )
                        .with_label("this file's translation")
                        .with_help(format!(
                            "{} now has {now:?}; to keep this file's text, remove the entry's `#. {EXPORTED_TRANSLATION}` line, or export a fresh file and translate the entry there",
                            catalog_path.display()
                        )),
                    ));
                    continue;
                }
            }
            let made_from = if entry.is_fuzzy() {
                entry.previous_msgid.as_deref()
            } else {
                Some(entry.msgid.text.as_str())
            };
            let current = &id.texts(&catalog)[locale];
            let state = id.states(&catalog)[locale];
            let text = (state == TextState::Fallback || *current != entry.msgstr.text)
                .then(|| entry.msgstr.text.clone());
            // The record is written when it differs: a new translation, one made from another
            // source, a stale one now confirmed, or one that had no record yet.
            let recorded = records.get(&(locale, id)).copied().flatten();
            let record = made_from
                .map(SourceHash::of)
                .filter(|hash| recorded != Some(*hash));
            if text.is_some() || record.is_some() {
                edits.push(Edit {
                    file: index,
                    msgstr: entry.msgstr.clone(),
                    locale,
                    id,
                    key: id.key(&catalog),
                    text,
                    record,
                });
            }
        }
    }
    if !error.problems.is_empty() {
        return Err(error);
    }
    check_edits(
        &catalog,
        &mut file,
        catalog_path,
        catalog_source,
        &edits,
        &mut error,
    );
    if !error.problems.is_empty() {
        return Err(error);
    }
    let source = match apply(&catalog, catalog_source, &edits) {
        Ok(source) => source,
        Err(problem) => {
            error.problems.push((catalog_file, *problem));
            return Err(error);
        }
    };
    let changes = edits
        .iter()
        .map(|e| ImportedText {
            locale: catalog.locales[e.locale].clone(),
            key: e.key.clone(),
            text_changed: e.text.is_some(),
        })
        .collect();
    Ok(Imported {
        source,
        changes,
        skipped_fuzzy,
        untranslated,
        kept_newer,
    })
}

/// The catalog locale a PO file translates, from its `Language` header (`pt_BR` or `pt-BR`).
fn file_locale(
    catalog: &Catalog,
    file: &PoFile,
    index: usize,
    error: &mut ImportError,
) -> Option<usize> {
    let at = file.header_span.clone();
    let Some(language) = file.header_field("Language").filter(|l| !l.is_empty()) else {
        error.problems.push((
            index,
            Diagnostic::error("the PO file has no `Language` header", Some(at))
                .with_help(format!(
                    "add `\"Language: pt_BR\\n\"` to the header (`msgid \"\"`); the catalog's locales are {}",
                    catalog.locales.join(", ")
                )),
        ));
        return None;
    };
    let tag = language.replace('_', "-");
    let Some(locale) = catalog
        .locales
        .iter()
        .position(|l| l.eq_ignore_ascii_case(&tag))
    else {
        let mut d = Diagnostic::error(
            format!("`Language: {language}` is not a locale of the catalog"),
            Some(at),
        );
        d = match did_you_mean(&tag, catalog.locales.iter().map(String::as_str)) {
            Some(near) => d.with_help(format!("did you mean `{near}`?")),
            None => d.with_help(format!(
                "its locales are {}; add a new one to `draft_locales` first",
                catalog.locales.join(", ")
            )),
        };
        error.problems.push((index, d));
        return None;
    };
    if locale == catalog.default_locale {
        error.problems.push((
            index,
            Diagnostic::error(
                format!("`Language: {language}` is the catalog's default locale"),
                Some(at),
            )
            .with_help("the default locale's texts are the source; edit them in codes.toml"),
        ));
        return None;
    }
    Some(locale)
}

/// The text an entry translates, from its `msgctxt`.
fn entry_text(
    catalog: &Catalog,
    entry: &PoEntry,
    index: usize,
    error: &mut ImportError,
) -> Option<TextId> {
    let Some(context) = &entry.msgctxt else {
        error.problems.push((
            index,
            Diagnostic::error("this entry has no `msgctxt`", Some(entry.msgid.span.clone()))
                .with_help("every entry names its text with `msgctxt \"ERR_X.message\"`; export a fresh file with `flux-codes l10n export`"),
        ));
        return None;
    };
    let found = catalog.text_by_key(&context.text);
    if found.is_none() {
        let keys: Vec<String> = catalog.texts().map(|id| id.key(catalog)).collect();
        let mut d = Diagnostic::error(
            format!("`{}` is not a text of the catalog", context.text),
            Some(context.span.clone()),
        )
        .with_label("unknown `msgctxt`");
        d = match did_you_mean(&context.text, keys.iter().map(String::as_str)) {
            Some(near) => d.with_help(format!("did you mean `{near}`?")),
            None => d.with_help(
                "its code or text was removed or renamed since the export; export a fresh file with `flux-codes l10n export`",
            ),
        };
        error.problems.push((index, d));
    }
    found
}

/// Applies `edits` to the catalog text, touching only the strings they change. The catalog
/// loaded and validated, so `toml_edit` reads it and finds each text; if it did not (the two
/// parsers disagreeing), that is reported, not a panic.
fn apply(catalog: &Catalog, source: &str, edits: &[Edit]) -> Result<String, Box<Diagnostic>> {
    if edits.is_empty() {
        return Ok(source.to_owned());
    }
    let mut doc: DocumentMut = source.parse().map_err(|e: toml_edit::TomlError| {
        Box::new(
            Diagnostic::error(
                format!(
                    "`toml_edit` cannot edit this catalog: {}",
                    e.message().trim_end()
                ),
                e.span(),
            )
            .with_help(EDITOR_DISAGREES),
        )
    })?;
    for edit in edits {
        let tag = &catalog.locales[edit.locale];
        if let Some(text) = &edit.text {
            let (table, name, field) = match edit.id {
                TextId::CategoryTitle(i) => ("categories", &catalog.categories[i].key, "title"),
                TextId::Message(i) | TextId::Detail(i) | TextId::Hint(i) => {
                    ("codes", &catalog.codes[i].code, edit.id.kind().field())
                }
            };
            let texts = doc
                .get_mut(table)
                .and_then(|t| t.get_mut(name.as_str()))
                .and_then(|t| t.get_mut(field));
            let set = texts.is_some_and(|texts| set_text(texts, tag, text));
            if !set {
                return Err(Box::new(
                    Diagnostic::error(
                        format!("`toml_edit` does not find `{}` in this catalog", edit.key),
                        None,
                    )
                    .with_help(EDITOR_DISAGREES),
                ));
            }
        }
        if let Some(hash) = edit.record {
            let Some(records) = record_table(&mut doc, tag) else {
                return Err(Box::new(
                    Diagnostic::error(
                        "`toml_edit` does not read `[translated_from]` as a table",
                        None,
                    )
                    .with_help(EDITOR_DISAGREES),
                ));
            };
            match records.get_mut(&edit.key) {
                Some(Item::Value(value)) => replace(value, &hash.to_string()),
                _ => {
                    records.insert(&edit.key, toml_edit::value(hash.to_string()));
                }
            }
        }
    }
    Ok(doc.to_string())
}

/// The help of a problem only a bug can cause: the catalog loaded, but `toml_edit` reads it
/// otherwise.
const EDITOR_DISAGREES: &str = "nothing was written; the catalog is valid, but the TOML editor \
     reads it differently from the loader: please report this with the catalog, and edit the \
     translations by hand meanwhile";

/// Sets `locale`'s text in a `{ en = "...", ... }` value (or a `[...]` table of texts); `false`
/// when `texts` is neither.
fn set_text(texts: &mut Item, locale: &str, text: &str) -> bool {
    match texts {
        Item::Value(Value::InlineTable(table)) => match table.get_mut(locale) {
            Some(value) => replace(value, text),
            None => insert_inline(table, locale, text),
        },
        other => {
            let Some(table) = other.as_table_like_mut() else {
                return false;
            };
            match table.get_mut(locale) {
                Some(Item::Value(value)) => replace(value, text),
                _ => {
                    table.insert(locale, toml_edit::value(text));
                }
            }
        }
    }
    true
}

/// A new last entry of an inline table, spaced like the others: `{ en = "a", es = "b" }`.
fn insert_inline(table: &mut InlineTable, locale: &str, text: &str) {
    let closing = table.iter_mut().last().and_then(|(_, last)| {
        let suffix = last.decor().suffix().cloned();
        last.decor_mut().set_suffix("");
        suffix
    });
    let mut value = Value::from(text);
    value.decor_mut().set_prefix(" ");
    if let Some(closing) = closing {
        value.decor_mut().set_suffix(closing);
    }
    table.insert(locale, value);
}

/// Replaces a string value, keeping the spacing and comments around it.
fn replace(value: &mut Value, text: &str) {
    let decor = value.decor().clone();
    *value = Value::from(text);
    *value.decor_mut() = decor;
}

/// `[translated_from.<locale>]`, created (at the end of the file, with a comment saying what it
/// is) when the catalog has none; `None` when the file has a `translated_from` that is not a
/// table.
fn record_table<'d>(doc: &'d mut DocumentMut, locale: &str) -> Option<&'d mut Table> {
    if !doc.contains_key("translated_from") {
        let mut top = Table::new();
        top.set_implicit(true);
        doc.insert("translated_from", Item::Table(top));
    }
    let top = doc.get_mut("translated_from")?.as_table_mut()?;
    if !top.contains_key(locale) {
        let mut table = Table::new();
        table.decor_mut().set_prefix(format!(
            "\n# What each {locale} translation was made from: a hash of the source text it translates,\n\
             # written by `flux-codes l10n import`. A changed source text makes its translation stale.\n"
        ));
        top.insert(locale, Item::Table(table));
    }
    top.get_mut(locale)?.as_table_mut()
}

/// The catalog's `[translated_from]` records, by locale and text (`None`: not a hash).
fn recorded_sources(
    catalog: &Catalog,
    file: &CatalogFile,
) -> HashMap<(usize, TextId), Option<SourceHash>> {
    let mut out = HashMap::new();
    for table in &file.translated_from {
        let Some(locale) = catalog
            .locales
            .iter()
            .position(|l| l == table.locale.get_ref())
        else {
            continue;
        };
        for (key, hash) in &table.records {
            if let Some(id) = catalog.text_by_key(key.get_ref()) {
                out.insert((locale, id), SourceHash::parse(hash.get_ref()));
            }
        }
    }
    out
}

/// Checks the catalog as `edits` would leave it, with the validator, before anything is
/// written and without parsing the catalog again: `file` (the catalog as loaded) gets each
/// edit's text and record, their values written after the catalog's text in the validator's
/// source, so that a diagnostic about one points into its own string, whose characters map
/// back to the PO file's. Each error is pushed into `error`, located in the PO file when it is
/// about an edit.
fn check_edits(
    catalog: &Catalog,
    file: &mut CatalogFile,
    catalog_path: &Path,
    catalog_source: &str,
    edits: &[Edit],
    error: &mut ImportError,
) {
    if edits.is_empty() {
        return;
    }
    let catalog_file = error.catalog;
    let mut source = catalog_source.to_owned();
    // Each value written for an edit: its span in `source`, and the edit's index.
    let mut written: Vec<(Range<usize>, usize)> = Vec::new();
    let mut write = |value: &str, edit: usize| {
        source.push('\n');
        let start = source.len();
        source.push_str(&Value::from(value).to_string());
        written.push((start..source.len(), edit));
        start..source.len()
    };
    let code_tables: HashMap<String, usize> = file
        .codes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.code.get_ref().clone(), i))
        .collect();
    for (i, edit) in edits.iter().enumerate() {
        let tag = &catalog.locales[edit.locale];
        if let Some(text) = &edit.text {
            let span = write(text, i);
            let Some(texts) = localized_mut(file, &code_tables, catalog, edit.id) else {
                error.problems.push((
                    catalog_file,
                    Diagnostic::error(format!("the loaded catalog has no `{}`", edit.key), None)
                        .with_help(EDITOR_DISAGREES),
                ));
                return;
            };
            let value = Spanned::new(span.clone(), text.clone());
            match texts.texts.iter_mut().find(|(t, _)| t.get_ref() == tag) {
                Some((_, old)) => *old = value,
                None => texts.texts.push((Spanned::new(span, tag.clone()), value)),
            }
        }
        if let Some(hash) = edit.record {
            let span = write(&hash.to_string(), i);
            let table = match file
                .translated_from
                .iter()
                .position(|t| t.locale.get_ref() == tag)
            {
                Some(t) => &mut file.translated_from[t],
                None => {
                    file.translated_from.push(TranslatedFrom {
                        locale: Spanned::new(span.clone(), tag.clone()),
                        records: Vec::new(),
                    });
                    let last = file.translated_from.len() - 1;
                    &mut file.translated_from[last]
                }
            };
            let value = Spanned::new(span.clone(), hash.to_string());
            match table
                .records
                .iter_mut()
                .find(|(key, _)| *key.get_ref() == edit.key)
            {
                Some((_, old)) => *old = value,
                None => table
                    .records
                    .push((Spanned::new(span, edit.key.clone()), value)),
            }
        }
    }
    let mut diags = Diagnostics::new(catalog_path, &source);
    crate::valid::validate(file, &mut diags);
    diags.sort();
    for mut d in diags
        .items
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
    {
        let edit = d.span.as_ref().and_then(|at| {
            written
                .iter()
                .find(|(value, _)| value.start <= at.start && at.start < value.end)
        });
        match edit {
            Some((value, i)) => {
                let edit = &edits[*i];
                let po_source = &error.files[edit.file].1;
                let at = d.span.clone().unwrap_or_default();
                d.span = Some(po_span(&source, value.clone(), at, &edit.msgstr, po_source));
                d.message = format!(
                    "{} (importing `{}` into {})",
                    d.message,
                    edit.key,
                    catalog_path.display()
                );
                // The places a diagnostic also names are in the catalog, not the PO file.
                d.related.clear();
                error.problems.push((edit.file, d));
            }
            None => {
                d.related.retain(|(at, _)| at.end <= catalog_source.len());
                error.problems.push((catalog_file, d));
            }
        }
    }
}

/// The text `id` in the loaded file; `code_tables` indexes its code tables by code.
fn localized_mut<'f>(
    file: &'f mut CatalogFile,
    code_tables: &HashMap<String, usize>,
    catalog: &Catalog,
    id: TextId,
) -> Option<&'f mut Localized> {
    match id {
        TextId::CategoryTitle(i) => file
            .categories
            .iter_mut()
            .find(|t| *t.key.get_ref() == catalog.categories[i].key)
            .map(|t| &mut t.title),
        TextId::Message(c) | TextId::Detail(c) | TextId::Hint(c) => {
            let table = &mut file.codes[*code_tables.get(&catalog.codes[c].code)?];
            match id {
                TextId::Message(_) => Some(&mut table.message),
                TextId::Detail(_) => table.detail.as_mut(),
                _ => table.hint.as_mut(),
            }
        }
    }
}

/// Where in the PO file a problem at `at` is, `at` being in `value` (the string an edit wrote
/// into the validator's `source`): the characters of the entry's `msgstr` it covers, however
/// they are escaped or split across lines there; the whole `msgstr` when the problem is the
/// whole text (or a record, which the PO file does not spell).
fn po_span(
    source: &str,
    value: Range<usize>,
    at: Range<usize>,
    msgstr: &PoString,
    po_source: &str,
) -> Range<usize> {
    if at == value {
        return msgstr.span.clone();
    }
    let located = source
        .get(value.clone())
        .and_then(|raw| chars::toml_string_chars(raw, value.start));
    let Some(located) = located else {
        return msgstr.span.clone();
    };
    let index = |offset: usize| {
        located
            .iter()
            .position(|(written, _)| *written >= offset)
            .unwrap_or(located.len())
    };
    let first = index(at.start);
    let last = index(at.end).max(first);
    msgstr
        .written_span(po_source, first..last)
        .unwrap_or_else(|| msgstr.span.clone())
}

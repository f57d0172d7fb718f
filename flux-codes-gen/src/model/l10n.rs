//! What the catalog knows about its translations: which locales are drafts, and for each text in
//! each locale whether it is the source, a current translation, a stale one, or a fallback.
//!
//! A translation remembers what it was made from as a [`SourceHash`] of the default-locale text,
//! kept in `codes.toml` under `[translated_from.<locale>]` (written by `flux-codes l10n import`).
//! When the default-locale text changes, its hash no longer matches and the translation is
//! stale. A hash rather than a copy of the old text keeps the file short and leaves one place
//! to edit each English sentence; the old text itself, for a PO file's `#|` line, is found in
//! the catalog's git history by its hash.

use sha2::{Digest, Sha256};

use crate::model::Catalog;

/// The translation state of every text, per locale (indexed like [`Catalog::locales`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Translations {
    /// Per locale: declared in `draft_locales` (a missing text falls back to the default locale).
    pub draft: Vec<bool>,
    /// Per category, the title's state per locale.
    pub category_titles: Vec<Vec<TextState>>,
    /// Per code, its texts' states per locale.
    pub codes: Vec<CodeTranslations>,
}

/// The states of one code's texts, per locale.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeTranslations {
    pub message: Vec<TextState>,
    pub detail: Option<Vec<TextState>>,
    pub hint: Option<Vec<TextState>>,
}

/// Where one locale's text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextState {
    /// The default locale's text: what every other locale translates.
    Source,
    /// A translation of the current source text (or one with no record of its source: a text
    /// written by hand beside the source is taken as current).
    Translated,
    /// A translation made from an earlier source text, whose hash is recorded.
    Stale { translated_from: SourceHash },
    /// No text in this (draft) locale: the default locale's text stands in.
    Fallback,
}

/// Which text of the catalog: the unit a translator translates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextId {
    /// A category's title (index into [`Catalog::categories`]).
    CategoryTitle(usize),
    /// A code's message, detail or hint (index into [`Catalog::codes`]).
    Message(usize),
    Detail(usize),
    Hint(usize),
}

/// What kind of text a [`TextId`] names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    Title,
    Message,
    Detail,
    Hint,
}

impl TextKind {
    /// The field's name in `codes.toml` and in a text's key.
    pub fn field(self) -> &'static str {
        match self {
            TextKind::Title => "title",
            TextKind::Message => "message",
            TextKind::Detail => "detail",
            TextKind::Hint => "hint",
        }
    }
}

impl TextId {
    /// Which text of its code or category this is.
    pub fn kind(self) -> TextKind {
        match self {
            TextId::CategoryTitle(_) => TextKind::Title,
            TextId::Message(_) => TextKind::Message,
            TextId::Detail(_) => TextKind::Detail,
            TextId::Hint(_) => TextKind::Hint,
        }
    }

    /// The text's key: `ERR_QR_EXPIRED.message`, `categories.qr.title`. It is the PO entry's
    /// `msgctxt`, the XLIFF unit's id and the key in `[translated_from.<locale>]`.
    pub fn key(self, catalog: &Catalog) -> String {
        match self {
            TextId::CategoryTitle(i) => text_key_of_category(&catalog.categories[i].key),
            TextId::Message(i) | TextId::Detail(i) | TextId::Hint(i) => {
                text_key_of_code(&catalog.codes[i].code, self.kind())
            }
        }
    }

    /// The text in every locale (fallbacks filled in); a detail as written (its ICU source).
    /// Empty for an id that names no text of `catalog` (a detail of a code without one).
    pub fn texts(self, catalog: &Catalog) -> Vec<&str> {
        fn strs(texts: &[String]) -> Vec<&str> {
            texts.iter().map(String::as_str).collect()
        }
        match self {
            TextId::CategoryTitle(i) => strs(&catalog.categories[i].title),
            TextId::Message(i) => strs(&catalog.codes[i].message),
            TextId::Detail(i) => catalog.codes[i]
                .detail
                .as_deref()
                .unwrap_or_default()
                .iter()
                .map(|m| m.source.as_str())
                .collect(),
            TextId::Hint(i) => strs(catalog.codes[i].hint.as_deref().unwrap_or_default()),
        }
    }

    /// The text's state in every locale; empty for an id that names no text of `catalog`.
    pub fn states(self, catalog: &Catalog) -> &[TextState] {
        let t = &catalog.translations;
        match self {
            TextId::CategoryTitle(i) => &t.category_titles[i],
            TextId::Message(i) => &t.codes[i].message,
            TextId::Detail(i) => t.codes[i].detail.as_deref().unwrap_or_default(),
            TextId::Hint(i) => t.codes[i].hint.as_deref().unwrap_or_default(),
        }
    }

    /// The code a code's text belongs to.
    pub fn code(self) -> Option<usize> {
        match self {
            TextId::CategoryTitle(_) => None,
            TextId::Message(i) | TextId::Detail(i) | TextId::Hint(i) => Some(i),
        }
    }
}

/// The key of a category's title: `categories.qr.title`.
pub fn text_key_of_category(key: &str) -> String {
    format!("categories.{key}.title")
}

/// The key of a code's text: `ERR_QR_EXPIRED.message`.
pub fn text_key_of_code(code: &str, kind: TextKind) -> String {
    format!("{code}.{}", kind.field())
}

impl Catalog {
    /// Every translatable text, in the order translators see them: each category's title, then
    /// each code's message, detail and hint.
    pub fn texts(&self) -> impl Iterator<Item = TextId> + '_ {
        let titles = (0..self.categories.len()).map(TextId::CategoryTitle);
        let codes = self.codes.iter().enumerate().flat_map(|(i, code)| {
            [
                Some(TextId::Message(i)),
                code.detail.as_ref().map(|_| TextId::Detail(i)),
                code.hint.as_ref().map(|_| TextId::Hint(i)),
            ]
            .into_iter()
            .flatten()
        });
        titles.chain(codes)
    }

    /// The text whose key ([`TextId::key`]) is `key`.
    pub fn text_by_key(&self, key: &str) -> Option<TextId> {
        if let Some(category) = key
            .strip_prefix("categories.")
            .and_then(|k| k.strip_suffix(".title"))
        {
            return self
                .categories
                .iter()
                .position(|c| c.key == category)
                .map(TextId::CategoryTitle);
        }
        let (code, field) = key.rsplit_once('.')?;
        // The index, not a scan: an import looks up every entry of a PO file.
        let i = self.code_index(code)?;
        let spec = &self.codes[i];
        match field {
            "message" => Some(TextId::Message(i)),
            "detail" => spec.detail.as_ref().map(|_| TextId::Detail(i)),
            "hint" => spec.hint.as_ref().map(|_| TextId::Hint(i)),
            _ => None,
        }
    }

    /// Whether the locale at `locale` is a draft (declared in `draft_locales`).
    pub fn is_draft(&self, locale: usize) -> bool {
        self.translations
            .draft
            .get(locale)
            .copied()
            .unwrap_or(false)
    }
}

/// How far a locale's translation is: counts of its texts, for `l10n status` and file headers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    /// Translated and current.
    pub translated: usize,
    /// No text: the default locale's stands in.
    pub missing: usize,
    /// Translated from an earlier source text.
    pub stale: usize,
}

impl Counts {
    /// The counts of the locale at `locale`. The default locale counts every text translated.
    pub fn of(catalog: &Catalog, locale: usize) -> Self {
        let mut counts = Counts::default();
        for id in catalog.texts() {
            counts.total += 1;
            match id.states(catalog)[locale] {
                TextState::Source | TextState::Translated => counts.translated += 1,
                TextState::Fallback => counts.missing += 1,
                TextState::Stale { .. } => counts.stale += 1,
            }
        }
        counts
    }

    /// Whether every text is translated and current.
    pub fn is_complete(&self) -> bool {
        self.translated == self.total
    }
}

/// The hash a translation records of the default-locale text it translates: the first 4 bytes
/// of the text's SHA-256, written as 8 hex digits. Short enough to sit on one line beside its
/// key; a changed text keeping its hash is a 1-in-4-billion chance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SourceHash(pub [u8; 4]);

impl SourceHash {
    /// The hash of a source text, as `[translated_from]` records it.
    pub fn of(text: &str) -> Self {
        let digest = Sha256::digest(text.as_bytes());
        SourceHash([digest[0], digest[1], digest[2], digest[3]])
    }

    /// Reads the 8 hex digits [`SourceHash`]'s `Display` writes.
    pub fn parse(hex: &str) -> Option<Self> {
        if hex.len() != 8 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut bytes = [0; 4];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(SourceHash(bytes))
    }
}

impl std::fmt::Display for SourceHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

/// The gettext `Plural-Forms` header of a language, from CLDR's cardinal plural rules (integer
/// operands only, as gettext counts): `nplurals` is the number of categories an integer can
/// reach. A language missing here gets the most common rule, English's.
pub fn plural_forms(tag: &str) -> &'static str {
    let language = tag.split('-').next().unwrap_or(tag);
    let portugal = tag == "pt-PT";
    match language {
        // No plural distinction.
        "id" | "ja" | "ko" | "ms" | "th" | "zh" | "yue" | "my" | "lo" | "km" => {
            "nplurals=1; plural=0;"
        }
        // CLDR `vi`: 0 and 1 are `one`.
        "vi" => "nplurals=2; plural=(n > 1);",
        // CLDR `pt` (Brazil; and every pt but pt-PT) and `fr`: 0 and 1 are `one`, 1,000,000
        // and its multiples `many`.
        "pt" | "fr" if !portugal => {
            "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
        }
        // CLDR `es`, `it`, `ca`, `pt-PT`: one, many (1,000,000 and its multiples), other.
        "es" | "it" | "ca" | "pt" => {
            "nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
        }
        "ru" | "uk" | "be" => {
            "nplurals=3; plural=(n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2);"
        }
        "pl" => {
            "nplurals=3; plural=(n == 1 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2);"
        }
        "cs" | "sk" => "nplurals=3; plural=(n == 1) ? 0 : (n >= 2 && n <= 4) ? 1 : 2;",
        "ar" => {
            "nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n % 100 >= 3 && n % 100 <= 10 ? 3 : n % 100 >= 11 ? 4 : 5);"
        }
        _ => "nplurals=2; plural=(n != 1);",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_hash_round_trips_as_hex() {
        let hash = SourceHash::of("The QR code has expired.");
        assert_eq!(SourceHash::parse(&hash.to_string()), Some(hash));
        assert_eq!(hash.to_string().len(), 8);
        assert_ne!(hash, SourceHash::of("The QR code has expired"));
        assert_eq!(SourceHash::parse("xyz"), None);
        assert_eq!(SourceHash::parse("0123456g"), None);
    }

    #[test]
    fn portuguese_of_brazil_counts_zero_as_one() {
        assert_eq!(
            plural_forms("pt-BR"),
            "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
        );
        assert_ne!(plural_forms("pt-PT"), plural_forms("pt-BR"));
        assert!(plural_forms("es").starts_with("nplurals=3;"));
        assert_eq!(plural_forms("en"), "nplurals=2; plural=(n != 1);");
    }
}

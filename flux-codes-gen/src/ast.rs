//! The catalog file as written: every value with the byte span it came from.
//!
//! [`crate::load`] builds this from TOML, reporting what is malformed (unknown keys, wrong
//! types, missing fields); [`crate::valid`] then checks what it means and builds the model.

use std::ops::Range;

pub use toml::Spanned;

/// A `codes.toml` file.
#[derive(Debug, Default)]
pub struct CatalogFile {
    /// `None` when `[catalog]` is missing or malformed (already reported).
    pub catalog: Option<CatalogTable>,
    pub categories: Vec<CategoryTable>,
    pub codes: Vec<CodeTable>,
    /// The codes whose table is malformed (already reported): what else mentions them (a
    /// `[translated_from]` record) is not reported again.
    pub unloaded_codes: Vec<String>,
    /// `[translated_from.<locale>]`: per locale, what each translation was made from.
    pub translated_from: Vec<TranslatedFrom>,
}

/// `[catalog]`.
#[derive(Debug)]
pub struct CatalogTable {
    pub span: Range<usize>,
    pub name: Spanned<String>,
    pub default_locale: Spanned<String>,
    pub locales: Spanned<Vec<Spanned<String>>>,
    /// Locales in progress: generated like the others, a missing text falls back.
    pub draft_locales: Vec<Spanned<String>>,
    pub docs_url: Option<Spanned<String>>,
    pub reserved: Vec<Spanned<String>>,
    pub domain: Option<Spanned<String>>,
    pub internal_error: Option<Spanned<String>>,
    /// The code for a request the service cannot parse, e.g. `ERR_BAD_REQUEST`.
    pub bad_request: Option<Spanned<String>>,
    /// The catalog's semantic version, e.g. `1.4.0`.
    pub version: Option<Spanned<String>>,
    /// The npm package's name, e.g. `@flux/error-codes`.
    pub npm_package: Option<Spanned<String>>,
    /// `allowed_characters = { fa = ["U+200C"] }`: per locale, characters its texts may use
    /// although [`crate::chars`] refuses them.
    pub allowed_characters: Vec<(Spanned<String>, Vec<Spanned<String>>)>,
}

/// `[categories.<key>]`.
#[derive(Debug)]
pub struct CategoryTable {
    pub key: Spanned<String>,
    pub title: Localized,
}

/// `[codes.<CODE>]`.
#[derive(Debug)]
pub struct CodeTable {
    pub code: Spanned<String>,
    pub status: Spanned<i64>,
    pub retryable: Spanned<bool>,
    pub category: Spanned<String>,
    pub message: Localized,
    pub detail: Option<Localized>,
    pub hint: Option<Localized>,
    pub variant: Option<Spanned<String>>,
    pub deprecated: Option<Spanned<String>>,
    pub grpc: Option<Spanned<String>>,
}

/// `[translated_from.<locale>]`: `"ERR_X.message" = "<hash>"`, one line per translated text,
/// the short hash of the default-locale text the translation was made from (see
/// [`crate::model::source_hash`]).
#[derive(Debug)]
pub struct TranslatedFrom {
    pub locale: Spanned<String>,
    pub records: Vec<(Spanned<String>, Spanned<String>)>,
}

/// A text per locale: `{ en = "...", es = "..." }`, in file order.
#[derive(Debug)]
pub struct Localized {
    pub span: Range<usize>,
    pub texts: Vec<(Spanned<String>, Spanned<String>)>,
}

impl Localized {
    pub fn get(&self, locale: &str) -> Option<&Spanned<String>> {
        self.texts
            .iter()
            .find(|(tag, _)| tag.get_ref() == locale)
            .map(|(_, text)| text)
    }
}

/// The keys each table accepts: the loader rejects any other, and the JSON Schema lists these.
pub const TOP_KEYS: &[&str] = &["catalog", "categories", "codes", "translated_from"];
pub const CATALOG_KEYS: &[&str] = &[
    "name",
    "default_locale",
    "locales",
    "draft_locales",
    "docs_url",
    "reserved",
    "domain",
    "internal_error",
    "bad_request",
    "version",
    "npm_package",
    "allowed_characters",
];
pub const CATEGORY_KEYS: &[&str] = &["title"];
pub const CODE_KEYS: &[&str] = &[
    "status",
    "retryable",
    "category",
    "message",
    "detail",
    "hint",
    "variant",
    "deprecated",
    "grpc",
];

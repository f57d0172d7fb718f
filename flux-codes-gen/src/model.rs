//! The validated catalog: the facts every renderer reads, and where the file states them.
//!
//! A [`Catalog`] is obtainable only through [`crate::load_catalog`] / [`crate::parse_catalog`]
//! (load, then validate): its fields are private to the crate and read through accessors, so
//! every value a renderer meets has passed the validator's rules, and the renderers index
//! without checking. Texts are stored per locale, in the order of [`Catalog::locales`]; codes
//! and categories keep the file's order. Positions in the file ([`Catalog::code_location`]) are
//! kept in a side table that equality ignores, as `toml::Spanned` does: two files that say the
//! same thing are the same catalog.

use std::collections::HashMap;
use std::ops::Range;

pub use flux_codes_core::GrpcCode;
mod l10n;
pub(crate) mod proto_enum;

pub(crate) use crate::message::{Message, Param};
use flux_codes_core::locale_match::LocaleMatches;
pub(crate) use l10n::{CodeTranslations, Translations};
pub use l10n::{Counts, SourceHash, TextId, TextKind, TextState, plural_forms};

/// A catalog that passed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    pub(crate) name: String,
    /// BCP 47 tags, in declared order: `locales`, then `draft_locales`.
    pub(crate) locales: Vec<String>,
    /// Index into `locales`.
    pub(crate) default_locale: usize,
    /// Template with `{code}`, e.g. `https://docs.flux.example/errors#{code}`.
    pub(crate) docs_url: Option<String>,
    /// Retired code strings that may never be used again.
    pub(crate) reserved: Vec<String>,
    /// AIP-193's `ErrorInfo.domain` of every code, e.g. `flux.example`.
    pub(crate) domain: Option<String>,
    /// The catalog's semantic version (`[catalog] version`): the version of its npm package,
    /// its JSON export, its OpenAPI document and its pages. See [`Catalog::release_version`].
    pub(crate) version: Option<semver::Version>,
    /// The npm package's name (`[catalog] npm_package`, or `export --npm-package`); see
    /// [`crate::render::npm::package_name`] for the name without one.
    pub(crate) npm_package: Option<String>,
    /// The Kotlin export's package (`export --kotlin-package`); see
    /// [`crate::render::kotlin::package`] for the package without one.
    pub(crate) kotlin_package: Option<String>,
    pub(crate) categories: Vec<Category>,
    pub(crate) codes: Vec<CodeSpec>,
    /// Which locales are drafts, and the state of each text in each locale. A draft locale's
    /// missing texts are filled in with the default locale's, so every renderer can index
    /// every text by locale; these states tell which of them are fallbacks.
    pub(crate) translations: Translations,
    /// Which code plays which part for a runtime (`[catalog] internal_error`).
    pub(crate) roles: Roles,
    pub(crate) index: CodeIndex,
    pub(crate) spans: Spans,
    /// Per locale: the characters `[catalog] allowed_characters` lets its texts use although
    /// [`crate::chars`] refuses them.
    pub(crate) allowed_characters: Vec<Vec<char>>,
}

/// The codes a runtime answers with on its own, named by the catalog (indexes into
/// [`Catalog::codes`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Roles {
    /// `[catalog] internal_error`: the code for a failure of the error machinery itself.
    pub(crate) internal_error: Option<usize>,
    /// `[catalog] bad_request`: the code for a request the service cannot parse.
    pub(crate) bad_request: Option<usize>,
}

/// Code string to index in [`Catalog::codes`]: derived from the codes, so equality ignores it.
#[derive(Clone, Debug, Default)]
pub(crate) struct CodeIndex(pub(crate) HashMap<String, usize>);

impl PartialEq for CodeIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for CodeIndex {}

/// Where the file states each code and category: positions, which equality ignores.
#[derive(Clone, Debug, Default)]
pub(crate) struct Spans {
    /// Per code, in catalog order: its `[codes.<CODE>]` key.
    pub(crate) codes: Vec<Location>,
    /// Per category, in catalog order: its `[categories.<key>]` key.
    pub(crate) categories: Vec<Location>,
}

impl PartialEq for Spans {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Spans {}

/// A place in the catalog file: the byte range of a key, and where it starts and ends as the
/// diagnostics count lines and columns (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub bytes: Range<usize>,
    pub line: usize,
    pub column: usize,
    pub end_column: usize,
}

/// A `[categories.<key>]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub(crate) key: String,
    /// Rust variant name (`qr` -> `Qr`).
    pub(crate) variant: String,
    /// Per locale (a draft locale's missing title is the default locale's).
    pub(crate) title: Vec<String>,
}

/// A `[codes.<CODE>]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeSpec {
    /// The wire string, e.g. `ERR_QR_EXPIRED`.
    pub(crate) code: String,
    /// Rust variant name, e.g. `QrExpired`.
    pub(crate) variant: String,
    pub(crate) status: u16,
    pub(crate) retryable: bool,
    /// Index into [`Catalog::categories`].
    pub(crate) category: usize,
    /// Per locale.
    pub(crate) message: Vec<String>,
    /// Per locale: an ICU MessageFormat message, parsed (see [`crate::message`]).
    pub(crate) detail: Option<Vec<Message>>,
    /// Per locale.
    pub(crate) hint: Option<Vec<String>>,
    /// The detail's arguments with their types, in the default locale's order of first use;
    /// every locale's text uses the same names with the same types.
    pub(crate) params: Vec<Param>,
    /// Deprecation note, e.g. `Use ERR_X instead.`.
    pub(crate) deprecated: Option<String>,
    /// The gRPC status code: `grpc = "NAME"`, else derived from `status`.
    pub(crate) grpc: GrpcCode,
}

impl CodeSpec {
    /// The detail's text as written in the locale at `locale` (an index into
    /// [`Catalog::locales`]), for a code with a detail.
    pub fn detail_source(&self, locale: usize) -> Option<&str> {
        self.detail.as_ref().map(|d| d[locale].source.as_str())
    }

    /// The names of the params, in order.
    pub fn param_names(&self) -> impl Iterator<Item = &str> {
        self.params.iter().map(|p| p.name.as_str())
    }
}

impl Catalog {
    /// The characters `[catalog] allowed_characters` lets `locale`'s texts use although
    /// [`crate::chars`] refuses them.
    pub fn allowed_characters(&self, locale: usize) -> &[char] {
        self.allowed_characters
            .get(locale)
            .map_or(&[], Vec::as_slice)
    }

    /// The catalog's `name`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The BCP 47 tags of `catalog.locales` then `catalog.draft_locales`, canonical, in
    /// declared order: every per-locale text is indexed like this.
    pub fn locales(&self) -> &[String] {
        &self.locales
    }

    /// The index of `default_locale` in [`Catalog::locales`].
    pub fn default_locale(&self) -> usize {
        self.default_locale
    }

    /// Which of [`Catalog::locales`] answer a language range, by CLDR's likely subtags and
    /// parent locales: the table every locale matcher reads (the core's `LocaleMatches`).
    pub fn locale_matches(&self) -> LocaleMatches {
        let tags: Vec<&str> = self.locales.iter().map(String::as_str).collect();
        LocaleMatches::new(&tags)
    }

    /// The tag of `default_locale`.
    pub fn default_locale_tag(&self) -> &str {
        &self.locales[self.default_locale]
    }

    /// The `docs_url` template, with its `{code}` placeholder.
    pub fn docs_url_template(&self) -> Option<&str> {
        self.docs_url.as_deref()
    }

    /// Which locales are drafts, and the state of each text in each locale.
    pub fn translations(&self) -> &Translations {
        &self.translations
    }

    /// The catalog's `[catalog] version`, if it has one.
    pub fn version(&self) -> Option<&semver::Version> {
        self.version.as_ref()
    }

    /// The npm package's name the catalog (or [`Catalog::with_npm_package`]) gives.
    pub fn npm_package(&self) -> Option<&str> {
        self.npm_package.as_deref()
    }

    /// The Kotlin package [`Catalog::with_kotlin_package`] gave, if any.
    pub fn kotlin_package(&self) -> Option<&str> {
        self.kotlin_package.as_deref()
    }

    /// The version the exports carry: `[catalog] version`, or `0.0.0` for a catalog that has
    /// none (never released; npm and OpenAPI need some version).
    pub fn release_version(&self) -> semver::Version {
        self.version
            .clone()
            .unwrap_or_else(|| semver::Version::new(0, 0, 0))
    }

    /// The documentation URL of one code, from the `docs_url` template.
    pub fn docs_url(&self, code: &CodeSpec) -> Option<String> {
        self.docs_url
            .as_ref()
            .map(|template| template.replace("{code}", &code.code))
    }

    /// The retired code strings of `catalog.reserved`.
    pub fn reserved(&self) -> &[String] {
        &self.reserved
    }

    /// `[catalog] domain`: AIP-193's `ErrorInfo.domain` of every code, e.g. `flux.example`.
    pub fn domain(&self) -> Option<&str> {
        self.domain.as_deref()
    }

    /// The categories, in file order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The codes, in file order (the order of `ErrorCode::ALL` and of every export).
    pub fn codes(&self) -> &[CodeSpec] {
        &self.codes
    }

    /// The index in [`Catalog::codes`] of the code with this wire string.
    pub fn code_index(&self, code: &str) -> Option<usize> {
        self.index.0.get(code).copied()
    }

    /// The code with this wire string.
    pub fn code(&self, code: &str) -> Option<&CodeSpec> {
        self.code_index(code).map(|i| &self.codes[i])
    }

    /// The code `[catalog] internal_error` names: what a runtime answers when building an
    /// error response itself fails.
    pub fn internal_error(&self) -> Option<&CodeSpec> {
        self.roles.internal_error.map(|i| &self.codes[i])
    }

    /// The code `[catalog] bad_request` names: what a runtime answers for a request it cannot
    /// parse (an axum extractor's rejection).
    pub fn bad_request(&self) -> Option<&CodeSpec> {
        self.roles.bad_request.map(|i| &self.codes[i])
    }

    /// The codes of the category at `category` (an index into [`Catalog::categories`]), in
    /// catalog order.
    pub fn codes_in(&self, category: usize) -> impl Iterator<Item = &CodeSpec> {
        self.codes.iter().filter(move |c| c.category == category)
    }

    /// The category a code belongs to.
    pub fn category_of(&self, code: &CodeSpec) -> &Category {
        &self.categories[code.category]
    }

    /// Where the file declares the code at `index` of [`Catalog::codes`] (its table's key).
    pub fn code_location(&self, index: usize) -> Option<&Location> {
        self.spans.codes.get(index)
    }

    /// Where the file declares the category at `index` of [`Catalog::categories`].
    pub fn category_location(&self, index: usize) -> Option<&Location> {
        self.spans.categories.get(index)
    }
}

impl Category {
    /// The key in `[categories.<key>]`, e.g. `qr`.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The Rust variant name, e.g. `Qr`.
    pub fn variant(&self) -> &str {
        &self.variant
    }

    /// The title, per locale.
    pub fn title(&self) -> &[String] {
        &self.title
    }
}

impl CodeSpec {
    /// The wire string, e.g. `ERR_QR_EXPIRED`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The Rust variant name, e.g. `QrExpired`.
    pub fn variant(&self) -> &str {
        &self.variant
    }

    /// The HTTP status, 400..=599.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Whether the client may retry the same request unchanged.
    pub fn retryable(&self) -> bool {
        self.retryable
    }

    /// The index of its category in [`Catalog::categories`].
    pub fn category(&self) -> usize {
        self.category
    }

    /// The fixed message, per locale.
    pub fn message(&self) -> &[String] {
        &self.message
    }

    /// The detail, per locale: a parsed ICU MessageFormat message (its text is `source`).
    pub fn detail(&self) -> Option<&[Message]> {
        self.detail.as_deref()
    }

    /// The hint, per locale.
    pub fn hint(&self) -> Option<&[String]> {
        self.hint.as_deref()
    }

    /// The detail's params with their types, in order of first use in the default locale.
    pub fn params(&self) -> &[Param] {
        &self.params
    }

    /// The deprecation note, for a deprecated code.
    pub fn deprecated(&self) -> Option<&str> {
        self.deprecated.as_deref()
    }

    /// The gRPC status code of a call failing with this code: `grpc = "NAME"`, else derived
    /// from the HTTP status ([`GrpcCode::for_http_status`]).
    pub fn grpc(&self) -> GrpcCode {
        self.grpc
    }
}

pub use flux_codes_core::naming::{category_variant, code_variant, locale_variant};

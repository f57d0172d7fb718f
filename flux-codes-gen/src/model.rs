//! The validated catalog: the facts every renderer reads. Texts are stored per locale, in the
//! order of [`Catalog::locales`]; codes and categories keep the file's order.

pub use crate::grpc::GrpcCode;
mod l10n;

pub use l10n::{
    CodeTranslations, Counts, SourceHash, TextId, TextKind, TextState, Translations, plural_forms,
    text_key_of_category, text_key_of_code,
};

/// A catalog that passed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    pub name: String,
    /// BCP 47 tags, in declared order: `locales`, then `draft_locales`.
    pub locales: Vec<String>,
    /// Index into `locales`.
    pub default_locale: usize,
    /// Template with `{code}`, e.g. `https://docs.flux.example/errors#{code}`.
    pub docs_url: Option<String>,
    /// Retired code strings that may never be used again.
    pub reserved: Vec<String>,
    /// AIP-193's `ErrorInfo.domain` of every code, e.g. `flux.example`.
    pub domain: Option<String>,
    /// The catalog's semantic version (`[catalog] version`): the version of its npm package,
    /// its JSON export, its OpenAPI document and its pages. See [`Catalog::release_version`].
    pub version: Option<semver::Version>,
    /// The npm package's name (`[catalog] npm_package`, or `export --npm-package`); see
    /// [`crate::render::npm::package_name`] for the name without one.
    pub npm_package: Option<String>,
    pub categories: Vec<Category>,
    pub codes: Vec<CodeSpec>,
    /// Which locales are drafts, and the state of each text in each locale. A draft locale's
    /// missing texts are filled in with the default locale's, so every renderer can index
    /// every text by locale; these states tell which of them are fallbacks.
    pub translations: Translations,
}

/// A `[categories.<key>]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub key: String,
    /// Rust variant name (`qr` -> `Qr`).
    pub variant: String,
    /// Per locale (a draft locale's missing title is the default locale's).
    pub title: Vec<String>,
}

/// A `[codes.<CODE>]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeSpec {
    /// The wire string, e.g. `ERR_QR_EXPIRED`.
    pub code: String,
    /// Rust variant name, e.g. `QrExpired`.
    pub variant: String,
    pub status: u16,
    pub retryable: bool,
    /// Index into [`Catalog::categories`].
    pub category: usize,
    /// Per locale.
    pub message: Vec<String>,
    /// Per locale; placeholders `{name}`, literal braces `{{` and `}}`.
    pub detail: Option<Vec<String>>,
    /// Per locale.
    pub hint: Option<Vec<String>>,
    /// The detail's placeholders, in order of first use.
    pub params: Vec<String>,
    /// Deprecation note, e.g. `Use ERR_X instead.`.
    pub deprecated: Option<String>,
    /// The gRPC status code: `grpc = "NAME"`, else derived from `status`.
    pub grpc: GrpcCode,
}

impl Catalog {
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

    /// The codes of the category at `category` (an index into [`Catalog::categories`]), in
    /// catalog order.
    pub fn codes_in(&self, category: usize) -> impl Iterator<Item = &CodeSpec> {
        self.codes.iter().filter(move |c| c.category == category)
    }

    /// The category a code belongs to.
    pub fn category_of(&self, code: &CodeSpec) -> &Category {
        &self.categories[code.category]
    }

    pub fn default_locale_tag(&self) -> &str {
        &self.locales[self.default_locale]
    }
}

/// Rust variant name of a locale tag: `en` -> `En`, `es-CL` -> `EsCl`, `zh-Hant` -> `ZhHant`.
pub fn locale_variant(tag: &str) -> String {
    upper_camel(tag.split('-'))
}

/// Rust variant name of a code string: drop a leading `ERR_`, then UpperCamelCase.
pub fn code_variant(code: &str) -> String {
    upper_camel(code.strip_prefix("ERR_").unwrap_or(code).split('_'))
}

/// Rust variant name of a category key: `qr` -> `Qr`, `rate_limit` -> `RateLimit`.
pub fn category_variant(key: &str) -> String {
    upper_camel(key.split('_'))
}

fn upper_camel<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.extend(chars.flat_map(char::to_lowercase));
        }
    }
    out
}

//! Validation: what a well-formed catalog file means, checked rule by rule, into a [`Catalog`].
//!
//! Each rule reports at the span of the offending value, says what is wrong and how to fix it,
//! and validation goes on after a failure so that one build shows every problem.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

use crate::ast::{CatalogFile, CodeTable, Localized, Spanned, TranslatedFrom};
use crate::chars::{self, CodePoint};
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::message::{self, Key, Message, Node, Param, ParamType};
use crate::model::proto_enum;
use crate::model::{
    Catalog, Category, CodeIndex, CodeSpec, CodeTranslations, GrpcCode, Roles, SourceHash, Spans,
    TextState, Translations, category_variant, code_variant, locale_variant,
};
use crate::plural;
use flux_codes_core::code_shape::{MAX_CODE_LEN, is_code_shaped};

#[cfg(feature = "schema")]
/// `catalog.domain` as a regular expression (for JSON Schemas): what [`validate`] accepts,
/// with the length limit of 253 characters checked apart.
pub const DOMAIN_PATTERN: &str =
    r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$";

/// Most locales a catalog may declare (every text is checked once per locale).
pub const MAX_LOCALES: usize = 256;

/// Checks `file`; returns the model when no error was reported.
pub fn validate(file: &CatalogFile, diags: &mut Diagnostics) -> Option<Catalog> {
    let errors_before = diags.error_count();
    let mut v = Validator {
        diags,
        locales: Vec::new(),
        default_locale: 0,
        draft: Vec::new(),
        records: HashMap::new(),
        allowed: Vec::new(),
    };
    let mut catalog = Catalog {
        name: String::new(),
        locales: Vec::new(),
        default_locale: 0,
        docs_url: None,
        reserved: Vec::new(),
        domain: None,
        version: None,
        npm_package: None,
        kotlin_package: None,
        categories: Vec::new(),
        codes: Vec::new(),
        roles: Roles::default(),
        index: CodeIndex::default(),
        spans: Spans::default(),
        translations: Translations::default(),
        allowed_characters: Vec::new(),
    };
    let mut category_spans = Vec::new();
    let mut code_spans = Vec::new();
    if let Some(table) = &file.catalog {
        catalog.name = v
            .non_empty(&table.name, "`catalog.name`")
            .unwrap_or_default();
        catalog.locales = v.locales(&table.locales);
        catalog.default_locale = v
            .default_locale(&table.default_locale, &catalog.locales)
            .unwrap_or(0);
        let drafts = v.draft_locales(&table.draft_locales, &catalog.locales);
        catalog.translations.draft = catalog
            .locales
            .iter()
            .map(|_| false)
            .chain(drafts.iter().map(|_| true))
            .collect();
        catalog.locales.extend(drafts);
        v.locales = catalog.locales.clone();
        v.draft = catalog.translations.draft.clone();
        v.default_locale = catalog.default_locale;
        v.allowed = v.allowed_characters(&table.allowed_characters);
        catalog.allowed_characters = v.allowed.clone();
        v.records(&file.translated_from);
        catalog.docs_url = table.docs_url.as_ref().and_then(|url| v.docs_url(url));
        catalog.reserved = v.reserved(&table.reserved);
        catalog.domain = table.domain.as_ref().and_then(|d| v.domain(d));
        catalog.version = table
            .version
            .as_ref()
            .and_then(|version| v.version(version));
        catalog.npm_package =
            table
                .npm_package
                .as_ref()
                .and_then(|name| match npm_package_problem(name.get_ref()) {
                    None => Some(name.get_ref().clone()),
                    Some(problem) => {
                        v.diags.push(
                            Diagnostic::error(
                                format!(
                                    "`{}` is not an npm package name: {problem}",
                                    name.get_ref()
                                ),
                                Some(name.span()),
                            )
                            .with_help(
                                "write a name such as `flux-error-codes` or `@flux/error-codes`",
                            ),
                        );
                        None
                    }
                });
    }
    let mut category_variants: HashMap<String, &str> = HashMap::new();
    for table in &file.categories {
        let key = table.key.get_ref();
        if !is_category_key(key) {
            v.diags.push(
                Diagnostic::error(
                    format!("`{key}` is not a valid category key"),
                    Some(table.key.span()),
                )
                .with_help(
                    "a category key is lowercase snake_case, such as `payment` or `rate_limit`",
                ),
            );
        } else if let Some(first) = category_variants.insert(category_variant(key), key) {
            v.diags.push(
                Diagnostic::error(
                    format!(
                        "categories `{first}` and `{key}` both become the Rust variant `Category::{}`",
                        category_variant(key)
                    ),
                    Some(table.key.span()),
                )
                .with_label("second category with this variant name")
                .with_help("rename one of them; keys differing only in underscores name the same category"),
            );
        }
        let title = v.localized(
            &table.title,
            &format!("categories.{key}.title"),
            Text::Plain,
        );
        category_spans.push(table.key.span());
        let (title, states) = title.unwrap_or_default();
        catalog.categories.push(Category {
            key: key.clone(),
            variant: category_variant(key),
            title,
        });
        catalog.translations.category_titles.push(states);
    }
    let lookup = Lookup {
        categories: catalog
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key.clone(), i))
            .rev()
            .collect(),
        reserved: catalog.reserved.iter().cloned().collect(),
    };
    let mut variants: BTreeMap<String, &Spanned<String>> = BTreeMap::new();
    let mut proto_keys: HashMap<String, &Spanned<String>> = HashMap::new();
    for table in &file.codes {
        if let Some((code, translations)) = v.code(table, &catalog, &lookup) {
            if let Some(first) = variants.get(&code.variant) {
                v.diags.push(
                    Diagnostic::error(
                        format!(
                            "`{}` and `{}` both become the Rust variant `ErrorCode::{}`",
                            first.get_ref(),
                            code.code,
                            code.variant
                        ),
                        Some(table.code.span()),
                    )
                    .with_label("second code with this variant name")
                    .with_help("give one of them its own name with `variant = \"...\"`"),
                );
            } else {
                variants.insert(code.variant.clone(), &table.code);
                // Two codes differing only in underscores (or one in the proto enum's name as
                // a prefix) would be one value to protoc: the proto export could not compile.
                let key = proto_enum::value_key(&code.code);
                if let Some(first) = proto_keys.get(&key) {
                    v.diags.push(
                        Diagnostic::error(
                            format!(
                                "`{}` and `{}` are the same name to protoc (`{key}`)",
                                first.get_ref(),
                                code.code,
                            ),
                            Some(table.code.span()),
                        )
                        .with_label("second code with this name in the proto export")
                        .with_help("protoc compares enum values without underscores and the `ERROR_REASON_` prefix; choose a code string that differs in letters or digits"),
                    );
                } else {
                    proto_keys.insert(key, &table.code);
                }
            }
            code_spans.push(table.code.span());
            catalog.codes.push(code);
            catalog.translations.codes.push(translations);
        }
    }
    catalog.index = CodeIndex(
        catalog
            .codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code.clone(), i))
            .collect(),
    );
    if let Some(name) = file
        .catalog
        .as_ref()
        .and_then(|t| t.internal_error.as_ref())
    {
        catalog.roles.internal_error = v.role(name, "internal_error", &catalog, &file.codes);
    }
    if let Some(name) = file.catalog.as_ref().and_then(|t| t.bad_request.as_ref()) {
        catalog.roles.bad_request = v.role(name, "bad_request", &catalog, &file.codes);
    }
    v.unused_records(&file.unloaded_codes);
    catalog.spans = Spans {
        codes: diags.locations(code_spans),
        categories: diags.locations(category_spans),
    };
    (diags.error_count() == errors_before).then_some(catalog)
}

/// A part a runtime needs the catalog to name a code for (`[catalog] <role> = "CODE"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Role {
    /// `internal_error`: the code a runtime answers when building an error response itself
    /// fails (`flux-codes`' `From<ExtensionError> for ApiError`).
    InternalError,
    /// `bad_request`: the code a runtime answers for a request it cannot parse (`flux-codes`'
    /// axum extractor rejections).
    BadRequest,
}

impl Role {
    fn key(self) -> &'static str {
        match self {
            Role::InternalError => "internal_error",
            Role::BadRequest => "bad_request",
        }
    }

    /// What the role's code is for, in a diagnostic's help.
    fn purpose(self) -> &'static str {
        match self {
            Role::InternalError => "the code answered when building an error response itself fails",
            Role::BadRequest => "the code answered for a request the service cannot parse",
        }
    }
}

/// Reports each of `roles` the catalog does not name, at its `[catalog]` table: a runtime that
/// needs a role cannot be generated without it.
pub(crate) fn require_roles(
    file: &CatalogFile,
    catalog: &Catalog,
    roles: &[Role],
    diags: &mut Diagnostics,
) {
    for role in roles {
        let named = match role {
            Role::InternalError => catalog.roles.internal_error.is_some(),
            Role::BadRequest => catalog.roles.bad_request.is_some(),
        };
        if named {
            continue;
        }
        let at = file
            .catalog
            .as_ref()
            .map_or(0..0, |t| t.span.start..t.span.start);
        let key = role.key();
        let example = catalog
            .codes
            .iter()
            .find(|c| match role {
                Role::InternalError => c.status >= 500,
                Role::BadRequest => c.status == 400,
            })
            .or(catalog.codes.first());
        diags.push(
            Diagnostic::error(
                format!(
                    "the catalog names no `{key}` code, which the generated code's runtime needs"
                ),
                Some(at),
            )
            .with_label(format!("`[catalog]` has no `{key}`"))
            .with_help(format!(
                "add `{key} = \"{}\"` to `[catalog]`: {}",
                example.map_or("<a code of the catalog>", |c| c.code.as_str()),
                role.purpose()
            )),
        );
    }
}

/// Hash lookups for the per-code checks, so a catalog of many codes, categories or reserved
/// strings validates in linear time.
struct Lookup {
    /// Category key to its first index.
    categories: HashMap<String, usize>,
    reserved: HashSet<String>,
}

/// Whether a text may hold placeholders.
#[derive(Clone, Copy, PartialEq)]
enum Text {
    Plain,
    Template,
}

struct Validator<'d, 'f> {
    diags: &'d mut Diagnostics,
    /// The declared locales (empty when `[catalog]` is broken: locale checks are then skipped).
    locales: Vec<String>,
    /// Index of the default locale, whose detail text orders a code's params.
    default_locale: usize,
    /// Per locale: a draft (its missing texts fall back to the default locale's).
    draft: Vec<bool>,
    /// `[translated_from.<locale>]` records, by (locale, text key), with whether a text used
    /// them (the rest are reported as records of nothing).
    records: HashMap<(String, String), Record<'f>>,
    /// Per locale: the characters `[catalog] allowed_characters` lets its texts use.
    allowed: Vec<Vec<char>>,
}

/// One `"ERR_X.message" = "<hash>"` line of `[translated_from.<locale>]`.
struct Record<'f> {
    key: &'f Spanned<String>,
    hash: Option<SourceHash>,
    used: bool,
}

impl<'f> Validator<'_, 'f> {
    /// `[catalog] <key> = "CODE"`: the index of a code of the catalog. A code whose table has
    /// errors of its own is not reported again.
    fn role(
        &mut self,
        name: &Spanned<String>,
        key: &str,
        catalog: &Catalog,
        tables: &[CodeTable],
    ) -> Option<usize> {
        let given = name.get_ref();
        if let Some(index) = catalog.code_index(given) {
            return Some(index);
        }
        if tables.iter().any(|t| t.code.get_ref() == given) {
            return None;
        }
        let mut d = Diagnostic::error(
            format!("`{key} = \"{given}\"` names no code of the catalog"),
            Some(name.span()),
        )
        .with_label("not a key of `[codes]`");
        d = match did_you_mean(given, catalog.codes.iter().map(|c| c.code.as_str())) {
            Some(near) => d.with_help(format!("did you mean `{near}`?")),
            None => d.with_help(format!(
                "name one of the catalog's codes, or declare it as `[codes.{given}]`"
            )),
        };
        self.diags.push(d);
        None
    }

    fn non_empty(&mut self, value: &Spanned<String>, what: &str) -> Option<String> {
        if value.get_ref().trim().is_empty() {
            self.diags.push(
                Diagnostic::error(format!("{what} is empty"), Some(value.span()))
                    .with_help("write the text; an empty string shows users nothing"),
            );
            return None;
        }
        Some(value.get_ref().clone())
    }

    fn locales(&mut self, locales: &Spanned<Vec<Spanned<String>>>) -> Vec<String> {
        if locales.get_ref().is_empty() {
            self.diags.push(
                Diagnostic::error("`catalog.locales` is empty", Some(locales.span()))
                    .with_help(r#"declare at least one locale, e.g. `locales = ["en"]`"#),
            );
        }
        if locales.get_ref().len() > MAX_LOCALES {
            self.diags.push(
                Diagnostic::error(
                    format!(
                        "`catalog.locales` declares {} locales, more than the {MAX_LOCALES} a catalog may have",
                        locales.get_ref().len()
                    ),
                    Some(locales.span()),
                )
                .with_help("declare the languages the product is translated into"),
            );
            return Vec::new();
        }
        // Each locale's first declaration, for labelling a repeated one.
        let mut seen: BTreeMap<_, std::ops::Range<usize>> = BTreeMap::new();
        let mut out = Vec::new();
        for tag in locales.get_ref() {
            let Some(canonical) = self.locale_tag(tag) else {
                continue;
            };
            if self.first_declaration(&mut seen, &canonical, tag) {
                out.push(canonical);
            }
        }
        out
    }

    /// Records `tag`'s first declaration in `seen`, or reports it as declared twice (with the
    /// first declaration labelled); whether it was the first.
    fn first_declaration(
        &mut self,
        seen: &mut BTreeMap<String, std::ops::Range<usize>>,
        canonical: &str,
        tag: &Spanned<String>,
    ) -> bool {
        match seen.entry(locale_variant(canonical)) {
            std::collections::btree_map::Entry::Occupied(first) => {
                self.diags.push(
                    Diagnostic::error(
                        format!("locale `{canonical}` is declared twice"),
                        Some(tag.span()),
                    )
                    .with_label("second declaration")
                    .with_related(first.get().clone(), "first declaration")
                    .with_help("remove the repeated tag"),
                );
                false
            }
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(tag.span());
                true
            }
        }
    }

    /// `allowed_characters`: per declared locale, characters [`chars`] refuses, as `U+XXXX`.
    fn allowed_characters(
        &mut self,
        tables: &[(Spanned<String>, Vec<Spanned<String>>)],
    ) -> Vec<Vec<char>> {
        let mut allowed = vec![Vec::new(); self.locales.len()];
        for (tag, items) in tables {
            let Some(locale) = self.locales.iter().position(|l| l == tag.get_ref()) else {
                let d = Diagnostic::error(
                    format!(
                        "`allowed_characters` names `{}`, which is not a declared locale",
                        tag.get_ref()
                    ),
                    Some(tag.span()),
                );
                let d = match did_you_mean(tag.get_ref(), self.locales.iter().map(String::as_str)) {
                    Some(near) => d.with_help(format!("did you mean `{near}`?")),
                    None => {
                        d.with_help(format!("the declared locales are {}", list(&self.locales)))
                    }
                };
                self.diags.push(d);
                continue;
            };
            for item in items {
                match chars::parse_code_point(item.get_ref()) {
                    None => self.diags.push(
                        Diagnostic::error(
                            format!("`{}` is not a code point", item.get_ref()),
                            Some(item.span()),
                        )
                        .with_help("write a character as `U+` and its hexadecimal code point, e.g. `\"U+200C\"`"),
                    ),
                    Some(c) if chars::class(c).is_none() => self.diags.push(
                        Diagnostic::error(
                            format!("{} is not a refused character", CodePoint(c)),
                            Some(item.span()),
                        )
                        .with_help("`allowed_characters` lists only bidirectional controls, control characters, invisible characters and joiners; remove this entry"),
                    ),
                    Some(c) => allowed[locale].push(c),
                }
            }
        }
        allowed
    }

    /// A text holds no character [`chars`] refuses (bar its locale's `allowed_characters`):
    /// one diagnostic, at the first offender, naming it by code point.
    fn characters(&mut self, text: &Spanned<String>, locale: usize, what: &str) -> bool {
        // Most texts hold no character of a refused class: only a text that does is located
        // character by character (the generator's time at 10,000 codes).
        if !text.get_ref().chars().any(|c| chars::class(c).is_some()) {
            return true;
        }
        let span = text.span();
        let raw = self.diags.source.get(span.clone()).unwrap_or_default();
        let located = chars::toml_string_chars(raw, span.start)
            .unwrap_or_else(|| text.get_ref().chars().map(|c| (span.start, c)).collect());
        let allowed = self.allowed.get(locale).map_or(&[][..], Vec::as_slice);
        let Some((at, c, refusal)) = chars::first_refused(&located, allowed) else {
            return true;
        };
        let tag = &self.locales[locale];
        let width = raw
            .get(at - span.start..)
            .and_then(|rest| rest.chars().next())
            .map_or(1, |first| if first == c { c.len_utf8() } else { 1 });
        self.diags.push(
            Diagnostic::error(
                format!(
                    "the `{tag}` text of `{what}` contains {}",
                    CodePoint(c)
                ),
                Some(at..at + width),
            )
            .with_label(refusal.describe())
            .with_help(format!(
                "remove it; if `{tag}` really needs it, allow it for that locale in `[catalog]`: `allowed_characters = {{ {tag} = [\"U+{:04X}\"] }}`",
                u32::from(c)
            )),
        );
        false
    }

    /// `draft_locales`: tags like `locales`' that none of `locales` repeats.
    fn draft_locales(&mut self, drafts: &[Spanned<String>], locales: &[String]) -> Vec<String> {
        if locales.len() + drafts.len() > MAX_LOCALES {
            self.diags.push(
                Diagnostic::error(
                    format!("`catalog.locales` and `catalog.draft_locales` declare more than the {MAX_LOCALES} locales a catalog may have"),
                    drafts.first().map(Spanned::span),
                )
                .with_help("declare the languages the product is translated into"),
            );
            return Vec::new();
        }
        let mut seen = BTreeMap::new();
        let mut out = Vec::new();
        for tag in drafts {
            let Some(canonical) = self.locale_tag(tag) else {
                continue;
            };
            if locales.contains(&canonical) {
                self.diags.push(
                    Diagnostic::error(
                        format!("locale `{canonical}` is in both `locales` and `draft_locales`"),
                        Some(tag.span()),
                    )
                    .with_label("also a complete locale")
                    .with_help("a locale is complete (`locales`) or in progress (`draft_locales`); promoting a draft is moving its tag to `locales`"),
                );
            } else if self.first_declaration(&mut seen, &canonical, tag) {
                out.push(canonical);
            }
        }
        out
    }

    /// A tag's canonical form, or an error at the tag when it is not one.
    fn locale_tag(&mut self, tag: &Spanned<String>) -> Option<String> {
        match canonical_locale(tag.get_ref()) {
            None => {
                self.diags.push(
                    Diagnostic::error(
                        format!("`{}` is not a BCP 47 language tag", tag.get_ref()),
                        Some(tag.span()),
                    )
                    .with_help("use a tag such as `en`, `es`, `es-CL` or `zh-Hant`"),
                );
                None
            }
            Some(canonical) if canonical != *tag.get_ref() => {
                self.diags.push(
                    Diagnostic::error(
                        format!("locale `{}` is not in canonical form", tag.get_ref()),
                        Some(tag.span()),
                    )
                    .with_help(format!("write it as `{canonical}`")),
                );
                None
            }
            Some(canonical) => Some(canonical),
        }
    }

    /// Indexes `[translated_from.<locale>]`: a record names a locale that translates (declared,
    /// not the default) and holds a hash. Which text each names is checked as texts use them.
    fn records(&mut self, tables: &'f [TranslatedFrom]) {
        for table in tables {
            let locale = table.locale.get_ref();
            let Some(index) = self.locales.iter().position(|l| l == locale) else {
                if !self.locales.is_empty() {
                    self.diags.push(
                        Diagnostic::warning(
                            format!("`[translated_from.{locale}]` is for `{locale}`, which is not a declared locale"),
                            Some(table.locale.span()),
                        )
                        .with_label("no such locale")
                        .with_help("remove this table, or declare the locale in `locales` or `draft_locales`"),
                    );
                }
                continue;
            };
            if index == self.default_locale {
                self.diags.push(
                    Diagnostic::warning(
                        format!("`[translated_from.{locale}]` is for the default locale, which is not a translation"),
                        Some(table.locale.span()),
                    )
                    .with_label("the source locale")
                    .with_help("remove this table"),
                );
                continue;
            }
            for (key, hash) in &table.records {
                let parsed = SourceHash::parse(hash.get_ref());
                if parsed.is_none() {
                    self.diags.push(
                        Diagnostic::error(
                            format!("`{}` is not a source hash", hash.get_ref()),
                            Some(hash.span()),
                        )
                        .with_label("expected 8 hex digits")
                        .with_help("remove the line (the translation is then taken as current), or import the translation again with `flux-codes l10n import`"),
                    );
                }
                self.records.insert(
                    (locale.clone(), key.get_ref().clone()),
                    Record {
                        key,
                        hash: parsed,
                        used: false,
                    },
                );
            }
        }
    }

    /// Warns about each record no text used: its code or text was removed. A record of a code
    /// whose table failed to load (`unloaded`, already reported) is no news: one mistake, one
    /// diagnostic.
    fn unused_records(&mut self, unloaded: &[String]) {
        let of_unloaded = |key: &str| {
            key.split_once('.')
                .is_some_and(|(code, _)| unloaded.iter().any(|u| u == code))
        };
        let mut unused: Vec<_> = self
            .records
            .iter()
            .filter(|((_, key), r)| !r.used && !of_unloaded(key))
            .map(|((locale, key), r)| (r.key.span(), locale.clone(), key.clone()))
            .collect();
        unused.sort_by_key(|(span, _, _)| span.start);
        for (span, locale, key) in unused {
            self.diags.push(
                Diagnostic::warning(
                    format!("`[translated_from.{locale}]` has a record of `{key}`, which is not a text of the catalog"),
                    Some(span),
                )
                .with_label("no such text")
                .with_help("remove the line: its text was removed or renamed"),
            );
        }
    }

    /// `[catalog] version`: a semantic version (`1.4.0`, `2.0.0-beta.1`).
    fn version(&mut self, version: &Spanned<String>) -> Option<semver::Version> {
        match semver::Version::parse(version.get_ref()) {
            Ok(parsed) => Some(parsed),
            Err(error) => {
                self.diags.push(
                    Diagnostic::error(
                        format!("`{}` is not a semantic version: {error}", version.get_ref()),
                        Some(version.span()),
                    )
                    .with_label("expected MAJOR.MINOR.PATCH")
                    .with_help("write it as `1.4.0` (https://semver.org)"),
                );
                None
            }
        }
    }

    fn default_locale(&mut self, tag: &Spanned<String>, locales: &[String]) -> Option<usize> {
        let found = locales.iter().position(|l| l == tag.get_ref());
        if found.is_none() && !locales.is_empty() {
            let mut d = Diagnostic::error(
                format!(
                    "`default_locale = \"{}\"` is not one of `locales`",
                    tag.get_ref()
                ),
                Some(tag.span()),
            )
            .with_label("not declared in `locales`");
            d = match did_you_mean(tag.get_ref(), locales.iter().map(String::as_str)) {
                Some(near) => d.with_help(format!("did you mean `{near}`?")),
                None => d.with_help(format!(
                    "use one of {}, or add it to `locales`",
                    list(locales)
                )),
            };
            self.diags.push(d);
        }
        found
    }

    fn docs_url(&mut self, url: &Spanned<String>) -> Option<String> {
        if !url.get_ref().contains("{code}") {
            self.diags.push(
                Diagnostic::error("`docs_url` has no `{code}` placeholder", Some(url.span()))
                    .with_help("put `{code}` where each code's anchor goes, e.g. `https://docs.example/errors#{code}`"),
            );
            return None;
        }
        Some(url.get_ref().clone())
    }

    fn reserved(&mut self, reserved: &[Spanned<String>]) -> Vec<String> {
        let mut seen = HashSet::new();
        let mut out: Vec<String> = Vec::new();
        for code in reserved {
            if self.code_shape(code) && seen.insert(code.get_ref().as_str()) {
                out.push(code.get_ref().clone());
            }
        }
        out
    }

    fn code_shape(&mut self, code: &Spanned<String>) -> bool {
        let s = code.get_ref();
        let valid = is_code_shaped(s);
        if !valid {
            let mut d = Diagnostic::error(
                format!("`{s}` is not a valid code string"),
                Some(code.span()),
            )
            .with_label(format!(
                "codes match ^[A-Z][A-Z0-9_]*$, at most {MAX_CODE_LEN} characters"
            ));
            let fixed: String = s
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_uppercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            if s.len() <= MAX_CODE_LEN && fixed.starts_with(|c: char| c.is_ascii_uppercase()) {
                d = d.with_help(format!("write it as `{fixed}`"));
            } else {
                d = d.with_help(format!("use uppercase ASCII letters, digits and `_`, starting with a letter, at most {MAX_CODE_LEN} characters"));
            }
            self.diags.push(d);
        }
        valid
    }

    fn code(
        &mut self,
        table: &CodeTable,
        catalog: &Catalog,
        lookup: &Lookup,
    ) -> Option<(CodeSpec, CodeTranslations)> {
        let code = table.code.get_ref();
        let what = format!("codes.{code}");
        let mut ok = self.code_shape(&table.code);
        if lookup.reserved.contains(code) {
            self.diags.push(
                Diagnostic::error(
                    format!("`{code}` is a reserved code and may not be used again"),
                    Some(table.code.span()),
                )
                .with_label("listed in `catalog.reserved`")
                .with_help(
                    "a retired code string lives on in old clients; choose a new code string",
                ),
            );
            ok = false;
        }
        let status = *table.status.get_ref();
        if !(400..=599).contains(&status) {
            self.diags.push(
                Diagnostic::error(
                    format!("status {status} is not an HTTP error status"),
                    Some(table.status.span()),
                )
                .with_label("expected 400..=599")
                .with_help("use a 4xx status for client errors and a 5xx status for server errors"),
            );
            ok = false;
        }
        let category = lookup.categories.get(table.category.get_ref()).copied();
        if category.is_none() {
            let given = table.category.get_ref();
            let mut d = Diagnostic::error(
                format!("category `{given}` does not exist"),
                Some(table.category.span()),
            )
            .with_label("not a key of `[categories]`");
            d = match did_you_mean(given, catalog.categories.iter().map(|c| c.key.as_str())) {
                Some(near) => d.with_help(format!("did you mean `{near}`?")),
                None => d.with_help(format!(
                    "declare it as `[categories.{given}]`, or use an existing category"
                )),
            };
            self.diags.push(d);
        }
        let variant = match &table.variant {
            Some(v) if !is_variant_name(v.get_ref()) => {
                self.diags.push(
                    Diagnostic::error(
                        format!("`{}` is not a valid Rust variant name", v.get_ref()),
                        Some(v.span()),
                    )
                    .with_help(
                        "use UpperCamelCase ASCII, starting with a letter, e.g. `QrExpired`",
                    ),
                );
                None
            }
            Some(v) => Some(v.get_ref().clone()),
            None => {
                let derived = code_variant(code);
                if ok && !is_variant_name(&derived) {
                    self.diags.push(
                        Diagnostic::error(format!("`{code}` gives the Rust name `{derived}`, which is not a valid variant name"), Some(table.code.span()))
                            .with_help("set `variant = \"...\"` to an UpperCamelCase name starting with a letter"),
                    );
                    None
                } else {
                    Some(derived)
                }
            }
        };
        let message = self.localized(&table.message, &format!("{what}.message"), Text::Plain);
        let hint = table
            .hint
            .as_ref()
            .map(|hint| self.localized(hint, &format!("{what}.hint"), Text::Plain));
        let detail = table
            .detail
            .as_ref()
            .map(|detail| self.detail(detail, &format!("{what}.detail")));
        let params = match &detail {
            Some(Some((messages, _))) => {
                self.params(table.detail.as_ref()?, messages, &format!("{what}.detail"))?
            }
            _ => Vec::new(),
        };
        let deprecated = match &table.deprecated {
            Some(note) => Some(self.non_empty(note, &format!("`{what}.deprecated`"))?),
            None => None,
        };
        let grpc = match &table.grpc {
            Some(name) => self.grpc(name),
            None => Some(GrpcCode::for_http_status(status as u16)),
        };
        if !ok {
            return None;
        }
        let (message, message_states) = message?;
        let (detail, detail_states) = detail.map(|d| d.ok_or(())).transpose().ok()?.unzip();
        let (hint, hint_states) = hint.map(|h| h.ok_or(())).transpose().ok()?.unzip();
        let spec = CodeSpec {
            code: code.clone(),
            variant: variant?,
            status: status as u16,
            retryable: *table.retryable.get_ref(),
            category: category?,
            message,
            detail,
            hint,
            params,
            deprecated,
            grpc: grpc?,
        };
        let translations = CodeTranslations {
            message: message_states,
            detail: detail_states,
            hint: hint_states,
        };
        Some((spec, translations))
    }

    /// `catalog.domain`: AIP-193's `ErrorInfo.domain`, a DNS-like name such as
    /// `pubsub.googleapis.com` (lowercase labels of letters, digits and inner hyphens).
    fn domain(&mut self, domain: &Spanned<String>) -> Option<String> {
        let name = domain.get_ref();
        if is_domain_name(name) {
            return Some(name.clone());
        }
        let lower = name.trim().to_ascii_lowercase();
        let help = if is_domain_name(&lower) {
            format!("write it as `{lower}`")
        } else {
            "use the service's DNS-like name, e.g. `payments.flux.example`: two or more dot-separated \
             labels of lowercase letters, digits and inner hyphens, at most 253 characters"
                .to_owned()
        };
        self.diags.push(
            Diagnostic::error(
                format!("`{}` is not a valid error domain", name.escape_debug()),
                Some(domain.span()),
            )
            .with_label("not a DNS-like name")
            .with_help(help),
        );
        None
    }

    /// A code's `grpc = "NAME"` override: a canonical `google.rpc.Code` name other than `OK`.
    fn grpc(&mut self, name: &Spanned<String>) -> Option<GrpcCode> {
        let given = name.get_ref();
        match GrpcCode::from_name(given) {
            Some(GrpcCode::Ok) => {
                self.diags.push(
                    Diagnostic::error("`grpc = \"OK\"` would answer an error as a success", Some(name.span()))
                        .with_label("not an error code")
                        .with_help("remove `grpc` to use the code derived from `status`, or name an error code such as `FAILED_PRECONDITION`"),
                );
                None
            }
            Some(code) => Some(code),
            None => {
                let names = GrpcCode::ALL[1..].iter().map(|c| c.name());
                let upper = given.trim().to_ascii_uppercase().replace([' ', '-'], "_");
                let help = match did_you_mean(&upper, names.clone()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "use one of {}",
                        names
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.diags.push(
                    Diagnostic::error(
                        format!("`{}` is not a gRPC status code", given.escape_debug()),
                        Some(name.span()),
                    )
                    .with_label("not a canonical `google.rpc.Code` name")
                    .with_help(help),
                );
                None
            }
        }
    }

    /// A detail: its texts, each parsed as a message and checked against its locale's plural
    /// rules.
    /// A draft locale without a text of its own takes the default locale's message (checked
    /// there already).
    /// While the default locale's text does not parse, its translations are not reported stale:
    /// the one mistake is the source's (one mistake, one diagnostic).
    fn detail(&mut self, texts: &Localized, what: &str) -> Option<(Vec<Message>, Vec<TextState>)> {
        let (sources, states, stale) =
            self.localized_deferring_stale(texts, what, Text::Template)?;
        let mut messages = Vec::with_capacity(sources.len());
        let mut ok = true;
        let mut source_parses = true;
        for (index, ((locale, source), state)) in self
            .locales
            .clone()
            .iter()
            .zip(sources)
            .zip(&states)
            .enumerate()
        {
            let text = self.own_or_default(texts, locale)?;
            let parsed = message::parse(&source);
            if index == self.default_locale && parsed.is_err() {
                source_parses = false;
            }
            match parsed {
                Ok(parsed) => {
                    if *state != TextState::Fallback {
                        ok &= self.old_close_escape(text, &parsed, what);
                        ok &= self.plural_forms(text, &parsed, locale, what);
                    }
                    messages.push(parsed);
                }
                // A fallback is the default locale's text, whose error is reported already.
                Err(_) if *state == TextState::Fallback => ok = false,
                Err(e) => {
                    ok = false;
                    let span = self.inner_span(text, e.at);
                    let mut d = Diagnostic::error(
                        format!("{} in the `{locale}` text of `{what}`", e.message),
                        Some(span),
                    )
                    .with_help(e.help);
                    if let Some(label) = e.label {
                        d = d.with_label(label);
                    }
                    self.diags.push(d);
                }
            }
        }
        if source_parses {
            for warning in stale {
                self.diags.push(warning);
            }
        }
        ok.then_some((messages, states))
    }

    /// The text of `locale`, or the default locale's for a draft locale without one.
    fn own_or_default<'t>(
        &self,
        texts: &'t Localized,
        locale: &str,
    ) -> Option<&'t Spanned<String>> {
        texts
            .get(locale)
            .or_else(|| texts.get(self.locales.get(self.default_locale)?))
    }

    /// `}}` in a detail's literal text: ICU reads it as two braces, the old templates as one.
    fn old_close_escape(&mut self, text: &Spanned<String>, parsed: &Message, what: &str) -> bool {
        let Some(at) = unquoted_close_pair(parsed) else {
            return true;
        };
        let span = self.inner_span(text, at..at + 2);
        self.diags.push(
            Diagnostic::error(
                format!("`}}}}` in `{what}` is no longer an escape for a literal brace"),
                Some(span),
            )
            .with_label("ICU MessageFormat shows both braces")
            .with_help(format!(
                "details are ICU MessageFormat messages: quote literal braces with apostrophes, e.g. `{}`",
                message::new_spelling(&parsed.source)
            )),
        );
        false
    }

    /// Each plural's options against the CLDR categories of `locale`: only categories the
    /// language has (an error), and every one of them (a warning naming a number that would
    /// fall back to `other`).
    fn plural_forms(
        &mut self,
        text: &Spanned<String>,
        parsed: &Message,
        locale: &str,
        what: &str,
    ) -> bool {
        let Some(categories) = plural::plural_categories(locale) else {
            return true;
        };
        let mut ok = true;
        for node in parsed.plurals() {
            let Node::Plural { branches, .. } = node else {
                continue;
            };
            for branch in branches {
                let Key::Keyword(key) = &branch.key else {
                    continue;
                };
                if categories.contains(&key.as_str()) {
                    continue;
                }
                ok = false;
                let span = self.inner_span(text, branch.key_span.clone());
                let d = if plural::CATEGORIES.contains(&key.as_str()) {
                    Diagnostic::error(
                        format!("the `{locale}` text of `{what}` has a `{key}` option, but `{locale}` has no plural category `{key}`"),
                        Some(span),
                    )
                    .with_label(format!("never chosen in `{locale}`"))
                    .with_help(format!(
                        "CLDR gives `{locale}` the categories {}; use those (or `=N` for an exact number)",
                        list_strs(&categories)
                    ))
                } else {
                    Diagnostic::error(
                        format!(
                            "`{key}` in the `{locale}` text of `{what}` is not a plural category"
                        ),
                        Some(span),
                    )
                    .with_label("not zero, one, two, few, many or other")
                    .with_help(format!(
                        "`{locale}` has the categories {}; write `=N` for an exact number",
                        list_strs(&categories)
                    ))
                };
                self.diags.push(d);
            }
        }
        for missing in plural::missing_categories(parsed, locale) {
            let (name, category, example) = (missing.param, missing.category, &missing.example);
            let span = self.inner_span(text, missing.name_span.clone());
            self.diags.push(
                Diagnostic::warning(
                    format!("the `{locale}` text of `{what}` has no `{category}` option for `{{{name}}}`"),
                    Some(span),
                )
                .with_label(format!("`{name}` = {example} falls back to `other`"))
                .with_help(format!(
                    "`{locale}` uses `{category}` for numbers such as {example}; add `{category} {{...}}` with the form the language needs"
                )),
            );
        }
        ok
    }

    /// Every locale of one detail must use the same params with the same types; returns them
    /// in the default locale's order of first use.
    fn params(
        &mut self,
        detail: &Localized,
        messages: &[Message],
        what: &str,
    ) -> Option<Vec<Param>> {
        let mut per_locale = Vec::with_capacity(messages.len());
        let mut ok = true;
        for (locale, message) in self.locales.clone().iter().zip(messages) {
            let text = self.own_or_default(detail, locale)?;
            match message.params() {
                Ok(params) => {
                    for (param, at) in &params {
                        if !is_param_name(&param.name) {
                            ok = false;
                            let span = self.inner_span(text, at.clone());
                            self.diags.push(
                                Diagnostic::error(
                                    format!(
                                        "`{}` in `{what}` is not a valid param name",
                                        param.name
                                    ),
                                    Some(span),
                                )
                                .with_label("params become Rust and TypeScript field names")
                                .with_help("use a lowercase snake_case name, such as `max_amount`"),
                            );
                        }
                    }
                    per_locale.push(params);
                }
                Err(conflict) => {
                    ok = false;
                    let span = self.inner_span(text, conflict.second.1.clone());
                    self.diags.push(
                        Diagnostic::error(
                            format!(
                                "the `{locale}` text of `{what}` uses `{}` both as {} and as {}",
                                conflict.name,
                                article(&conflict.first.0),
                                article(&conflict.second.0)
                            ),
                            Some(span),
                        )
                        .with_label(format!("used as {} here", article(&conflict.second.0)))
                        .with_help("an argument has one type: format it the same way everywhere in the message"),
                    );
                    per_locale.push(Vec::new());
                }
            }
        }
        if !ok {
            return None;
        }
        let default = self.default_locale;
        let reference_locale = self.locales.get(default)?.clone();
        let reference = per_locale.get(default)?.clone();
        let mut same = true;
        for (locale, params) in self.locales.clone().iter().zip(&per_locale) {
            if *locale == reference_locale {
                continue;
            }
            let text = self.own_or_default(detail, locale)?;
            let names = |ps: &[(Param, std::ops::Range<usize>)]| -> BTreeSet<String> {
                ps.iter().map(|(p, _)| p.name.clone()).collect()
            };
            let (first, this) = (names(&reference), names(params));
            if first != this {
                same = false;
                let missing: Vec<_> = first
                    .difference(&this)
                    .map(|p| format!("{{{p}}}"))
                    .collect();
                let extra: Vec<_> = this
                    .difference(&first)
                    .map(|p| format!("{{{p}}}"))
                    .collect();
                let mut explain = Vec::new();
                if !missing.is_empty() {
                    explain.push(format!("lacks {}", missing.join(", ")));
                }
                if !extra.is_empty() {
                    explain.push(format!("adds {}", extra.join(", ")));
                }
                self.diags.push(
                    Diagnostic::error(
                        format!("the `{locale}` text of `{what}` uses other params than the `{reference_locale}` text"),
                        Some(text.span()),
                    )
                    .with_label(explain.join(" and "))
                    .with_help("every locale of a detail must use the same params: they are the code's params"),
                );
                continue;
            }
            for (param, at) in params {
                // The names are the same (checked above).
                let Some((expected, _)) = reference.iter().find(|(p, _)| p.name == param.name)
                else {
                    continue;
                };
                if expected.ty != param.ty {
                    same = false;
                    let span = self.inner_span(text, at.clone());
                    self.diags.push(
                        Diagnostic::error(
                            format!(
                                "`{}` is {} in the `{locale}` text of `{what}` but {} in the `{reference_locale}` text",
                                param.name,
                                article(&param.ty),
                                article(&expected.ty)
                            ),
                            Some(span),
                        )
                        .with_label(format!("`{locale}`: {}", param.ty))
                        .with_help(format!(
                            "a param has one type in every locale: use `{}` as the `{reference_locale}` text does ({})",
                            param.name, expected.ty
                        )),
                    );
                }
            }
        }
        same.then(|| reference.into_iter().map(|(p, _)| p).collect())
    }

    /// A text in every declared locale (a draft locale may lack it: the default locale's text
    /// stands in), and in no other; non-empty; placeholders only where `kind` allows them.
    /// Returns the text per locale and where each comes from; a translation whose recorded
    /// source is not the default locale's current text is stale (a warning).
    fn localized(
        &mut self,
        texts: &Localized,
        what: &str,
        kind: Text,
    ) -> Option<(Vec<String>, Vec<TextState>)> {
        let (texts, states, stale) = self.localized_deferring_stale(texts, what, kind)?;
        for warning in stale {
            self.diags.push(warning);
        }
        Some((texts, states))
    }

    /// [`Validator::localized`], with the stale-translation warnings returned rather than
    /// reported: a detail reports them only once its source text parses.
    fn localized_deferring_stale(
        &mut self,
        texts: &Localized,
        what: &str,
        kind: Text,
    ) -> Option<(Vec<String>, Vec<TextState>, Vec<Diagnostic>)> {
        let mut ok = true;
        let locales = &self.locales;
        for (tag, _) in &texts.texts {
            if !locales.is_empty() && !locales.contains(tag.get_ref()) {
                ok = false;
                self.diags.error_with(|| {
                    Diagnostic::error(format!("`{what}` has a text for `{}`, which is not a declared locale", tag.get_ref()), Some(tag.span()))
                        .with_help(format!("the declared locales are {}; add it to `catalog.locales` or remove this text", list(locales)))
                });
            }
        }
        let mut out: Vec<Option<String>> = Vec::with_capacity(self.locales.len());
        for i in 0..self.locales.len() {
            let locale = &self.locales[i];
            let Some(text) = texts.get(locale) else {
                if !self.draft[i] {
                    ok = false;
                    self.diags.error_with(|| {
                        Diagnostic::error(
                            format!("`{what}` has no `{locale}` text"),
                            Some(texts.span.clone()),
                        )
                        .with_label(format!("missing `{locale}`"))
                        .with_help(format!(
                            "add `{locale} = \"...\"`: every text needs every locale of `locales` \
                             (a locale in progress belongs in `draft_locales`)"
                        ))
                    });
                }
                out.push(None);
                continue;
            };
            if text.get_ref().trim().is_empty() {
                ok = false;
                self.diags.error_with(|| {
                    Diagnostic::error(
                        format!("the `{locale}` text of `{what}` is empty"),
                        Some(text.span()),
                    )
                    .with_help("write the text; an empty string shows users nothing")
                });
                continue;
            }
            ok &= self.characters(text, i, what);
            ok &= self.text(text, what, kind);
            out.push(Some(text.get_ref().clone()));
        }
        if !ok {
            return None;
        }
        // No declared locales (a broken `[catalog]`, already reported): nothing to resolve.
        let source = out.get(self.default_locale)?.clone()?;
        let key = what.strip_prefix("codes.").unwrap_or(what);
        // Hashed only when a translation has a record to compare with.
        let mut hash = None;
        let mut states = Vec::with_capacity(out.len());
        let mut stale = Vec::new();
        for (i, text) in out.iter().enumerate() {
            let state = if i == self.default_locale {
                TextState::Source
            } else if text.is_none() {
                TextState::Fallback
            } else {
                let (state, warning) =
                    self.translation_state(texts, what, key, i, &source, &mut hash);
                stale.extend(warning);
                state
            };
            states.push(state);
        }
        let texts = out
            .into_iter()
            .map(|text| text.unwrap_or_else(|| source.clone()))
            .collect();
        Some((texts, states, stale))
    }

    /// A translation is stale when its record names another source text than the current one;
    /// the warning that says so is returned, for the caller to report.
    fn translation_state(
        &mut self,
        texts: &Localized,
        what: &str,
        key: &str,
        locale: usize,
        source_text: &str,
        source_hash: &mut Option<SourceHash>,
    ) -> (TextState, Option<Diagnostic>) {
        let tag = &self.locales[locale];
        let Some(record) = self.records.get_mut(&(tag.clone(), key.to_owned())) else {
            return (TextState::Translated, None);
        };
        record.used = true;
        let source = *source_hash.get_or_insert_with(|| SourceHash::of(source_text));
        match record.hash {
            Some(recorded) if recorded != source => {
                let span = texts.get(tag).map(Spanned::span);
                let default = &self.locales[self.default_locale];
                let warning =
                    Diagnostic::warning(
                        format!("the `{tag}` text of `{what}` is stale: it translates an earlier `{default}` text"),
                        span,
                    )
                    .with_label(format!("translated before the `{default}` text changed"))
                    .with_help(format!("review it: `flux-codes l10n export --locale {tag}` marks it fuzzy; correct it (or keep it) and clear the flag, then `flux-codes l10n import`"));
                (
                    TextState::Stale {
                        translated_from: recorded,
                    },
                    Some(warning),
                )
            }
            _ => (TextState::Translated, None),
        }
    }

    /// A fixed text must not look like a message with arguments: `{name}` there would be shown
    /// as written. (A detail is parsed by [`Validator::detail`].)
    fn text(&mut self, text: &Spanned<String>, what: &str, kind: Text) -> bool {
        // Without a brace there is no placeholder: most texts are not parsed at all.
        if kind == Text::Template || !text.get_ref().contains('{') {
            return true;
        }
        let Ok(parsed) = message::parse(text.get_ref()) else {
            // Not a message at all: a stray brace is just a character.
            return true;
        };
        // Only what reads as a placeholder: `{name...` with a param name right after the brace
        // (`{ and }` in a sentence is not one).
        let Some((name, at)) = parsed.nodes.iter().find_map(|n| match n {
            Node::Text { .. } | Node::Pound { .. } => None,
            Node::Arg { name, span, .. }
            | Node::Number { name, span, .. }
            | Node::Plural { name, span, .. }
            | Node::Select { name, span, .. } => (is_param_name(name)
                && parsed.source[span.start + 1..].starts_with(name.as_str()))
            .then(|| (name.clone(), span.clone())),
        }) else {
            return true;
        };
        let span = self.inner_span(text, at);
        self.diags.push(
            Diagnostic::error(
                format!("`{what}` has a placeholder `{{{name}}}`, but it is a fixed text"),
                Some(span),
            )
            .with_label("placeholder in a fixed text")
            .with_help("move what varies per occurrence into `detail`, whose placeholders become the code's params"),
        );
        false
    }

    /// The source span of `at` (a range in a string's text): where those characters are
    /// written, escapes included (`\"` is two bytes of source for one of text); the whole
    /// literal when they cannot be told apart.
    fn inner_span(&self, text: &Spanned<String>, at: Range<usize>) -> Range<usize> {
        let span = text.span();
        let raw = self.diags.source.get(span.clone()).unwrap_or_default();
        let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            3
        } else {
            1
        };
        chars::toml_string_chars(raw, span.start)
            .and_then(|located| {
                chars::written_range(text.get_ref(), &located, span.end - quote, at)
            })
            .unwrap_or(span)
    }
}

fn is_category_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// At most 253 characters, two or more dot-separated labels of 1 to 63 lowercase letters,
/// digits and hyphens, a hyphen never first or last.
fn is_domain_name(name: &str) -> bool {
    name.len() <= 253
        && name.contains('.')
        && name.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

fn is_variant_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.bytes().all(|b| b.is_ascii_alphanumeric())
        && name != "Self"
}

/// The canonical form of a BCP 47 tag (language, script, region, variants), or `None`.
pub fn canonical_locale(tag: &str) -> Option<String> {
    let mut parts = tag.split('-');
    let language = parts.next()?;
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = language.to_ascii_lowercase();
    let mut stage = 0; // 0: script next, 1: region next, 2: variants
    for part in parts {
        let alpha = part.bytes().all(|b| b.is_ascii_alphabetic());
        let digits = part.bytes().all(|b| b.is_ascii_digit());
        out.push('-');
        if stage == 0 && part.len() == 4 && alpha {
            out.push_str(&part[..1].to_ascii_uppercase());
            out.push_str(&part[1..].to_ascii_lowercase());
            stage = 1;
        } else if stage <= 1 && ((part.len() == 2 && alpha) || (part.len() == 3 && digits)) {
            out.push_str(&part.to_ascii_uppercase());
            stage = 2;
        } else if part.bytes().all(|b| b.is_ascii_alphanumeric())
            && ((5..=8).contains(&part.len())
                || (part.len() == 4 && part.as_bytes()[0].is_ascii_digit()))
        {
            out.push_str(&part.to_ascii_lowercase());
            stage = 2;
        } else {
            return None;
        }
    }
    Some(out)
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn list_strs(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `a string`, `a number`, `an integer`, `a select`.
fn article(ty: &ParamType) -> String {
    match ty {
        ParamType::Integer => "an integer (a plural's value)".into(),
        ParamType::Select { .. } => format!("a {ty}"),
        other => format!("a {}", other.name()),
    }
}

/// A param name: lowercase snake_case, so it is a Rust and a TypeScript identifier as is (a
/// field of the code's typed error, `errors::X`); not `_` nor one of the Rust keywords that
/// cannot be a field name even raw (`self`, `super`, `crate`).
fn is_param_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'_'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'))
        && !matches!(name, "_" | "self" | "super" | "crate")
}

/// The byte offset of the first `}}` in a message's literal text, if any. Only top-level text
/// can hold a `}` (inside an option, it closes the option); quoted text is skipped.
fn unquoted_close_pair(parsed: &Message) -> Option<usize> {
    parsed.nodes.iter().find_map(|node| {
        let Node::Text { span, .. } = node else {
            return None;
        };
        let raw = parsed.source.get(span.clone())?.as_bytes();
        let mut quoted = false;
        let mut i = 0;
        while i < raw.len() {
            match (raw[i], raw.get(i + 1)) {
                (b'\'', Some(b'\'')) => i += 1,
                (b'\'', _) if quoted => quoted = false,
                (b'\'', Some(b'{' | b'}' | b'<' | b'>')) => quoted = true,
                (b'}', Some(b'}')) if !quoted => return Some(span.start + i),
                _ => {}
            }
            i += 1;
        }
        None
    })
}

// The override of a checked field is checked here, with the rule: the model imports no validator.
impl Catalog {
    /// The catalog with another npm package name (`export --npm-package`), if `name` is one
    /// npm accepts; else what is wrong with it.
    pub fn with_npm_package(mut self, name: &str) -> Result<Catalog, &'static str> {
        if let Some(problem) = npm_package_problem(name) {
            return Err(problem);
        }
        self.npm_package = Some(name.to_owned());
        Ok(self)
    }
}

/// Why `name` is not a valid npm package name (npm's rules for new packages: at most 214
/// characters, lowercase, URL-safe, an optional `@scope/`), or `None` when it is one.
pub fn npm_package_problem(name: &str) -> Option<&'static str> {
    const MAX_LEN: usize = 214;
    if name.len() > MAX_LEN {
        return Some("longer than 214 characters");
    }
    const ALLOWED: &str = "only lowercase letters, digits, `-`, `.`, `_` and `~` are allowed";
    let bare = match name.strip_prefix('@') {
        Some(scoped) => match scoped.split_once('/') {
            Some((scope, bare)) if is_npm_name_part(scope) => bare,
            Some(_) => return Some(ALLOWED),
            None => return Some("a scope is written `@scope/name`"),
        },
        None => name,
    };
    if bare.is_empty() {
        Some("the name is empty")
    } else if bare.starts_with(['.', '_']) {
        Some("a name may not start with `.` or `_`")
    } else if !is_npm_name_part(bare) {
        Some(ALLOWED)
    } else {
        None
    }
}

fn is_npm_name_part(part: &str) -> bool {
    !part.is_empty()
        && part
            .bytes()
            .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~'))
}

//! Property tests over generated valid catalogs (fixed seeds, so every run checks the same
//! cases). A catalog is obtainable only by loading a file, so the tests generate a plain
//! description of one (`spec::Catalog`, the model's facts as public fields), write it as
//! `codes.toml` and load that: the file loads back to the same facts (texts with
//! quotes, backslashes, control characters, braces and unicode included) and satisfies the
//! invariants every renderer relies on; the JSON export reads back as the same catalog; the
//! JSON and Rust exports are the same every time; and the breaking-change check sees exactly
//! the change that was made.

mod common;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use flux_codes_gen::diff::{Change, diff};
use flux_codes_gen::render::json::{CatalogJson, Texts, render_json};
use flux_codes_gen::render::rust::render_rust;
use flux_codes_gen::{category_variant, code_variant};
use proptest::prelude::*;
use proptest::sample::{Index, subsequence};
use proptest::test_runner::RngSeed;

use common::{localized, toml_string};
use flux_codes_core::GrpcCode;
use spec::{Catalog, Category, CodeSpec};

/// The facts of a catalog, as plain data the strategies build and the tests edit.
mod spec {
    use flux_codes_core::GrpcCode;

    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Catalog {
        pub name: String,
        pub locales: Vec<String>,
        pub default_locale: usize,
        pub docs_url: Option<String>,
        pub reserved: Vec<String>,
        pub version: Option<semver::Version>,
        pub npm_package: Option<String>,
        pub domain: Option<String>,
        pub categories: Vec<Category>,
        pub codes: Vec<CodeSpec>,
    }

    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Category {
        pub key: String,
        pub variant: String,
        pub title: Vec<String>,
    }

    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CodeSpec {
        pub code: String,
        pub variant: String,
        pub status: u16,
        pub retryable: bool,
        pub category: usize,
        pub message: Vec<String>,
        pub detail: Option<Vec<String>>,
        pub hint: Option<Vec<String>>,
        pub params: Vec<String>,
        pub deprecated: Option<String>,
        pub grpc: GrpcCode,
    }

    impl Catalog {
        pub fn default_locale_tag(&self) -> &str {
            &self.locales[self.default_locale]
        }

        pub fn docs_url(&self, code: &CodeSpec) -> Option<String> {
            self.docs_url
                .as_ref()
                .map(|t| t.replace("{code}", &code.code))
        }
    }

    /// The facts of a loaded catalog, read through the model's accessors.
    pub fn of(model: &flux_codes_gen::Catalog) -> Catalog {
        Catalog {
            name: model.name().to_owned(),
            locales: model.locales().to_vec(),
            default_locale: model.default_locale(),
            docs_url: model.docs_url_template().map(str::to_owned),
            reserved: model.reserved().to_vec(),
            version: model.version().cloned(),
            npm_package: model.npm_package().map(str::to_owned),
            domain: model.domain().map(str::to_owned),
            categories: model
                .categories()
                .iter()
                .map(|c| Category {
                    key: c.key().to_owned(),
                    variant: c.variant().to_owned(),
                    title: c.title().to_vec(),
                })
                .collect(),
            codes: model
                .codes()
                .iter()
                .map(|c| CodeSpec {
                    code: c.code().to_owned(),
                    variant: c.variant().to_owned(),
                    status: c.status(),
                    retryable: c.retryable(),
                    category: c.category(),
                    message: c.message().to_vec(),
                    detail: c
                        .detail()
                        .map(|d| d.iter().map(|m| m.source.clone()).collect()),
                    hint: c.hint().map(<[String]>::to_vec),
                    params: c.param_names().map(str::to_owned).collect(),
                    deprecated: c.deprecated().map(str::to_owned),
                    grpc: c.grpc(),
                })
                .collect(),
        }
    }
}

const LOCALES: &[&str] = &["en", "es", "pt-BR", "zh-Hant", "de-CH", "fr"];
const PARAMS: &[&str] = &["amount", "max_amount", "currency", "expired_at", "_n2"];

/// A fixed text: any characters (braces only as `}}`, a stray `}` or `{ `), not blank.
fn fixed_text() -> impl Strategy<Value = String> {
    text_with(true)
}

/// A text that is not blank and holds no character the validator refuses (controls but tab and
/// newline, format characters: `flux_codes_gen::chars`), with braces only where each kind of
/// text allows them: stray
/// braces and `}}` in a fixed text, quoted braces (`'{' `, `'}'`) and `''` in a message.
fn text_with(fixed: bool) -> impl Strategy<Value = String> {
    let (fixed_weight, template_weight) = if fixed { (1, 0) } else { (0, 1) };
    let piece = prop_oneof![
        6 => "[^{}'\\p{Cc}\\p{Cf}\\p{Cn}]{1,12}",
        1 => Just("tab\tand\nnewline".to_owned()),
        fixed_weight => Just("}}".to_owned()),
        fixed_weight => Just(" } ".to_owned()),
        fixed_weight => Just("{ ".to_owned()),
        fixed_weight => Just("it's".to_owned()),
        template_weight => Just("'{' ".to_owned()),
        template_weight => Just(" '}'".to_owned()),
        template_weight => Just("it''s".to_owned()),
    ];
    (
        "[^{}'\\s\\p{Cc}\\p{Cf}\\p{Cn}]",
        prop::collection::vec(piece, 0..4),
    )
        .prop_map(|(first, rest)| first + &rest.concat())
}

/// A detail in every locale using exactly `params`, each locale in its own order.
fn detail(locales: usize, params: Vec<String>) -> impl Strategy<Value = Vec<String>> {
    let one = (
        text_with(false),
        Just(params).prop_shuffle(),
        prop::collection::vec("[^{}'\\p{Cc}\\p{Cf}\\p{Cn}]{0,6}", PARAMS.len()),
    )
        .prop_map(|(lead, order, glue)| {
            let mut text = lead;
            for (param, glue) in order.iter().zip(glue) {
                let _ = write!(text, "{{{param}}}{glue}");
            }
            text
        });
    prop::collection::vec(one, locales)
}

fn texts(locales: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(fixed_text(), locales)
}

fn variant_name() -> impl Strategy<Value = String> {
    "[A-Z][A-Za-z0-9]{0,8}".prop_filter("`Self` is not a variant", |v| v != "Self")
}

fn code_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "ERR_[A-Z][A-Z0-9]{0,6}(_[A-Z0-9]{1,4}){0,2}",
        "[A-Z][A-Z0-9]{0,10}",
    ]
}

fn code(locales: usize, categories: usize) -> impl Strategy<Value = CodeSpec> {
    (
        code_string(),
        prop::option::weighted(0.2, variant_name()),
        400u16..=599,
        any::<bool>(),
        0..categories,
        texts(locales),
        prop::option::of(subsequence(PARAMS, 0..=3)),
        prop::option::of(texts(locales)),
        prop::option::weighted(0.2, fixed_text()),
        prop::option::weighted(0.2, prop::sample::select(&GrpcCode::ALL[1..])),
    )
        .prop_flat_map(
            move |(
                code,
                variant,
                status,
                retryable,
                category,
                message,
                params,
                hint,
                note,
                grpc,
            )| {
                let params: Option<Vec<String>> =
                    params.map(|p| p.into_iter().map(str::to_owned).collect());
                let detail = match &params {
                    Some(p) => detail(locales, p.clone()).prop_map(Some).boxed(),
                    None => Just(None).boxed(),
                };
                (
                    Just(CodeSpec {
                        variant: variant.unwrap_or_else(|| code_variant(&code)),
                        code,
                        status,
                        retryable,
                        category,
                        message,
                        detail: None,
                        hint,
                        params: Vec::new(),
                        deprecated: note,
                        grpc: grpc.unwrap_or(GrpcCode::for_http_status(status)),
                    }),
                    detail,
                )
            },
        )
        .prop_map(|(mut code, detail)| {
            code.detail = detail;
            code
        })
}

/// A valid catalog model, as the validator would build it.
fn catalog() -> impl Strategy<Value = Catalog> {
    (
        subsequence(LOCALES, 1..=4).prop_shuffle(),
        any::<Index>(),
        prop::collection::vec("[a-z][a-z0-9_]{0,6}", 1..4),
    )
        .prop_flat_map(|(locales, default, keys)| {
            let locales: Vec<String> = locales.into_iter().map(str::to_owned).collect();
            let n = locales.len();
            let mut seen = HashSet::new();
            let keys: Vec<String> = keys
                .into_iter()
                .filter(|k| seen.insert(category_variant(k)))
                .collect();
            let categories = keys.len();
            (
                Just(locales),
                Just(default.index(n)),
                keys.into_iter()
                    .map(|key| texts(n).prop_map(move |title| (key.clone(), title)))
                    .collect::<Vec<_>>(),
                prop::collection::vec(code(n, categories), 0..12),
                prop::collection::vec(code_string(), 0..3),
                fixed_text(),
                any::<bool>(),
                prop::option::of("[a-z0-9]{1,8}(\\.[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?){1,3}"),
            )
        })
        .prop_map(
            |(locales, default_locale, categories, codes, reserved, name, docs, domain)| {
                let mut names = HashSet::new();
                let mut variants = HashSet::new();
                let mut codes: Vec<CodeSpec> = codes
                    .into_iter()
                    .filter(|c| names.insert(c.code.clone()) && variants.insert(c.variant.clone()))
                    .collect();
                for code in &mut codes {
                    code.params = code
                        .detail
                        .as_ref()
                        .map_or_else(Vec::new, |d| params_in_order(&d[default_locale]));
                }
                let mut reserved_seen = HashSet::new();
                let reserved = reserved
                    .into_iter()
                    .filter(|r| !names.contains(r) && reserved_seen.insert(r.clone()))
                    .collect();
                Catalog {
                    name,
                    locales,
                    default_locale,
                    docs_url: docs.then(|| "https://docs.example/errors#{code}".to_owned()),
                    reserved,
                    domain,
                    version: docs.then(|| semver::Version::new(1, 4, 0)),
                    npm_package: None,
                    categories: categories
                        .into_iter()
                        .map(|(key, title)| Category {
                            variant: category_variant(&key),
                            key,
                            title,
                        })
                        .collect(),
                    codes,
                }
            },
        )
}

/// The params of a generated detail, in order of first use.
fn params_in_order(text: &str) -> Vec<String> {
    flux_codes_gen::message::parse(text)
        .unwrap()
        .params()
        .unwrap()
        .into_iter()
        .map(|(p, _)| p.name)
        .collect()
}

/// The catalog as a catalog author would write it.
fn to_toml(c: &Catalog) -> String {
    let mut out = String::from("[catalog]\n");
    let list = |items: &[String]| {
        items
            .iter()
            .map(|i| toml_string(i))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(out, "name = {}", toml_string(&c.name));
    let _ = writeln!(
        out,
        "default_locale = {}",
        toml_string(c.default_locale_tag())
    );
    let _ = writeln!(out, "locales = [{}]", list(&c.locales));
    if let Some(url) = &c.docs_url {
        let _ = writeln!(out, "docs_url = {}", toml_string(url));
    }
    if let Some(version) = &c.version {
        let _ = writeln!(out, "version = {}", toml_string(&version.to_string()));
    }
    if let Some(package) = &c.npm_package {
        let _ = writeln!(out, "npm_package = {}", toml_string(package));
    }
    let _ = writeln!(out, "reserved = [{}]", list(&c.reserved));
    if let Some(domain) = &c.domain {
        let _ = writeln!(out, "domain = {}", toml_string(domain));
    }
    for category in &c.categories {
        let _ = writeln!(out, "\n[categories.{}]", category.key);
        let _ = writeln!(out, "title = {}", localized(&c.locales, &category.title));
    }
    for code in &c.codes {
        let _ = writeln!(out, "\n[codes.{}]", code.code);
        let _ = writeln!(out, "status = {}", code.status);
        let _ = writeln!(out, "retryable = {}", code.retryable);
        let _ = writeln!(
            out,
            "category = {}",
            toml_string(&c.categories[code.category].key)
        );
        let _ = writeln!(out, "message = {}", localized(&c.locales, &code.message));
        if let Some(detail) = &code.detail {
            let _ = writeln!(out, "detail = {}", localized(&c.locales, detail));
        }
        if let Some(hint) = &code.hint {
            let _ = writeln!(out, "hint = {}", localized(&c.locales, hint));
        }
        if code.variant != code_variant(&code.code) {
            let _ = writeln!(out, "variant = {}", toml_string(&code.variant));
        }
        if let Some(note) = &code.deprecated {
            let _ = writeln!(out, "deprecated = {}", toml_string(note));
        }
        if code.grpc != GrpcCode::for_http_status(code.status) {
            let _ = writeln!(out, "grpc = {}", toml_string(code.grpc.name()));
        }
    }
    out
}

/// The catalog `catalog.json` describes. The export carries no Rust variant names and expands
/// `docs_url` per code, so those two come from `original` (the URLs are checked separately).
fn from_json(json: &CatalogJson, original: &Catalog) -> Result<Catalog, String> {
    let texts = |t: &Texts| -> Result<Vec<String>, String> {
        let keys: Vec<&String> = t.0.keys().collect();
        if keys != json.locales.iter().collect::<Vec<_>>() {
            return Err(format!("texts keyed {keys:?}, not by the locales in order"));
        }
        Ok(t.0.values().cloned().collect())
    };
    let category_index = |key: &str| {
        json.categories
            .iter()
            .position(|c| c.key == key)
            .ok_or_else(|| format!("no category `{key}`"))
    };
    let mut codes = Vec::new();
    for (code, original) in json.codes.iter().zip(&original.codes) {
        codes.push(CodeSpec {
            code: code.code.clone(),
            variant: original.variant.clone(),
            status: code.status,
            retryable: code.retryable,
            category: category_index(&code.category)?,
            message: texts(&code.message)?,
            detail: code.detail.as_ref().map(&texts).transpose()?,
            hint: code.hint.as_ref().map(&texts).transpose()?,
            params: code.params.iter().map(|p| p.name.clone()).collect(),
            deprecated: code.deprecated.clone(),
            grpc: GrpcCode::from_name(&code.grpc).ok_or("not a gRPC code name")?,
        });
    }
    Ok(Catalog {
        name: json.name.clone(),
        locales: json.locales.clone(),
        default_locale: json
            .locales
            .iter()
            .position(|l| *l == json.default_locale)
            .ok_or("the default locale is not a locale")?,
        docs_url: original.docs_url.clone(),
        reserved: json.reserved.clone(),
        domain: json.domain.clone(),
        version: json
            .version
            .as_deref()
            .map(semver::Version::parse)
            .transpose()
            .map_err(|e| e.to_string())?,
        npm_package: original.npm_package.clone(),
        categories: json
            .categories
            .iter()
            .map(|c| {
                Ok(Category {
                    key: c.key.clone(),
                    variant: category_variant(&c.key),
                    title: texts(&c.title)?,
                })
            })
            .collect::<Result<_, String>>()?,
        codes,
    })
}

fn load(source: &str) -> Result<flux_codes_gen::Catalog, String> {
    flux_codes_gen::parse_catalog(Path::new("codes.toml"), source)
        .map_err(|d| format!("{}\n{source}", d.render(false)))
}

/// The model of the catalog `spec` describes, loaded from its file.
fn model(spec: &Catalog) -> Result<flux_codes_gen::Catalog, TestCaseError> {
    load(&to_toml(spec)).map_err(TestCaseError::fail)
}

proptest! {
    // A fixed seed: every run checks the same catalogs.
    #![proptest_config(ProptestConfig {
        cases: 128,
        rng_seed: RngSeed::Fixed(0xCA7A_1065),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_written_catalog_loads_back_to_the_same_model(catalog in catalog()) {
        let loaded = model(&catalog)?;
        prop_assert_eq!(&spec::of(&loaded), &catalog);

        // What every renderer relies on.
        let locales = loaded.locales().len();
        prop_assert!(loaded.default_locale() < locales);
        for category in loaded.categories() {
            prop_assert_eq!(category.title().len(), locales);
        }
        for (i, code) in loaded.codes().iter().enumerate() {
            prop_assert!(code.category() < loaded.categories().len());
            prop_assert_eq!(code.message().len(), locales);
            prop_assert!(code.detail().is_none_or(|d| d.len() == locales));
            prop_assert!(code.hint().is_none_or(|h| h.len() == locales));
            prop_assert!(!loaded.reserved().iter().any(|r| r == code.code()));
            prop_assert_eq!(loaded.code_index(code.code()), Some(i));
            // The model keeps where the file declares each code.
            let at = loaded.code_location(i).unwrap();
            let source = to_toml(&catalog);
            prop_assert_eq!(&source[at.bytes.clone()], code.code());
        }
    }

    #[test]
    fn the_json_export_reads_back_as_the_same_catalog(catalog in catalog()) {
        let loaded = model(&catalog)?;
        let json = render_json(&loaded);
        prop_assert_eq!(&json, &render_json(&model(&catalog)?), "the export is deterministic");
        let back: CatalogJson = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.codes.len(), catalog.codes.len());
        for (code, original) in back.codes.iter().zip(&catalog.codes) {
            prop_assert_eq!(&code.docs_url, &catalog.docs_url(original));
        }
        prop_assert_eq!(from_json(&back, &catalog).map_err(TestCaseError::fail)?, catalog);
    }

    #[test]
    fn a_catalog_differs_from_itself_in_nothing(catalog in catalog()) {
        let loaded = model(&catalog)?;
        prop_assert_eq!(diff(&loaded, &loaded), vec![]);
    }

    #[test]
    fn a_changed_status_is_the_one_breaking_change(
        catalog in catalog().prop_filter("has a code", |c| !c.codes.is_empty()),
        which in any::<Index>(),
        status in 400u16..=599,
    ) {
        let i = which.index(catalog.codes.len());
        let mut new = catalog.clone();
        new.codes[i].status = status;
        let expected = if status == catalog.codes[i].status {
            vec![]
        } else {
            vec![(catalog.codes[i].code.clone(), catalog.codes[i].status, status)]
        };
        // The gRPC code it moves, if any, is named by the change itself (tests/diff.rs).
        let changes: Vec<(String, u16, u16)> = diff(&model(&catalog)?, &model(&new)?)
            .into_iter()
            .map(|c| match c {
                Change::StatusChanged { code, old, new, .. } => (code, old, new),
                other => panic!("not a status change: {other:?}"),
            })
            .collect();
        prop_assert_eq!(changes, expected);
    }

    #[test]
    fn a_removed_code_is_breaking_unless_reserved(
        catalog in catalog().prop_filter("has a code", |c| !c.codes.is_empty()),
        which in any::<Index>(),
    ) {
        let i = which.index(catalog.codes.len());
        let code = catalog.codes[i].code.clone();
        let mut removed = catalog.clone();
        removed.codes.remove(i);
        let original = model(&catalog)?;
        prop_assert_eq!(
            diff(&original, &model(&removed)?),
            vec![Change::CodeRemoved { code: code.clone(), renamed_to: None }]
        );
        removed.reserved.push(code.clone());
        let retired = model(&removed)?;
        prop_assert_eq!(diff(&original, &retired), vec![Change::CodeRetired { code: code.clone() }]);
        // And back: the reserved code is reused, which is breaking.
        prop_assert_eq!(diff(&retired, &original), vec![Change::ReservedCodeReused { code }]);
    }
}

proptest! {
    // Rendering Rust (syn + prettyplease) and JSON is the slow part: fewer, still varied, cases.
    #![proptest_config(ProptestConfig {
        cases: 32,
        rng_seed: RngSeed::Fixed(0xCA7A_1066),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_rust_export_is_deterministic(catalog in catalog()) {
        let runtime = "crate::__private";
        let first = render_rust(&model(&catalog)?, runtime);
        prop_assert_eq!(&first, &render_rust(&model(&catalog)?, runtime));
        for code in &catalog.codes {
            let literal = format!("{:?}", code.code);
            prop_assert!(first.contains(&literal), "{} missing", literal);
        }
    }
}

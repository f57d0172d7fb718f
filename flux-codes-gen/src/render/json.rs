//! JSON: `catalog.json`, the whole catalog for any consumer, and `catalog.schema.json`, its JSON
//! Schema. Both come from the serde structs below (the schema is derived from them with
//! `schemars`), so the export and its schema cannot drift apart.

#[cfg(feature = "schema")]
use std::borrow::Cow;
use std::collections::BTreeMap;

use indexmap::IndexMap;
#[cfg(feature = "schema")]
use schemars::generate::SchemaSettings;
#[cfg(feature = "schema")]
use schemars::transform::RecursiveTransform;
#[cfg(feature = "schema")]
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::message::ParamType;
#[cfg(feature = "schema")]
use crate::model::GrpcCode;
use crate::model::{Catalog, Param, TextState};
use crate::render::to_json;
#[cfg(feature = "schema")]
use crate::valid::DOMAIN_PATTERN;
#[cfg(feature = "schema")]
use flux_codes_core::code_shape::CODE_PATTERN;

/// The version of the `catalog.json` shape; it changes only with a change that breaks readers.
pub(crate) const SCHEMA_VERSION: u32 = 2;

/// `catalog.json`: the catalog, codes and categories in file order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "schema",
    schemars(
        title = "flux-codes catalog export (catalog.json)",
        description = "Every error code of the API with its HTTP status, retryability, category and texts in every locale, generated from codes.toml by `flux-codes export`."
    )
)]
pub struct CatalogJson {
    /// The version of this shape (see `SCHEMA_VERSION`).
    #[cfg_attr(feature = "schema", schemars(extend("const" = SCHEMA_VERSION)))]
    pub schema_version: u32,
    /// The catalog's name, e.g. `Flux`.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub name: String,
    /// The catalog's semantic version (`[catalog] version`), e.g. `1.4.0`; absent when the
    /// catalog has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = SEMVER_PATTERN)))]
    pub version: Option<String>,
    /// The locale used when a caller asks for none; one of `locales`.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = LOCALE_PATTERN)))]
    pub default_locale: String,
    /// Every locale, as BCP 47 tags; each text has one entry per locale.
    #[cfg_attr(feature = "schema", schemars(length(min = 1), inner(regex(pattern = LOCALE_PATTERN))))]
    pub locales: Vec<String>,
    /// The locales of `locales` still in progress (`draft_locales` in codes.toml): a text they
    /// lack holds the default locale's, and `fallbacks` lists it.
    #[cfg_attr(feature = "schema", schemars(inner(regex(pattern = LOCALE_PATTERN))))]
    pub draft_locales: Vec<String>,
    /// Per draft locale with fallbacks, the keys of its texts that hold the default locale's
    /// text (`ERR_QR_EXPIRED.message`, `categories.qr.title`), in catalog order; keyed by tag.
    pub fallbacks: BTreeMap<String, Vec<String>>,
    /// Retired code strings: never sent again, never to be reused.
    #[cfg_attr(feature = "schema", schemars(inner(regex(pattern = CODE_PATTERN))))]
    pub reserved: Vec<String>,
    /// The error domain of every code (AIP-193's `ErrorInfo.domain` in gRPC errors), e.g.
    /// `flux.example`; `null` when the catalog declares none.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = DOMAIN_PATTERN)))]
    pub domain: Option<String>,
    /// The categories, in file order.
    pub categories: Vec<CategoryJson>,
    /// The codes, in file order.
    pub codes: Vec<CodeJson>,
}

/// A category of codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CategoryJson {
    /// The key codes refer to, e.g. `qr`.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = CATEGORY_PATTERN)))]
    pub key: String,
    pub title: Texts,
}

/// One error code. Every field is always present; an absent text is `null`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(transform = require_every_property))]
pub struct CodeJson {
    /// The wire string, e.g. `ERR_QR_EXPIRED`.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = CODE_PATTERN)))]
    pub code: String,
    /// The HTTP status of a response carrying this code.
    #[cfg_attr(feature = "schema", schemars(range(min = 400, max = 599)))]
    pub status: u16,
    /// The gRPC status code (`google.rpc.Code` name) of a gRPC call failing with this code.
    #[cfg_attr(feature = "schema", schemars(extend("enum" = grpc_names())))]
    pub grpc: String,
    /// Whether the client may retry the same request unchanged.
    pub retryable: bool,
    /// The key of its category.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = CATEGORY_PATTERN)))]
    pub category: String,
    /// The fixed sentence saying what went wrong (no placeholders).
    pub message: Texts,
    /// What differs per occurrence: an ICU MessageFormat message whose arguments are the
    /// `params` (`{name}`, `{name, number}`, `{name, plural, ...}`, `{name, select, ...}`;
    /// `'{'` quotes a literal brace); `null` when the code has none.
    pub detail: Option<Texts>,
    /// What to do about it; `null` when the code has none.
    pub hint: Option<Texts>,
    /// The detail's arguments and their types, in order of first use.
    pub params: Vec<ParamJson>,
    /// Why and how to stop using this code; `null` when it is current.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub deprecated: Option<String>,
    /// Its documentation page; `null` when the catalog has no `docs_url`.
    #[cfg_attr(feature = "schema", schemars(url))]
    pub docs_url: Option<String>,
}

/// A param of a code's detail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ParamJson {
    /// The argument's name, e.g. `max_amount`.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = PARAM_PATTERN)))]
    pub name: String,
    /// What the param holds: `string` (shown as text), `number` (formatted per locale;
    /// a JSON number, or an exact decimal as a string), `integer` (selects a plural form),
    /// `select` (one of `keys`, or anything else for the `other` form).
    #[serde(rename = "type")]
    pub ty: ParamTypeJson,
    /// For a `select`: the values that have a form of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<String>,
}

/// The type of a param.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ParamTypeJson {
    String,
    Number,
    Integer,
    Select,
}

impl ParamJson {
    /// A param as `catalog.json` describes it.
    pub fn new(param: &Param) -> Self {
        let (ty, keys) = match &param.ty {
            ParamType::String => (ParamTypeJson::String, Vec::new()),
            ParamType::Number => (ParamTypeJson::Number, Vec::new()),
            ParamType::Integer => (ParamTypeJson::Integer, Vec::new()),
            ParamType::Select { keys } => (ParamTypeJson::Select, keys.clone()),
        };
        ParamJson {
            name: param.name.clone(),
            ty,
            keys,
        }
    }

    /// The model's param.
    pub fn to_param(&self) -> Param {
        Param {
            name: self.name.clone(),
            ty: match self.ty {
                ParamTypeJson::String => ParamType::String,
                ParamTypeJson::Number => ParamType::Number,
                ParamTypeJson::Integer => ParamType::Integer,
                ParamTypeJson::Select => ParamType::Select {
                    keys: self.keys.clone(),
                },
            },
        }
    }
}

#[cfg(feature = "schema")]
/// Lists every property as required: nullable fields are written as `null`, never left out.
fn require_every_property(schema: &mut Schema) {
    let keys: Vec<serde_json::Value> = schema
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|p| p.keys().map(|k| k.as_str().into()).collect())
        .unwrap_or_default();
    let required = schema
        .ensure_object()
        .entry("required")
        .or_insert_with(|| Vec::<serde_json::Value>::new().into());
    if let Some(required) = required.as_array_mut() {
        for key in keys {
            if !required.contains(&key) {
                required.push(key);
            }
        }
    }
}

#[cfg(feature = "schema")]
/// The names a code's `grpc` may have: every `google.rpc.Code` but `OK`.
fn grpc_names() -> Vec<&'static str> {
    GrpcCode::ALL[1..].iter().map(|c| c.name()).collect()
}

#[cfg(feature = "schema")]
const CATEGORY_PATTERN: &str = "^[a-z][a-z0-9_]*$";
#[cfg(feature = "schema")]
const PARAM_PATTERN: &str = "^[a-z_][a-z0-9_]*$";
#[cfg(feature = "schema")]
/// semver.org's own pattern for a version.
const SEMVER_PATTERN: &str = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$";
#[cfg(feature = "schema")]
const LOCALE_PATTERN: &str = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";

/// A text in every locale: `{ "en": "...", "es": "..." }`, in the order of `locales`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Texts(pub IndexMap<String, String>);

#[cfg(feature = "schema")]
impl JsonSchema for Texts {
    fn schema_name() -> Cow<'static, str> {
        "Texts".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A text in every locale of `locales`, keyed by locale tag.",
            "type": "object",
            "minProperties": 1,
            "propertyNames": { "pattern": LOCALE_PATTERN },
            "additionalProperties": { "type": "string", "minLength": 1 }
        })
    }
}

impl Texts {
    /// `texts` (one per locale, in catalog order) keyed by locale tag.
    pub fn new(catalog: &Catalog, texts: &[String]) -> Self {
        Texts(
            catalog
                .locales
                .iter()
                .cloned()
                .zip(texts.iter().cloned())
                .collect(),
        )
    }
}

impl CatalogJson {
    /// The export of `catalog`.
    pub fn new(catalog: &Catalog) -> Self {
        CatalogJson {
            schema_version: SCHEMA_VERSION,
            name: catalog.name.clone(),
            version: catalog.version.as_ref().map(ToString::to_string),
            default_locale: catalog.default_locale_tag().to_owned(),
            locales: catalog.locales.clone(),
            draft_locales: (0..catalog.locales.len())
                .filter(|&l| catalog.is_draft(l))
                .map(|l| catalog.locales[l].clone())
                .collect(),
            fallbacks: (0..catalog.locales.len())
                .filter_map(|l| {
                    let keys: Vec<String> = catalog
                        .texts()
                        .filter(|id| id.states(catalog)[l] == TextState::Fallback)
                        .map(|id| id.key(catalog))
                        .collect();
                    (!keys.is_empty()).then(|| (catalog.locales[l].clone(), keys))
                })
                .collect(),
            reserved: catalog.reserved.clone(),
            domain: catalog.domain.clone(),
            categories: catalog
                .categories
                .iter()
                .map(|c| CategoryJson {
                    key: c.key.clone(),
                    title: Texts::new(catalog, &c.title),
                })
                .collect(),
            codes: catalog
                .codes
                .iter()
                .map(|code| CodeJson {
                    code: code.code.clone(),
                    status: code.status,
                    grpc: code.grpc.name().to_owned(),
                    retryable: code.retryable,
                    category: catalog.category_of(code).key.clone(),
                    message: Texts::new(catalog, &code.message),
                    detail: code.detail.as_deref().map(|d| {
                        let sources: Vec<String> = d.iter().map(|m| m.source.clone()).collect();
                        Texts::new(catalog, &sources)
                    }),
                    hint: code.hint.as_deref().map(|h| Texts::new(catalog, h)),
                    params: code.params.iter().map(ParamJson::new).collect(),
                    deprecated: code.deprecated.clone(),
                    docs_url: catalog.docs_url(code),
                })
                .collect(),
        }
    }
}

/// `catalog.json`.
pub fn render_json(catalog: &Catalog) -> String {
    to_json(&CatalogJson::new(catalog))
}

#[cfg(feature = "schema")]
/// `catalog.schema.json`: the JSON Schema (draft 2020-12) of `catalog.json`. Only standard
/// formats: schemars' `uint16`-style integer formats are dropped (strict validators such as ajv
/// reject unknown formats); the integers keep their ranges.
pub fn render_json_schema() -> String {
    let drop_integer_formats = RecursiveTransform(|schema: &mut Schema| {
        if schema
            .get("format")
            .and_then(|f| f.as_str())
            .is_some_and(|f| f.starts_with("uint"))
        {
            schema.remove("format");
        }
    });
    let generator = SchemaSettings::draft2020_12()
        .with_transform(drop_integer_formats)
        .into_generator();
    to_json(&generator.into_root_schema_for::<CatalogJson>())
}

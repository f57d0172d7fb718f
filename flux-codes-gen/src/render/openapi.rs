//! OpenAPI 3.1: the catalog as reusable components of an API description.
//!
//! - `schemas.ErrorCode`: the code strings, each described (`oneOf` of `const`s, the JSON
//!   Schema 2020-12 way to describe enum values), in catalog order.
//! - `schemas.ApiError`: the RFC 9457 `application/problem+json` body Flux answers with.
//! - `responses.Error<status>`: one per status in use, listing its codes, with an example body
//!   per code in the default locale.
//! - `parameters.AcceptLanguage`, `headers.ContentLanguage`, `headers.RetryAfter`: the
//!   negotiation around it.
//!
//! An API's own document references them (`$ref: '#/components/responses/Error422'`) after
//! merging this fragment's `components`. The fragment is a valid OpenAPI document by itself.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::message::{Node, Param, ParamType};
use crate::model::{Catalog, CodeSpec};
use crate::render::escape_markdown;
use flux_codes_core::http::reason_phrase;

/// The OpenAPI version written.
pub(crate) const OPENAPI_VERSION: &str = "3.1.0";

/// Renders the catalog's components as an OpenAPI 3.1 document (pretty JSON, newline-ended).
pub fn render_openapi(catalog: &Catalog) -> String {
    let document = obj([
        ("openapi", OPENAPI_VERSION.into()),
        (
            "info",
            obj([
                ("title", format!("{} error responses", catalog.name).into()),
                ("version", catalog.release_version().to_string().into()),
                (
                    "description",
                    format!(
                        "The error responses of the {} API, generated from its error-code \
                         catalog (codes.toml) by flux-codes-gen. Merge `components` into the \
                         API's document and reference the responses from its operations.",
                        escape_markdown(&catalog.name)
                    )
                    .into(),
                ),
            ]),
        ),
        ("components", components(catalog)),
    ]);
    let mut out = serde_json::to_string_pretty(&document).expect("JSON of strings and numbers");
    out.push('\n');
    out
}

/// The name of the reusable response for a status, e.g. `Error422`.
pub fn response_name(status: u16) -> String {
    format!("Error{status}")
}

fn components(catalog: &Catalog) -> Json {
    let locales: Vec<Json> = catalog.locales.iter().map(|l| l.as_str().into()).collect();
    obj([
        (
            "schemas",
            Json::Obj(
                [
                    ("ErrorCode".to_owned(), error_code_schema(catalog)),
                    ("ApiError".to_owned(), api_error_schema(catalog)),
                ]
                .into_iter()
                .chain(
                    catalog
                        .codes
                        .iter()
                        .filter(|c| !c.params.is_empty())
                        .map(|c| (params_schema_name(c), params_schema(c))),
                )
                .collect(),
            ),
        ),
        (
            "parameters",
            obj([(
                "AcceptLanguage",
                obj([
                    ("name", "Accept-Language".into()),
                    ("in", "header".into()),
                    ("required", false.into()),
                    (
                        "description",
                        format!(
                            "The languages the caller reads, by preference (RFC 9110). Error \
                             titles and details are written in the best match among {}, else \
                             in `{}`.",
                            code_list(&catalog.locales),
                            catalog.default_locale_tag()
                        )
                        .into(),
                    ),
                    ("schema", obj([("type", "string".into())])),
                    ("example", "es-CL,es;q=0.9,en;q=0.8".into()),
                ]),
            )]),
        ),
        (
            "headers",
            obj([
                (
                    "ContentLanguage",
                    obj([
                        (
                            "description",
                            "The language of the error's `title` and `detail`.".into(),
                        ),
                        ("required", true.into()),
                        (
                            "schema",
                            obj([("type", "string".into()), ("enum", Json::Arr(locales))]),
                        ),
                    ]),
                ),
                (
                    "RetryAfter",
                    obj([
                        (
                            "description",
                            "How long to wait before retrying: delta-seconds or an HTTP-date \
                             (RFC 9110 §10.2.3)."
                                .into(),
                        ),
                        ("required", false.into()),
                        ("schema", obj([("type", "string".into())])),
                    ]),
                ),
            ]),
        ),
        ("responses", responses(catalog)),
    ])
}

fn error_code_schema(catalog: &Catalog) -> Json {
    let values = catalog.codes.iter().map(|code| {
        let mut entries = vec![
            ("const".to_owned(), code.code.as_str().into()),
            (
                "title".to_owned(),
                code.message[catalog.default_locale].as_str().into(),
            ),
            (
                "description".to_owned(),
                code_description(catalog, code).into(),
            ),
        ];
        if code.deprecated.is_some() {
            entries.push(("deprecated".to_owned(), true.into()));
        }
        if let Some(url) = catalog.docs_url(code) {
            entries.push(("externalDocs".to_owned(), obj([("url", url.into())])));
        }
        Json::Obj(entries)
    });
    obj([
        ("type", "string".into()),
        (
            "description",
            format!(
                "An error code of the {} API: the stable, machine-readable identity of an \
                 error (its `title` may change wording and language; the code never does). \
                 A newer server may answer with a code this list lacks: a client should then \
                 act on the HTTP status.",
                escape_markdown(&catalog.name)
            )
            .into(),
        ),
        ("oneOf", Json::Arr(values.collect())),
    ])
}

/// Status, retryability, category, detail template, params, hint and deprecation of a code, as
/// CommonMark (catalog texts are escaped: they are shown, never interpreted).
fn code_description(catalog: &Catalog, code: &CodeSpec) -> String {
    let d = catalog.default_locale;
    let mut text = format!(
        "HTTP {}, {}. Category: {}.",
        code.status,
        if code.retryable {
            "retryable"
        } else {
            "not retryable"
        },
        escape_markdown(&catalog.category_of(code).title[d]),
    );
    if let Some(detail) = &code.detail {
        text.push_str(&format!(
            " Detail template: {} (params: {}).",
            code_span(&detail[d].source),
            code_list(
                &code
                    .params
                    .iter()
                    .map(|p| format!("{}: {}", p.name, p.ty))
                    .collect::<Vec<_>>()
            )
        ));
    }
    if let Some(hint) = &code.hint {
        text.push_str(&format!(" What to do: {}", escape_markdown(&hint[d])));
    }
    if let Some(note) = &code.deprecated {
        text.push_str(&format!(" Deprecated: {}", escape_markdown(note)));
    }
    text
}

/// `text` as a CommonMark code span, on one line: delimited by one more backtick than its
/// longest run of backticks, padded with a space when it starts or ends with one.
fn code_span(text: &str) -> String {
    let one_line = text.replace(['\r', '\n'], " ");
    let longest_run = one_line
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if one_line.starts_with('`') || one_line.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{one_line}{pad}{fence}")
}

fn api_error_schema(catalog: &Catalog) -> Json {
    let string = |description: &str| {
        obj([
            ("type", "string".into()),
            ("description", description.into()),
        ])
    };
    let uri = |description: &str| {
        obj([
            ("type", "string".into()),
            ("format", "uri-reference".into()),
            ("description", description.into()),
        ])
    };
    obj([
        ("type", "object".into()),
        (
            "description",
            format!(
                "An error of the {} API: RFC 9457 problem details (`application/problem+json`) \
                 with the members `code`, `retryable` and `params`. Other members are \
                 extensions of a particular error.",
                escape_markdown(&catalog.name)
            )
            .into(),
        ),
        (
            "required",
            Json::Arr(
                ["type", "title", "status", "code", "retryable"]
                    .map(Json::from)
                    .into(),
            ),
        ),
        (
            "properties",
            obj([
                (
                    "type",
                    uri("The code's documentation page, or `about:blank`."),
                ),
                (
                    "title",
                    string(
                        "The code's message in the response's `Content-Language`: the same \
                         for every occurrence of the code.",
                    ),
                ),
                (
                    "status",
                    obj([
                        ("type", "integer".into()),
                        ("minimum", 400.into()),
                        ("maximum", 599.into()),
                        ("description", "The HTTP status of the response.".into()),
                    ]),
                ),
                (
                    "detail",
                    string("What went wrong in this occurrence, in the response's language."),
                ),
                ("instance", uri("The URI of this occurrence.")),
                (
                    "code",
                    obj([("$ref", "#/components/schemas/ErrorCode".into())]),
                ),
                (
                    "retryable",
                    obj([
                        ("type", "boolean".into()),
                        (
                            "description",
                            "Whether the same request may be retried unchanged.".into(),
                        ),
                    ]),
                ),
                (
                    "params",
                    obj([
                        ("type", "object".into()),
                        (
                            "description",
                            "The values filled into the code's detail, by param name: a string, \
                             or a number (a JSON number, or an exact decimal as a string); each \
                             code's params are the schema `<Variant>Params` of these components."
                                .into(),
                        ),
                        (
                            "additionalProperties",
                            obj([("type", Json::Arr(vec!["string".into(), "number".into()]))]),
                        ),
                    ]),
                ),
            ]),
        ),
    ])
}

fn responses(catalog: &Catalog) -> Json {
    let mut statuses: Vec<u16> = catalog.codes.iter().map(|c| c.status).collect();
    statuses.sort_unstable();
    statuses.dedup();
    Json::Obj(
        statuses
            .into_iter()
            .map(|status| (response_name(status), response(catalog, status)))
            .collect(),
    )
}

fn response(catalog: &Catalog, status: u16) -> Json {
    let codes: Vec<&CodeSpec> = catalog
        .codes
        .iter()
        .filter(|c| c.status == status)
        .collect();
    let names: Vec<String> = codes.iter().map(|c| c.code.clone()).collect();
    let description = match reason_phrase(status) {
        Some(reason) => format!("{reason}: {}.", code_list(&names)),
        None => format!("HTTP {status}: {}.", code_list(&names)),
    };
    // Any error may carry a retry delay (`ApiError::retry_after`), so every response lists it.
    let headers = obj([
        (
            "Content-Language",
            obj([("$ref", "#/components/headers/ContentLanguage".into())]),
        ),
        (
            "Retry-After",
            obj([("$ref", "#/components/headers/RetryAfter".into())]),
        ),
    ]);
    let schema = obj([
        (
            "allOf",
            Json::Arr(vec![obj([(
                "$ref",
                "#/components/schemas/ApiError".into(),
            )])]),
        ),
        (
            "properties",
            obj([
                ("status", obj([("const", status.into())])),
                (
                    "code",
                    obj([(
                        "enum",
                        Json::Arr(names.iter().map(|n| n.as_str().into()).collect()),
                    )]),
                ),
            ]),
        ),
    ]);
    let examples = codes
        .iter()
        .map(|code| {
            let example = obj([
                (
                    "summary",
                    code.message[catalog.default_locale].as_str().into(),
                ),
                ("value", example_body(catalog, code)),
            ]);
            (code.code.clone(), example)
        })
        .collect();
    obj([
        ("description", description.into()),
        ("headers", headers),
        (
            "content",
            obj([(
                "application/problem+json",
                obj([("schema", schema), ("examples", Json::Obj(examples))]),
            )]),
        ),
    ])
}

/// The body a service answers with for `code`, in the default locale; each param's value is
/// shown as `<name>`.
fn example_body(catalog: &Catalog, code: &CodeSpec) -> Json {
    let d = catalog.default_locale;
    let mut members = vec![
        (
            "type".to_owned(),
            catalog
                .docs_url(code)
                .unwrap_or_else(|| "about:blank".to_owned())
                .into(),
        ),
        ("title".to_owned(), code.message[d].as_str().into()),
        ("status".to_owned(), code.status.into()),
    ];
    if let Some(detail) = &code.detail {
        members.push(("detail".to_owned(), example_detail(&detail[d].nodes).into()));
    }
    members.push(("code".to_owned(), code.code.as_str().into()));
    members.push(("retryable".to_owned(), code.retryable.into()));
    if !code.params.is_empty() {
        let params = code
            .params
            .iter()
            .map(|p| (p.name.clone(), example_value(p)))
            .collect();
        members.push(("params".to_owned(), Json::Obj(params)));
    }
    Json::Obj(members)
}

/// A detail with each argument shown as `<name>`, and a plural or select as its `other` option.
fn example_detail(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            Node::Text { text, .. } => out.push_str(text),
            Node::Arg { name, .. } | Node::Number { name, .. } => {
                out.push_str(&format!("<{name}>"));
            }
            Node::Plural { name, branches, .. } => {
                if let Some(other) = branches.iter().find(|b| b.key_text == "other") {
                    for node in &other.nodes {
                        match node {
                            Node::Pound { .. } => out.push_str(&format!("<{name}>")),
                            node => out.push_str(&example_detail(std::slice::from_ref(node))),
                        }
                    }
                }
            }
            Node::Select { branches, .. } => {
                if let Some(other) = branches.iter().find(|b| b.key_text == "other") {
                    out.push_str(&example_detail(&other.nodes));
                }
            }
            Node::Pound { .. } => out.push('#'),
        }
    }
    out
}

/// An example value of a param: `"<name>"` for text, a number for a number.
fn example_value(param: &Param) -> Json {
    match param.ty {
        ParamType::String | ParamType::Select { .. } => format!("<{}>", param.name).into(),
        ParamType::Number => Json::Int(1234),
        ParamType::Integer => Json::Int(3),
    }
}

/// `MaxAmountExceededParams`: the schema of one code's `params`.
pub fn params_schema_name(code: &CodeSpec) -> String {
    format!("{}Params", code.variant)
}

fn params_schema(code: &CodeSpec) -> Json {
    let properties = code
        .params
        .iter()
        .map(|p| {
            let schema = match &p.ty {
                ParamType::String => obj([("type", "string".into())]),
                ParamType::Number => obj([(
                    "oneOf",
                    Json::Arr(vec![
                        obj([("type", "number".into())]),
                        obj([
                            ("type", "string".into()),
                            ("pattern", "^-?[0-9]+(\\.[0-9]+)?$".into()),
                            ("description", "An exact decimal.".into()),
                        ]),
                    ]),
                )]),
                ParamType::Integer => obj([("type", "number".into())]),
                ParamType::Select { keys } => obj([
                    ("type", "string".into()),
                    (
                        "description",
                        format!(
                            "One of {}, or any other value for the `other` form.",
                            code_list(keys)
                        )
                        .into(),
                    ),
                ]),
            };
            (p.name.clone(), schema)
        })
        .collect();
    let required = code.params.iter().map(|p| p.name.as_str().into()).collect();
    obj([
        ("type", "object".into()),
        (
            "description",
            format!("The params of `{}`.", code.code).into(),
        ),
        ("properties", Json::Obj(properties)),
        ("required", Json::Arr(required)),
        ("additionalProperties", Json::Bool(false)),
    ])
}

/// `a`, `b` and `c` as "`a`, `b`, `c`".
fn code_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A JSON value whose objects keep the order they are built in (catalog order). serde_json's
/// `Map` sorts its keys unless its `preserve_order` feature is on, a feature that would change
/// the maps of every crate built with this one.
enum Json {
    Bool(bool),
    Int(i64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

fn obj<const N: usize>(entries: [(&str, Json); N]) -> Json {
    Json::Obj(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::Str(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::Str(s)
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<u16> for Json {
    fn from(n: u16) -> Json {
        Json::Int(n.into())
    }
}

impl From<i32> for Json {
    fn from(n: i32) -> Json {
        Json::Int(n.into())
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Int(n) => serializer.serialize_i64(*n),
            Json::Str(s) => serializer.serialize_str(s),
            Json::Arr(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Obj(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

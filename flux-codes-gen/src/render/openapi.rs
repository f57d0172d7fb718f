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

use crate::model::{Catalog, CodeSpec};
use crate::render::escape_markdown;
use crate::template::{self, Piece};

/// The OpenAPI version written.
pub const OPENAPI_VERSION: &str = "3.1.0";

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
            obj([
                ("ErrorCode", error_code_schema(catalog)),
                ("ApiError", api_error_schema(catalog)),
            ]),
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
            code_span(&detail[d]),
            code_list(&code.params)
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
                            "The values filled into the code's detail, by placeholder name.".into(),
                        ),
                        ("additionalProperties", obj([("type", "string".into())])),
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
        members.push(("detail".to_owned(), example_detail(&detail[d]).into()));
    }
    members.push(("code".to_owned(), code.code.as_str().into()));
    members.push(("retryable".to_owned(), code.retryable.into()));
    if !code.params.is_empty() {
        let params = code
            .params
            .iter()
            .map(|p| (p.clone(), format!("<{p}>").into()))
            .collect();
        members.push(("params".to_owned(), Json::Obj(params)));
    }
    Json::Obj(members)
}

/// A detail template with each placeholder shown as `<name>` and `{{`/`}}` unescaped.
fn example_detail(template: &str) -> String {
    match template::parse(template) {
        Ok(pieces) => pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.clone(),
                Piece::Param(name) => format!("<{name}>"),
            })
            .collect(),
        // Validation parsed every template already; show it as written otherwise.
        Err(_) => template.to_owned(),
    }
}

/// `a`, `b` and `c` as "`a`, `b`, `c`".
fn code_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The IANA reason phrase of a 4xx or 5xx status (RFC 9110 and the HTTP status registry).
pub fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        _ => return None,
    })
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

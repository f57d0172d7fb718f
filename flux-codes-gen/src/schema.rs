//! The JSON Schema of the `codes.toml` format (`codes.schema.json`), for editors with TOML
//! language support (Taplo / Even Better TOML) to complete and check the file as it is typed.
//!
//! The keys come from the key lists of the `ast` module, the loader's own, so the schema and the loader
//! cannot disagree on what a table may hold; a test keeps the checked-in file fresh.

use serde_json::{Value, json};

use crate::ast::{CATALOG_KEYS, CATEGORY_KEYS, CODE_KEYS, TOP_KEYS};
use crate::valid::DOMAIN_PATTERN;
use flux_codes_core::GrpcCode;
use flux_codes_core::code_shape::CODE_PATTERN;

/// The schema, pretty-printed with a trailing newline.
pub fn render_codes_schema() -> String {
    let mut text = serde_json::to_string_pretty(&codes_schema()).expect("a JSON value serializes");
    text.push('\n');
    text
}

/// The schema as a JSON value.
pub fn codes_schema() -> Value {
    let localized = |what: &str| {
        json!({
            "type": "object",
            "description": format!("{what}, one entry per locale of `catalog.locales`: `{{ en = \"...\", es = \"...\" }}`."),
            "minProperties": 1,
            "additionalProperties": { "type": "string", "minLength": 1 },
            "propertyNames": { "$ref": "#/$defs/locale" }
        })
    };
    let grpc_names: Vec<&str> = GrpcCode::ALL[1..].iter().map(|c| c.name()).collect();
    let code_pattern = CODE_PATTERN;
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://docs.flux.example/codes.schema.json",
        "title": "flux-codes catalog (codes.toml)",
        "description": "Every error code of the API: its HTTP status, retryability, category and texts in every locale. The single source of truth from which flux-codes generates code, exports and docs.",
        "type": "object",
        "required": ["catalog"],
        "additionalProperties": false,
        "properties": {
            "catalog": {
                "type": "object",
                "description": "The catalog's identity and languages.",
                "required": ["name", "default_locale", "locales"],
                "additionalProperties": false,
                "properties": {
                    "name": { "type": "string", "minLength": 1, "description": "The API's name, e.g. \"Flux\"." },
                    "default_locale": { "$ref": "#/$defs/locale", "description": "The locale used when none is negotiated; must be one of `locales`." },
                    "locales": {
                        "type": "array",
                        "description": "BCP 47 tags in canonical case, e.g. [\"en\", \"es\"]. Every text gives one entry per locale.",
                        "minItems": 1,
                        "uniqueItems": true,
                        "items": { "$ref": "#/$defs/locale" }
                    },
                    "draft_locales": {
                        "type": "array",
                        "description": "Locales in progress: generated and exported like `locales`, but a text may lack them; a missing text falls back to `default_locale`. Promote a draft by moving its tag to `locales`.",
                        "uniqueItems": true,
                        "items": { "$ref": "#/$defs/locale" }
                    },
                    "allowed_characters": {
                        "type": "object",
                        "description": "Per locale, characters its texts may use although the validator refuses them (bidi controls, invisible characters, joiners outside the scripts that use them), e.g. { fa = [\"U+200C\"] }.",
                        "additionalProperties": {
                            "type": "array",
                            "uniqueItems": true,
                            "items": { "type": "string", "pattern": "^U\\+[0-9A-F]{4,6}$" }
                        }
                    },
                    "docs_url": {
                        "type": "string",
                        "pattern": "\\{code\\}",
                        "description": "Documentation URL template; `{code}` is replaced by each code string."
                    },
                    "reserved": {
                        "type": "array",
                        "description": "Retired code strings that may never be used again.",
                        "uniqueItems": true,
                        "items": { "$ref": "#/$defs/code" }
                    },
                    "domain": {
                        "type": "string",
                        "maxLength": 253,
                        "pattern": DOMAIN_PATTERN,
                        "description": "The error domain of every code (AIP-193's `ErrorInfo.domain` over gRPC), a DNS-like name such as \"payments.flux.example\"."
                    },
                    "internal_error": {
                        "$ref": "#/$defs/code",
                        "description": "The code a runtime answers when building an error response itself fails, e.g. \"ERR_SERVER\"; one of `codes`. The flux-codes crate needs it."
                    },
                    "bad_request": {
                        "$ref": "#/$defs/code",
                        "description": "The code a runtime answers for a request the service cannot parse (a malformed body, a path or query parameter of the wrong type, a wrong content type), e.g. \"ERR_BAD_REQUEST\"; one of `codes`. The flux-codes crate's axum feature needs it."
                    },
                    "version": {
                        "type": "string",
                        "pattern": "^\\d+\\.\\d+\\.\\d+",
                        "description": "The catalog's semantic version, e.g. \"1.4.0\": the version of the npm package, catalog.json, the OpenAPI document and the pages. `flux-codes diff` says which bump a change needs."
                    },
                    "npm_package": {
                        "type": "string",
                        "pattern": "^(@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*$",
                        "description": "The npm package's name, e.g. \"@flux/error-codes\" (default: the catalog's name, then -error-codes)."
                    }
                }
            },
            "categories": {
                "type": "object",
                "description": "The categories codes belong to, in display order.",
                "propertyNames": { "pattern": "^[a-z][a-z0-9_]*$" },
                "additionalProperties": {
                    "type": "object",
                    "required": ["title"],
                    "additionalProperties": false,
                    "properties": { "title": localized("The category's title") }
                }
            },
            "codes": {
                "type": "object",
                "description": "The error codes, in public order. A code string is part of the API: never rename one.",
                "propertyNames": { "$ref": "#/$defs/code" },
                "additionalProperties": {
                    "type": "object",
                    "required": ["status", "retryable", "category", "message"],
                    "additionalProperties": false,
                    "properties": {
                        "status": { "type": "integer", "minimum": 400, "maximum": 599, "description": "The HTTP status the API answers with." },
                        "retryable": { "type": "boolean", "description": "May the client retry the same request unchanged?" },
                        "category": { "type": "string", "description": "A key of `[categories]`." },
                        "message": localized("The code's fixed message (no placeholders)"),
                        "detail": localized("Optional template of what differs per occurrence, with `{name}` placeholders (`{{` and `}}` for literal braces); every locale uses the same placeholders"),
                        "hint": localized("Optional advice for developers, shown in the docs (no placeholders)"),
                        "variant": { "type": "string", "pattern": "^[A-Z][A-Za-z0-9]*$", "description": "Overrides the derived Rust variant name." },
                        "deprecated": { "type": "string", "minLength": 1, "description": "Deprecation note, e.g. \"Use ERR_X instead.\"; becomes #[deprecated]." },
                        "grpc": { "enum": grpc_names, "description": "Overrides the gRPC status code derived from `status`, e.g. \"ALREADY_EXISTS\" for a 409." }
                    }
                }
            },
            "translated_from": {
                "type": "object",
                "description": "Per locale, what each translation was made from: `\"ERR_X.message\" = \"<hash>\"`, a short hash of the default-locale text it translates, written by `flux-codes l10n import`. When that text changes, the translation is stale. Removing a line marks its translation current.",
                "propertyNames": { "$ref": "#/$defs/locale" },
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": { "type": "string", "pattern": "^[0-9a-f]{8}$" }
                }
            }
        },
        "$defs": {
            "locale": {
                "type": "string",
                "pattern": "^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*$",
                "description": "A BCP 47 language tag in canonical case, e.g. \"en\", \"es-CL\", \"zh-Hant\"."
            },
            "code": {
                "type": "string",
                "pattern": code_pattern,
                "description": "A code string: uppercase ASCII, digits and `_`, at most 63 characters."
            }
        }
    });
    debug_assert!(keys_match(&schema));
    schema
}

/// Whether the schema's tables list exactly the loader's keys.
pub fn keys_match(schema: &Value) -> bool {
    let keys = |v: &Value| -> Vec<String> {
        v["properties"]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    };
    let sorted = |k: &[&str]| {
        let mut k: Vec<String> = k.iter().map(|s| s.to_string()).collect();
        k.sort();
        k
    };
    let sorted_keys = |v: &Value| {
        let mut k = keys(v);
        k.sort();
        k
    };
    let p = &schema["properties"];
    sorted_keys(schema) == sorted(TOP_KEYS)
        && sorted_keys(&p["catalog"]) == sorted(CATALOG_KEYS)
        && sorted_keys(&p["categories"]["additionalProperties"]) == sorted(CATEGORY_KEYS)
        && sorted_keys(&p["codes"]["additionalProperties"]) == sorted(CODE_KEYS)
}

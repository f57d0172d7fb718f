//! The exports (`flux_codes_gen::render::FORMATS`): every file of the adversarial fixture is
//! pinned by a snapshot (`cargo insta review` after an intended change; the real catalog's are
//! the committed `exports/`), and each export parses back to exactly the catalog's texts.

use std::collections::BTreeSet;
use std::path::Path;

mod common;

use flux_codes_gen::Catalog;
use flux_codes_gen::render::json::{CatalogJson, render_json, render_json_schema};
use flux_codes_gen::render::{FORMATS, Format, artifacts};
use serde_json::Value;

fn load(path: &str) -> Catalog {
    flux_codes_gen::load_catalog(Path::new(path)).unwrap_or_else(|e| panic!("{e}"))
}

fn catalogs() -> [(&'static str, Catalog); 2] {
    [
        ("codes.toml", load("../codes.toml")),
        ("adversarial.toml", load("tests/fixtures/adversarial.toml")),
    ]
}

#[test]
fn every_adversarial_artifact_is_pinned() {
    let catalog = load("tests/fixtures/adversarial.toml");
    for artifact in artifacts(&catalog) {
        let name = format!("adversarial@{}", artifact.path.replace('/', "__"));
        insta::assert_snapshot!(name, artifact.contents);
    }
}

#[test]
fn formats_have_unique_names_and_relative_unique_paths() {
    let names: BTreeSet<_> = FORMATS.iter().map(|f| f.name).collect();
    assert_eq!(names.len(), FORMATS.len());
    for (_, catalog) in catalogs() {
        let files = artifacts(&catalog);
        let paths: BTreeSet<_> = files.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(paths.len(), files.len(), "two artifacts share a path");
        for path in paths {
            assert!(
                !path.starts_with('/') && !path.split('/').any(|p| p.is_empty() || p == ".."),
                "{path}"
            );
        }
        for file in &files {
            assert!(
                file.contents.ends_with('\n'),
                "{} has no final newline",
                file.path
            );
        }
    }
    let npm = Format::find("npm").unwrap();
    assert_eq!(npm.artifacts(&catalogs()[0].1)[0].path, "npm/package.json");
    assert_eq!(npm.render(&catalogs()[0].1)[0].path, "package.json");
}

#[test]
fn catalog_json_parses_back_to_the_model() {
    for (name, catalog) in catalogs() {
        let text = render_json(&catalog);
        let json: CatalogJson = serde_json::from_str(&text).unwrap();
        assert_eq!(json, CatalogJson::new(&catalog), "{name}");
        assert_eq!(json.locales, catalog.locales());
        for (exported, code) in json.codes.iter().zip(catalog.codes()) {
            assert_eq!(exported.code, code.code());
            let message: Vec<&String> = exported.message.0.values().collect();
            assert_eq!(
                message,
                code.message().iter().collect::<Vec<_>>(),
                "{name}: {}",
                code.code()
            );
            let detail = exported
                .detail
                .as_ref()
                .map(|d| d.0.values().cloned().collect::<Vec<_>>());
            let sources = code
                .detail()
                .map(|d| d.iter().map(|m| m.source.clone()).collect::<Vec<_>>());
            assert_eq!(detail, sources);
            let params: Vec<_> = exported.params.iter().map(|p| p.to_param()).collect();
            assert_eq!(params, code.params());
            assert_eq!(exported.docs_url, catalog.docs_url(code));
        }
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{name}: not HTML-safe"
        );
    }
}

#[test]
fn the_schema_accepts_every_export_and_rejects_corrupted_ones() {
    let schema: Value = serde_json::from_str(&render_json_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for (name, catalog) in catalogs() {
        let json: Value = serde_json::from_str(&render_json(&catalog)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    let good: Value = serde_json::from_str(&render_json(&catalogs()[0].1)).unwrap();
    type Corruption = (&'static str, fn(&mut Value));
    let corruptions: [Corruption; 9] = [
        ("status out of range", |j| {
            j["codes"][0]["status"] = 302.into()
        }),
        ("retryable as a string", |j| {
            j["codes"][0]["retryable"] = "no".into()
        }),
        ("missing hint", |j| {
            drop(j["codes"][0].as_object_mut().unwrap().remove("hint"))
        }),
        ("unknown field", |j| {
            j["codes"][0]["retriable"] = true.into()
        }),
        ("lowercase code", |j| {
            j["codes"][0]["code"] = "err_qr_unknown".into()
        }),
        ("empty message", |j| {
            j["codes"][0]["message"]["en"] = "".into()
        }),
        ("other schema version", |j| j["schema_version"] = 1.into()),
        ("untyped params", |j| {
            j["codes"][8]["params"] = serde_json::json!(["max_amount"])
        }),
        ("a param of an unknown type", |j| {
            j["codes"][8]["params"][0]["type"] = "money".into()
        }),
    ];
    for (what, corrupt) in corruptions {
        let mut bad = good.clone();
        corrupt(&mut bad);
        assert!(
            !validator.is_valid(&bad),
            "the schema accepted a catalog with {what}"
        );
    }
}

/// A message that `message::parse` reads as text only: its text.
fn as_literal(icu: &str) -> String {
    let parsed = flux_codes_gen::message::parse(icu).unwrap_or_else(|e| panic!("{icu}: {e:?}"));
    parsed
        .nodes
        .iter()
        .map(|n| match n {
            flux_codes_gen::message::Node::Text { text, .. } => text.clone(),
            other => panic!("{icu}: {other:?} in a fixed text"),
        })
        .collect()
}

#[test]
fn i18next_resources_hold_every_text_as_an_icu_message() {
    for (name, catalog) in catalogs() {
        let files = Format::find("i18next").unwrap().render(&catalog);
        assert_eq!(files.len(), catalog.locales().len());
        for (locale, file) in files.iter().enumerate() {
            assert_eq!(file.path, format!("{}.json", catalog.locales()[locale]));
            let json: Value = serde_json::from_str(&file.contents).unwrap();
            let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
            let codes: Vec<&str> = catalog.codes().iter().map(|c| c.code()).collect();
            assert_eq!(keys.len(), codes.len(), "{name}");
            for code in catalog.codes() {
                let entry = &json[code.code()];
                // Fixed texts are quoted so they show as written; details are the catalog's.
                let message = entry["message"].as_str().unwrap();
                assert_eq!(as_literal(message), code.message()[locale], "{name}");
                assert_eq!(
                    entry["hint"].as_str().map(as_literal),
                    code.hint().map(|h| h[locale].clone())
                );
                assert_eq!(entry["detail"].as_str(), code.detail_source(locale));
            }
        }
    }
}

/// RFC 9110's names, for every export: a catalog with a code for every 4xx and 5xx status the
/// registry names, rendered by every format and the translators' PO and XLIFF files. No file
/// carries a name RFC 9110 retired (the `http` crate's `422 Unprocessable Entity`), and each
/// file that states statuses states every one by its RFC 9110 name (`422 Unprocessable
/// Content`), from the one table, [`reason_phrase`].
#[test]
fn every_export_names_every_status_as_rfc_9110_does() {
    use flux_codes_core::http::reason_phrase;
    use flux_codes_gen::render::po::{PoHeader, render_po};
    use flux_codes_gen::render::xliff::render_xliff;

    let statuses: Vec<u16> = (400..=599)
        .filter(|s| reason_phrase(*s).is_some())
        .collect();
    assert!(
        statuses.contains(&422) && statuses.contains(&413),
        "{statuses:?}"
    );
    assert_eq!(reason_phrase(422), Some("Unprocessable Content"));
    assert_eq!(reason_phrase(418), None, "418 is unused in the registry");
    let mut source = String::from(
        "[catalog]\nname = \"Statuses\"\ndefault_locale = \"en\"\nlocales = [\"en\", \"es\"]\n\
         [categories.all]\ntitle = { en = \"All\", es = \"Todos\" }\n",
    );
    for status in &statuses {
        source.push_str(&format!(
            "[codes.ERR_STATUS_{status}]\nstatus = {status}\nretryable = false\n\
             category = \"all\"\nmessage = {{ en = \"Status {status}.\", es = \"Estado {status}.\" }}\n"
        ));
    }
    let catalog = flux_codes_gen::parse_catalog(Path::new("statuses.toml"), &source)
        .unwrap_or_else(|d| panic!("{}", d.render(false)));
    let mut files: Vec<(String, String)> = artifacts(&catalog)
        .into_iter()
        .map(|a| (a.path, a.contents))
        .collect();
    let header = PoHeader {
        revision_date: "2026-01-01 00:00+0000",
    };
    files.push((
        "es.po".to_owned(),
        render_po(&catalog, 1, header, &|_| None),
    ));
    files.push(("es.xliff".to_owned(), render_xliff(&catalog, 1, &|_| None)));
    let retired = [
        "Unprocessable Entity",
        "Payload Too Large",
        "Requested Range Not Satisfiable",
        "I'm a teapot",
    ];
    let mut stating = Vec::new();
    for (path, contents) in &files {
        for name in retired {
            assert!(!contents.contains(name), "{path} says {name:?}");
        }
        if contents.contains("Unprocessable Content") {
            for status in &statuses {
                let name = reason_phrase(*status).unwrap_or_default();
                assert!(contents.contains(name), "{path} lacks {status} {name}");
            }
            stating.push(path.as_str());
        }
    }
    // The formats that state statuses in words: the pages, the OpenAPI document, the proto
    // comments and the translators' notes.
    for expected in [
        "errors.en.md",
        "errors.html",
        "openapi.json",
        ".proto",
        "es.po",
        "es.xliff",
    ] {
        assert!(
            stating.iter().any(|p| p.ends_with(expected)),
            "no {expected} states the statuses: {stating:?}"
        );
    }
}

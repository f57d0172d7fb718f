//! Renderers: one file per output format, each a pure function of the [`crate::Catalog`].
//!
//! [`FORMATS`] lists the exports (`flux-codes export --format NAME`); [`artifacts`] is every
//! file of every export, what `flux-codes export --all --out-dir DIR` writes. A new export is a
//! renderer module plus one entry in [`FORMATS`].

pub mod i18next;
pub mod json;
pub mod npm;
pub mod openapi;
pub mod rust;
mod rust_flux_error;

use crate::Catalog;

/// One generated file of an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// Relative, `/`-separated: `catalog.json`, `npm/index.js`, `i18n/es.json`.
    pub path: String,
    pub contents: String,
}

impl Artifact {
    pub fn new(path: impl Into<String>, contents: impl Into<String>) -> Self {
        Artifact {
            path: path.into(),
            contents: contents.into(),
        }
    }
}

/// An export format.
#[derive(Clone, Copy, Debug)]
pub struct Format {
    /// The name `export --format` takes.
    pub name: &'static str,
    /// One line for `--help`.
    pub about: &'static str,
    /// The folder of its files in `export --all` (`""`: the top of the output folder).
    pub dir: &'static str,
    /// Its files, with paths relative to `dir`.
    pub render: fn(&Catalog) -> Vec<Artifact>,
}

/// Every export, in the order `export --all` writes them.
pub const FORMATS: &[Format] = &[
    Format {
        name: "json",
        about: "catalog.json: the whole catalog as JSON",
        dir: "",
        render: |c| vec![Artifact::new("catalog.json", json::render_json(c))],
    },
    Format {
        name: "json-schema",
        about: "catalog.schema.json: the JSON Schema of catalog.json",
        dir: "",
        render: |_| {
            vec![Artifact::new(
                "catalog.schema.json",
                json::render_json_schema(),
            )]
        },
    },
    Format {
        name: "npm",
        about: "npm/: a typed ES module package (index.js, index.d.ts, package.json)",
        dir: "npm",
        render: npm::render_npm,
    },
    Format {
        name: "i18next",
        about: "i18n/<locale>.json: i18next resources, one file per locale",
        dir: "i18n",
        render: i18next::render_i18next,
    },
    Format {
        name: "openapi",
        about: "openapi.json: OpenAPI 3.1 components (ErrorCode, the ApiError problem+json schema, a response per status)",
        dir: "",
        render: |c| vec![Artifact::new("openapi.json", openapi::render_openapi(c))],
    },
];

impl Format {
    /// The format named `name`.
    pub fn find(name: &str) -> Option<&'static Format> {
        FORMATS.iter().find(|f| f.name == name)
    }

    /// Its files, with paths relative to `dir` (what `export --format NAME --out` writes).
    pub fn render(&self, catalog: &Catalog) -> Vec<Artifact> {
        (self.render)(catalog)
    }

    /// Its files, with paths relative to the output folder of `export --all`.
    pub fn artifacts(&self, catalog: &Catalog) -> Vec<Artifact> {
        let mut files = self.render(catalog);
        if !self.dir.is_empty() {
            for file in &mut files {
                file.path = format!("{}/{}", self.dir, file.path);
            }
        }
        files
    }
}

/// Every file of every export, paths relative to the output folder.
pub fn artifacts(catalog: &Catalog) -> Vec<Artifact> {
    FORMATS.iter().flat_map(|f| f.artifacts(catalog)).collect()
}

/// Escapes text for Markdown (rustdoc, docs pages): inline markup, HTML and table pipes become
/// literal characters, and newlines become spaces so a text stays on its line or table row.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Pretty JSON (two-space indent, trailing newline) that is also safe inside HTML and JS:
/// `<`, `>`, `&`, U+2028 and U+2029 are written as `\uXXXX` escapes, so no text can close a
/// `<script>` element or end a JS line. These characters only occur inside JSON strings, where
/// the escape means the same character, so the document is unchanged for any JSON parser.
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let text = serde_json::to_string_pretty(value).expect("export data serializes to JSON");
    let mut out = escape_for_script(&text);
    out.push('\n');
    out
}

/// One JSON value on one line, with the escapes of [`to_json`]: a JS literal.
pub fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> String {
    escape_for_script(&serde_json::to_string(value).expect("export data serializes to JSON"))
}

fn escape_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

//! Renderers: one file per output format, each a pure function of the [`crate::Catalog`].
//!
//! [`FORMATS`] lists the exports (`flux-codes export --format NAME`); [`artifacts`] is every
//! file of every export, what `flux-codes export --all --out-dir DIR` writes. A new export is a
//! renderer module plus one entry in [`FORMATS`]. The translator exchange files ([`po`],
//! [`xliff`]) are renderers too, of one locale each, written by `flux-codes l10n export`.

#[cfg(feature = "exports")]
pub mod android;
#[cfg(feature = "exports")]
pub(crate) mod examples;
#[cfg(feature = "exports")]
pub mod html;
pub(crate) mod i18next;
#[cfg(feature = "json")]
pub mod json;
#[cfg(feature = "exports")]
pub mod kotlin;
#[cfg(feature = "exports")]
pub(crate) mod l10n;
#[cfg(feature = "exports")]
pub mod markdown;
#[cfg(feature = "exports")]
pub mod mobile;
#[cfg(feature = "exports")]
pub(crate) mod npm;
#[cfg(feature = "exports")]
pub mod openapi;
#[cfg(feature = "exports")]
pub(crate) mod page_text;
#[cfg(feature = "exports")]
pub mod po;
pub mod proto;
pub mod rust;
mod rust_flux_error;
#[cfg(feature = "exports")]
pub mod swift;
#[cfg(feature = "exports")]
pub mod xcstrings;
#[cfg(feature = "exports")]
pub mod xliff;

#[cfg(feature = "exports")]
use crate::Catalog;

/// One generated file of an export (or of the build script).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// Relative, `/`-separated: `catalog.json`, `npm/index.js`, `i18n/es.json`.
    pub path: String,
    pub contents: String,
}

impl Artifact {
    /// A file to write at `path` (relative to the output folder) with `contents`.
    pub fn new(path: impl Into<String>, contents: impl Into<String>) -> Self {
        Artifact {
            path: path.into(),
            contents: contents.into(),
        }
    }
}

#[cfg(feature = "exports")]
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
    /// For a format with one file per locale: the file of the locale at an index of
    /// [`Catalog::locales`] (what `export --format NAME --locale L` writes).
    pub per_locale: Option<fn(&Catalog, usize) -> Artifact>,
}

#[cfg(feature = "exports")]
/// Every export, in the order `export --all` writes them.
pub const FORMATS: &[Format] = &[
    Format {
        name: "json",
        about: "catalog.json: the whole catalog as JSON",
        dir: "",
        render: |c| vec![Artifact::new("catalog.json", json::render_json(c))],
        per_locale: None,
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
        per_locale: None,
    },
    Format {
        name: "npm",
        about: "npm/: a typed ES module package (index.js, index.d.ts, package.json)",
        dir: "npm",
        render: |c| npm::render_npm(c),
        per_locale: None,
    },
    Format {
        name: "i18next",
        about: "i18n/<locale>.json: i18next resources, one file per locale",
        dir: "i18n",
        render: |c| i18next::render_i18next(c),
        per_locale: None,
    },
    Format {
        name: "markdown",
        about: "docs/errors.<locale>.md: the error-code page for a docs site, one per locale \
                (--locale picks one)",
        dir: "docs",
        render: |c| (0..c.locales.len()).map(|l| markdown_page(c, l)).collect(),
        per_locale: Some(markdown_page),
    },
    Format {
        name: "html",
        about: "docs/errors.html: the error-code page as one self-contained HTML file, \
                every locale, with search",
        dir: "docs",
        render: |c| vec![Artifact::new("errors.html", html::render_html(c))],
        per_locale: None,
    },
    Format {
        name: "openapi",
        about: "openapi.json: OpenAPI 3.1 components (ErrorCode, the ApiError problem+json schema, a response per status)",
        dir: "",
        render: |c| vec![Artifact::new("openapi.json", openapi::render_openapi(c))],
        per_locale: None,
    },
    Format {
        name: "proto",
        about: "proto/error_reason.proto: the codes as a Protocol Buffers `ErrorReason` enum \
                (the values of gRPC's `ErrorInfo.reason`), for gRPC services in other languages",
        dir: "proto",
        render: |c| vec![Artifact::new("error_reason.proto", proto::render_proto(c))],
        per_locale: None,
    },
    Format {
        name: "kotlin",
        about: "android/FluxErrorCode.kt: the codes as a Kotlin enum, a Known/Unknown code type, \
                a problem-body parser and the localized texts through the Android resources \
                (--kotlin-package names its package)",
        dir: "android",
        render: |c| kotlin::render_kotlin(c),
        per_locale: None,
    },
    Format {
        name: "android",
        about: "android/res/values*/flux_errors.xml: Android string resources, one folder per \
                locale (details as positional format strings and <plurals>)",
        dir: "android",
        render: |c| android::render_android(c),
        per_locale: None,
    },
    Format {
        name: "xcstrings",
        about: "ios/Localizable.xcstrings: the iOS String Catalog, every locale (details as \
                positional format strings, plurals as substitutions)",
        dir: "ios",
        render: |c| xcstrings::render_xcstrings(c),
        per_locale: None,
    },
    Format {
        name: "swift",
        about: "ios/FluxErrorCode.swift: the codes as a Swift enum (raw value the code string, \
                unknown(String) for newer codes, LocalizedError from the String Catalog)",
        dir: "ios",
        render: |c| swift::render_swift(c),
        per_locale: None,
    },
];

#[cfg(feature = "exports")]
fn markdown_page(catalog: &Catalog, locale: usize) -> Artifact {
    let path = format!("errors.{}.md", catalog.locales[locale]);
    Artifact::new(path, markdown::render_markdown(catalog, locale))
}

#[cfg(feature = "exports")]
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

#[cfg(feature = "exports")]
/// Every file of every export, paths relative to the output folder.
pub fn artifacts(catalog: &Catalog) -> Vec<Artifact> {
    FORMATS.iter().flat_map(|f| f.artifacts(catalog)).collect()
}

#[cfg(feature = "exports")]
/// A piece of free text (a deprecation note): plain text, or a code of the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub(crate) enum Mention<'a> {
    Text(&'a str),
    Code(&'a str),
}

#[cfg(feature = "exports")]
/// Splits `text` at the catalog's code strings it names (whole words), so a page can link the
/// replacement a deprecation note points to.
pub(crate) fn mentions<'a>(catalog: &Catalog, text: &'a str) -> Vec<Mention<'a>> {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut pieces = Vec::new();
    let mut text_start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some((i, c)) = chars.next_if(|&(_, c)| is_word_char(c)) {
            end = i + c.len_utf8();
        }
        let word = &text[start..end];
        if catalog.codes.iter().any(|code| code.code == word) {
            if text_start < start {
                pieces.push(Mention::Text(&text[text_start..start]));
            }
            pieces.push(Mention::Code(word));
            text_start = end;
        }
    }
    if text_start < text.len() {
        pieces.push(Mention::Text(&text[text_start..]));
    }
    pieces
}

/// Escapes text for Markdown (rustdoc, docs pages): inline markup, HTML and table pipes become
/// literal characters, and newlines become spaces so a text stays on its line or table row.
/// Braces are escaped too, so MDX-based docs sites read them as text, not expressions.
pub(crate) fn escape_markdown(text: &str) -> String {
    // One comparison per byte (a `contains` over a list of them called `memchr` per byte: a
    // tenth of the generator's time at 10,000 codes).
    const fn special(b: u8) -> bool {
        matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'#'
                | b'|'
                | b'~'
                | b'!'
                | b'<'
                | b'>'
                | b'&'
                | b'\r'
                | b'\n'
                | b'\0'
        )
    }
    if !text.bytes().any(special) {
        return text.to_owned(); // the common case, without a loop over characters
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '{' | '}' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' => out.push(' '),
            // What CommonMark reads NUL as; a raw NUL breaks tools that read the file.
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(feature = "json")]
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

#[cfg(feature = "exports")]
/// One JSON value on one line, with the escapes of [`to_json`]: a JS literal.
pub(crate) fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> String {
    escape_for_script(&serde_json::to_string(value).expect("export data serializes to JSON"))
}

#[cfg(feature = "json")]
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

/// A detail laid out for reading, shared by the docs pages and `explain`: its first line with
/// each argument shown as written without its options (`{n, plural}`), then one line per
/// option of each plural and select, indented by nesting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineLine<'a> {
    /// 0 for the message's own line, 1 for an option of a top-level plural or select, ...
    pub depth: usize,
    /// For an option: its key (`one`, `=0`, `card`).
    pub key: Option<&'a str>,
    pub pieces: Vec<OutlinePiece<'a>>,
}

/// A piece of an [`OutlineLine`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OutlinePiece<'a> {
    Text(&'a str),
    /// An argument as the reader should see it: `{max_amount}`, `{max_amount, number}`,
    /// `{attempts_left, plural}`.
    Arg(String),
    /// `#`: the plural's number.
    Pound,
}

/// The lines of `message` (see [`OutlineLine`]).
pub fn outline(message: &crate::message::Message) -> Vec<OutlineLine<'_>> {
    let mut lines = Vec::new();
    outline_into(&message.nodes, 0, None, &mut lines);
    lines
}

fn outline_into<'a>(
    nodes: &'a [crate::message::Node],
    depth: usize,
    key: Option<&'a str>,
    lines: &mut Vec<OutlineLine<'a>>,
) {
    use crate::message::{Node, NumberStyle};
    let pieces = nodes
        .iter()
        .map(|node| match node {
            Node::Text { text, .. } => OutlinePiece::Text(text),
            Node::Pound { .. } => OutlinePiece::Pound,
            Node::Arg { name, .. } => OutlinePiece::Arg(format!("{{{name}}}")),
            Node::Number {
                name,
                style: NumberStyle::Decimal,
                ..
            } => OutlinePiece::Arg(format!("{{{name}, number}}")),
            Node::Number {
                name,
                style: NumberStyle::Integer,
                ..
            } => OutlinePiece::Arg(format!("{{{name}, number, integer}}")),
            Node::Plural { name, .. } => OutlinePiece::Arg(format!("{{{name}, plural}}")),
            Node::Select { name, .. } => OutlinePiece::Arg(format!("{{{name}, select}}")),
        })
        .collect();
    lines.push(OutlineLine { depth, key, pieces });
    for node in nodes {
        if let Node::Plural { branches, .. } | Node::Select { branches, .. } = node {
            for branch in branches {
                outline_into(&branch.nodes, depth + 1, Some(&branch.key_text), lines);
            }
        }
    }
}

/// `max_amount` (number), `method` (select: `card`, other), for the docs' params lists.
pub fn param_summary(param: &crate::message::Param) -> String {
    format!("{}: {}", param.name, param.ty)
}

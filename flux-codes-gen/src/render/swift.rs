//! Swift: `FluxErrorCode.swift`, for iOS apps, reading the String Catalog of the `xcstrings`
//! export (Foundation only):
//!
//! - `enum FluxErrorCode: RawRepresentable` whose raw value is the code string, with a case
//!   per code (the Rust variant in lowerCamelCase: `.qrExpired`) and `unknown(String)` for a
//!   code newer than the app's catalog (`init(rawValue:)` never fails), `Codable` as the code
//!   string;
//! - `httpStatus`, `isRetryable`, `category`, `allKnown`;
//! - `LocalizedError`: `errorDescription` is the message and `recoverySuggestion` the hint,
//!   from the String Catalog; `detail(params)` the detail's sentence for the params, as the
//!   Kotlin export chooses it ([`super::mobile`]).
//!
//! No Swift compiler runs here: the tests parse the file with tree-sitter-swift, and the app's
//! build compiles it.

use std::fmt::Write as _;

use crate::model::Catalog;
use crate::render::Artifact;
use crate::render::kotlin::string_literal as kotlin_string_literal;
use crate::render::mobile::{self, Plan};

const RUNTIME_SWIFT: &str = include_str!("swift/runtime.swift");

/// Swift's keywords: a case with one of these names is written in backticks.
const KEYWORDS: &[&str] = &[
    "associatedtype",
    "class",
    "deinit",
    "enum",
    "extension",
    "fileprivate",
    "func",
    "import",
    "init",
    "inout",
    "internal",
    "let",
    "open",
    "operator",
    "private",
    "precedencegroup",
    "protocol",
    "public",
    "rethrows",
    "static",
    "struct",
    "subscript",
    "typealias",
    "var",
    "break",
    "case",
    "catch",
    "continue",
    "default",
    "defer",
    "do",
    "else",
    "fallthrough",
    "for",
    "guard",
    "if",
    "in",
    "repeat",
    "return",
    "throw",
    "switch",
    "where",
    "while",
    "as",
    "await",
    "false",
    "is",
    "nil",
    "self",
    "super",
    "throws",
    "true",
    "try",
    "Any",
    "Self",
    "Type",
    "Protocol",
];

/// The members of the enum a case may not be named like (a case `code` would clash with the
/// property `code`): such a case gets `Code` after its name.
const MEMBERS: &[&str] = &[
    "unknown",
    "rawValue",
    "code",
    "httpStatus",
    "isRetryable",
    "isKnown",
    "category",
    "hasHint",
    "allKnown",
    "bundle",
    "table",
    "errorDescription",
    "recoverySuggestion",
    "failureReason",
    "helpAnchor",
    "detail",
    "localized",
    "hashValue",
    "localizedDescription",
];

/// `FluxErrorCode.swift`.
pub(crate) fn render_swift(catalog: &Catalog) -> Vec<Artifact> {
    vec![Artifact::new("FluxErrorCode.swift", swift_file(catalog))]
}

/// The Swift case name of each code, in catalog order: the Rust variant in lowerCamelCase,
/// `Code` appended for a member's name, a number appended when two would be the same.
pub fn case_names(catalog: &Catalog) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for code in &catalog.codes {
        let mut chars = code.variant.chars();
        let mut name: String = chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default();
        if MEMBERS.contains(&name.as_str()) {
            name.push_str("Code");
        }
        let base = name.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        names.push(name);
    }
    names
}

/// A case name as written in a declaration or pattern: in backticks if it is a keyword.
fn ident(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("`{name}`")
    } else {
        name.to_owned()
    }
}

/// A Swift string literal. Kotlin's escapes are Swift's, but for `$` (plain in Swift) and
/// `\u{...}` (Swift's form of `\uXXXX`).
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{{{:X}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A doc comment's text on one line.
fn doc(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .replace("*/", "* /")
}

fn swift_file(catalog: &Catalog) -> String {
    let names = case_names(catalog);
    let mut out = String::new();
    // The same header as the Kotlin file's: a comment cannot be closed by the name.
    let _ = writeln!(
        out,
        "// @generated by flux-codes-gen from the catalog {}. Do not edit: edit codes.toml.",
        doc(&kotlin_string_literal(&catalog.name))
    );
    out.push_str("import Foundation\n\n");
    let _ = writeln!(
        out,
        "/// The error codes of the catalog {}, in catalog order; the raw value is the code string.",
        doc(&string_literal(&catalog.name))
    );
    out.push_str(
        "public enum FluxErrorCode: RawRepresentable, Hashable, Codable, LocalizedError {\n",
    );
    for (code, name) in catalog.codes.iter().zip(&names) {
        let _ = writeln!(
            out,
            "    /// `{}`: {}",
            code.code,
            doc(&code.message[catalog.default_locale])
        );
        if let Some(note) = &code.deprecated {
            let _ = writeln!(
                out,
                "    @available(*, deprecated, message: {})",
                string_literal(note)
            );
        }
        let _ = writeln!(out, "    case {}", ident(name));
    }
    out.push_str(
        "    /// A code newer than this catalog, kept as it came.\n    case unknown(String)\n\n",
    );

    out.push_str("    public init(rawValue: String) {\n        switch rawValue {\n");
    for (code, name) in catalog.codes.iter().zip(&names) {
        let _ = writeln!(
            out,
            "        case {}: self = .{}",
            string_literal(&code.code),
            ident(name)
        );
    }
    out.push_str("        default: self = .unknown(rawValue)\n        }\n    }\n\n");

    let property = |out: &mut String,
                    doc_line: &str,
                    decl: &str,
                    value: &dyn Fn(usize) -> String,
                    unknown: &str| {
        let _ = writeln!(
            out,
            "    /// {doc_line}\n    public var {decl} {{\n        switch self {{"
        );
        for (i, name) in names.iter().enumerate() {
            let _ = writeln!(out, "        case .{}: return {}", ident(name), value(i));
        }
        let _ = writeln!(out, "        case {unknown}\n        }}\n    }}\n");
    };
    property(
        &mut out,
        "The code string.",
        "rawValue: String",
        &|i| string_literal(&catalog.codes[i].code),
        ".unknown(let raw): return raw",
    );
    property(
        &mut out,
        "The HTTP status the API answers with (nil for an unknown code).",
        "httpStatus: Int?",
        &|i| catalog.codes[i].status.to_string(),
        ".unknown: return nil",
    );
    property(
        &mut out,
        "May the client retry the same request unchanged? (An unknown code's answer is in the problem body's `retryable`.)",
        "isRetryable: Bool",
        &|i| catalog.codes[i].retryable.to_string(),
        ".unknown: return false",
    );
    property(
        &mut out,
        "The key of the code's category (`[categories.<key>]`).",
        "category: String?",
        &|i| string_literal(&catalog.categories[catalog.codes[i].category].key),
        ".unknown: return nil",
    );
    property(
        &mut out,
        "Whether the code has a hint (`recoverySuggestion`).",
        "hasHint: Bool",
        &|i| catalog.codes[i].hint.is_some().to_string(),
        ".unknown: return false",
    );
    out.push_str("    /// The code string.\n    public var code: String { rawValue }\n\n");
    let all: Vec<String> = names.iter().map(|n| format!(".{}", ident(n))).collect();
    let _ = writeln!(
        out,
        "    /// Every code of the catalog, in catalog order.\n    public static let allKnown: [FluxErrorCode] = [{}]\n}}",
        all.join(", ")
    );

    let _ = writeln!(
        out,
        "\n/// The catalog's default locale, for a bundle without a preferred localization.\nlet fluxDefaultLocale = {}\n",
        string_literal(catalog.default_locale_tag())
    );
    out.push_str("/// The details, lowered to the String Catalog's sentences (by code string).\nlet fluxDetailPlans: [String: FluxDetailPlan] = [\n");
    for code in &catalog.codes {
        if let Some(plan) = mobile::plan(catalog, code) {
            let _ = writeln!(
                out,
                "    {}: {},",
                string_literal(&code.code),
                plan_literal(code, &plan)
            );
        }
    }
    out.push_str("]\n");
    out.push_str(RUNTIME_SWIFT);
    out
}

fn plan_literal(code: &crate::model::CodeSpec, plan: &Plan) -> String {
    let slots: Vec<String> = plan
        .slots
        .iter()
        .map(|s| {
            format!(
                "FluxSlot(param: {}, kind: .{})",
                string_literal(&s.param),
                s.kind.constant().to_ascii_lowercase()
            )
        })
        .collect();
    let selects: Vec<String> = plan
        .selects
        .iter()
        .map(|(name, keys)| {
            let keys: Vec<String> = keys.iter().map(|k| string_literal(k)).collect();
            format!(
                "(name: {}, keys: [{}])",
                string_literal(name),
                keys.join(", ")
            )
        })
        .collect();
    let (plural, offset) = match &plan.plural {
        Some((name, offset)) => (string_literal(name), *offset),
        None => ("nil".to_owned(), 0),
    };
    let exact: Vec<String> = plan.exact.iter().map(i64::to_string).collect();
    let variants: Vec<String> = plan
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let keys: Vec<String> = v.keys.iter().map(|k| string_literal(k)).collect();
            format!(
                "\n        FluxDetailVariant(key: {}, plural: {}, keys: [{}], exact: {})",
                string_literal(&mobile::catalog_key(code, mobile::variant_text(plan, i))),
                v.plural,
                keys.join(", "),
                v.exact.map_or("nil".to_owned(), |e| e.to_string())
            )
        })
        .collect();
    format!(
        "FluxDetailPlan(\n        slots: [{}],\n        selects: [{}],\n        plural: {plural}, offset: {offset}, exact: [{}],\n        variants: [{}\n        ])",
        slots.join(", "),
        selects.join(", "),
        exact.join(", "),
        variants.join(",")
    )
}

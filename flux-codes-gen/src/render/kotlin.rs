//! Kotlin: `FluxErrorCode.kt`, for Android apps (and any JVM client), using nothing beyond the
//! Kotlin standard library and `java.math`:
//!
//! - `enum class FluxErrorCode`: each code (its entry is the code string) with `code`,
//!   `httpStatus`, `retryable`, `category`, its params and the names of its Android string
//!   resources (`messageResource`, `hintResource`, `detailResources`, the resources of the
//!   `android` export), and `fromCode(String)`;
//! - `FluxCode`: `Known(code)` or `Unknown(raw)`, for a code newer than the app's catalog;
//! - `FluxProblem.parse(body)`: an RFC 9457 problem body's `code`, `retryable`, `params` (a
//!   strict JSON reader of its own);
//! - `message`, `hint` and `detail(strings, params)` over a `FluxStrings` (the app's
//!   resources): the detail's sentence chosen from the params as [`super::mobile`] lowered it,
//!   numbers formatted with the locale's CLDR symbols (written here from ICU4X's data) exactly
//!   as the Rust runtime formats them.

use std::fmt::Write as _;

use crate::model::{Catalog, CodeSpec};
use crate::render::Artifact;
use crate::render::mobile::{self, Plan, TextOf};

/// The runtime part of the file (the tables before it are generated).
const RUNTIME_KT: &str = include_str!("kotlin/runtime.kt");

/// Kotlin's hard keywords: not usable as a package segment.
const KEYWORDS: &[&str] = &[
    "as",
    "break",
    "class",
    "continue",
    "do",
    "else",
    "false",
    "for",
    "fun",
    "if",
    "in",
    "interface",
    "is",
    "null",
    "object",
    "package",
    "return",
    "super",
    "this",
    "throw",
    "true",
    "try",
    "typealias",
    "typeof",
    "val",
    "var",
    "when",
    "while",
];

/// `FluxErrorCode.kt`.
pub(crate) fn render_kotlin(catalog: &Catalog) -> Vec<Artifact> {
    vec![Artifact::new("FluxErrorCode.kt", kotlin_file(catalog))]
}

// The override is checked here, with the rule: the model imports no renderer.
impl Catalog {
    /// The catalog with another Kotlin package for the Kotlin export
    /// (`export --kotlin-package`), if `name` is one (dot-separated identifiers, no keyword);
    /// else what is wrong with it.
    pub fn with_kotlin_package(mut self, name: &str) -> Result<Catalog, String> {
        package_problem(name).map_or(Ok(()), Err)?;
        self.kotlin_package = Some(name.to_owned());
        Ok(self)
    }
}

/// Why `name` is not a Kotlin package for the export (dot-separated identifiers of ASCII
/// letters, digits and `_`, none a keyword), or `None` when it is one.
pub fn package_problem(name: &str) -> Option<String> {
    for segment in name.split('.') {
        let valid = segment.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !valid {
            return Some(format!(
                "`{segment}` is not a package segment (ASCII letters, digits and `_`, not starting with a digit)"
            ));
        }
        if KEYWORDS.contains(&segment) {
            return Some(format!("`{segment}` is a Kotlin keyword"));
        }
    }
    None
}

/// The package of the file: `export --kotlin-package`, else the catalog's `domain` reversed
/// then `errors` (`flux.example` -> `example.flux.errors`), else the catalog's name then
/// `errors` (`flux.errors`).
pub fn package(catalog: &Catalog) -> String {
    if let Some(name) = catalog.kotlin_package() {
        return name.to_owned();
    }
    let segment = |label: &str| {
        let mut s: String = label
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        if s.starts_with(|c: char| c.is_ascii_digit()) {
            s.insert(0, '_');
        }
        if KEYWORDS.contains(&s.as_str()) {
            s.push('_');
        }
        s
    };
    let mut segments: Vec<String> = match catalog.domain() {
        Some(domain) => domain.split('.').rev().map(segment).collect(),
        None => vec![segment(&mobile::resource_prefix(catalog))],
    };
    segments.push("errors".to_owned());
    segments.join(".")
}

/// A Kotlin string literal: `"..."` with `\`, `"`, `$` and control characters escaped.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04X}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A comment's text on one line, unable to close the comment.
fn comment(text: &str) -> String {
    text.replace("*/", "* /")
        .replace("/*", "/ *")
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn category_entry(key: &str) -> String {
    key.to_ascii_uppercase()
}

fn kotlin_file(catalog: &Catalog) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// @generated by flux-codes-gen from the catalog {}. Do not edit: edit codes.toml.",
        comment(&string_literal(&catalog.name))
    );
    out.push_str("@file:Suppress(\"unused\", \"MemberVisibilityCanBePrivate\")\n\n");
    let _ = writeln!(out, "package {}\n", package(catalog));
    out.push_str("import java.math.BigDecimal\nimport java.math.RoundingMode\n\n");

    out.push_str("/** The categories of the catalog's codes. */\nenum class FluxErrorCategory(val key: String) {\n");
    for category in &catalog.categories {
        let _ = writeln!(
            out,
            "    /** {} */\n    {}({}),",
            comment(&category.title[catalog.default_locale]),
            category_entry(&category.key),
            string_literal(&category.key)
        );
    }
    out.push_str("}\n\n");

    let _ = writeln!(
        out,
        "/**\n * The error codes of the catalog {}, in catalog order. Each entry is its code string.\n * \
         The `*Resource` names are Android string resources of the `android` export.\n */",
        comment(&string_literal(&catalog.name))
    );
    out.push_str(
        "enum class FluxErrorCode(\n    val code: String,\n    val httpStatus: Int,\n    /** May the client retry the same request unchanged? */\n    val retryable: Boolean,\n    val category: FluxErrorCategory,\n    /** The detail's params, in order. */\n    val params: List<String>,\n    /** `R.string.<messageResource>`. */\n    val messageResource: String,\n    /** `R.string.<hintResource>`, for a code with a hint. */\n    val hintResource: String?,\n    /** The detail's `R.string` / `R.plurals` resources, one per sentence (see `detail`). */\n    val detailResources: List<String>,\n    /** The deprecation note, for a deprecated code. */\n    val deprecated: String?,\n) {\n",
    );
    for code in &catalog.codes {
        let plan = mobile::plan(catalog, code);
        let params: Vec<String> = code
            .params
            .iter()
            .map(|p| string_literal(&p.name))
            .collect();
        let detail_resources: Vec<String> = plan
            .as_ref()
            .map(|plan| {
                (0..plan.variants.len())
                    .map(|i| {
                        string_literal(&mobile::resource_name(
                            catalog,
                            code,
                            mobile::variant_text(plan, i),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    /** {} */\n    {}(\n        {}, {}, {}, FluxErrorCategory.{},\n        listOf({}),\n        {},\n        {},\n        listOf({}),\n        {},\n    ),",
            comment(&code.message[catalog.default_locale]),
            code.code,
            string_literal(&code.code),
            code.status,
            code.retryable,
            category_entry(&catalog.categories[code.category].key),
            params.join(", "),
            string_literal(&mobile::resource_name(catalog, code, TextOf::Message)),
            code.hint
                .as_ref()
                .map_or("null".to_owned(), |_| string_literal(
                    &mobile::resource_name(catalog, code, TextOf::Hint)
                )),
            detail_resources.join(", "),
            code.deprecated
                .as_deref()
                .map_or("null".to_owned(), string_literal),
        );
    }
    out.push_str("    ;\n\n");
    out.push_str("    /** The detail as the resources hold it, for a code with a detail. */\n    val detailPlan: FluxDetailPlan? get() = FluxDetails.plans[this]\n\n");
    out.push_str(
        "    companion object {\n        private val byCode: Map<String, FluxErrorCode> = values().associateBy { it.code }\n\n        /** The code with this code string, or null (a code newer than this catalog, or none). */\n        fun fromCode(code: String): FluxErrorCode? = byCode[code]\n    }\n}\n\n",
    );

    out.push_str("/** The details of the catalog, lowered to the resources' sentences. */\nprivate object FluxDetails {\n    val plans: Map<FluxErrorCode, FluxDetailPlan> = mapOf(\n");
    for code in &catalog.codes {
        if let Some(plan) = mobile::plan(catalog, code) {
            let _ = writeln!(
                out,
                "        FluxErrorCode.{} to {},",
                code.code,
                plan_literal(catalog, code, &plan)
            );
        }
    }
    out.push_str("    )\n}\n\n");

    out.push_str(
        "/** The catalog's locales and how each writes numbers. */\nobject FluxLocales {\n",
    );
    let tags: Vec<String> = catalog.locales.iter().map(|t| string_literal(t)).collect();
    let _ = writeln!(
        out,
        "    /** BCP 47 tags, the default first among the complete ones as declared. */\n    val TAGS: List<String> = listOf({})",
        tags.join(", ")
    );
    let _ = writeln!(
        out,
        "    const val DEFAULT: String = {}",
        string_literal(catalog.default_locale_tag())
    );
    let _ = writeln!(
        out,
        "    /** The string resource naming the catalog locale the app's resources resolved to. */\n    const val RESOURCE: String = {}\n",
        string_literal(&format!("{}_locale", mobile::resource_prefix(catalog)))
    );
    out.push_str("    private val SYMBOLS: Map<String, FluxNumberSymbols> = mapOf(\n");
    for tag in &catalog.locales {
        let s = mobile::number_symbols(tag);
        let other = crate::plural::example(tag, "other")
            .and_then(|n| n.parse::<i32>().ok())
            .unwrap_or(0);
        let digits: String = s.digits.iter().collect();
        let _ = writeln!(
            out,
            "        {} to FluxNumberSymbols({}, {}, {}, {}, {}, {}, {}, {}),",
            string_literal(tag),
            string_literal(&digits),
            string_literal(&s.decimal),
            string_literal(&s.group),
            string_literal(&s.minus),
            s.primary.min(1000),
            s.secondary.min(1000),
            s.min_grouping,
            other
        );
    }
    out.push_str("    )\n\n");
    out.push_str(
        "    /** The symbols of a catalog locale (the default locale's for another tag). */\n    fun symbols(tag: String): FluxNumberSymbols = SYMBOLS[tag] ?: SYMBOLS.getValue(DEFAULT)\n}\n",
    );
    out.push_str(RUNTIME_KT);
    out
}

fn plan_literal(catalog: &Catalog, code: &CodeSpec, plan: &Plan) -> String {
    let mut out = String::from("FluxDetailPlan(\n            listOf(");
    let slots: Vec<String> = plan
        .slots
        .iter()
        .map(|s| {
            format!(
                "FluxSlot({}, FluxSlotKind.{})",
                string_literal(&s.param),
                s.kind.constant()
            )
        })
        .collect();
    out.push_str(&slots.join(", "));
    out.push_str("),\n            listOf(");
    let selects: Vec<String> = plan
        .selects
        .iter()
        .map(|(name, keys)| {
            let keys: Vec<String> = keys.iter().map(|k| string_literal(k)).collect();
            format!("{} to setOf({})", string_literal(name), keys.join(", "))
        })
        .collect();
    out.push_str(&selects.join(", "));
    let (plural, offset) = match &plan.plural {
        Some((name, offset)) => (string_literal(name), *offset),
        None => ("null".to_owned(), 0),
    };
    let exact: Vec<String> = plan.exact.iter().map(|v| long_literal(*v)).collect();
    let _ = write!(
        out,
        "),\n            {plural}, {}, longArrayOf({}),\n            listOf(\n",
        long_literal(offset),
        exact.join(", ")
    );
    for (i, variant) in plan.variants.iter().enumerate() {
        let keys: Vec<String> = variant.keys.iter().map(|k| string_literal(k)).collect();
        let _ = writeln!(
            out,
            "                FluxDetailVariant({}, {}, listOf({}), {}),",
            string_literal(&mobile::resource_name(
                catalog,
                code,
                mobile::variant_text(plan, i)
            )),
            variant.plural,
            keys.join(", "),
            variant.exact.map_or("null".to_owned(), long_literal)
        );
    }
    out.push_str("            ),\n        )");
    out
}

/// A `Long` literal (`-9223372036854775808L` does not compile: it is `-` applied to too big a
/// literal).
fn long_literal(n: i64) -> String {
    if n == i64::MIN {
        "Long.MIN_VALUE".to_owned()
    } else {
        format!("{n}L")
    }
}

//! Rust: `mod errors`, one type per code, so that an error the compiler can check is built
//! with its params by name and kind: a unit struct for a code without params
//! (`errors::QrExpired`), a struct whose public fields are the params otherwise
//! (`errors::MaxAmountExceeded { max_amount }`). A misspelled, missing or wrongly typed param
//! is then rustc's own error at the struct literal.
//!
//! | param kind | field type |
//! |---|---|
//! | `{name}` (string) | `String` |
//! | `{name, number}` | the runtime's `Decimal` (exact: `"500.00".parse()?` keeps both digits) |
//! | `{name, plural, ...}` (integer) | `i64`, so `attempts_left: 2` compiles, negative counts too |
//! | `{name, select, ...}` | a generated enum in `errors::params`, one variant per option |
//!
//! Each type implements the catalog's `FluxError` (so `#[flux(transparent)]` and any code
//! generic over it take it), has `CODE`, `HTTP_STATUS` and `RETRYABLE`, a `detail(locale)` for
//! a code with a detail, and, for `flux-codes`' own catalog, `From<T> for ApiError`.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::{MAX_WIDTH, array, attribute, doc_line, variant_doc};
use crate::message::ParamType;
use crate::model::{Catalog, CodeSpec, Param};
use crate::render::escape_markdown;

/// Rust's keywords a param name (lowercase snake_case) can spell: written as raw identifiers.
/// (`self`, `super` and `crate` cannot be; the validator refuses them as param names.)
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// A param name as a Rust field name.
fn field_name(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// `max_amount` -> `MaxAmount`; `visa-debit` -> `VisaDebit`.
fn upper_camel(name: &str) -> String {
    let mut out = String::new();
    for part in name.split(['_', '-']) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// A select param's generated enum: its name in `errors::params` and its variants (the
/// option key and the variant name), `other` last.
struct SelectEnum {
    name: String,
    variants: Vec<(String, String)>,
}

impl SelectEnum {
    fn new(code: &CodeSpec, param: &Param, keys: &[String], taken: &mut HashSet<String>) -> Self {
        let base = format!("{}{}", code.variant, upper_camel(&param.name));
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        let mut seen = HashSet::new();
        let mut variants = Vec::new();
        for (i, key) in keys
            .iter()
            .chain(std::iter::once(&"other".to_owned()))
            .enumerate()
        {
            let camel = upper_camel(key);
            let valid = camel.starts_with(|c: char| c.is_ascii_alphabetic())
                && camel.bytes().all(|b| b.is_ascii_alphanumeric());
            // A key that spells no identifier, or the same one as another key, is numbered.
            let variant = if valid && !seen.contains(&camel) {
                camel
            } else {
                format!("Option{}", i + 1)
            };
            seen.insert(variant.clone());
            variants.push((key.clone(), variant));
        }
        SelectEnum { name, variants }
    }
}

/// `pub mod errors { ... }`: see the module documentation.
pub(super) fn errors_module(out: &mut String, catalog: &Catalog, api_error: Option<&str>) {
    let d = catalog.default_locale;
    out.push('\n');
    doc_line(
        out,
        0,
        &format!(
            "One type per code of the {} catalog, named as its [`ErrorCode`] variant: build an \
             error with its params by name, checked by the compiler.",
            escape_markdown(&catalog.name)
        ),
    );
    out.push_str(
        "///\n\
         /// A code without params is a unit struct; a code with params is a struct whose public\n\
         /// fields are the params: a `{name, number}` takes a `Decimal` (`\"500.00\".parse()`\n\
         /// keeps both digits), a plural an `i64`, a `{name}` a `String` and a select one of\n\
         /// the options of its enum in [`errors::params`].\n",
    );
    let deprecated = catalog.codes.iter().any(|c| c.deprecated.is_some());
    if deprecated {
        out.push_str("#[allow(deprecated)]\n");
    }
    out.push_str("pub mod errors {\n");
    // The runtime, for details, params and `From`: a catalog without any has nothing to use.
    let uses_runtime = api_error.is_some()
        || catalog
            .codes
            .iter()
            .any(|c| c.detail.is_some() || !c.params.is_empty());
    if uses_runtime {
        out.push_str("    use super::__catalog::runtime as rt;\n");
    }
    let mut taken = HashSet::new();
    let mut selects: Vec<(&CodeSpec, &Param, SelectEnum)> = Vec::new();
    for code in &catalog.codes {
        let mut code_selects = Vec::new();
        for param in &code.params {
            if let ParamType::Select { keys } = &param.ty {
                let e = SelectEnum::new(code, param, keys, &mut taken);
                code_selects.push((code, param, e));
            }
        }
        // A blank line between items, none right after the module's `{`.
        if uses_runtime || !std::ptr::eq(code, &catalog.codes[0]) {
            out.push('\n');
        }
        code_type(out, code, d, api_error, &code_selects);
        selects.extend(code_selects);
    }
    // Always there, so that the docs' links to it resolve in every catalog.
    params_module(out, &selects);
    out.push_str("}\n");
}

/// The field type of a param.
fn field_type(param: &Param, selects: &[(&CodeSpec, &Param, SelectEnum)]) -> String {
    match &param.ty {
        ParamType::String => "::std::string::String".to_owned(),
        ParamType::Number => "rt::Decimal".to_owned(),
        ParamType::Integer => "i64".to_owned(),
        ParamType::Select { .. } => {
            let e = selects
                .iter()
                .find(|(_, p, _)| p.name == param.name)
                .map(|(_, _, e)| e.name.as_str())
                .unwrap_or_default();
            format!("params::{e}")
        }
    }
}

/// What a field's rustdoc says about its param.
fn field_doc(param: &Param) -> String {
    let name = &param.name;
    match &param.ty {
        ParamType::String => format!("`{{{name}}}`: shown as it is."),
        ParamType::Number => format!(
            "`{{{name}, number}}`: formatted per locale; an exact decimal keeps its digits."
        ),
        ParamType::Integer => format!("`{{{name}, plural, ...}}`: picks the plural form."),
        ParamType::Select { .. } => format!("`{{{name}, select, ...}}`: picks the option."),
    }
}

/// `indent` spaces, then `head` and `value;`, on one line if it fits, else broken after `=`
/// as rustfmt breaks it.
fn assignment(out: &mut String, indent: usize, head: &str, value: &str) {
    let line = format!("{:indent$}{head} = {value};", "");
    if line.len() <= MAX_WIDTH {
        let _ = writeln!(out, "{line}");
    } else {
        let _ = writeln!(
            out,
            "{:indent$}{head} =\n{:inner$}{value};",
            "",
            "",
            inner = indent + 4
        );
    }
}

fn code_type(
    out: &mut String,
    code: &CodeSpec,
    d: usize,
    api_error: Option<&str>,
    selects: &[(&CodeSpec, &Param, SelectEnum)],
) {
    let name = &code.variant;
    doc_line(out, 4, &variant_doc(code, d));
    out.push_str("    ///\n");
    match code.detail_source(d) {
        Some(template) => doc_line(out, 4, &format!("Detail: {}", escape_markdown(template))),
        None => doc_line(out, 4, "No detail."),
    }
    if let Some(note) = &code.deprecated {
        attribute(out, 4, "deprecated", &format!("note = {note:?}"));
    }
    out.push_str(
        "    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]\n",
    );
    if code.params.is_empty() {
        let _ = writeln!(out, "    pub struct {name};");
    } else {
        let _ = writeln!(out, "    pub struct {name} {{");
        for param in &code.params {
            doc_line(out, 8, &field_doc(param));
            let _ = writeln!(
                out,
                "        pub {}: {},",
                field_name(&param.name),
                field_type(param, selects)
            );
        }
        out.push_str("    }\n");
    }
    let _ = writeln!(out, "\n    impl {name} {{");
    let _ = writeln!(out, "        /// The code: `{}`.", code.code);
    assignment(
        out,
        8,
        "pub const CODE: super::ErrorCode",
        &format!("super::ErrorCode::{name}"),
    );
    let _ = writeln!(
        out,
        "        /// The HTTP status: {}.\n        pub const HTTP_STATUS: u16 = {};",
        code.status, code.status
    );
    let _ = writeln!(
        out,
        "        /// Whether the client may retry the same request unchanged.\n        \
         pub const RETRYABLE: bool = {};",
        code.retryable
    );
    if code.detail.is_some() {
        out.push_str(
            "\n        /// The detail in `locale`, filled with this error's params.\n        \
             pub fn detail(&self, locale: super::Locale) -> ::std::string::String {\n",
        );
        let args: Vec<String> = code
            .params
            .iter()
            .map(|p| format!("({:?}, &self.{})", p.name, field_name(&p.name)))
            .collect();
        let head = format!("let args: [(&str, &dyn rt::DetailArg); {}] = ", args.len());
        array(out, 12, &head, &args);
        out.push_str("            rt::typed_detail(Self::CODE.detail(locale, &args))\n        }\n");
    }
    out.push_str("    }\n");
    let _ = writeln!(
        out,
        "\n    #[automatically_derived]\n    impl super::FluxError for {name} {{\n        \
         fn error_code(&self) -> super::ErrorCode {{\n            Self::CODE\n        }}"
    );
    if !code.params.is_empty() {
        out.push_str(
            "\n        fn visit_params(\n            &self,\n            \
             visit: &mut dyn ::core::ops::FnMut(&'static str, &dyn rt::DetailArg),\n        ) {\n",
        );
        for param in &code.params {
            let _ = writeln!(
                out,
                "            visit({:?}, &self.{});",
                param.name,
                field_name(&param.name)
            );
        }
        out.push_str("        }\n");
    }
    out.push_str("    }\n");
    if let Some(api_error) = api_error {
        let _ = writeln!(
            out,
            "\n    #[automatically_derived]\n    impl ::core::convert::From<{name}> for {api_error} {{\n        \
             fn from(error: {name}) -> Self {{\n            rt::with_params(&error)\n        }}\n    }}"
        );
    }
}

/// `pub mod params`: the enums of the select params.
fn params_module(out: &mut String, selects: &[(&CodeSpec, &Param, SelectEnum)]) {
    out.push('\n');
    doc_line(
        out,
        4,
        "The options of the codes' `select` params, one enum per param.",
    );
    out.push_str("    pub mod params {");
    if selects.is_empty() {
        out.push_str("}\n");
        return;
    }
    out.push('\n');
    for (i, (code, param, e)) in selects.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        doc_line(
            out,
            8,
            &format!(
                "The `{}` param of [`{}`](super::{}): which option of its select the detail shows.",
                param.name, code.variant, code.variant
            ),
        );
        out.push_str(
            "        #[derive(\n            ::core::clone::Clone,\n            \
             ::core::marker::Copy,\n            ::core::fmt::Debug,\n            \
             ::core::cmp::PartialEq,\n            ::core::cmp::Eq,\n            \
             ::core::hash::Hash\n        )]\n",
        );
        let _ = writeln!(out, "        pub enum {} {{", e.name);
        for (key, variant) in &e.variants {
            if key == "other" {
                doc_line(
                    out,
                    12,
                    "`other`: the option for any value the others do not name.",
                );
            } else {
                doc_line(out, 12, &format!("`{}`", escape_markdown(key)));
            }
            let _ = writeln!(out, "            {variant},");
        }
        let _ = writeln!(out, "        }}\n\n        impl {} {{", e.name);
        out.push_str(
            "            /// The option's key, as the param's value on the wire.\n            \
             pub const fn as_str(self) -> &'static str {\n                match self {\n",
        );
        for (key, variant) in &e.variants {
            let _ = writeln!(out, "                    Self::{variant} => {key:?},");
        }
        out.push_str("                }\n            }\n        }\n");
        let _ = writeln!(
            out,
            "\n        #[automatically_derived]\n        \
             impl super::rt::DetailArg for {} {{\n            \
             fn detail_value(&self) -> super::rt::Value<'_> {{\n                \
             super::rt::Value::Text(self.as_str())\n            }}\n        }}",
            e.name
        );
    }
    out.push_str("    }\n");
}

//! Loading: TOML text to [`CatalogFile`], keeping spans and reporting every malformed table.
//!
//! The walk is by hand over toml's spanned document rather than through serde, because serde
//! stops at the first problem and a catalog author should see them all at once.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::ast::{
    CATALOG_KEYS, CATEGORY_KEYS, CODE_KEYS, CatalogFile, CatalogTable, CategoryTable, CodeTable,
    Localized, Spanned, TOP_KEYS, TranslatedFrom,
};
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};

mod defined_twice;
mod toml_errors;

type Value<'i> = Spanned<DeValue<'i>>;

/// Parses `source`, pushing its problems into `diags`: the first TOML syntax error (and at
/// most `toml_errors::MAX_INDEPENDENT` clearly independent ones), else every key defined twice, else
/// every shape problem.
pub fn load(source: &str, diags: &mut Diagnostics) -> CatalogFile {
    let document = match DeTable::parse(source) {
        Ok(document) => document,
        Err(first) => {
            let (problems, not_kept) = toml_errors::diagnose(source);
            if problems.is_empty() {
                // Rejected by toml for a reason toml_parser does not see (the nesting of
                // dotted keys, a key redefined as a table): toml's own first error.
                diags.push(toml_error(&first));
            }
            for problem in problems {
                diags.push(problem);
            }
            diags.omitted_errors += not_kept;
            return CatalogFile::default();
        }
    };
    let mut walker = Walker { diags };
    walker.file(document.get_ref())
}

fn toml_error(error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim_end();
    let help = if message.contains("recurs") {
        "the file nests arrays, tables or dotted keys deeper than TOML parsers allow; a catalog \
         nests four levels at most (`[codes.ERR_X]`, `message = { en = \"...\" }`)"
    } else {
        "see https://toml.io for the syntax; the catalog format is in docs/catalog-authors.md of flux-codes"
    };
    Diagnostic::error(format!("invalid TOML: {message}"), error.span()).with_help(help)
}

struct Walker<'d> {
    diags: &'d mut Diagnostics,
}

impl Walker<'_> {
    fn file(&mut self, top: &DeTable<'_>) -> CatalogFile {
        self.reject_unknown_keys(top, TOP_KEYS, "the top level");
        let mut file = CatalogFile::default();
        match top.get("catalog") {
            Some(catalog) => {
                if let Some(table) = self.as_table(catalog, "catalog") {
                    file.catalog = self.catalog(table, catalog.span());
                }
            }
            None => self.diags.push(
                Diagnostic::error("missing the `[catalog]` table", Some(0..0))
                    .with_help("start the file with `[catalog]` holding `name`, `default_locale` and `locales`"),
            ),
        }
        if let Some(categories) = top.get("categories")
            && let Some(table) = self.as_table(categories, "categories")
        {
            for (key, value) in table.iter() {
                let key = owned(key);
                let what = format!("categories.{}", key.get_ref());
                if let Some(body) = self.as_table(value, &what) {
                    self.reject_unknown_keys(body, CATEGORY_KEYS, &format!("`[{what}]`"));
                    let title = self.required(body, "title", &key, &what, |w, v| {
                        w.localized(v, &format!("{what}.title"))
                    });
                    if let Some(title) = title {
                        file.categories.push(CategoryTable { key, title });
                    }
                }
            }
        }
        if let Some(codes) = top.get("codes")
            && let Some(table) = self.as_table(codes, "codes")
        {
            for (key, value) in table.iter() {
                let key = owned(key);
                let what = format!("codes.{}", key.get_ref());
                let name = key.get_ref().clone();
                match self
                    .as_table(value, &what)
                    .and_then(|body| self.code(key, body, &what))
                {
                    Some(code) => file.codes.push(code),
                    None => file.unloaded_codes.push(name),
                }
            }
        }
        if let Some(translated_from) = top.get("translated_from")
            && let Some(table) = self.as_table(translated_from, "translated_from")
        {
            for (locale, value) in table.iter() {
                let locale = owned(locale);
                let what = format!("translated_from.{}", locale.get_ref());
                if let Some(body) = self.as_table(value, &what) {
                    let records = body
                        .iter()
                        .filter_map(|(key, hash)| Some((owned(key), self.string(hash)?)))
                        .collect();
                    file.translated_from
                        .push(TranslatedFrom { locale, records });
                }
            }
        }
        file
    }

    fn catalog(&mut self, table: &DeTable<'_>, span: Range<usize>) -> Option<CatalogTable> {
        self.reject_unknown_keys(table, CATALOG_KEYS, "`[catalog]`");
        let header = Spanned::new(span.start..span.start, "catalog".to_owned());
        let name = self.required(table, "name", &header, "catalog", Walker::string);
        let default_locale =
            self.required(table, "default_locale", &header, "catalog", Walker::string);
        let locales = self.required(table, "locales", &header, "catalog", Walker::string_array);
        let draft_locales = table
            .get("draft_locales")
            .and_then(|v| self.string_array(v))
            .map_or_else(Vec::new, Spanned::into_inner);
        let docs_url = table.get("docs_url").and_then(|v| self.string(v));
        let version = table.get("version").and_then(|v| self.string(v));
        let npm_package = table.get("npm_package").and_then(|v| self.string(v));
        let reserved = table
            .get("reserved")
            .and_then(|v| self.string_array(v))
            .map_or_else(Vec::new, Spanned::into_inner);
        let domain = table.get("domain").and_then(|v| self.string(v));
        let internal_error = table.get("internal_error").and_then(|v| self.string(v));
        let bad_request = table.get("bad_request").and_then(|v| self.string(v));
        let allowed_characters = table
            .get("allowed_characters")
            .and_then(|v| self.as_table(v, "catalog.allowed_characters"))
            .map(|t| {
                t.iter()
                    .filter_map(|(locale, list)| {
                        Some((owned(locale), self.string_array(list)?.into_inner()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(CatalogTable {
            span,
            name: name?,
            default_locale: default_locale?,
            locales: locales?,
            draft_locales,
            docs_url,
            reserved,
            domain,
            internal_error,
            bad_request,
            version,
            npm_package,
            allowed_characters,
        })
    }

    fn code(&mut self, key: Spanned<String>, body: &DeTable<'_>, what: &str) -> Option<CodeTable> {
        self.reject_unknown_keys(body, CODE_KEYS, &format!("`[{what}]`"));
        let status = self.required(body, "status", &key, what, Walker::integer);
        let retryable = self.required(body, "retryable", &key, what, Walker::boolean);
        let category = self.required(body, "category", &key, what, Walker::string);
        let message = self.required(body, "message", &key, what, |w, v| {
            w.localized(v, &format!("{what}.message"))
        });
        let detail = body
            .get("detail")
            .and_then(|v| self.localized(v, &format!("{what}.detail")));
        let hint = body
            .get("hint")
            .and_then(|v| self.localized(v, &format!("{what}.hint")));
        let variant = body.get("variant").and_then(|v| self.string(v));
        let deprecated = body.get("deprecated").and_then(|v| self.string(v));
        let grpc = body.get("grpc").and_then(|v| self.string(v));
        Some(CodeTable {
            code: key,
            status: status?,
            retryable: retryable?,
            category: category?,
            message: message?,
            detail,
            hint,
            variant,
            deprecated,
            grpc,
        })
    }

    /// A required field: reports it missing (at the table's key) or converts it.
    fn required<'i, T>(
        &mut self,
        table: &DeTable<'i>,
        field: &str,
        owner: &Spanned<String>,
        what: &str,
        convert: impl FnOnce(&mut Self, &Value<'i>) -> Option<T>,
    ) -> Option<T> {
        match table.get(field) {
            Some(value) => convert(self, value),
            None => {
                self.diags.push(
                    Diagnostic::error(
                        format!("`[{what}]` is missing the required field `{field}`"),
                        Some(owner.span()),
                    )
                    .with_label(format!("`{field}` is missing here"))
                    .with_help(format!("add `{field} = {}`", example(field))),
                );
                None
            }
        }
    }

    fn reject_unknown_keys(&mut self, table: &DeTable<'_>, known: &[&str], place: &str) {
        for (key, _) in table.iter() {
            let name: &str = key.get_ref();
            if known.contains(&name) {
                continue;
            }
            let mut d =
                Diagnostic::error(format!("unknown key `{name}` in {place}"), Some(key.span()))
                    .with_label("not a key of the catalog format");
            d = match did_you_mean(name, known.iter().copied()) {
                Some(near) => d.with_help(format!("did you mean `{near}`?")),
                None => d.with_help(format!("the keys allowed here are: {}", known.join(", "))),
            };
            self.diags.push(d);
        }
    }

    fn wrong_type(&mut self, value: &Value<'_>, expected: &str) {
        self.diags.push(
            Diagnostic::error(
                format!("expected {expected}, found {}", value.get_ref().type_str()),
                Some(value.span()),
            )
            .with_label(format!("expected {expected}")),
        );
    }

    fn as_table<'a, 'i>(&mut self, value: &'a Value<'i>, what: &str) -> Option<&'a DeTable<'i>> {
        let table = value.get_ref().as_table();
        if table.is_none() {
            self.diags.push(
                Diagnostic::error(
                    format!(
                        "`{what}` must be a table, found {}",
                        value.get_ref().type_str()
                    ),
                    Some(value.span()),
                )
                .with_help(format!("write it as a `[{what}]` table")),
            );
        }
        table
    }

    fn string(&mut self, value: &Value<'_>) -> Option<Spanned<String>> {
        match value.get_ref().as_str() {
            Some(s) => Some(Spanned::new(value.span(), s.to_owned())),
            None => {
                self.wrong_type(value, "a string");
                None
            }
        }
    }

    fn integer(&mut self, value: &Value<'_>) -> Option<Spanned<i64>> {
        let parsed = value
            .get_ref()
            .as_integer()
            .and_then(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok());
        match parsed {
            Some(n) => Some(Spanned::new(value.span(), n)),
            None => {
                self.wrong_type(value, "an integer");
                None
            }
        }
    }

    fn boolean(&mut self, value: &Value<'_>) -> Option<Spanned<bool>> {
        match value.get_ref().as_bool() {
            Some(b) => Some(Spanned::new(value.span(), b)),
            None => {
                self.wrong_type(value, "a boolean (`true` or `false`)");
                None
            }
        }
    }

    fn string_array(&mut self, value: &Value<'_>) -> Option<Spanned<Vec<Spanned<String>>>> {
        let Some(array) = value.get_ref().as_array() else {
            self.wrong_type(value, "an array of strings");
            return None;
        };
        let items = array.iter().filter_map(|item| self.string(item)).collect();
        Some(Spanned::new(value.span(), items))
    }

    /// `{ en = "...", es = "..." }`; which locales must be present is checked by the validator.
    fn localized(&mut self, value: &Value<'_>, what: &str) -> Option<Localized> {
        let Some(table) = value.get_ref().as_table() else {
            self.diags.push(
                Diagnostic::error(
                    format!("`{what}` must give a text per locale, found {}", value.get_ref().type_str()),
                    Some(value.span()),
                )
                .with_label("expected a table of locale = text")
                .with_help(r#"write it as `{ en = "...", es = "..." }`, one entry per locale of the catalog"#),
            );
            return None;
        };
        let texts = table
            .iter()
            .filter_map(|(tag, text)| Some((owned(tag), self.string(text)?)))
            .collect();
        Some(Localized {
            span: value.span(),
            texts,
        })
    }
}

fn owned(key: &Spanned<toml::de::DeString<'_>>) -> Spanned<String> {
    Spanned::new(key.span(), key.get_ref().to_string())
}

/// A sample value for a missing field's help.
fn example(field: &str) -> &'static str {
    match field {
        "status" => "422",
        "retryable" => "false",
        "category" => "\"payment\"",
        "message" | "title" => r#"{ en = "...", es = "..." }"#,
        "name" => "\"Flux\"",
        "default_locale" => "\"en\"",
        "locales" => r#"["en", "es"]"#,
        _ => "...",
    }
}

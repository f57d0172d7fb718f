//! HTML: the error-code page as one self-contained file, for a service to serve at `/errors` or
//! docs to embed. The same content as the Markdown pages, in every locale at once, with a
//! search box and a language switch.
//!
//! A detail shows as example sentences, one per option of its plural or select, rendered with
//! sample values by the runtime's renderer (`render_example`, as the API would answer), with its ICU MessageFormat source in a `<details>` on demand.
//!
//! Every row is rendered here, with every catalog string escaped; the page's script
//! (`html/page.js`) holds no catalog data, it only hides and shows what is already in the page.
//! A text in each locale is an element with `data-l` and `lang`; all but the default locale's
//! start `hidden`, so without script the page reads in the default locale. A
//! Content-Security-Policy allows only this page's own style and script (by hash) and no
//! network access at all, so even a text that slipped past escaping could not run or load
//! anything.

use std::fmt::Write as _;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::model::{Catalog, CodeSpec, Param, TextId, TextState};
use crate::render::examples::{Target, example_values, render_example, shown_values};
use crate::render::page_text::{Columns, PageText, PageVars, Segment, page_text, translation};
use crate::render::{Mention, mentions, param_summary};
use flux_codes_core::http::status_line;

const STYLE: &str = include_str!("html/page.css");
const SCRIPT: &str = include_str!("html/page.js");

/// The page, with every locale of the catalog.
pub fn render_html(catalog: &Catalog) -> String {
    let page = Page {
        catalog,
        texts: catalog.locales.iter().map(|l| page_text(l)).collect(),
        vars: PageVars::new(catalog),
    };
    let default = catalog.default_locale;
    let h1 = page.localized("span", Content::Fixed, |l, _| {
        page.fixed(l, |t| t.title, true)
    });
    let intro = page.localized("div class=\"intro\"", Content::Fixed, |l, _| page.intro(l));
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src '{style_hash}'; script-src '{script_hash}'; base-uri 'none'; \
         form-action 'none'\">\n\
         <meta name=\"generator\" content=\"flux-codes-gen\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n\
         <h1>{h1}</h1>\n{controls}</header>\n<main>\n{intro}",
        lang = escape(&catalog.locales[default]),
        style_hash = sha256(STYLE),
        script_hash = sha256(SCRIPT),
        title = page.fixed(default, |t| t.title, false),
        controls = page.controls(),
    );
    for (index, category) in catalog.categories.iter().enumerate() {
        let codes: Vec<(usize, &CodeSpec)> = catalog
            .codes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.category == index)
            .collect();
        if codes.is_empty() {
            continue;
        }
        let id = format!("category-{}", escape(&category.key));
        let _ = write!(
            out,
            "<section data-category aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{title}</h2>\n\
             <table aria-labelledby=\"{id}\">\n<thead><tr>",
            title = page.localized(
                "span",
                Content::Catalog(TextId::CategoryTitle(index)),
                |l, _| { escape(&category.title[l]) }
            ),
        );
        for column in 0..Columns::COUNT {
            let name = page.localized("span", Content::Fixed, |_, t| {
                escape(t.columns.all()[column])
            });
            let _ = write!(out, "<th scope=\"col\">{name}</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for (index, code) in codes {
            out.push_str(&page.row(index, code));
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    let _ = write!(
        out,
        "<p id=\"no-match\" role=\"status\" hidden>{}</p>\n</main>\n<script>{SCRIPT}</script>\n\
         </body>\n</html>\n",
        page.localized("span", Content::Fixed, |_, t| escape(t.no_match)),
    );
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // What an HTML parser reads NUL as (a parse error left raw).
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A CSP source for an inline element's exact text: `sha256-<base64>`.
fn sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// What a localized element holds: catalog text (in its locale), or the page's fixed text,
/// catalog text within it or not (in English where the pages have no translation).
#[derive(Clone, Copy)]
enum Content {
    /// A catalog text: in its locale, or in the default locale's where it falls back.
    Catalog(TextId),
    /// The page's fixed text, catalog text within it or not.
    Fixed,
}

struct Page<'a> {
    catalog: &'a Catalog,
    /// The fixed text for each catalog locale.
    texts: Vec<&'static PageText>,
    vars: PageVars,
}

impl Page<'_> {
    /// One `element` per locale holding `html(locale, its fixed text)`; all but the default
    /// locale's hidden. `element` may carry attributes: `div class="intro"`. `data-l` names the
    /// catalog locale (what the language switch shows); `lang` the language of the content,
    /// which for fixed text without a translation is English.
    fn localized(
        &self,
        element: &str,
        content: Content,
        html: impl Fn(usize, &PageText) -> String,
    ) -> String {
        let name = element.split(' ').next().unwrap_or(element);
        let mut out = String::new();
        for (locale, tag) in self.catalog.locales.iter().enumerate() {
            let lang = match content {
                Content::Fixed if translation(tag).is_none() => "en",
                Content::Catalog(id) if id.states(self.catalog)[locale] == TextState::Fallback => {
                    self.catalog.default_locale_tag()
                }
                _ => tag,
            };
            let hidden = if locale == self.catalog.default_locale {
                ""
            } else {
                " hidden"
            };
            let _ = write!(
                out,
                "<{element} data-l=\"{tag}\" lang=\"{lang}\"{hidden}>{}</{name}>",
                html(locale, self.texts[locale]),
                tag = escape(tag),
                lang = escape(lang),
            );
        }
        out
    }

    /// Fixed text in a locale, filled in and escaped, inline code as `<code>` when `markup`.
    fn fixed(&self, locale: usize, text: impl Fn(&PageText) -> &str, markup: bool) -> String {
        self.vars
            .segments(text(self.texts[locale]))
            .iter()
            .map(|segment| match segment {
                Segment::Code(code) if markup => format!("<code>{}</code>", escape(code)),
                Segment::Text(text) | Segment::Code(text) => escape(text),
            })
            .collect()
    }

    fn controls(&self) -> String {
        let options: String = self
            .catalog
            .locales
            .iter()
            .enumerate()
            .map(|(locale, tag)| {
                let name = translation(tag).map_or(tag.as_str(), |t| t.language_name);
                let selected = if locale == self.catalog.default_locale {
                    " selected"
                } else {
                    ""
                };
                let tag = escape(tag);
                format!("<option value=\"{tag}\" lang=\"{tag}\"{selected}>{name}</option>")
            })
            .collect();
        format!(
            "<div class=\"controls\" role=\"search\" hidden>\n\
             <p class=\"search\"><label for=\"search\">{search}</label>\
             <input id=\"search\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\"></p>\n\
             <p><label for=\"locale\">{language}</label><select id=\"locale\">{options}</select></p>\n\
             </div>\n",
            search = self.localized("span", Content::Fixed, |_, t| escape(t.search)),
            language = self.localized("span", Content::Fixed, |_, t| escape(t.language)),
        )
    }

    fn intro(&self, locale: usize) -> String {
        let fixed = |f: fn(&PageText) -> &str| self.fixed(locale, f, true);
        let retryable: Vec<String> = self
            .catalog
            .codes
            .iter()
            .filter(|c| c.retryable)
            .map(|c| code_link(&c.code))
            .collect();
        let retryable = if retryable.is_empty() {
            fixed(|t| t.none_retryable)
        } else {
            format!("{} {}.", fixed(|t| t.retryable_codes), retryable.join(", "))
        };
        let placeholders = if self.vars.has_param() {
            format!("<p>{}</p>", fixed(|t| t.placeholders))
        } else {
            String::new()
        };
        let version = if self.vars.has_version() {
            format!("<p>{}</p>", fixed(|t| t.version))
        } else {
            String::new()
        };
        format!(
            "<p>{}</p><ul><li><code>2xx</code>: {}</li><li><code>4xx</code>: {}</li>\
             <li><code>5xx</code>: {}</li></ul><p>{}</p><p>{} {retryable}</p>{placeholders}{version}",
            fixed(|t| t.intro),
            fixed(|t| t.status_2xx),
            fixed(|t| t.status_4xx),
            fixed(|t| t.status_5xx),
            fixed(|t| t.match_on_code),
            fixed(|t| t.retryable),
        )
    }

    /// The row of the code at `index` in [`Catalog::codes`].
    fn row(&self, index: usize, code: &CodeSpec) -> String {
        let status = status_line(code.status);
        let name = if code.deprecated.is_some() {
            format!("<s>{}</s>", code_html(&code.code))
        } else {
            code_html(&code.code)
        };
        let retryable = self.localized("span", Content::Fixed, |_, t| {
            if code.retryable {
                format!("<span class=\"yes\">{}</span>", escape(t.yes))
            } else {
                escape(t.no)
            }
        });
        let message =
            self.localized(
                "span",
                Content::Catalog(TextId::Message(index)),
                |l, t| match &code.deprecated {
                    Some(note) => format!(
                        "<strong>{}</strong> {} {}",
                        escape(t.deprecated),
                        self.note(note),
                        escape(&code.message[l])
                    ),
                    None => escape(&code.message[l]),
                },
            );
        let detail = code.detail.as_ref().map(|_| {
            self.localized("div", Content::Catalog(TextId::Detail(index)), |l, t| {
                self.detail_html(index, l, t)
            })
        });
        let hint = code.hint.as_ref().map(|h| {
            self.localized("span", Content::Catalog(TextId::Hint(index)), |l, _| {
                escape(&h[l])
            })
        });
        let cell = |class: &str, column: usize, content: Option<String>| match content {
            Some(content) => format!(
                "<td class=\"{class}\"><span class=\"label\">{}</span>{content}</td>",
                self.localized("span", Content::Fixed, |_, t| escape(
                    t.columns.all()[column]
                ))
            ),
            None => format!("<td class=\"{class}\"></td>"),
        };
        format!(
            "<tr id=\"{id}\" data-status=\"{status}\">\
             <th scope=\"row\"><a href=\"#{id}\">{name}</a></th>{}{}{}{}{}{}</tr>\n",
            cell("status", 1, Some(escape(&status))),
            cell("grpc", 2, Some(code_html(code.grpc.name()))),
            cell("retryable", 3, Some(retryable)),
            cell("message", 4, Some(message)),
            cell("detail", 5, detail),
            cell("hint", 6, hint),
            id = escape(&code.code),
            status = escape(&status),
        )
    }

    /// The detail of the code at `index` in the locale at `locale`: a list of example sentences
    /// (each with the values it was rendered with), then the ICU source and the params in a
    /// `<details>`. A locale without its own text shows the default locale's, rendered in it.
    fn detail_html(&self, index: usize, locale: usize, text: &PageText) -> String {
        let catalog = self.catalog;
        let code = &catalog.codes[index];
        let detail = code.detail.as_deref().expect("a code with a detail");
        let default = catalog.default_locale;
        let shown = match TextId::Detail(index).states(catalog)[locale] {
            TextState::Fallback => default,
            _ => locale,
        };
        let target = Target {
            tag: &catalog.locales[shown],
            translation: Some(&detail[shown]),
        };
        let sets = example_values(
            catalog.default_locale_tag(),
            &detail[default],
            &target,
            &code.params,
        );
        let mut out = String::from("<ul class=\"examples\">");
        for values in &sets {
            let sentence = render_example(&detail[shown], target.tag, values);
            let _ = write!(out, "<li>");
            if !values.is_empty() {
                let _ = write!(
                    out,
                    "<span class=\"values\">{}</span> ",
                    escape(&shown_values(values))
                );
            }
            let _ = write!(out, "{}</li>", escape(&sentence));
        }
        out.push_str("</ul>");
        let _ = write!(
            out,
            "<details><summary>{}</summary><code class=\"icu\">{}</code>",
            escape(text.detail_source),
            escape(&detail[shown].source),
        );
        if !code.params.is_empty() {
            out.push_str(&params_html(&code.params));
        }
        out.push_str("</details>");
        out
    }

    /// A deprecation note, with the codes it names linked to their rows.
    fn note(&self, note: &str) -> String {
        mentions(self.catalog, note)
            .into_iter()
            .map(|piece| match piece {
                Mention::Text(text) => escape(text),
                Mention::Code(code) => code_link(code),
            })
            .collect()
    }
}

fn code_link(code: &str) -> String {
    format!("<a href=\"#{}\">{}</a>", escape(code), code_html(code))
}

/// A code string as `<code>`: one word, never broken across lines (its column is as wide as
/// the longest code; only one longer than a whole phone line wraps).
fn code_html(code: &str) -> String {
    format!("<code>{}</code>", escape(code))
}

/// A detail's params with their types: `<code>max_amount: number</code>`.
fn params_html(params: &[Param]) -> String {
    let list: Vec<String> = params
        .iter()
        .map(|p| format!("<code>{}</code>", escape(&param_summary(p))))
        .collect();
    format!("<p class=\"params\">{}</p>", list.join(", "))
}

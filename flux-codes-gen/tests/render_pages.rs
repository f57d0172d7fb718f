//! The error-code pages (Markdown per locale, and the HTML page) for the real catalog and for
//! two hostile ones: `fixtures/adversarial_pages.toml` (Markdown, HTML and script in every
//! text, long text, non-Latin scripts, a locale without a page translation) and the exports'
//! `fixtures/adversarial.toml`. A CommonMark + GFM parser reads each Markdown page back and must
//! find one table row per code, one cell per column, every catalog text as literal text, and no
//! HTML but the code anchors.
//!
//! Snapshots: the real catalog's pages are the committed `exports/docs/` (kept fresh by
//! flux-codes-cli's `exports_fresh` test), `adversarial.toml`'s are pinned by `tests/exports.rs`,
//! and `adversarial_pages.toml`'s here.

use std::path::Path;

mod common;

use flux_codes_core::http::status_line;
use flux_codes_gen::message::Node;
use flux_codes_gen::render::html::render_html;
use flux_codes_gen::render::markdown::render_markdown;
use flux_codes_gen::{Catalog, CodeSpec, load_catalog};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn real() -> Catalog {
    load_catalog(Path::new("../codes.toml")).unwrap()
}

fn adversarial_pages() -> Catalog {
    load_catalog(Path::new("tests/fixtures/adversarial_pages.toml")).unwrap()
}

fn catalogs() -> [(&'static str, Catalog); 3] {
    [
        ("codes", real()),
        ("adversarial_pages", adversarial_pages()),
        (
            "adversarial",
            load_catalog(Path::new("tests/fixtures/adversarial.toml")).unwrap(),
        ),
    ]
}

#[test]
fn the_hostile_pages_are_pinned_and_deterministic() {
    let catalog = adversarial_pages();
    for (locale, tag) in catalog.locales().iter().enumerate() {
        let page = render_markdown(&catalog, locale);
        assert_eq!(page, render_markdown(&catalog, locale), "deterministic");
        insta::assert_snapshot!(format!("markdown-adversarial_pages-{tag}"), page);
    }
    let page = render_html(&catalog);
    assert_eq!(page, render_html(&catalog), "deterministic");
    insta::assert_snapshot!("html-adversarial_pages", page);
}

/// One table cell as a GFM renderer reads it: its text, and any HTML in it.
#[derive(Debug, Default)]
struct Cell {
    text: String,
    html: Vec<String>,
}

/// The tables of a Markdown page: per table, its head cells and its body rows.
struct Tables {
    tables: Vec<(Vec<Cell>, Vec<Vec<Cell>>)>,
    /// HTML outside any table.
    stray_html: Vec<String>,
}

fn parse_tables(markdown: &str) -> Tables {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut tables = Vec::new();
    let mut stray_html = Vec::new();
    let (mut in_table, mut in_head) = (false, false);
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Table(_)) => {
                in_table = true;
                tables.push((Vec::new(), Vec::new()));
            }
            Event::End(TagEnd::Table) => in_table = false,
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => tables.last_mut().unwrap().1.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                let (head, rows) = tables.last_mut().unwrap();
                let row = if in_head {
                    head
                } else {
                    rows.last_mut().unwrap()
                };
                row.push(Cell::default());
            }
            Event::Text(text) | Event::Code(text) if in_table => {
                current_cell(&mut tables, in_head).text.push_str(&text);
            }
            Event::Html(html) | Event::InlineHtml(html) if in_table => {
                current_cell(&mut tables, in_head)
                    .html
                    .push(html.to_string());
            }
            Event::Html(html) | Event::InlineHtml(html) => stray_html.push(html.to_string()),
            _ => {}
        }
    }
    Tables { tables, stray_html }
}

/// The cell the parser is in.
fn current_cell(tables: &mut [(Vec<Cell>, Vec<Vec<Cell>>)], in_head: bool) -> &mut Cell {
    let (head, rows) = tables.last_mut().unwrap();
    let row = if in_head {
        head
    } else {
        rows.last_mut().unwrap()
    };
    row.last_mut().unwrap()
}

/// How a text reads once a table cell has flattened it: lines joined by spaces, trimmed (and
/// NUL replaced, as CommonMark does).
fn flat(text: &str) -> String {
    text.replace('\r', "")
        .replace('\n', " ")
        .replace('\0', "\u{FFFD}")
        .trim()
        .to_owned()
}

/// The literal texts of a message, at every depth, in order.
fn literal_texts(nodes: &[Node], out: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Text { text, .. } => out.push(text.clone()),
            Node::Plural { branches, .. } | Node::Select { branches, .. } => {
                for b in branches {
                    literal_texts(&b.nodes, out);
                }
            }
            _ => {}
        }
    }
}

#[test]
fn markdown_tables_hold_every_text_literally_in_its_cell() {
    for (name, catalog) in catalogs() {
        for locale in 0..catalog.locales().len() {
            let page = render_markdown(&catalog, locale);
            let Tables { tables, stray_html } = parse_tables(&page);
            let context = format!("{name} [{}]", catalog.locales()[locale]);
            assert!(stray_html.is_empty(), "{context}: {stray_html:?}");
            let categories: Vec<usize> = (0..catalog.categories().len())
                .filter(|&c| catalog.codes_in(c).next().is_some())
                .collect();
            assert_eq!(
                tables.len(),
                categories.len(),
                "{context}: one table per category"
            );
            for ((head, rows), &category) in tables.iter().zip(&categories) {
                assert_eq!(head.len(), 7, "{context}: head cells");
                let codes: Vec<&CodeSpec> = catalog.codes_in(category).collect();
                assert_eq!(rows.len(), codes.len(), "{context}: one row per code");
                for (row, code) in rows.iter().zip(codes) {
                    assert_eq!(row.len(), 7, "{context}: cells of {}", code.code());
                    let expected_html = [format!("<a id=\"{}\">", code.code()), "</a>".to_owned()];
                    assert_eq!(row[0].html, expected_html, "{context}: the anchor");
                    for (i, cell) in row.iter().enumerate().skip(1) {
                        // A detail breaks its plural and select options onto lines of their own.
                        let allowed = |h: &String| i == 5 && h == "<br>";
                        assert!(cell.html.iter().all(allowed), "{context}: {:?}", cell.html);
                    }
                    assert_eq!(row[0].text, code.code());
                    assert_eq!(row[1].text, status_line(code.status()));
                    assert_eq!(row[2].text, code.grpc().name());
                    let message = flat(&code.message()[locale]);
                    match code.deprecated() {
                        Some(note) => {
                            assert!(row[4].text.contains(&flat(note)), "{context}: note");
                            assert!(row[4].text.ends_with(&message), "{context}: message");
                        }
                        None => assert_eq!(row[4].text, message, "{context}"),
                    }
                    match code.detail() {
                        Some(d) => {
                            let mut texts = Vec::new();
                            literal_texts(&d[locale].nodes, &mut texts);
                            let mut rest = row[5].text.as_str();
                            for text in texts.iter().map(|t| flat(t)).filter(|t| !t.is_empty()) {
                                let at = rest.find(&text).unwrap_or_else(|| {
                                    panic!("{context}: {text:?} in order in {:?}", row[5].text)
                                });
                                rest = &rest[at + text.len()..];
                            }
                            for param in code.params() {
                                assert!(
                                    row[5]
                                        .text
                                        .contains(&format!("{}: {}", param.name, param.ty)),
                                    "{context}: the type of {}",
                                    param.name
                                );
                            }
                        }
                        None => assert_eq!(row[5].text, "", "{context}"),
                    }
                    let hint = code.hint().map(|h| flat(&h[locale]));
                    assert_eq!(row[6].text, hint.unwrap_or_default(), "{context}");
                }
            }
        }
    }
}

#[test]
fn markdown_renders_to_html_without_catalog_markup() {
    for (_, catalog) in catalogs() {
        markdown_renders_without_markup(&catalog);
    }
}

fn markdown_renders_without_markup(catalog: &Catalog) {
    for locale in 0..catalog.locales().len() {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let mut html = String::new();
        pulldown_cmark::html::push_html(
            &mut html,
            Parser::new_ext(&render_markdown(catalog, locale), options),
        );
        for tag in [
            "<img",
            "<svg",
            "<iframe",
            "<script",
            "<style",
            "<textarea",
            "<b>",
            "<i>",
            "<!--",
        ] {
            assert!(!html.contains(tag), "{tag} in {html}");
        }
        let message = &catalog.codes()[0].message()[locale];
        let escaped = message
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(html.contains(&escaped), "{message} is shown as text");
    }
}

/// Every `id="..."` in a rendered HTML document.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

#[test]
fn every_docs_url_points_at_an_anchor_of_both_pages() {
    // (`adversarial.toml`'s docs_url is a query, `?code={code}`, not an anchor.)
    for (name, catalog) in [
        ("codes", real()),
        ("adversarial_pages", adversarial_pages()),
    ] {
        let options = Options::ENABLE_TABLES;
        let mut markdown_html = String::new();
        let markdown = render_markdown(&catalog, catalog.default_locale());
        pulldown_cmark::html::push_html(&mut markdown_html, Parser::new_ext(&markdown, options));
        let html = render_html(&catalog);
        for code in catalog.codes() {
            let url = catalog.docs_url(code).expect("the catalog has a docs_url");
            let (_, fragment) = url.split_once('#').expect("docs_url has a fragment");
            for (page, page_ids) in [("markdown", ids(&markdown_html)), ("html", ids(&html))] {
                let found = page_ids.iter().filter(|id| **id == fragment).count();
                assert_eq!(found, 1, "{name} {page}: anchor #{fragment}");
            }
        }
    }
}

#[test]
fn the_html_page_has_no_markup_from_the_catalog() {
    for (name, catalog) in catalogs() {
        the_html_page_has_no_markup(name, &render_html(&catalog));
    }
}

fn the_html_page_has_no_markup(name: &str, page: &str) {
    for tag in ["<img", "<svg", "<iframe", "<textarea", "<b>", "<i>", "<!--"] {
        assert!(!page.contains(tag), "{name}: {tag} in the page");
    }
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert_eq!(page.matches("</script").count(), 1);
    assert_eq!(
        page.matches("<style").count(),
        1,
        "only the page's own style"
    );
    assert_eq!(page.matches("</style").count(), 1);
    // Self-contained: links stay on the page, nothing is loaded.
    assert!(
        page.split("href=\"")
            .skip(1)
            .all(|rest| rest.starts_with('#'))
    );
    for load in ["src=\"", "<link", "url("] {
        assert!(!page.contains(load), "{load} in the page");
    }
}

// flux-codes: allow-start (the adversarial fixture catalog's codes)
#[test]
fn deprecation_notes_link_the_codes_they_name() {
    let catalog = adversarial_pages();
    let markdown = render_markdown(&catalog, 0);
    assert!(markdown.contains(
        "Use [`ERR_PIPES`](#ERR_PIPES) or [`ERR_NON_LATIN`](#ERR_NON_LATIN) instead; \
         ERR\\_PIPES\\_X, xERR\\_PIPES and &lt;b&gt;[`ERR_HTML`](#ERR_HTML)&lt;/b&gt;"
    ));
    assert!(render_html(&catalog).contains(
        "Use <a href=\"#ERR_PIPES\"><code>ERR_PIPES</code></a> or \
         <a href=\"#ERR_NON_LATIN\"><code>ERR_NON_LATIN</code></a> instead;"
    ));
}
// flux-codes: allow-end

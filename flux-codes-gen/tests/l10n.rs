//! The translators' round trip in the generator: a catalog's translation states (draft
//! fallbacks, stale texts), the PO and XLIFF files pinned by snapshots, and imports that touch
//! only the strings they change, in every TOML form a text can take. (The files under gettext,
//! translate-toolkit and polib: `flux-codes-cli/tests/l10n.rs`.)

use std::path::Path;

mod common;

use flux_codes_gen::Catalog;
use flux_codes_gen::l10n::import::{ImportOptions, PoInput, import};
use flux_codes_gen::model::{Counts, SourceHash, TextId, TextState};
use flux_codes_gen::render::po::{PoHeader, render_po};
use flux_codes_gen::render::xliff::render_xliff;

const FIXTURE: &str = "tests/fixtures/l10n.toml";

fn source() -> String {
    std::fs::read_to_string(FIXTURE).unwrap()
}

fn load(source: &str) -> Catalog {
    flux_codes_gen::parse_catalog(Path::new(FIXTURE), source)
        .unwrap_or_else(|d| panic!("{}", d.render(false)))
}

fn po(catalog: &Catalog, locale: usize) -> String {
    let previous = |hash: SourceHash| {
        (hash.to_string() == "00000000").then(|| "The basket is empty.".to_owned())
    };
    render_po(
        catalog,
        locale,
        PoHeader {
            revision_date: "2026-11-30 10:00+0000",
        },
        &previous,
    )
}

#[test]
fn drafts_fall_back_and_changed_sources_make_translations_stale() {
    let (catalog, warnings) =
        flux_codes_gen::parse_catalog_checked(Path::new(FIXTURE), source()).unwrap();
    assert_eq!(catalog.locales(), ["en", "es", "pt-BR"]);
    assert!(catalog.is_draft(2) && !catalog.is_draft(1));
    let empty = catalog.text_by_key("ERR_CART_EMPTY.message").unwrap();
    assert_eq!(empty, TextId::Message(0));
    assert_eq!(empty.texts(&catalog)[2], "The cart is empty.", "a fallback");
    assert_eq!(empty.states(&catalog)[0], TextState::Source);
    assert!(matches!(empty.states(&catalog)[1], TextState::Stale { .. }));
    assert_eq!(empty.states(&catalog)[2], TextState::Fallback);
    let locked = catalog.text_by_key("ERR_CART_LOCKED.message").unwrap();
    assert_eq!(locked.states(&catalog)[2], TextState::Translated);
    assert_eq!(
        Counts::of(&catalog, 2),
        Counts {
            total: 6,
            translated: 3,
            missing: 3,
            stale: 0
        }
    );
    assert_eq!(Counts::of(&catalog, 1).stale, 1);
    let rendered = warnings.render(false);
    insta::assert_snapshot!("stale_warning", rendered);
}

/// A source detail that does not parse is one mistake: its translations, recorded against an
/// earlier source, are not reported stale beside it (they are once the source parses).
#[test]
fn a_broken_source_detail_is_one_diagnostic_not_also_stale_translations() {
    let recorded = source().replace(
        "\"ERR_CART_EMPTY.message\" = \"00000000\"",
        "\"ERR_CART_EMPTY.message\" = \"00000000\"\n\"ERR_CART_LIMIT.detail\" = \"00000000\"",
    );
    let stale_detail = "`codes.ERR_CART_LIMIT.detail` is stale";

    let (_, warnings) =
        flux_codes_gen::parse_catalog_checked(Path::new(FIXTURE), recorded.clone()).unwrap();
    assert!(
        warnings
            .items
            .iter()
            .any(|d| d.message.contains(stale_detail)),
        "a changed source that parses makes its translation stale:\n{}",
        warnings.render(false)
    );

    let broken = recorded.replace("{max_items} items", "{max_items, numbr} items");
    let diags = flux_codes_gen::parse_catalog(Path::new(FIXTURE), &broken).unwrap_err();
    let about_detail: Vec<_> = diags
        .items
        .iter()
        .filter(|d| d.message.contains("ERR_CART_LIMIT.detail"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        about_detail,
        ["`numbr` is not an argument type in the `en` text of `codes.ERR_CART_LIMIT.detail`"],
        "{}",
        diags.render(false)
    );
}

#[test]
fn po_and_xliff_files_are_pinned() {
    let catalog = load(&source());
    insta::assert_snapshot!("es.po", po(&catalog, 1));
    insta::assert_snapshot!("pt-BR.po", po(&catalog, 2));
    let none = |_: SourceHash| None;
    insta::assert_snapshot!("pt-BR.xlf", render_xliff(&catalog, 2, &none));
}

/// Imports `po` into the fixture; the new catalog text.
fn import_po(po: &str, options: ImportOptions) -> Result<String, String> {
    let path = Path::new("pt-BR.po");
    let input = PoInput {
        path,
        bytes: po.as_bytes(),
    };
    import(Path::new(FIXTURE), &source(), &[input], options)
        .map(|imported| imported.source)
        .map_err(|e| e.render(false))
}

#[test]
fn an_import_changes_only_its_strings_in_every_table_form() {
    let catalog = load(&source());
    let exported = po(&catalog, 2);
    let translated = exported
        .replace(
            "msgid \"The cart is full.\"\nmsgstr \"\"",
            "msgid \"The cart is full.\"\nmsgstr \"O carrinho está cheio.\"",
        )
        .replace(
            "msgid \"The cart is empty.\"\nmsgstr \"\"",
            "msgid \"The cart is empty.\"\nmsgstr \"O carrinho está vazio.\"",
        )
        .replace(
            "msgstr \"O carrinho está sendo finalizado.\"",
            "msgstr \"O carrinho está em finalização.\"",
        );
    let after = import_po(&translated, ImportOptions::default()).unwrap();
    let before = source();
    let expected = before
        .replace(
            "message = { en = \"The cart is empty.\", es = \"El carrito está vacío.\" }   #",
            "message = { en = \"The cart is empty.\", es = \"El carrito está vacío.\", pt-BR = \"O carrinho está vazio.\" }   #",
        )
        .replace(
            "es = \"El carrito está lleno.\"\n",
            "es = \"El carrito está lleno.\"\npt-BR = \"O carrinho está cheio.\"\n",
        )
        .replace(
            "message.pt-BR = \"O carrinho está sendo finalizado.\"",
            "message.pt-BR = \"O carrinho está em finalização.\"",
        );
    let records = after
        .strip_prefix(expected.as_str())
        .unwrap_or_else(|| panic!("more than the strings changed:\n{after}"));
    let hash = |text: &str| SourceHash::of(text).to_string();
    assert_eq!(
        records,
        format!(
            "\n# What each pt-BR translation was made from: a hash of the source text it translates,\n\
             # written by `flux-codes l10n import`. A changed source text makes its translation stale.\n\
             [translated_from.pt-BR]\n\
             \"categories.cart.title\" = \"{}\"\n\
             \"ERR_CART_EMPTY.message\" = \"{}\"\n\
             \"ERR_CART_EMPTY.hint\" = \"{}\"\n\
             \"ERR_CART_LIMIT.message\" = \"{}\"\n\
             \"ERR_CART_LOCKED.message\" = \"{}\"\n",
            hash("Cart errors"),
            hash("The cart is empty."),
            hash("Add an item, then \"check out\" again."),
            hash("The cart is full."),
            hash("The cart is being checked out."),
        )
    );
    let catalog = load(&after);
    assert_eq!(Counts::of(&catalog, 2).translated, 5);
}

#[test]
fn fuzzy_entries_wait_unless_asked_and_stay_stale() {
    let catalog = load(&source());
    let es = po(&catalog, 1);
    assert!(es.contains(
        "#, fuzzy\n#| msgctxt \"ERR_CART_EMPTY.message\"\n#| msgid \"The basket is empty.\"\n"
    ));
    let edited = es.replace(
        "msgstr \"El carrito está vacío.\"",
        "msgstr \"El carrito no tiene artículos.\"",
    );
    let after = import_po(&edited, ImportOptions::default()).unwrap();
    let catalog = load(&after);
    let empty = TextId::Message(0);
    assert_eq!(
        empty.texts(&catalog)[1],
        "El carrito está vacío.",
        "a fuzzy entry is not imported by default"
    );
    assert!(matches!(empty.states(&catalog)[1], TextState::Stale { .. }));
    let after = import_po(
        &edited,
        ImportOptions {
            include_fuzzy: true,
        },
    )
    .unwrap();
    let catalog = load(&after);
    assert_eq!(empty.texts(&catalog)[1], "El carrito no tiene artículos.");
    assert_eq!(
        empty.states(&catalog)[1],
        TextState::Stale {
            translated_from: SourceHash::of("The basket is empty.")
        },
        "imported unreviewed, it still translates the earlier source"
    );
}

#[test]
fn bad_imports_are_located_in_the_po_file() {
    let catalog = load(&source());
    let exported = po(&catalog, 2);
    let cases = [
        (
            "detail params",
            exported.replace(
                "msgid \"A cart holds at most {max_items} items.\"\nmsgstr \"\"",
                "msgid \"A cart holds at most {max_items} items.\"\nmsgstr \"No máximo {itens} itens.\"",
            ),
        ),
        (
            "a placeholder in a fixed text",
            exported.replace(
                "msgid \"The cart is full.\"\nmsgstr \"\"",
                "msgid \"The cart is full.\"\nmsgstr \"O carrinho {x} está cheio.\"",
            ),
        ),
        (
            // The ICU text goes wrong on the msgstr's third line, after escapes on the second:
            // the error points at the line and column where it does.
            "an ICU syntax error in a multi-line msgstr",
            exported.replace(
                "msgid \"A cart holds at most {max_items} items.\"\nmsgstr \"\"",
                "msgid \"A cart holds at most {max_items} items.\"\nmsgstr \"\"\n\"Um \\\"carrinho\\\" comporta no m\\303\\241ximo\\n\"\n\"{max_items, numbr} itens.\"",
            ),
        ),
        (
            "the default locale",
            exported.replace("\"Language: pt_BR\\n\"", "\"Language: en\\n\""),
        ),
        (
            "a gettext plural",
            exported.replace(
                "msgid \"The cart is full.\"\nmsgstr \"\"",
                "msgid \"The cart is full.\"\nmsgid_plural \"Carts are full.\"\nmsgstr[0] \"\"",
            ),
        ),
    ];
    let mut report = String::new();
    for (what, po) in cases {
        let error = import_po(&po, ImportOptions::default()).unwrap_err();
        report.push_str(&format!("=== {what}\n{error}\n"));
    }
    insta::assert_snapshot!("bad_imports", report);
}

/// The line and column (1-based, in characters) where `needle`, unique in `source`, starts.
fn position_of(source: &str, needle: &str) -> (usize, usize) {
    assert_eq!(
        source.matches(needle).count(),
        1,
        "`{needle}` is not unique"
    );
    let at = source.find(needle).unwrap();
    let line = source[..at].matches('\n').count() + 1;
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, source[line_start..at].chars().count() + 1)
}

#[test]
fn hostile_characters_in_a_po_file_are_refused_at_their_line_and_column() {
    // flux-codes: allow-start (the fixture's text keys)
    // A byte order mark before the header is what some editors write: read, not refused.
    let po = "\u{FEFF}msgid \"\"
msgstr \"\"
\"Language: pt_BR\\n\"
\"Content-Type: text/plain; charset=UTF-8\\n\"

msgctxt \"ERR_CART_EMPTY.message\"
msgid \"The cart is empty.\"
msgstr \"O carrinho \u{202E}está vazio.\"

msgctxt \"ERR_CART_LIMIT.message\"
msgid \"The cart is full.\"
msgstr \"\"
\"O carrinho \"
\"está \\033[2J cheio.\"

msgctxt \"ERR_CART_LIMIT.detail\"
msgid \"A cart holds at most {max_items} items.\"
msgstr \"No máximo {max_items}\u{200B} itens\\a.\"

msgctxt \"ERR_CART_LOCKED.message\"
msgid \"The cart is being checked out.\"
msgstr \"O carrinho está\\tsendo \u{FEFF}finalizado.\"

msgctxt \"ERR_CART_EMPTY.hint\"
msgid \"Add an item, then \\\"check out\\\" again.\"
msgstr \"Adicione um\u{200D}item.\"
";
    // flux-codes: allow-end
    let input = PoInput {
        path: Path::new("pt-BR.po"),
        bytes: po.as_bytes(),
    };
    let error = import(
        Path::new(FIXTURE),
        &source(),
        &[input],
        ImportOptions::default(),
    )
    .unwrap_err();
    let found: Vec<(usize, usize, String)> = error
        .locations()
        .into_iter()
        .map(|(path, line, column, message)| {
            assert_eq!(path, Path::new("pt-BR.po"));
            (line, column, message)
        })
        .collect();
    let expect = |needle: &str, message: &str| {
        let (line, column) = position_of(po, needle);
        (line, column, message.to_owned())
    };
    assert_eq!(
        found,
        [
            expect(
                "\u{202E}",
                "the `pt-BR` translation of `ERR_CART_EMPTY.message` contains U+202E RIGHT-TO-LEFT OVERRIDE"
            ),
            expect(
                "\\033",
                "the `pt-BR` translation of `ERR_CART_LIMIT.message` contains U+001B ESCAPE"
            ),
            // The first of two offenders.
            expect(
                "\u{200B}",
                "the `pt-BR` translation of `ERR_CART_LIMIT.detail` contains U+200B ZERO WIDTH SPACE"
            ),
            expect(
                "\u{FEFF}finalizado",
                "the `pt-BR` translation of `ERR_CART_LOCKED.message` contains U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark)"
            ),
            expect(
                "\u{200D}",
                "the `pt-BR` translation of `ERR_CART_EMPTY.hint` contains U+200D ZERO WIDTH JOINER"
            ),
        ],
        "{error}"
    );
    // A locale may allow a character explicitly: the import then succeeds.
    let allowed_catalog = source().replace(
        "reserved = []",
        "reserved = []\nallowed_characters = { pt-BR = [\"U+202E\", \"U+001B\", \"U+200B\", \"U+0007\", \"U+FEFF\", \"U+200D\"] }",
    );
    let imported = import(
        Path::new(FIXTURE),
        &allowed_catalog,
        &[input],
        ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        imported.source.contains("\\u001B[2J"),
        "{}",
        imported.source
    );
}

#[test]
fn a_po_file_over_the_size_cap_is_refused_where_the_cap_is() {
    let mut po = String::from("msgid \"\"\nmsgstr \"\"\n\"Language: pt_BR\\n\"\n\n");
    while po.len() <= flux_codes_gen::l10n::import::MAX_PO_BYTES {
        po.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    let input = PoInput {
        path: Path::new("pt-BR.po"),
        bytes: po.as_bytes(),
    };
    let error = import(
        Path::new(FIXTURE),
        &source(),
        &[input],
        ImportOptions::default(),
    )
    .unwrap_err();
    let locations = error.locations();
    assert_eq!(locations.len(), 1, "{error}");
    let (_, line, _, message) = &locations[0];
    assert_eq!(
        message,
        "the PO file is larger than 16 MiB, more than a catalog's texts can be"
    );
    assert_eq!(
        *line,
        po[..flux_codes_gen::l10n::import::MAX_PO_BYTES]
            .matches('\n')
            .count()
            + 1
    );
}

#[test]
fn an_entry_left_as_exported_never_undoes_a_newer_translation() {
    // flux-codes: allow-start (the fixture's text keys)
    let catalog = load(&source());
    let exported = po(&catalog, 1);
    let hint = "msgstr \"Agrega un artículo y vuelve a \\\"pagar\\\".\"";
    assert!(exported.contains(hint));
    // Since the export, another import (or an editor) changed the `es` hint.
    let newer = source().replace(
        "es = \"Agrega un artículo y vuelve a \\\"pagar\\\".\"",
        "es = \"Agrega un artículo y paga de nuevo.\"",
    );
    assert_ne!(newer, source());
    let run = |po: &str| {
        let input = PoInput {
            path: Path::new("es.po"),
            bytes: po.as_bytes(),
        };
        import(
            Path::new(FIXTURE),
            &newer,
            &[input],
            ImportOptions::default(),
        )
    };
    // This file changes another text and leaves the hint as exported: the newer hint stays.
    let other = exported.replace(
        "msgstr \"Errores del carrito\"",
        "msgstr \"Errores de la cesta\"",
    );
    let imported = run(&other).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.kept_newer, 1);
    assert!(
        imported
            .source
            .contains("Agrega un artículo y paga de nuevo.")
    );
    assert!(imported.source.contains("Errores de la cesta"));
    // This file changes the hint too: a conflict, refused at the entry, nothing written.
    let both = exported.replace(hint, "msgstr \"Agrega algo.\"");
    let error = run(&both).unwrap_err();
    let locations = error.locations();
    assert_eq!(locations.len(), 1, "{error}");
    assert_eq!(locations[0].1, line_of(&both, "msgstr \"Agrega algo.\""));
    assert_eq!(
        locations[0].3,
        "the `es` translation of `ERR_CART_EMPTY.hint` changed in tests/fixtures/l10n.toml after this file was exported, and this file changes it too"
    );
    // Written to the same text as the catalog has now: no conflict.
    let same = exported.replace(hint, "msgstr \"Agrega un artículo y paga de nuevo.\"");
    assert!(run(&same).is_ok());
    // flux-codes: allow-end
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn the_adversarial_catalogs_export_as_po_files_that_read_back_to_their_texts() {
    // Quotes, backslashes, newlines, CRLF, a NUL (allowed for `en`), `</script>`, U+2028.
    for fixture in ["adversarial.toml", "adversarial_pages.toml"] {
        let path = Path::new("tests/fixtures").join(fixture);
        let path = path.as_path();
        let source = std::fs::read_to_string(path).unwrap();
        let catalog = flux_codes_gen::parse_catalog(path, &source)
            .unwrap_or_else(|d| panic!("{}", d.render(false)));
        let previous = |_: SourceHash| None;
        for locale in 1..catalog.locales().len() {
            let po = render_po(
                &catalog,
                locale,
                PoHeader {
                    revision_date: "2026-12-02 10:00+0000",
                },
                &previous,
            );
            if let Some(line) = po
                .lines()
                .find(|l| l.chars().any(|c| c.is_control() && c != '\t'))
            {
                panic!("a raw control character in the PO file's line {line:?}");
            }
            let file = flux_codes_gen::l10n::po::parse(&po).unwrap_or_else(|e| panic!("{e:?}"));
            let mut read = 0;
            for entry in &file.entries {
                let key = &entry.msgctxt.as_ref().unwrap().text;
                let id = catalog.text_by_key(key).unwrap();
                let texts = id.texts(&catalog);
                assert_eq!(entry.msgid.text, texts[catalog.default_locale()], "{key}");
                assert_eq!(entry.msgstr.text, texts[locale], "{key}");
                read += 1;
            }
            assert_eq!(read, catalog.texts().count());
        }
    }
}

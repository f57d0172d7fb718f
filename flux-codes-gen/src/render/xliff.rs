//! XLIFF 1.2: the same entries as the PO file (`l10n`) for translation tools
//! that read XLIFF (translate-toolkit, Okapi, Trados, memoQ, Xcode). Version 1.2 rather than
//! 2.0 because it is the one those tools all read. One `<trans-unit>` per text, `id` its key;
//! `<target>` holds the translation, absent when the locale has none (its readers see the
//! source); a stale translation's target is `state="needs-review-translation"` with the
//! earlier source as an `<alt-trans alttranstype="previous-version">`.

use std::fmt::Write as _;

use crate::model::Catalog;
use crate::render::html;
use crate::render::l10n::{PreviousSource, entries};

/// The XLIFF document of the locale at `locale`.
pub fn render_xliff(catalog: &Catalog, locale: usize, previous: PreviousSource<'_>) -> String {
    let tag = &catalog.locales[locale];
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n");
    let _ = writeln!(
        out,
        "  <file original=\"codes.toml\" source-language=\"{}\" target-language=\"{}\" \
         datatype=\"plaintext\" product-name=\"{}\">",
        escape(catalog.default_locale_tag()),
        escape(tag),
        escape(&catalog.name),
    );
    out.push_str(
        "    <header>\n      <tool tool-id=\"flux-codes\" tool-name=\"flux-codes l10n export\"/>\n",
    );
    if catalog.is_draft(locale) {
        let _ = writeln!(
            out,
            "      <note>{} is a draft locale: its missing texts fall back to {}.</note>",
            escape(tag),
            escape(catalog.default_locale_tag())
        );
    }
    out.push_str("    </header>\n    <body>\n");
    for entry in entries(catalog, locale, previous) {
        let _ = writeln!(
            out,
            "      <trans-unit id=\"{id}\" resname=\"{id}\" xml:space=\"preserve\"{approved}>",
            id = escape(&entry.key),
            approved = match (entry.translation, &entry.stale) {
                (Some(_), None) => " approved=\"yes\"",
                _ => "",
            },
        );
        let _ = writeln!(out, "        <source>{}</source>", escape(entry.source));
        if let Some(translation) = entry.translation {
            let state = if entry.stale.is_some() {
                "needs-review-translation"
            } else {
                "translated"
            };
            let _ = writeln!(
                out,
                "        <target state=\"{state}\">{}</target>",
                escape(translation)
            );
        }
        if let Some(previous) = entry.stale.as_ref().and_then(|s| s.previous.as_deref()) {
            let _ = writeln!(
                out,
                "        <alt-trans alttranstype=\"previous-version\">\n          \
                 <source>{}</source>\n        </alt-trans>",
                escape(previous)
            );
        }
        for note in &entry.notes {
            let _ = writeln!(
                out,
                "        <note from=\"developer\">{}</note>",
                escape(note)
            );
        }
        out.push_str("      </trans-unit>\n");
    }
    out.push_str("    </body>\n  </file>\n</xliff>\n");
    out
}

/// Text for XML content and attributes: HTML's escapes, which XML reads the same, after the
/// characters XML 1.0 cannot hold at all become U+FFFD.
fn escape(text: &str) -> String {
    let is_xml_char = |c: char| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if text.chars().all(is_xml_char) {
        return html::escape(text);
    }
    let text: String = text
        .chars()
        .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
        .collect();
    html::escape(&text)
}

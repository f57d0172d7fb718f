//! XLIFF 1.2: the same entries as the PO file ([`crate::render::l10n`]) for translation tools
//! that read XLIFF (translate-toolkit, Okapi, Trados, memoQ, Xcode). Version 1.2 rather than
//! 2.0 because it is the one those tools all read. One `<trans-unit>` per text, `id` its key;
//! `<target>` holds the translation, absent when the locale has none (its readers see the
//! source); a stale translation's target is `state="needs-review-translation"` with the
//! earlier source as an `<alt-trans alttranstype="previous-version">`.

use std::fmt::Write as _;

use crate::model::Catalog;
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

/// Text for XML content and attributes; characters XML 1.0 cannot hold become U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

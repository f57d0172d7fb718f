//! A real export (`l10n export` of the repository's catalog, `es` or `pt-BR`), mutated by edits
//! a translator or a translation platform might make (new translations, escaped or raw; lines
//! deleted, duplicated, inserted, swapped; fuzzy flags toggled), then imported. The input is a
//! list of edits, so most inputs stay close to a file that imports; the invariant is
//! `common/import_check.rs`'s.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use flux_codes_gen::render::po::{PoHeader, render_po};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

#[path = "common/import_check.rs"]
mod import_check;

/// The PO exports of every translated locale of the repository's catalog, as lines.
static EXPORTS: LazyLock<Vec<Vec<Vec<u8>>>> = LazyLock::new(|| {
    let catalog = flux_codes_gen::parse_catalog(Path::new("codes.toml"), import_check::CATALOG)
        .expect("the repository catalog is valid");
    (0..catalog.locales().len())
        .filter(|&l| l != catalog.default_locale())
        .map(|locale| {
            let header = PoHeader {
                revision_date: "2026-12-01 10:00+0000",
            };
            render_po(&catalog, locale, header, &|_| None)
                .lines()
                .map(|l| l.as_bytes().to_vec())
                .collect()
        })
        .collect()
});

/// A PO string literal of `text`, escaped as gettext writes it.
fn quoted(text: &str) -> Vec<u8> {
    let mut out = b"\"".to_vec();
    for c in text.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\t' => out.extend_from_slice(b"\\t"),
            c => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    out.push(b'"');
    out
}

fn mutate(u: &mut Unstructured<'_>) -> Result<(bool, Vec<u8>)> {
    let include_fuzzy = u.arbitrary()?;
    let base = &EXPORTS[u.choose_index(EXPORTS.len())?];
    let mut lines = base.clone();
    while !u.is_empty() {
        let msgstrs: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].starts_with(b"msgstr "))
            .collect();
        let at = u.choose_index(lines.len().max(1))?.min(lines.len());
        match u.int_in_range(0..=7u8)? {
            // A new translation, properly escaped.
            0 if !msgstrs.is_empty() => {
                let i = msgstrs[u.choose_index(msgstrs.len())?];
                let text: String = u.arbitrary()?;
                lines[i] = [b"msgstr ".as_slice(), &quoted(&text)].concat();
            }
            // A translation written raw between the quotes (broken escapes, stray quotes).
            1 if !msgstrs.is_empty() => {
                let i = msgstrs[u.choose_index(msgstrs.len())?];
                let raw: &[u8] = u.arbitrary()?;
                lines[i] = [b"msgstr \"".as_slice(), raw, b"\""].concat();
            }
            // A continuation line after a msgstr.
            2 if !msgstrs.is_empty() => {
                let i = msgstrs[u.choose_index(msgstrs.len())?];
                let text: String = u.arbitrary()?;
                lines.insert(i + 1, quoted(&text));
            }
            3 if at < lines.len() => {
                lines.remove(at);
            }
            4 if at < lines.len() => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            5 => {
                let raw: &[u8] = u.arbitrary()?;
                lines.insert(at, raw.to_vec());
            }
            6 if at < lines.len() => {
                let other = u.choose_index(lines.len())?;
                lines.swap(at, other);
            }
            7 if !msgstrs.is_empty() => {
                // Toggle `fuzzy` on an entry: its flags line is before its msgctxt.
                let i = msgstrs[u.choose_index(msgstrs.len())?];
                let start = (0..i)
                    .rev()
                    .find(|&j| lines[j].is_empty())
                    .map_or(0, |j| j + 1);
                match (start..i).find(|&j| lines[j].starts_with(b"#,")) {
                    Some(j) if lines[j].windows(5).any(|w| w == b"fuzzy") => {
                        lines[j] = b"#, icu-message-format".to_vec()
                    }
                    Some(j) => lines[j] = b"#, fuzzy, icu-message-format".to_vec(),
                    None => lines.insert(start, b"#, fuzzy".to_vec()),
                }
            }
            _ => {}
        }
    }
    Ok((include_fuzzy, lines.join(&b'\n')))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok((include_fuzzy, po)) = mutate(&mut u) {
        import_check::check_import(&po, include_fuzzy);
    }
});

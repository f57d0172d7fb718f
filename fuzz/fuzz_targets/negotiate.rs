//! Arbitrary `Accept-Language` values: `Locale::negotiate` always answers a declared locale,
//! the same one every time, and so does the lower-level `negotiate` over other locale sets
//! (regions, scripts, a default that is not first) with the CLDR tables the generator computes
//! for them, and `negotiate_headers` over several
//! header lines. Nothing panics; the bounds on what is examined keep every call cheap.
#![no_main]

use flux_codes::Locale;
use std::sync::LazyLock;

use flux_codes::negotiate::{MAX_HEADER_BYTES, negotiate};
use flux_codes_core::locale_match::LocaleMatches;
use http::{HeaderMap, HeaderValue, header::ACCEPT_LANGUAGE};
use libfuzzer_sys::fuzz_target;

const TAG_SETS: &[&[&str]] = &[
    &["en", "es"],
    &["es", "en", "es-CL", "pt-BR", "zh-Hant", "zh-Hant-TW", "sr-Latn", "de-CH-1996"],
    &["fr"],
];

/// Each tag set's locale-matching table, as generated code embeds it.
static MATCHES: LazyLock<Vec<LocaleMatches>> =
    LazyLock::new(|| TAG_SETS.iter().map(|tags| LocaleMatches::new(tags)).collect());

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let header = String::from_utf8_lossy(rest);
    let locale = Locale::negotiate(&header);
    assert!(Locale::ALL.contains(&locale));
    assert_eq!(Locale::negotiate(&header), locale, "negotiation is deterministic");

    let set = usize::from(selector) % TAG_SETS.len();
    let tags = TAG_SETS[set];
    let matches = MATCHES[set].table();
    let default = usize::from(selector >> 2) % tags.len();
    let chosen = negotiate(&header, tags, &matches, default);
    assert!(chosen < tags.len());
    // Only the first MAX_HEADER_BYTES bytes (cut at a comma) are examined: what follows a
    // long header never changes the answer.
    if header.len() > MAX_HEADER_BYTES {
        let longer = format!("{header},{header}");
        assert_eq!(negotiate(&longer, tags, &matches, default), chosen);
    }

    // Several field lines (split at newlines) are one list.
    let mut headers = HeaderMap::new();
    for line in rest.split(|&b| b == b'\n') {
        if let Ok(value) = HeaderValue::from_bytes(line) {
            headers.append(ACCEPT_LANGUAGE, value);
        }
    }
    assert!(Locale::ALL.contains(&Locale::negotiate_headers(&headers)));
});

//! `Accept-Language` negotiation: each language range matched against a catalog's locales by
//! CLDR's likely subtags and parent locales (`pt`, `pt-PT`, `pt_BR` and `pt-AO` reach `pt-BR`;
//! `es-419` and `es-MX` reach `es`), with the HTTP semantics of RFC 9110 §12.5.4 (q-values, `*`,
//! `q=0` exclusions): what a generated catalog's `Locale::negotiate` (Flux's own in `flux-codes`,
//! or a `catalog!` crate's) runs over its locales.
//!
//! The CLDR part is decided at build time: the generator computes, with ICU4X's data, a small
//! table per catalog ([`LocaleMatches`]: for `en`, `es`, `pt-BR`, six rows) that generated code
//! embeds, so the runtime carries no CLDR data. The npm package's `negotiate` embeds the same
//! table and reads it the same way, and one table of cases (`tests/negotiation_table`) checks
//! that both answer alike.
//!
//! Each language range is parsed by `icu_locale_core` (ICU4X's BCP 47 parser: syntax checks and
//! case-insensitive comparison); the list around the ranges (commas, weights) is parsed here,
//! because the crates made for it do not implement it: `fluent-langneg`'s
//! `parse_accepted_languages` drops the weights (so `fr;q=0` would select French) and
//! `accept-language` has no `q=0` exclusions, no fallback (`es-CL` never reaches `es`), compares
//! case-sensitively and copies the whole header whatever its size.
//!
//! # Cost bound
//! A header is untrusted input. Only its first [`MAX_HEADER_BYTES`] bytes are examined (cut at
//! the last comma inside them, so no item is read half), at most [`MAX_ITEMS`] items of those are
//! parsed, and a range longer than [`MAX_RANGE_BYTES`] is skipped unparsed. So one call scans at
//! most 4 KiB, parses at most 32 tags of at most 64 bytes, and keeps at most 32 parsed items:
//! time and memory are bounded whatever the header's size (in a release build, tens of
//! microseconds for the worst 4 KiB found, and the same for a header of megabytes).

use icu_locale_core::LanguageIdentifier;

/// How many bytes of an `Accept-Language` value are examined. Browsers send well under 200.
pub const MAX_HEADER_BYTES: usize = 4096;
/// How many items (comma-separated entries, empty ones excluded) are parsed.
pub const MAX_ITEMS: usize = 32;
/// The longest language range parsed, in bytes; a longer one is skipped as malformed.
pub const MAX_RANGE_BYTES: usize = 64;

/// A weight is kept in thousandths: `q=0.875` is 875, no weight is 1000.
type Weight = u16;

/// One parsed item of the header.
struct Item {
    /// `None` for the wildcard `*`.
    range: Option<LanguageIdentifier>,
    weight: Weight,
}

/// A catalog's locale-matching table: rows of a key (a language range's language, script and
/// region, lowercase: `pt`, `es-mx`, `zh-hant`) and the indexes of the catalog locales that
/// answer it, best first, sorted by key. The generator computes it from CLDR's likely subtags
/// and parent locales (the core's `locale_match::LocaleMatches`, a build-time
/// table); generated code embeds it.
pub type LocaleMatches<'a> = [(&'a str, &'a [usize])];

/// The index in `tags` of the locale to answer in, for an `Accept-Language` value.
///
/// `tags` are the catalog's BCP 47 tags and `matches` its locale-matching table; `default`
/// indexes the catalog's default locale, which is the answer when nothing in the header is
/// acceptable (RFC 9110 lets a server disregard the header rather than answer 406, and an
/// error response must still be readable). See [`negotiate_match`].
pub fn negotiate(
    accept_language: &str,
    tags: &[&str],
    matches: &LocaleMatches<'_>,
    default: usize,
) -> usize {
    negotiate_match(accept_language, tags, matches, default).unwrap_or(default)
}

/// The index in `tags` of the locale an acceptable item of `accept_language` selects, or `None`
/// when no item does (then [`negotiate`] answers the default).
///
/// Items are tried by descending weight (ties keep header order). An item's range (`_` read as
/// `-`) is answered by the catalog locale spelled exactly as it, else by the first of the
/// locales its row of `matches` lists (by CLDR: `pt-PT` and `pt` reach `pt-BR`, `es-MX` reaches
/// `es-419` or else `es`; a range in a script no catalog locale of its language is written in
/// reaches none), skipping a locale excluded by a `q=0` item that equals it or is a prefix of
/// it. `*` stands for the locales no other item names (RFC 9110): the default locale if it is
/// one of them, else the first such locale in catalog order. Malformed items are skipped.
pub fn negotiate_match(
    accept_language: &str,
    tags: &[&str],
    matches: &LocaleMatches<'_>,
    default: usize,
) -> Option<usize> {
    let items = parse(accept_language);
    let excluded = |tag: &str| {
        items
            .iter()
            .any(|i| i.weight == 0 && i.range.as_ref().is_some_and(|r| is_prefix_of(r, tag)))
    };
    items
        .iter()
        .filter(|i| i.weight > 0)
        .find_map(|item| match &item.range {
            Some(range) => answers(range, tags, matches).find(|&i| !excluded(tags[i])),
            None => wildcard(&items, tags, matches, default, &excluded),
        })
}

/// The catalog locales that answer `range`, best first: the one spelled as the range, then
/// those of the range's row in `matches` (with a script, the row of `l-s-r` else `l-s`;
/// without, `l-r` else `l`).
fn answers<'a>(
    range: &LanguageIdentifier,
    tags: &[&str],
    matches: &'a LocaleMatches<'a>,
) -> impl Iterator<Item = usize> + 'a {
    let exact = tags.iter().position(|tag| range.normalizing_eq(tag));
    let with_region = range.region.map(|r| Key::new(range, Some(r.as_str())));
    let without_region = Key::new(range, None);
    let row = with_region
        .iter()
        .chain([&without_region])
        .find_map(|key| {
            matches
                .binary_search_by(|(row, _)| (*row).cmp(key.as_str()))
                .ok()
        })
        .map_or(&[][..], |i| matches[i].1);
    let count = tags.len();
    exact
        .into_iter()
        .chain(row.iter().copied().filter(move |&i| i < count))
}

/// A row's key, built without allocating: language, script and region, lowercase.
struct Key {
    /// `language(8)-script(4)-region(3)` at most.
    bytes: [u8; 17],
    len: usize,
}

impl Key {
    fn new(range: &LanguageIdentifier, region: Option<&str>) -> Key {
        let mut key = Key {
            bytes: [0; 17],
            len: 0,
        };
        let script = range.script.as_ref().map(|s| s.as_str());
        for (i, subtag) in [Some(range.language.as_str()), script, region]
            .into_iter()
            .flatten()
            .enumerate()
        {
            if i > 0 {
                key.push(b"-");
            }
            key.push(subtag.as_bytes());
        }
        key
    }

    fn push(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        self.bytes[self.len..end].copy_from_slice(bytes);
        self.bytes[self.len..end].make_ascii_lowercase();
        self.len = end;
    }

    fn as_str(&self) -> &str {
        // Subtags are ASCII.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

/// What `*` selects: a locale no explicit item names, preferring the default.
fn wildcard(
    items: &[Item],
    tags: &[&str],
    matches: &LocaleMatches<'_>,
    default: usize,
    excluded: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let available = |index: &usize| {
        let tag = tags[*index];
        !excluded(tag)
            && !items.iter().any(|i| {
                i.range.as_ref().is_some_and(|r| {
                    is_prefix_of(r, tag) || answers(r, tags, matches).any(|a| a == *index)
                })
            })
    };
    std::iter::once(default)
        .chain(0..tags.len())
        .find(available)
}

/// Whether `range` equals `tag` or is a prefix of it ending at a subtag boundary (RFC 4647
/// basic filtering: `es` matches `es-CL`, `es-C` does not).
fn is_prefix_of(range: &LanguageIdentifier, tag: &str) -> bool {
    truncations(tag).any(|t| range.normalizing_eq(t))
}

/// `tag` and each of its prefixes that ends at a subtag boundary, longest first.
fn truncations(tag: &str) -> impl Iterator<Item = &str> {
    std::iter::once(tag).chain(tag.rmatch_indices('-').map(move |(i, _)| &tag[..i]))
}

/// The items of the header's examined prefix, sorted by descending weight (stable).
fn parse(header: &str) -> Vec<Item> {
    let examined = examined_prefix(header);
    let mut items: Vec<Item> = examined
        .split(',')
        .map(str::trim)
        .filter(|raw| !raw.is_empty())
        .take(MAX_ITEMS)
        .filter_map(parse_item)
        .collect();
    items.sort_by_key(|item| std::cmp::Reverse(item.weight));
    items
}

/// The part of the header that is examined: all of it when short, else its first
/// [`MAX_HEADER_BYTES`] bytes up to their last comma.
fn examined_prefix(header: &str) -> &str {
    if header.len() <= MAX_HEADER_BYTES {
        return header;
    }
    let head = &header.as_bytes()[..MAX_HEADER_BYTES];
    match head.iter().rposition(|&b| b == b',') {
        // A comma is ASCII, so the cut is on a character boundary.
        Some(comma) => &header[..comma],
        None => "",
    }
}

/// `language-range [ OWS ";" OWS "q=" qvalue ]`, or `None` when malformed.
fn parse_item(raw: &str) -> Option<Item> {
    let (range, params) = match raw.split_once(';') {
        Some((range, params)) => (range.trim_end(), Some(params)),
        None => (raw, None),
    };
    let weight = match params {
        None => 1000,
        Some(params) => parse_weight(params.trim())?,
    };
    if range.len() > MAX_RANGE_BYTES {
        return None;
    }
    let range = if range == "*" {
        None
    } else {
        // `_` is the separator of Java's and Android's locale names (`pt_BR`).
        let mut bytes = [0u8; MAX_RANGE_BYTES];
        let bytes = &mut bytes[..range.len()];
        bytes.copy_from_slice(range.as_bytes());
        bytes
            .iter_mut()
            .filter(|b| **b == b'_')
            .for_each(|b| *b = b'-');
        Some(LanguageIdentifier::try_from_locale_bytes(bytes).ok()?)
    };
    Some(Item { range, weight })
}

/// `q=` followed by an RFC 9110 qvalue: `0`, `0.` and up to three digits, `1`, or `1.` and up to
/// three zeros. The `q` is case-insensitive.
fn parse_weight(param: &str) -> Option<Weight> {
    let value = param
        .strip_prefix(['q', 'Q'])?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: Weight = 0;
    for (i, digit) in frac.bytes().enumerate() {
        thousandths += Weight::from(digit - b'0') * [100, 10, 1][i];
    }
    match int {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_follow_the_qvalue_grammar() {
        assert_eq!(parse_weight("q=0.5"), Some(500));
        assert_eq!(parse_weight("Q=0.875"), Some(875));
        assert_eq!(parse_weight("q=1"), Some(1000));
        assert_eq!(parse_weight("q=1.000"), Some(1000));
        assert_eq!(parse_weight("q=0"), Some(0));
        assert_eq!(parse_weight("q=0."), Some(0));
        assert_eq!(parse_weight("q = 0.3"), Some(300));
        for bad in [
            "q=1.5", "q=0.1234", "q=2", "q=-0.5", "q=", "0.5", "level=1", "q=0.x", "q=.5",
        ] {
            assert_eq!(parse_weight(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_oversized_header_is_cut_at_a_comma_inside_the_bound() {
        let header = format!("es,{}", "x".repeat(MAX_HEADER_BYTES));
        assert_eq!(examined_prefix(&header), "es");
        let header = "é".repeat(MAX_HEADER_BYTES);
        assert_eq!(examined_prefix(&header), "");
    }

    #[test]
    fn at_most_max_items_are_parsed() {
        let header = vec!["en"; 10 * MAX_ITEMS].join(",");
        assert_eq!(parse(&header).len(), MAX_ITEMS);
    }

    #[test]
    fn truncations_end_at_subtag_boundaries() {
        let all: Vec<&str> = truncations("zh-Hant-TW").collect();
        assert_eq!(all, ["zh-Hant-TW", "zh-Hant", "zh"]);
    }
}

//! `Accept-Language` negotiation: RFC 4647 "lookup" over a catalog's locales, with the HTTP
//! semantics of RFC 9110 §12.5.4 (q-values, `*`, `q=0` exclusions): what
//! [`Locale::negotiate`](crate::Locale::negotiate) runs over the catalog's locales, and what a
//! `catalog!` crate's `Locale::negotiate` runs over its own.
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

/// The index in `tags` of the locale to answer in, for an `Accept-Language` value.
///
/// `tags` are the catalog's BCP 47 tags; `default` indexes the catalog's default locale, which is
/// the answer when nothing in the header is acceptable (RFC 9110 lets a server disregard the
/// header rather than answer 406, and an error response must still be readable).
///
/// Items are tried by descending weight (ties keep header order). An item's range is looked up
/// as RFC 4647 §3.4 does: the full range, then the range with its last subtag removed, and so on
/// (`es-CL` then `es`), skipping a locale excluded by a `q=0` item that equals it or is a prefix
/// of it. `*` stands for the locales no other item names (RFC 9110): the default locale if it is
/// one of them, else the first such locale in catalog order. Malformed items are skipped.
pub fn negotiate(accept_language: &str, tags: &[&str], default: usize) -> usize {
    let items = parse(accept_language);
    let excluded = |tag: &str| {
        items
            .iter()
            .any(|i| i.weight == 0 && i.range.as_ref().is_some_and(|r| is_prefix_of(r, tag)))
    };
    for item in items.iter().filter(|i| i.weight > 0) {
        let found = match &item.range {
            Some(range) => lookup(range, tags, &excluded),
            None => wildcard(&items, tags, default, &excluded),
        };
        if let Some(index) = found {
            return index;
        }
    }
    default
}

/// RFC 4647 lookup of one range: the range, then its truncations, against every tag.
fn lookup(
    range: &LanguageIdentifier,
    tags: &[&str],
    excluded: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    fallbacks(range).find_map(|candidate| {
        tags.iter()
            .position(|tag| candidate.normalizing_eq(tag) && !excluded(tag))
    })
}

/// `range`, then `range` with its last subtag removed, and so on down to the language: variants
/// (in canonical order, last first), then region, then script.
fn fallbacks(range: &LanguageIdentifier) -> impl Iterator<Item = LanguageIdentifier> {
    std::iter::successors(Some(range.clone()), |previous| {
        let mut next = previous.clone();
        if let Some(&last) = next.variants.last() {
            next.variants.remove(&last);
        } else if next.region.take().is_none() && next.script.take().is_none() {
            return None;
        }
        Some(next)
    })
}

/// What `*` selects: a locale no explicit item names, preferring the default.
fn wildcard(
    items: &[Item],
    tags: &[&str],
    default: usize,
    excluded: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let available = |index: &usize| {
        let tag = tags[*index];
        !excluded(tag)
            && !items
                .iter()
                .any(|i| i.range.as_ref().is_some_and(|r| names(r, tag)))
    };
    std::iter::once(default)
        .chain(0..tags.len())
        .find(available)
}

/// Whether `range` names `tag` for the purpose of `*`: `tag` is on the range's lookup path
/// (`es-CL` names `es`), or the range is a prefix of `tag` (`es` names `es-CL`).
fn names(range: &LanguageIdentifier, tag: &str) -> bool {
    is_prefix_of(range, tag) || fallbacks(range).any(|candidate| candidate.normalizing_eq(tag))
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
        Some(LanguageIdentifier::try_from_locale_bytes(range.as_bytes()).ok()?)
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

//! `Locale::negotiate` against the headers real clients send, the corner cases of RFC 9110 and
//! RFC 4647, hostile input, and properties over generated headers.

use flux_codes::Locale;
use flux_codes::negotiate::{MAX_HEADER_BYTES, MAX_ITEMS};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

mod negotiation_table;

#[test]
fn real_world_headers() {
    for (what, header, expected) in negotiation_table::REAL_WORLD_HEADERS {
        assert_eq!(Locale::negotiate(header), *expected, "{what}: {header:?}");
    }
}

#[test]
fn only_the_first_bytes_of_a_huge_header_are_examined() {
    // Megabytes of unavailable languages: `es` at the end lies past the examined prefix.
    let huge = format!("{}es", "de-DE;q=0.9,".repeat(200_000));
    assert!(huge.len() > 2_000_000);
    assert_eq!(Locale::negotiate(&huge), Locale::En);
    // Padding moves `es` across the bound without adding items.
    let padded = |pad: usize| format!("de{}, es", " ".repeat(pad));
    assert!(padded(4000).len() <= MAX_HEADER_BYTES);
    assert_eq!(Locale::negotiate(&padded(4000)), Locale::Es);
    assert!(padded(MAX_HEADER_BYTES).len() > MAX_HEADER_BYTES);
    assert_eq!(Locale::negotiate(&padded(MAX_HEADER_BYTES)), Locale::En);
    // One enormous item (no comma in the examined prefix) is dropped whole.
    assert_eq!(Locale::negotiate(&"es".repeat(1_000_000)), Locale::En);
}

#[test]
fn only_the_first_items_are_parsed() {
    let before = |n: usize| format!("{}es", "de,".repeat(n));
    assert_eq!(Locale::negotiate(&before(MAX_ITEMS - 1)), Locale::Es);
    assert_eq!(Locale::negotiate(&before(MAX_ITEMS)), Locale::En);
}

proptest! {
    // A fixed seed: every run checks the same cases (raise `cases` locally to search further).
    #![proptest_config(ProptestConfig {
        cases: 1000,
        rng_seed: RngSeed::Fixed(0x5EED_F1C5),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any text at all: no panic, and the answer is a declared locale.
    #[test]
    fn any_text_yields_a_declared_locale(header in any::<String>()) {
        prop_assert!(Locale::ALL.contains(&Locale::negotiate(&header)));
    }

    /// Plausible headers, built from real tags, weights and junk.
    #[test]
    fn plausible_headers_yield_a_declared_locale(header in header()) {
        prop_assert!(Locale::ALL.contains(&Locale::negotiate(&header)));
    }

    /// Tags and the `q` are case-insensitive.
    #[test]
    fn case_does_not_matter(header in header()) {
        prop_assert_eq!(
            Locale::negotiate(&header.to_ascii_uppercase()),
            Locale::negotiate(&header.to_ascii_lowercase())
        );
    }

    /// A locale asked for first at q=1 and never excluded is the answer.
    #[test]
    fn a_first_choice_not_excluded_wins(rest in header_with(false), es in any::<bool>()) {
        let (tag, locale) = if es { ("es", Locale::Es) } else { ("en", Locale::En) };
        prop_assume!(!mentions_exclusion(&rest, tag));
        let header = format!("{tag}-XX, {rest}");
        prop_assert_eq!(Locale::negotiate(&header), locale);
    }

    /// A locale excluded by `tag;q=0` is never the answer, unless it is the default.
    #[test]
    fn an_excluded_locale_is_never_chosen(rest in header()) {
        let header = format!("{rest}, es;q=0");
        prop_assert_ne!(Locale::negotiate(&header), Locale::Es);
    }
}

/// Whether `header` may exclude `tag` (conservatively: it names the tag and has a zero weight).
fn mentions_exclusion(header: &str, tag: &str) -> bool {
    let compact = header.to_ascii_lowercase().replace(' ', "");
    compact.contains(tag) && compact.contains("=0")
}

fn header() -> impl Strategy<Value = String> {
    header_with(true)
}

/// Headers whose weights are never zero when `zero_weights` is false (junk may still spell one).
fn header_with(zero_weights: bool) -> impl Strategy<Value = String> {
    let tag = prop_oneof![
        Just("en".to_owned()),
        Just("es".to_owned()),
        Just("es-CL".to_owned()),
        Just("en-US".to_owned()),
        Just("fr".to_owned()),
        Just("zh-Hant-TW".to_owned()),
        Just("*".to_owned()),
        "[a-zA-Z]{1,9}(-[a-zA-Z0-9]{1,9}){0,3}",
        "[ -~]{0,12}",
    ];
    let zero = if zero_weights { ";q=0" } else { ";q=1" };
    let weight = prop_oneof![
        Just(String::new()),
        Just(zero.to_owned()),
        Just(";q=1".to_owned()),
        "(;q=0\\.[1-9][0-9]{0,2})",
        "(; ?[qQ] ?= ?[1-9.][0-9.]{0,5})",
        "(;[ -~]{0,6})",
    ];
    prop::collection::vec((tag, weight), 0..12).prop_map(|items| {
        items
            .into_iter()
            .map(|(t, w)| format!("{t}{w}"))
            .collect::<Vec<_>>()
            .join(",")
    })
}

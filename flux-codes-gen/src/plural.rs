//! CLDR plural categories per locale, from ICU4X's compiled data: the one place the generator
//! learns which plural forms a language has (validation checks messages against it; the PO
//! export prints it).

use std::ops::Range;

use fixed_decimal::Decimal;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

use crate::message::{Branch, Message, Node};

/// Every CLDR plural category's keyword, in CLDR's order: the core's
/// [`PluralCategory`](flux_codes_core::PluralCategory) names, which the runtime's parts use.
pub(crate) const CATEGORIES: [&str; 6] = {
    let all = flux_codes_core::PluralCategory::ALL;
    let mut keywords = [""; 6];
    let mut i = 0;
    while i < all.len() {
        keywords[i] = all[i].as_str();
        i += 1;
    }
    keywords
};

/// The cardinal plural categories of `locale` (a BCP 47 tag), in CLDR's order, e.g. `en` ->
/// `["one", "other"]`, `es` -> `["one", "many", "other"]`. A language CLDR does not know has
/// only `other`; a tag that is not BCP 47 gives `None`.
pub(crate) fn plural_categories(locale: &str) -> Option<Vec<&'static str>> {
    let rules = rules(locale)?;
    let present: Vec<PluralCategory> = rules.categories().collect();
    Some(
        CATEGORIES
            .iter()
            .copied()
            .filter(|name| {
                PluralCategory::get_for_cldr_string(name).is_some_and(|c| present.contains(&c))
            })
            .collect(),
    )
}

/// A number in `category` for `locale`, as it would be written (`"1"`, `"1000000"`, `"0.5"`),
/// to show in a diagnostic; `None` if none of the numbers tried falls in it.
pub fn example(locale: &str, category: &str) -> Option<String> {
    example_beyond(locale, category, 0, &[])
}

/// Like [`example`], for a plural with `offset` and the exact options `exact` (`=0`): a value
/// `v` that no exact option catches and whose `v - offset` is in `category`.
pub(crate) fn example_beyond(
    locale: &str,
    category: &str,
    offset: i64,
    exact: &[i64],
) -> Option<String> {
    samples_beyond(locale, category, offset, exact, 1)
        .into_iter()
        .next()
}

/// Up to `count` numbers in `category` for `locale`, smallest first (`fr` `one` -> `0, 1`;
/// `es` `many` -> `1000000, 1000000000`): the sample numbers a translator's notes list.
pub fn samples(locale: &str, category: &str, count: usize) -> Vec<String> {
    samples_beyond(locale, category, 0, &[], count)
}

/// The numbers tried, in order: whole numbers first (what a count holds), fractions only for a
/// category no whole number reaches.
fn samples_beyond(
    locale: &str,
    category: &str,
    offset: i64,
    exact: &[i64],
    count: usize,
) -> Vec<String> {
    let (Some(rules), Some(wanted)) =
        (rules(locale), PluralCategory::get_for_cldr_string(category))
    else {
        return Vec::new();
    };
    let integers = (0..=200i64).chain([1000, 10_000, 100_000, 1_000_000, 1_000_000_000]);
    let from_integers: Vec<String> = integers
        .filter(|v| !exact.contains(v))
        .filter(|v| rules.category_for(&Decimal::from(v - offset)) == wanted)
        .take(count)
        .map(|v| v.to_string())
        .collect();
    if !from_integers.is_empty() || offset != 0 {
        // Fractions are never an exact option's value; with an offset, the plain forms are
        // enough.
        return from_integers;
    }
    let fractions = [
        "0.5", "1.5", "2.5", "0.1", "1.0", "2.0", "0.0", "1.2", "3.5",
    ];
    fractions
        .iter()
        .filter(|n| {
            n.parse::<Decimal>()
                .is_ok_and(|d| rules.category_for(&d) == wanted)
        })
        .take(count)
        .map(|n| n.to_string())
        .collect()
}

/// A CLDR category `locale` has that a plural of a message has no option for: a number in it
/// falls back to `other`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingCategory<'m> {
    /// The plural's param.
    pub param: &'m str,
    /// Where the param's name is written (a byte range of [`Message::source`]).
    pub name_span: Range<usize>,
    pub category: &'static str,
    /// A value that reaches the category: no exact option catches it.
    pub example: String,
}

/// Every category of `locale` a plural of `message` lacks (`other` is never missing, and a
/// category whose numbers exact options all catch is not either: `=1` covers English `one`).
/// The validator warns about each; the translators' notes and `l10n status` list them.
pub fn missing_categories<'m>(message: &'m Message, locale: &str) -> Vec<MissingCategory<'m>> {
    let Some(categories) = plural_categories(locale) else {
        return Vec::new();
    };
    let mut missing = Vec::new();
    for node in message.plurals() {
        let Node::Plural {
            name,
            name_span,
            offset,
            branches,
            ..
        } = node
        else {
            continue;
        };
        let exact = Branch::exact_values(branches);
        for category in &categories {
            if *category == "other" || branches.iter().any(|b| b.key_text == *category) {
                continue;
            }
            if let Some(example) = example_beyond(locale, category, *offset, &exact) {
                missing.push(MissingCategory {
                    param: name,
                    name_span: name_span.clone(),
                    category,
                    example,
                });
            }
        }
    }
    missing
}

/// The CLDR plural category of the whole number `n` in `locale` (`"one"`, `"other"`), or
/// `None` for a tag that is not BCP 47. The mobile exports use it for an `=N` value a locale
/// has no option for.
pub fn category_of(locale: &str, n: i64) -> Option<&'static str> {
    let category = rules(locale)?.category_for(&Decimal::from(n));
    CATEGORIES
        .iter()
        .copied()
        .find(|name| PluralCategory::get_for_cldr_string(name) == Some(category))
}

fn rules(locale: &str) -> Option<PluralRules> {
    let locale: Locale = locale.parse().ok()?;
    PluralRules::try_new_cardinal((&locale).into()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_come_from_cldr() {
        assert_eq!(plural_categories("en").unwrap(), ["one", "other"]);
        assert_eq!(plural_categories("es").unwrap(), ["one", "many", "other"]);
        assert_eq!(
            plural_categories("pt-BR").unwrap(),
            ["one", "many", "other"]
        );
        assert_eq!(plural_categories("ja").unwrap(), ["other"]);
        assert_eq!(
            plural_categories("ar").unwrap(),
            ["zero", "one", "two", "few", "many", "other"]
        );
        assert_eq!(plural_categories("not a tag"), None);
    }

    #[test]
    fn examples_fall_in_their_category() {
        assert_eq!(example("en", "one").as_deref(), Some("1"));
        assert_eq!(example("es", "many").as_deref(), Some("1000000"));
        assert_eq!(example("en", "many"), None);
    }

    #[test]
    fn samples_list_the_first_numbers_of_a_category() {
        assert_eq!(samples("es", "one", 3), ["1"]);
        assert_eq!(samples("es", "many", 3), ["1000000", "1000000000"]);
        assert_eq!(samples("es", "other", 3), ["0", "2", "3"]);
        assert_eq!(samples("fr", "one", 3), ["0", "1"]);
        assert_eq!(samples("pt-BR", "one", 3), ["0", "1"]);
        assert_eq!(samples("en", "many", 3), Vec::<String>::new());
    }

    #[test]
    fn a_missing_category_names_a_number_that_reaches_it() {
        let parse = |s: &str| crate::message::parse(s).unwrap();
        let en = parse("{n, plural, =0 {none} one {# item} other {# items}}");
        let missing = missing_categories(&en, "es");
        assert_eq!(missing.len(), 1);
        assert_eq!((missing[0].param, missing[0].category), ("n", "many"));
        assert_eq!(missing[0].example, "1000000");
        assert_eq!(&en.source[missing[0].name_span.clone()], "n");
        assert!(missing_categories(&en, "en").is_empty());
        // `=1` catches every English `one`.
        let exact = parse("{n, plural, =1 {one item} other {# items}}");
        assert!(missing_categories(&exact, "en").is_empty());
    }
}

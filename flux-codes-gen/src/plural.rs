//! CLDR plural categories per locale, from ICU4X's compiled data: the one place the generator
//! learns which plural forms a language has (validation checks messages against it; the PO
//! export prints it).

use fixed_decimal::Decimal;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

/// Every CLDR plural category, in CLDR's order.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The cardinal plural categories of `locale` (a BCP 47 tag), in CLDR's order, e.g. `en` ->
/// `["one", "other"]`, `es` -> `["one", "many", "other"]`. A language CLDR does not know has
/// only `other`; a tag that is not BCP 47 gives `None`.
pub fn plural_categories(locale: &str) -> Option<Vec<&'static str>> {
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
pub fn example_beyond(locale: &str, category: &str, offset: i64, exact: &[i64]) -> Option<String> {
    let rules = rules(locale)?;
    let wanted = PluralCategory::get_for_cldr_string(category)?;
    let integers = (0..=200i64).chain([1000, 10_000, 100_000, 1_000_000, 1_000_000_000]);
    let from_integers = integers
        .filter(|v| !exact.contains(v))
        .find(|v| rules.category_for(&Decimal::from(v - offset)) == wanted)
        .map(|v| v.to_string());
    // Fractions are never an exact option's value; with an offset, the plain forms are enough.
    let fractions = [
        "0.5", "1.5", "2.5", "0.1", "1.0", "2.0", "0.0", "1.2", "3.5",
    ];
    from_integers.or_else(|| {
        (offset == 0)
            .then(|| {
                fractions.iter().find(|n| {
                    n.parse::<Decimal>()
                        .is_ok_and(|d| rules.category_for(&d) == wanted)
                })
            })
            .flatten()
            .map(|n| n.to_string())
    })
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
}

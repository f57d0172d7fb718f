//! Which catalog locales answer a language range: CLDR's likely subtags and parent locales
//! (ICU4X's compiled data), computed by the generator at build time into a small table that the runtime's
//! `Locale::negotiate` and the npm package's `negotiate` embed and read the same way, so they
//! agree by construction and neither carries CLDR data.
//!
//! The matcher, for a range (a BCP 47 tag; extensions ignored):
//!
//! 1. a catalog tag equal to the whole range (variants included) answers;
//! 2. else the range's **key** (its language, script and region, lowercase: `pt-ao`,
//!    `zh-hant-tw`) is looked up in [`LocaleMatches`]: with a script, the key `l-s-r` then
//!    `l-s`; without one, `l-r` then `l`. The first key present gives the catalog locales that
//!    answer, best first; no key present, none does.
//!
//! Each list is computed from the range's CLDR fallback chain (ICU4X's `LocaleFallbacker`:
//! `es-MX` → `es-419` → `es`, `pt-AO` → `pt-PT` → `pt`, `zh-TW` → `zh-Hant-TW` → `zh-Hant`):
//! for each step in order, the catalog locale spelled as the step, then those CLDR's likely
//! subtags make the same locale (`pt` is `pt-Latn-BR`, so `pt-BR` answers `pt`). Last come the
//! catalog locales of the same language and script in any region (fluent-langneg's last
//! filtering step: `en-US` may read `en-GB`). A range whose script differs from every catalog
//! locale of its language (`zh-Hant` for a catalog with `zh`) matches nothing.
//!
//! The table holds a row for the bare language and for each script the catalog's locales of
//! that language are written in, and rows for the regions whose answer differs from their
//! language's (or language-script's) row; every two-letter and three-digit region is tried,
//! so a row's absence is a computed fact, not a gap.

use icu_locale_core::LanguageIdentifier;
use icu_locale_core::subtags::{Language, Region, Script};
use icu_locale_fallback::provider::{
    Baked, LikelySubtagsForLanguage, LocaleLikelySubtagsLanguageV1, LocaleParentsV1,
};
use icu_locale_fallback::{LocaleFallbackConfig, LocaleFallbacker};
use icu_provider::prelude::{DataLocale, DataProvider, DataRequest};

/// The rows of a catalog's locale-matching table: a key (`pt`, `es-mx`, `zh-hant`) and the
/// indexes into the catalog's locales that answer a range with that key, best first. Sorted by
/// key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocaleMatches {
    rows: Vec<(String, Vec<usize>)>,
}

impl LocaleMatches {
    /// The table for the locales `tags` (BCP 47; a tag that does not parse answers only to
    /// itself, exactly).
    pub fn new(tags: &[&str]) -> LocaleMatches {
        LocaleMatches::with_regions(tags, |cldr, language, available| {
            cldr.regions_of(language, available)
        })
    }

    /// The table, trying for each language the regions `regions` gives.
    fn with_regions(
        tags: &[&str],
        regions: impl Fn(&Cldr, Language, &[Option<LanguageIdentifier>]) -> Vec<Region>,
    ) -> LocaleMatches {
        let cldr = Cldr::new();
        let available: Vec<Option<LanguageIdentifier>> = tags
            .iter()
            .map(|t| LanguageIdentifier::try_from_str(t).ok())
            .collect();
        let maximized: Vec<Option<LanguageIdentifier>> = available
            .iter()
            .map(|a| {
                a.as_ref()
                    .filter(|a| a.variants.is_empty())
                    .map(|a| cldr.maximize(a))
            })
            .collect();
        let mut languages: Vec<Language> = available.iter().flatten().map(|l| l.language).collect();
        languages.sort_unstable();
        languages.dedup();
        let mut rows = Vec::new();
        for language in languages {
            let mut scripts: Vec<Option<Script>> = maximized
                .iter()
                .flatten()
                .filter(|m| m.language == language && m.script.is_some())
                .map(|m| m.script)
                .collect();
            scripts.sort_unstable();
            scripts.dedup();
            scripts.insert(0, None);
            let regions = regions(&cldr, language, &available);
            for script in scripts {
                let base = id(language, script, None);
                let base_list = cldr.answers(&base, &available, &maximized);
                for &region in &regions {
                    let with_region = id(language, script, Some(region));
                    let list = cldr.answers(&with_region, &available, &maximized);
                    if list != base_list {
                        rows.push((key(&with_region), list));
                    }
                }
                if !base_list.is_empty() {
                    rows.push((key(&base), base_list));
                }
            }
        }
        rows.sort();
        LocaleMatches { rows }
    }

    /// The rows, sorted by key.
    pub fn rows(&self) -> &[(String, Vec<usize>)] {
        &self.rows
    }

    /// The rows borrowed in the shape the runtime's [`crate::negotiate::negotiate`] takes
    /// (generated code embeds them as a static of that shape).
    pub fn table(&self) -> Vec<(&str, &[usize])> {
        self.rows
            .iter()
            .map(|(key, answers)| (key.as_str(), answers.as_slice()))
            .collect()
    }

    /// The catalog locales that answer the range `tag` (step 1 then step 2 of the module's
    /// matcher), best first, for `tags` the locales this table was made for.
    pub fn answers(&self, tag: &str, tags: &[&str]) -> Vec<usize> {
        let normalized = tag.replace('_', "-");
        let Ok(range) = LanguageIdentifier::try_from_locale_bytes(normalized.as_bytes()) else {
            return Vec::new();
        };
        let exact = tags.iter().position(|t| range.normalizing_eq(t));
        let by_key = self.lookup(&range);
        exact.into_iter().chain(by_key.iter().copied()).collect()
    }

    /// Step 2: the list of the first of the range's keys that has a row.
    fn lookup(&self, range: &LanguageIdentifier) -> &[usize] {
        let (language, script, region) = (range.language, range.script, range.region);
        let keys = [
            region.map(|_| id(language, script, region)),
            Some(id(language, script, None)),
        ];
        keys.iter()
            .flatten()
            .find_map(|k| {
                let k = key(k);
                self.rows
                    .binary_search_by(|(row, _)| row.as_str().cmp(&k))
                    .ok()
            })
            .map_or(&[], |i| &self.rows[i].1)
    }
}

/// A language identifier of a language, maybe a script and maybe a region.
fn id(language: Language, script: Option<Script>, region: Option<Region>) -> LanguageIdentifier {
    let mut id = LanguageIdentifier::UNKNOWN;
    id.language = language;
    id.script = script;
    id.region = region;
    id
}

/// The table's key of `id`: its language, script and region, lowercase.
fn key(id: &LanguageIdentifier) -> String {
    id.to_string().to_ascii_lowercase()
}

#[cfg(test)]
/// Every syntactically valid region subtag: `AA`..`ZZ` and `000`..`999`.
fn every_region() -> Vec<Region> {
    let letters = (b'A'..=b'Z').flat_map(|a| (b'A'..=b'Z').map(move |b| vec![a, b]));
    let digits = (0..1000).map(|n: u32| format!("{n:03}").into_bytes());
    letters
        .chain(digits)
        .filter_map(|code| Region::try_from_utf8(&code).ok())
        .collect()
}

/// CLDR's likely subtags and parent locales, as ICU4X compiles them.
struct Cldr {
    /// The regions CLDR's parent locales name (`MX` of `es-MX`, `419` of its parent), by
    /// language.
    parent_regions: Vec<(Language, Region)>,
    /// `None` only if the compiled data had no likely subtags (it has: a singleton marker's
    /// compiled data is a static); then no range is maximized.
    likely: Option<&'static LikelySubtagsForLanguage<'static>>,
    fallbacker: LocaleFallbacker,
}

impl Cldr {
    fn new() -> Cldr {
        let likely =
            DataProvider::<LocaleLikelySubtagsLanguageV1>::load(&Baked, DataRequest::default())
                .ok()
                .and_then(|response| response.payload.get_static());
        let parents = DataProvider::<LocaleParentsV1>::load(&Baked, DataRequest::default())
            .ok()
            .and_then(|response| response.payload.get_static());
        let mut parent_regions = Vec::new();
        for (child, (language, _, region)) in
            parents.iter().flat_map(|p| p.parents.iter_copied_values())
        {
            if let Ok(child) = LanguageIdentifier::try_from_utf8(child.as_bytes()) {
                parent_regions.extend(child.region.map(|r| (child.language, r)));
            }
            parent_regions.extend(region.map(|r| (language, r)));
        }
        Cldr {
            parent_regions,
            likely,
            fallbacker: LocaleFallbacker::new().static_to_owned(),
        }
    }

    /// The regions whose answer may differ from their language's: those CLDR's likely subtags
    /// give a script for with `language`, those of its parent locales, and those of the
    /// catalog's locales. Another region `r` adds nothing: `language-r` falls back to
    /// `language` at once and has its script, so it has `language`'s answers (the test
    /// `the_regions_tried_are_enough` checks this against every region).
    fn regions_of(
        &self,
        language: Language,
        available: &[Option<LanguageIdentifier>],
    ) -> Vec<Region> {
        let lang = language.to_tinystr().to_unvalidated();
        let scripted = self.likely.into_iter().flat_map(|likely| {
            likely
                .language_region
                .iter_copied()
                .filter(|((l, _), _)| *l == lang)
                .filter_map(|((_, r), _)| r.try_into_tinystr().ok())
                .filter_map(|r| Region::try_from_str(&r).ok())
                .collect::<Vec<_>>()
        });
        let mut regions: Vec<Region> = scripted
            .chain(
                self.parent_regions
                    .iter()
                    .filter(|(l, _)| *l == language)
                    .map(|&(_, r)| r),
            )
            .chain(available.iter().flatten().filter_map(|a| a.region))
            .collect();
        regions.sort_unstable();
        regions.dedup();
        regions
    }

    /// `id` with its likely script and region added (UTS #35 "Add Likely Subtags", for an `id`
    /// with a language): `pt` -> `pt-Latn-BR`, `zh-TW` -> `zh-Hant-TW`, `es-419` ->
    /// `es-Latn-419`. Variants are dropped. A language CLDR does not know stays as it is.
    fn maximize(&self, id: &LanguageIdentifier) -> LanguageIdentifier {
        let Some(likely) = self.likely else {
            return self::id(id.language, id.script, id.region);
        };
        let language = id.language.to_tinystr().to_unvalidated();
        let of_language = likely.language.get_copied(&language);
        let script = id.script.or_else(|| {
            id.region
                .and_then(|r| {
                    likely
                        .language_region
                        .get_copied(&(language, r.to_tinystr().to_unvalidated()))
                })
                .or(of_language.map(|(s, _)| s))
        });
        let region = id.region.or_else(|| match id.script {
            Some(s) => likely
                .language_script
                .get_copied(&(language, s.to_tinystr().to_unvalidated()))
                .or(of_language.filter(|&(ls, _)| ls == s).map(|(_, r)| r)),
            None => of_language.map(|(_, r)| r),
        });
        self::id(id.language, script, region)
    }

    /// The CLDR fallback chain of `id`, `und` excluded: `es-MX`, `es-419`, `es`.
    fn chain(&self, id: &LanguageIdentifier) -> Vec<LanguageIdentifier> {
        let mut steps = Vec::new();
        let mut iter = self
            .fallbacker
            .for_config(LocaleFallbackConfig::default())
            .fallback_for(DataLocale::from(id));
        // A chain is a handful of steps; the bound only guards against a data cycle.
        for _ in 0..16 {
            let step = iter.get();
            if step.language.is_unknown() {
                break;
            }
            steps.push(self::id(step.language, step.script, step.region));
            iter.step();
        }
        steps
    }

    /// The indexes of `available` that answer `range` (no variants), best first: along the
    /// range's fallback chain, the locale spelled as the step, then those that maximize to the
    /// same locale; then the locales of the same language and likely script.
    fn answers(
        &self,
        range: &LanguageIdentifier,
        available: &[Option<LanguageIdentifier>],
        maximized: &[Option<LanguageIdentifier>],
    ) -> Vec<usize> {
        let mut list = Vec::new();
        let mut push = |i: usize| {
            if !list.contains(&i) {
                list.push(i);
            }
        };
        for step in self.chain(range) {
            let spelled = available.iter().position(|a| a.as_ref() == Some(&step));
            spelled.into_iter().for_each(&mut push);
            let step = self.maximize(&step);
            for (i, m) in maximized.iter().enumerate() {
                if m.as_ref() == Some(&step) {
                    push(i);
                }
            }
        }
        let range = self.maximize(range);
        for (i, m) in maximized.iter().enumerate() {
            if m.as_ref()
                .is_some_and(|m| m.language == range.language && m.script == range.script)
            {
                push(i);
            }
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(tags: &[&str], range: &str) -> Option<&'static str> {
        let table = LocaleMatches::new(tags);
        let found = table.answers(range, tags).first().copied();
        found.map(|i| tags[i].to_owned().leak() as &str)
    }

    #[test]
    fn portuguese_and_spanish_reach_the_catalog_locale() {
        let tags = ["en", "es", "pt-BR"];
        for (range, want) in [
            ("pt", "pt-BR"),
            ("pt-PT", "pt-BR"),
            ("pt_BR", "pt-BR"),
            ("pt-AO", "pt-BR"),
            ("es-419", "es"),
            ("es-MX", "es"),
            ("en-GB", "en"),
            ("en-IN", "en"),
        ] {
            assert_eq!(answer(&tags, range), Some(want), "{range}");
        }
        for range in ["de", "zh-Hant", "pt-Cyrl", "und", "x-foo"] {
            assert_eq!(answer(&tags, range), None, "{range}");
        }
    }

    #[test]
    fn parent_locales_are_followed_before_the_language() {
        let tags = ["es", "es-419", "pt-BR", "pt-PT"];
        for (range, want) in [
            ("es-MX", "es-419"),
            ("es-ES", "es"),
            ("es", "es"),
            ("pt-AO", "pt-PT"),
            ("pt-MZ", "pt-PT"),
            ("pt", "pt-BR"),
            ("pt-US", "pt-BR"),
        ] {
            assert_eq!(answer(&tags, range), Some(want), "{range}");
        }
    }

    #[test]
    fn a_script_must_match() {
        let tags = ["zh-CN", "sr"];
        assert_eq!(answer(&tags, "zh"), Some("zh-CN"));
        assert_eq!(answer(&tags, "zh-SG"), Some("zh-CN"));
        assert_eq!(answer(&tags, "zh-Hans"), Some("zh-CN"));
        assert_eq!(answer(&tags, "zh-TW"), None);
        assert_eq!(answer(&tags, "zh-Hant-CN"), None);
        assert_eq!(answer(&tags, "sr-Latn"), None);
        assert_eq!(answer(&tags, "sr-RS"), Some("sr"));
        let tags = ["zh-CN", "zh-TW"];
        assert_eq!(answer(&tags, "zh-HK"), Some("zh-TW"));
        assert_eq!(answer(&tags, "zh-Hant"), Some("zh-TW"));
        assert_eq!(answer(&tags, "zh-MO"), Some("zh-TW"));
    }

    #[test]
    fn the_same_language_in_another_region_comes_last() {
        let tags = ["en-GB", "es"];
        assert_eq!(answer(&tags, "en-US"), Some("en-GB"));
        assert_eq!(answer(&tags, "en"), Some("en-GB"));
        let table = LocaleMatches::new(&tags);
        assert_eq!(table.answers("en-AU", &tags), [0]);
    }

    #[test]
    fn the_regions_tried_are_enough() {
        for tags in [
            &["en", "es", "pt-BR"][..],
            &["es", "es-419", "pt-BR", "pt-PT", "en-GB", "en-IN"],
            &[
                "zh-CN",
                "zh-TW",
                "sr",
                "sr-Latn",
                "pa",
                "uz-Arab",
                "ca-ES-valencia",
                "nb",
                "no",
            ],
        ] {
            let every = LocaleMatches::with_regions(tags, |_, _, _| every_region());
            assert_eq!(LocaleMatches::new(tags), every, "{tags:?}");
        }
    }

    #[test]
    fn the_table_is_small() {
        let table = LocaleMatches::new(&["en", "es", "pt-BR"]);
        let keys: Vec<&str> = table.rows().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["en", "en-latn", "es", "es-latn", "pt", "pt-latn"]);
    }
}

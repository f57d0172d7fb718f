//! Messages at run time: the parts of a parsed ICU MessageFormat message ([`Part`]; generated
//! code holds them in statics, the generator builds them from its parsed messages), rendered
//! per locale with ICU4X's CLDR data (plural rules, decimal formatting) by [`render`].
//!
//! Rendering follows `intl-messageformat` (what the npm package and i18next-icu use) so both
//! sides show the same string: a `number` has at most three fraction digits (half away from
//! zero) and the locale's grouping, `integer` none; a plural picks `=N` first, then the
//! category of the value minus the offset, then `other`; `#` is that number, formatted. An
//! exact [`Decimal`](crate::Decimal) keeps every digit it has (`500.00` stays `500.00`).

use core::fmt::{self, Write as _};
use std::borrow::Cow;
use std::sync::OnceLock;

use fixed_decimal::{
    Decimal as FixedDecimal, FloatPrecision, SignedRoundingMode, UnsignedRoundingMode,
};
use icu_decimal::DecimalFormatter;
use icu_plurals::PluralRules;
use writeable::Writeable as _;

use crate::param::{DetailArg, Value, parse_exact};

/// One element of a parsed message. Generated code holds messages in statics (`Part<'static>`,
/// every slice borrowed); the generator builds them from its parsed messages, borrowing their
/// text (`Cow::Owned` nested parts). Exhaustive: the generator and the renderer handle every
/// part ICU MessageFormat has that a catalog may use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part<'a> {
    /// Literal text.
    Text(&'a str),
    /// `{name}`: the value as text.
    Arg(&'a str),
    /// `{name, number}` (`integer: false`) or `{name, number, integer}`.
    Number {
        /// The param's name.
        name: &'a str,
        /// Rounded to an integer (`{name, number, integer}`).
        integer: bool,
    },
    /// `{name, plural, offset:N ...}`.
    Plural {
        /// The param's name.
        name: &'a str,
        /// The offset subtracted before choosing a category (`#` shows the difference).
        offset: i64,
        /// The options in message order, `other` among them.
        options: Cow<'a, [(PluralKey, Parts<'a>)]>,
    },
    /// `{name, select, ...}`.
    Select {
        /// The param's name.
        name: &'a str,
        /// The options in message order (each key as written), `other` among them.
        options: Cow<'a, [(&'a str, Parts<'a>)]>,
    },
    /// `#`: the enclosing plural's number.
    Pound,
}

/// The parts of a plural or select option: borrowed in generated code's statics, owned when
/// the generator builds them.
pub type Parts<'a> = Cow<'a, [Part<'a>]>;

/// The key of a plural option: `=N` or a CLDR plural category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PluralKey {
    /// `=N`: the value exactly (before the offset is subtracted).
    Exact(i64),
    /// `one`, `few`, ...: the category of the value minus the offset.
    Category(PluralCategory),
}

/// A CLDR plural category (Unicode TR35, "Language Plural Rules"). Exhaustive: CLDR defines
/// these six and no more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PluralCategory {
    /// `zero`.
    Zero,
    /// `one`.
    One,
    /// `two`.
    Two,
    /// `few`.
    Few,
    /// `many`.
    Many,
    /// `other`: every language has it, and it is the fallback.
    Other,
}

impl PluralCategory {
    /// Every category, in CLDR's order.
    pub const ALL: [PluralCategory; 6] = [
        PluralCategory::Zero,
        PluralCategory::One,
        PluralCategory::Two,
        PluralCategory::Few,
        PluralCategory::Many,
        PluralCategory::Other,
    ];

    /// The keyword a message writes: `zero`, `one`, `two`, `few`, `many` or `other`.
    pub const fn as_str(self) -> &'static str {
        match self {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// The category a keyword names (exact, lowercase), or `None`.
    pub fn from_keyword(keyword: &str) -> Option<PluralCategory> {
        PluralCategory::ALL
            .into_iter()
            .find(|c| c.as_str() == keyword)
    }

    /// The category of ICU4X's plural rules' answer.
    fn of(category: icu_plurals::PluralCategory) -> PluralCategory {
        match category {
            icu_plurals::PluralCategory::Zero => PluralCategory::Zero,
            icu_plurals::PluralCategory::One => PluralCategory::One,
            icu_plurals::PluralCategory::Two => PluralCategory::Two,
            icu_plurals::PluralCategory::Few => PluralCategory::Few,
            icu_plurals::PluralCategory::Many => PluralCategory::Many,
            icu_plurals::PluralCategory::Other => PluralCategory::Other,
        }
    }
}

impl fmt::Display for PluralCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
/// A locale's CLDR data (plural rules, number symbols), loaded on first use and kept: generated
/// code holds one per catalog locale in a static.
pub struct LocaleData<'a> {
    tag: &'a str,
    decimal: OnceLock<Option<DecimalFormatter>>,
    plurals: OnceLock<Option<PluralRules>>,
}

impl<'a> LocaleData<'a> {
    /// The data of the locale `tag` (BCP 47), loaded when a message first needs it. A tag that
    /// does not parse, or that CLDR does not know, renders numbers plainly and plurals as `other`.
    pub const fn new(tag: &'a str) -> Self {
        LocaleData {
            tag,
            decimal: OnceLock::new(),
            plurals: OnceLock::new(),
        }
    }

    fn decimal(&self) -> Option<&DecimalFormatter> {
        self.decimal
            .get_or_init(|| {
                let locale: icu_locale_core::Locale = self.tag.parse().ok()?;
                DecimalFormatter::try_new((&locale).into(), Default::default()).ok()
            })
            .as_ref()
    }

    fn plurals(&self) -> Option<&PluralRules> {
        self.plurals
            .get_or_init(|| {
                let locale: icu_locale_core::Locale = self.tag.parse().ok()?;
                PluralRules::try_new_cardinal((&locale).into()).ok()
            })
            .as_ref()
    }
}

impl fmt::Debug for LocaleData<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocaleData")
            .field("tag", &self.tag)
            .finish()
    }
}

/// Renders `parts` in `locale` with `args`. Each param should have a value of its kind (the
/// runtime checks them first); an argument without a value shows as `{name}`, and a plural or
/// select without one takes its `other` option.
pub fn render(
    parts: &[Part<'_>],
    locale: &LocaleData<'_>,
    args: &[(&str, &dyn DetailArg)],
) -> String {
    let mut out = String::with_capacity(capacity(parts));
    render_into(&mut out, parts, locale, args, None);
    out
}

/// What `parts` add to a rendering, about: their texts and 16 bytes per value (a plural's or
/// select's option reserves its own when chosen). Reserved before rendering, so that a detail's
/// `String` is allocated once, as `format!` sizes its buffer from its pieces.
fn capacity(parts: &[Part<'_>]) -> usize {
    parts
        .iter()
        .map(|part| match part {
            Part::Text(text) => text.len(),
            Part::Arg(_) | Part::Number { .. } | Part::Pound => 16,
            Part::Plural { .. } | Part::Select { .. } => 0,
        })
        .sum()
}

/// The number a plural selects with: its value minus the offset, as `#` shows it.
struct PluralNumber<'a> {
    name: &'a str,
    number: Option<Number>,
    value: Option<Value<'a>>,
}

fn render_into(
    out: &mut String,
    parts: &[Part<'_>],
    locale: &LocaleData<'_>,
    args: &[(&str, &dyn DetailArg)],
    pound: Option<&PluralNumber<'_>>,
) {
    let find = |name: &str| {
        args.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.detail_value())
    };
    for part in parts {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Arg(name) => match find(name) {
                Some(value) => push_text(out, value),
                None => missing(out, name),
            },
            Part::Number { name, integer } => match find(name) {
                Some(value) => match Number::of(value) {
                    Some(mut n) => {
                        if *integer {
                            n.round_to_integer();
                        }
                        n.format(out, locale);
                    }
                    None => push_text(out, value),
                },
                None => missing(out, name),
            },
            Part::Pound => match pound {
                Some(PluralNumber {
                    number: Some(n), ..
                }) => n.format(out, locale),
                Some(PluralNumber {
                    value: Some(v),
                    number: None,
                    ..
                }) => push_text(out, *v),
                Some(PluralNumber { name, .. }) => missing(out, name),
                None => out.push('#'),
            },
            Part::Plural {
                name,
                offset,
                options,
            } => {
                let value = find(name);
                // An integer is matched against `=N` as an integer; other numbers by their
                // digits (`Number::equals`).
                let integer = match value {
                    Some(Value::Int(i)) => Some(i),
                    Some(Value::UInt(u)) => i128::try_from(u).ok(),
                    _ => None,
                };
                let exact = match integer {
                    Some(_) => None,
                    None => value.and_then(Number::exact_of),
                };
                let number = value.and_then(Number::of).map(|n| n.minus(*offset));
                // An integer (no offset) takes CLDR's integer operands, not a decimal's.
                let category = match integer.and_then(|i| i64::try_from(i).ok()) {
                    Some(i) if *offset == 0 => locale
                        .plurals()
                        .map(|rules| PluralCategory::of(rules.category_for(i))),
                    _ => number.as_ref().and_then(|n| n.plural_category(locale)),
                }
                .unwrap_or(PluralCategory::Other);
                let chosen = options
                    .iter()
                    .find(|(key, _)| match key {
                        PluralKey::Exact(k) => match integer {
                            Some(i) => i == i128::from(*k),
                            None => exact.as_ref().is_some_and(|e| e.equals(*k)),
                        },
                        _ => false,
                    })
                    .or_else(|| {
                        options
                            .iter()
                            .find(|(key, _)| *key == PluralKey::Category(category))
                    })
                    .or_else(|| {
                        options
                            .iter()
                            .find(|(key, _)| *key == PluralKey::Category(PluralCategory::Other))
                    });
                if let Some((_, parts)) = chosen {
                    let pound = PluralNumber {
                        name,
                        number,
                        value,
                    };
                    out.reserve(capacity(parts));
                    render_into(out, parts, locale, args, Some(&pound));
                }
            }
            Part::Select { name, options } => {
                let value = find(name);
                let mut key = String::new();
                if let Some(v) = value {
                    push_text(&mut key, v);
                }
                let chosen = options
                    .iter()
                    .find(|(k, _)| value.is_some() && *k == key && *k != "other")
                    .or_else(|| options.iter().find(|(k, _)| *k == "other"));
                if let Some((_, parts)) = chosen {
                    out.reserve(capacity(parts));
                    render_into(out, parts, locale, args, pound);
                }
            }
        }
    }
}

fn missing(out: &mut String, name: &str) {
    out.push('{');
    out.push_str(name);
    out.push('}');
}

/// A value as text, as `String(value)` shows it in JavaScript for the values both share.
fn push_text(out: &mut String, value: Value<'_>) {
    let _ = match value {
        Value::Text(s) => {
            out.push_str(s);
            Ok(())
        }
        Value::Display(d) => write!(out, "{d}"),
        Value::Int(n) => write!(out, "{n}"),
        Value::UInt(n) => write!(out, "{n}"),
        Value::Float(n) => write!(out, "{n}"),
        Value::Decimal(d) => write!(out, "{d}"),
    };
}

/// A number as a detail formats it.
#[derive(Clone)]
enum Number {
    Finite(FixedDecimal),
    NaN,
    Infinite { negative: bool },
}

const HALF_EXPAND: SignedRoundingMode =
    SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand);

impl Number {
    /// The number to format: a float rounded to three fraction digits as `Intl.NumberFormat`
    /// does by default; an exact decimal (or text holding one) as it is.
    fn of(value: Value<'_>) -> Option<Number> {
        Some(match value {
            Value::Int(n) => Number::Finite(n.into()),
            Value::UInt(n) => Number::Finite(n.into()),
            Value::Decimal(d) => Number::Finite(d.0.clone()),
            Value::Text(s) => Number::Finite(parse_exact(s)?),
            Value::Display(_) => return None,
            Value::Float(f) => match Number::float(f) {
                Number::Finite(mut d) => {
                    d.round_with_mode(-3, HALF_EXPAND);
                    d.trim_end();
                    Number::Finite(d)
                }
                other => other,
            },
        })
    }

    /// The value as written, unrounded, for `=N` matches.
    fn exact_of(value: Value<'_>) -> Option<Number> {
        match value {
            Value::Float(f) => Some(Number::float(f)),
            other => Number::of(other),
        }
    }

    fn float(f: f64) -> Number {
        if f.is_nan() {
            Number::NaN
        } else if f.is_infinite() {
            Number::Infinite { negative: f < 0.0 }
        } else {
            FixedDecimal::try_from_f64(f, FloatPrecision::RoundTrip)
                .map_or(Number::NaN, Number::Finite)
        }
    }

    fn equals(&self, n: i64) -> bool {
        let Number::Finite(d) = self else {
            return false;
        };
        let mut d = d.clone();
        d.trim_end();
        let mut text = String::new();
        let _ = write!(text, "{d}");
        let mut expected = String::new();
        let _ = write!(expected, "{n}");
        text == expected || (n == 0 && text == "-0")
    }

    fn round_to_integer(&mut self) {
        if let Number::Finite(d) = self {
            d.round_with_mode(0, HALF_EXPAND);
            d.trim_end();
        }
    }

    /// `self - offset`. Only plurals with an offset subtract; the arithmetic is on the
    /// decimal's digits, exactly, and leaves a number too large for it unchanged.
    fn minus(self, offset: i64) -> Number {
        let Number::Finite(d) = &self else {
            return self;
        };
        if offset == 0 {
            return self;
        }
        let mut text = String::new();
        let _ = write!(text, "{d}");
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let scale = frac.len() as u32;
        let shifted = format!("{int}{frac}").parse::<i128>().ok().and_then(|m| {
            10i128
                .checked_pow(scale)
                .and_then(|p| i128::from(offset).checked_mul(p))
                .and_then(|o| m.checked_sub(o))
        });
        let Some(mantissa) = shifted else {
            return self;
        };
        let mut result = FixedDecimal::from(mantissa);
        result.multiply_pow10(-(scale as i16));
        Number::Finite(result)
    }

    fn plural_category(&self, locale: &LocaleData<'_>) -> Option<PluralCategory> {
        match self {
            Number::Finite(d) => Some(PluralCategory::of(locale.plurals()?.category_for(d))),
            _ => Some(PluralCategory::Other),
        }
    }

    fn format(&self, out: &mut String, locale: &LocaleData<'_>) {
        let _ = match self {
            // `Writeable` straight into the `String`, not through `fmt`'s formatter.
            Number::Finite(d) => match locale.decimal() {
                Some(formatter) => formatter.format(d).write_to(out),
                None => d.write_to(out),
            },
            Number::NaN => write!(out, "NaN"),
            Number::Infinite { negative: true } => write!(out, "-∞"),
            Number::Infinite { negative: false } => write!(out, "∞"),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::param::Decimal;

    static EN: LocaleData = LocaleData::new("en");
    static ES: LocaleData = LocaleData::new("es");

    static ATTEMPTS: [Part; 1] = [Part::Plural {
        name: "n",
        offset: 0,
        options: Cow::Borrowed(&[
            (PluralKey::Exact(0), Cow::Borrowed(&[Part::Text("none")])),
            (
                PluralKey::Category(PluralCategory::One),
                Cow::Borrowed(&[Part::Pound, Part::Text(" attempt")]),
            ),
            (
                PluralKey::Category(PluralCategory::Other),
                Cow::Borrowed(&[Part::Pound, Part::Text(" attempts")]),
            ),
        ]),
    }];

    fn number(value: &dyn DetailArg, locale: &LocaleData<'_>) -> String {
        render(
            &[Part::Number {
                name: "x",
                integer: false,
            }],
            locale,
            &[("x", value)],
        )
    }

    #[test]
    fn numbers_follow_cldr() {
        assert_eq!(number(&1234.5, &EN), "1,234.5");
        assert_eq!(number(&1234.5, &ES), "1234,5");
        assert_eq!(number(&12345.5, &ES), "12.345,5");
        assert_eq!(number(&1.0005, &EN), "1.001");
        assert_eq!(number(&-5, &EN), "-5");
        assert_eq!(number(&"500.00", &ES), "500,00");
        assert_eq!(number(&"500.00".parse::<Decimal>().unwrap(), &EN), "500.00");
        assert_eq!(number(&"n/a", &EN), "n/a");
        assert_eq!(number(&f64::NAN, &EN), "NaN");
    }

    #[test]
    fn plurals_pick_exact_then_category() {
        let p = |n: &dyn DetailArg| render(&ATTEMPTS, &EN, &[("n", n)]);
        assert_eq!(p(&0), "none");
        assert_eq!(p(&1), "1 attempt");
        assert_eq!(p(&1000), "1,000 attempts");
        assert_eq!(p(&1.5), "1.5 attempts");
        assert_eq!(render(&ATTEMPTS, &EN, &[]), "{n} attempts");
    }

    #[test]
    fn offsets_subtract_exactly() {
        let n = Number::of(Value::Text("2.50")).unwrap().minus(1);
        let mut out = String::new();
        n.format(&mut out, &EN);
        assert_eq!(out, "1.50");
    }

    #[test]
    fn plural_keywords_are_cldr_categories() {
        for category in PluralCategory::ALL {
            assert_eq!(
                PluralCategory::from_keyword(category.as_str()),
                Some(category)
            );
        }
        for not_one in ["One", "lots", "", "=1"] {
            assert_eq!(PluralCategory::from_keyword(not_one), None, "{not_one}");
        }
    }

    #[test]
    fn owned_parts_render_as_borrowed_ones() {
        let owned = [Part::Plural {
            name: "n",
            offset: 0,
            options: Cow::Owned(vec![
                (PluralKey::Exact(0), Cow::Owned(vec![Part::Text("none")])),
                (
                    PluralKey::Category(PluralCategory::One),
                    Cow::Owned(vec![Part::Pound, Part::Text(" attempt")]),
                ),
                (
                    PluralKey::Category(PluralCategory::Other),
                    Cow::Owned(vec![Part::Pound, Part::Text(" attempts")]),
                ),
            ]),
        }];
        assert_eq!(owned, ATTEMPTS);
        for n in [0, 1, 2, 1000] {
            assert_eq!(
                render(&owned, &ES, &[("n", &n)]),
                render(&ATTEMPTS, &ES, &[("n", &n)])
            );
        }
    }
}

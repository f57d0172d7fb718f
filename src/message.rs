//! Detail messages at run time: the parsed ICU MessageFormat messages the generator emits as
//! static [`Part`]s, the values that fill them ([`DetailArg`], [`ParamValue`], [`Decimal`]),
//! and rendering per locale with ICU4X's CLDR data (plural rules, decimal formatting).
//!
//! Rendering follows `intl-messageformat` (what the npm package and i18next-icu use) so both
//! sides show the same string: a `number` has at most three fraction digits (half away from
//! zero) and the locale's grouping, `integer` none; a plural picks `=N` first, then the
//! category of the value minus the offset, then `other`; `#` is that number, formatted. An
//! exact [`Decimal`] keeps every digit it has (`500.00` stays `500.00`).

use core::fmt::{self, Write as _};
use std::str::FromStr;
use std::sync::OnceLock;

use fixed_decimal::{
    Decimal as FixedDecimal, FloatPrecision, SignedRoundingMode, UnsignedRoundingMode,
};
use icu_decimal::DecimalFormatter;
use icu_plurals::{PluralCategory, PluralRules};

/// One element of a parsed detail message (generated code holds these in statics).
#[derive(Debug)]
pub enum Part {
    Text(&'static str),
    /// `{name}`.
    Arg(&'static str),
    /// `{name, number}` (`integer: false`) or `{name, number, integer}`.
    Number {
        name: &'static str,
        integer: bool,
    },
    /// `{name, plural, offset:N ...}`; options in message order, `other` among them.
    Plural {
        name: &'static str,
        offset: i64,
        options: &'static [(PluralKey, &'static [Part])],
    },
    /// `{name, select, ...}`; options in message order, `other` among them.
    Select {
        name: &'static str,
        options: &'static [(&'static str, &'static [Part])],
    },
    /// `#`: the enclosing plural's number.
    Pound,
}

/// The key of a plural option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluralKey {
    /// `=N`.
    Exact(i64),
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralKey {
    fn matches(self, category: PluralCategory) -> bool {
        matches!(
            (self, category),
            (PluralKey::Zero, PluralCategory::Zero)
                | (PluralKey::One, PluralCategory::One)
                | (PluralKey::Two, PluralCategory::Two)
                | (PluralKey::Few, PluralCategory::Few)
                | (PluralKey::Many, PluralCategory::Many)
                | (PluralKey::Other, PluralCategory::Other)
        )
    }
}

/// What a param of a code holds (see `ErrorCode::param_kinds`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamKind {
    /// `{name}`: any value, shown as text.
    String,
    /// `{name, number}`: a number, or a string holding an exact decimal (`"500.00"`).
    Number,
    /// `{name, plural, ...}`: a number that selects a plural form.
    Integer,
    /// `{name, select, ...}`: a string that selects an option.
    Select,
}

impl ParamKind {
    /// `string`, `number`, `integer` or `select`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ParamKind::String => "string",
            ParamKind::Number => "number",
            ParamKind::Integer => "integer",
            ParamKind::Select => "select",
        }
    }

    /// Whether a value can fill a param of this kind: any value fills a `string` or a
    /// `select`; a `number` or `integer` takes a number, or text that is an exact decimal.
    pub fn accepts(self, value: &dyn DetailArg) -> bool {
        match self {
            ParamKind::String | ParamKind::Select => true,
            ParamKind::Number | ParamKind::Integer => match value.detail_value() {
                Value::Text(text) => parse_exact(text).is_some(),
                Value::Display(_) => false,
                Value::Int(_) | Value::UInt(_) | Value::Float(_) | Value::Decimal(_) => true,
            },
        }
    }
}

impl fmt::Display for ParamKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An exact decimal number: `"500.00".parse::<Decimal>()` keeps both fraction digits, in
/// details (`500,00` in Spanish) and on the wire (the string `"500.00"`).
#[derive(Clone, Debug, PartialEq)]
pub struct Decimal(FixedDecimal);

/// A string that is not a decimal number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecimalError;

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a decimal number: expected digits, an optional `-` and `.` and fraction")
    }
}

impl std::error::Error for DecimalError {}

/// The most digits an exact decimal may have: bounds what a hostile string costs to parse and
/// to format.
pub const MAX_DECIMAL_DIGITS: usize = 64;

impl FromStr for Decimal {
    type Err = DecimalError;

    /// `-?[0-9]+(\.[0-9]+)?`, at most `MAX_DECIMAL_DIGITS` (64) digits.
    fn from_str(s: &str) -> Result<Self, DecimalError> {
        parse_exact(s).map(Decimal).ok_or(DecimalError)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl serde::Serialize for Decimal {
    /// As a string: a JSON number would lose trailing zeros and precision.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Decimal {
    /// `value` × 10^-`fraction_digits`, keeping every fraction digit: an amount in cents,
    /// `Decimal::from_scaled(1050, 2)`, is `10.50`.
    pub fn from_scaled(value: i128, fraction_digits: u8) -> Self {
        let mut d = FixedDecimal::from(value);
        d.multiply_pow10(-i16::from(fraction_digits));
        Decimal(d)
    }
}

macro_rules! decimal_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Decimal {
            fn from(n: $t) -> Self {
                Decimal(FixedDecimal::from(n))
            }
        }
    )*};
}
decimal_from_int!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

fn parse_exact(s: &str) -> Option<FixedDecimal> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let well_formed = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && (frac.is_empty() != digits.contains('.'))
        && frac.bytes().all(|b| b.is_ascii_digit())
        && int.len() + frac.len() <= MAX_DECIMAL_DIGITS;
    well_formed.then(|| s.parse().ok()).flatten()
}

/// A value filling a detail argument, borrowed.
#[derive(Clone, Copy)]
pub enum Value<'a> {
    Text(&'a str),
    /// Any other `Display` value, shown as text.
    Display(&'a dyn fmt::Display),
    Int(i128),
    UInt(u128),
    Float(f64),
    Decimal(&'a Decimal),
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(s) => f.debug_tuple("Text").field(s).finish(),
            Value::Display(d) => f.debug_tuple("Display").field(&d.to_string()).finish(),
            Value::Int(n) => f.debug_tuple("Int").field(n).finish(),
            Value::UInt(n) => f.debug_tuple("UInt").field(n).finish(),
            Value::Float(n) => f.debug_tuple("Float").field(n).finish(),
            Value::Decimal(d) => f.debug_tuple("Decimal").field(d).finish(),
        }
    }
}

impl<'a> Value<'a> {
    /// Any `Display` value as text: `Value::display(&path.display())`.
    pub fn display(value: &'a dyn fmt::Display) -> Self {
        Value::Display(value)
    }
}

/// A value that can fill a detail argument: strings, integers, floats, [`Decimal`],
/// [`ParamValue`], [`Value`], and references to them. (Another `Display` type fills a text
/// argument through [`Value::display`].)
pub trait DetailArg {
    /// The value, borrowed.
    fn detail_value(&self) -> Value<'_>;
}

impl<T: DetailArg + ?Sized> DetailArg for &T {
    fn detail_value(&self) -> Value<'_> {
        (**self).detail_value()
    }
}

impl DetailArg for str {
    fn detail_value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl DetailArg for String {
    fn detail_value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl DetailArg for std::borrow::Cow<'_, str> {
    fn detail_value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl DetailArg for char {
    fn detail_value(&self) -> Value<'_> {
        Value::Display(self)
    }
}

impl DetailArg for Decimal {
    fn detail_value(&self) -> Value<'_> {
        Value::Decimal(self)
    }
}

impl DetailArg for Value<'_> {
    fn detail_value(&self) -> Value<'_> {
        *self
    }
}

macro_rules! detail_arg_int {
    ($variant:ident: $($t:ty),*) => {$(
        impl DetailArg for $t {
            fn detail_value(&self) -> Value<'_> {
                Value::$variant((*self).into())
            }
        }
    )*};
}
detail_arg_int!(Int: i8, i16, i32, i64, i128);
detail_arg_int!(UInt: u8, u16, u32, u64, u128);

impl DetailArg for isize {
    fn detail_value(&self) -> Value<'_> {
        Value::Int(*self as i128)
    }
}

impl DetailArg for usize {
    fn detail_value(&self) -> Value<'_> {
        Value::UInt(*self as u128)
    }
}

impl DetailArg for f64 {
    fn detail_value(&self) -> Value<'_> {
        Value::Float(*self)
    }
}

impl DetailArg for f32 {
    fn detail_value(&self) -> Value<'_> {
        // Through its shortest decimal form: `0.1f32` is 0.1, not 0.100000001490116.
        Value::Float(self.to_string().parse().unwrap_or(f64::NAN))
    }
}

/// A param's value, owned: what an `ApiError` keeps and sends. On the wire (serde) a number is
/// a JSON number and an exact decimal a string, so a client can format it in its own locale.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamValue {
    Text(String),
    Int(i64),
    UInt(u64),
    /// A finite float (a non-finite one is kept as its text, `NaN` or `inf`).
    Float(f64),
    Decimal(Decimal),
}

impl ParamValue {
    /// The value of `arg`, owned.
    pub fn new(arg: &dyn DetailArg) -> Self {
        match arg.detail_value() {
            Value::Text(s) => ParamValue::Text(s.to_owned()),
            Value::Display(d) => ParamValue::Text(d.to_string()),
            Value::Int(n) => i64::try_from(n)
                .map(ParamValue::Int)
                .unwrap_or_else(|_| ParamValue::Decimal(n.into())),
            Value::UInt(n) => u64::try_from(n)
                .map(ParamValue::UInt)
                .unwrap_or_else(|_| ParamValue::Decimal(n.into())),
            Value::Float(f) if f.is_finite() => ParamValue::Float(f),
            Value::Float(f) => ParamValue::Text(f.to_string()),
            Value::Decimal(d) => ParamValue::Decimal(d.clone()),
        }
    }

    /// The text of a `Text` value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            ParamValue::Text(s) => Some(s),
            _ => None,
        }
    }
}

impl From<&str> for ParamValue {
    fn from(s: &str) -> Self {
        ParamValue::Text(s.to_owned())
    }
}

impl PartialEq<&str> for ParamValue {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl fmt::Display for ParamValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamValue::Text(s) => f.write_str(s),
            ParamValue::Int(n) => fmt::Display::fmt(n, f),
            ParamValue::UInt(n) => fmt::Display::fmt(n, f),
            ParamValue::Float(n) => fmt::Display::fmt(n, f),
            ParamValue::Decimal(d) => fmt::Display::fmt(d, f),
        }
    }
}

impl DetailArg for ParamValue {
    fn detail_value(&self) -> Value<'_> {
        match self {
            ParamValue::Text(s) => Value::Text(s),
            ParamValue::Int(n) => Value::Int((*n).into()),
            ParamValue::UInt(n) => Value::UInt((*n).into()),
            ParamValue::Float(n) => Value::Float(*n),
            ParamValue::Decimal(d) => Value::Decimal(d),
        }
    }
}

impl serde::Serialize for ParamValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ParamValue::Text(s) => serializer.serialize_str(s),
            ParamValue::Int(n) => serializer.serialize_i64(*n),
            ParamValue::UInt(n) => serializer.serialize_u64(*n),
            ParamValue::Float(n) => serializer.serialize_f64(*n),
            ParamValue::Decimal(d) => d.serialize(serializer),
        }
    }
}

/// Why a code's detail could not be rendered ([`ErrorCode::detail`](crate::ErrorCode::detail)):
/// the arguments do not match the code's params. A detail is never rendered with a
/// `{placeholder}` left in it, nor with a value that cannot fill its param.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DetailError {
    /// The code has no detail template.
    NoDetail { code: &'static str },
    /// A param of the code's detail has no value.
    Missing {
        code: &'static str,
        param: &'static str,
    },
    /// An argument names no param of the code (kept: at most 64 bytes of the name).
    Unknown { code: &'static str, param: String },
    /// The value cannot fill the param: text that is no number for a `number` or plural param.
    WrongKind {
        code: &'static str,
        param: &'static str,
        kind: ParamKind,
    },
}

impl DetailError {
    /// The code's wire string.
    pub fn code(&self) -> &'static str {
        match self {
            DetailError::NoDetail { code }
            | DetailError::Missing { code, .. }
            | DetailError::Unknown { code, .. }
            | DetailError::WrongKind { code, .. } => code,
        }
    }

    /// The param at fault (none for [`DetailError::NoDetail`]).
    pub fn param(&self) -> Option<&str> {
        match self {
            DetailError::NoDetail { .. } => None,
            DetailError::Missing { param, .. } | DetailError::WrongKind { param, .. } => {
                Some(param)
            }
            DetailError::Unknown { param, .. } => Some(param),
        }
    }
}

impl fmt::Display for DetailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DetailError::NoDetail { code } => write!(f, "{code} has no detail"),
            DetailError::Missing { code, param } => {
                write!(
                    f,
                    "the detail of {code} needs the param `{param}`, which has no value"
                )
            }
            DetailError::Unknown { code, param } => {
                write!(f, "{code} has no param `{}`", param.escape_debug())
            }
            DetailError::WrongKind { code, param, kind } => write!(
                f,
                "the param `{param}` of {code} is a {kind}, and its value is not a number"
            ),
        }
    }
}

impl std::error::Error for DetailError {}

/// The longest part of an unknown param's name a [`DetailError`] keeps, in bytes.
const MAX_KEPT_NAME: usize = 64;

/// At most [`MAX_KEPT_NAME`] bytes of `s`, cut at a character boundary.
pub(crate) fn kept_name(s: &str) -> String {
    crate::runtime::char_prefix(s, MAX_KEPT_NAME).to_owned()
}

/// Checks `args` against a code's `params` and their `kinds`: an argument the code does not
/// have first (a misspelling names its intent there), then a value of the wrong kind, then a
/// param without a value. The one check both `ErrorCode::detail` and `ApiError` apply.
pub fn check_args(
    code: &'static str,
    params: &'static [&'static str],
    kinds: &'static [ParamKind],
    args: &[(&str, &dyn DetailArg)],
) -> Result<(), DetailError> {
    for (name, value) in args {
        let Some(index) = params.iter().position(|p| p == name) else {
            return Err(DetailError::Unknown {
                code,
                param: kept_name(name),
            });
        };
        if !kinds[index].accepts(*value) {
            return Err(DetailError::WrongKind {
                code,
                param: params[index],
                kind: kinds[index],
            });
        }
    }
    match params.iter().find(|p| !args.iter().any(|(n, _)| n == *p)) {
        Some(param) => Err(DetailError::Missing { code, param }),
        None => Ok(()),
    }
}

/// The detail of a typed error (`errors::X::detail`): its fields are the code's params by name
/// and kind, so [`check_args`] accepts them by construction.
pub fn typed_detail(detail: Result<String, DetailError>) -> String {
    match detail {
        Ok(detail) => detail,
        Err(error) => unreachable!("a typed error's fields fill its detail: {error}"),
    }
}

/// A catalog locale's CLDR data, loaded on first use and kept (generated code holds one per
/// locale in a static).
pub struct LocaleData {
    tag: &'static str,
    decimal: OnceLock<Option<DecimalFormatter>>,
    plurals: OnceLock<Option<PluralRules>>,
}

impl LocaleData {
    pub const fn new(tag: &'static str) -> Self {
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

impl fmt::Debug for LocaleData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocaleData")
            .field("tag", &self.tag)
            .finish()
    }
}

/// Renders `parts` in `locale` with `args`, which [`check_args`] has accepted. (Given an argument
/// without a value anyway, it shows `{name}`, and a plural or select its `other` option.)
pub fn render(parts: &[Part], locale: &LocaleData, args: &[(&str, &dyn DetailArg)]) -> String {
    let mut out = String::new();
    render_into(&mut out, parts, locale, args, None);
    out
}

/// The number a plural selects with: its value minus the offset, as `#` shows it.
struct PluralNumber<'a> {
    name: &'static str,
    number: Option<Number>,
    value: Option<Value<'a>>,
}

fn render_into(
    out: &mut String,
    parts: &[Part],
    locale: &LocaleData,
    args: &[(&str, &dyn DetailArg)],
    pound: Option<&PluralNumber<'_>>,
) {
    let find = |name: &str| {
        args.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.detail_value())
    };
    for part in parts {
        match *part {
            Part::Text(text) => out.push_str(text),
            Part::Arg(name) => match find(name) {
                Some(value) => push_text(out, value),
                None => missing(out, name),
            },
            Part::Number { name, integer } => match find(name) {
                Some(value) => match Number::of(value) {
                    Some(mut n) => {
                        if integer {
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
                let exact = value.and_then(Number::exact_of);
                let number = value.and_then(Number::of).map(|n| n.minus(offset));
                let category = number
                    .as_ref()
                    .and_then(|n| n.plural_category(locale))
                    .unwrap_or(PluralCategory::Other);
                let chosen = options
                    .iter()
                    .find(|(key, _)| match key {
                        PluralKey::Exact(k) => exact.as_ref().is_some_and(|e| e.equals(*k)),
                        _ => false,
                    })
                    .or_else(|| options.iter().find(|(key, _)| key.matches(category)))
                    .or_else(|| options.iter().find(|(key, _)| *key == PluralKey::Other));
                if let Some((_, parts)) = chosen {
                    let pound = PluralNumber {
                        name,
                        number,
                        value,
                    };
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

    fn plural_category(&self, locale: &LocaleData) -> Option<PluralCategory> {
        match self {
            Number::Finite(d) => Some(locale.plurals()?.category_for(d)),
            _ => Some(PluralCategory::Other),
        }
    }

    fn format(&self, out: &mut String, locale: &LocaleData) {
        let _ = match self {
            Number::Finite(d) => match locale.decimal() {
                Some(formatter) => write!(out, "{}", formatter.format(d)),
                None => write!(out, "{d}"),
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

    static EN: LocaleData = LocaleData::new("en");
    static ES: LocaleData = LocaleData::new("es");

    static ATTEMPTS: [Part; 1] = [Part::Plural {
        name: "n",
        offset: 0,
        options: &[
            (PluralKey::Exact(0), &[Part::Text("none")]),
            (PluralKey::One, &[Part::Pound, Part::Text(" attempt")]),
            (PluralKey::Other, &[Part::Pound, Part::Text(" attempts")]),
        ],
    }];

    fn number(value: &dyn DetailArg, locale: &LocaleData) -> String {
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
    fn exact_decimals_parse_strictly() {
        for bad in ["", "-", "1.", ".5", "1e3", "+1", "1_000", " 1"] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad}");
        }
        assert_eq!("-0.50".parse::<Decimal>().unwrap().to_string(), "-0.50");
        assert_eq!(Decimal::from_scaled(1050, 2).to_string(), "10.50");
        assert_eq!(Decimal::from_scaled(-5, 3).to_string(), "-0.005");
        assert!(
            "1".repeat(MAX_DECIMAL_DIGITS + 1)
                .parse::<Decimal>()
                .is_err()
        );
    }
}

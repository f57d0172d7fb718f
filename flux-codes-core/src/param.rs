//! Param kinds and values: what a param of a message holds ([`ParamKind`]), the values that fill
//! it, borrowed ([`DetailArg`], [`Value`]) or owned ([`ParamValue`]), and the exact decimal
//! number ([`Decimal`]) that keeps its fraction digits.

use core::fmt;
use std::str::FromStr;

use fixed_decimal::Decimal as FixedDecimal;

/// What a param of a message holds (a catalog code's `param_kinds`).
///
/// Exhaustive: code that fills params (generated code, a client picking example values)
/// handles each kind, and a new kind would need new values from it anyway.
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

    /// Whether the param takes a number (`number`, `integer`), not text (`string`, `select`).
    pub const fn is_numeric(self) -> bool {
        matches!(self, ParamKind::Number | ParamKind::Integer)
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
pub struct Decimal(pub(crate) FixedDecimal);

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

pub(crate) fn parse_exact(s: &str) -> Option<FixedDecimal> {
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
#[non_exhaustive]
pub enum Value<'a> {
    /// Text (a number param also takes text holding an exact decimal, `"500.00"`).
    Text(&'a str),
    /// Any other `Display` value, shown as text.
    Display(&'a dyn fmt::Display),
    /// A signed integer.
    Int(i128),
    /// An unsigned integer.
    UInt(u128),
    /// A float, formatted with at most three fraction digits.
    Float(f64),
    /// An exact decimal, formatted with every digit it has.
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
#[non_exhaustive]
pub enum ParamValue {
    /// Text.
    Text(String),
    /// A signed integer (one beyond `i64` is kept as a [`ParamValue::Decimal`]).
    Int(i64),
    /// An unsigned integer (one beyond `u64` is kept as a [`ParamValue::Decimal`]).
    UInt(u64),
    /// A finite float (a non-finite one is kept as its text, `NaN` or `inf`).
    Float(f64),
    /// An exact decimal.
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

#[cfg(test)]
mod tests {
    use super::*;

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

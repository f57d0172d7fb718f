//! What `#[derive(FluxError)]` expands to, besides the catalog's generated tables: the `const`
//! checks that turn a detail placeholder nothing fills, or a param the code does not have, into
//! a compile error, and the trait that picks, at compile time, which fields are params.
//!
//! The derive does not know the catalog (it is a separate crate, compiled before the catalog's
//! code is generated); the compiler does. So the derive writes `const` items that compare the
//! names it sees (fields, `param(...)`) with the generated `ErrorCode::params()`, and panics
//! with a precise message during constant evaluation. The panic happens in the user's crate,
//! on tokens that carry the span of the offending attribute, so rustc reports it right there.

use core::fmt::Display;

use crate::{DetailArg, ParamKind, Value};

/// A compile-time message: a fixed buffer, since constant evaluation cannot allocate.
pub struct Message {
    bytes: [u8; Message::CAPACITY],
    len: usize,
    /// Cut: nothing more is added.
    full: bool,
}

impl Message {
    /// Longer messages are cut (at a character boundary) and end with `...`.
    pub const CAPACITY: usize = 1024;

    const fn new() -> Self {
        Message {
            bytes: [0; Message::CAPACITY],
            len: 0,
            full: false,
        }
    }

    const fn push(mut self, s: &str) -> Self {
        if self.full {
            return self;
        }
        let s = s.as_bytes();
        let room = Message::CAPACITY - 3 - self.len;
        let mut end = if s.len() <= room { s.len() } else { room };
        while end < s.len() && end > 0 && (s[end] & 0xC0) == 0x80 {
            end -= 1; // not inside a character
        }
        let mut i = 0;
        while i < end {
            self.bytes[self.len] = s[i];
            self.len += 1;
            i += 1;
        }
        if end < s.len() {
            let mut dot = 0;
            while dot < 3 {
                self.bytes[self.len] = b'.';
                self.len += 1;
                dot += 1;
            }
            self.full = true;
        }
        self
    }

    /// The message text.
    pub const fn as_str(&self) -> &str {
        let (text, _) = self.bytes.split_at(self.len);
        match core::str::from_utf8(text) {
            Ok(s) => s,
            Err(_) => "(message not UTF-8)",
        }
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `names` has `name`.
pub const fn contains(names: &[&str], name: &str) -> bool {
    let mut i = 0;
    while i < names.len() {
        if str_eq(names[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

/// `` `{a}`, `{b}` ``, for messages.
const fn push_placeholders(mut m: Message, params: &[&str]) -> Message {
    let mut i = 0;
    while i < params.len() {
        if i > 0 {
            m = m.push(", ");
        }
        m = m.push("`{").push(params[i]).push("}`");
        i += 1;
    }
    m
}

/// The first placeholder of `code`'s detail that neither a field nor a `param(...)` of `case`
/// (`variant `X`` or `struct `X``) fills. `fields` are the case's named fields: one that fills
/// no placeholder but is spelled close to the unfilled one is suggested (`max_amt` for
/// `{max_amount}`).
pub const fn unfilled_placeholder(
    code: &str,
    params: &[&str],
    filled: &[&str],
    fields: &[&str],
    case: &str,
) -> Option<Message> {
    let mut i = 0;
    while i < params.len() {
        let p = params[i];
        if !contains(filled, p) {
            let m = Message::new()
                .push("the detail of `")
                .push(code)
                .push("` has the placeholder `{")
                .push(p)
                .push("}`, which nothing in ")
                .push(case)
                .push(" fills: ");
            return Some(match near_miss(p, fields, params) {
                Some(field) => m
                    .push("a field `")
                    .push(field)
                    .push("` is close: rename it or add `param(")
                    .push(p)
                    .push(" = ")
                    .push(field)
                    .push(")` to its `#[flux]`"),
                None => m
                    .push("add a field `")
                    .push(p)
                    .push("` or `param(")
                    .push(p)
                    .push(" = ...)` to its `#[flux]`"),
            });
        }
        i += 1;
    }
    None
}

/// The longest name [`near_miss`] compares, in bytes (field names are short; the edit distance
/// costs the product of both lengths, in constant evaluation).
const NEAR_MISS_MAX_LEN: usize = 64;

/// The field closest to `placeholder` among those that fill no placeholder, when it is close
/// enough to be a misspelling: at most a third of the longer name's letters apart (as the
/// generator's "did you mean" for catalog keys), and not all of the shorter one's (`a` is not
/// a misspelling of `b`), ASCII case ignored.
const fn near_miss<'a>(placeholder: &str, fields: &[&'a str], params: &[&str]) -> Option<&'a str> {
    let mut best: Option<(&'a str, usize)> = None;
    let mut i = 0;
    while i < fields.len() {
        let field = fields[i];
        i += 1;
        if contains(params, field) {
            continue;
        }
        let Some(distance) = edit_distance(placeholder.as_bytes(), field.as_bytes()) else {
            continue;
        };
        let (shorter, longer) = if field.len() > placeholder.len() {
            (placeholder.len(), field.len())
        } else {
            (field.len(), placeholder.len())
        };
        let limit = if longer / 3 > 1 { longer / 3 } else { 1 };
        let better = match best {
            Some((_, d)) => distance < d,
            None => true,
        };
        if distance <= limit && distance < shorter && better {
            best = Some((field, distance));
        }
    }
    match best {
        Some((field, _)) => Some(field),
        None => None,
    }
}

/// Edit distance with swaps of neighbours as one edit (optimal string alignment), ASCII case
/// ignored; `None` for a name longer than [`NEAR_MISS_MAX_LEN`].
const fn edit_distance(a: &[u8], b: &[u8]) -> Option<usize> {
    if a.len() > NEAR_MISS_MAX_LEN || b.len() > NEAR_MISS_MAX_LEN {
        return None;
    }
    // Three rows of the table: two back (for swaps), one back, and the current one.
    let mut two_back = [0usize; NEAR_MISS_MAX_LEN + 1];
    let mut one_back = [0usize; NEAR_MISS_MAX_LEN + 1];
    let mut row = [0usize; NEAR_MISS_MAX_LEN + 1];
    let mut j = 0;
    while j <= b.len() {
        one_back[j] = j;
        j += 1;
    }
    let mut i = 1;
    while i <= a.len() {
        row[0] = i;
        let mut j = 1;
        while j <= b.len() {
            let (x, y) = (a[i - 1].to_ascii_lowercase(), b[j - 1].to_ascii_lowercase());
            let cost = if x == y { 0 } else { 1 };
            let mut d = one_back[j] + 1;
            if row[j - 1] + 1 < d {
                d = row[j - 1] + 1;
            }
            if one_back[j - 1] + cost < d {
                d = one_back[j - 1] + cost;
            }
            if i > 1
                && j > 1
                && x == b[j - 2].to_ascii_lowercase()
                && a[i - 2].to_ascii_lowercase() == y
                && two_back[j - 2] + 1 < d
            {
                d = two_back[j - 2] + 1;
            }
            row[j] = d;
            j += 1;
        }
        two_back = one_back;
        one_back = row;
        i += 1;
    }
    Some(one_back[b.len()])
}

/// A `param(name = ...)` whose name is not a placeholder of `code`'s detail.
pub const fn unknown_param(code: &str, params: &[&str], name: &str) -> Option<Message> {
    if contains(params, name) {
        return None;
    }
    let m = Message::new().push("`").push(code);
    if params.is_empty() {
        return Some(
            m.push("` has no detail placeholders: remove `param(")
                .push(name)
                .push(" = ...)`"),
        );
    }
    let m = m
        .push("` has no placeholder `{")
        .push(name)
        .push("}` in its detail; its placeholders: ");
    Some(push_placeholders(m, params))
}

/// `#[flux(detail = "...")]` on a code whose catalog entry has a detail template already.
pub const fn detail_conflict(code: &str, has_template: bool) -> Option<Message> {
    if !has_template {
        return None;
    }
    Some(Message::new().push("`").push(code).push(
        "` has a detail template in the catalog, filled from its params: remove `detail = ...`",
    ))
}

/// What [`MaybeParam`] does with a field: not a param, a text param (`{name}`, `select`), or a
/// number param (`{name, number}`, `plural`).
pub const NOT_A_PARAM: u8 = 0;
pub const TEXT_PARAM: u8 = 1;
pub const NUMBER_PARAM: u8 = 2;

/// The [`MaybeParam`] kind of the param `name` of a code (`params` and `kinds` are the code's
/// `params()` and `param_kinds()`).
pub const fn param_kind(params: &[&str], kinds: &[ParamKind], name: &str) -> u8 {
    let mut i = 0;
    while i < params.len() {
        if str_eq(params[i], name) {
            return if kinds[i].is_numeric() {
                NUMBER_PARAM
            } else {
                TEXT_PARAM
            };
        }
        i += 1;
    }
    NOT_A_PARAM
}

/// Picks the fields that are params at compile time, and checks their types:
/// `MaybeParam::<{ kind }>` gives the value of a param field (a text param takes any `Display`
/// type, a number param a [`NumberArg`]) and nothing for any other field (of any type).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill this detail param",
    label = "fills a detail param",
    note = "a text param (`{{name}}`, `select`) takes a `Display` value; a number param (`{{name, number}}`, `plural`) takes an integer, a float or `flux_codes::Decimal`"
)]
pub trait MaybeParam<const KIND: u8> {
    /// The value, for a param.
    fn as_param(&self) -> Option<Value<'_>>;
}

impl<T: Display> MaybeParam<TEXT_PARAM> for T {
    fn as_param(&self) -> Option<Value<'_>> {
        Some(Value::Display(self))
    }
}

impl<T: NumberArg + ?Sized> MaybeParam<NUMBER_PARAM> for T {
    fn as_param(&self) -> Option<Value<'_>> {
        Some(self.detail_value())
    }
}

impl<T: ?Sized> MaybeParam<NOT_A_PARAM> for T {
    fn as_param(&self) -> Option<Value<'_>> {
        None
    }
}

/// A type that always holds a number, so it can fill a `{name, number}` or plural param:
/// the integers, the floats and [`crate::Decimal`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` fills a number param, so it must be a number",
    label = "a `{{name, number}}` or plural param",
    note = "use an integer, a float or `flux_codes::Decimal` (`\"500.00\".parse::<Decimal>()` keeps its decimals)"
)]
pub trait NumberArg: DetailArg {}

macro_rules! number_arg {
    ($($t:ty),*) => {$( impl NumberArg for $t {} )*};
}
number_arg!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64
);
impl NumberArg for crate::Decimal {}
impl<T: NumberArg + ?Sized> NumberArg for &T {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_placeholder() {
        let m = unfilled_placeholder(
            "ERR_X",
            &["a", "b"],
            &["a", "c"],
            &["a", "c"],
            "variant `V`",
        )
        .unwrap();
        assert_eq!(
            m.as_str(),
            "the detail of `ERR_X` has the placeholder `{b}`, which nothing in variant `V` fills: \
             add a field `b` or `param(b = ...)` to its `#[flux]`"
        );
        assert!(unfilled_placeholder("ERR_X", &["a"], &["a"], &["a"], "variant `V`").is_none());
        let m = unknown_param("ERR_X", &["a", "b"], "c").unwrap();
        assert_eq!(
            m.as_str(),
            "`ERR_X` has no placeholder `{c}` in its detail; its placeholders: `{a}`, `{b}`"
        );
        let m = unknown_param("ERR_X", &[], "c").unwrap();
        assert_eq!(
            m.as_str(),
            "`ERR_X` has no detail placeholders: remove `param(c = ...)`"
        );
        assert!(unknown_param("ERR_X", &["c"], "c").is_none());
        // A field spelled close to the unfilled placeholder is suggested; a param is not.
        let fields = ["max_amt", "request_id"];
        let m = unfilled_placeholder("ERR_X", &["max_amount"], &fields, &fields, "struct `S`");
        assert!(m.unwrap().as_str().ends_with(
            "a field `max_amt` is close: rename it or add `param(max_amount = max_amt)` to its \
                 `#[flux]`"
        ));
        assert!(detail_conflict("ERR_X", false).is_none());
        assert!(detail_conflict("ERR_X", true).is_some());
    }

    #[test]
    fn long_messages_are_cut_at_a_character() {
        let long = "é".repeat(Message::CAPACITY);
        let m = unknown_param("ERR_X", &["a"], &long).unwrap();
        let s = m.as_str();
        assert!(s.len() <= Message::CAPACITY && s.ends_with("é..."), "{s}");
        assert!(s.starts_with("`ERR_X` has no placeholder `{é"));
        let m = Message::new().push(&"x".repeat(2 * Message::CAPACITY));
        assert!(m.as_str().ends_with("...") && m.as_str().len() == Message::CAPACITY);
        assert_eq!(m.push("more").as_str().len(), Message::CAPACITY);
    }
}

#[cfg(test)]
mod near_miss_tests {
    use super::{edit_distance, near_miss};

    #[test]
    fn near_misses_are_misspellings_not_other_names() {
        assert_eq!(edit_distance(b"max_amt", b"max_amount"), Some(3));
        assert_eq!(edit_distance(b"MAX_AMUONT", b"max_amount"), Some(1));
        assert_eq!(edit_distance(&[b'a'; 65], b"a"), None);
        let params = ["max_amount", "currency"];
        assert_eq!(
            near_miss("max_amount", &["max_amt", "currency"], &params),
            Some("max_amt")
        );
        assert_eq!(
            near_miss("max_amount", &["maxamount", "max_amt"], &params),
            Some("maxamount")
        );
        // A field that fills another placeholder is not a near miss.
        assert_eq!(near_miss("currency", &["currency_"], &["currency_"]), None);
        assert_eq!(near_miss("b", &["a", "c"], &[]), None);
        assert_eq!(
            near_miss("max_amount", &["request_id", "amount_due"], &params),
            None
        );
    }
}

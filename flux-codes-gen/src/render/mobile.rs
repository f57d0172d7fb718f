//! What the four mobile exports share (Kotlin, Android resources, the iOS String Catalog,
//! Swift): the names they give things, the numbers' CLDR symbols, and each detail lowered to
//! what Android's and Apple's string formats can say.
//!
//! # Details on the phone
//!
//! Android's `<string>`/`<plurals>` and a String Catalog's `stringUnit`/`variations.plural` are
//! a format string with positional arguments, optionally chosen by one number's CLDR plural
//! category. An ICU detail says more: a `select`, an exact `=N` option, a plural inside a
//! select. Each detail is therefore lowered ([`plan`]) to a few **variants**, each a full
//! sentence in every locale (never a concatenation of fragments, so a sentence reads as the
//! catalog wrote it):
//!
//! - one variant per combination of the select params' keys (their `other` included) and of
//!   the plural's `=N` values (the union over the locales; a locale without `=N` gets the text
//!   of the category of `N` there), plus the variant without an exact value;
//! - in a variant, the plural (if any) is the platform's own: `<plurals>` and
//!   `variations.plural`, an item per CLDR category of the locale (a category the text lacks
//!   shows its `other`), chosen by the value minus the offset;
//! - every argument is a positional `%N$s` / `%N$@` string ([`Slot`]), formatted by the
//!   generated Kotlin or Swift code from the value as the Rust runtime formats it.
//!
//! The generated Kotlin and Swift code picks the variant from the params (the select keys and
//! `=N` are facts of the model, written into the code) and the platform picks the plural
//! form. Android's `zero` is CLDR's `zero` category (Latvian 10, Arabic 0), not `=0`: an
//! `=0` option is its own variant, never a `zero` item.
//!
//! What cannot be said this way is an error of the mobile exports ([`check`]), naming the code
//! and the locale: plurals over two different numbers (or one number with two offsets) in one
//! detail, or more than `MAX_VARIANTS` variants.

use std::fmt::Write as _;

use fixed_decimal::Decimal;
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;

use crate::message::{Branch, Key, Node, NumberStyle, ParamType};
use crate::model::{Catalog, CodeSpec};
use crate::plural::plural_categories;

/// The most variants one detail may lower to (select keys times `=N` values): beyond it, the
/// resources of one code would be a table nobody can review, and a hostile catalog could ask
/// for 2^64 of them.
pub(crate) const MAX_VARIANTS: usize = 64;

/// Why a detail cannot be exported to the mobile formats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    /// The code string.
    pub code: String,
    /// The locale tag of the text at fault.
    pub locale: String,
    /// Where the file declares the code: `line:column`.
    pub line: usize,
    pub column: usize,
    pub what: String,
    pub help: &'static str,
}

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: the `{}` detail of {} cannot be exported to Android and iOS: {} (help: {})",
            self.line, self.column, self.locale, self.code, self.what, self.help
        )
    }
}

/// Every detail the mobile exports cannot express, in catalog order (empty: all can).
pub fn check(catalog: &Catalog) -> Vec<Unsupported> {
    catalog
        .codes
        .iter()
        .enumerate()
        .filter_map(|(index, code)| {
            let (locale, what, help) = problem(catalog, code)?;
            let location = catalog.code_location(index);
            Some(Unsupported {
                code: code.code.clone(),
                locale: catalog.locales[locale].clone(),
                line: location.map_or(0, |l| l.line),
                column: location.map_or(0, |l| l.column),
                what,
                help,
            })
        })
        .collect()
}

/// The first problem of a code's detail: the locale, what, and how to fix it.
fn problem(catalog: &Catalog, code: &CodeSpec) -> Option<(usize, String, &'static str)> {
    let details = code.detail.as_ref()?;
    let mut plural: Option<(&str, i64)> = None;
    for (locale, message) in details.iter().enumerate() {
        let mut found = Vec::new();
        plurals_of(&message.nodes, &mut found);
        for (name, offset) in found {
            match plural {
                None => plural = Some((name, offset)),
                Some(first) if first == (name, offset) => {}
                Some((first, first_offset)) => {
                    let what = if first == name {
                        format!(
                            "it has plurals over `{name}` with offsets {first_offset} and {offset}"
                        )
                    } else {
                        format!("it has plurals over two numbers, `{first}` and `{name}`")
                    };
                    return Some((
                        locale,
                        what,
                        "Android's <plurals> and a String Catalog's plural variation choose by one \
                         number; give each number a sentence of its own (e.g. one in the detail, one in \
                         the hint), or one plural with the other number as {n, number}",
                    ));
                }
            }
        }
    }
    let count = variant_count(code);
    (count > MAX_VARIANTS as u128).then(|| {
        (
            catalog.default_locale,
            format!(
                "it needs {count} variants (its select keys times its `=N` options), more than {MAX_VARIANTS}"
            ),
            "each combination of select keys is a sentence of its own on the phone; split the detail, \
             or use fewer select keys",
        )
    })
}

/// Every plural's (param, offset), in message order.
fn plurals_of<'a>(nodes: &'a [Node], out: &mut Vec<(&'a str, i64)>) {
    for node in nodes {
        match node {
            Node::Plural {
                name,
                offset,
                branches,
                ..
            } => {
                out.push((name, *offset));
                branches.iter().for_each(|b| plurals_of(&b.nodes, out));
            }
            Node::Select { branches, .. } => {
                branches.iter().for_each(|b| plurals_of(&b.nodes, out))
            }
            _ => {}
        }
    }
}

/// How many variants [`plan`] makes of a code's detail, saturating.
fn variant_count(code: &CodeSpec) -> u128 {
    let selects = code.params.iter().fold(1u128, |n, p| match &p.ty {
        ParamType::Select { keys } => n.saturating_mul(keys.len() as u128 + 1),
        _ => n,
    });
    selects.saturating_mul(exact_values(code).len() as u128 + 1)
}

/// The `=N` values of a code's plural, over every locale, ascending.
fn exact_values(code: &CodeSpec) -> Vec<i64> {
    let mut values = Vec::new();
    for message in code.detail.iter().flatten() {
        exacts_of(&message.nodes, &mut values);
    }
    values.sort_unstable();
    values.dedup();
    values
}

fn exacts_of(nodes: &[Node], out: &mut Vec<i64>) {
    for node in nodes {
        match node {
            Node::Plural { branches, .. } => {
                out.extend(Branch::exact_values(branches));
                branches.iter().for_each(|b| exacts_of(&b.nodes, out));
            }
            Node::Select { branches, .. } => branches.iter().for_each(|b| exacts_of(&b.nodes, out)),
            _ => {}
        }
    }
}

/// A positional argument of a detail's format strings (`%1$s` is the first): one param shown
/// one way. The generated code formats it; the format string only places it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub param: String,
    pub kind: SlotKind,
}

/// How a [`Slot`] shows its param.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SlotKind {
    /// `{name}`: the value as text.
    Text,
    /// `{name, number}`: at most three fraction digits (an exact decimal keeps its own).
    Number,
    /// `{name, number, integer}`: rounded half away from zero.
    Integer,
    /// `#`: the plural's value minus its offset, as a number.
    Pound,
}

impl SlotKind {
    /// The name the generated code uses: `TEXT`, `NUMBER`, `INTEGER`, `POUND`.
    pub fn constant(self) -> &'static str {
        match self {
            SlotKind::Text => "TEXT",
            SlotKind::Number => "NUMBER",
            SlotKind::Integer => "INTEGER",
            SlotKind::Pound => "POUND",
        }
    }
}

/// A piece of a variant's text: literal text or a positional argument (an index into
/// [`Plan::slots`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Piece {
    Text(String),
    Slot(usize),
}

/// One variant's text in one locale.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Text {
    /// A `<string>`.
    One(Vec<Piece>),
    /// A `<plurals>`: one text per CLDR category of the locale, in CLDR's order.
    Plural(Vec<(&'static str, Vec<Piece>)>),
}

/// One sentence of a detail: the select keys and `=N` value it is for, its text per locale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// Per select param of [`Plan::selects`], the key (`other`: any other value).
    pub keys: Vec<String>,
    /// The `=N` value of the plural this variant is for (`None`: no exact value matches).
    pub exact: Option<i64>,
    /// Whether the platform chooses the text by the plural's value (every locale's text is
    /// then [`Text::Plural`]).
    pub plural: bool,
    /// Per locale of [`Catalog::locales`].
    pub texts: Vec<Text>,
}

/// A detail lowered for the phone (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub slots: Vec<Slot>,
    /// The select params, in param order, each with its keys (without `other`).
    pub selects: Vec<(String, Vec<String>)>,
    /// The plural's param and offset, if the detail has a plural.
    pub plural: Option<(String, i64)>,
    /// The `=N` values of the plural, ascending.
    pub exact: Vec<i64>,
    /// Every combination of keys, then of exact values, the exact values first: the first
    /// variant whose keys match the params' and whose exact value (if any) is the plural's
    /// value is the one to show. An `=N` variant whose text is its keys' general one is left
    /// out.
    pub variants: Vec<Variant>,
}

/// The detail of `code` lowered for the phone, or `None` for a code without a detail or one
/// [`check`] rejects.
pub fn plan(catalog: &Catalog, code: &CodeSpec) -> Option<Plan> {
    let details = code.detail.as_ref()?;
    if problem(catalog, code).is_some() {
        return None;
    }
    let selects: Vec<(String, Vec<String>)> = code
        .params
        .iter()
        .filter_map(|p| match &p.ty {
            ParamType::Select { keys } => Some((p.name.clone(), keys.clone())),
            _ => None,
        })
        .collect();
    let plural = details.iter().find_map(|m| {
        let mut found = Vec::new();
        plurals_of(&m.nodes, &mut found);
        found.first().map(|(n, o)| (n.to_string(), *o))
    });
    let exact = exact_values(code);
    let mut slots = Vec::new();
    let mut combos: Vec<Vec<String>> = vec![Vec::new()];
    for (_, keys) in &selects {
        combos = combos
            .into_iter()
            .flat_map(|combo| {
                keys.iter()
                    .map(String::as_str)
                    .chain(["other"])
                    .map(move |k| {
                        let mut c = combo.clone();
                        c.push(k.to_owned());
                        c
                    })
            })
            .collect();
    }
    let mut variants: Vec<Variant> = Vec::new();
    for keys in combos {
        let exacts = exact.iter().map(|v| Some(*v)).chain([None]);
        for value in exacts {
            let mut texts = Vec::new();
            let mut uses_plural = false;
            for (locale, message) in details.iter().enumerate() {
                let tag = &catalog.locales[locale];
                let mut lower = Lower {
                    selects: &selects,
                    keys: &keys,
                    plural: plural.as_ref().map(|(n, _)| n.as_str()),
                    exact: value,
                    category: None,
                    tag,
                    slots: &mut slots,
                    met_plural: false,
                };
                let pieces = lower.nodes(&message.nodes);
                if lower.met_plural && value.is_none() {
                    uses_plural = true;
                }
                texts.push(pieces);
            }
            let texts = if uses_plural {
                details
                    .iter()
                    .enumerate()
                    .map(|(locale, message)| {
                        let tag = &catalog.locales[locale];
                        let forms = plural_categories(tag)
                            .unwrap_or_else(|| vec!["other"])
                            .into_iter()
                            .map(|category| {
                                let mut lower = Lower {
                                    selects: &selects,
                                    keys: &keys,
                                    plural: plural.as_ref().map(|(n, _)| n.as_str()),
                                    exact: None,
                                    category: Some(category),
                                    tag,
                                    slots: &mut slots,
                                    met_plural: false,
                                };
                                (category, lower.nodes(&message.nodes))
                            })
                            .collect();
                        Text::Plural(forms)
                    })
                    .collect()
            } else {
                texts.into_iter().map(Text::One).collect()
            };
            variants.push(Variant {
                keys: keys.clone(),
                exact: value,
                plural: uses_plural,
                texts,
            });
        }
        // An `=N` sentence the same as the one without (these keys' text has no plural, or
        // no `=N`) is left out: the variant without an exact value says it.
        let general = variants.pop().expect("the variant without an exact value");
        variants.retain(|v| v.keys != keys || v.texts != general.texts);
        variants.push(general);
    }
    Some(Plan {
        slots,
        selects,
        plural,
        exact,
        variants,
    })
}

/// One walk of a message under a variant's keys and exact value (or plural category).
struct Lower<'a> {
    selects: &'a [(String, Vec<String>)],
    keys: &'a [String],
    /// The detail's one plural param (what `#` shows).
    plural: Option<&'a str>,
    exact: Option<i64>,
    category: Option<&'static str>,
    tag: &'a str,
    slots: &'a mut Vec<Slot>,
    met_plural: bool,
}

impl Lower<'_> {
    fn nodes(&mut self, nodes: &[Node]) -> Vec<Piece> {
        let mut pieces = Vec::new();
        for node in nodes {
            match node {
                Node::Text { text, .. } => push_text(&mut pieces, text),
                Node::Arg { name, .. } => pieces.push(self.slot(name, SlotKind::Text)),
                Node::Number { name, style, .. } => {
                    let kind = match style {
                        NumberStyle::Decimal => SlotKind::Number,
                        NumberStyle::Integer => SlotKind::Integer,
                    };
                    pieces.push(self.slot(name, kind));
                }
                Node::Pound { .. } => {
                    let name = self.plural.unwrap_or_default().to_owned();
                    pieces.push(self.slot(&name, SlotKind::Pound));
                }
                Node::Plural {
                    offset, branches, ..
                } => {
                    self.met_plural = true;
                    if let Some(branch) = self.plural_branch(branches, *offset) {
                        let inner = self.nodes(&branch.nodes);
                        append(&mut pieces, inner);
                    }
                }
                Node::Select { name, branches, .. } => {
                    let key = self
                        .selects
                        .iter()
                        .position(|(n, _)| n == name)
                        .map_or("other", |i| self.keys[i].as_str());
                    let chosen =
                        keyword_branch(branches, key).or_else(|| keyword_branch(branches, "other"));
                    if let Some(branch) = chosen {
                        let inner = self.nodes(&branch.nodes);
                        append(&mut pieces, inner);
                    }
                }
            }
        }
        pieces
    }

    /// The option a plural shows in this walk: `=N` for the exact value (else the category
    /// of `N` minus the offset in this locale), or the walk's category; then `other`.
    fn plural_branch<'b>(&self, branches: &'b [Branch], offset: i64) -> Option<&'b Branch> {
        let category = match (self.exact, self.category) {
            (Some(value), _) => {
                if let Some(b) = branches.iter().find(|b| b.key == Key::Exact(value)) {
                    return Some(b);
                }
                category_of(self.tag, value.saturating_sub(offset))
            }
            (None, Some(category)) => category,
            (None, None) => "other",
        };
        keyword_branch(branches, category).or_else(|| keyword_branch(branches, "other"))
    }

    /// The piece of `param` shown as `kind`, its slot added on first use.
    fn slot(&mut self, param: &str, kind: SlotKind) -> Piece {
        let index = match self
            .slots
            .iter()
            .position(|s| s.param == param && s.kind == kind)
        {
            Some(i) => i,
            None => {
                self.slots.push(Slot {
                    param: param.to_owned(),
                    kind,
                });
                self.slots.len() - 1
            }
        };
        Piece::Slot(index)
    }
}

fn keyword_branch<'b>(branches: &'b [Branch], key: &str) -> Option<&'b Branch> {
    branches
        .iter()
        .find(|b| matches!(&b.key, Key::Keyword(k) if k == key))
}

fn push_text(pieces: &mut Vec<Piece>, text: &str) {
    if text.is_empty() {
        return;
    }
    match pieces.last_mut() {
        Some(Piece::Text(last)) => last.push_str(text),
        _ => pieces.push(Piece::Text(text.to_owned())),
    }
}

fn append(pieces: &mut Vec<Piece>, more: Vec<Piece>) {
    for piece in more {
        match piece {
            Piece::Text(t) => push_text(pieces, &t),
            slot => pieces.push(slot),
        }
    }
}

/// The CLDR plural category of the integer `n` in `locale` (`other` for a tag CLDR lacks).
fn category_of(locale: &str, n: i64) -> &'static str {
    crate::plural::category_of(locale, n).unwrap_or("other")
}

// ---- names ----------------------------------------------------------------------------------

/// The catalog's name as lowercase ASCII words joined by `sep` (`Flux` -> `flux`), or
/// `fallback` for a name without any.
fn name_words(catalog: &Catalog, sep: &str, fallback: &str) -> String {
    let words: Vec<String> = catalog
        .name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        fallback.to_owned()
    } else {
        words.join(sep)
    }
}

/// The prefix of every resource name and String Catalog key: `flux` (a valid start of an
/// Android resource name: a letter first).
pub fn resource_prefix(catalog: &Catalog) -> String {
    let words = name_words(catalog, "_", "catalog");
    if words.starts_with(|c: char| c.is_ascii_digit()) {
        format!("catalog_{words}")
    } else {
        words
    }
}

/// Which text of a code a resource holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TextOf {
    Message,
    Hint,
    /// The detail's variant at this index of [`Plan::variants`] (`None`: the one variant).
    Detail(Option<usize>),
}

/// The Android resource name of a text: `flux_err_qr_expired_message`,
/// `flux_err_pin_attempts_exceeded_detail_0`. Code strings are `[A-Z0-9_]`, so the names are
/// valid and distinct (each ends with the kind of text, a code's own name cannot).
pub fn resource_name(catalog: &Catalog, code: &CodeSpec, text: TextOf) -> String {
    let mut name = format!(
        "{}_{}",
        resource_prefix(catalog),
        code.code.to_ascii_lowercase()
    );
    match text {
        TextOf::Message => name.push_str("_message"),
        TextOf::Hint => name.push_str("_hint"),
        TextOf::Detail(None) => name.push_str("_detail"),
        TextOf::Detail(Some(i)) => {
            let _ = write!(name, "_detail_{i}");
        }
    }
    name
}

/// The String Catalog key of a text: `ERR_QR_EXPIRED.message`, `ERR_X.detail.0`.
pub fn catalog_key(code: &CodeSpec, text: TextOf) -> String {
    match text {
        TextOf::Message => format!("{}.message", code.code),
        TextOf::Hint => format!("{}.hint", code.code),
        TextOf::Detail(None) => format!("{}.detail", code.code),
        TextOf::Detail(Some(i)) => format!("{}.detail.{i}", code.code),
    }
}

/// The text of a variant: `Detail(None)` when the plan has one variant.
pub fn variant_text(plan: &Plan, index: usize) -> TextOf {
    TextOf::Detail((plan.variants.len() > 1).then_some(index))
}

// ---- numbers --------------------------------------------------------------------------------

/// How a locale writes numbers, from CLDR (ICU4X's data, as the Rust runtime formats them), so
/// the generated Kotlin formats a number exactly as `ErrorCode::detail` does without a
/// formatting library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NumberSymbols {
    /// The digits 0 to 9.
    pub digits: [char; 10],
    pub decimal: String,
    pub group: String,
    pub minus: String,
    /// The size of the group next to the decimal point (3), and of the others (3; 2 in
    /// Indian grouping).
    pub primary: usize,
    pub secondary: usize,
    /// How many digits the integer part must have beyond `primary` to be grouped at all
    /// (Spanish `1000` but `10.000`: 2).
    pub min_grouping: usize,
}

/// The [`NumberSymbols`] of `locale`, learnt by formatting a few numbers with ICU4X.
pub(crate) fn number_symbols(locale: &str) -> NumberSymbols {
    let formatter = locale
        .parse::<Locale>()
        .ok()
        .and_then(|l| DecimalFormatter::try_new((&l).into(), Default::default()).ok());
    let format = |n: &str| -> String {
        let d: Decimal = n.parse().expect("a number literal");
        match &formatter {
            Some(f) => f.format(&d).to_string(),
            None => d.to_string(),
        }
    };
    let mut digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    for (i, digit) in digits.iter_mut().enumerate() {
        if let Some(c) = format(&i.to_string()).chars().find(|c| c.is_numeric()) {
            *digit = c;
        }
    }
    let is_digit = |c: char| digits.contains(&c);
    let non_digits = |s: &str| -> String { s.chars().filter(|c| !is_digit(*c)).collect() };
    let decimal = non_digits(&format("1.5"));
    let minus = {
        let s = format("-1");
        s.chars().take_while(|c| !is_digit(*c)).collect()
    };
    // 1234567890 grouped: the sizes of its groups from the right.
    let big = format("1234567890");
    let mut groups: Vec<usize> = Vec::new();
    let mut run = 0;
    for c in big.chars().rev() {
        if is_digit(c) {
            run += 1;
        } else if run > 0 {
            groups.push(run);
            run = 0;
        }
    }
    let group: String = non_digits(&big).chars().take(1).collect::<String>();
    let primary = groups.first().copied().unwrap_or(usize::MAX / 4);
    let secondary = groups.get(1).copied().unwrap_or(primary);
    // The smallest number of integer digits that gets grouped, minus the primary size.
    let min_grouping = (1..=4)
        .find(|extra| {
            let n = format!(
                "1{}",
                "0".repeat(primary.saturating_add(*extra).saturating_sub(1).min(30))
            );
            format(&n).chars().any(|c| !is_digit(c))
        })
        .unwrap_or(1);
    NumberSymbols {
        digits,
        decimal,
        group,
        minus,
        primary,
        secondary,
        min_grouping,
    }
}

//! Detail messages: ICU MessageFormat, parsed once by the validator into the AST every renderer
//! reads ([`Message`]), with each argument's type inferred from its use ([`Param`]).
//!
//! | construct | example |
//! |---|---|
//! | text argument | `{reference}` |
//! | number | `{max_amount, number}`, `{count, number, integer}` |
//! | plural | `{attempts, plural, =0 {none left} one {# left} other {# left}}` (`offset:N` too) |
//! | select | `{method, select, card {the card} other {the account}}` |
//! | quoting | `'{'` and `'}'` are literal braces, `''` an apostrophe |

mod parse;

use std::borrow::Cow;
use std::ops::Range;

use flux_codes_core::{Part, PluralCategory, PluralKey};

pub(crate) use parse::new_spelling;
pub use parse::{MAX_NESTING, MAX_OPTIONS, ParseError, parse, quote_literal};

/// A parsed message. Spans are byte ranges within [`Message::source`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The text as written in the catalog.
    pub source: String,
    pub nodes: Vec<Node>,
}

/// One element of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Node {
    /// Literal text, quotes resolved.
    Text { text: String, span: Range<usize> },
    /// `{name}`: the value as text.
    Arg {
        name: String,
        name_span: Range<usize>,
        span: Range<usize>,
    },
    /// `{name, number}` or `{name, number, integer}`: the value formatted per locale.
    Number {
        name: String,
        name_span: Range<usize>,
        style: NumberStyle,
        span: Range<usize>,
    },
    /// `{name, plural, offset:N ...}`: the branch for the value's CLDR plural category.
    Plural {
        name: String,
        name_span: Range<usize>,
        offset: i64,
        branches: Vec<Branch>,
        span: Range<usize>,
    },
    /// `{name, select, ...}`: the branch whose key is the value.
    Select {
        name: String,
        name_span: Range<usize>,
        branches: Vec<Branch>,
        span: Range<usize>,
    },
    /// `#` right inside a plural branch: the plural's value minus its offset, as a number.
    Pound { span: Range<usize> },
}

/// How a `number` argument is formatted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NumberStyle {
    /// `{n, number}`: at most three fraction digits (exact decimals keep theirs), grouped.
    Decimal,
    /// `{n, number, integer}`: rounded to a whole number (half away from zero), grouped.
    Integer,
}

/// One option of a plural or select.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Branch {
    pub key: Key,
    /// The key as written: `one`, `=0`.
    pub key_text: String,
    pub key_span: Range<usize>,
    pub nodes: Vec<Node>,
    /// From the option's `{` to its `}`.
    pub span: Range<usize>,
}

impl Branch {
    /// The values of the `=N` options among `branches`, in order: a plural's exact matches,
    /// which its categories never see.
    pub fn exact_values(branches: &[Branch]) -> Vec<i64> {
        branches
            .iter()
            .filter_map(|b| match b.key {
                Key::Exact(n) => Some(n),
                Key::Keyword(_) => None,
            })
            .collect()
    }
}

/// The key of an option.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Key {
    /// `=N`: exactly this value (plural only).
    Exact(i64),
    /// A plural category (`one`, `other`) or a select value.
    Keyword(String),
}

/// A param of a code: a name its detail uses and the type that use gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub ty: ParamType,
}

/// What a param holds, inferred from how the message uses it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParamType {
    /// `{name}`: any value, shown as text.
    String,
    /// `{name, number}`: a number (or an exact decimal string), formatted per locale.
    Number,
    /// `{name, plural, ...}`: a number that selects a plural form; whole in practice.
    Integer,
    /// `{name, select, ...}`: one of `keys` (the options other than `other`), or anything
    /// else for `other`.
    Select { keys: Vec<String> },
}

impl ParamType {
    /// The name used in docs and diagnostics: `string`, `number`, `integer`, `select`.
    pub fn name(&self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Number => "number",
            ParamType::Integer => "integer",
            ParamType::Select { .. } => "select",
        }
    }

    /// Whether the param is a number (`number` or `integer`).
    pub fn is_numeric(&self) -> bool {
        matches!(self, ParamType::Number | ParamType::Integer)
    }
}

impl std::fmt::Display for ParamType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamType::Select { keys } => {
                write!(f, "select (")?;
                for (i, key) in keys.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(key)?;
                }
                f.write_str(", other)")
            }
            other => f.write_str(other.name()),
        }
    }
}

/// Two uses of one argument in one message that give it different types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeConflict {
    pub name: String,
    pub first: (ParamType, Range<usize>),
    pub second: (ParamType, Range<usize>),
}

impl Message {
    /// The arguments in order of first use, each with the type its uses give it (a plural's
    /// value also shown as `{n, number}` is an `integer`; select keys are sorted), and the
    /// span of its first use; or the first pair of uses that do not agree.
    pub fn params(&self) -> Result<Vec<(Param, Range<usize>)>, TypeConflict> {
        let mut params: Vec<(Param, Range<usize>)> = Vec::new();
        let mut conflict = None;
        visit(&self.nodes, &mut |name, ty, at| {
            if conflict.is_some() {
                return;
            }
            match params.iter_mut().find(|(p, _)| p.name == name) {
                None => params.push((
                    Param {
                        name: name.to_owned(),
                        ty,
                    },
                    at,
                )),
                Some((param, first_at)) => match unify(&param.ty, &ty) {
                    Some(merged) => param.ty = merged,
                    None => {
                        conflict = Some(TypeConflict {
                            name: name.to_owned(),
                            first: (param.ty.clone(), first_at.clone()),
                            second: (ty, at),
                        })
                    }
                },
            }
        });
        match conflict {
            Some(c) => Err(c),
            None => Ok(params),
        }
    }

    /// Whether the message is only text (no argument at all).
    pub fn is_plain(&self) -> bool {
        self.nodes.iter().all(|n| matches!(n, Node::Text { .. }))
    }

    /// The message as the runtime's parts, borrowing its text: what generated code holds (the
    /// Rust renderer writes these) and what the translators' examples render with
    /// `flux_codes_core::render`. The one conversion from the parsed message to the runtime's.
    /// (A plural option whose keyword is no CLDR category, which the validator rejects, is
    /// left out: no value could select it.)
    pub fn parts(&self) -> Vec<Part<'_>> {
        parts(&self.nodes)
    }

    /// Every plural argument in the message, nested ones included.
    pub fn plurals(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        collect_plurals(&self.nodes, &mut out);
        out
    }
}

fn parts(nodes: &[Node]) -> Vec<Part<'_>> {
    nodes
        .iter()
        .map(|node| match node {
            Node::Text { text, .. } => Part::Text(text),
            Node::Arg { name, .. } => Part::Arg(name),
            Node::Number { name, style, .. } => Part::Number {
                name,
                integer: *style == NumberStyle::Integer,
            },
            Node::Plural {
                name,
                offset,
                branches,
                ..
            } => Part::Plural {
                name,
                offset: *offset,
                options: branches
                    .iter()
                    .filter_map(|b| {
                        let key = match &b.key {
                            Key::Exact(n) => PluralKey::Exact(*n),
                            Key::Keyword(k) => {
                                PluralKey::Category(PluralCategory::from_keyword(k)?)
                            }
                        };
                        Some((key, Cow::Owned(parts(&b.nodes))))
                    })
                    .collect(),
            },
            Node::Select { name, branches, .. } => Part::Select {
                name,
                options: branches
                    .iter()
                    .map(|b| (b.key_text.as_str(), Cow::Owned(parts(&b.nodes))))
                    .collect(),
            },
            Node::Pound { .. } => Part::Pound,
        })
        .collect()
}

fn collect_plurals<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
    for node in nodes {
        match node {
            Node::Plural { branches, .. } => {
                out.push(node);
                for b in branches {
                    collect_plurals(&b.nodes, out);
                }
            }
            Node::Select { branches, .. } => {
                for b in branches {
                    collect_plurals(&b.nodes, out);
                }
            }
            _ => {}
        }
    }
}

fn visit(nodes: &[Node], f: &mut dyn FnMut(&str, ParamType, Range<usize>)) {
    for node in nodes {
        match node {
            Node::Text { .. } | Node::Pound { .. } => {}
            Node::Arg {
                name, name_span, ..
            } => f(name, ParamType::String, name_span.clone()),
            Node::Number {
                name, name_span, ..
            } => f(name, ParamType::Number, name_span.clone()),
            Node::Plural {
                name,
                name_span,
                branches,
                ..
            } => {
                f(name, ParamType::Integer, name_span.clone());
                for b in branches {
                    visit(&b.nodes, f);
                }
            }
            Node::Select {
                name,
                name_span,
                branches,
                ..
            } => {
                let mut keys: Vec<String> = branches
                    .iter()
                    .filter(|b| b.key_text != "other")
                    .map(|b| b.key_text.clone())
                    .collect();
                keys.sort();
                f(name, ParamType::Select { keys }, name_span.clone());
                for b in branches {
                    visit(&b.nodes, f);
                }
            }
        }
    }
}

/// The type of an argument used both ways, if the uses agree: a number shown plainly or
/// formatted is still the number a plural selects on.
fn unify(a: &ParamType, b: &ParamType) -> Option<ParamType> {
    use ParamType::*;
    match (a, b) {
        (x, y) if x == y => Some(x.clone()),
        (Number, Integer) | (Integer, Number) => Some(Integer),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(nodes: &[Node]) -> Vec<String> {
        nodes
            .iter()
            .map(|n| match n {
                Node::Text { text, .. } => format!("T({text})"),
                Node::Arg { name, .. } => format!("A({name})"),
                Node::Number { name, style, .. } => format!("N({name},{style:?})"),
                Node::Pound { .. } => "#".into(),
                Node::Plural {
                    name,
                    offset,
                    branches,
                    ..
                } => format!(
                    "P({name},{offset},{})",
                    branches
                        .iter()
                        .map(|b| format!("{}:{}", b.key_text, texts(&b.nodes).join("")))
                        .collect::<Vec<_>>()
                        .join(";")
                ),
                Node::Select { name, branches, .. } => format!(
                    "S({name},{})",
                    branches
                        .iter()
                        .map(|b| format!("{}:{}", b.key_text, texts(&b.nodes).join("")))
                        .collect::<Vec<_>>()
                        .join(";")
                ),
            })
            .collect()
    }

    fn shape(text: &str) -> String {
        texts(&parse(text).unwrap().nodes).join("")
    }

    #[test]
    fn parses_each_construct() {
        assert_eq!(shape("max {a}."), "T(max )A(a)T(.)");
        assert_eq!(shape("{a, number}"), "N(a,Decimal)");
        assert_eq!(shape("{ a , number , integer }"), "N(a,Integer)");
        assert_eq!(
            shape("{n, plural, offset:1 =0 {none} one {# left} other {# left}}"),
            "P(n,1,=0:T(none);one:#T( left);other:#T( left))"
        );
        assert_eq!(
            shape("{m, select, card {a #} other {b}}"),
            "S(m,card:T(a #);other:T(b))"
        );
        assert_eq!(shape("'{x}' it''s '#' a } b"), "T({x} it's '#' a } b)");
        assert_eq!(
            shape("{n, plural, other {'#' is #}}"),
            "P(n,0,other:T(# is )#)"
        );
    }

    #[test]
    fn rejects_what_intl_messageformat_rejects_or_the_dialect_leaves_out() {
        for bad in [
            "a {x",
            "{}",
            "{{x}}",
            "{x, plural, one {a}}",
            "{x, plural, other {a} other {b}}",
            "{x, foo}",
            "{x, date}",
            "{x, number, percent}",
            "{x, selectordinal, other {#}}",
            "{x y}",
            "{x, plural, =a {b} other {c}}",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            new_spelling("Literal {{braces}} around {{ {amount} }}, then }} and {{ {amount}}}."),
            "Literal '{'braces'}' around '{' {amount} '}', then '}' and '{' {amount}'}'."
        );
        let e = parse("a {{x}} b").unwrap_err();
        assert_eq!(e.at, 2..4);
        assert!(e.help.contains("`a '{'x'}' b`"), "{}", e.help);
    }

    #[test]
    fn infers_param_types() {
        let m =
            parse("{n, plural, other {{n, number} for {who} via {m, select, a {x} other {y}}}}")
                .unwrap();
        let params: Vec<_> = m.params().unwrap().into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            params,
            [
                Param {
                    name: "n".into(),
                    ty: ParamType::Integer
                },
                Param {
                    name: "who".into(),
                    ty: ParamType::String
                },
                Param {
                    name: "m".into(),
                    ty: ParamType::Select {
                        keys: vec!["a".into()]
                    }
                },
            ]
        );
        let conflict = parse("{a} {a, number}").unwrap().params().unwrap_err();
        assert_eq!(conflict.name, "a");
        assert_eq!(conflict.first.0, ParamType::String);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let mut text = String::new();
        for _ in 0..10_000 {
            text.push_str("{n, plural, other {");
        }
        assert!(parse(&text).is_err());
    }

    #[test]
    fn parts_are_the_runtimes_parts_of_the_message() {
        let message = parse(
            "Hi '{'{who}'}': {n, plural, offset:1 =0 {none} one {# left} other {{n, number} of {max, number, integer}}} {kind, select, card {card} other {#}}",
        )
        .unwrap();
        fn owned(parts: Vec<Part<'_>>) -> Cow<'_, [Part<'_>]> {
            Cow::Owned(parts)
        }
        assert_eq!(
            message.parts(),
            [
                Part::Text("Hi {"),
                Part::Arg("who"),
                Part::Text("}: "),
                Part::Plural {
                    name: "n",
                    offset: 1,
                    options: Cow::Owned(vec![
                        (PluralKey::Exact(0), owned(vec![Part::Text("none")])),
                        (
                            PluralKey::Category(PluralCategory::One),
                            owned(vec![Part::Pound, Part::Text(" left")]),
                        ),
                        (
                            PluralKey::Category(PluralCategory::Other),
                            owned(vec![
                                Part::Number {
                                    name: "n",
                                    integer: false
                                },
                                Part::Text(" of "),
                                Part::Number {
                                    name: "max",
                                    integer: true
                                },
                            ]),
                        ),
                    ]),
                },
                Part::Text(" "),
                Part::Select {
                    name: "kind",
                    options: Cow::Owned(vec![
                        ("card", owned(vec![Part::Text("card")])),
                        // `#` outside a plural is text.
                        ("other", owned(vec![Part::Text("#")])),
                    ]),
                },
            ]
        );
    }

    #[test]
    fn a_plural_keyword_that_is_no_category_has_no_part() {
        // The validator rejects `lots`; a message that skipped it renders as if it were absent.
        let message = parse("{n, plural, lots {many} other {some}}").unwrap();
        let parts = message.parts();
        let [Part::Plural { options, .. }] = parts.as_slice() else {
            panic!("one plural");
        };
        let keys: Vec<PluralKey> = options.iter().map(|(key, _)| *key).collect();
        assert_eq!(keys, [PluralKey::Category(PluralCategory::Other)]);
    }
}

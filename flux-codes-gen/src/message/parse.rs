//! The ICU MessageFormat parser: the dialect `intl-messageformat` reads with `ignoreTag: true`
//! (its default `requiresOtherClause: true` included), step for step, so a message accepted
//! here is accepted there with the same meaning, and a message rejected there is rejected here.
//!
//! A few things `intl-messageformat` accepts are outside this dialect and rejected with a
//! located error that says so: `date` and `time` arguments, `selectordinal`, and number styles
//! other than `integer` (skeletons `::...`, `percent`, `currency`). What is left can be
//! rendered identically by ICU4X in Rust and by `Intl` in a browser.

use std::ops::Range;

use super::{Branch, Key, Message, Node, NumberStyle};

/// Why a message does not parse; `at` is a byte range within the message text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub at: Range<usize>,
    pub message: String,
    pub label: Option<String>,
    pub help: String,
}

/// How deep plural and select arguments may nest: bounds the parser's recursion on hostile
/// input (`intl-messageformat` has no limit; no real message nests more than two or three).
pub const MAX_NESTING: usize = 16;

/// Most options one plural or select may have: bounds the duplicate-option check (each option
/// is compared with the earlier ones) on hostile input. CLDR has six plural categories; a
/// select over a closed set of values has a few dozen at most.
pub const MAX_OPTIONS: usize = 256;

/// Most arguments (`{...}`, nested ones included) one message may have: bounds what checking
/// its params costs (each argument is compared with the earlier ones by name).
pub const MAX_ARGUMENTS: usize = 1024;

/// Parses a message.
pub fn parse(text: &str) -> std::result::Result<Message, ParseError> {
    let mut parser = Parser {
        text,
        pos: 0,
        arguments: 0,
    };
    let nodes = parser.message(0, Parent::None)?;
    Ok(Message {
        source: text.to_owned(),
        nodes,
    })
}

/// The argument a sub-message belongs to: `#` is an argument only right inside a `plural`.
#[derive(Clone, Copy, PartialEq)]
enum Parent {
    None,
    Plural,
    Select,
}

struct Parser<'a> {
    text: &'a str,
    /// Byte offset of the next character.
    pos: usize,
    /// Arguments read so far (see [`MAX_ARGUMENTS`]).
    arguments: usize,
}

type Result<T> = std::result::Result<T, ParseError>;

fn error(at: Range<usize>, message: impl Into<String>, help: impl Into<String>) -> ParseError {
    ParseError {
        at,
        message: message.into(),
        label: None,
        help: help.into(),
    }
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek2(&self) -> Option<char> {
        let mut chars = self.text[self.pos..].chars();
        chars.next();
        chars.next()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn bump_if(&mut self, prefix: &str) -> bool {
        if self.text[self.pos..].starts_with(prefix) {
            self.pos += prefix.len();
            true
        } else {
            false
        }
    }

    fn bump_space(&mut self) {
        while self.peek().is_some_and(is_pattern_white_space) {
            self.bump();
        }
    }

    fn identifier(&mut self) -> (&str, Range<usize>) {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| !c.is_whitespace() && !is_pattern_syntax(c))
        {
            self.bump();
        }
        (&self.text[start..self.pos], start..self.pos)
    }

    fn message(&mut self, depth: usize, parent: Parent) -> Result<Vec<Node>> {
        let mut nodes = Vec::new();
        while let Some(c) = self.peek() {
            match c {
                '{' => nodes.push(self.argument(depth)?),
                '}' if depth > 0 => break,
                '#' if parent == Parent::Plural => {
                    let start = self.pos;
                    self.bump();
                    nodes.push(Node::Pound {
                        span: start..self.pos,
                    });
                }
                _ => nodes.push(self.literal(depth, parent)),
            }
        }
        Ok(nodes)
    }

    fn literal(&mut self, depth: usize, parent: Parent) -> Node {
        let start = self.pos;
        let mut text = String::new();
        loop {
            if let Some(quoted) = self.quoted(parent) {
                text.push_str(&quoted);
                continue;
            }
            match self.peek() {
                None | Some('{') => break,
                Some('#') if parent == Parent::Plural => break,
                Some('}') if depth > 0 => break,
                Some(c) => {
                    text.push(c);
                    self.bump();
                }
            }
        }
        Node::Text {
            text,
            span: start..self.pos,
        }
    }

    /// ICU apostrophe quoting: `''` is one apostrophe; `'` before `{`, `}`, `<`, `>` (or `#`
    /// in a plural) starts a quoted literal that runs to the next lone `'` (or the end).
    fn quoted(&mut self, parent: Parent) -> Option<String> {
        if self.peek() != Some('\'') {
            return None;
        }
        match self.peek2() {
            Some('\'') => {
                self.pos += 2;
                return Some("'".into());
            }
            Some('{' | '}' | '<' | '>') => {}
            Some('#') if parent == Parent::Plural => {}
            _ => return None,
        }
        self.bump(); // the apostrophe
        let mut out = String::new();
        out.extend(self.peek());
        self.bump();
        while let Some(c) = self.peek() {
            if c == '\'' {
                if self.peek2() == Some('\'') {
                    out.push('\'');
                    self.bump();
                } else {
                    self.bump();
                    break;
                }
            } else {
                out.push(c);
            }
            self.bump();
        }
        Some(out)
    }

    fn argument(&mut self, depth: usize) -> Result<Node> {
        let open = self.pos;
        self.arguments += 1;
        if self.arguments > MAX_ARGUMENTS {
            return Err(error(
                open..open + 1,
                format!("the message has more than {MAX_ARGUMENTS} arguments"),
                "split the message; no real message needs this many",
            ));
        }
        self.bump(); // `{`
        if self.peek() == Some('{') {
            return Err(old_escape(self.text, open));
        }
        self.bump_space();
        let Some(c) = self.peek() else {
            return Err(unclosed(open..self.pos));
        };
        if c == '}' {
            self.bump();
            return Err(error(
                open..self.pos,
                "`{}` has no argument name",
                "write the argument's name between the braces, e.g. `{max_amount}`, or `'{}'` for literal braces",
            ));
        }
        let (name, name_span) = self.identifier();
        let name = name.to_owned();
        if name.is_empty() {
            return Err(self.malformed(open));
        }
        self.bump_space();
        match self.peek() {
            None => Err(unclosed(open..self.pos)),
            Some('}') => {
                self.bump();
                Ok(Node::Arg {
                    name,
                    name_span,
                    span: open..self.pos,
                })
            }
            Some(',') => {
                self.bump();
                self.bump_space();
                if self.peek().is_none() {
                    return Err(unclosed(open..self.pos));
                }
                self.argument_options(depth, name, name_span, open)
            }
            Some(_) => Err(self.malformed(open)),
        }
    }

    /// An argument that is not `{name}` or `{name, type...}`: shown up to its `}`, or said to
    /// be unclosed when no `}` follows.
    fn malformed(&self, open: usize) -> ParseError {
        let rest = &self.text[open..];
        match rest.find('}') {
            Some(end) if !rest[1..end].contains('{') => error(
                open..open + end + 1,
                format!("`{}` is not a valid argument", &rest[..=end]),
                "an argument is `{name}` with a one-word name, or `{name, number}`, `{name, plural, ...}`, `{name, select, ...}`; quote a literal brace as `'{'`",
            ),
            _ => unclosed(open..self.pos.max(open + 1)),
        }
    }

    fn argument_options(
        &mut self,
        depth: usize,
        name: String,
        name_span: Range<usize>,
        open: usize,
    ) -> Result<Node> {
        let (kind, kind_span) = self.identifier();
        match kind {
            "" => Err(error(
                kind_span,
                "expected an argument type after `,`",
                "write `number`, `plural` or `select`",
            )),
            "number" | "date" | "time" => {
                let kind = kind.to_owned();
                self.bump_space();
                let mut style = None;
                if self.bump_if(",") {
                    self.bump_space();
                    let start = self.pos;
                    let raw = self.simple_style()?;
                    let trimmed = raw.trim_end();
                    if trimmed.is_empty() {
                        return Err(error(
                            self.pos..self.pos,
                            "expected a style after `,`",
                            "write `{name, number, integer}`, or drop the `,`",
                        ));
                    }
                    style = Some((trimmed.to_owned(), start..start + trimmed.len()));
                }
                self.close(open)?;
                let span = open..self.pos;
                if kind != "number" {
                    return Err(error(
                        kind_span,
                        format!("`{kind}` arguments are not supported"),
                        "flux-codes formats numbers, plurals and selects; pass a date already formatted as a `{name}` string",
                    ));
                }
                let style = match style {
                    None => NumberStyle::Decimal,
                    Some((s, _)) if s == "integer" => NumberStyle::Integer,
                    Some((s, at)) => {
                        return Err(error(
                            at,
                            format!("number style `{s}` is not supported"),
                            "use `{name, number}` (a decimal) or `{name, number, integer}`",
                        ));
                    }
                };
                Ok(Node::Number {
                    name,
                    name_span,
                    style,
                    span,
                })
            }
            "plural" | "selectordinal" | "select" => {
                let kind = kind.to_owned();
                let after_kind = self.pos;
                self.bump_space();
                if !self.bump_if(",") {
                    return Err(error(
                        after_kind..after_kind,
                        format!("expected `,` and the options of the `{kind}`"),
                        format!("write `{{{name}, {kind}, ... other {{...}}}}`"),
                    ));
                }
                self.bump_space();
                let (mut first, mut first_span) = {
                    let (s, at) = self.identifier();
                    (s.to_owned(), at)
                };
                let mut offset = 0;
                if kind != "select" && first == "offset" {
                    if !self.bump_if(":") {
                        return Err(error(
                            self.pos..self.pos,
                            "expected `:` and a number after `offset`",
                            "write `offset:1`",
                        ));
                    }
                    self.bump_space();
                    offset = self.integer("after `offset:`")?.0;
                    self.bump_space();
                    let (s, at) = self.identifier();
                    (first, first_span) = (s.to_owned(), at);
                }
                if depth + 1 > MAX_NESTING {
                    return Err(error(
                        open..self.pos,
                        format!("arguments nest more than {MAX_NESTING} deep"),
                        "split the message; no real message needs this depth",
                    ));
                }
                let parent = if kind == "select" {
                    Parent::Select
                } else {
                    Parent::Plural
                };
                let branches = self.options(depth, parent, first, first_span)?;
                self.close(open)?;
                let span = open..self.pos;
                match kind.as_str() {
                    "select" => Ok(Node::Select {
                        name,
                        name_span,
                        branches,
                        span,
                    }),
                    "plural" => Ok(Node::Plural {
                        name,
                        name_span,
                        offset,
                        branches,
                        span,
                    }),
                    _ => Err(error(
                        kind_span,
                        "`selectordinal` arguments are not supported",
                        "write the ordinal forms with `select` on a value the caller computes",
                    )),
                }
            }
            other => Err(error(
                kind_span,
                format!("`{other}` is not an argument type"),
                "write `number`, `plural` or `select`",
            )),
        }
    }

    /// A `number`/`date`/`time` style: everything to the argument's `}`, with nested braces
    /// and quotes skipped as `intl-messageformat` does.
    fn simple_style(&mut self) -> Result<&str> {
        let start = self.pos;
        let mut nested = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '\'' => {
                    self.bump();
                    let quote = self.pos;
                    match self.text[self.pos..].find('\'') {
                        Some(i) => self.pos += i + 1,
                        None => {
                            self.pos = self.text.len();
                            return Err(error(
                                quote..self.pos,
                                "unclosed quote in an argument style",
                                "close the quote with `'`",
                            ));
                        }
                    }
                }
                '{' => {
                    nested += 1;
                    self.bump();
                }
                '}' if nested == 0 => break,
                '}' => {
                    nested -= 1;
                    // intl-messageformat does not consume this `}`: the next turn of the loop
                    // sees it again, now at a lower nesting.
                }
                _ => self.bump(),
            }
        }
        Ok(&self.text[start..self.pos])
    }

    fn options(
        &mut self,
        depth: usize,
        parent: Parent,
        mut selector: String,
        mut selector_span: Range<usize>,
    ) -> Result<Vec<Branch>> {
        let mut branches: Vec<Branch> = Vec::new();
        let what = if parent == Parent::Select {
            "select"
        } else {
            "plural"
        };
        loop {
            let key = if selector.is_empty() {
                let start = self.pos;
                if parent == Parent::Plural && self.bump_if("=") {
                    let (n, _) = self.integer("after `=`")?;
                    selector_span = start..self.pos;
                    selector = self.text[start..self.pos].to_owned();
                    Key::Exact(n)
                } else {
                    break;
                }
            } else {
                Key::Keyword(selector.clone())
            };
            if branches.len() == MAX_OPTIONS {
                return Err(error(
                    selector_span,
                    format!("the {what} has more than {MAX_OPTIONS} options"),
                    "split the message or select on fewer values; no real message needs this many",
                ));
            }
            if let Some(first) = branches.iter().find(|b| b.key_text == selector) {
                return Err(ParseError {
                    at: selector_span,
                    message: format!("the {what} has two `{selector}` options"),
                    label: Some(format!(
                        "`{selector}` is already an option at byte {}",
                        first.key_span.start
                    )),
                    help: "remove one of them: only the first would ever be used".into(),
                });
            }
            self.bump_space();
            let open = self.pos;
            if !self.bump_if("{") {
                return Err(error(
                    self.pos..self.pos,
                    format!("expected `{{` and the text of the `{selector}` option"),
                    format!("write `{selector} {{...}}`"),
                ));
            }
            let nodes = self.message(depth + 1, parent)?;
            self.close(open)?;
            branches.push(Branch {
                key,
                key_text: selector,
                key_span: selector_span,
                nodes,
                span: open..self.pos,
            });
            self.bump_space();
            let (s, at) = self.identifier();
            (selector, selector_span) = (s.to_owned(), at);
        }
        if branches.is_empty() {
            return Err(error(
                self.pos..self.pos,
                format!("expected the options of the {what}"),
                "write at least `other {...}`",
            ));
        }
        if !branches.iter().any(|b| b.key_text == "other") {
            return Err(ParseError {
                at: self.pos..self.pos,
                message: format!("the {what} has no `other` option"),
                label: Some("`other` expected before this".into()),
                help: "add `other {...}`: it is the text for every value no other option matches"
                    .into(),
            });
        }
        Ok(branches)
    }

    /// A decimal integer with an optional sign, as `intl-messageformat` reads `=N` and
    /// `offset:N` (it must be a safe JavaScript integer).
    fn integer(&mut self, after: &str) -> Result<(i64, Range<usize>)> {
        let start = self.pos;
        let negative = if self.bump_if("+") {
            false
        } else {
            self.bump_if("-")
        };
        let digits = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
        let at = start..self.pos;
        if digits == self.pos {
            return Err(error(
                at,
                format!("expected a number {after}"),
                "write a whole number, e.g. `=0` or `offset:1`",
            ));
        }
        const MAX_SAFE: i64 = (1 << 53) - 1;
        let value = self.text[digits..self.pos]
            .parse::<i64>()
            .ok()
            .filter(|v| *v <= MAX_SAFE)
            .ok_or_else(|| {
                error(
                    at.clone(),
                    format!("the number {after} is too large"),
                    "use a whole number of at most 2^53 - 1",
                )
            })?;
        Ok((if negative { -value } else { value }, at))
    }

    fn close(&mut self, open: usize) -> Result<()> {
        if self.peek() != Some('}') {
            return Err(unclosed(open..self.pos));
        }
        self.bump();
        Ok(())
    }
}

fn unclosed(at: Range<usize>) -> ParseError {
    error(
        at,
        "`{` is never closed",
        "close the argument with `}`, or quote a literal brace as `'{'`",
    )
}

/// `{{`: the old escape for a literal brace, now an argument that does not parse.
fn old_escape(text: &str, open: usize) -> ParseError {
    ParseError {
        at: open..open + 2,
        message: "`{{` is no longer an escape for a literal brace".into(),
        label: Some("this starts an argument".into()),
        help: format!(
            "details are ICU MessageFormat messages: quote literal braces with apostrophes, e.g. `{}`",
            new_spelling(text)
        ),
    }
}

/// A text written with the old `{{`/`}}` escapes, spelled as an ICU message that shows the
/// same: `{{x}} {a}` -> `'{'x'}' {a}` (placeholders kept, literal text quoted).
pub fn new_spelling(old: &str) -> String {
    let mut out = String::with_capacity(old.len() + 8);
    let mut literal = String::new();
    let mut rest = old;
    while let Some(i) = rest.find(['{', '}']) {
        literal.push_str(&rest[..i]);
        let tail = &rest[i..];
        let placeholder = tail
            .strip_prefix('{')
            .filter(|t| !t.starts_with('{'))
            .and_then(|t| t.find('}').map(|end| &tail[..end + 2]))
            .filter(|p| !p[1..].contains('{'));
        if tail.starts_with("{{") || tail.starts_with("}}") {
            literal.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let Some(placeholder) = placeholder {
            out.push_str(&quote_literal(&std::mem::take(&mut literal)));
            out.push_str(placeholder);
            rest = &tail[placeholder.len()..];
        } else {
            literal.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    literal.push_str(rest);
    out.push_str(&quote_literal(&literal));
    out
}

/// A literal text as ICU message text that shows it as written (in the dialect, where `<` and
/// `>` are text): each run of braces quoted (`'{'`), and an apostrophe doubled where it would
/// otherwise start a quote or be read with the next one.
pub fn quote_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => match chars.peek() {
                Some('\'' | '{' | '}' | '<' | '>') => out.push_str("''"),
                _ => out.push('\''),
            },
            '{' | '}' => {
                out.push('\'');
                out.push(c);
                while let Some(&next) = chars.peek() {
                    match next {
                        '{' | '}' => out.push(next),
                        // An apostrophe inside a quote is written twice.
                        '\'' => out.push_str("''"),
                        _ => break,
                    }
                    chars.next();
                }
                out.push('\'');
            }
            c => out.push(c),
        }
    }
    out
}

/// `Pattern_White_Space`, what `intl-messageformat` skips between tokens.
fn is_pattern_white_space(c: char) -> bool {
    matches!(
        c,
        '\u{9}'..='\u{d}' | ' ' | '\u{85}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
    )
}

/// Unicode's `Pattern_Syntax` (a stable property: its set never changes).
fn is_pattern_syntax(c: char) -> bool {
    matches!(c,
        '\u{21}'..='\u{2f}' | '\u{3a}'..='\u{40}' | '\u{5b}'..='\u{5e}' | '\u{60}'
        | '\u{7b}'..='\u{7e}' | '\u{a1}'..='\u{a7}' | '\u{a9}' | '\u{ab}' | '\u{ac}' | '\u{ae}'
        | '\u{b0}' | '\u{b1}' | '\u{b6}' | '\u{bb}' | '\u{bf}' | '\u{d7}' | '\u{f7}'
        | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{203e}' | '\u{2041}'..='\u{2053}'
        | '\u{2055}'..='\u{205e}' | '\u{2190}'..='\u{245f}' | '\u{2500}'..='\u{2775}'
        | '\u{2794}'..='\u{2bff}' | '\u{2e00}'..='\u{2e7f}' | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3020}' | '\u{3030}' | '\u{fd3e}' | '\u{fd3f}' | '\u{fe45}' | '\u{fe46}')
}

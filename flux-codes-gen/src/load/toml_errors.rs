//! TOML-level problems, reported the way rustc and taplo report syntax errors.
//!
//! After a syntax slip, toml's recovery reports every line that follows (a `}` left out makes
//! the rest of the file one inline table: 88 errors for one mistake), the first one pointing at
//! the line after the mistake; and its errors drop the span that says where an unclosed table or
//! string opens. So when toml rejects a file, this pass parses it again with toml_parser, whose
//! errors keep that span, and reports:
//!
//! - the first syntax error, at the place a person must fix: for a table or array never closed,
//!   the end of its last value (and where it opens); for quotes that do not pair up, the string
//!   that ran on (and the quote that is never closed);
//! - at most [`MAX_INDEPENDENT`] more syntax errors, each clearly independent of those before it
//!   (after the lines they touch, and not inside the same unclosed table or array);
//! - when the syntax is right, every key defined twice, once, with both definitions
//!   ([`KeyTree`]).

use std::collections::HashSet;
use std::ops::Range;

use toml_parser::lexer::{Token, TokenKind};
use toml_parser::parser::{RecursionGuard, ValidateWhitespace, parse_document};
use toml_parser::{ErrorSink, Expected, ParseError, Source};

use super::defined_twice::KeyTree;
use crate::diagnostic::Diagnostic;

/// How many syntax errors are reported after the first, when clearly independent of it.
pub const MAX_INDEPENDENT: usize = 2;

/// toml's own nesting limit, so that this pass fails where toml fails.
const RECURSION_LIMIT: u32 = 80;

/// How many opening brackets a report follows; a hostile file can open one per byte.
const MAX_OPENERS: usize = 1024;

/// The TOML problems of `source`, as described in the module documentation, and how many more
/// were found but not kept; empty when toml_parser finds none (toml may still reject the
/// file, for reasons of its own).
pub(super) fn diagnose(text: &str) -> (Vec<Diagnostic>, usize) {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut keys = KeyTree::new(source);
    let mut errors = FirstErrors::new(text);
    {
        let mut whitespace = ValidateWhitespace::new(&mut keys, source);
        let mut guard = RecursionGuard::new(&mut whitespace, RECURSION_LIMIT);
        parse_document(&tokens, &mut guard, &mut errors);
    }
    if errors.kept.is_empty() {
        return (keys.diagnostics(), keys.not_kept);
    }
    let view = Tokens { text, tokens };
    let diagnostics = errors
        .kept
        .iter()
        .map(|kept| view.diagnostic(kept))
        .collect();
    (diagnostics, 0)
}

/// A syntax error kept for the report.
struct Kept {
    error: ParseError,
    /// The `{` or `[` it happened in, if any.
    opener: Option<Range<usize>>,
    /// Whether the parser reached the end of what it could read with that opener still open.
    never_closed: bool,
}

/// Keeps the first syntax error and the few clearly independent ones, as the parser reports
/// them (in source order), in constant memory per error.
struct FirstErrors<'s> {
    text: &'s str,
    kept: Vec<Kept>,
    /// Errors starting up to here follow from a kept one (the end of the last line an error
    /// touched).
    cascade_end: Option<usize>,
    /// Where the openers of kept errors, and of the errors that follow from them, start.
    openers: HashSet<usize>,
}

impl<'s> FirstErrors<'s> {
    fn new(text: &'s str) -> Self {
        FirstErrors {
            text,
            kept: Vec::new(),
            cascade_end: None,
            openers: HashSet::new(),
        }
    }

    fn opener(&self, error: &ParseError) -> Option<Range<usize>> {
        let context = error.context()?;
        matches!(
            self.text.get(context.start()..context.end()),
            Some("{" | "[")
        )
        .then(|| context.start()..context.end())
    }
}

impl ErrorSink for FirstErrors<'_> {
    fn report_error(&mut self, error: ParseError) {
        let at = error.unexpected().map_or(0, |s| s.start());
        let opener = self.opener(&error);
        if error.description().starts_with("unclosed")
            && let Some(opener) = &opener
        {
            for kept in &mut self.kept {
                if kept.opener.as_ref() == Some(opener) {
                    kept.never_closed = true;
                }
            }
        }
        let in_cascade = self.cascade_end.is_some_and(|end| at <= end);
        // Inside a table or array opened before the cascade ended (a string never closed
        // swallows the `}` of its line), or one a kept error is in: the same slip.
        let in_open_bracket = opener.as_ref().is_some_and(|o| {
            self.cascade_end.is_some_and(|end| o.start <= end) || self.openers.contains(&o.start)
        });
        let follows = in_cascade || in_open_bracket || self.openers.len() >= MAX_OPENERS;
        if !follows {
            if self.kept.len() > MAX_INDEPENDENT {
                // Nothing more will be reported; later errors need no bookkeeping.
                self.openers.clear();
                self.cascade_end = Some(usize::MAX);
                return;
            }
            self.kept.push(Kept {
                error: error.clone(),
                opener: opener.clone(),
                never_closed: error.description().starts_with("unclosed"),
            });
        }
        if !in_cascade {
            // At a line past the cascade: its end is new (inside, it is the cascade's already).
            let end = self.text[at.min(self.text.len())..]
                .find('\n')
                .map_or(self.text.len(), |nl| at + nl);
            self.cascade_end = Some(end);
        }
        if let Some(opener) = opener {
            self.openers.insert(opener.start);
        }
    }
}

/// The lexed file, for looking around an error.
struct Tokens<'s> {
    text: &'s str,
    tokens: Vec<Token>,
}

impl Tokens<'_> {
    fn span(token: &Token) -> Range<usize> {
        token.span().start()..token.span().end()
    }

    /// The last token before `at` that is not whitespace, a comment or a newline.
    fn significant_before(&self, at: usize) -> Option<&Token> {
        let end = self.tokens.partition_point(|t| t.span().end() <= at);
        self.tokens[..end].iter().rev().find(|t| {
            !matches!(
                t.kind(),
                TokenKind::Whitespace | TokenKind::Comment | TokenKind::Newline | TokenKind::Eof
            )
        })
    }

    /// A one-line string on the line of `at` that the line ends before closing.
    fn unclosed_string_on_line_of(&self, at: usize) -> Option<&Token> {
        let line_start = self.text[..at.min(self.text.len())]
            .rfind('\n')
            .map_or(0, |nl| nl + 1);
        let first = self
            .tokens
            .partition_point(|t| t.span().end() <= line_start);
        self.tokens[first..]
            .iter()
            .take_while(|t| t.kind() != TokenKind::Newline)
            .find(|t| !self.is_closed_string(t))
    }

    fn is_closed_string(&self, token: &Token) -> bool {
        let raw = &self.text[Self::span(token)];
        let quote = match token.kind() {
            TokenKind::BasicString => '"',
            TokenKind::LiteralString => '\'',
            _ => return true,
        };
        let Some(body) = raw
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        else {
            return false;
        };
        // `"...\"` ends in an escaped quote: the string is still open.
        quote == '\'' || body.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 0
    }

    fn diagnostic(&self, kept: &Kept) -> Diagnostic {
        let error = &kept.error;
        let unexpected = error.unexpected().map_or(0..0, |s| s.start()..s.end());
        let at = unexpected.start;

        if let Some(string) = self.unclosed_string_on_line_of(at) {
            let string = Self::span(string);
            let quote = string.start..string.start + 1;
            let before = self
                .significant_before(at)
                .filter(|t| matches!(t.kind(), TokenKind::BasicString | TokenKind::LiteralString))
                .map(Self::span)
                .filter(|s| s.end <= string.start && !self.text[s.end..at].contains('\n'));
            let help = "a quoted string ends on its own line, at its closing quote (use \
                        `\"\"\"...\"\"\"` for text over several lines)";
            return match before {
                // Quotes paired wrongly: an earlier string lacks its closing quote, so it runs
                // into the next value and the last quote of the line opens a string.
                Some(ran_on) if at < string.start => Diagnostic::error(
                    "unclosed string: the quotes on this line do not pair up",
                    Some(ran_on),
                )
                .with_label("is the closing quote of this string missing?")
                .with_related(quote, "then this quote opens a string that is never closed")
                .with_help(help),
                _ => Diagnostic::error("unclosed string", Some(quote))
                    .with_label("this string is never closed")
                    .with_help(help),
            };
        }

        if let Some(opener) = kept.opener.clone().filter(|_| kept.never_closed) {
            let (what, close) = if &self.text[opener.clone()] == "{" {
                ("inline table", "}")
            } else if error.description().contains("table") {
                ("table header", "]")
            } else {
                ("array", "]")
            };
            // The place to close it: after its last value, when the error is only met on a
            // later line.
            let fix = self
                .significant_before(at)
                .map(|t| t.span().end())
                .filter(|&end| end >= opener.end && self.text[end..at].contains('\n'))
                .map_or(unexpected.clone(), |end| end..end);
            return Diagnostic::error(format!("unclosed {what}"), Some(fix))
                .with_label(format!("expected `{close}` here"))
                .with_related(opener, format!("the {what} opens here"))
                .with_help(format!(
                    "close the {what} with `{close}` after its last value"
                ));
        }

        let mut diagnostic = Diagnostic::error(
            format!("invalid TOML: {}", error.description()),
            Some(unexpected),
        );
        if let Some(expected) = error.expected().filter(|e| !e.is_empty()) {
            diagnostic = diagnostic.with_label(format!("expected {}", describe(expected)));
        }
        if let Some(opener) = kept.opener.clone() {
            let what = if &self.text[opener.clone()] == "{" {
                "inline table"
            } else {
                "array"
            };
            diagnostic = diagnostic.with_related(opener, format!("in the {what} that opens here"));
        }
        diagnostic.with_help(if error.description().contains("recurs") {
            "the file nests arrays, tables or dotted keys deeper than TOML parsers allow; a \
             catalog nests four levels at most (`[codes.ERR_X]`, `message = { en = \"...\" }`)"
        } else {
            "see https://toml.io for the syntax; the catalog format is in docs/catalog-authors.md of flux-codes"
        })
    }
}

fn describe(expected: &[Expected]) -> String {
    let items: Vec<String> = expected
        .iter()
        .map(|e| match e {
            Expected::Literal(literal) => format!("`{literal}`"),
            Expected::Description(description) => (*description).to_owned(),
            _ => "something else".to_owned(),
        })
        .collect();
    items.join(" or ")
}

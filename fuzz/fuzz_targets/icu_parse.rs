//! Arbitrary text as an ICU message (with `fuzz/dict/icu.dict`, ICU syntax as the dictionary):
//! the parser answers a message or a located error within the text; an accepted message keeps
//! its source, its spans lie inside it on character boundaries, it nests at most
//! `MAX_NESTING` deep with at most `MAX_OPTIONS` options an argument, and its params resolve or
//! conflict without panicking; and any text quoted as a literal (`quote_literal`) parses back
//! to exactly that text.
#![no_main]

use std::ops::Range;

use flux_codes_gen::message::{MAX_NESTING, MAX_OPTIONS, Node, parse, quote_literal};
use libfuzzer_sys::fuzz_target;

fn check_span(text: &str, span: &Range<usize>) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{span:?} outside {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{span:?} splits a character"
    );
}

fn check_nodes(text: &str, nodes: &[Node], depth: usize) {
    assert!(depth <= MAX_NESTING, "nested {depth} deep");
    for node in nodes {
        match node {
            Node::Text { span, .. } | Node::Pound { span } => check_span(text, span),
            Node::Arg {
                name_span, span, ..
            }
            | Node::Number {
                name_span, span, ..
            } => {
                check_span(text, span);
                check_span(text, name_span);
            }
            Node::Plural {
                name_span,
                span,
                branches,
                ..
            }
            | Node::Select {
                name_span,
                span,
                branches,
                ..
            } => {
                check_span(text, span);
                check_span(text, name_span);
                assert!(!branches.is_empty() && branches.len() <= MAX_OPTIONS);
                assert!(branches.iter().any(|b| b.key_text == "other"));
                for branch in branches {
                    check_span(text, &branch.span);
                    check_span(text, &branch.key_span);
                    check_nodes(text, &branch.nodes, depth + 1);
                }
            }
            other => panic!("a node this target does not know: {other:?}"),
        }
    }
}

fuzz_target!(|text: &str| {
    match parse(text) {
        Ok(message) => {
            assert_eq!(message.source, text);
            check_nodes(text, &message.nodes, 0);
            let _ = message.params();
            let _ = message.plurals();
            assert_eq!(parse(text).ok(), Some(message), "parsing is deterministic");
        }
        Err(error) => {
            check_span(text, &error.at);
            assert!(!error.message.is_empty() && !error.help.is_empty());
        }
    }
    let quoted = quote_literal(text);
    let message = parse(&quoted).unwrap_or_else(|e| {
        panic!(
            "quote_literal({text:?}) = {quoted:?} does not parse: {}",
            e.message
        )
    });
    let mut shown = String::new();
    for node in &message.nodes {
        match node {
            Node::Text { text, .. } => shown.push_str(text),
            other => panic!("quote_literal({text:?}) = {quoted:?} has an argument: {other:?}"),
        }
    }
    assert_eq!(shown, text, "quote_literal({text:?}) = {quoted:?}");
});

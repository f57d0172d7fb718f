//! Keys defined twice, with both definitions: toml reports each repeated key of a repeated
//! table as its own "duplicate key" and never says where the first definition is.
//!
//! [`KeyTree`] follows toml_parser's events and keeps, for every key path the file defines, the
//! span of its first definition. A table defined twice is reported once: the keys inside its
//! second definition are consequences, not further mistakes.

use std::collections::HashMap;
use std::ops::Range;

use toml_parser::decoder::Encoding;
use toml_parser::parser::EventReceiver;
use toml_parser::{ErrorSink, Source, Span};

use crate::diagnostic::{Diagnostic, Diagnostics};

type NodeId = usize;

/// The root table.
const ROOT: NodeId = 0;

/// One key path of the document.
struct Node {
    parent: NodeId,
    /// The key (decoded); `None` for an array element or an array-of-tables entry.
    name: Option<String>,
    /// The span of its first explicit definition (a `[table]` header or `key = value`).
    defined: Option<Range<usize>>,
}

/// A key path defined twice.
pub(super) struct DefinedTwice {
    node: NodeId,
    first: Range<usize>,
    second: Range<usize>,
}

/// What the values being parsed belong to.
#[derive(Clone, Copy)]
struct Frame {
    node: NodeId,
    /// An array: each value inside is an element of its own.
    array: bool,
    /// Under a definition that is itself a duplicate: nothing inside is reported again.
    repeated: bool,
}

/// Follows the document's keys; see the module documentation.
pub(super) struct KeyTree<'s> {
    source: Source<'s>,
    nodes: Vec<Node>,
    children: HashMap<(NodeId, String), NodeId>,
    /// The table the current `key = value` lines belong to.
    table: Frame,
    /// Open inline tables and arrays, innermost last.
    frames: Vec<Frame>,
    /// The keys of a `[header]` being read, and where it starts.
    header: Option<(Vec<(String, Span)>, usize)>,
    /// The dotted key being read, before its `=`.
    key: Vec<(String, Span)>,
    /// A key whose `=` was read, waiting for its value.
    assigned: Option<Vec<(String, Span)>>,
    /// The first [`Diagnostics::MAX_KEPT`] keys defined twice; the rest are only counted.
    found: Vec<DefinedTwice>,
    pub(super) not_kept: usize,
}

impl<'s> KeyTree<'s> {
    pub(super) fn new(source: Source<'s>) -> Self {
        KeyTree {
            source,
            nodes: vec![Node {
                parent: ROOT,
                name: None,
                defined: None,
            }],
            children: HashMap::new(),
            table: Frame {
                node: ROOT,
                array: false,
                repeated: false,
            },
            frames: Vec::new(),
            header: None,
            key: Vec::new(),
            assigned: None,
            found: Vec::new(),
            not_kept: 0,
        }
    }

    fn child(&mut self, parent: NodeId, name: Option<String>) -> NodeId {
        let make = |nodes: &mut Vec<Node>, name| {
            nodes.push(Node {
                parent,
                name,
                defined: None,
            });
            nodes.len() - 1
        };
        match name {
            None => make(&mut self.nodes, None),
            Some(name) => match self.children.get(&(parent, name.clone())) {
                Some(&id) => id,
                None => {
                    let id = make(&mut self.nodes, Some(name.clone()));
                    self.children.insert((parent, name), id);
                    id
                }
            },
        }
    }

    /// Defines `keys` under `base`; returns the node and whether it was defined already.
    fn define(&mut self, base: Frame, keys: &[(String, Span)], span: Range<usize>) -> Frame {
        let mut node = base.node;
        for (name, _) in keys {
            node = self.child(node, Some(name.clone()));
        }
        let mut repeated = base.repeated;
        match &self.nodes[node].defined {
            Some(first) if !base.repeated => {
                if self.found.len() < Diagnostics::MAX_KEPT {
                    self.found.push(DefinedTwice {
                        node,
                        first: first.clone(),
                        second: span,
                    });
                } else {
                    self.not_kept += 1;
                }
                repeated = true;
            }
            Some(_) => {}
            None => self.nodes[node].defined = Some(span),
        }
        Frame {
            node,
            array: false,
            repeated,
        }
    }

    /// Where a value being read belongs: a new element of the innermost array, or the key
    /// just assigned.
    fn value(&mut self, span: Span) -> Frame {
        if let Some(keys) = self.assigned.take() {
            let base = self.frames.last().copied().unwrap_or(self.table);
            let start = keys.first().map_or(span.start(), |(_, s)| s.start());
            let end = keys.last().map_or(span.end(), |(_, s)| s.end());
            return self.define(base, &keys, start..end);
        }
        match self.frames.last().copied() {
            Some(array @ Frame { array: true, .. }) => Frame {
                node: self.child(array.node, None),
                array: false,
                repeated: array.repeated,
            },
            // A value with no key (after a syntax error): it belongs nowhere.
            _ => Frame {
                node: self.child(ROOT, None),
                array: false,
                repeated: true,
            },
        }
    }

    /// Decodes a key or value, reporting what toml would (a string never closed, a bad
    /// escape, a malformed number): decoded, `"ERR_X"` and `ERR_X` are the same key.
    fn decode(
        &self,
        span: Span,
        encoding: Option<Encoding>,
        key: bool,
        error: &mut dyn ErrorSink,
    ) -> String {
        let mut text = String::new();
        if let Some(raw) = self.source.input().get(span.start()..span.end()) {
            let raw = toml_parser::Raw::new_unchecked(raw, encoding, span);
            if key {
                raw.decode_key(&mut text, error);
            } else {
                let _kind = raw.decode_scalar(&mut text, error);
            }
        }
        text
    }

    /// The dotted path of a node, for messages.
    fn path(&self, mut node: NodeId) -> Vec<&str> {
        let mut names = Vec::new();
        while node != ROOT {
            names.push(self.nodes[node].name.as_deref().unwrap_or("[…]"));
            node = self.nodes[node].parent;
        }
        names.reverse();
        names
    }

    /// One error per key path defined twice, labelling both definitions.
    pub(super) fn diagnostics(&self) -> Vec<Diagnostic> {
        self.found
            .iter()
            .map(|twice| {
                let path = self.path(twice.node);
                let (message, help) = describe(&path);
                Diagnostic::error(message, Some(twice.second.clone()))
                    .with_label("second definition")
                    .with_related(twice.first.clone(), "first definition")
                    .with_help(help)
            })
            .collect()
    }
}

/// The message and help for a key path defined twice, in the catalog's own terms.
fn describe(path: &[&str]) -> (String, String) {
    let dotted = path.join(".");
    match path {
        ["codes", code] => (
            format!("`{code}` is defined twice"),
            "keep one `[codes.…]` table per code: merge the two, or give the new error a code \
             string of its own (a published code string never changes meaning)"
                .to_owned(),
        ),
        ["categories", category] => (
            format!("category `{category}` is defined twice"),
            "keep one `[categories.…]` table per category".to_owned(),
        ),
        [
            _,
            _,
            field @ ("message" | "hint" | "detail" | "title"),
            locale,
        ] => (
            format!(
                "the `{locale}` text of `{}` is given twice",
                path[..3].join(".")
            ),
            format!("keep one `{locale} = \"...\"` in `{field}`"),
        ),
        [.., key] if path.len() >= 2 => (
            format!(
                "`{key}` is given twice in `[{}]`",
                path[..path.len() - 1].join(".")
            ),
            format!("keep one `{key} = ...`"),
        ),
        _ => (
            format!("`{dotted}` is defined twice"),
            "a TOML key or table may be defined only once".to_owned(),
        ),
    }
}

impl EventReceiver for KeyTree<'_> {
    fn std_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.header = Some((Vec::new(), span.start()));
    }

    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.header = Some((Vec::new(), span.start()));
    }

    fn std_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        if let Some((keys, start)) = self.header.take() {
            let root = Frame {
                node: ROOT,
                array: false,
                repeated: false,
            };
            self.table = self.define(root, &keys, start..span.end());
            self.frames.clear();
        }
    }

    fn array_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if let Some((keys, _)) = self.header.take() {
            let mut node = ROOT;
            for (name, _) in keys {
                node = self.child(node, Some(name));
            }
            // Each `[[entry]]` is a table of its own.
            self.table = Frame {
                node: self.child(node, None),
                array: false,
                repeated: false,
            };
            self.frames.clear();
        }
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let name = self.decode(span, encoding, true, error);
        match &mut self.header {
            Some((keys, _)) => keys.push((name, span)),
            None => self.key.push((name, span)),
        }
    }

    fn key_val_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.assigned = Some(std::mem::take(&mut self.key));
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        self.decode(span, encoding, false, error);
        if self.header.is_none() {
            self.value(span);
        }
    }

    fn inline_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        let frame = self.value(span);
        self.frames.push(frame);
        true
    }

    fn inline_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.frames.pop();
        self.key.clear();
    }

    fn array_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        let frame = self.value(span);
        self.frames.push(Frame {
            array: true,
            ..frame
        });
        true
    }

    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.frames.pop();
    }

    fn newline(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // A key left without its `=` (a syntax error) does not carry over to the next line.
        if self.frames.is_empty() {
            self.key.clear();
            self.assigned = None;
        }
    }
}

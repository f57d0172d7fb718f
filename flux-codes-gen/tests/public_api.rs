//! The generator's public API, pinned: every public item reachable from `lib.rs` (modules,
//! functions, types, constants, re-exports, and the public methods of public types), listed
//! from the crate's sources with `syn` and compared with `tests/public-api.txt`. A change to
//! the API shows as a diff of that file; regenerate it with
//! `FLUX_CODES_UPDATE_PUBLIC_API=1 cargo test -p flux-codes-gen --test public_api` and review.
//!
//! The list is read from the sources on stable Rust (rustdoc's JSON needs nightly), under every
//! feature: a `#[cfg(feature = ...)]` item is listed, a `#[cfg(test)]` one is not. A `pub` item
//! of a private module counts only when re-exported; a method counts when its type does,
//! wherever its `impl` is.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use syn::{Attribute, ImplItem, Item, UseTree, Visibility};

/// At most this many items (methods not counted) make up the API: a ratchet, lowered as the
/// API narrows (issue 20 wants fewer than 60; the per-format renderers, the message AST and the
/// JSON model that tests use are what is left to make private).
const MAX_ITEMS: usize = 174;

#[derive(Default)]
struct Api {
    /// `kind path`, in source order, e.g. `fn flux_codes_gen::parse_catalog`.
    items: Vec<String>,
    /// Public types, by name, with their full path.
    types: BTreeMap<String, String>,
    /// Public methods of inherent impls anywhere in the crate, by their type's name.
    methods: BTreeMap<String, BTreeSet<String>>,
    /// Public enums that are not `#[non_exhaustive]`, and public items without docs.
    problems: Vec<String>,
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

fn has(attrs: &[Attribute], name: &str) -> bool {
    attrs.iter().any(|a| a.path().is_ident(name))
}

/// `#[cfg(test)]` (or any `cfg` naming `test`): not compiled into the library.
fn test_only(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta.require_list().is_ok_and(|list| {
                list.tokens
                    .to_string()
                    .split_whitespace()
                    .any(|t| t == "test")
            })
    })
}

fn parse(path: &Path) -> syn::File {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The file of `mod name;` declared in `file` (whose children live in `dir`).
fn module_file(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let flat = dir.join(format!("{name}.rs"));
    if flat.exists() {
        (flat, dir.join(name))
    } else {
        (dir.join(name).join("mod.rs"), dir.join(name))
    }
}

impl Api {
    /// Walks the items of one module. `public`: the module is reachable from the crate root
    /// (its `pub` items are API); a private module is walked for its impls only.
    fn module(&mut self, items: &[Item], path: &str, dir: &Path, public: bool) {
        for item in items {
            match item {
                Item::Mod(m) if !test_only(&m.attrs) => {
                    let name = m.ident.to_string();
                    let child = format!("{path}::{name}");
                    let reachable = public && is_pub(&m.vis);
                    // An inline module's `//!` docs are among its attributes; a file's, the
                    // file's.
                    let (items, attrs, child_dir) = match &m.content {
                        Some((_, inner)) => (inner.clone(), m.attrs.clone(), dir.join(&name)),
                        None => {
                            let (file, child_dir) = module_file(dir, &name);
                            let parsed = parse(&file);
                            let attrs = [m.attrs.clone(), parsed.attrs].concat();
                            (parsed.items, attrs, child_dir)
                        }
                    };
                    if reachable {
                        self.item("mod", &child, &attrs);
                    }
                    self.module(&items, &child, &child_dir, reachable);
                }
                Item::Macro(m) if m.mac.path.is_ident("include") => {
                    let lit: syn::LitStr = m.mac.parse_body().unwrap();
                    let file = dir.parent().unwrap().join(lit.value());
                    let parsed = parse(&file);
                    self.module(&parsed.items, path, dir, public);
                }
                Item::Impl(imp) if imp.trait_.is_none() && !test_only(&imp.attrs) => {
                    let syn::Type::Path(ty) = &*imp.self_ty else {
                        continue;
                    };
                    let Some(last) = ty.path.segments.last() else {
                        continue;
                    };
                    for inner in &imp.items {
                        if let ImplItem::Fn(f) = inner
                            && is_pub(&f.vis)
                            && !test_only(&f.attrs)
                        {
                            self.methods
                                .entry(last.ident.to_string())
                                .or_default()
                                .insert(f.sig.ident.to_string());
                        }
                    }
                }
                _ if !public => {}
                Item::Fn(f) if is_pub(&f.vis) && !test_only(&f.attrs) => {
                    self.item("fn", &format!("{path}::{}", f.sig.ident), &f.attrs)
                }
                Item::Struct(s) if is_pub(&s.vis) && !test_only(&s.attrs) => {
                    self.ty("struct", path, &s.ident, &s.attrs)
                }
                Item::Enum(e) if is_pub(&e.vis) && !test_only(&e.attrs) => {
                    if !has(&e.attrs, "non_exhaustive") {
                        self.problems
                            .push(format!("enum {path}::{} is not #[non_exhaustive]", e.ident));
                    }
                    self.ty("enum", path, &e.ident, &e.attrs)
                }
                Item::Trait(t) if is_pub(&t.vis) && !test_only(&t.attrs) => {
                    self.ty("trait", path, &t.ident, &t.attrs)
                }
                Item::Type(t) if is_pub(&t.vis) && !test_only(&t.attrs) => {
                    self.ty("type", path, &t.ident, &t.attrs)
                }
                Item::Const(c) if is_pub(&c.vis) && !test_only(&c.attrs) => {
                    self.item("const", &format!("{path}::{}", c.ident), &c.attrs)
                }
                Item::Static(s) if is_pub(&s.vis) && !test_only(&s.attrs) => {
                    self.item("static", &format!("{path}::{}", s.ident), &s.attrs)
                }
                Item::Use(u) if is_pub(&u.vis) && !test_only(&u.attrs) => {
                    let mut leaves = Vec::new();
                    use_leaves(&u.tree, String::new(), &mut leaves);
                    for (name, from) in leaves {
                        self.items.push(format!("use {path}::{name} (= {from})"));
                    }
                }
                _ => {}
            }
        }
    }

    fn ty(&mut self, kind: &str, path: &str, ident: &syn::Ident, attrs: &[Attribute]) {
        let full = format!("{path}::{ident}");
        self.types.insert(ident.to_string(), full.clone());
        self.item(kind, &full, attrs);
    }

    fn item(&mut self, kind: &str, full: &str, attrs: &[Attribute]) {
        if !has(attrs, "doc") {
            self.problems
                .push(format!("{kind} {full} has no documentation"));
        }
        self.items.push(format!("{kind} {full}"));
    }

    /// The listing: each item, each public type followed by its public methods (indented).
    fn listing(&self) -> String {
        let mut out = String::new();
        for item in &self.items {
            out.push_str(item);
            out.push('\n');
            let name = item.rsplit("::").next().unwrap_or_default();
            let is_type = ["struct ", "enum ", "trait ", "type "]
                .iter()
                .any(|k| item.starts_with(k));
            if is_type && let Some(methods) = self.methods.get(name) {
                for method in methods {
                    writeln!(out, "    fn {method}").unwrap();
                }
            }
        }
        out
    }
}

/// The names a `pub use` brings in, with where each comes from.
fn use_leaves(tree: &UseTree, prefix: String, out: &mut Vec<(String, String)>) {
    match tree {
        UseTree::Path(p) => use_leaves(&p.tree, format!("{prefix}{}::", p.ident), out),
        UseTree::Name(n) => out.push((n.ident.to_string(), format!("{prefix}{}", n.ident))),
        UseTree::Rename(r) => out.push((r.rename.to_string(), format!("{prefix}{}", r.ident))),
        UseTree::Glob(_) => out.push(("*".to_owned(), format!("{prefix}*"))),
        UseTree::Group(g) => {
            for t in &g.items {
                use_leaves(t, prefix.clone(), out);
            }
        }
    }
}

#[test]
fn the_public_api_is_the_pinned_list() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = parse(&src.join("lib.rs"));
    let mut api = Api::default();
    api.module(&lib.items, "flux_codes_gen", &src, true);
    let listing = api.listing();
    let pinned_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/public-api.txt");
    if std::env::var_os("FLUX_CODES_UPDATE_PUBLIC_API").is_some() {
        std::fs::write(&pinned_path, &listing).unwrap();
    }
    let pinned = std::fs::read_to_string(&pinned_path).unwrap_or_default();
    assert!(
        pinned == listing,
        "the public API changed; if that is intended, regenerate tests/public-api.txt with \
         FLUX_CODES_UPDATE_PUBLIC_API=1 and review its diff. Now:\n{listing}"
    );
    let items = api.items.len();
    let mut failures = api.problems.clone();
    if items > MAX_ITEMS {
        failures.push(format!("{items} public items (at most {MAX_ITEMS} wanted)"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

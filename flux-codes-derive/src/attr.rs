//! `#[flux(...)]`: every key parsed with its span. Where each key may go (type, variant) and
//! which keys go together is checked in `valid.rs`.

use proc_macro2::{Spacing, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Attribute, Error, Ident, LitStr, Meta, Path, Result, Token};

/// Every key `#[flux(...)]` knows.
pub const KEYS: &[&str] = &["code", "detail", "param", "transparent", "catalog"];

/// The `#[flux(...)]` of one type or variant.
#[derive(Default)]
pub struct Attrs<'a> {
    /// The attribute itself (the first one, if there were several).
    pub attr: Option<&'a Attribute>,
    /// Whether it had an error already reported (so nothing more is said about it).
    pub broken: bool,
    /// `code = QrExpired`: the `ErrorCode` variant.
    pub code: Option<Keyed<Ident>>,
    /// `detail = "..."`: the detail, for a code without a detail template.
    pub detail: Option<Keyed<LitStr>>,
    /// `param(name = expr, ...)`: placeholders filled by expressions.
    pub params: Vec<Param>,
    /// The first `param` key.
    pub param_key: Option<Ident>,
    /// `transparent`: forward to the one field.
    pub transparent: Option<Ident>,
    /// `catalog = path`: the module of the catalog's `ErrorCode` and `FluxError`.
    pub catalog: Option<Keyed<Path>>,
}

/// A value and the key that gave it (errors about the key point at it).
pub struct Keyed<T> {
    pub key: Ident,
    pub value: T,
}

/// `name = value` inside `param(...)`.
pub struct Param {
    pub name: Ident,
    /// The expression's tokens: the compiler checks it where the expansion places it (in
    /// parentheses), so the derive need not parse Rust expressions (syn's `full` feature, which
    /// every service's build would compile).
    pub value: TokenStream,
}

impl Param {
    /// The placeholder's name (`r#type` fills `{type}`).
    pub fn placeholder(&self) -> String {
        self.name.unraw().to_string()
    }
}

impl Attrs<'_> {
    /// The keys that describe a case (all but `catalog`), in the order `#[flux]` documents them.
    pub fn case_keys(&self) -> Vec<&Ident> {
        let mut keys = Vec::new();
        keys.extend(self.code.as_ref().map(|k| &k.key));
        keys.extend(self.detail.as_ref().map(|k| &k.key));
        keys.extend(self.param_key.as_ref());
        keys.extend(self.transparent.as_ref());
        keys
    }
}

/// Parses the `#[flux]` attributes among `attrs`, reporting each mistake into `errors`.
pub fn parse<'a>(attrs: &'a [Attribute], errors: &mut Vec<Error>) -> Attrs<'a> {
    let mut out = Attrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("flux")) {
        if out.attr.is_some() {
            errors.push(Error::new_spanned(
                attr,
                "duplicate `#[flux]` attribute: write all its keys in one `#[flux(...)]`",
            ));
            continue;
        }
        out.attr = Some(attr);
        if !matches!(attr.meta, Meta::List(_)) {
            errors.push(Error::new_spanned(
                attr,
                "expected `#[flux(...)]`, e.g. `#[flux(code = QrExpired)]`",
            ));
            out.broken = true;
            continue;
        }
        if let Err(e) = attr.parse_nested_meta(|meta| parse_key(&meta, &mut out)) {
            errors.push(e);
            out.broken = true;
        }
    }
    out
}

fn parse_key(meta: &ParseNestedMeta, out: &mut Attrs) -> Result<()> {
    let Some(key) = meta.path.get_ident().cloned() else {
        return Err(meta.error(format!("expected one of the keys {}", key_list())));
    };
    match key.to_string().as_str() {
        "code" => {
            let value = parse_code(meta, &key)?;
            set_once(&mut out.code, key, value)
        }
        "detail" => {
            let value = parse_detail(meta, &key)?;
            set_once(&mut out.detail, key, value)
        }
        "catalog" => {
            let value: Path = value_of(meta, &key, "catalog = path::to::catalog")?.parse()?;
            set_once(&mut out.catalog, key, value)
        }
        "transparent" => {
            if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                return Err(Error::new(key.span(), "`transparent` takes no value"));
            }
            match out.transparent {
                Some(_) => Err(duplicate(&key)),
                None => {
                    out.transparent = Some(key);
                    Ok(())
                }
            }
        }
        "param" => {
            parse_params(meta, &key, &mut out.params)?;
            out.param_key.get_or_insert(key);
            Ok(())
        }
        other => {
            let mut message = format!("unknown key `{other}` in `#[flux]`");
            match flux_codes_core::suggest::did_you_mean(other, KEYS.iter().copied()) {
                Some(near) => message.push_str(&format!("; did you mean `{near}`?")),
                None => message.push_str(&format!("; expected one of {}", key_list())),
            }
            Err(Error::new(key.span(), message))
        }
    }
}

/// `code = QrExpired`. A wire string or a longer path gets a message saying what to write.
fn parse_code(meta: &ParseNestedMeta, key: &Ident) -> Result<Ident> {
    let input = value_of(meta, key, "code = QrExpired")?;
    if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        let wire = lit.value();
        let is_wire = wire.starts_with(|c: char| c.is_ascii_uppercase())
            && wire
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        let message = if is_wire {
            let variant = flux_codes_core::naming::code_variant(&wire);
            format!(
                "write the code as its `ErrorCode` variant, not its wire string: `code = {variant}`"
            )
        } else {
            "write the code as its `ErrorCode` variant, e.g. `code = QrExpired`".to_owned()
        };
        return Err(Error::new(lit.span(), message));
    }
    if !input.peek(syn::Ident) && !input.peek(Token![::]) {
        return Err(input.error("expected an `ErrorCode` variant, e.g. `code = QrExpired`"));
    }
    let path: Path = input.parse()?;
    match path.get_ident() {
        Some(ident) => Ok(ident.clone()),
        None => {
            let example = path
                .segments
                .last()
                .map_or_else(|| "QrExpired".to_owned(), |s| s.ident.to_string());
            Err(Error::new_spanned(
                &path,
                format!("write the `ErrorCode` variant alone: `code = {example}`"),
            ))
        }
    }
}

/// `detail = "..."`.
fn parse_detail(meta: &ParseNestedMeta, key: &Ident) -> Result<LitStr> {
    let input = value_of(meta, key, "detail = \"...\"")?;
    if !input.peek(LitStr) {
        return Err(input.error("expected a string literal: `detail = \"...\"`"));
    }
    input.parse()
}

/// `param(name = expr, ...)`; a name given twice is an error.
fn parse_params(meta: &ParseNestedMeta, key: &Ident, params: &mut Vec<Param>) -> Result<()> {
    if !meta.input.peek(syn::token::Paren) {
        return Err(Error::new(
            key.span(),
            "expected `param(name = value, ...)`",
        ));
    }
    meta.parse_nested_meta(|inner| {
        let Some(name) = inner.path.get_ident().cloned() else {
            return Err(inner.error("expected a placeholder name: `param(name = value)`"));
        };
        let usage = format!("param({name} = value)");
        let value = expression(value_of(&inner, &name, &usage)?, &usage)?;
        let param = Param { name, value };
        if params
            .iter()
            .any(|p| p.placeholder() == param.placeholder())
        {
            let message = format!("duplicate param `{}`", param.placeholder());
            return Err(Error::new(param.name.span(), message));
        }
        params.push(param);
        Ok(())
    })
}

/// The tokens of an expression, up to the `,` that ends it: a comma inside brackets is part of
/// it, and so is one inside a turbofish's `::<...>`.
fn expression(input: ParseStream, usage: &str) -> Result<TokenStream> {
    let mut tokens = TokenStream::new();
    let mut turbofish_depth = 0usize;
    // The last tokens were `::` (a `:` joined to the next, then a `:`).
    let (mut joint_colon, mut path_sep) = (false, false);
    while !input.is_empty() && (turbofish_depth > 0 || !input.peek(Token![,])) {
        let token: TokenTree = input.parse()?;
        let punct = match &token {
            TokenTree::Punct(p) => Some((p.as_char(), p.spacing())),
            _ => None,
        };
        match punct {
            Some(('<', _)) if path_sep || turbofish_depth > 0 => turbofish_depth += 1,
            Some(('>', _)) if turbofish_depth > 0 => turbofish_depth -= 1,
            _ => {}
        }
        path_sep = joint_colon && matches!(punct, Some((':', Spacing::Alone)));
        joint_colon = matches!(punct, Some((':', Spacing::Joint)));
        tokens.extend([token]);
    }
    if tokens.is_empty() {
        return Err(input.error(format!("expected an expression: `{usage}`")));
    }
    Ok(tokens)
}

/// The input after `key =`, or an error showing `usage`.
fn value_of<'a>(
    meta: &ParseNestedMeta<'a>,
    key: &Ident,
    usage: &str,
) -> Result<syn::parse::ParseStream<'a>> {
    meta.value()
        .map_err(|_| Error::new(key.span(), format!("expected `{usage}`")))
}

fn set_once<T>(slot: &mut Option<Keyed<T>>, key: Ident, value: T) -> Result<()> {
    if slot.is_some() {
        return Err(duplicate(&key));
    }
    *slot = Some(Keyed { key, value });
    Ok(())
}

fn duplicate(key: &Ident) -> Error {
    Error::new(key.span(), format!("duplicate `{key}` in `#[flux]`"))
}

fn key_list() -> String {
    KEYS.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

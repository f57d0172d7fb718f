//! The derive input as the expansion sees it: a type with one *case* per variant (an enum) or a
//! single case (a struct), each with its parsed `#[flux]` and its fields.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Error, Fields, Ident, Result};

use crate::attr::{self, Attrs};

pub struct Input<'a> {
    pub original: &'a DeriveInput,
    /// An enum (else a struct).
    pub is_enum: bool,
    /// The type's `#[flux]`. For a struct its case keys (`code`, ...) are moved to the case.
    pub attrs: Attrs<'a>,
    pub cases: Vec<Case<'a>>,
}

/// A variant, or the struct itself.
pub struct Case<'a> {
    /// The variant; `None` for a struct.
    pub variant: Option<&'a Ident>,
    /// Where errors about the case as a whole point: the variant's or the struct's name.
    pub name: &'a Ident,
    pub attrs: Attrs<'a>,
    pub fields: Vec<Field<'a>>,
    pub style: Style,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Named,
    Tuple,
    Unit,
}

pub struct Field<'a> {
    pub original: &'a syn::Field,
    /// The name the expansion binds it to: the field's own name, or `_0`, `_1`, ...
    pub binding: Ident,
    /// The param it can fill: a named field's name (without `r#`).
    pub param_name: Option<String>,
}

impl<'a> Input<'a> {
    pub fn from_syn(node: &'a DeriveInput, errors: &mut Vec<Error>) -> Result<Self> {
        let mut attrs = attr::parse(&node.attrs, errors);
        let (is_enum, cases) = match &node.data {
            Data::Enum(data) => {
                let cases = data
                    .variants
                    .iter()
                    .map(|v| {
                        Case::new(
                            Some(&v.ident),
                            &v.ident,
                            attr::parse(&v.attrs, errors),
                            &v.fields,
                        )
                    })
                    .collect();
                (true, cases)
            }
            Data::Struct(data) => {
                let case_attrs = Attrs {
                    attr: attrs.attr,
                    broken: attrs.broken,
                    code: attrs.code.take(),
                    detail: attrs.detail.take(),
                    params: std::mem::take(&mut attrs.params),
                    param_key: attrs.param_key.take(),
                    transparent: attrs.transparent.take(),
                    catalog: None,
                };
                (
                    false,
                    vec![Case::new(None, &node.ident, case_attrs, &data.fields)],
                )
            }
            Data::Union(data) => {
                return Err(Error::new_spanned(
                    data.union_token,
                    "`FluxError` cannot be derived for a union: use an enum or a struct",
                ));
            }
        };
        Ok(Input {
            original: node,
            is_enum,
            attrs,
            cases,
        })
    }

    /// The module of the catalog (`ErrorCode`, `Locale`, `FluxError`): `::flux_codes` unless
    /// `#[flux(catalog = path)]` says otherwise.
    pub fn catalog(&self) -> TokenStream {
        match &self.attrs.catalog {
            Some(catalog) => {
                let path = &catalog.value;
                quote!(#path)
            }
            None => quote!(::flux_codes),
        }
    }
}

impl<'a> Case<'a> {
    fn new(
        variant: Option<&'a Ident>,
        name: &'a Ident,
        attrs: Attrs<'a>,
        fields: &'a Fields,
    ) -> Self {
        let style = match fields {
            Fields::Named(_) => Style::Named,
            Fields::Unnamed(_) => Style::Tuple,
            Fields::Unit => Style::Unit,
        };
        let fields = fields
            .iter()
            .enumerate()
            .map(|(i, field)| match &field.ident {
                Some(ident) => Field {
                    original: field,
                    binding: ident.clone(),
                    param_name: Some(ident.unraw().to_string()),
                },
                None => Field {
                    original: field,
                    binding: format_ident!("_{}", i, span = Span::call_site()),
                    param_name: None,
                },
            })
            .collect();
        Case {
            variant,
            name,
            attrs,
            fields,
            style,
        }
    }

    /// `variant `X`` or `struct `X``, for messages.
    pub fn describe(&self) -> String {
        match self.variant {
            Some(v) => format!("variant `{v}`"),
            None => format!("struct `{}`", self.name),
        }
    }

    /// `Self::X` or `Self`.
    fn path(&self) -> TokenStream {
        match self.variant {
            Some(v) => quote!(Self::#v),
            None => quote!(Self),
        }
    }

    /// A pattern matching the case and binding no field: `Self::X { .. }`.
    pub fn pattern_any(&self) -> TokenStream {
        let path = self.path();
        quote!(#path { .. })
    }

    /// A pattern binding every field to its [`Field::binding`].
    pub fn pattern_all(&self) -> TokenStream {
        let path = self.path();
        let bindings = self.fields.iter().map(|f| &f.binding);
        match self.style {
            Style::Named => quote!(#path { #(#bindings),* }),
            Style::Tuple => quote!(#path ( #(#bindings),* )),
            Style::Unit => path,
        }
    }

    /// A pattern binding the only field to `binding` (for `transparent`).
    pub fn pattern_one(&self, binding: &Ident) -> TokenStream {
        let path = self.path();
        match (self.style, self.fields.first()) {
            (Style::Named, Some(field)) => {
                let name = &field.binding;
                quote!(#path { #name: #binding })
            }
            _ => quote!(#path ( #binding )),
        }
    }
}

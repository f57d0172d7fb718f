//! Emits the `FluxError` impl and the compile-time checks against the catalog's tables.
//!
//! For each case with a code, the expansion names the code once, as a `const` of the catalog's
//! `ErrorCode` written with the span of `code = X` (so an unknown code is rustc's own "no
//! variant named `X`", with its "similar name" suggestion, pointing at `X`), then asks the
//! generated `const fn ErrorCode::params()` at compile time whether every placeholder is filled
//! and every `param(...)` is a placeholder, panicking with a message on the offending tokens.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, LitStr};

use crate::ast::{Case, Input, Style};
use crate::{ast, valid};

/// The runtime the expansion calls (`flux_codes::__private`).
fn runtime() -> TokenStream {
    quote!(::flux_codes::__private)
}

pub fn derive(node: &DeriveInput) -> TokenStream {
    let mut errors = Vec::new();
    let input = match ast::Input::from_syn(node, &mut errors) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    valid::check(&input, &mut errors);
    match errors.into_iter().reduce(|mut all, e| {
        all.combine(e);
        all
    }) {
        Some(error) => {
            let errors = error.to_compile_error();
            let fallback = fallback_impl(&input);
            quote!(#errors #fallback)
        }
        None => impl_flux_error(&input),
    }
}

/// After an error, an impl that keeps the type usable as a `FluxError`, so the only errors
/// shown are the derive's own.
fn fallback_impl(input: &Input) -> TokenStream {
    let catalog = input.catalog();
    let ty = &input.original.ident;
    let (impl_generics, ty_generics, where_clause) = input.original.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #catalog::FluxError for #ty #ty_generics #where_clause {
            fn error_code(&self) -> #catalog::ErrorCode {
                ::core::unreachable!()
            }
        }
    }
}

fn impl_flux_error(input: &Input) -> TokenStream {
    let catalog = input.catalog();
    let ty = &input.original.ident;
    let (impl_generics, ty_generics, where_clause) = input.original.generics.split_for_impl();
    let codes: Vec<Option<Ident>> = input
        .cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            case.attrs
                .code
                .as_ref()
                .map(|_| format_ident!("__FLUX_CODE_{i}"))
        })
        .collect();
    let consts = input.cases.iter().zip(&codes).filter_map(|(case, name)| {
        let variant = &case.attrs.code.as_ref()?.value;
        Some(code_const(variant, name.as_ref()?, &catalog))
    });
    let checks = input.cases.iter().zip(&codes).filter_map(|(case, name)| {
        let variant = &case.attrs.code.as_ref()?.value;
        Some(checks(case, variant, name.as_ref()?, &catalog))
    });
    let methods = if input.cases.is_empty() {
        quote! {
            fn error_code(&self) -> #catalog::ErrorCode {
                match *self {}
            }
        }
    } else {
        methods(input, &codes, &catalog)
    };
    quote! {
        const _: () = {
            #(#consts)*
            #(#checks)*

            #[automatically_derived]
            impl #impl_generics #catalog::FluxError for #ty #ty_generics #where_clause {
                #methods
            }
        };
    }
}

/// `const __FLUX_CODE_i: ErrorCode = ErrorCode::X;`, the only place the variant is named.
fn code_const(code: &Ident, name: &Ident, catalog: &TokenStream) -> TokenStream {
    // A deprecated code gets rustc's deprecation warning, at `X`.
    let item = quote!(const #name: #catalog::ErrorCode = #catalog::ErrorCode::#code;);
    respan(item, code.span())
}

/// The `const` assertions of one case: every placeholder filled, every param a placeholder,
/// and a `detail` only for a code without a detail template.
fn checks(case: &Case, variant: &Ident, code: &Ident, catalog: &TokenStream) -> TokenStream {
    let rt = runtime();
    let attrs = &case.attrs;
    let code_span = variant.span();
    let fields: Vec<String> = case
        .fields
        .iter()
        .filter_map(|f| f.param_name.clone())
        .collect();
    let filled = fields
        .iter()
        .cloned()
        .chain(attrs.params.iter().map(|p| p.placeholder()));
    let describe = case.describe();
    let mut out = fail_if(
        code_span,
        quote!(#rt::unfilled_placeholder(
            #code.as_str(), #code.params(), &[#(#filled),*], &[#(#fields),*], #describe
        )),
    );
    for param in &attrs.params {
        let name = param.placeholder();
        out.extend(fail_if(
            param.name.span(),
            quote!(#rt::unknown_param(#code.as_str(), #code.params(), #name)),
        ));
    }
    if let Some(detail) = &attrs.detail {
        out.extend(fail_if(
            detail.value.span(),
            quote!(#rt::detail_conflict(
                #code.as_str(),
                #code.detail_template(#catalog::Locale::DEFAULT).is_some()
            )),
        ));
    }
    out
}

/// A `const` that fails compilation at `span` with the message `check` returns, if any.
fn fail_if(span: Span, check: TokenStream) -> TokenStream {
    let check = respan(check, span);
    quote_spanned! {span=>
        const _: () = if let ::core::option::Option::Some(message) = #check {
            ::core::panic!("{}", message.as_str())
        };
    }
}

fn methods(input: &Input, codes: &[Option<Ident>], catalog: &TokenStream) -> TokenStream {
    let inner = Ident::new("__flux_inner", Span::mixed_site());
    let visit = Ident::new("__flux_visit", Span::mixed_site());
    let mut error_code = Vec::new();
    let mut visit_params = Vec::new();
    let mut custom_detail = Vec::new();
    let mut any_detail = false;
    for (case, code) in input.cases.iter().zip(codes) {
        if case.attrs.transparent.is_some() {
            let one = case.pattern_one(&inner);
            // Named through the field's type, so a type that is no `FluxError` is the error.
            let ty = &case.fields[0].original.ty;
            let field = quote_spanned!(ty.span()=> <#ty as #catalog::FluxError>);
            error_code.push(quote!(#one => #field::error_code(#inner),));
            visit_params.push(quote!(#one => #field::visit_params(#inner, #visit),));
            custom_detail.push(quote!(#one => #field::custom_detail(#inner),));
            any_detail = true;
            continue;
        }
        let Some(code) = code else { continue };
        let any = case.pattern_any();
        let all = case.pattern_all();
        error_code.push(quote!(#any => #code,));
        let params = param_visits(case, code, &visit);
        visit_params.push(quote!(#all => { #params }));
        match &case.attrs.detail {
            Some(detail) => {
                any_detail = true;
                let format = format_string(case, &detail.value);
                custom_detail
                    .push(quote!(#all => ::core::option::Option::Some(::std::format!(#format)),));
            }
            None => custom_detail.push(quote!(#any => ::core::option::Option::None,)),
        }
    }
    let custom_detail = any_detail.then(|| {
        quote! {
            #[allow(unused_variables)]
            fn custom_detail(&self) -> ::core::option::Option<::std::string::String> {
                match self { #(#custom_detail)* }
            }
        }
    });
    quote! {
        fn error_code(&self) -> #catalog::ErrorCode {
            match self { #(#error_code)* }
        }

        fn visit_params(&self, #visit: &mut dyn ::core::ops::FnMut(&'static str, &dyn ::flux_codes::__private::DetailArg)) {
            match self { #(#visit_params)* }
        }

        #custom_detail
    }
}

/// The params of one case: each named field that is a placeholder of the code (decided at
/// compile time, so other fields may be of any type), then each `param(name = expr)`.
fn param_visits(case: &Case, code: &Ident, visit: &Ident) -> TokenStream {
    let rt = runtime();
    let explicit: Vec<String> = case.attrs.params.iter().map(|p| p.placeholder()).collect();
    let fields = case.fields.iter().filter_map(|field| {
        let name = field
            .param_name
            .as_ref()
            .filter(|n| !explicit.contains(n))?;
        let binding = &field.binding;
        let span = field.binding.span();
        let maybe_param = respan(quote!(#rt::MaybeParam), span);
        Some(quote_spanned! {span=>
            if let ::core::option::Option::Some(value) =
                #maybe_param::<{ #rt::param_kind(#code.params(), #code.param_kinds(), #name) }>::as_param(#binding)
            {
                #visit(#name, &value);
            }
        })
    });
    let explicit = case.attrs.params.iter().map(|param| {
        let name = param.placeholder();
        let value = &param.value;
        let maybe_param = respan(quote!(#rt::MaybeParam), value.span());
        quote_spanned! {value.span()=>
            if let ::core::option::Option::Some(value) =
                #maybe_param::<{ #rt::param_kind(#code.params(), #code.param_kinds(), #name) }>::as_param(&(#value))
            {
                #visit(#name, &value);
            }
        }
    });
    quote!(#(#fields)* #(#explicit)*)
}

/// The `detail` literal as a `format!` string over the case's bindings: named fields are
/// captured by name, and a tuple field's `{0}` becomes `{_0}`.
fn format_string(case: &Case, detail: &LitStr) -> LitStr {
    if case.style != Style::Tuple {
        return detail.clone();
    }
    let text = detail.value();
    let mut out = String::with_capacity(text.len() + 4);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        match (c, chars.peek()) {
            ('{', Some('{')) | ('}', Some('}')) => out.push(chars.next().expect("peeked")),
            ('{', Some(d)) if d.is_ascii_digit() => out.push('_'),
            _ => {}
        }
    }
    LitStr::new(&out, detail.span())
}

/// Gives every token of `tokens` the span `span` (so errors inside point there).
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tt| {
            if let proc_macro2::TokenTree::Group(g) = &tt {
                let mut group = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                group.set_span(span);
                tt = proc_macro2::TokenTree::Group(group);
            } else {
                tt.set_span(span);
            }
            tt
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(input: TokenStream) -> String {
        derive(&syn::parse2(input).unwrap()).to_string()
    }

    #[test]
    fn tuple_fields_in_a_detail_become_their_bindings() {
        let input: DeriveInput = syn::parse_quote!(
            enum E {
                V(u32, String),
            }
        );
        let input = Input::from_syn(&input, &mut Vec::new()).unwrap();
        let detail = LitStr::new("{0} of {1:?} {{0}} {}}}", Span::call_site());
        let format = format_string(&input.cases[0], &detail);
        assert_eq!(format.value(), "{_0} of {_1:?} {{0}} {}}}");
        let input: DeriveInput = syn::parse_quote!(
            enum E {
                V { a: u32 },
            }
        );
        let input = Input::from_syn(&input, &mut Vec::new()).unwrap();
        let detail = LitStr::new("{a} {0}", Span::call_site());
        assert_eq!(format_string(&input.cases[0], &detail).value(), "{a} {0}");
    }

    #[test]
    fn a_param_expression_ends_at_its_comma_not_at_one_inside_it() {
        let input: DeriveInput = syn::parse_quote!(
            enum E {
                #[flux(code = X, param(a = HashMap::<u8, u8>::new().len(), b = f(1, 2), c = x < y, d = [1, 2].len()))]
                V,
            }
        );
        let input = Input::from_syn(&input, &mut Vec::new()).unwrap();
        let params: Vec<(String, String)> = input.cases[0]
            .attrs
            .params
            .iter()
            .map(|p| (p.placeholder(), p.value.to_string()))
            .collect();
        let expected = [
            ("a", "HashMap :: < u8 , u8 > :: new () . len ()"),
            ("b", "f (1 , 2)"),
            ("c", "x < y"),
            ("d", "[1 , 2] . len ()"),
        ];
        assert_eq!(params, expected.map(|(n, v)| (n.to_owned(), v.to_owned())));
    }

    #[test]
    fn every_mistake_is_reported_at_once_with_a_fallback_impl() {
        let out = expand(quote! {
            enum E {
                #[flux(cod = X)]
                A,
                B,
                #[flux(code = X, code = Y)]
                C,
            }
        });
        assert!(
            out.contains("unknown key `cod` in `#[flux]`; did you mean `code`?"),
            "{out}"
        );
        assert!(out.contains("variant `B` has no catalog code"), "{out}");
        assert!(out.contains("duplicate `code` in `#[flux]`"), "{out}");
        assert!(!out.contains("variant `A` has no catalog code"), "{out}");
        assert!(out.contains(":: core :: unreachable !"), "{out}");
    }

    #[test]
    fn a_field_is_a_param_only_if_the_catalog_says_so_at_compile_time() {
        let out = expand(quote! {
            #[flux(catalog = crate::codes, code = MaxAmountExceeded, param(other = 1))]
            struct S { max_amount: String, request: Vec<u8> }
        });
        assert!(out.contains("const __FLUX_CODE_0 : crate :: codes :: ErrorCode = crate :: codes :: ErrorCode :: MaxAmountExceeded ;"), "{out}");
        assert!(out.contains("MaybeParam :: < { :: flux_codes :: __private :: param_kind (__FLUX_CODE_0 . params () , __FLUX_CODE_0 . param_kinds () , \"request\") } >"), "{out}");
        assert!(out.contains("unfilled_placeholder (__FLUX_CODE_0 . as_str () , __FLUX_CODE_0 . params () , & [\"max_amount\" , \"request\" , \"other\"] , & [\"max_amount\" , \"request\"] , \"struct `S`\")"), "{out}");
        assert!(
            out.contains(
                "unknown_param (__FLUX_CODE_0 . as_str () , __FLUX_CODE_0 . params () , \"other\")"
            ),
            "{out}"
        );
        assert!(
            out.contains("impl crate :: codes :: FluxError for S"),
            "{out}"
        );
    }
}

//! Checks the derive can make without the catalog: where each key goes, which keys go together,
//! and that every case has a code. (What needs the catalog, whether a code exists and which
//! placeholders it has, is checked by the compiler against the generated tables: `expand.rs`.)

use syn::Error;

use crate::ast::{Case, Input};

pub fn check(input: &Input, errors: &mut Vec<Error>) {
    let in_enum = input.is_enum;
    if in_enum {
        for key in input.attrs.case_keys() {
            errors.push(Error::new(
                key.span(),
                format!("`{key}` goes on each variant of an enum, not on the enum"),
            ));
        }
    }
    for case in &input.cases {
        check_case(case, in_enum, errors);
    }
}

fn check_case(case: &Case, in_enum: bool, errors: &mut Vec<Error>) {
    let attrs = &case.attrs;
    if in_enum && let Some(catalog) = &attrs.catalog {
        errors.push(Error::new(
            catalog.key.span(),
            "`catalog` goes on the enum, not on a variant",
        ));
    }
    for field in &case.fields {
        if let Some(attr) = field
            .original
            .attrs
            .iter()
            .find(|a| a.path().is_ident("flux"))
        {
            errors.push(Error::new_spanned(
                attr,
                "`#[flux]` goes on the variant or the struct, not on a field: a field fills the \
                 placeholder of its name, and `param(name = field)` fills another",
            ));
        }
    }
    if let Some(transparent) = &attrs.transparent {
        for key in attrs
            .case_keys()
            .into_iter()
            .filter(|k| *k != "transparent")
        {
            errors.push(Error::new(
                key.span(),
                format!(
                    "`transparent` takes the code, params and detail of the field: remove `{key}`"
                ),
            ));
        }
        if case.fields.len() != 1 {
            errors.push(Error::new(
                transparent.span(),
                format!(
                    "`transparent` forwards to the one field of {}, which has {} fields",
                    case.describe(),
                    case.fields.len()
                ),
            ));
        }
    } else if attrs.code.is_none() && !attrs.broken {
        let or_transparent = if case.fields.len() == 1 {
            ", or `#[flux(transparent)]` to take its field's"
        } else {
            ""
        };
        errors.push(Error::new(
            case.name.span(),
            format!(
                "{} has no catalog code: add `#[flux(code = ...)]`{or_transparent}",
                case.describe()
            ),
        ));
    }
}

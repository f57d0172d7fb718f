//! Example renderings of a detail: which values to render it with, so that each option of its
//! plural or select shows once, for the translators' notes ([`crate::render::l10n`]) and the
//! docs page ([`crate::render::html`]); and their rendering, by the runtime's own renderer
//! (`flux_codes_core::render`, what the API answers with), so a reader sees exactly what a
//! client will.

use flux_codes_core::{Decimal, DetailArg, LocaleData};

use crate::message::{Branch, Key, Message, Node, Param, ParamType};
use crate::plural;

/// Renders a detail as the API answers it: `message` in the catalog locale `tag`, each param
/// given a value as written (a number as a decimal string, passed as an exact [`Decimal`]).
pub fn render_example(message: &Message, tag: &str, values: &[(&Param, String)]) -> String {
    let numbers: Vec<Option<Decimal>> = values
        .iter()
        .map(|(p, v)| p.ty.is_numeric().then(|| v.parse().ok()).flatten())
        .collect();
    let args: Vec<(&str, &dyn DetailArg)> = values
        .iter()
        .zip(&numbers)
        .map(|((p, v), number)| {
            let arg: &dyn DetailArg = match number {
                Some(number) => number,
                None => v,
            };
            (p.name.as_str(), arg)
        })
        .collect();
    flux_codes_core::render(&message.parts(), &LocaleData::new(tag), &args)
}

/// The locale examples are for, and its text of the detail (`None` while it has no
/// translation).
pub struct Target<'a> {
    pub tag: &'a str,
    pub translation: Option<&'a Message>,
}

/// Sets of values to render a detail with: one per option of its first plural or select, with
/// a value that reaches that option (`attempts_left = 1`), first the options of `source` (the
/// default locale's text) then those of the target's translation; a plural gets a value too
/// for each CLDR category the target locale needs (`attempts_left = 1000000` for `es` `many`).
/// A message without either gets one set of sample values.
pub fn example_values<'p>(
    source_tag: &str,
    source: &Message,
    target: &Target<'_>,
    params: &'p [Param],
) -> Vec<Vec<(&'p Param, String)>> {
    let samples: Vec<(&Param, String)> = params
        .iter()
        .map(|p| {
            let value = match &p.ty {
                ParamType::String => format!("<{}>", p.name),
                ParamType::Number => "1234.5".to_owned(),
                ParamType::Integer => "3".to_owned(),
                ParamType::Select { keys } => keys.first().cloned().unwrap_or_default(),
            };
            (p, value)
        })
        .collect();
    let Some((name, chooser_values)) = chooser_values(source_tag, source, target) else {
        return vec![samples];
    };
    chooser_values
        .into_iter()
        .map(|value| {
            samples
                .iter()
                .map(|(p, v)| {
                    let v = if p.name == name { &value } else { v };
                    (*p, v.clone())
                })
                .collect()
        })
        .collect()
}

/// A set of values as a reader sees them: `attempts_left = 0, reference = <reference>`.
pub fn shown_values(values: &[(&Param, String)]) -> String {
    values
        .iter()
        .map(|(p, v)| format!("{} = {v}", p.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first plural or select of `source` and a value for each of its options (as written,
/// then the target locale's categories), without repeats.
fn chooser_values(
    source_tag: &str,
    source: &Message,
    target: &Target<'_>,
) -> Option<(String, Vec<String>)> {
    let chooser = |message: &Message| {
        message.nodes.iter().find_map(|node| match node {
            Node::Plural {
                name,
                offset,
                branches,
                ..
            } => Some((name.clone(), Some(*offset), branches.clone())),
            Node::Select { name, branches, .. } => Some((name.clone(), None, branches.clone())),
            _ => None,
        })
    };
    let (name, offset, branches) = chooser(source)?;
    let option_values = |tag: &str, offset: Option<i64>, branches: &[Branch]| {
        let exact = Branch::exact_values(branches);
        branches
            .iter()
            .filter_map(|branch| match (&branch.key, offset) {
                (Key::Exact(n), _) => Some(n.to_string()),
                (Key::Keyword(category), Some(offset)) => {
                    plural::example_beyond(tag, category, offset, &exact)
                }
                (Key::Keyword(key), None) if key == "other" => Some("something-else".to_owned()),
                (Key::Keyword(key), None) => Some(key.clone()),
            })
            .collect::<Vec<String>>()
    };
    let mut values = option_values(source_tag, offset, &branches);
    if let Some(offset) = offset {
        // The target's own plural (its `=N` options and offset), or the source's while it has
        // no translation; a value for each category the target locale needs.
        let (target_offset, target_branches) = target
            .translation
            .and_then(chooser)
            .filter(|(n, _, _)| *n == name)
            .and_then(|(_, o, b)| Some((o?, b)))
            .unwrap_or((offset, branches));
        let exact = Branch::exact_values(&target_branches);
        values.extend(option_values(
            target.tag,
            Some(target_offset),
            &target_branches,
        ));
        for category in plural::plural_categories(target.tag).unwrap_or_default() {
            values.extend(plural::example_beyond(
                target.tag,
                category,
                target_offset,
                &exact,
            ));
        }
    }
    let mut unique = Vec::new();
    for value in values {
        if !unique.contains(&value) {
            unique.push(value);
        }
    }
    Some((name, unique))
}

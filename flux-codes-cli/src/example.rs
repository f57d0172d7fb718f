//! Example renderings of a detail for translators' files, made by the runtime's own renderer
//! (`flux_codes::__private::render`, what the API answers with), so a translator sees exactly
//! what a client will.

use flux_codes::__private::{DetailArg, LocaleData, Part, PluralKey, render};
use flux_codes::Decimal;
use flux_codes_gen::message::{Key, Message, Node, NumberStyle, Param};

/// Renders `message` in `locale` with `values` (numbers as decimal strings): the
/// [`flux_codes_gen::render::l10n::ExampleRenderer`] of `l10n export`.
pub fn render_example(message: &Message, locale: &str, values: &[(&Param, String)]) -> String {
    // The runtime's messages are the generated code's statics; a CLI run renders a few
    // examples, so leaking their parts once per example is bounded and keeps the runtime's
    // renderer the only one.
    let parts = parts(&message.nodes);
    let locale = LocaleData::new(leak(locale));
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
    render(parts, &locale, &args)
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

fn parts(nodes: &[Node]) -> &'static [Part] {
    let parts: Vec<Part> = nodes
        .iter()
        .map(|node| match node {
            Node::Text { text, .. } => Part::Text(leak(text)),
            Node::Arg { name, .. } => Part::Arg(leak(name)),
            Node::Number { name, style, .. } => Part::Number {
                name: leak(name),
                integer: *style == NumberStyle::Integer,
            },
            Node::Plural {
                name,
                offset,
                branches,
                ..
            } => Part::Plural {
                name: leak(name),
                offset: *offset,
                options: Box::leak(
                    branches
                        .iter()
                        .map(|b| (plural_key(&b.key), parts(&b.nodes)))
                        .collect(),
                ),
            },
            Node::Select { name, branches, .. } => Part::Select {
                name: leak(name),
                options: Box::leak(
                    branches
                        .iter()
                        .map(|b| (leak(&b.key_text), parts(&b.nodes)))
                        .collect(),
                ),
            },
            Node::Pound { .. } => Part::Pound,
            // A node of a later generator: left out of the example.
            _ => Part::Text(""),
        })
        .collect();
    Box::leak(parts.into_boxed_slice())
}

/// The runtime's key of a plural option (the validator accepts only CLDR categories and `=N`).
fn plural_key(key: &Key) -> PluralKey {
    match key {
        Key::Exact(n) => PluralKey::Exact(*n),
        Key::Keyword(category) => match category.as_str() {
            "zero" => PluralKey::Zero,
            "one" => PluralKey::One,
            "two" => PluralKey::Two,
            "few" => PluralKey::Few,
            "many" => PluralKey::Many,
            _ => PluralKey::Other,
        },
        _ => PluralKey::Other,
    }
}

//! The runtime's detail rendering (`flux_codes_core::render`, what `detail()` and every
//! API error answer run) on any message the generator's parser accepts, in locales with every
//! CLDR plural category, with extreme arguments: NaN, infinities, -0.0, 1e308, subnormals,
//! i128::MIN, u128::MAX, 38- and 64-digit decimals, 1 MiB strings, a missing value, and every
//! param given every kind of value (a string for a plural, a float for a select, ...).
//! Invariants: no panic; the output is bounded by the message and the arguments (each
//! argument node shows at most one value: its text, or a number of at most `NUMBER_BYTES`);
//! rendering is deterministic; `ParamValue` keeps the value and serializes.
#![no_main]

use flux_codes_core::{Decimal, DetailArg, LocaleData, ParamKind, ParamValue, render};
use flux_codes_gen::message::{Node, parse};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

/// Locales with every plural category between them (ar: zero..many; ru: few/many; fr: many
/// for millions; ja: other only), the catalog's own, and a tag ICU4X has no data for.
static LOCALES: [LocaleData<'static>; 9] = [
    LocaleData::new("en"),
    LocaleData::new("es"),
    LocaleData::new("pt-BR"),
    LocaleData::new("ar"),
    LocaleData::new("ru"),
    LocaleData::new("fr"),
    LocaleData::new("ja"),
    LocaleData::new("cy"),
    LocaleData::new("zz-Qaaa-x-none"),
];

/// The most bytes one formatted number takes: 1e308 with grouping and three fraction digits in
/// a locale with multi-byte digits and separators stays far below this.
const NUMBER_BYTES: usize = 4096;

/// An argument's value, owned.
enum Arg {
    Text(String),
    Int(i128),
    UInt(u128),
    Float(f64),
    Decimal(Decimal),
    Char(char),
}

impl Arg {
    fn as_detail_arg(&self) -> &dyn DetailArg {
        match self {
            Arg::Text(s) => s,
            Arg::Int(n) => n,
            Arg::UInt(n) => n,
            Arg::Float(f) => f,
            Arg::Decimal(d) => d,
            Arg::Char(c) => c,
        }
    }

    /// The most bytes this value adds where an argument shows it.
    fn shown_bytes(&self) -> usize {
        match self {
            Arg::Text(s) => s.len(),
            _ => NUMBER_BYTES,
        }
    }
}

/// Names of the arguments of `nodes`, with how many nodes show a value.
fn arguments(nodes: &[Node], names: &mut Vec<String>, shown: &mut usize) {
    for node in nodes {
        match node {
            Node::Text { .. } => {}
            Node::Pound { .. } => *shown += 1,
            Node::Arg { name, .. } | Node::Number { name, .. } => {
                *shown += 1;
                names.push(name.clone());
            }
            Node::Plural { name, branches, .. } | Node::Select { name, branches, .. } => {
                names.push(name.clone());
                for b in branches {
                    arguments(&b.nodes, names, shown);
                }
            }
            other => panic!("a node this target does not know: {other:?}"),
        }
    }
}

fn value(u: &mut Unstructured<'_>, shown: usize) -> Result<Option<Arg>> {
    Ok(Some(match u.int_in_range(0..=11u8)? {
        0 => return Ok(None),
        1 => Arg::Text(u.arbitrary()?),
        // A 1 MiB string (when few nodes show it: the output is a copy per node).
        2 if shown <= 16 => Arg::Text(
            char::from(u.int_in_range(b'a'..=b'z')?)
                .to_string()
                .repeat(1 << 20),
        ),
        2 => Arg::Text("m".repeat(4096)),
        3 => Arg::Int(i128::from(u.arbitrary::<i64>()?)),
        4 => Arg::Int(*u.choose(&[i128::MIN, i128::MAX, i128::from(i64::MIN), 0, 1, 2, -1])?),
        5 => Arg::UInt(*u.choose(&[u128::MAX, u128::from(u64::MAX), 0, 21])?),
        6 => Arg::Float(f64::from_bits(u.arbitrary()?)),
        7 => Arg::Float(*u.choose(&[
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
            0.0,
            1e308,
            -1e308,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            0.5,
            1.0005,
            -2.5,
            1e21,
        ])?),
        8 => {
            // Up to 70 digits, a sign and a point: 38 digits and more, over MAX_DECIMAL_DIGITS.
            let digits = u.int_in_range(1..=70usize)?;
            let mut text = if u.arbitrary()? {
                "-".to_owned()
            } else {
                String::new()
            };
            let point = u.int_in_range(0..=digits)?;
            for i in 0..digits {
                if i == point && i > 0 {
                    text.push('.');
                }
                text.push(char::from(b'0' + u.int_in_range(0..=9u8)?));
            }
            match text.parse::<Decimal>() {
                Ok(d) => Arg::Decimal(d),
                Err(_) => Arg::Text(text),
            }
        }
        9 => Arg::Decimal(Decimal::from_scaled(u.arbitrary()?, u.arbitrary()?)),
        10 => Arg::Char(u.arbitrary()?),
        _ => Arg::Text(
            u.choose(&[
                "one", "other", "few", "=1", "", "NaN", "1e308", "500.00", "-0",
            ])?
            .to_string(),
        ),
    }))
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let locale = u.choose(&LOCALES)?;
    let len = u.int_in_range(0..=u.len())?;
    let text = String::from_utf8_lossy(u.bytes(len)?).into_owned();
    let Ok(message) = parse(&text) else {
        return Ok(());
    };
    let mut names = Vec::new();
    let mut shown = 0;
    arguments(&message.nodes, &mut names, &mut shown);
    names.sort();
    names.dedup();
    let mut values: Vec<(String, Arg)> = Vec::new();
    for name in names {
        if let Some(v) = value(u, shown)? {
            values.push((name, v));
        }
    }
    let args: Vec<(&str, &dyn DetailArg)> = values
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_detail_arg()))
        .collect();
    // The generator's parts of the message, as generated code holds them.
    let parts = message.parts();
    let rendered = render(&parts, locale, &args);
    let widest = values
        .iter()
        .map(|(_, v)| v.shown_bytes())
        .max()
        .unwrap_or(0);
    // A missing value shows as `{name}` (at most its source) or picks `other`.
    let bound = text.len() + shown * (widest.max(NUMBER_BYTES) + 2);
    assert!(
        rendered.len() <= bound,
        "{} bytes rendered, bound {bound}",
        rendered.len()
    );
    assert_eq!(
        render(&parts, locale, &args),
        rendered,
        "rendering is deterministic"
    );
    for (_, value) in &values {
        let arg = value.as_detail_arg();
        for kind in [
            ParamKind::String,
            ParamKind::Number,
            ParamKind::Integer,
            ParamKind::Select,
        ] {
            let _ = kind.accepts(arg);
        }
        let owned = ParamValue::new(arg);
        let json = serde_json::to_string(&owned).expect("a param value serializes");
        assert!(json.len() <= value.shown_bytes().max(NUMBER_BYTES) * 6 + 2);
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});

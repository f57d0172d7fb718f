//! Every measured case: one lookup path of one alternative on one catalog, run over an input
//! set. The wall-clock harness (Criterion) and the callgrind harness run the same closures.

use std::collections::HashMap;
use std::fmt::Display;
use std::hint::black_box;
use std::str::FromStr;

use crate::catalogs::{self, Inputs};

/// One case: `run` performs `inputs` lookups.
pub struct Case {
    /// `from_code_hit`, ..., `as_str`, `http_status`, `message`, `detail`.
    pub group: String,
    /// `flux-codes`, `strum`, ..., or `baseline` (the same loop doing nothing, for callgrind).
    pub alt: &'static str,
    pub catalog: &'static str,
    pub inputs: usize,
    pub run: Box<dyn Fn()>,
}

/// A case that calls `f` on every item of `set`.
fn case<T: 'static>(
    group: &str,
    alt: &'static str,
    catalog: &'static str,
    set: Vec<T>,
    f: impl Fn(&T) + 'static,
) -> Case {
    Case {
        group: group.to_owned(),
        alt,
        catalog,
        inputs: set.len(),
        run: Box::new(move || {
            for x in &set {
                f(black_box(x));
            }
        }),
    }
}

/// The cases of one catalog module.
macro_rules! catalog_cases {
    ($m:ident, postgres = $pg:expr) => {{
        use catalogs::$m::{alt, flux};
        let id = stringify!($m);
        let mut cases = Vec::new();
        let codes: Vec<&'static str> = flux::ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        let inputs = Inputs::new(&codes);
        let map: &'static HashMap<&'static str, alt::Code> =
            Box::leak(Box::new(alt::PAIRS.iter().copied().collect()));
        // String -> code.
        for (class, set) in &inputs.sets {
            let g = format!("from_code_{class}");
            let s = || set.clone();
            cases.push(case(&g, "baseline", id, s(), |s| {
                black_box(s);
            }));
            cases.push(case(&g, "flux-codes", id, s(), |s| {
                black_box(flux::ErrorCode::from_code(s));
            }));
            cases.push(case(&g, "flux-codes_FromStr", id, s(), |s| {
                black_box(flux::ErrorCode::from_str(s).ok());
            }));
            cases.push(case(&g, "strum", id, s(), |s| {
                black_box(alt::Code::from_str(s).ok());
            }));
            cases.push(case(&g, "phf", id, s(), |s| {
                black_box(alt::PHF.get(*s).copied());
            }));
            cases.push(case(&g, "HashMap", id, s(), move |s| {
                black_box(map.get(*s).copied());
            }));
            if $pg {
                let states: Vec<&'static str> = set.iter().map(|s| catalogs::sqlstate(s)).collect();
                cases.push(case(&g, "tokio-postgres", id, states, |s| {
                    black_box(tokio_postgres::error::SqlState::from_code(s));
                }));
            }
        }
        // Code -> facts, on the same codes in both forms (`alt::PAIRS[i]` is `ALL[i]`).
        let index: HashMap<&str, usize> = codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
        let hits = inputs.get("hit");
        let ours: Vec<flux::ErrorCode> = hits
            .iter()
            .map(|s| flux::ErrorCode::ALL[index[s]])
            .collect();
        let theirs: Vec<alt::Code> = hits.iter().map(|s| alt::PAIRS[index[s]].1).collect();
        let (en, alt_en) = (flux::Locale::ALL[0], alt::Locale::En);
        for g in ["as_str", "http_status", "message"] {
            cases.push(case(g, "baseline", id, ours.clone(), |c| {
                black_box(c);
            }));
        }
        cases.push(case("as_str", "flux-codes", id, ours.clone(), |c| {
            black_box(c.as_str());
        }));
        cases.push(case("as_str", "strum", id, theirs.clone(), |c| {
            black_box(c.as_str());
        }));
        cases.push(case("http_status", "flux-codes", id, ours.clone(), |c| {
            black_box(c.http_status());
        }));
        cases.push(case("http_status", "strum", id, theirs.clone(), |c| {
            black_box(c.http_status());
        }));
        cases.push(case("message", "flux-codes", id, ours.clone(), move |c| {
            black_box(c.message(en));
        }));
        cases.push(case("message", "strum", id, theirs.clone(), move |c| {
            black_box(c.message(alt_en));
        }));
        // Detail: codes that have one (up to 256), every param filled.
        const VALUE: &dyn Display = &"500.00";
        const ARG: &dyn flux_codes::DetailArg = &"500.00";
        // (Codes with a plural or select have no `format!` counterpart: left out.)
        let with_detail: Vec<usize> = (0..ours.len())
            .filter(|&i| !ours[i].params().is_empty())
            .filter(|&i| {
                ours[i].param_kinds().iter().all(|k| {
                    matches!(
                        k,
                        flux_codes::ParamKind::String | flux_codes::ParamKind::Number
                    )
                })
            })
            .take(256)
            .collect();
        if !with_detail.is_empty() {
            let ours_d: Vec<(flux::ErrorCode, Vec<(&str, &dyn flux_codes::DetailArg)>)> =
                with_detail
                    .iter()
                    .map(|&i| {
                        (
                            ours[i],
                            ours[i].params().iter().map(|p| (*p, ARG)).collect(),
                        )
                    })
                    .collect();
            let theirs_d: Vec<(alt::Code, Vec<&dyn Display>)> = with_detail
                .iter()
                .map(|&i| (theirs[i], vec![VALUE; ours[i].params().len()]))
                .collect();
            cases.push(case("detail", "baseline", id, theirs_d.clone(), |d| {
                black_box(d);
            }));
            cases.push(case(
                "detail",
                "flux-codes",
                id,
                ours_d,
                move |(c, args)| {
                    let _ = black_box(c.detail(en, args));
                },
            ));
            cases.push(case("detail", "strum", id, theirs_d, move |(c, args)| {
                black_box(c.detail(alt_en, args));
            }));
        }
        cases
    }};
}

/// `Accept-Language` values as browsers and clients send them.
pub const BROWSER_HEADERS: [&str; 8] = [
    "es-CL,es;q=0.9,en-US;q=0.8,en;q=0.7", // Chrome, Chilean Spanish
    "en-US,en;q=0.9",                      // Chrome, US English
    "en-US,en;q=0.5",                      // Firefox
    "es-ES,es;q=0.9",                      // Safari
    "pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7", // no Portuguese: falls back to English
    "fr-FR,fr;q=0.9,de;q=0.8,*;q=0.5",     // a wildcard
    "*",                                   // curl-like clients that send any
    "",                                    // no header
];

/// A problem body as a team writes it by hand: a struct with serde's derive.
#[derive(serde::Serialize)]
struct HandProblem<'a> {
    #[serde(rename = "type")]
    type_uri: &'a str,
    title: &'a str,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    code: &'a str,
    retryable: bool,
    params: std::collections::BTreeMap<&'a str, &'a flux_codes::ParamValue>,
}

/// The detail renderer before ICU MessageFormat (#13): `{name}` filled with `Display` values,
/// `{{`/`}}` as literal braces. Kept here as the baseline the typed, localized `detail` is
/// measured against.
fn render_template_before(template: &str, args: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let Some(name) = tail
            .strip_prefix('{')
            .and_then(|t| t.split_once('}'))
            .map(|(n, _)| n)
        {
            match args.iter().find(|(key, _)| *key == name) {
                Some((_, value)) => {
                    let _ = write!(out, "{value}");
                }
                None => {
                    let _ = write!(out, "{{{name}}}");
                }
            }
            rest = &tail[name.len() + 2..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The Spanish details of `ERR_MAX_AMOUNT_EXCEEDED` and `ERR_PIN_ATTEMPTS_EXCEEDED` as a team
/// writes them by hand with ICU4X: a `DecimalFormatter` and `PluralRules` made once per locale
/// and kept (as flux-codes keeps its own), the number rounded as flux-codes rounds it (at most
/// three fraction digits, half away from zero), the plural form chosen in a `match`, the
/// sentence written by `format!`. The same strings as `ErrorCode::detail` (checked when the
/// suite runs as a test).
mod hand_written {
    use std::sync::LazyLock;

    use fixed_decimal::{Decimal, FloatPrecision, SignedRoundingMode, UnsignedRoundingMode};
    use icu_decimal::DecimalFormatter;
    use icu_plurals::{PluralCategory, PluralRules};

    struct Spanish {
        decimal: DecimalFormatter,
        plurals: PluralRules,
    }

    static ES: LazyLock<Spanish> = LazyLock::new(|| {
        let locale: icu_locale_core::Locale = "es".parse().expect("a locale");
        Spanish {
            decimal: DecimalFormatter::try_new((&locale).into(), Default::default())
                .expect("CLDR data for es"),
            plurals: PluralRules::try_new_cardinal((&locale).into()).expect("CLDR data for es"),
        }
    });

    pub fn max_amount(amount: f64) -> String {
        let mut d = Decimal::try_from_f64(amount, FloatPrecision::RoundTrip).unwrap_or_default();
        d.round_with_mode(
            -3,
            SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand),
        );
        d.trim_end();
        format!(
            "El monto máximo para este pago es {}.",
            ES.decimal.format(&d)
        )
    }

    pub fn attempts_left(n: u32) -> String {
        if n == 0 {
            return "No quedan intentos; el medio de pago está bloqueado.".to_owned();
        }
        let d = Decimal::from(n);
        let formatted = ES.decimal.format(&d);
        match ES.plurals.category_for(n) {
            PluralCategory::One => {
                format!("Solo queda {formatted} intento antes de que se bloquee el medio de pago.")
            }
            PluralCategory::Many => {
                format!("Quedan {formatted} de intentos antes de que se bloquee el medio de pago.")
            }
            _ => format!("Quedan {formatted} intentos antes de que se bloquee el medio de pago."),
        }
    }
}

/// Panics unless the hand-written details are the strings `ErrorCode::detail` renders, on
/// every input of the detail cases: the comparison is of the same work.
pub fn check_hand_written_details() {
    use flux_codes::{ErrorCode, Locale};
    for a in detail_amounts() {
        let ours = ErrorCode::MaxAmountExceeded.detail(Locale::Es, &[("max_amount", &a)]);
        assert_eq!(ours.as_deref(), Ok(hand_written::max_amount(a).as_str()));
    }
    for n in detail_attempts() {
        let ours = ErrorCode::PinAttemptsExceeded.detail(Locale::Es, &[("attempts_left", &n)]);
        assert_eq!(ours.as_deref(), Ok(hand_written::attempts_left(n).as_str()));
    }
}

fn detail_amounts() -> Vec<f64> {
    (0..64).map(|i| 1234.5 + f64::from(i) * 1000.25).collect()
}

fn detail_attempts() -> Vec<u32> {
    (0..64).map(|i| i % 6).collect()
}

/// `ErrorCode::detail` with a number and with a plural param (Spanish, ICU4X formatting),
/// against the same sentences written by hand with ICU4X (`hand_written`), `format!` alone
/// (no localized number) and the string-only template renderer it replaced.
fn detail_cases() -> Vec<Case> {
    use flux_codes::{Decimal, ErrorCode, Locale};
    let mut cases = Vec::new();
    let amounts = detail_amounts();
    cases.push(case(
        "detail_number",
        "baseline",
        "flux",
        amounts.clone(),
        |a| {
            black_box(a);
        },
    ));
    cases.push(case(
        "detail_number",
        "format!",
        "flux",
        amounts.clone(),
        |a| {
            black_box(format!("El monto máximo para este pago es {a}."));
        },
    ));
    cases.push(case(
        "detail_number",
        "template (before #13)",
        "flux",
        amounts.clone(),
        |a| {
            black_box(render_template_before(
                "El monto máximo para este pago es {max_amount}.",
                &[("max_amount", a as &dyn Display)],
            ));
        },
    ));
    cases.push(case(
        "detail_number",
        "icu4x",
        "flux",
        amounts.clone(),
        |a| {
            black_box(hand_written::max_amount(*a));
        },
    ));
    cases.push(case("detail_number", "flux-codes", "flux", amounts, |a| {
        let _ = black_box(ErrorCode::MaxAmountExceeded.detail(Locale::Es, &[("max_amount", a)]));
    }));
    let decimals: Vec<Decimal> = (0..64)
        .map(|i| Decimal::from_scaled(50_000 + i, 2))
        .collect();
    cases.push(case(
        "detail_decimal",
        "flux-codes",
        "flux",
        decimals,
        |d| {
            let _ =
                black_box(ErrorCode::MaxAmountExceeded.detail(Locale::Es, &[("max_amount", d)]));
        },
    ));
    let attempts = detail_attempts();
    cases.push(case(
        "detail_plural",
        "baseline",
        "flux",
        attempts.clone(),
        |n| {
            black_box(n);
        },
    ));
    cases.push(case(
        "detail_plural",
        "format!",
        "flux",
        attempts.clone(),
        |n| {
            black_box(match n {
                0 => "No quedan intentos; el medio de pago está bloqueado.".to_owned(),
                1 => "Solo queda 1 intento antes de que se bloquee el medio de pago.".to_owned(),
                n => format!("Quedan {n} intentos antes de que se bloquee el medio de pago."),
            });
        },
    ));
    cases.push(case(
        "detail_plural",
        "icu4x",
        "flux",
        attempts.clone(),
        |n| {
            black_box(hand_written::attempts_left(*n));
        },
    ));
    cases.push(case("detail_plural", "flux-codes", "flux", attempts, |n| {
        let _ =
            black_box(ErrorCode::PinAttemptsExceeded.detail(Locale::Es, &[("attempts_left", n)]));
    }));
    cases
}

/// `Locale::negotiate` and `ApiError` -> JSON, on the real `flux_codes` crate (the Flux catalog).
fn http_cases() -> Vec<Case> {
    use flux_codes::{ApiError, ErrorCode, Locale};
    let mut cases = Vec::new();
    let headers: Vec<&'static str> = BROWSER_HEADERS.iter().copied().cycle().take(256).collect();
    cases.push(case(
        "negotiate",
        "baseline",
        "flux",
        headers.clone(),
        |h| {
            black_box(h);
        },
    ));
    cases.push(case("negotiate", "flux-codes", "flux", headers, |h| {
        black_box(Locale::negotiate(h));
    }));
    // Errors as a payment service answers them: with and without params, both languages.
    let errors: Vec<(ApiError, Locale)> = (0..64)
        .map(|i| {
            let locale = if i % 2 == 0 { Locale::En } else { Locale::Es };
            let error = match i % 4 {
                0 => ApiError::new(ErrorCode::MaxAmountExceeded).param("max_amount", "500.00"),
                1 => ApiError::new(ErrorCode::QrExpired),
                2 => ApiError::new(ErrorCode::MinAmountSubceed).param("min_amount", "1.00"),
                _ => ApiError::new(ErrorCode::InsufficientBalance),
            };
            (error, locale)
        })
        .collect();
    let errors: &'static [(ApiError, Locale)] = Box::leak(errors.into_boxed_slice());
    cases.push(case(
        "api_error_json",
        "baseline",
        "flux",
        errors.iter().collect(),
        |e| {
            black_box(e);
        },
    ));
    cases.push(case(
        "api_error_json",
        "flux-codes",
        "flux",
        errors.iter().collect(),
        |(e, l)| {
            black_box(e.to_problem(*l).to_json());
        },
    ));
    cases.push(case(
        "api_error_json",
        "serde_derive",
        "flux",
        errors.iter().collect(),
        |(e, l)| {
            let code = e.code();
            let params: std::collections::BTreeMap<&str, &flux_codes::ParamValue> =
                e.params().collect();
            let args: Vec<(&str, &dyn flux_codes::DetailArg)> = params
                .iter()
                .map(|(k, v)| (*k, *v as &dyn flux_codes::DetailArg))
                .collect();
            let body = HandProblem {
                type_uri: code.docs_url().unwrap_or("about:blank"),
                title: code.message(*l),
                status: code.http_status(),
                detail: code.detail(*l, &args).ok(),
                code: code.as_str(),
                retryable: code.is_retryable(),
                params,
            };
            black_box(serde_json::to_vec(&body).expect("serializes"));
        },
    ));
    cases
}

/// The cases of the catalog `id` (see `catalogs::CATALOGS`).
pub fn cases(id: &str) -> Vec<Case> {
    match id {
        "flux" => {
            let mut cases = catalog_cases!(flux, postgres = false);
            cases.extend(http_cases());
            cases.extend(detail_cases());
            cases
        }
        "postgres" => catalog_cases!(postgres, postgres = true),
        "synth1000" => catalog_cases!(synth1000, postgres = false),
        "synth10000" => catalog_cases!(synth10000, postgres = false),
        _ => panic!("no catalog `{id}`"),
    }
}

/// The groups, in report order, with what they measure and which alternatives they compare.
pub fn groups() -> Vec<(String, String, Vec<&'static str>)> {
    let mut groups: Vec<_> = catalogs::CLASSES
        .iter()
        .map(|class| {
            let alts = vec![
                "flux-codes",
                "flux-codes_FromStr",
                "strum",
                "phf",
                "HashMap",
                "tokio-postgres",
            ];
            (
                format!("from_code_{class}"),
                format!("string -> code, {}", catalogs::class_doc(class)),
                alts,
            )
        })
        .collect();
    for (group, what) in [
        ("as_str", "code -> `as_str()`"),
        ("http_status", "code -> `http_status()`"),
        ("message", "code -> `message(locale)`"),
        (
            "detail",
            "code -> `detail(locale, params)`, rendered into a new `String`",
        ),
    ] {
        groups.push((
            group.to_owned(),
            what.to_owned(),
            vec!["flux-codes", "strum"],
        ));
    }
    for (group, what, alts) in [
        (
            "detail_number",
            "`detail(Locale::Es, ...)` of a `{max_amount, number}` detail (f64), rendered into a new `String`",
            vec!["flux-codes", "icu4x", "format!"],
        ),
        (
            "detail_plural",
            "`detail(Locale::Es, ...)` of a `{attempts_left, plural, ...}` detail (0 to 5), rendered into a new `String`",
            vec!["flux-codes", "icu4x", "format!"],
        ),
        (
            "detail_decimal",
            "`detail(Locale::Es, ...)` of a `{max_amount, number}` detail (an exact `Decimal`)",
            vec!["flux-codes"],
        ),
    ] {
        groups.push((group.to_owned(), what.to_owned(), alts));
    }
    groups.push((
        "negotiate".to_owned(),
        "`Locale::negotiate` on typical browser `Accept-Language` headers".to_owned(),
        vec!["flux-codes"],
    ));
    groups.push((
        "api_error_json".to_owned(),
        "`ApiError` -> problem+json bytes (`to_problem(locale).to_json()`)".to_owned(),
        vec!["flux-codes", "serde_derive"],
    ));
    groups
}

/// A column's title.
pub fn label(alt: &str, group: &str) -> String {
    match alt {
        "flux-codes_FromStr" => "flux-codes `FromStr`".to_owned(),
        "strum" if !group.starts_with("from_code") => "hand-written (strum + `match`)".to_owned(),
        "strum" => "strum `EnumString`".to_owned(),
        "phf" => "`phf::Map`".to_owned(),
        "HashMap" => "std `HashMap`".to_owned(),
        "tokio-postgres" => "tokio-postgres `SqlState`".to_owned(),
        "serde_derive" => "hand-written (serde derive struct)".to_owned(),
        "icu4x" => "hand-written (ICU4X `DecimalFormatter` + `PluralRules` + `format!`)".to_owned(),
        "format!" => "`format!` alone (no localized number)".to_owned(),
        other => other.to_owned(),
    }
}

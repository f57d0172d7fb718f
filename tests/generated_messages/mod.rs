//! Rust and JS render generated messages alike: random nesting of plural, select, number,
//! argument and literal parts (apostrophe quoting, `#` in and out of plurals, offsets, `=N`)
//! with random arguments, in several locales; the generator's parser and the runtime's
//! renderer (what every API answer runs) on one side, intl-messageformat (what the npm
//! package's users and i18next-icu run) on the other. 1,000 cases from a fixed seed, each sent
//! to one Node process (`tests/node/render_lines.js`); a disagreement is shrunk by proptest to
//! a minimal message before the test fails with it.

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use flux_codes_core::{DetailArg, LocaleData, render};
use flux_codes_gen::message::parse;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};

/// How many generated cases the test command runs.
pub const CASES: u32 = 1000;

const LOCALES: &[&str] = &["en", "es", "pt-BR", "fr", "ru"];

/// A literal fragment as ICU source: plain text, quoted braces, doubled and lone apostrophes,
/// `#` (a literal outside a plural, the number inside one) and `'#'`.
fn literal() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,5} ?",
        1 => Just("it's ".to_owned()),
        1 => Just("''".to_owned()),
        1 => Just("'{'".to_owned()),
        1 => Just("'}'".to_owned()),
        1 => Just("'{x}' ".to_owned()),
        1 => Just("'#'".to_owned()),
        1 => Just("#".to_owned()),
        1 => Just("é ü ".to_owned()),
        1 => Just(" - ".to_owned()),
    ]
}

fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => literal(),
        1 => Just("{t}".to_owned()),
        1 => Just("{x, number}".to_owned()),
        1 => Just("{x, number, integer}".to_owned()),
        1 => Just("{n, number}".to_owned()),
    ]
}

/// A message: a few parts, some of them plurals and selects nesting further messages.
fn message() -> impl Strategy<Value = String> {
    let parts = prop::collection::vec(leaf(), 1..4).prop_map(|p| p.concat());
    parts.prop_recursive(3, 24, 4, |inner| {
        let plural_keys =
            prop::sample::subsequence(vec!["=0", "=1", "zero", "one", "two", "few", "many"], 0..4);
        let plural = (
            prop_oneof![3 => Just(0u8), 1 => 1..3u8],
            plural_keys,
            prop::collection::vec(inner.clone(), 8),
        )
            .prop_map(|(offset, keys, bodies)| {
                let mut out = String::from("{n, plural, ");
                if offset > 0 {
                    out.push_str(&format!("offset:{offset} "));
                }
                for (key, body) in keys.iter().zip(&bodies) {
                    out.push_str(&format!("{key} {{{body}}} "));
                }
                out.push_str(&format!("other {{{}}}}}", bodies[7]));
                out
            });
        let select = (
            prop::sample::subsequence(vec!["a", "b"], 0..=2),
            prop::collection::vec(inner.clone(), 3),
        )
            .prop_map(|(keys, bodies)| {
                let mut out = String::from("{s, select, ");
                for (key, body) in keys.iter().zip(&bodies) {
                    out.push_str(&format!("{key} {{{body}}} "));
                }
                out.push_str(&format!("other {{{}}}}}", bodies[2]));
                out
            });
        prop::collection::vec(
            prop_oneof![2 => leaf(), 1 => plural, 1 => select, 1 => inner],
            1..4,
        )
        .prop_map(|p| p.concat())
    })
}

/// The arguments every message may use: `n` (plural), `x` (number), `s` (select), `t` (text).
fn arguments() -> impl Strategy<Value = Value> {
    let number = prop::sample::select(vec![
        json!(0),
        json!(1),
        json!(2),
        json!(3),
        json!(5),
        json!(11),
        json!(21),
        json!(100),
        json!(1000),
        json!(1000000),
        json!(-3),
        json!(1234.5),
        json!(0.5),
        json!(2.25),
    ]);
    (
        number.clone(),
        number,
        prop::sample::select(vec!["a", "b", "zz"]),
        prop::sample::select(vec!["hello", "it's", "ü {x} #"]),
    )
        .prop_map(|(n, x, s, t)| json!({ "n": n, "x": x, "s": s, "t": t }))
}

/// intl-messageformat in one Node process, a request and an answer per line.
struct Node_ {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Node_ {
    fn start() -> Self {
        let mut child = Command::new("node")
            .current_dir(super::node_project())
            .arg("render_lines.js")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node runs tests/node/render_lines.js");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Node_ {
            child,
            stdin,
            stdout,
        }
    }

    fn render(&mut self, message: &str, locale: &str, args: &Value) -> Result<String, String> {
        let request = json!({ "message": message, "locale": locale, "args": args });
        writeln!(self.stdin, "{request}").unwrap();
        self.stdin.flush().unwrap();
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        let answer: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"));
        match answer.get("ok") {
            Some(ok) => Ok(ok.as_str().unwrap().to_owned()),
            None => Err(answer["error"].to_string()),
        }
    }
}

impl Drop for Node_ {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The Rust side: the generator's parser and its parts (what generated code holds), then the
/// runtime's renderer with the args as the
/// runtime's values (JSON integers as integers, other numbers as floats).
fn rust_render(message: &str, locale: &LocaleData<'_>, args: &Value) -> Result<String, String> {
    let parsed = parse(message).map_err(|e| e.message)?;
    let values: Vec<(String, Box<dyn DetailArg>)> = args
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            let value: Box<dyn DetailArg> = match v {
                Value::String(s) => Box::new(s.clone()),
                Value::Number(n) => match n.as_i64() {
                    Some(i) => Box::new(i),
                    None => Box::new(n.as_f64().unwrap()),
                },
                other => panic!("not an argument: {other}"),
            };
            (k.clone(), value)
        })
        .collect();
    let args: Vec<(&str, &dyn DetailArg)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_ref()))
        .collect();
    Ok(render(&parsed.parts(), locale, &args))
}

pub fn run() {
    static LOCALE_DATA: [LocaleData<'static>; 5] = [
        LocaleData::new("en"),
        LocaleData::new("es"),
        LocaleData::new("pt-BR"),
        LocaleData::new("fr"),
        LocaleData::new("ru"),
    ];
    let node = RefCell::new(Node_::start());
    let config = Config {
        cases: CASES,
        failure_persistence: None,
        max_shrink_iters: 4096,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let compared = RefCell::new(0u32);
    let rendered = RefCell::new(0u32);
    let strategy = (message(), 0..LOCALES.len(), arguments());
    let result = runner.run(&strategy, |(message, locale, args)| {
        let rust = rust_render(&message, &LOCALE_DATA[locale], &args);
        let js = node.borrow_mut().render(&message, LOCALES[locale], &args);
        match (&rust, &js) {
            (Ok(rust), Ok(js)) => {
                prop_assert_eq!(
                    rust,
                    js,
                    "message {:?} in {} with {}",
                    message,
                    LOCALES[locale],
                    args
                );
                *rendered.borrow_mut() += 1;
            }
            (Err(_), Err(_)) => {}
            _ => prop_assert!(
                false,
                "one side rejects {:?}: Rust {:?}, intl-messageformat {:?}",
                message,
                rust,
                js
            ),
        }
        *compared.borrow_mut() += 1;
        Ok(())
    });
    if let Err(failure) = result {
        panic!("Rust and intl-messageformat disagree (shrunk to a minimal case): {failure}");
    }
    let (compared, rendered) = (*compared.borrow(), *rendered.borrow());
    // Most generated messages are valid: the point is comparing renderings, not rejections.
    assert!(
        compared >= CASES && rendered * 10 >= compared * 9,
        "{rendered} of {compared} cases rendered by both"
    );
    eprintln!(
        "{rendered} of {compared} generated messages rendered alike by Rust and intl-messageformat"
    );
}

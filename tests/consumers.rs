//! The exports under their real consumers, in Node (`tests/node/`, installed by
//! `scripts/test.sh` with `npm ci --prefix tests/node`):
//! - `node --test`: the npm package's facts, `message()` and `detail()`, its `negotiate()` on the
//!   negotiation cases of `tests/negotiate.rs` (answered here by `Locale::negotiate`), i18next
//!   (with i18next-icu) rendering the i18n resources, and ajv validating `catalog.json`, each compared
//!   with what this crate renders (written here into a cases file, never hand-copied);
//! - the differential test: every detail of every test catalog in every locale, filled from a
//!   table of values, rendered by the Rust runtime, by the npm package and by
//!   intl-messageformat, must be the same string;
//! - the parse-agreement test: intl-messageformat's own parser test cases, ours and every
//!   detail of the test catalogs parse the same way in the generator and in
//!   intl-messageformat (accepted with the same structure, or rejected alike);
//! - `tsc --strict`: accepts the package and a typed program, rejects misspelled codes,
//!   non-exhaustive switches and wrong params, each for the expected reason;
//! - `npm pack --dry-run`: accepts the package.
//!
//! Each runs on the committed `exports/` (kept fresh by a test of flux-codes-cli) and on the
//! exports of the adversarial fixture, generated here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use flux_codes::{DetailArg, DetailError, ParamValue};
use flux_codes_gen::Catalog;
use flux_codes_gen::message::{Branch, Node, NumberStyle, Param, ParamType, parse};
use flux_codes_gen::render::json::ParamJson;
use serde_json::{Value, json};

mod negotiation_table;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/node`, once `npm ci` has installed it.
fn node_project() -> PathBuf {
    root().join("tests/node")
}

/// Whether `tests/node` is installed. `scripts/test.sh` installs it and sets
/// `FLUX_CODES_REQUIRE_TOOLS=1`, so there a missing install fails the test; a plain `cargo test`
/// (the quick path, README) skips these tests with a note instead.
fn node_installed() -> bool {
    let installed = node_project()
        .join("node_modules/.package-lock.json")
        .is_file();
    if !installed {
        assert!(
            std::env::var_os("FLUX_CODES_REQUIRE_TOOLS").is_none(),
            "tests/node is not installed: run `npm ci --prefix tests/node` (scripts/test.sh does)"
        );
        eprintln!("skipped: tests/node is not installed (scripts/test.sh installs it)");
    }
    installed
}

fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e} (are node and npm installed?)"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_success(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed:\n{}\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

fn tsc() -> Command {
    let mut command = Command::new("node");
    command
        .current_dir(node_project())
        .arg("node_modules/typescript/bin/tsc");
    command
}

/// A catalog compiled by `catalog!`: the Rust runtime renders its details.
mod adversarial {
    flux_codes::catalog!("flux-codes-gen/tests/fixtures/adversarial.toml");
}

/// The catalog of every message construct, compiled by `catalog!`.
mod messages {
    flux_codes::catalog!("flux-codes-gen/tests/fixtures/messages.toml");
}

/// The Rust runtime's `detail` of one catalog: code string, locale tag, args.
type Render<'a> = &'a dyn Fn(&str, &str, &[(&str, &dyn DetailArg)]) -> Result<String, DetailError>;

/// `detail` of a catalog module (one with `ErrorCode` and `Locale`).
macro_rules! runtime_of {
    ($($module:ident)::+) => {
        &|code: &str, locale: &str, args: &[(&str, &dyn DetailArg)]| {
            let code = $($module)::+::ErrorCode::from_code(code).expect("a code of the catalog");
            let locale = $($module)::+::Locale::from_tag(locale).expect("a locale of the catalog");
            code.detail(locale, args)
        }
    };
}

/// The values the differential test fills every param with (per its type), the table:
/// a number for every numeric param, all of them for text params.
const TABLE: [f64; 9] = [0.0, 1.0, 2.0, 5.0, 21.0, 1000.0, 1234.5, 1_000_000.0, -3.0];
const LONG: &str = "a long string: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua — ñandú, 𝄞, 🚀.";

fn number(x: f64) -> Value {
    if x.fract() == 0.0 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

/// The value of `param` in row `row` of the table: rows 0..9 are the numbers, row 9 the long
/// string (3 for a numeric param); a select cycles through its keys, another value and the long
/// string.
fn table_value(param: &Param, row: usize) -> Value {
    match &param.ty {
        ParamType::Select { keys } => {
            let mut choices: Vec<Value> = keys.iter().map(|k| json!(k)).collect();
            choices.push(json!("something else"));
            choices.push(json!(LONG));
            choices[row % choices.len()].clone()
        }
        ty if ty.is_numeric() => number(TABLE.get(row).copied().unwrap_or(3.0)),
        _ => TABLE.get(row).map_or(json!(LONG), |x| number(*x)),
    }
}

/// Exact decimal strings for number params, rendered alike by Rust and the npm package (not by
/// intl-messageformat, which reads strings as JavaScript numbers: `"500.00"` shows as `500`).
const EXACT: [&str; 3] = ["500.00", "-0.50", "12345.678"];

fn exact_value(param: &Param, row: usize) -> Value {
    match &param.ty {
        ParamType::Number => json!(EXACT[row]),
        _ => table_value(param, row),
    }
}

/// A JSON arg as the Rust runtime takes it.
fn owned_arg(value: &Value) -> ParamValue {
    match value {
        Value::String(s) => ParamValue::Text(s.clone()),
        Value::Number(n) => match n.as_i64() {
            Some(i) => ParamValue::Int(i),
            None => ParamValue::Float(n.as_f64().unwrap()),
        },
        other => panic!("not an arg: {other}"),
    }
}

/// The Rust runtime's detail as the Node tests expect it: the text; `null` for a code without
/// a detail; `{ "throws": param }` when the args do not fit the code's params (the npm package
/// must throw a `TypeError` naming that param).
fn render_with(
    render: Render<'_>,
    code: &str,
    locale: &str,
    args: &BTreeMap<String, Value>,
) -> Value {
    let owned: Vec<(&str, ParamValue)> = args
        .iter()
        .map(|(k, v)| (k.as_str(), owned_arg(v)))
        .collect();
    let args: Vec<(&str, &dyn DetailArg)> = owned
        .iter()
        .map(|(k, v)| (*k, v as &dyn DetailArg))
        .collect();
    match render(code, locale, &args) {
        Ok(detail) => json!(detail),
        Err(DetailError::NoDetail { .. }) => Value::Null,
        Err(error) => json!({ "throws": error.param() }),
    }
}

/// The sample args of a code (the README's `500.00` for `max_amount`, as a number so that
/// i18next-icu, through intl-messageformat, formats it as the runtime does).
fn sample_args(params: &[Param]) -> BTreeMap<String, Value> {
    params
        .iter()
        .map(|p| {
            let value = match (&p.ty, p.name.as_str()) {
                (_, "max_amount") => json!(500),
                (_, "min_amount") => json!(1.5),
                (ParamType::Select { keys }, _) => json!(keys.first().cloned().unwrap_or_default()),
                (ty, _) if ty.is_numeric() => json!(3),
                (_, name) => json!(format!("[{name}]")),
            };
            (p.name.clone(), value)
        })
        .collect()
}

/// The cases of one catalog: its codes in catalog order, each with its facts, sample `args`
/// and per locale its message, hint and detail (with and without the args) as the Rust
/// runtime renders them; and `renders`, the differential table: every detail in every locale
/// with each row of values, rendered by the Rust runtime (`reference`: intl-messageformat must
/// agree too).
fn catalog_case(
    name: &str,
    catalog: &Catalog,
    exports: &Path,
    module: Value,
    render: Render<'_>,
) -> Value {
    let mut codes = Vec::new();
    let mut renders = Vec::new();
    for code in catalog.codes() {
        let args = sample_args(code.params());
        let locales: serde_json::Map<String, Value> = catalog
            .locales()
            .iter()
            .enumerate()
            .map(|(i, locale)| {
                let texts = json!({
                    "message": code.message()[i],
                    "hint": code.hint().map(|h| &h[i]),
                    "detail": render_with(render, code.code(), locale, &args),
                    "detailWithoutParams": render_with(render, code.code(), locale, &BTreeMap::new()),
                    "source": code.detail_source(i),
                });
                (locale.clone(), texts)
            })
            .collect();
        codes.push(json!({
            "code": code.code(),
            "status": code.status(),
            "retryable": code.retryable(),
            "category": catalog.category_of(code).key(),
            "docsUrl": catalog.docs_url(code),
            "params": code.params().iter().map(ParamJson::new).collect::<Vec<_>>(),
            "args": args,
            "locales": locales,
        }));
        if code.detail().is_none() {
            continue;
        }
        let rows =
            (0..=TABLE.len()).map(|row| (true, row, table_value as fn(&Param, usize) -> Value));
        let exact_rows =
            (0..EXACT.len()).map(|row| (false, row, exact_value as fn(&Param, usize) -> Value));
        for (reference, row, value) in rows.chain(exact_rows) {
            if !reference && !code.params().iter().any(|p| p.ty == ParamType::Number) {
                continue;
            }
            let args: BTreeMap<String, Value> = code
                .params()
                .iter()
                .map(|p| (p.name.clone(), value(p, row)))
                .collect();
            for (i, locale) in catalog.locales().iter().enumerate() {
                renders.push(json!({
                    "code": code.code(),
                    "locale": locale,
                    "source": code.detail_source(i),
                    "args": args,
                    "detail": render_with(render, code.code(), locale, &args),
                    "reference": reference,
                }));
            }
        }
    }
    json!({
        "name": name,
        "exports": exports,
        "module": module,
        "defaultLocale": catalog.default_locale_tag(),
        "locales": catalog.locales(),
        "codes": codes,
        "renders": renders,
        "negotiation": negotiation_cases(catalog),
    })
}

/// What the npm package's `negotiate` must answer, as `Locale::negotiate` answers it over a
/// catalog's locales and locale-matching table: the table of `tests/negotiate.rs`, its bounds
/// (huge headers, many items), every pair of some tags and weights, and lists of tags
/// (`navigator.languages`).
fn negotiation_cases(catalog: &Catalog) -> Vec<Value> {
    let tags: Vec<&str> = catalog.locales().iter().map(String::as_str).collect();
    let matches = catalog.locale_matches();
    let rows = matches.table();
    let default = catalog.default_locale();
    let negotiate =
        |header: &str| tags[flux_codes::negotiate::negotiate(header, &tags, &rows, default)];
    let mut cases: Vec<(String, Value)> = negotiation_table::REAL_WORLD_HEADERS
        .iter()
        .map(|(what, header, _)| ((*what).to_owned(), json!(header)))
        .collect();
    let max_items = flux_codes::negotiate::MAX_ITEMS;
    let max_bytes = flux_codes::negotiate::MAX_HEADER_BYTES;
    let bounds = [
        (
            "megabytes of items",
            format!("{}es", "de-DE;q=0.9,".repeat(200_000)),
        ),
        (
            "es just inside the bytes",
            format!("de{}, es", " ".repeat(4000)),
        ),
        (
            "es just past the bytes",
            format!("de{}, es", " ".repeat(max_bytes)),
        ),
        ("one enormous item", "es".repeat(1_000_000)),
        (
            "non-ASCII across the bound",
            format!("{}, es", "é".repeat(max_bytes / 2)),
        ),
        (
            "es as the last item parsed",
            format!("{}es", "de,".repeat(max_items - 1)),
        ),
        (
            "es past the items parsed",
            format!("{}es", "de,".repeat(max_items)),
        ),
    ];
    cases.extend(bounds.map(|(what, header)| (what.to_owned(), json!(header))));
    let some_tags = [
        "en",
        "es",
        "es-CL",
        "EN-us",
        "fr",
        "*",
        "zh-Hant-TW",
        "es-419",
        "x",
        "und",
        "pt",
        "pt_BR",
        "pt-AO",
        "es-MX",
    ];
    let weights = ["", ";q=0", ";q=0.5", ";Q=1.000", ";q=0.5000"];
    let items: Vec<String> = some_tags
        .iter()
        .flat_map(|t| weights.iter().map(move |w| format!("{t}{w}")))
        .collect();
    for a in &items {
        for b in &items {
            cases.push((format!("pair {a}, {b}"), json!(format!("{a}, {b}"))));
        }
    }
    for list in [
        &["es-CL", "es", "en"][..],
        &["fr-FR", "es-419"],
        &["de"],
        &[],
        &["zh-Hant-TW", "es-CL"],
        &["es;q=0", "en"],
        &["*"],
        &["pt-PT", "en"],
        &["pt_BR"],
        &["zh-TW", "es_MX"],
    ] {
        cases.push((format!("list {list:?}"), json!(list)));
    }
    cases
        .into_iter()
        .map(|(what, accepted)| {
            // A list of tags is a header of items at q=1, in order (`es;q=0` in a list is a
            // malformed tag, skipped).
            let header = match &accepted {
                Value::String(header) => header.clone(),
                list => list
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap())
                    .filter(|t| !t.contains([',', ';']))
                    .collect::<Vec<_>>()
                    .join(","),
            };
            json!({ "what": what, "accepted": accepted, "expected": negotiate(&header) })
        })
        .collect()
}

/// A message's parse as the generator reads it, in a shape intl-messageformat's AST maps to:
/// `{"error": ...}` or the elements, adjacent texts merged.
fn parse_shape(message: &str) -> Value {
    fn nodes(nodes: &[Node]) -> Value {
        let mut out: Vec<Value> = Vec::new();
        for node in nodes {
            let value = match node {
                Node::Text { text, .. } => {
                    if let Some(Value::Object(last)) = out.last_mut()
                        && let Some(Value::String(prev)) = last.get_mut("literal")
                    {
                        prev.push_str(text);
                        continue;
                    }
                    json!({ "literal": text })
                }
                Node::Arg { name, .. } => json!({ "argument": name }),
                Node::Number { name, style, .. } => json!({
                    "number": name,
                    "style": (*style == NumberStyle::Integer).then_some("integer"),
                }),
                Node::Pound { .. } => json!({ "pound": true }),
                Node::Plural {
                    name,
                    offset,
                    branches,
                    ..
                } => json!({
                    "plural": name,
                    "offset": offset,
                    "options": options(branches),
                }),
                Node::Select { name, branches, .. } => json!({
                    "select": name,
                    "options": options(branches),
                }),
                other => panic!("a node this test does not know: {other:?}"),
            };
            out.push(value);
        }
        Value::Array(out)
    }
    fn options(branches: &[Branch]) -> Value {
        let mut sorted: Vec<&Branch> = branches.iter().collect();
        sorted.sort_by(|a, b| a.key_text.cmp(&b.key_text));
        sorted
            .iter()
            .map(|b| json!([b.key_text, nodes(&b.nodes)]))
            .collect()
    }
    match parse(message) {
        Ok(parsed) => json!({ "ok": nodes(&parsed.nodes) }),
        Err(e) => json!({ "error": e.message }),
    }
}

/// The ICU syntax cases (intl-messageformat's own parser tests and ours), each with the
/// generator's parse.
fn parse_cases() -> Value {
    let text = std::fs::read_to_string(root().join("tests/fixtures/icu_parse_cases.json")).unwrap();
    let fixture: Value = serde_json::from_str(&text).unwrap();
    let mut cases: Vec<Value> = fixture["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let message = c["message"].as_str().unwrap();
            json!({ "name": c["name"], "message": message, "rust": parse_shape(message) })
        })
        .collect();
    // Every detail of every test catalog, too.
    for path in [
        "codes.toml",
        "flux-codes-gen/tests/fixtures/adversarial.toml",
        "flux-codes-gen/tests/fixtures/messages.toml",
    ] {
        let catalog =
            flux_codes_gen::load_catalog(&root().join(path)).unwrap_or_else(|e| panic!("{e}"));
        for code in catalog.codes() {
            for (i, locale) in catalog.locales().iter().enumerate() {
                if let Some(source) = code.detail_source(i) {
                    cases.push(json!({
                        "name": format!("{path} {} {locale}", code.code()),
                        "message": source,
                        "rust": parse_shape(source),
                    }));
                }
            }
        }
    }
    Value::Array(cases)
}

/// The adversarial fixture's exports, written into `dir`.
fn adversarial_exports(dir: &Path) -> Catalog {
    exports_of(
        &root().join("flux-codes-gen/tests/fixtures/adversarial.toml"),
        dir,
    )
}

/// A catalog's exports, written into `dir`.
fn exports_of(path: &Path, dir: &Path) -> Catalog {
    let catalog = flux_codes_gen::load_catalog(path).unwrap_or_else(|e| panic!("{e}"));
    for artifact in flux_codes_gen::render::artifacts(&catalog) {
        let file = dir.join(&artifact.path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, artifact.contents).unwrap();
    }
    catalog
}

#[test]
fn node_tests_pass_on_the_npm_package_i18next_and_ajv() {
    if !node_installed() {
        return;
    }
    let node = node_project();
    let work = tempfile::tempdir().unwrap();
    let adversarial_dir = work.path().join("adversarial");
    let adversarial = adversarial_exports(&adversarial_dir);
    let real =
        flux_codes_gen::load_catalog(&root().join("codes.toml")).unwrap_or_else(|e| panic!("{e}"));
    let messages_dir = work.path().join("messages");
    let messages_catalog = exports_of(
        &root().join("flux-codes-gen/tests/fixtures/messages.toml"),
        &messages_dir,
    );
    let cases = json!({
        "catalogs": [
            catalog_case("codes.toml", &real, &root().join("exports"), json!("flux-error-codes"), runtime_of!(flux_codes)),
            catalog_case(
                "adversarial.toml",
                &adversarial,
                &adversarial_dir,
                json!(adversarial_dir.join("npm/index.js")),
                runtime_of!(adversarial),
            ),
            catalog_case(
                "messages.toml",
                &messages_catalog,
                &messages_dir,
                json!(messages_dir.join("npm/index.js")),
                runtime_of!(messages),
            ),
        ],
        "parse": parse_cases(),
    });
    let cases_file = work.path().join("cases.json");
    std::fs::write(&cases_file, serde_json::to_string_pretty(&cases).unwrap()).unwrap();

    let mut tests: Vec<PathBuf> = std::fs::read_dir(node.join("test"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".test.js"))
        .collect();
    tests.sort();
    assert_eq!(tests.len(), 6, "{tests:?}");
    let output = run(Command::new("node")
        .current_dir(&node)
        .arg("--test")
        .args(&tests)
        .env("FLUX_CASES", &cases_file));
    assert_success(&output, "node --test");
    let report = text(&output.stdout);
    assert!(
        report.contains("# fail 0") && !report.contains("# pass 0"),
        "{report}"
    );
}

#[test]
fn tsc_strict_accepts_the_package_and_a_program_using_it() {
    if !node_installed() {
        return;
    }
    assert_success(
        &run(tsc().args(["-p", "tsconfig.json"])),
        "tsc -p tests/node/tsconfig.json",
    );

    let work = tempfile::tempdir().unwrap();
    adversarial_exports(work.path());
    let dts = work.path().join("npm/index.d.ts");
    assert_success(
        &run(tsc().args(STRICT).arg(&dts)),
        "tsc on the adversarial index.d.ts",
    );
}

/// The options of tests/node/tsconfig.json, for single files.
const STRICT: &[&str] = &[
    "--ignoreConfig",
    "--strict",
    "--noEmit",
    "--target",
    "es2022",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
];

#[test]
fn tsc_strict_rejects_misuse_for_the_right_reason() {
    if !node_installed() {
        return;
    }
    // flux-codes: allow-start (tsc's messages quote the misspellings under test)
    let cases = [
        (
            "misspelled_code.ts",
            "error TS2345: Argument of type '\"ERR_QR_EXPIRD\"' is not assignable to parameter of type 'ErrorCode'.",
        ),
        (
            "misspelled_case.ts",
            "error TS2678: Type '\"ERR_QR_EXPIRD\"' is not comparable to type 'ErrorCode'.",
        ),
        // flux-codes: allow-end
        (
            "non_exhaustive.ts",
            "error TS2322: Type '\"ERR_SERVER\"' is not assignable to type 'never'.",
        ),
        (
            "wrong_param.ts",
            "error TS2561: Object literal may only specify known properties, but 'min_amount' does not exist",
        ),
        (
            "wrong_param_type.ts",
            "error TS2322: Type 'string' is not assignable to type 'number'.",
        ),
        (
            "missing_params.ts",
            "error TS2554: Expected 3 arguments, but got 2.",
        ),
        (
            "no_detail.ts",
            "error TS2345: Argument of type '\"ERR_QR_EXPIRED\"' is not assignable to parameter of type 'keyof DetailParams'.",
        ),
    ];
    // One compiler run for every file: tsc reports each error as `path(line,col): error TS...`.
    let files = cases.map(|(file, _)| format!("typecheck/{file}"));
    let output = run(tsc().args(STRICT).args(&files));
    let stdout = text(&output.stdout);
    assert!(
        !output.status.success(),
        "tsc accepted every negative program"
    );
    for (file, expected) in cases {
        let errors: Vec<&str> = stdout
            .lines()
            .filter(|l| l.starts_with(&format!("typecheck/{file}(")))
            .collect();
        assert!(
            errors.len() == 1 && errors[0].contains(expected),
            "{file}: expected only `{expected}`, got:\n{stdout}{}",
            text(&output.stderr)
        );
    }
    let total = stdout.lines().filter(|l| l.contains(": error TS")).count();
    assert_eq!(total, cases.len(), "{stdout}");
}

#[test]
fn npm_pack_accepts_the_packages() {
    if !node_installed() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    adversarial_exports(work.path());
    for dir in [root().join("exports/npm"), work.path().join("npm")] {
        let output =
            run(Command::new("npm")
                .current_dir(&dir)
                .args(["pack", "--dry-run", "--json"]));
        assert_success(&output, "npm pack --dry-run");
        let packed: Value = serde_json::from_slice(&output.stdout).unwrap();
        let mut files: Vec<&str> = packed[0]["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        files.sort();
        assert_eq!(
            files,
            ["README.md", "index.d.ts", "index.js", "package.json"],
            "{}",
            dir.display()
        );
    }
}

mod generated_messages;

#[test]
fn rust_and_intl_messageformat_render_1000_generated_messages_alike() {
    if !node_installed() {
        return;
    }
    generated_messages::run();
}

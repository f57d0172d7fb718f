//! The exports under their real consumers, in Node (`tests/node/`, installed by
//! `scripts/test.sh` with `npm ci --prefix tests/node`):
//! - `node --test`: the npm package's facts, `message()` and `detail()`, its `negotiate()` on the
//!   negotiation cases of `tests/negotiate.rs` (answered here by `Locale::negotiate`), i18next rendering the
//!   i18n resources, and ajv validating `catalog.json`, each compared with what this crate
//!   renders (written here into a cases file, never hand-copied);
//! - `tsc --strict`: accepts the package and a typed program, rejects misspelled codes,
//!   non-exhaustive switches and wrong params, each for the expected reason;
//! - `npm pack --dry-run`: accepts the package.
//!
//! Each runs on the committed `exports/` (kept fresh by a test of flux-codes-cli) and on the
//! exports of the adversarial fixture, generated here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use flux_codes::{ErrorCode, Locale};
use flux_codes_gen::Catalog;
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

/// The sample value of a detail param: the issue's `500.00` for `max_amount`.
fn sample(param: &str) -> String {
    match param {
        "max_amount" => "500.00".to_owned(),
        "min_amount" => "1.00".to_owned(),
        other => format!("[{other}]"),
    }
}

/// The cases file: per catalog, its codes in catalog order, each with its facts, sample `args`
/// for its params, and per locale its message, hint and detail (with and without the args) as
/// rendered in Rust.
///
/// The real catalog as this crate has it: `ErrorCode`'s own methods.
fn real_case() -> Value {
    let mut codes = Vec::new();
    for &code in ErrorCode::ALL {
        let params: BTreeMap<&str, String> =
            code.params().iter().map(|p| (*p, sample(p))).collect();
        let args: Vec<(&str, &dyn std::fmt::Display)> = params
            .iter()
            .map(|(p, v)| (*p, v as &dyn std::fmt::Display))
            .collect();
        let locales: serde_json::Map<String, Value> = Locale::ALL
            .iter()
            .map(|&locale| {
                let texts = json!({
                    "message": code.message(locale),
                    "hint": code.hint(locale),
                    "detail": code.detail(locale, &args),
                    "detailWithoutParams": code.detail(locale, &[]),
                });
                (locale.as_str().to_owned(), texts)
            })
            .collect();
        codes.push(json!({
            "code": code.as_str(),
            "status": code.http_status(),
            "retryable": code.is_retryable(),
            "category": code.category().as_str(),
            "docsUrl": code.docs_url(),
            "params": code.params(),
            "args": params,
            "locales": locales,
        }));
    }
    json!({
        "name": "codes.toml",
        "exports": root().join("exports"),
        "module": "flux-error-codes",
        "defaultLocale": Locale::DEFAULT.as_str(),
        "locales": Locale::ALL.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        "codes": codes,
        "negotiation": negotiation_cases(
            &Locale::ALL.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
            Locale::ALL.iter().position(|&l| l == Locale::DEFAULT).unwrap(),
        ),
    })
}

/// What the npm package's `negotiate` must answer, as `Locale::negotiate` answers it over a
/// catalog's `tags`: the table of `tests/negotiate.rs`, its bounds (huge headers, many items),
/// every pair of some tags and weights, and lists of tags (`navigator.languages`).
fn negotiation_cases(tags: &[&str], default: usize) -> Vec<Value> {
    let negotiate = |header: &str| tags[flux_codes::negotiate::negotiate(header, tags, default)];
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

/// Any catalog, rendered by this crate's template renderer (what `ErrorCode::detail` runs).
fn model_case(name: &str, catalog: &Catalog, exports: &Path) -> Value {
    let render = flux_codes::__private::render_template;
    let mut codes = Vec::new();
    for code in catalog.codes() {
        let params: Vec<(&str, String)> = code
            .params()
            .iter()
            .map(|p| (p.as_str(), sample(p)))
            .collect();
        let args: Vec<(&str, &dyn std::fmt::Display)> = params
            .iter()
            .map(|(p, v)| (*p, v as &dyn std::fmt::Display))
            .collect();
        let locales: serde_json::Map<String, Value> = catalog
            .locales()
            .iter()
            .enumerate()
            .map(|(i, locale)| {
                let detail = code.detail().map(|d| &d[i]);
                let texts = json!({
                    "message": code.message()[i],
                    "hint": code.hint().map(|h| &h[i]),
                    "detail": detail.map(|d| render(d, &args)),
                    "detailWithoutParams": detail.map(|d| render(d, &[])),
                });
                (locale.clone(), texts)
            })
            .collect();
        let args: BTreeMap<&str, &String> = params.iter().map(|(p, v)| (*p, v)).collect();
        codes.push(json!({
            "code": code.code(),
            "status": code.status(),
            "retryable": code.retryable(),
            "category": catalog.category_of(code).key(),
            "docsUrl": catalog.docs_url(code),
            "params": code.params(),
            "args": args,
            "locales": locales,
        }));
    }
    json!({
        "name": name,
        "exports": exports,
        "module": exports.join("npm/index.js"),
        "defaultLocale": catalog.default_locale_tag(),
        "locales": catalog.locales(),
        "codes": codes,
        "negotiation": negotiation_cases(
            &catalog.locales().iter().map(String::as_str).collect::<Vec<_>>(),
            catalog.default_locale(),
        ),
    })
}

/// The adversarial fixture's exports, written into `dir`.
fn adversarial_exports(dir: &Path) -> Catalog {
    let path = root().join("flux-codes-gen/tests/fixtures/adversarial.toml");
    let catalog = flux_codes_gen::load_catalog(&path).unwrap_or_else(|e| panic!("{e}"));
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
    let cases = json!([
        real_case(),
        model_case("adversarial.toml", &adversarial, &adversarial_dir)
    ]);
    let cases_file = work.path().join("cases.json");
    std::fs::write(&cases_file, serde_json::to_string_pretty(&cases).unwrap()).unwrap();

    let mut tests: Vec<PathBuf> = std::fs::read_dir(node.join("test"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".test.js"))
        .collect();
    tests.sort();
    assert_eq!(tests.len(), 4, "{tests:?}");
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

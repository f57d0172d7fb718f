//! The mobile exports under their platforms' own tools (installed by `scripts/test.sh`: Debian's
//! `aapt`, `android-framework-res`, `libicu4j-java` and `openjdk-17-jdk-headless`, and
//! `tests/mobile`'s npm packages: `kotlin-compiler`, `tree-sitter-swift`, `locize-xcstrings`):
//!
//! - Android: `aapt2 compile` + `aapt2 link` (against Debian's framework resources) and
//!   `aapt package` accept the resources of the real catalog and of the test catalogs, and
//!   `aapt2 dump` reads back every text exactly as the model says it;
//! - Kotlin: `kotlinc` compiles every catalog's `FluxErrorCode.kt` with a test program
//!   (`tests/mobile/Check.kt.in`), once, and one JVM run checks: the facts of every code
//!   against `catalog.json`, `fromCode` and `FluxCode` on known and unknown codes, the
//!   problem-body parser on the bodies this crate's `ApiError` writes (and hostile ones), the
//!   messages and hints, and the **plural differential**: every detail of every catalog in
//!   every locale, for 0, 1, 2, 5, 21, 1000000 and more, rendered by the Kotlin code over the
//!   resources as Android would (ICU4J's `PluralRules` picks the quantity's form, then
//!   `String.format`), must be the string the Rust runtime renders;
//! - iOS (no Swift compiler runs here): the String Catalog of every catalog is valid under a
//!   JSON Schema written from Apple's format (`tests/mobile/xcstrings.schema.json`), holds
//!   every message and hint as `catalog.json` has it and every detail as the model lowers it
//!   (plural substitutions included), and `locize-xcstrings`
//!   reads it back; `tree-sitter-swift` parses `FluxErrorCode.swift` without a syntax error,
//!   and its `switch`es answer each code's string, status, retryability and category as
//!   `catalog.json` does;
//! - each check fails on a deliberately broken export (the `*_rejects_*` tests, the
//!   differential on resources with two plural forms swapped, and broken iOS files).
//!
//! A plain `cargo test` skips these tests when a tool is missing; under
//! `FLUX_CODES_REQUIRE_TOOLS=1` (scripts/test.sh) a missing tool fails them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use flux_codes::{DetailArg, DetailError, ParamValue};
use flux_codes_gen::Catalog;
use flux_codes_gen::message::ParamType;
use flux_codes_gen::render::json::CatalogJson;
use flux_codes_gen::render::mobile::{self, Text, TextOf};
use flux_codes_gen::render::{Artifact, Format, android, kotlin};
use serde_json::{Value, json};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const FRAMEWORK_RES: &str = "/usr/share/android-framework-res/framework-res.apk";
const ICU4J: &str = "/usr/share/java/icu4j.jar";

fn kotlin_home() -> PathBuf {
    root().join("tests/mobile/node_modules/kotlin-compiler")
}

/// Whether `what` is installed. `scripts/test.sh` installs every tool and sets
/// `FLUX_CODES_REQUIRE_TOOLS=1`, so there a missing one fails the test; a plain `cargo test`
/// skips the test with a note instead.
fn installed(what: &str, present: bool) -> bool {
    if !present {
        assert!(
            std::env::var_os("FLUX_CODES_REQUIRE_TOOLS").is_none(),
            "{what} is not installed (scripts/test.sh installs it)"
        );
        eprintln!("skipped: {what} is not installed (scripts/test.sh installs it)");
    }
    present
}

fn runs(program: &str) -> bool {
    Command::new(program).arg("-version").output().is_ok()
        || Command::new(program).arg("version").output().is_ok()
}

fn android_tools() -> bool {
    installed(
        "aapt2, aapt and the Android framework resources (Debian: aapt, android-framework-res)",
        runs("aapt2") && runs("aapt") && Path::new(FRAMEWORK_RES).is_file(),
    )
}

fn jvm_tools() -> bool {
    installed(
        "kotlinc (tests/mobile: npm ci), java and ICU4J (Debian: openjdk-17-jdk-headless, libicu4j-java)",
        kotlin_home().join("lib/kotlin-compiler.jar").is_file()
            && runs("java")
            && Path::new(ICU4J).is_file(),
    )
}

fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn load(path: &str) -> Catalog {
    flux_codes_gen::load_catalog(&root().join(path)).unwrap_or_else(|e| panic!("{e}"))
}

/// The catalogs: the real one and the test catalogs of every message construct and of hostile
/// texts. Each with the Rust runtime that renders its details.
fn catalogs() -> Vec<(&'static str, Catalog, Render<'static>)> {
    vec![
        ("codes.toml", load("codes.toml"), runtime_of!(flux_codes)),
        (
            "messages.toml",
            load("flux-codes-gen/tests/fixtures/messages.toml"),
            runtime_of!(messages),
        ),
        (
            "adversarial.toml",
            load("flux-codes-gen/tests/fixtures/adversarial.toml"),
            runtime_of!(adversarial),
        ),
    ]
}

mod adversarial {
    flux_codes::catalog!("flux-codes-gen/tests/fixtures/adversarial.toml");
}

mod messages {
    flux_codes::catalog!("flux-codes-gen/tests/fixtures/messages.toml");
}

/// The Rust runtime's `detail` of one catalog: code string, locale tag, args.
type Render<'a> = &'a dyn Fn(&str, &str, &[(&str, &dyn DetailArg)]) -> Result<String, DetailError>;

macro_rules! runtime_of {
    ($($module:ident)::+) => {
        &|code: &str, locale: &str, args: &[(&str, &dyn DetailArg)]| {
            let code = $($module)::+::ErrorCode::from_code(code).expect("a code of the catalog");
            let locale = $($module)::+::Locale::from_tag(locale).expect("a locale of the catalog");
            code.detail(locale, args)
        }
    };
}
use runtime_of;

fn render(format: &str, catalog: &Catalog) -> Vec<Artifact> {
    Format::find(format).unwrap().render(catalog)
}

fn write_files(dir: &Path, files: &[Artifact]) {
    for file in files {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.contents).unwrap();
    }
}

// ---- Android --------------------------------------------------------------------------------

/// One value of the resources as Android must read it.
#[derive(Clone, Debug)]
struct Resource {
    locale: usize,
    name: String,
    /// For an item of a `<plurals>`: its quantity.
    category: Option<&'static str>,
    value: String,
}

/// Every value the android export of `catalog` must hold, from the model.
fn expected_resources(catalog: &Catalog) -> Vec<Resource> {
    let mut out = Vec::new();
    for locale in 0..catalog.locales().len() {
        let mut push = |name: String, category, value: String| {
            out.push(Resource {
                locale,
                name,
                category,
                value,
            })
        };
        push(
            format!("{}_locale", mobile::resource_prefix(catalog)),
            None,
            catalog.locales()[locale].clone(),
        );
        for code in catalog.codes() {
            let name = |text| mobile::resource_name(catalog, code, text);
            push(
                name(TextOf::Message),
                None,
                android::resource_text(&code.message()[locale]),
            );
            if let Some(hint) = code.hint() {
                push(
                    name(TextOf::Hint),
                    None,
                    android::resource_text(&hint[locale]),
                );
            }
            let Some(plan) = mobile::plan(catalog, code) else {
                continue;
            };
            for (i, variant) in plan.variants.iter().enumerate() {
                let name = name(mobile::variant_text(&plan, i));
                match &variant.texts[locale] {
                    Text::One(pieces) => push(name, None, android::format_string(pieces)),
                    Text::Plural(forms) => {
                        for (category, pieces) in forms {
                            push(name.clone(), Some(category), android::format_string(pieces));
                        }
                    }
                    other => panic!("a text shape this test does not know: {other:?}"),
                }
            }
        }
    }
    out
}

const MANIFEST: &str = "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\" package=\"example.flux.errors.check\"/>\n";

/// Compiles and links `files` (the android export) with aapt2 and packages them with aapt;
/// the output of `aapt2 dump resources`, or the tools' complaint.
fn aapt(files: &[Artifact]) -> Result<String, String> {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), files);
    std::fs::write(dir.path().join("AndroidManifest.xml"), MANIFEST).unwrap();
    let step = |command: &mut Command| -> Result<Output, String> {
        let output = run(command.current_dir(dir.path()));
        if output.status.success() {
            Ok(output)
        } else {
            Err(format!(
                "{command:?}:\n{}{}",
                text(&output.stdout),
                text(&output.stderr)
            ))
        }
    };
    step(Command::new("aapt2").args(["compile", "--dir", "res", "-o", "compiled.zip"]))?;
    step(Command::new("aapt2").args([
        "link",
        "-I",
        FRAMEWORK_RES,
        "--manifest",
        "AndroidManifest.xml",
        "-o",
        "linked.apk",
        "compiled.zip",
    ]))?;
    step(Command::new("aapt").args([
        "package",
        "-f",
        "-M",
        "AndroidManifest.xml",
        "-S",
        "res",
        "-I",
        FRAMEWORK_RES,
        "-F",
        "packaged.apk",
    ]))?;
    let dump = step(Command::new("aapt2").args(["dump", "resources", "linked.apk"]))?;
    Ok(text(&dump.stdout))
}

/// `aapt2 dump`'s label of a locale's configuration: `()`, `(es)`, `(pt-rBR)`, `(b+zh+Hant)`.
fn config(catalog: &Catalog, locale: usize) -> String {
    let folder = android::values_folder(catalog, locale);
    format!("({})", folder.strip_prefix("values-").unwrap_or(""))
}

/// The resources `aapt2` read back hold every expected value (each resource's block of the dump
/// is searched for its value, with its configuration for a string).
fn assert_read_back(name: &str, catalog: &Catalog, dump: &str, expected: &[Resource]) {
    let mut blocks: BTreeMap<&str, String> = BTreeMap::new();
    let mut current: Option<&str> = None;
    for line in dump.split('\n') {
        if let Some(rest) = line.trim_start().strip_prefix("resource ") {
            current = rest.split_once('/').map(|(_, n)| n.trim());
            continue;
        }
        if let Some(resource) = current {
            let block = blocks.entry(resource).or_default();
            block.push_str(line);
            block.push('\n');
        }
    }
    for resource in expected {
        let block = blocks
            .get(resource.name.as_str())
            .unwrap_or_else(|| panic!("{name}: aapt2 has no resource {}", resource.name));
        // The dump indents a value's continuation lines as its first.
        let wanted = match resource.category {
            None => format!(
                "{} \"{}\"\n",
                config(catalog, resource.locale),
                resource.value.replace('\n', "\n      ")
            ),
            Some(category) => format!(
                "{category}=\"{}\"\n",
                resource.value.replace('\n', "\n        ")
            ),
        };
        assert!(
            block.contains(&wanted),
            "{name}: aapt2 reads {} ({}) otherwise than the model says:\nwanted {wanted:?} in\n{block}",
            resource.name,
            catalog.locales()[resource.locale]
        );
    }
}

// ---- the JVM --------------------------------------------------------------------------------

/// The cases of one catalog for `Check.kt`, and the lines it must print.
struct Cases {
    lines: Vec<Value>,
    expected: Vec<String>,
}

fn esc(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

/// The values a detail's params take in the differential: the issue's plural numbers first,
/// then more numbers, and text with format and escape characters. (A missing param is an
/// error of the Rust runtime; the Kotlin code shows `{name}` rather than fail an app.)
const NUMBERS: [f64; 9] = [0.0, 1.0, 2.0, 5.0, 21.0, 1_000_000.0, 1000.0, 1234.5, -3.0];
const TEXT: &str = "it's 100% \"quoted\" \\ %1$s ñ 𝄞";

fn number(x: f64) -> Value {
    if x.fract() == 0.0 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn arg_rows(params: &[flux_codes_gen::message::Param]) -> Vec<BTreeMap<String, Value>> {
    let mut rows: Vec<BTreeMap<String, Value>> = Vec::new();
    for row in 0..=NUMBERS.len() {
        let mut args = BTreeMap::new();
        for param in params {
            let value = match &param.ty {
                ParamType::Select { keys } => {
                    let mut choices: Vec<Value> = keys.iter().map(|k| json!(k)).collect();
                    choices.push(json!("something else"));
                    choices[row % choices.len()].clone()
                }
                ty if ty.is_numeric() => number(NUMBERS.get(row).copied().unwrap_or(3.0)),
                _ => NUMBERS.get(row).map_or(json!(TEXT), |x| number(*x)),
            };
            args.insert(param.name.clone(), value);
        }
        rows.push(args);
    }
    rows
}

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

/// The Rust runtime's detail, `None` for a code without one.
fn rust_detail(
    render: Render<'_>,
    code: &str,
    locale: &str,
    args: &BTreeMap<String, Value>,
) -> Option<String> {
    let owned: Vec<(&str, ParamValue)> = args
        .iter()
        .map(|(k, v)| (k.as_str(), owned_arg(v)))
        .collect();
    let args: Vec<(&str, &dyn DetailArg)> = owned
        .iter()
        .map(|(k, v)| (*k, v as &dyn DetailArg))
        .collect();
    match render(code, locale, &args) {
        Ok(detail) => Some(detail),
        Err(DetailError::NoDetail { .. }) => None,
        Err(error) => panic!("{code} ({locale}): {error}"),
    }
}

fn cases(catalog: &Catalog, render: Render<'_>, resources: &[Resource]) -> Cases {
    let tags = catalog.locales();
    let mut lines = Vec::new();
    let mut expected = Vec::new();
    for r in resources {
        let tag = &tags[r.locale];
        lines.push(match r.category {
            None => json!({"kind": "string", "locale": tag, "name": r.name, "value": r.value}),
            Some(c) => json!({"kind": "plural", "locale": tag, "name": r.name, "category": c, "value": r.value}),
        });
    }
    // The facts, against catalog.json.
    let json: CatalogJson =
        serde_json::from_str(&flux_codes_gen::render::json::render_json(catalog)).unwrap();
    let json: Value = serde_json::to_value(&json).unwrap();
    lines.push(json!({"kind": "facts"}));
    for (code, spec) in json["codes"]
        .as_array()
        .unwrap()
        .iter()
        .zip(catalog.codes())
    {
        let params: Vec<&str> = code["params"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let plan = mobile::plan(catalog, spec);
        let details: Vec<String> = plan
            .iter()
            .flat_map(|p| {
                (0..p.variants.len())
                    .map(|i| mobile::resource_name(catalog, spec, mobile::variant_text(p, i)))
            })
            .collect();
        expected.push(format!(
            "facts\t{0}\t{0}\t{1}\t{2}\t{3}\t{4}\t{5}\t{6}\t{7}\t{8}",
            code["code"].as_str().unwrap(),
            code["status"],
            code["retryable"],
            code["category"].as_str().unwrap(),
            params.join(","),
            mobile::resource_name(catalog, spec, TextOf::Message),
            if code["hint"].is_null() {
                "null".to_owned()
            } else {
                mobile::resource_name(catalog, spec, TextOf::Hint)
            },
            details.join(","),
            code["deprecated"].as_str().map_or("null".to_owned(), esc),
        ));
    }
    // Codes known and unknown.
    let first = catalog.codes()[0].code();
    for raw in [first, "ERR_RATE_LIMITED", ""] {
        lines.push(json!({"kind": "code", "raw": raw}));
        let known = catalog.code(raw).is_some();
        expected.push(format!(
            "code\t{raw}\t{}\t{}",
            if known { raw } else { "null" },
            if known {
                format!("Known(code={raw})")
            } else {
                format!("Unknown(raw={raw})")
            }
        ));
    }
    // Messages and hints, against catalog.json.
    for code in json["codes"].as_array().unwrap() {
        for tag in tags {
            lines.push(json!({"kind": "texts", "code": code["code"], "locale": tag}));
            expected.push(format!(
                "texts\t{}\t{tag}\t{}\t{}",
                code["code"].as_str().unwrap(),
                esc(&android::resource_text(
                    code["message"][tag].as_str().unwrap()
                )),
                code["hint"]
                    .get(tag)
                    .and_then(Value::as_str)
                    .map_or("null".to_owned(), |h| esc(&android::resource_text(h))),
            ));
        }
    }
    // The differential: every detail, every locale, every row of values.
    let mut id = 0;
    for code in catalog.codes() {
        if code.detail().is_none() {
            continue;
        }
        for tag in tags {
            for args in arg_rows(code.params()) {
                id += 1;
                lines.push(json!({"kind": "detail", "id": id, "code": code.code(), "locale": tag, "args": args}));
                let rust = rust_detail(render, code.code(), tag, &args);
                expected.push(format!(
                    "detail\t{id}\t{}",
                    rust.map_or("null".to_owned(), |d| esc(&android::resource_text(&d)))
                ));
            }
        }
    }
    Cases { lines, expected }
}

/// Problem bodies as this crate writes them (every code of the real catalog with its params),
/// plus a newer code, a proxy's HTML page and a hostile nesting, with the lines `Check.kt`
/// must print for them.
fn problem_cases() -> (Vec<Value>, Vec<String>) {
    use flux_codes::{ApiError, ErrorCode, Locale};
    let mut lines = Vec::new();
    let mut expected = Vec::new();
    for code in ErrorCode::ALL.iter().copied() {
        let mut error = ApiError::new(code);
        let mut shown = Vec::new();
        for (name, kind) in code.params().iter().zip(code.param_kinds()) {
            let (value, show): (ParamValue, String) = match kind {
                flux_codes::ParamKind::Number => {
                    (ParamValue::Text("500.00".into()), "500.00".into())
                }
                flux_codes::ParamKind::Integer => (ParamValue::Int(2), "2".into()),
                _ => (ParamValue::Text(format!("[{name}]")), format!("[{name}]")),
            };
            error = error.param(name, value);
            shown.push(format!("{name}={show}"));
        }
        shown.sort();
        let body = serde_json::to_string(&error.to_problem(Locale::Es)).unwrap();
        lines.push(json!({"kind": "problem", "body": body}));
        expected.push(format!(
            "problem\t{}\t{}\ttrue\t{}\t{{{}}}",
            code.http_status(),
            code.as_str(),
            code.is_retryable(),
            shown.join(",")
        ));
    }
    let hostile = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let newer = r#"{"status":429,"title":"Slow down.","code":"ERR_RATE_LIMITED","params":{"n":[1,2.5,"x"],"m":{"a":null}}}"#;
    for (body, status, line) in [
        (
            newer,
            None,
            "problem\t429\tERR_RATE_LIMITED\tfalse\ttrue\t{m={a=null},n=[1,2.5,x]}",
        ),
        (
            r#"{"code":"ERR_RATE_LIMITED","retryable":false}"#,
            Some(503),
            "problem\t503\tERR_RATE_LIMITED\tfalse\tfalse\t{}",
        ),
        (
            r#"{"title":"Bad gateway"}"#,
            Some(502),
            "problem\t502\tnull\tfalse\ttrue\t{}",
        ),
        ("<html>Bad Gateway</html>", Some(502), "problem\tnull"),
        (hostile.as_str(), None, "problem\tnull"),
        (
            r#"{"code":"ERR_X","params":{}} trailing"#,
            None,
            "problem\tnull",
        ),
        (
            r#"{"code":"\u0041"}"#,
            Some(400),
            "problem\t400\tA\tfalse\tfalse\t{}",
        ),
    ] {
        let mut case = json!({"kind": "problem", "body": body});
        if let Some(status) = status {
            case["status"] = json!(status);
        }
        lines.push(case);
        expected.push(line.to_owned());
    }
    (lines, expected)
}

/// Compiles the Kotlin files (package, source) with `Check.kt` in each one's package, in one
/// `kotlinc` run, then runs each package's checks on each of its cases files (package index,
/// lines) in one JVM: what each run printed.
fn run_kotlin(packages: &[(String, String)], runs: &[(usize, Vec<Value>)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(root().join("tests/mobile/Check.kt.in")).unwrap();
    let mut sources = Vec::new();
    for (i, (package, kotlin_file)) in packages.iter().enumerate() {
        let source = dir.path().join(format!("FluxErrorCode{i}.kt"));
        std::fs::write(&source, kotlin_file).unwrap();
        let check = dir.path().join(format!("Check{i}.kt"));
        std::fs::write(&check, template.replace("PACKAGE", package)).unwrap();
        sources.push(source);
        sources.push(check);
    }
    let mut main = String::from("fun main(args: Array<String>) {\n");
    for (run, (package, lines)) in runs.iter().enumerate() {
        let cases: String = lines.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(dir.path().join(format!("cases{run}.jsonl")), cases).unwrap();
        let _ = writeln!(
            main,
            "    java.io.File(args[0], \"out{run}.txt\").writeText({}.check(java.io.File(args[0], \"cases{run}.jsonl\")))",
            packages[*package].0
        );
    }
    main.push_str("}\n");
    let main_file = dir.path().join("Main.kt");
    std::fs::write(&main_file, main).unwrap();
    sources.push(main_file);
    let jar = dir.path().join("check.jar");
    let output = run(Command::new("bash")
        .arg(kotlin_home().join("bin/kotlinc"))
        .args(&sources)
        .args(["-cp", ICU4J, "-nowarn", "-d"])
        .arg(&jar));
    assert!(
        output.status.success(),
        "kotlinc rejects the export:\n{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    let classpath = format!(
        "{}:{ICU4J}:{}",
        jar.display(),
        kotlin_home().join("lib/kotlin-stdlib.jar").display()
    );
    let output = run(Command::new("java")
        .args(["-cp", &classpath, "MainKt"])
        .arg(dir.path()));
    assert!(
        output.status.success(),
        "the Kotlin checks failed:\n{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    (0..runs.len())
        .map(|i| std::fs::read_to_string(dir.path().join(format!("out{i}.txt"))).unwrap())
        .collect()
}

/// The lines of `printed` that are not the `expected` ones, as a report (empty: all agree).
fn differences(printed: &str, expected: &[String]) -> String {
    let printed: Vec<&str> = printed.lines().collect();
    let mut report = String::new();
    if printed.len() != expected.len() {
        let _ = writeln!(
            report,
            "{} lines printed, {} expected",
            printed.len(),
            expected.len()
        );
    }
    for (got, wanted) in printed.iter().zip(expected) {
        if got != wanted {
            let _ = writeln!(report, "Kotlin: {got}\nRust:   {wanted}");
        }
    }
    report
}

/// The resources of the real catalog with the PIN plural's `one` and `other` forms swapped:
/// a broken export the differential must catch.
fn swap_plural_forms(resources: &[Resource]) -> Vec<Resource> {
    let mut broken = resources.to_vec();
    let first_plural = broken
        .iter()
        .position(|r| r.category == Some("one"))
        .expect("a plural");
    let name = broken[first_plural].name.clone();
    let locale = broken[first_plural].locale;
    let other = broken
        .iter()
        .position(|r| r.name == name && r.locale == locale && r.category == Some("other"))
        .unwrap();
    let one_value = broken[first_plural].value.clone();
    broken[first_plural].value = broken[other].value.clone();
    broken[other].value = one_value;
    broken
}

#[test]
fn android_resources_and_kotlin_on_the_jvm() {
    let android = android_tools();
    let jvm = jvm_tools();
    if !android && !jvm {
        return;
    }
    let mut packages = Vec::new();
    let mut runs = Vec::new();
    let mut expected_out = Vec::new();
    for (name, catalog, render) in catalogs() {
        let resources = expected_resources(&catalog);
        if android {
            let dump = aapt(&render_android(&catalog)).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_read_back(name, &catalog, &dump, &resources);
        }
        packages.push((kotlin::package(&catalog), kotlin_file(&catalog)));
        let package = packages.len() - 1;
        let mut cases = cases(&catalog, render, &resources);
        if name == "codes.toml" {
            let (lines, expected) = problem_cases();
            cases.lines.extend(lines);
            cases.expected.extend(expected);
            // The same catalog again, on resources with two plural forms swapped.
            let broken = self::cases(&catalog, render, &swap_plural_forms(&resources));
            runs.push((package, broken.lines));
            expected_out.push((format!("{name} (plural forms swapped)"), broken.expected));
        }
        runs.push((package, cases.lines));
        expected_out.push((name.to_owned(), cases.expected));
    }
    if !jvm {
        return;
    }
    let printed = run_kotlin(&packages, &runs);
    for ((name, expected), printed) in expected_out.iter().zip(&printed) {
        let report = differences(printed, expected);
        if name.contains("swapped") {
            assert!(
                report.contains("Kotlin: detail"),
                "{name}: the differential did not notice swapped plural forms"
            );
        } else {
            assert!(
                report.is_empty(),
                "{name}: the Kotlin export and the Rust runtime disagree:\n{report}"
            );
        }
    }
}

fn render_android(catalog: &Catalog) -> Vec<Artifact> {
    render("android", catalog)
}

fn kotlin_file(catalog: &Catalog) -> String {
    render("kotlin", catalog).remove(0).contents
}

#[test]
fn aapt_rejects_a_broken_export() {
    if !android_tools() {
        return;
    }
    let catalog = load("codes.toml");
    let files = render_android(&catalog);
    aapt(&files).expect("the export itself compiles");
    type Breaking = fn(&str) -> String;
    let breakages: [(&str, Breaking, &str); 3] = [
        (
            "an unescaped apostrophe",
            |xml| xml.replacen("\\'", "'", 1),
            "apostrophe",
        ),
        (
            "two non-positional arguments",
            |xml| xml.replacen("%1$s", "%s and %s", 1),
            "non-positional",
        ),
        (
            "an unclosed element",
            |xml| xml.replacen("</string>", "", 1),
            "error",
        ),
    ];
    for (what, breaking, complaint) in breakages {
        let mut broken = files.clone();
        let default = broken
            .iter_mut()
            .find(|f| f.path == "res/values/flux_errors.xml")
            .unwrap();
        let before = default.contents.clone();
        default.contents = breaking(&default.contents);
        assert_ne!(default.contents, before, "{what}: nothing to break");
        let error = aapt(&broken).expect_err(what);
        assert!(error.to_lowercase().contains(complaint), "{what}: {error}");
    }
}

#[test]
fn kotlinc_rejects_a_broken_export() {
    if !jvm_tools() {
        return;
    }
    let catalog = load("codes.toml");
    let file = kotlin_file(&catalog);
    // A code's status as a string: a type error, the kind of slip a renderer could make.
    let broken = file.replacen(
        "\"ERR_QR_UNKNOWN\", 404,",
        "\"ERR_QR_UNKNOWN\", \"404\",",
        1,
    ); // flux-codes: allow
    assert_ne!(broken, file);
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("FluxErrorCode.kt");
    std::fs::write(&source, broken).unwrap();
    let output = run(Command::new("bash")
        .arg(kotlin_home().join("bin/kotlinc"))
        .arg(&source)
        .arg("-d")
        .arg(dir.path().join("out.jar")));
    assert!(!output.status.success(), "kotlinc accepted a broken file");
    assert!(
        text(&output.stderr).contains("type mismatch")
            || text(&output.stderr).contains("Argument type mismatch"),
        "{}",
        text(&output.stderr)
    );
}

/// A catalog of one code whose `en` detail is `detail`.
fn one_detail(detail: &str) -> Catalog {
    let source = format!(
        "[catalog]\nname = \"T\"\ndefault_locale = \"en\"\nlocales = [\"en\", \"es\"]\n\n\
         [categories.c]\ntitle = {{ en = \"C\", es = \"C\" }}\n\n\
         [codes.ERR_X]\nstatus = 400\nretryable = false\ncategory = \"c\"\n\
         message = {{ en = \"M\", es = \"M\" }}\ndetail = {{ en = {detail:?}, es = {detail:?} }}\n"
    );
    flux_codes_gen::parse_catalog(Path::new("t.toml"), &source).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn details_the_phone_cannot_say_are_located_errors() {
    let two =
        one_detail("{a, plural, one {# a} other {# as}} and {b, plural, one {# b} other {# bs}}");
    let problems = mobile::check(&two);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let problem = &problems[0];
    assert_eq!(
        (problem.code.as_str(), problem.locale.as_str()),
        ("ERR_X", "en")
    );
    assert_eq!((problem.line, problem.column), (9, 8));
    assert!(
        problem.what.contains("two numbers, `a` and `b`"),
        "{problem}"
    );
    assert!(mobile::plan(&two, &two.codes()[0]).is_none());

    let offsets =
        one_detail("{a, plural, one {#} other {#}} {a, plural, offset:1 one {#} other {#}}");
    assert!(mobile::check(&offsets)[0].what.contains("offsets 0 and 1"));

    // Seven selects of two keys: 3^7 sentences.
    let many: String = (0..7)
        .map(|i| format!("{{s{i}, select, a {{A}} b {{B}} other {{O}}}}"))
        .collect();
    let problem = &mobile::check(&one_detail(&many))[0];
    assert!(problem.what.contains("2187 variants"), "{problem}");

    // A select with a plural in one branch, `=0` and an offset: one plural, said on the phone.
    let fine = one_detail(
        "{m, select, card {{n, plural, offset:1 =0 {none} one {# more} other {# more}}} other {{n, number}}}",
    );
    assert!(mobile::check(&fine).is_empty());
    let plan = mobile::plan(&fine, &fine.codes()[0]).unwrap();
    // card =0, card (plural), other (the same text for =0 and the rest: one sentence).
    assert_eq!(plan.variants.len(), 3, "{plan:?}");
    assert_eq!(plan.variants.iter().filter(|v| v.plural).count(), 1);
}

#[test]
fn the_kotlin_package_is_checked() {
    let catalog = load("codes.toml");
    assert_eq!(kotlin::package(&catalog), "example.flux.errors");
    let named = catalog
        .clone()
        .with_kotlin_package("com.acme.errors")
        .unwrap();
    assert_eq!(kotlin::package(&named), "com.acme.errors");
    assert!(kotlin_file(&named).contains("\npackage com.acme.errors\n"));
    for bad in ["com.1acme", "com..acme", "com.package", "com-acme", ""] {
        assert!(catalog.clone().with_kotlin_package(bad).is_err(), "{bad}");
    }
}

// ---- iOS ------------------------------------------------------------------------------------

fn node_tools() -> bool {
    installed(
        "tests/mobile's npm packages (npm ci --ignore-scripts --prefix tests/mobile)",
        root()
            .join("tests/mobile/node_modules/.package-lock.json")
            .is_file()
            && Command::new("node").arg("--version").output().is_ok(),
    )
}

/// `tests/mobile/ios.mjs` on (kind, file) pairs: its answer per file.
fn ios_tools(files: &[(&str, &Path)]) -> Vec<Value> {
    let mut command = Command::new("node");
    command
        .current_dir(root().join("tests/mobile"))
        .arg("ios.mjs");
    for (kind, file) in files {
        command.arg(kind).arg(file);
    }
    let output = run(&mut command);
    assert!(
        output.status.success(),
        "ios.mjs failed:\n{}",
        text(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn xcstrings_schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/mobile/xcstrings.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn schema_errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The String Catalog holds every text of the model: each key's localization per locale, its
/// state, and a plural sentence as a substitution over the quantity argument.
fn assert_string_catalog(name: &str, catalog: &Catalog, document: &Value) {
    use flux_codes_gen::render::xcstrings;
    assert_eq!(
        document["sourceLanguage"],
        catalog.default_locale_tag(),
        "{name}"
    );
    let strings = document["strings"].as_object().unwrap();
    // Messages and hints as catalog.json has them, the same facts every export shows.
    let json: Value =
        serde_json::from_str(&flux_codes_gen::render::json::render_json(catalog)).unwrap();
    let fixed_texts = |code: &Value, field: &str| -> Option<Vec<Text>> {
        let texts = code.get(field).filter(|texts| !texts.is_null())?;
        Some(
            catalog
                .locales()
                .iter()
                .map(|tag| {
                    let text = texts[tag.as_str()].as_str().unwrap();
                    Text::One(vec![mobile::Piece::Text(text.replace('%', "%%"))])
                })
                .collect(),
        )
    };
    let mut keys = 0;
    for code in catalog.codes() {
        let in_json = json["codes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == code.code())
            .unwrap_or_else(|| panic!("{name}: {} is not in catalog.json", code.code()));
        let mut texts: Vec<(String, Vec<Text>)> = vec![(
            mobile::catalog_key(code, TextOf::Message),
            fixed_texts(in_json, "message").expect("a message"),
        )];
        if let Some(hint) = fixed_texts(in_json, "hint") {
            assert!(code.hint().is_some(), "{name}: a hint the model lacks");
            texts.push((mobile::catalog_key(code, TextOf::Hint), hint));
        }
        let plan = mobile::plan(catalog, code);
        if let Some(plan) = &plan {
            for (i, variant) in plan.variants.iter().enumerate() {
                texts.push((
                    mobile::catalog_key(code, mobile::variant_text(plan, i)),
                    variant.texts.clone(),
                ));
            }
        }
        for (key, per_locale) in texts {
            keys += 1;
            let entry = &strings
                .get(&key)
                .unwrap_or_else(|| panic!("{name}: no key {key}"))["localizations"];
            for (l, tag) in catalog.locales().iter().enumerate() {
                let localization = &entry[tag];
                let state = if catalog.is_draft(l) {
                    "needs_review"
                } else {
                    "translated"
                };
                assert_eq!(
                    localization["stringUnit"]["state"], state,
                    "{name} {key} {tag}"
                );
                // A message or hint is not a format string: the String Catalog holds it as
                // written (the expected text above doubled its `%` only to share the code).
                let fixed = !key.contains(".detail");
                match &per_locale[l] {
                    Text::One(pieces) => {
                        let mut value = xcstrings::format_string(pieces);
                        if fixed {
                            value = value.replace("%%", "%");
                        }
                        assert_eq!(
                            localization["stringUnit"]["value"],
                            android::resource_text(&value),
                            "{name} {key} {tag}"
                        );
                    }
                    Text::Plural(forms) => {
                        let quantity = plan.as_ref().unwrap().slots.len() + 1;
                        assert_eq!(
                            localization["stringUnit"]["value"],
                            format!("%{quantity}$#@plural@"),
                            "{name} {key}"
                        );
                        let substitution = &localization["substitutions"]["plural"];
                        assert_eq!(substitution["argNum"], quantity);
                        assert_eq!(substitution["formatSpecifier"], "lld");
                        let plural = substitution["variations"]["plural"].as_object().unwrap();
                        let mut categories: Vec<&str> = forms.iter().map(|(c, _)| *c).collect();
                        categories.sort_unstable();
                        let mut written: Vec<&str> = plural.keys().map(String::as_str).collect();
                        written.sort_unstable();
                        assert_eq!(written, categories, "{name} {key} {tag}");
                        for (category, pieces) in forms {
                            assert_eq!(
                                plural[*category]["stringUnit"]["value"],
                                android::resource_text(&xcstrings::format_string(pieces)),
                                "{name} {key} {tag} {category}"
                            );
                        }
                    }
                    other => panic!("a text shape this test does not know: {other:?}"),
                }
            }
        }
    }
    assert_eq!(
        strings.len(),
        keys,
        "{name}: keys the model has no text for"
    );
}

/// What locize-xcstrings read is every top-level string of the file.
fn assert_locize_reads(name: &str, document: &Value, answer: &Value) {
    let resources = &answer["resources"]["resources"];
    assert!(
        answer["error"].is_null(),
        "{name}: locize-xcstrings: {}",
        answer["error"]
    );
    for (key, entry) in document["strings"].as_object().unwrap() {
        for (tag, localization) in entry["localizations"].as_object().unwrap() {
            assert_eq!(
                resources[tag][key]["value"], localization["stringUnit"]["value"],
                "{name}: locize-xcstrings reads {key} ({tag}) otherwise"
            );
        }
    }
}

/// The Swift enum's `switch`es say what catalog.json says of every code.
fn assert_swift_facts(name: &str, catalog: &Catalog, answer: &Value) {
    use flux_codes_gen::render::swift::{case_names, string_literal};
    assert_eq!(
        answer["hasError"], false,
        "{name}: tree-sitter-swift: {}",
        answer["errors"]
    );
    let json: Value =
        serde_json::from_str(&flux_codes_gen::render::json::render_json(catalog)).unwrap();
    let codes = json["codes"].as_array().unwrap();
    let names = case_names(catalog);
    let switch = |property: &str| -> Vec<(String, String)> {
        answer["switches"][property]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: no {property}"))
            .iter()
            .map(|e| {
                (
                    e[0].as_str().unwrap().to_owned(),
                    e[1].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let case = |i: usize| {
        let n = &names[i];
        if n.starts_with(|c: char| c.is_ascii_lowercase())
            && !["default", "self", "in"].contains(&n.as_str())
        {
            format!(".{n}")
        } else {
            format!(".`{n}`")
        }
    };
    let expect = |property: &str, value: &dyn Fn(&Value) -> String, unknown: &str| {
        let mut wanted: Vec<(String, String)> = codes
            .iter()
            .enumerate()
            .map(|(i, c)| (case(i), value(c)))
            .collect();
        wanted.push((
            unknown.to_owned(),
            switch(property).last().unwrap().1.clone(),
        ));
        assert_eq!(switch(property), wanted, "{name}: {property}");
    };
    expect(
        "rawValue",
        &|c| string_literal(c["code"].as_str().unwrap()),
        ".unknown(let raw)",
    );
    expect("httpStatus", &|c| c["status"].to_string(), ".unknown");
    expect("isRetryable", &|c| c["retryable"].to_string(), ".unknown");
    expect(
        "category",
        &|c| string_literal(c["category"].as_str().unwrap()),
        ".unknown",
    );
    let mut init: Vec<(String, String)> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                string_literal(c["code"].as_str().unwrap()),
                format!("self = {}", case(i)),
            )
        })
        .collect();
    init.push(("default".to_owned(), "self = .unknown(rawValue)".to_owned()));
    assert_eq!(switch("init"), init, "{name}: init(rawValue:)");
}

#[test]
fn string_catalog_and_swift_under_their_tools() {
    let validator = xcstrings_schema();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut checks = Vec::new();
    for (i, (name, catalog, _)) in catalogs().into_iter().enumerate() {
        let xcstrings = render("xcstrings", &catalog).remove(0).contents;
        let document: Value = serde_json::from_str(&xcstrings).unwrap();
        let errors = schema_errors(&validator, &document);
        assert!(
            errors.is_empty(),
            "{name}: the String Catalog breaks its schema:\n{}",
            errors.join("\n")
        );
        assert_string_catalog(name, &catalog, &document);
        let swift = render("swift", &catalog).remove(0).contents;
        let xcstrings_path = dir.path().join(format!("{i}.xcstrings"));
        let swift_path = dir.path().join(format!("{i}.swift"));
        std::fs::write(&xcstrings_path, xcstrings).unwrap();
        std::fs::write(&swift_path, swift).unwrap();
        files.push(("xcstrings", xcstrings_path));
        files.push(("swift", swift_path));
        checks.push((name, catalog, document));
    }
    if !node_tools() {
        return;
    }
    // Broken files: a Swift file without its last brace, a String Catalog cut short.
    let swift = render("swift", &checks[0].1).remove(0).contents;
    let broken_swift = dir.path().join("broken.swift");
    std::fs::write(&broken_swift, &swift[..swift.rfind('}').unwrap()]).unwrap();
    let xcstrings = render("xcstrings", &checks[0].1).remove(0).contents;
    let broken_xcstrings = dir.path().join("broken.xcstrings");
    std::fs::write(&broken_xcstrings, &xcstrings[..xcstrings.len() / 2]).unwrap();
    let mut args: Vec<(&str, &Path)> = files.iter().map(|(k, p)| (*k, p.as_path())).collect();
    args.push(("swift", &broken_swift));
    args.push(("xcstrings", &broken_xcstrings));
    let answers = ios_tools(&args);
    for (i, (name, catalog, document)) in checks.iter().enumerate() {
        assert_locize_reads(name, document, &answers[2 * i]);
        assert_swift_facts(name, catalog, &answers[2 * i + 1]);
    }
    let n = checks.len() * 2;
    assert_eq!(
        answers[n]["hasError"], true,
        "tree-sitter-swift accepted a broken file"
    );
    assert!(
        answers[n + 1]["error"].is_string(),
        "locize-xcstrings read a broken file"
    );
}

#[test]
fn the_xcstrings_schema_rejects_a_broken_export() {
    let validator = xcstrings_schema();
    let catalog = load("codes.toml");
    let document: Value =
        serde_json::from_str(&render("xcstrings", &catalog).remove(0).contents).unwrap();
    assert!(schema_errors(&validator, &document).is_empty());
    type Breaking = fn(&mut Value);
    let breakages: [(&str, Breaking); 4] = [
        ("no sourceLanguage", |d| {
            d.as_object_mut().unwrap().remove("sourceLanguage");
        }),
        ("a state Xcode does not know", |d| {
            d["strings"]["ERR_QR_EXPIRED.message"]["localizations"]["es"]["stringUnit"]["state"] =
                json!("done"); // flux-codes: allow
        }),
        ("a plural without other", |d| {
            let plural = &mut d["strings"]["ERR_PIN_ATTEMPTS_EXCEEDED.detail.1"]["localizations"]["en"]
                ["substitutions"]["plural"]["variations"]["plural"]; // flux-codes: allow
            plural
                .as_object_mut()
                .unwrap()
                .remove("other")
                .expect("an other form");
        }),
        ("a substitution without its argument", |d| {
            d["strings"]["ERR_PIN_ATTEMPTS_EXCEEDED.detail.1"]["localizations"]["es"]["substitutions"]["plural"] // flux-codes: allow
                .as_object_mut()
                .unwrap()
                .remove("argNum");
        }),
    ];
    for (what, breaking) in breakages {
        let mut broken = document.clone();
        breaking(&mut broken);
        assert!(
            !schema_errors(&validator, &broken).is_empty(),
            "the schema accepts {what}"
        );
    }
}

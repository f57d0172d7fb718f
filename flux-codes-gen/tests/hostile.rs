//! Hostile input: whatever the catalog file holds or wherever it went, loading gives a clear
//! error and never panics, recurses without bound or reads without bound, and a failed build
//! leaves the previous output in place. Big inputs are generated here, never committed.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use flux_codes_gen::diff::Change;
use flux_codes_gen::{Builder, Error, MAX_CATALOG_BYTES, load_catalog, parse_catalog};

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn invalid(result: Result<flux_codes_gen::Catalog, Error>) -> String {
    match result {
        Err(Error::Invalid(diags)) => diags.render(false),
        Err(other) => panic!("expected diagnostics, got: {other}"),
        Ok(_) => panic!("expected the catalog to be rejected"),
    }
}

#[test]
fn a_50_mb_catalog_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("codes.toml");
    // A plausible catalog whose one message is 50 MB long.
    let source = common::big_catalog(1).replace("Message 0.", &"a".repeat(50 << 20));
    fs::write(&path, &source).unwrap();
    let report = invalid(load_catalog(&path));
    assert!(
        report.contains("the catalog is larger than 16 MiB"),
        "{report}"
    );
    let diags = parse_catalog(&path, &source).unwrap_err();
    assert_eq!(diags.items.len(), 1);
    // The report does not quote the file back.
    assert!(report.len() < 1000, "{}", report.len());
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_file_is_read_only_up_to_the_limit() {
    // `/dev/zero` never ends: an unbounded read would never return.
    let report = invalid(load_catalog(Path::new("/dev/zero")));
    assert!(report.contains("larger than 16 MiB"), "{report}");
}

#[test]
fn a_catalog_at_the_limit_is_read_and_one_byte_more_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("codes.toml");
    // Valid TOML padded with a comment to exactly the limit.
    let mut source = common::big_catalog(1);
    source.push('#');
    source.push_str(&" ".repeat(MAX_CATALOG_BYTES - source.len()));
    fs::write(&path, &source).unwrap();
    assert_eq!(load_catalog(&path).unwrap().codes().len(), 1);
    source.push(' ');
    fs::write(&path, &source).unwrap();
    assert!(invalid(load_catalog(&path)).contains("larger than 16 MiB"));
}

#[test]
fn a_catalog_of_100_000_codes_loads_and_diffs() {
    let source = common::big_catalog(100_000);
    assert!(source.len() > 12_000_000);
    let path = Path::new("big.toml");
    let old = parse_catalog(path, &source).unwrap_or_else(|d| panic!("{}", d.render(false)));
    assert_eq!(old.codes().len(), 100_000);
    assert_eq!(old.codes()[99_999].code(), "ERR_C99999");
    // The same file with `ERR_C5` removed and `ERR_C77777`'s status changed.
    let table = |i: usize| {
        format!(
            "\n[codes.ERR_C{i}]\nstatus = 400\nretryable = false\ncategory = \"c\"\n\
             message = {{ en = \"Message {i}.\", es = \"Mensaje {i}.\" }}\n"
        )
    };
    assert!(source.contains(&table(5)) && source.contains(&table(77_777)));
    let edited = source.replacen(&table(5), "", 1).replacen(
        &table(77_777),
        &table(77_777).replace("status = 400", "status = 404"),
        1,
    );
    let new = parse_catalog(path, &edited).unwrap_or_else(|d| panic!("{}", d.render(false)));
    assert_eq!(
        flux_codes_gen::diff::diff(&old, &new),
        [
            Change::CodeRemoved {
                code: "ERR_C5".into(),
                renamed_to: None
            },
            Change::StatusChanged {
                code: "ERR_C77777".into(),
                old: 400,
                new: 404,
                grpc: Some(flux_codes_gen::diff::GrpcMove {
                    old: "INVALID_ARGUMENT".into(),
                    new: "NOT_FOUND".into()
                })
            }
        ]
    );
}

/// Parses `source` on a thread with a small stack (half a test thread's, an eighth of a main
/// thread's): nesting 100,000 deep must not need a deeper stack than nesting 60 deep. The TOML
/// parser stops at 80 levels (`toml`'s recursion limit), which this pins.
fn parse_on_small_stack(source: String) -> String {
    std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(
            move || match parse_catalog(Path::new("deep.toml"), &source) {
                Ok(_) => panic!("a nested document is not a catalog"),
                Err(diags) => diags.render(false),
            },
        )
        .unwrap()
        .join()
        .expect("no panic")
}

#[test]
fn deeply_nested_toml_is_an_error_not_a_stack_overflow() {
    let n = 100_000;
    let catalog = "[catalog]\nname = ";
    let cases = [
        format!("{catalog}{}{}", "[".repeat(n), "]".repeat(n)),
        format!("{catalog}{}1{}", "{a=".repeat(n), "}".repeat(n)),
        format!("{catalog}{}", "[".repeat(n)),
        format!("[{}]\n", vec!["a"; n].join(".")),
        format!("[[{}]]\n", vec!["a"; n].join(".")),
        format!("{} = 1\n", vec!["a"; n].join(".")),
    ];
    for source in cases {
        let start: String = source.chars().take(30).collect();
        let report = parse_on_small_stack(source);
        assert!(
            report.contains("error: invalid TOML")
                && report.contains("nests arrays, tables or dotted keys deeper"),
            "{start}...: {report}"
        );
    }
    // Nesting the TOML parser accepts still meets the loader's own checks, not a crash.
    let report = parse_on_small_stack(format!("{catalog}{}{}\n", "[".repeat(60), "]".repeat(60)));
    assert!(
        report.contains("expected a string, found array"),
        "{report}"
    );
}

#[test]
fn invalid_utf8_is_a_diagnostic_at_the_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("codes.toml");
    let mut bytes = common::big_catalog(1).into_bytes();
    let at = bytes.windows(7).position(|w| w == b"Mensaje").unwrap();
    bytes[at + 1] = 0xff;
    fs::write(&path, &bytes).unwrap();
    let report = invalid(load_catalog(&path));
    assert!(
        report.contains("error: the catalog is not valid UTF-8"),
        "{report}"
    );
    assert!(report.contains("codes.toml:13:39"), "{report}");
    assert!(
        report.contains("help: save codes.toml as UTF-8"),
        "{report}"
    );
    let diags = flux_codes_gen::parse_catalog(&path, &bytes).unwrap_err();
    assert_eq!(
        (diags.located()[0].line, diags.located()[0].column),
        (13, 39)
    );
}

#[test]
fn a_missing_or_unreadable_catalog_is_an_io_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("codes.toml");
    let error = load_catalog(&missing).unwrap_err();
    assert!(
        matches!(&error, Error::Io { error, .. } if error.kind() == std::io::ErrorKind::NotFound)
    );
    assert!(
        error
            .to_string()
            .starts_with(&format!("cannot read the catalog {}: ", missing.display())),
        "{error}"
    );
    // Unreadable: a folder where the file should be. (Permission bits cannot make a file
    // unreadable to root, who runs CI, so the folder stands in for them.)
    fs::create_dir(&missing).unwrap();
    assert!(matches!(load_catalog(&missing), Err(Error::Io { .. })));
    // A dangling symlink.
    #[cfg(unix)]
    {
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(dir.path().join("gone.toml"), &link).unwrap();
        assert!(matches!(load_catalog(&link), Err(Error::Io { .. })));
    }
}

/// A build that worked once, then a catalog that went away or broke: the build fails with the
/// reason and the previous generated files stay as they were, with no temporary file left.
#[test]
fn a_failed_build_keeps_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("codes.toml");
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(&catalog, common::big_catalog(3)).unwrap();
    let builder = Builder::new(&catalog).out_dir(&out);
    let generated: PathBuf = builder.compile().unwrap();
    let written = entries(&out);
    assert_eq!(written, ["flux_codes.md", "flux_codes.rs"]);
    let good: Vec<Vec<u8>> = written
        .iter()
        .map(|f| fs::read(out.join(f)).unwrap())
        .collect();
    assert!(String::from_utf8_lossy(&fs::read(&generated).unwrap()).contains("ERR_C2"));
    let unchanged = || {
        assert_eq!(entries(&out), written);
        for (file, bytes) in written.iter().zip(&good) {
            assert_eq!(&fs::read(out.join(file)).unwrap(), bytes, "{file} changed");
        }
    };

    fs::remove_file(&catalog).unwrap();
    let error = builder.compile().unwrap_err();
    assert!(matches!(error, Error::Io { .. }));
    assert!(
        error.to_string().contains("cannot read the catalog"),
        "{error}"
    );
    unchanged();

    fs::write(&catalog, b"[catalog]\nname = 1\n").unwrap();
    assert!(matches!(builder.compile(), Err(Error::Invalid(_))));
    unchanged();

    // An output folder that is not a folder: a clear write error naming the file.
    fs::write(&catalog, common::big_catalog(3)).unwrap();
    let not_a_dir = dir.path().join("codes.toml");
    let error = Builder::new(&catalog)
        .out_dir(&not_a_dir)
        .compile()
        .unwrap_err();
    assert!(
        matches!(&error, Error::Write { path, .. } if path.starts_with(&not_a_dir)),
        "{error}"
    );
    assert!(error.to_string().starts_with("cannot write "), "{error}");
}

#[test]
fn thousands_of_errors_report_the_first_hundred_and_count_the_rest() {
    // 5,000 codes, each with an out-of-range status.
    let source = common::big_catalog(5_000).replace("status = 400", "status = 200");
    let diags = parse_catalog(Path::new("codes.toml"), &source).unwrap_err();
    assert_eq!(diags.items.len(), flux_codes_gen::Diagnostics::MAX_KEPT);
    assert_eq!(diags.error_count(), 5_000);
    let report = diags.render(false);
    assert!(
        report.contains("note: 4900 more errors not shown (a report keeps the first 100)"),
        "{report}"
    );
    assert!(
        report.ends_with("codes.toml: 5000 errors in the catalog; nothing was generated\n"),
        "{report}"
    );
    // A syntax error on every line, however large the file, reports the first and at most a
    // couple of independent ones.
    // The first and at most two clearly independent ones (the loader's `MAX_INDEPENDENT`).
    let reported = 3;
    for lines in [3, 1 << 20] {
        let diags = parse_catalog(Path::new("codes.toml"), "=\n".repeat(lines)).unwrap_err();
        assert_eq!(diags.error_count(), reported, "{}", diags.render(false));
    }
}

#[test]
fn a_diagnostic_in_a_long_line_shows_an_excerpt_at_the_right_column() {
    let long = "x".repeat(1 << 20);
    // `docs_url` without `{code}`: the error points at the 1 MB string, 11 columns in.
    let source = format!(
        "[catalog]\nname = \"T\"\ndefault_locale = \"en\"\nlocales = [\"en\"]\ndocs_url = \"{long}\"\n"
    );
    let report = parse_catalog(Path::new("codes.toml"), &source)
        .unwrap_err()
        .render(false);
    assert!(report.contains("--> codes.toml:5:12"), "{report}");
    assert!(report.len() < 4096, "{} bytes", report.len());
    // The same error further into a long line: the excerpt starts mid-line, and the location
    // still names the real column.
    let padded = format!(
        "[catalog]\nname = \"T\"\ndefault_locale = \"en\"\nlocales = [\"en\"]\nreserved = [{}\"bad code\"]\n",
        "\"ERR_A\", ".repeat(10_000)
    );
    let report = parse_catalog(Path::new("codes.toml"), &padded)
        .unwrap_err()
        .render(false);
    let column = "reserved = [".len() + "\"ERR_A\", ".len() * 10_000 + 1;
    assert!(
        report.contains(&format!("codes.toml:5:{column}")),
        "{report}"
    );
    assert!(report.contains("\"bad code\""), "{report}");
    assert!(report.len() < 4096, "{} bytes", report.len());
    // A value quoted in a message is cut.
    let source =
        format!("[catalog]\nname = \"T\"\ndefault_locale = \"{long}\"\nlocales = [\"en\"]\n");
    let report = parse_catalog(Path::new("codes.toml"), &source)
        .unwrap_err()
        .render(false);
    assert!(report.contains("xxx…"), "{report}");
    assert!(report.len() < 4096, "{} bytes", report.len());
}

/// The line and column (1-based, in characters) where `needle`, unique in `source`, starts.
fn position_of(source: &str, needle: &str) -> (usize, usize) {
    assert_eq!(
        source.matches(needle).count(),
        1,
        "`{needle}` is not unique"
    );
    let at = source.find(needle).unwrap();
    let line = source[..at].matches('\n').count() + 1;
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, source[line_start..at].chars().count() + 1)
}

// flux-codes: allow-start (a made-up catalog)
/// Each class of character a translation may not hold, written literally and as TOML escapes,
/// in one-line and multi-line strings; and what is accepted: Persian ZWNJ, an emoji ZWJ
/// sequence, Devanagari ZWJ, a character a locale allows explicitly, tab and newline.
const HOSTILE_CATALOG: &str = "[catalog]
name = \"Shop\"
default_locale = \"en\"
locales = [\"en\", \"es\", \"fa\"]
allowed_characters = { fa = [\"U+200F\"] }
reserved = []

[categories.cart]
title = { en = \"Cart\", es = \"Carrito \u{2067}isolate\", fa = \"سبد\" }

[codes.ERR_BIDI_ESCAPE]
status = 400
retryable = false
category = \"cart\"
message = { en = \"Bidi.\", es = \"Un \\u202Etexto invertido \\u202C.\", fa = \"می\u{200C}خواهم \u{200F}.\" }

[codes.ERR_TERMINAL]
status = 400
retryable = false
category = \"cart\"
message = { en = \"Terminal.\", es = \"\"\"Primera línea
segunda \\u001b[2J borrada\"\"\", fa = \"پیام\" }

[codes.ERR_C1]
status = 400
retryable = false
category = \"cart\"
message = { en = \"C1.\", es = \"Secuencia \u{9b}31m roja\", fa = \"پیام\" }

[codes.ERR_INVISIBLE]
status = 400
retryable = false
category = \"cart\"
message = { en = \"Zero\u{200B}width.\", es = \"Marca\\uFEFF de orden\", fa = \"پیام\" }

[codes.ERR_JOINER]
status = 400
retryable = false
category = \"cart\"
message = { en = \"Joined: a\\u200Db, 👩\u{200D}💻.\", es = \"Tab\\tand क्\u{200D}ष\", fa = \"پیام\\n\" }
detail = { en = \"Value {v}.\", es = \"Valor {v}\\u0007\\u2066.\", fa = \"مقدار {v}.\" }
";
// flux-codes: allow-end

#[test]
fn each_class_of_hostile_character_is_refused_at_its_line_and_column() {
    let source = HOSTILE_CATALOG;
    let diags = parse_catalog(Path::new("codes.toml"), source).unwrap_err();
    let found: Vec<(usize, usize, String)> = diags
        .located()
        .iter()
        .map(|d| (d.line, d.column, d.message.to_owned()))
        .collect();
    let expect = |needle: &str, message: &str| {
        let (line, column) = position_of(source, needle);
        (line, column, message.to_owned())
    };
    assert_eq!(
        found,
        [
            expect(
                "\u{2067}",
                "the `es` text of `categories.cart.title` contains U+2067 RIGHT-TO-LEFT ISOLATE"
            ),
            expect(
                "\\u202E",
                "the `es` text of `codes.ERR_BIDI_ESCAPE.message` contains U+202E RIGHT-TO-LEFT OVERRIDE"
            ),
            expect(
                "\\u001b",
                "the `es` text of `codes.ERR_TERMINAL.message` contains U+001B ESCAPE"
            ),
            expect(
                "\u{9b}",
                "the `es` text of `codes.ERR_C1.message` contains U+009B CONTROL SEQUENCE INTRODUCER"
            ),
            expect(
                "\u{200B}",
                "the `en` text of `codes.ERR_INVISIBLE.message` contains U+200B ZERO WIDTH SPACE"
            ),
            expect(
                "\\uFEFF",
                "the `es` text of `codes.ERR_INVISIBLE.message` contains U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark)"
            ),
            expect(
                "\\u200D",
                "the `en` text of `codes.ERR_JOINER.message` contains U+200D ZERO WIDTH JOINER"
            ),
            // Two offenders in one text: one diagnostic, at the first.
            expect(
                "\\u0007",
                "the `es` text of `codes.ERR_JOINER.detail` contains U+0007 BELL"
            ),
        ],
        "{}",
        diags.render(false)
    );
    let report = diags.render(false);
    assert!(
        report.contains("allowed_characters = { es = [\"U+202E\"] }"),
        "{report}"
    );
    // With each refused character allowed for its locale, the catalog loads.
    let allowed = source.replace(
        "allowed_characters = { fa = [\"U+200F\"] }",
        "allowed_characters = { fa = [\"U+200F\"], es = [\"U+2067\", \"U+202E\", \"U+202C\", \"U+2066\", \"U+001B\", \"U+009B\", \"U+FEFF\", \"U+0007\"], en = [\"U+200B\", \"U+200D\"] }",
    );
    parse_catalog(Path::new("codes.toml"), &allowed)
        .unwrap_or_else(|d| panic!("{}", d.render(false)));
}

#[test]
fn allowed_characters_is_checked() {
    let source = HOSTILE_CATALOG.replace(
        "allowed_characters = { fa = [\"U+200F\"] }",
        "allowed_characters = { fr = [\"U+200F\"], fa = [\"200F\", \"U+0041\"] }",
    );
    let diags = parse_catalog(Path::new("codes.toml"), &source).unwrap_err();
    let messages: Vec<&str> = diags.located().iter().map(|d| d.message).collect();
    assert_eq!(
        messages[..3],
        [
            "`allowed_characters` names `fr`, which is not a declared locale",
            "`200F` is not a code point",
            "U+0041 is not a refused character",
        ]
    );
}

/// A catalog whose one detail (in `en`; `es` is plain) is `detail`, as a TOML literal string.
fn catalog_with_detail(detail: &str) -> String {
    // flux-codes: allow-start (a made-up catalog)
    format!(
        "[catalog]\nname = \"Shop\"\ndefault_locale = \"en\"\nlocales = [\"en\", \"es\"]\nreserved = []\n\n\
         [categories.cart]\ntitle = {{ en = \"Cart\", es = \"Carrito\" }}\n\n\
         [codes.ERR_SHAPE]\nstatus = 400\nretryable = false\ncategory = \"cart\"\n\
         message = {{ en = \"Shape.\", es = \"Forma.\" }}\n\
         detail = {{ en = '''{detail}''', es = \"Forma.\" }}\n"
    )
    // flux-codes: allow-end
}

/// The worst shapes of an ICU message: each is one located error (at the line and column of
/// the construct over the limit), with no stack overflow and no quadratic time. The time is
/// printed (BENCHMARKS.md records it), never asserted.
#[test]
fn the_worst_message_shapes_are_located_errors_in_bounded_time() {
    let nested = "{n, plural, other {".repeat(10_000);
    let options: String = (0..10_000)
        .map(|i| format!("={i} {{x}} "))
        .collect::<String>()
        + "other {y}";
    let plural = format!("{{n, plural, {options}}}");
    let arguments: String = (0..200_000).map(|i| format!("{{a{i}}}")).collect();
    let cases = [
        (
            "nested 10,000 deep",
            nested.as_str(),
            "arguments nest more than 16 deep",
            "{n, plural, other {".repeat(16).len() + 1,
        ),
        (
            "a plural of 10,001 options",
            plural.as_str(),
            "the plural has more than 256 options",
            plural.find("=256 ").unwrap() + 1,
        ),
        (
            "200,000 arguments",
            arguments.as_str(),
            "the message has more than 1024 arguments",
            arguments.find("{a1024}").unwrap() + 1,
        ),
    ];
    for (what, detail, message, column) in cases {
        let source = catalog_with_detail(detail);
        let started = std::time::Instant::now();
        let diags = parse_catalog(Path::new("codes.toml"), &source).unwrap_err();
        let elapsed = started.elapsed();
        eprintln!("{what}: {} bytes, rejected in {elapsed:?}", source.len());
        let located = diags.located();
        assert_eq!(located.len(), 1, "{what}: {}", diags.render(false));
        assert!(
            located[0].message.starts_with(message),
            "{what}: {}",
            located[0].message
        );
        let detail_line = source
            .lines()
            .position(|l| l.starts_with("detail"))
            .unwrap()
            + 1;
        assert_eq!(
            (located[0].line, located[0].column),
            (detail_line, "detail = { en = '''".len() + column),
            "{what}"
        );
    }
}

//! flux-codes-gen from a build script, as a crate with its own catalog uses it (the way a
//! prost-build user does): a 5,000-code catalog compiles and works; a broken catalog fails the
//! build with rendered diagnostics and no panic; the script reruns only when the catalog changes
//! and rewrites its output only when the bytes change.
//!
//! The consumer crates live under `target/generated-crate-tests/` and share one target dir
//! there, so dependencies are compiled once.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch() -> PathBuf {
    root().join("target/generated-crate-tests")
}

/// Writes a consumer crate named `name` with `catalog` as its codes.toml.
fn consumer(name: &str, catalog: &str) -> PathBuf {
    let dir = scratch().join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        r#"[package]
name = "{name}"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
flux-codes = {{ path = {root:?} }}

[build-dependencies]
flux-codes-gen = {{ path = {gen:?} }}

[workspace]
"#,
        root = root(),
        gen = root().join("flux-codes-gen"),
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(
        dir.join("build.rs"),
        "fn main() -> Result<(), flux_codes_gen::Error> {\n    \
         flux_codes_gen::Builder::new(\"codes.toml\").compile()?;\n    Ok(())\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        r#"include!(concat!(env!("OUT_DIR"), "/flux_codes.rs"));

fn main() {
    for arg in std::env::args().skip(1) {
        match arg.parse::<ErrorCode>() {
            Ok(code) => println!("{code} {} {} {}", code.http_status(), code.category(), code.message(Locale::DEFAULT)),
            Err(e) => println!("{e} `{arg}`"),
        }
    }
    println!("count {}", ErrorCode::COUNT);
}
"#,
    )
    .unwrap();
    std::fs::write(dir.join("codes.toml"), catalog).unwrap();
    dir
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", scratch().join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn big_catalog(codes: usize) -> String {
    let mut toml = String::from(
        "[catalog]\nname = \"Big\"\ndefault_locale = \"en\"\nlocales = [\"en\", \"es\"]\n\
         docs_url = \"https://docs.example/errors#{code}\"\n\n\
         [categories.generated]\ntitle = { en = \"Generated\", es = \"Generados\" }\n",
    );
    for i in 0..codes {
        let _ = write!(
            toml,
            "\n[codes.ERR_GENERATED_CODE_{i}]\nstatus = {}\nretryable = {}\ncategory = \"generated\"\n\
             message = {{ en = \"Generated failure number {i}.\", es = \"Falla generada número {i}.\" }}\n\
             detail = {{ en = \"Limit {{limit}} for {i}.\", es = \"Límite {{limit}} para {i}.\" }}\n",
            400 + i % 200,
            i % 2 == 0,
        );
    }
    toml
}

#[test]
fn a_5000_code_catalog_generates_compiles_and_works() {
    let dir = consumer("big-catalog", &big_catalog(5000));
    // flux-codes: allow-start (the generated test catalog's own codes)
    let out = cargo(
        &dir,
        &[
            "run",
            "--quiet",
            "--",
            "ERR_GENERATED_CODE_4999",
            "ERR_GENERATED_CODE_0",
            "ERR_GENERATED_CODE_5000",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "ERR_GENERATED_CODE_4999 599 generated Generated failure number 4999.\n\
         ERR_GENERATED_CODE_0 400 generated Generated failure number 0.\n\
         unknown error code `ERR_GENERATED_CODE_5000`\n\
         count 5000\n"
    );
    // flux-codes: allow-end
}

#[test]
fn a_broken_catalog_fails_the_build_with_diagnostics_not_a_panic() {
    let broken = std::fs::read_to_string(root().join("codes.toml"))
        .unwrap()
        .replacen("status = 410", "status = 700", 1)
        .replacen("category = \"qr\"", "category = \"qrr\"", 1);
    let dir = consumer("broken-catalog", &broken);
    let out = cargo(&dir, &["build", "--quiet"]);
    let stderr = text(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("error: status 700 is not an HTTP error status"),
        "{stderr}"
    );
    // Named by its absolute path: the user may be building a crate that depends on this one.
    let catalog = dir.join("codes.toml");
    assert!(
        stderr.contains(&format!("--> {}:", catalog.display())),
        "{stderr}"
    );
    assert!(stderr.contains("help: did you mean `qr`?"), "{stderr}");
    assert!(
        stderr.contains("2 errors in the catalog; nothing was generated"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_build_script_reruns_only_for_the_catalog_and_rewrites_only_changed_output() {
    let catalog = std::fs::read_to_string(root().join("codes.toml")).unwrap();
    let dir = consumer("rerun-catalog", &catalog);
    let build = |dir: &Path| {
        let out = cargo(dir, &["build", "-v"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stderr)
    };
    build(&dir);
    let generated = generated_file(&dir);
    let before = std::fs::metadata(&generated).unwrap().modified().unwrap();

    // An unrelated file: the build script does not run again.
    std::fs::write(dir.join("NOTES.md"), "unrelated").unwrap();
    let log = build(&dir);
    assert!(!log.contains("build-script-build`"), "{log}");

    // A comment in the catalog: the script runs, the output's bytes are the same, the file is
    // left alone.
    std::fs::write(dir.join("codes.toml"), format!("{catalog}\n# a comment\n")).unwrap();
    let log = build(&dir);
    assert!(log.contains("build-script-build`"), "{log}");
    assert_eq!(
        std::fs::metadata(&generated).unwrap().modified().unwrap(),
        before
    );

    // A real change: regenerated, code and rustdoc table.
    let edited = catalog.replacen("The QR code has expired.", "The QR code expired.", 1);
    assert_ne!(edited, catalog);
    std::fs::write(dir.join("codes.toml"), edited).unwrap();
    build(&dir);
    for file in [generated.clone(), generated.with_extension("md")] {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("The QR code expired."), "{}", file.display());
    }
}

/// The generated module, in the OUT_DIR cargo reports for the crate's build script (the
/// shared target dir holds older OUT_DIRs from other generator versions too).
fn generated_file(dir: &Path) -> PathBuf {
    let name = dir.file_name().unwrap().to_str().unwrap();
    let out = cargo(dir, &["build", "--message-format=json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "build-script-executed")
        .filter_map(|m| m["out_dir"].as_str().map(PathBuf::from))
        .filter(|out_dir| {
            let unit = out_dir
                .parent()
                .and_then(Path::file_name)
                .and_then(|n| n.to_str());
            unit.is_some_and(|unit| unit.starts_with(&format!("{name}-")))
        })
        .map(|out_dir| out_dir.join("flux_codes.rs"))
        .find(|p| p.exists())
        .expect("the build script's OUT_DIR holds the generated module")
}

//! The proto export under its real consumer: `protoc` (Debian's `protobuf-compiler`, installed
//! by `scripts/test.sh`) compiles `error_reason.proto` of the real catalog, the adversarial
//! fixture and a catalog made to collide with the file's own names; the descriptor set it writes
//! is read back with prost-types and compared with the catalog.

use std::path::Path;
use std::process::Command;

use flux_codes_gen::render::proto::{package, render_proto};
use flux_codes_gen::{Catalog, load_catalog, parse_catalog};
use prost::Message;
use prost_types::FileDescriptorSet;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Whether protoc is installed. `scripts/test.sh` installs it and sets
/// `FLUX_CODES_REQUIRE_TOOLS=1`, so there a missing protoc fails the test; a plain `cargo test`
/// skips these tests with a note instead.
fn protoc_installed() -> bool {
    let installed = Command::new("protoc").arg("--version").output().is_ok();
    if !installed {
        assert!(
            std::env::var_os("FLUX_CODES_REQUIRE_TOOLS").is_none(),
            "protoc is not installed: install Debian's protobuf-compiler (scripts/test.sh does)"
        );
        eprintln!("skipped: protoc is not installed (scripts/test.sh installs it)");
    }
    installed
}

/// Compiles `proto` with protoc; returns the file's descriptor, comments included.
fn protoc(proto: &str) -> prost_types::FileDescriptorProto {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("error_reason.proto"), proto).unwrap();
    let out = dir.path().join("set.pb");
    let output = Command::new("protoc")
        .arg("--include_source_info")
        .arg(format!("--descriptor_set_out={}", out.display()))
        .arg(format!("--proto_path={}", dir.path().display()))
        .arg("error_reason.proto")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run protoc: {e} (install Debian's protobuf-compiler; scripts/test.sh does)"
            )
        });
    assert!(
        output.status.success(),
        "protoc rejects the export:\n{}\n{proto}",
        String::from_utf8_lossy(&output.stderr)
    );
    let set = FileDescriptorSet::decode(&*std::fs::read(out).unwrap()).unwrap();
    assert_eq!(set.file.len(), 1);
    set.file.into_iter().next().unwrap()
}

/// The export of `catalog` compiles, and its enum is the catalog's codes.
fn check(catalog: &Catalog, proto: &str, unspecified: &str) {
    if !protoc_installed() {
        return;
    }
    let file = protoc(proto);
    assert_eq!(file.syntax(), "proto3");
    assert_eq!(file.package(), package(catalog.name()));
    assert_eq!(file.enum_type.len(), 1);
    let reasons = &file.enum_type[0];
    assert_eq!(reasons.name(), "ErrorReason");
    let values: Vec<(&str, i32)> = reasons
        .value
        .iter()
        .map(|v| (v.name(), v.number()))
        .collect();
    let mut expected = vec![(unspecified, 0)];
    expected.extend(
        catalog
            .codes()
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code(), i as i32 + 1)),
    );
    assert_eq!(values, expected);
    for (value, code) in reasons.value[1..].iter().zip(catalog.codes()) {
        let deprecated = value.options.as_ref().and_then(|o| o.deprecated);
        assert_eq!(
            deprecated == Some(true),
            code.deprecated().is_some(),
            "{}",
            code.code()
        );
    }
    assert_eq!(reasons.reserved_name, catalog.reserved());

    // Each value's comment starts with its message and names its gRPC code.
    let info = file.source_code_info.expect("--include_source_info");
    for (index, code) in catalog.codes().iter().enumerate() {
        // Path: enum_type (5), enum 0, value (2), value index.
        let path = [5, 0, 2, index as i32 + 1];
        let location = info
            .location
            .iter()
            .find(|l| l.path == path)
            .unwrap_or_else(|| panic!("no location for {}", code.code()));
        let comment = location.leading_comments();
        let message = code.message()[catalog.default_locale()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let message: String = message.chars().filter(|c| !c.is_control()).collect();
        assert!(
            comment.trim_start().starts_with(&message),
            "{}: {comment:?}",
            code.code()
        );
        assert!(
            comment.contains(&format!("gRPC {};", code.grpc())),
            "{comment:?}"
        );
    }
}

#[test]
fn protoc_compiles_the_committed_export_of_the_real_catalog() {
    let catalog = load_catalog(&root().join("../codes.toml")).unwrap();
    let committed =
        std::fs::read_to_string(root().join("../exports/proto/error_reason.proto")).unwrap();
    assert_eq!(committed, render_proto(&catalog));
    check(&catalog, &committed, "ERROR_REASON_UNSPECIFIED");
}

#[test]
fn protoc_compiles_the_export_of_the_adversarial_fixture() {
    let catalog = load_catalog(&root().join("tests/fixtures/adversarial.toml")).unwrap();
    check(
        &catalog,
        &render_proto(&catalog),
        "ERROR_REASON_UNSPECIFIED",
    );
}

#[test]
fn the_zero_value_steps_aside_for_a_code_of_its_name() {
    // flux-codes: allow-start (a made-up catalog)
    let source = r#"
[catalog]
name = "3-D Secure \n */ catalog"
default_locale = "en"
locales = ["en"]
reserved = ["ERROR_REASON_UNSPECIFIED_1"]
allowed_characters = { en = ["U+0007"] }

[categories.misc]
title = { en = "Misc" }

[codes.ERROR_REASON_UNSPECIFIED]
status = 400
retryable = false
category = "misc"
message = { en = """A message
on two lines, with a \u0007 bell and a */ and a \\ backslash""" }
deprecated = "Gone\nsoon."

[codes.ERR_OTHER]
status = 503
retryable = true
category = "misc"
grpc = "RESOURCE_EXHAUSTED"
message = { en = "// not a comment" }
"#;
    // flux-codes: allow-end
    let catalog = parse_catalog(Path::new("codes.toml"), source)
        .unwrap_or_else(|d| panic!("{}", d.render(false)));
    let proto = render_proto(&catalog);
    assert!(
        proto.contains("package catalog_3_d_secure_catalog.errors;"),
        "{proto}"
    );
    check(&catalog, &proto, "ERROR_REASON_UNSPECIFIED_2");
}

//! Arbitrary bytes as a catalog file, and every accepted catalog rendered as Rust: the
//! renderer parses its own output with `syn` (a catalog that yields invalid Rust panics there),
//! and rendering twice gives the same bytes.
#![no_main]

use std::path::Path;

use flux_codes_gen::parse_catalog;
use flux_codes_gen::render::rust::render_rust;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(catalog) = parse_catalog(Path::new("codes.toml"), data) else {
        return;
    };
    let runtime = "crate::__private";
    let rust = render_rust(&catalog, runtime);
    assert_eq!(rust, render_rust(&catalog, runtime), "rendering is deterministic");
    for code in catalog.codes() {
        assert!(rust.contains(&format!("{:?}", code.code())));
    }
});

//! Compile errors (and clean compiles) of `#[derive(FluxError)]` and `catalog!`, pinned with
//! trybuild: `tests/ui/*.rs` must fail with exactly their `.stderr`, `tests/ui/pass/*.rs` must
//! build and run with warnings denied.

use std::path::Path;

#[test]
fn ui() {
    place_catalog_fixtures();
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}

/// `catalog!` paths are relative to the calling crate's manifest, and trybuild builds the test
/// files as a crate of its own in `<target>/tests/trybuild/flux-codes-derive/`: put the catalogs the
/// tests name there. (`CARGO_TARGET_TMPDIR` is `<target>/tmp`.)
fn place_catalog_fixtures() {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("<target>/tmp has a parent");
    let crate_dir = target.join("tests/trybuild/flux-codes-derive");
    std::fs::create_dir_all(&crate_dir).unwrap();
    for entry in std::fs::read_dir("tests/ui/catalog").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, crate_dir.join(path.file_name().unwrap())).unwrap();
    }
}

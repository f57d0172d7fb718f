//! `src/generated/` is what the generator writes from `codes.toml` now: the committed files
//! the crate compiles (instead of a build script running the generator in every service's
//! build) are neither stale nor hand-edited. `cargo xtask codegen` rewrites them.

#[path = "../xtask/src/codegen.rs"]
#[allow(dead_code)] // `write` is for `cargo xtask codegen`
mod codegen;

#[test]
fn src_generated_is_what_the_generator_writes_from_codes_toml() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Err(message) = codegen::check(root) {
        panic!("{message}");
    }
}

#[test]
fn the_recorded_hash_is_of_this_codes_toml() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let recorded = std::fs::read_to_string(root.join(codegen::DIR).join("codes_toml.fnv1a"))
        .expect("src/generated/codes_toml.fnv1a");
    let catalog = std::fs::read(root.join("codes.toml")).expect("codes.toml");
    let mut edited = catalog.clone();
    edited.extend_from_slice(b"\n# an edit\n");
    let hash = |bytes: &[u8]| format!("0x{:016x}\n", codegen::catalog_source::fnv1a(bytes));
    assert_eq!(recorded, hash(&catalog));
    // An edit changes it (the crate root's check would fail); line ends do not.
    assert_ne!(recorded, hash(&edited));
    let crlf: Vec<u8> = catalog
        .iter()
        .flat_map(|&b| {
            if b == b'\n' {
                vec![b'\r', b'\n']
            } else {
                vec![b]
            }
        })
        .collect();
    assert_eq!(recorded, hash(&crlf));
}

//! `exports/` holds every artifact of the repository's catalog, committed so frontends (and
//! reviewers) see them; this test fails when they differ from what the generator makes now.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const REFRESH: &str = "cargo run -p flux-codes-cli -- export --all --out-dir exports";

fn files_under(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(root, &path, out);
        } else {
            let relative = path.strip_prefix(root).unwrap();
            let key = relative
                .iter()
                .map(|p| p.to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(key, std::fs::read(&path).unwrap());
        }
    }
}

#[test]
fn committed_exports_match_the_generator() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let catalog =
        flux_codes_gen::load_catalog(&root.join("codes.toml")).unwrap_or_else(|e| panic!("{e}"));
    let expected: BTreeMap<String, Vec<u8>> = flux_codes_gen::render::artifacts(&catalog)
        .into_iter()
        .map(|a| (a.path, a.contents.into_bytes()))
        .collect();
    let exports = root.join("exports");
    let mut actual = BTreeMap::new();
    if exports.is_dir() {
        files_under(&exports, &exports, &mut actual);
    }
    let stale: Vec<&String> = expected
        .keys()
        .filter(|k| actual.get(*k) != expected.get(*k))
        .collect();
    let extra: Vec<&String> = actual
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    assert!(
        stale.is_empty(),
        "exports/ is stale ({stale:?} differ from the generator's output); refresh it with: {REFRESH}"
    );
    assert!(
        extra.is_empty(),
        "exports/ has files the generator no longer makes ({extra:?}); delete them and run: {REFRESH}"
    );
}

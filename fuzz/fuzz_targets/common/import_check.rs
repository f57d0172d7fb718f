//! The invariant of `l10n import` on any PO file, shared by the `po_import` targets: an import
//! either fails with located problems (and yields no catalog text, so `codes.toml` is left as
//! it was: the CLI writes only what a successful import returns) or succeeds with a catalog
//! that loads and validates, and importing the same file again changes nothing.

use std::path::Path;

use flux_codes_gen::l10n::import::{ImportOptions, PoInput, import};

/// The repository's catalog, the one translators' files are imported into.
pub const CATALOG: &str = include_str!("../../../codes.toml");

pub fn check_import(po: &[u8], include_fuzzy: bool) {
    let catalog_path = Path::new("codes.toml");
    let input = PoInput {
        path: Path::new("es.po"),
        bytes: po,
    };
    let options = ImportOptions { include_fuzzy };
    match import(catalog_path, CATALOG, &[input], options) {
        Err(error) => {
            assert!(!error.is_empty(), "a failed import names a problem");
            for (_, line, column, message) in error.locations() {
                assert!(line >= 1 && column >= 1 && !message.is_empty());
            }
            let report = error.render(false);
            assert!(report.contains("codes.toml was not changed"), "{report}");
        }
        Ok(imported) => {
            if imported.changes.is_empty() {
                assert_eq!(
                    imported.source, CATALOG,
                    "an import that changes nothing writes nothing"
                );
            }
            if let Err(diags) = flux_codes_gen::parse_catalog(catalog_path, &imported.source) {
                panic!(
                    "an import produced a catalog that does not validate:\n{}",
                    diags.render(false)
                );
            }
            // The same file again: nothing left to change.
            let again = import(catalog_path, &imported.source, &[input], options)
                .unwrap_or_else(|e| panic!("importing the same file twice failed:\n{e}"));
            assert!(
                again.changes.is_empty(),
                "a second import changed {:?}",
                again.changes
            );
            assert_eq!(again.source, imported.source);
        }
    }
}

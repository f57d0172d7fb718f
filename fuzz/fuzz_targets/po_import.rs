//! Arbitrary bytes as a translator's PO file, imported into the repository's catalog (the
//! first byte's low bit: `--include-fuzzy`). See `common/import_check.rs` for the invariant.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/import_check.rs"]
mod import_check;

fuzz_target!(|data: &[u8]| {
    let (include_fuzzy, po) = match data.split_first() {
        Some((first, rest)) => (first & 1 == 1, rest),
        None => (false, data),
    };
    import_check::check_import(po, include_fuzzy);
});

//! Which `codes.toml` the committed `src/generated/` was written from.
//!
//! `cargo xtask codegen` writes `src/generated/` from `codes.toml` with flux-codes-gen, and the
//! files are committed: a service that depends on `flux-codes` compiles no generator, TOML
//! parser or build script. `src/generated/codes_toml.fnv1a` records [`fnv1a`] of the
//! `codes.toml` they came from, and the crate root compares it with the file it is built with
//! during constant evaluation, so a build after an edit of the catalog that was not
//! regenerated fails with the command to run. (`cargo xtask codegen` compiles this file too:
//! one definition.)

/// FNV-1a (64-bit) of `bytes`, carriage returns skipped (a checkout with CRLF line ends is the
/// same catalog). Cheap enough for constant evaluation of a catalog file.
pub const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\r' {
            hash ^= bytes[i] as u64;
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        i += 1;
    }
    hash
}

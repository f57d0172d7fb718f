// The shape of a code string, defined once. This file is compiled into the generator (the
// validator, the JSON Schemas, the CLI's audit) and its text, `SOURCE`, is written by the
// `flux-codes` build script into the runtime, whose client keeps an unknown code only when it
// has this shape: one definition on both sides. Keep it free of `use` items and inner
// attributes (it is `include!`d).

/// The longest code string, in bytes: Google AIP-193's limit for `ErrorInfo.reason`.
pub const MAX_CODE_LEN: usize = 63;

/// The shape as a regular expression, for JSON Schemas: `^[A-Z][A-Z0-9_]*$`, at most
/// [`MAX_CODE_LEN`] characters. (A literal because schemars' attributes take a constant; a
/// test checks that it says what [`is_code_shaped`] does.)
pub const CODE_PATTERN: &str = "^[A-Z][A-Z0-9_]{0,62}$";

/// Whether `s` has a code's shape: an ASCII uppercase letter, then uppercase letters, digits
/// and `_`, at most [`MAX_CODE_LEN`] bytes.
pub fn is_code_shaped(s: &str) -> bool {
    s.len() <= MAX_CODE_LEN
        && s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

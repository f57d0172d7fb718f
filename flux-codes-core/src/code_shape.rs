//! The shape of a code string, defined once: the generator's validator and JSON Schemas, the
//! CLI's audit and the runtime's client (which keeps an unknown code only when it has this
//! shape) all apply it.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_says_what_the_function_does() {
        let pattern = format!("^[A-Z][A-Z0-9_]{{0,{}}}$", MAX_CODE_LEN - 1);
        assert_eq!(CODE_PATTERN, pattern);
        let longest = format!("E{}", "_".repeat(MAX_CODE_LEN - 1));
        assert!(is_code_shaped(&longest) && !is_code_shaped(&format!("{longest}9")));
        for bad in ["", "e", "9E", "E-1", "EÉ", "E E"] {
            assert!(!is_code_shaped(bad), "{bad:?}");
        }
    }
}

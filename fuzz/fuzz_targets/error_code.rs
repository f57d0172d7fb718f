//! Arbitrary strings through every parser of the generated enums: a string either round-trips
//! (`FromStr` then `Display` gives it back) or is rejected with a bounded error. Nothing panics.
#![no_main]

use flux_codes::{Category, ErrorCode, Locale, ParseError, ParseErrorKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // serde from raw bytes (any JSON value, or none) never panics.
    let _ = serde_json::from_slice::<ErrorCode>(data);
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    match s.parse::<ErrorCode>() {
        Ok(code) => {
            assert_eq!(code.to_string(), s);
            assert_eq!(ErrorCode::from_code(s), Some(code));
            assert!(ErrorCode::ALL.contains(&code));
        }
        Err(e) => {
            check_rejection(&e, s, ParseErrorKind::ErrorCode);
            assert_eq!(ErrorCode::from_code(s), None);
            assert!(ErrorCode::ALL.iter().all(|c| c.as_str() != s));
        }
    }
    // serde agrees with FromStr.
    let json = serde_json::to_string(s).unwrap();
    assert_eq!(serde_json::from_str::<ErrorCode>(&json).ok(), s.parse().ok());
    match s.parse::<Locale>() {
        Ok(locale) => assert!(locale.as_str().eq_ignore_ascii_case(s)),
        Err(e) => check_rejection(&e, s, ParseErrorKind::Locale),
    }
    match s.parse::<Category>() {
        Ok(category) => assert_eq!(category.as_str(), s),
        Err(e) => check_rejection(&e, s, ParseErrorKind::Category),
    }
});

fn check_rejection(e: &ParseError, s: &str, kind: ParseErrorKind) {
    assert_eq!(e.kind(), kind);
    assert!(e.given().len() <= ParseError::MAX_KEPT);
    assert!(s.starts_with(e.given()));
    // Display escapes what it quotes: a kept char takes at most 10 bytes (`\u{10ffff}`).
    let shown = e.to_string();
    assert!(shown.len() <= 10 * ParseError::MAX_KEPT + 64, "{shown}");
}

//! Arbitrary strings through every parser of the generated enums: a string either round-trips
//! (`FromStr` then `Display` gives it back) or is rejected, serde's error quoting a bounded
//! prefix of it. Nothing panics.
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
    assert_eq!(*e, ParseError::new(kind));
    assert_eq!(e.to_string(), format!("unknown {kind}"));
    // serde's error quotes at most 32 bytes of the input, escaped: a char takes at most 10
    // bytes (`\u{10ffff}`).
    let value = serde_json::Value::String(s.to_owned());
    let shown = match kind {
        ParseErrorKind::ErrorCode => serde_json::from_value::<ErrorCode>(value).map(drop),
        ParseErrorKind::Locale => serde_json::from_value::<Locale>(value).map(drop),
        _ => serde_json::from_value::<Category>(value).map(drop),
    }
    .expect_err("rejected by FromStr")
    .to_string();
    assert!(shown.len() <= 10 * 32 + 64, "{shown}");
}

//! Properties of `ErrorCode`'s string form over generated strings: any string either
//! round-trips (`FromStr` then `Display` gives it back, and it is a catalog code) or is
//! rejected cleanly (a `ParseError` naming what was parsed; serde's error quoting a bounded
//! prefix, with a bounded message).

use flux_codes::{ErrorCode, ParseError, ParseErrorKind};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::RngSeed;

/// A catalog code, possibly changed a little: a letter's case flipped, a character inserted
/// or removed, a suffix, a cut. Most are near misses; some are codes.
fn near_code() -> impl Strategy<Value = String> {
    (any::<Index>(), any::<Index>(), 0..6u8, any::<char>()).prop_map(|(which, at, edit, c)| {
        let mut s: Vec<char> = ErrorCode::ALL[which.index(ErrorCode::ALL.len())]
            .as_str()
            .chars()
            .collect();
        let i = at.index(s.len());
        match edit {
            0 => {}
            1 => s[i] = s[i].to_ascii_lowercase(),
            2 => s.insert(i, c),
            3 => {
                s.remove(i);
            }
            4 => s.push(c),
            _ => s.truncate(i),
        }
        s.into_iter().collect()
    })
}

/// The message of serde's error for `s` as an `ErrorCode`.
fn rejected_by_serde(s: &str) -> String {
    serde_json::from_value::<ErrorCode>(serde_json::Value::String(s.to_owned()))
        .expect_err("not a code")
        .to_string()
}

fn check(s: &str) -> Result<(), TestCaseError> {
    match s.parse::<ErrorCode>() {
        Ok(code) => {
            prop_assert_eq!(code.to_string(), s);
            prop_assert_eq!(ErrorCode::from_code(s), Some(code));
        }
        Err(e) => {
            prop_assert_eq!(e, ParseError::new(ParseErrorKind::ErrorCode));
            prop_assert!(ErrorCode::ALL.iter().all(|c| c.as_str() != s));
            // serde's message quotes a prefix of at most 32 bytes, escaped: at most 10 bytes a
            // character.
            let shown = rejected_by_serde(s);
            prop_assert!(shown.starts_with("unknown error code `"));
            prop_assert!(shown.len() <= 10 * 32 + 64);
        }
    }
    Ok(())
}

proptest! {
    // A fixed seed: every run checks the same cases.
    #![proptest_config(ProptestConfig {
        cases: 2000,
        rng_seed: RngSeed::Fixed(0xC0DE_5EED),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_string_round_trips_or_is_rejected_cleanly(s in any::<String>()) {
        check(&s)?;
    }

    #[test]
    fn near_misses_of_codes_round_trip_or_are_rejected_cleanly(s in near_code()) {
        check(&s)?;
    }
}

/// Found by the `error_code` fuzz target (FUZZING.md): 68 control characters between `E` and
/// `S`. The message escapes each as `\u{14}`, six bytes for one, which the target's first bound
/// (4 bytes a character) did not allow for; the message stays bounded by the escaping's worst case.
#[test]
fn a_long_run_of_control_characters_is_rejected_with_a_bounded_message() {
    let s = format!("E{}S", "\u{14}".repeat(68));
    let shown = rejected_by_serde(&s);
    assert!(
        shown.starts_with("unknown error code `E\\u{14}\\u{14}"),
        "{shown}"
    );
    assert!(shown.ends_with("...`"), "{shown}");
    assert!(shown.len() <= 10 * 32 + 64, "{}", shown.len());
}

//! The generated API over the real catalog: every code round-trips, every text exists, and
//! the strum and serde traits behave as code written for strum enums expects.

use std::collections::HashSet;

use flux_codes::{Category, DetailError, ErrorCode, Locale, ParseError, ParseErrorKind};
use strum::{EnumCount, EnumMessage, IntoEnumIterator, VariantArray, VariantNames};

#[test]
fn every_code_round_trips_through_display_and_from_str() {
    assert_eq!(ErrorCode::COUNT, 18);
    assert_eq!(ErrorCode::ALL.len(), ErrorCode::COUNT);
    for &code in ErrorCode::ALL {
        let s = code.to_string();
        assert_eq!(s, code.as_str());
        assert_eq!(s.parse::<ErrorCode>(), Ok(code));
        assert_eq!(ErrorCode::from_code(&s), Some(code));
        assert_eq!(ErrorCode::try_from(s.as_str()), Ok(code));
        assert_eq!(<&'static str>::from(code), s);
        assert_eq!(code.as_ref(), s);
    }
}

#[test]
fn every_code_round_trips_through_serde_as_its_string() {
    for &code in ErrorCode::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{}\"", code.as_str()));
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
    }
    let err = serde_json::from_str::<ErrorCode>("\"ERR_NOPE\"").unwrap_err();
    assert!(
        err.to_string().contains("unknown error code `ERR_NOPE`"),
        "{err}"
    );
    assert_eq!(serde_json::to_string(&Locale::Es).unwrap(), "\"es\"");
    assert_eq!(
        serde_json::from_str::<Category>("\"qr\"").unwrap(),
        Category::Qr
    );
}

#[test]
fn wire_strings_and_facts_match_the_catalog() {
    let code = ErrorCode::QrExpired;
    assert_eq!(code.as_str(), "ERR_QR_EXPIRED"); // flux-codes: allow (wire string under test)
    assert_eq!(code.http_status(), 410);
    assert!(!code.is_retryable());
    assert_eq!(code.category(), Category::Qr);
    assert_eq!(
        code.docs_url(),
        Some("https://docs.flux.example/errors#ERR_QR_EXPIRED")
    );
    assert_eq!(
        ErrorCode::MinAmountSubceed.as_str(),
        "ERR_MIN_AMOUNT_SUBCEED" // flux-codes: allow (wire string under test)
    );
    assert!(ErrorCode::Server.is_retryable());
    assert!(ErrorCode::NetworkTimeout.is_retryable());
    assert_eq!(ErrorCode::NetworkTimeout.http_status(), 504);
    assert_eq!(
        ErrorCode::ALL.first(),
        Some(&ErrorCode::QrUnknown),
        "file order"
    );
    assert_eq!(
        ErrorCode::ALL.last(),
        Some(&ErrorCode::Server),
        "file order"
    );
}

#[test]
fn every_locale_has_every_message_and_hint() {
    for &locale in Locale::ALL {
        let mut seen = HashSet::new();
        for &code in ErrorCode::ALL {
            let message = code.message(locale);
            assert!(!message.trim().is_empty(), "{code} {locale}");
            assert!(
                !message.contains('{'),
                "messages are fixed: {code} {locale}"
            );
            assert!(
                seen.insert(message),
                "two codes share the {locale} message {message:?}"
            );
            assert!(
                code.hint(locale).is_some_and(|h| !h.is_empty()),
                "{code} {locale}"
            );
            assert_eq!(
                code.detail_template(locale).is_some(),
                !code.params().is_empty()
            );
        }
        for &category in Category::ALL {
            assert!(!category.title(locale).is_empty());
        }
    }
    assert_ne!(
        ErrorCode::QrExpired.message(Locale::En),
        ErrorCode::QrExpired.message(Locale::Es)
    );
}

#[test]
fn detail_fills_placeholders_and_names_a_missing_or_unknown_param() {
    let code = ErrorCode::MaxAmountExceeded;
    assert_eq!(code.params(), ["max_amount"]);
    assert_eq!(
        code.detail(Locale::En, &[("max_amount", &"500.00")])
            .unwrap(),
        "The maximum amount for this payment is 500.00."
    );
    let es = code.detail(Locale::Es, &[("max_amount", &500)]).unwrap();
    assert!(es.contains("500") && !es.contains('{'), "{es}");
    assert_eq!(
        code.detail(Locale::En, &[]),
        Err(DetailError::Missing {
            code: "ERR_MAX_AMOUNT_EXCEEDED", // flux-codes: allow (wire format)
            param: "max_amount"
        })
    );
    let typo = ErrorCode::PinAttemptsExceeded
        .detail(Locale::Es, &[("attempts_lef", &5)])
        .unwrap_err();
    assert_eq!(typo.param(), Some("attempts_lef"));
    assert_eq!(
        typo.to_string(),
        "ERR_PIN_ATTEMPTS_EXCEEDED has no param `attempts_lef`" // flux-codes: allow (wire format)
    );
    let wrong = ErrorCode::PinAttemptsExceeded
        .detail(Locale::Es, &[("attempts_left", &"five")])
        .unwrap_err();
    assert!(matches!(
        wrong,
        DetailError::WrongKind {
            param: "attempts_left",
            ..
        }
    ));
    assert_eq!(ErrorCode::MinAmountSubceed.params(), ["min_amount"]);
    assert!(matches!(
        ErrorCode::QrExpired.detail(Locale::En, &[("x", &1)]),
        Err(DetailError::NoDetail { .. })
    ));
}

#[test]
fn unknown_strings_are_rejected_cleanly_with_bounded_errors() {
    for s in [
        "",
        "ERR_QR_EXPIRE",   // flux-codes: allow (near misses under test)
        "ERR_QR_EXPIREDD", // flux-codes: allow
        "err_qr_expired",
        "ERR_QR_EXPIRED ",
        "\0",
        "ÉRR",
    ] {
        assert_eq!(ErrorCode::from_code(s), None, "{s:?}");
        let err: ParseError = s.parse::<ErrorCode>().unwrap_err();
        assert_eq!(err.kind(), ParseErrorKind::ErrorCode);
        assert_eq!(err.to_string(), "unknown error code");
    }
    // A `Result<ErrorCode, ParseError>` is as small as strum's: no copy of the input.
    assert!(std::mem::size_of::<Result<ErrorCode, ParseError>>() <= 4);
    let huge = "E".repeat(1 << 20);
    let err = huge.parse::<ErrorCode>().unwrap_err();
    assert_eq!(err, ParseError::new(ParseErrorKind::ErrorCode));
    // serde's error, which has no other way to show it, names a bounded prefix of the input.
    // 32 bytes: 32 ASCII characters, or 16 two-byte ones.
    for (given, prefix) in [(huge, "E".repeat(32)), ("é".repeat(100), "é".repeat(16))] {
        let shown = serde_json::from_str::<ErrorCode>(&format!("\"{given}\""))
            .unwrap_err()
            .to_string();
        assert!(
            shown.starts_with(&format!("unknown error code `{prefix}...`")),
            "{shown}"
        );
    }
}

#[test]
fn locales_and_categories_parse_and_display() {
    assert_eq!(Locale::DEFAULT, Locale::En);
    assert_eq!(Locale::default(), Locale::En);
    assert_eq!("es".parse::<Locale>(), Ok(Locale::Es));
    assert_eq!(Locale::from_tag("ES"), Some(Locale::Es));
    assert!("fr".parse::<Locale>().is_err());
    assert_eq!(Locale::Es.to_string(), "es");
    assert_eq!("payment".parse::<Category>(), Ok(Category::Payment));
    assert_eq!(Category::Payment.title(Locale::En), "Payment errors");
}

#[test]
fn strum_traits_work_like_derived_ones() {
    let iterated: Vec<ErrorCode> = ErrorCode::iter().collect();
    assert_eq!(iterated, ErrorCode::ALL);
    assert_eq!(<ErrorCode as EnumCount>::COUNT, 18);
    assert_eq!(<ErrorCode as VariantNames>::VARIANTS[2], "ERR_QR_EXPIRED"); // flux-codes: allow (wire string under test)
    assert_eq!(<ErrorCode as VariantArray>::VARIANTS, ErrorCode::ALL);
    let code = ErrorCode::QrExpired;
    assert_eq!(code.get_message(), Some(code.message(Locale::En)));
    assert_eq!(code.get_detailed_message(), code.hint(Locale::En));
    assert_eq!(code.get_serializations(), ["ERR_QR_EXPIRED"]); // flux-codes: allow (wire string under test)
    assert_eq!(Locale::iter().count(), Locale::ALL.len());
    assert_eq!(Locale::iter().next(), Some(Locale::En));
    assert_eq!(
        Category::iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        ["qr", "payment", "request", "auth", "server"]
    );
}

#[test]
fn codes_order_and_hash_like_enums() {
    let mut sorted = ErrorCode::ALL.to_vec();
    sorted.reverse();
    sorted.sort();
    assert_eq!(sorted, ErrorCode::ALL);
    let set: HashSet<ErrorCode> = ErrorCode::iter().collect();
    assert_eq!(set.len(), ErrorCode::COUNT);
}

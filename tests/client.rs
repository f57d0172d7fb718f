//! The client side: any error response becomes a usable `RemoteError`, whatever its body: a
//! Flux problem, a code newer than this catalog, a proxy's HTML page, or hostile bytes.

use std::time::{Duration, SystemTime};

use flux_codes::client::{Code, MAX_BODY_BYTES, MAX_EXCERPT_BYTES, RemoteError, RetryAfter};
use flux_codes::{ApiError, ErrorCode, Locale};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use serde_json::json;

const PROBLEM: Option<&str> = Some("application/problem+json");

#[test]
fn a_flux_body_parses_back_to_its_code_and_params() {
    let sent = ApiError::new(ErrorCode::MaxAmountExceeded)
        .param("max_amount", "500.00")
        .instance("/payments/p1")
        .extra("payment_id", "p1")
        .unwrap();
    let body = sent.to_problem(Locale::Es).to_json();
    let err = RemoteError::parse(422, PROBLEM, None, &body);
    assert_eq!(err.error_code(), Some(ErrorCode::MaxAmountExceeded));
    assert_eq!(
        err.code().map(Code::as_str),
        Some("ERR_MAX_AMOUNT_EXCEEDED") // flux-codes: allow (wire format)
    );
    assert_eq!(err.param("max_amount"), Some("500.00"));
    assert_eq!(
        err.title(),
        Some(ErrorCode::MaxAmountExceeded.message(Locale::Es))
    );
    assert_eq!(
        err.detail(),
        Some("El monto máximo para este pago es 500,00.")
    );
    assert_eq!(err.instance(), Some("/payments/p1"));
    assert_eq!(err.type_uri(), ErrorCode::MaxAmountExceeded.docs_url());
    assert_eq!(err.extensions().unwrap()["payment_id"], "p1");
    assert!(err.is_problem() && !err.is_retryable());
    assert_eq!(err.excerpt(), None);
}

#[test]
fn an_unknown_code_is_kept_and_retryability_falls_back() {
    let newer = |status: u16, retryable: Option<bool>| {
        let mut body = json!({ "type": "about:blank", "title": "Slow down.", "status": status,
                               "code": "ERR_RATE_LIMITED" });
        if let Some(r) = retryable {
            body["retryable"] = r.into();
        }
        RemoteError::parse(status, PROBLEM, None, body.to_string().as_bytes())
    };
    let err = newer(429, None);
    assert_eq!(
        err.code(),
        Some(&Code::Unknown("ERR_RATE_LIMITED".to_owned()))
    );
    assert_eq!(err.error_code(), None);
    assert_eq!(err.title(), Some("Slow down."));
    assert!(err.is_retryable(), "429 is retryable");
    assert!(
        !newer(409, None).is_retryable(),
        "a 4xx other than 429 is not"
    );
    assert!(newer(503, None).is_retryable(), "a 5xx is");
    // The body's own `retryable` is the newer server's word, and beats the status.
    assert!(!newer(503, Some(false)).is_retryable());
    assert!(newer(409, Some(true)).is_retryable());
    assert_eq!(
        newer(429, None).to_string(),
        "HTTP 429 ERR_RATE_LIMITED: Slow down."
    );
}

#[test]
fn a_known_code_is_retryable_as_the_catalog_says() {
    let body = json!({ "code": "ERR_SERVER", "retryable": false }); // flux-codes: allow (wire format)
    let err = RemoteError::parse(500, PROBLEM, None, body.to_string().as_bytes());
    assert!(err.is_retryable(), "ERR_SERVER is retryable in the catalog");
    let body = json!({ "code": "ERR_QR_EXPIRED" }); // flux-codes: allow (wire format)
    assert!(!RemoteError::parse(503, PROBLEM, None, body.to_string().as_bytes()).is_retryable());
}

#[test]
fn a_proxys_html_502_page_still_yields_a_usable_error() {
    let page = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
                 <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
                 </body>\r\n</html>\r\n";
    let err = RemoteError::parse(502, Some("text/html; charset=utf-8"), Some("30"), page);
    assert_eq!(err.status(), 502);
    assert_eq!(err.code(), None);
    assert!(err.is_retryable());
    assert!(!err.is_problem());
    assert_eq!(err.title(), None);
    assert_eq!(err.params().count(), 0);
    assert_eq!(
        err.retry_after(),
        Some(RetryAfter::Delay(Duration::from_secs(30)))
    );
    assert!(err.excerpt().unwrap().starts_with("<html>"));
    assert!(err.to_string().starts_with("HTTP 502: \"<html>"), "{err}");
}

#[test]
fn bodies_that_are_not_flux_problems() {
    // Plain JSON without a code: a problem without a code.
    let err = RemoteError::parse(400, Some("application/json"), None, br#"{"error":"bad"}"#);
    assert!(err.is_problem());
    assert_eq!(err.code(), None);
    assert_eq!(err.extensions().unwrap()["error"], "bad");
    // Claimed problem+json that is not JSON, or not an object.
    for body in [&b"{oops"[..], b"[1,2]", b"\"text\"", b"", b"\xff\xfe"] {
        let err = RemoteError::parse(500, PROBLEM, None, body);
        assert!(!err.is_problem(), "{body:?}");
        assert!(err.is_retryable());
    }
    // No content type: JSON only if it looks like an object.
    let body = json!({ "code": "ERR_QR_EXPIRED" }).to_string(); // flux-codes: allow (wire format)
    assert_eq!(
        RemoteError::parse(410, None, None, body.as_bytes()).error_code(),
        Some(ErrorCode::QrExpired)
    );
    assert!(!RemoteError::parse(410, None, None, b"Gone").is_problem());
    // Wrong member types are ignored, not fatal.
    let body = json!({ "code": 7, "title": ["x"], "retryable": "yes", "params": { "a": 1, "b": true, "c": [1] } });
    let err = RemoteError::parse(404, PROBLEM, None, body.to_string().as_bytes());
    assert_eq!(err.code(), None);
    assert_eq!(err.title(), None);
    assert!(!err.is_retryable());
    assert_eq!(
        err.params().collect::<Vec<_>>(),
        [("a", "1"), ("b", "true")]
    );
}

#[test]
fn codes_without_the_catalog_shape_are_not_kept() {
    for code in [
        "err_lower",
        "ERR-HYPHEN",
        "",
        "1ERR",
        "ERR_ÑU",
        &format!("ERR_{}", "X".repeat(60)),
    ] {
        let body = json!({ "code": code }).to_string();
        let err = RemoteError::parse(400, PROBLEM, None, body.as_bytes());
        assert_eq!(err.code(), None, "{code:?}");
    }
    let longest = format!("ERR_{}", "X".repeat(59));
    let body = json!({ "code": longest }).to_string();
    assert_eq!(
        RemoteError::parse(400, PROBLEM, None, body.as_bytes()).code(),
        Some(&Code::Unknown(longest))
    );
}

#[test]
fn oversized_bodies_are_not_parsed_and_excerpts_are_bounded() {
    let mut big =
        json!({ "code": "ERR_QR_EXPIRED", "pad": "x".repeat(MAX_BODY_BYTES) }).to_string(); // flux-codes: allow (wire format)
    let err = RemoteError::parse(410, PROBLEM, None, big.as_bytes());
    assert!(!err.is_problem());
    assert!(err.excerpt().unwrap().len() <= MAX_EXCERPT_BYTES);
    // A multi-byte character cut at the bound is dropped, not mangled.
    big = "é".repeat(MAX_EXCERPT_BYTES);
    let err = RemoteError::parse(502, Some("text/plain"), None, big.as_bytes());
    assert_eq!(err.excerpt().unwrap(), "é".repeat(MAX_EXCERPT_BYTES / 2));
    // Deep nesting hits serde_json's recursion limit instead of the stack.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(!RemoteError::parse(500, PROBLEM, None, deep.as_bytes()).is_problem());
}

#[test]
fn retry_after_reads_seconds_and_dates() {
    assert_eq!(
        RetryAfter::parse("120"),
        Some(RetryAfter::Delay(Duration::from_secs(120)))
    );
    assert_eq!(
        RetryAfter::parse(" 0 "),
        Some(RetryAfter::Delay(Duration::ZERO))
    );
    assert_eq!(
        RetryAfter::parse("99999999999999999999999"),
        Some(RetryAfter::Delay(Duration::from_secs(u64::MAX)))
    );
    let date = RetryAfter::parse("Fri, 31 Dec 1999 23:59:59 GMT").unwrap();
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(946_684_799);
    assert_eq!(date, RetryAfter::At(at));
    assert_eq!(
        date.delay_from(at - Duration::from_secs(90)),
        Duration::from_secs(90)
    );
    assert_eq!(
        date.delay_from(at + Duration::from_secs(90)),
        Duration::ZERO
    );
    // The obsolete forms RFC 9110 still asks recipients to accept.
    assert_eq!(
        RetryAfter::parse("Friday, 31-Dec-99 23:59:59 GMT"),
        Some(RetryAfter::At(at))
    );
    assert_eq!(
        RetryAfter::parse("Fri Dec 31 23:59:59 1999"),
        Some(RetryAfter::At(at))
    );
    for bad in [
        "",
        "-1",
        "1.5",
        "soon",
        "Fri, 31 Dec 1999",
        &"9".repeat(100),
    ] {
        assert_eq!(RetryAfter::parse(bad), None, "{bad:?}");
    }
}

proptest! {
    // A fixed seed: every run checks the same cases.
    #![proptest_config(ProptestConfig {
        cases: 512,
        rng_seed: RngSeed::Fixed(0x5EED_F1C5),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Arbitrary bytes, status and headers: never a panic; the status always survives.
    #[test]
    fn any_response_parses(
        status in 100u16..=599,
        json in any::<bool>(),
        retry in proptest::option::of("[ -~]{0,40}"),
        body in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        let ct = if json { PROBLEM } else { Some("text/html") };
        let err = RemoteError::parse(status, ct, retry.as_deref(), &body);
        prop_assert_eq!(err.status(), status);
        let _ = err.to_string();
    }

    /// Problem-shaped JSON with arbitrary member values.
    #[test]
    fn any_problem_shaped_json_parses(
        code in "[ -~]{0,80}",
        title in any::<String>(),
        param in any::<String>(),
        retryable in proptest::option::of(any::<bool>()),
    ) {
        let body = json!({ "code": code, "title": title, "params": { "p": param },
                           "retryable": retryable });
        let err = RemoteError::parse(422, PROBLEM, None, body.to_string().as_bytes());
        prop_assert_eq!(err.title(), Some(title.as_str()));
        prop_assert_eq!(err.param("p"), Some(param.as_str()));
        if let Some(code) = err.code() {
            prop_assert!(code.as_str().len() <= 63);
        }
    }
}

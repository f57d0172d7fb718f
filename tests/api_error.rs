//! `ApiError`: its RFC 9457 body in each locale, its checked params, its guarded extension
//! members, and its internal cause, which is kept for logs and never serialized.

use std::error::Error as _;
use std::io;
use std::time::Duration;

use flux_codes::{
    ApiError, Decimal, ErrorCode, ExtensionError, Locale, ParamError, ParamKind, ParamValue,
    RESERVED_MEMBERS,
};
use serde_json::{Value, json};

fn body(err: &ApiError, locale: Locale) -> Value {
    serde_json::to_value(err.to_problem(locale)).unwrap()
}

#[test]
fn one_line_gives_the_whole_body_in_each_locale() {
    let err = ApiError::new(ErrorCode::MaxAmountExceeded).param("max_amount", "500.00");
    assert_eq!(
        body(&err, Locale::En),
        json!({
            "type": "https://docs.flux.example/errors#ERR_MAX_AMOUNT_EXCEEDED",
            "title": "The payment amount is above the maximum allowed.",
            "status": 422,
            "detail": "The maximum amount for this payment is 500.00.",
            "code": "ERR_MAX_AMOUNT_EXCEEDED", // flux-codes: allow (wire format)
            "retryable": false,
            "params": { "max_amount": "500.00" }
        })
    );
    let es = body(&err, Locale::Es);
    assert_eq!(
        es["title"],
        ErrorCode::MaxAmountExceeded.message(Locale::Es)
    );
    assert_eq!(es["detail"], "El monto máximo para este pago es 500,00.");
    // The plain `Serialize` is the default locale's body.
    assert_eq!(
        serde_json::to_value(&err).unwrap(),
        body(&err, Locale::DEFAULT)
    );
}

#[test]
fn members_come_in_rfc_order_then_flux_then_extensions() {
    let err = ApiError::new(ErrorCode::ReferenceAlreadyExists)
        .instance("/payments/pay_1")
        .extra("payment_id", "pay_1")
        .unwrap();
    let text = serde_json::to_string(&err).unwrap();
    let keys = [
        "\"type\"",
        "\"title\"",
        "\"status\"",
        "\"instance\"",
        "\"code\"",
        "\"retryable\"",
        "\"payment_id\"",
    ];
    let positions: Vec<usize> = keys.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn every_code_has_a_complete_body_in_every_locale() {
    for &code in ErrorCode::ALL {
        let mut err = ApiError::new(code);
        for param in code.params() {
            err = err.param(param, "1.00");
        }
        for &locale in Locale::ALL {
            let problem = err.to_problem(locale);
            let value = body(&err, locale);
            assert_eq!(value["status"], code.http_status());
            assert_eq!(value["code"], code.as_str());
            assert_eq!(value["retryable"], code.is_retryable());
            assert_eq!(value["title"], code.message(locale));
            assert_eq!(value["type"], code.docs_url().unwrap_or("about:blank"));
            assert_eq!(problem.locale(), locale);
            let detail = value.get("detail").and_then(Value::as_str);
            assert_eq!(detail.is_some(), code.detail_template(locale).is_some());
            if let Some(detail) = detail {
                assert!(!detail.contains('{'), "{code}: {detail}");
            }
        }
    }
}

#[test]
fn params_keep_the_declared_order_and_the_last_value() {
    let err = ApiError::new(ErrorCode::MinAmountSubceed)
        .param("min_amount", "1.00")
        .param("min_amount", "2.00");
    assert_eq!(
        err.params().collect::<Vec<_>>(),
        [("min_amount", &ParamValue::from("2.00"))]
    );
    assert_eq!(
        body(&err, Locale::En)["params"],
        json!({ "min_amount": "2.00" })
    );
    assert_eq!(err.missing_params().count(), 0);
}

/// Every string of a JSON body, for checking that none holds a `{placeholder}`.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out);
        }),
        _ => {}
    }
}

#[test]
fn a_missing_param_leaves_the_detail_out_and_keeps_the_code_and_status() {
    let err = ApiError::new(ErrorCode::MaxAmountExceeded);
    assert_eq!(err.missing_params().collect::<Vec<_>>(), ["max_amount"]);
    assert_eq!(
        err.param_error(),
        Some(ParamError::Missing {
            code: ErrorCode::MaxAmountExceeded,
            name: "max_amount"
        })
    );
    for locale in [Locale::En, Locale::Es] {
        let value = body(&err, locale);
        assert_eq!(value["status"], 422);
        assert_eq!(value["code"], "ERR_MAX_AMOUNT_EXCEEDED"); // flux-codes: allow (wire format)
        assert_eq!(value["retryable"], false);
        assert_eq!(value.get("detail"), None, "{value}");
        assert_eq!(value["params"], json!({}));
        let mut texts = Vec::new();
        strings(&value, &mut texts);
        assert!(texts.iter().all(|t| !t.contains('{')), "{value}");
    }
}

#[test]
fn a_misspelled_param_or_a_value_of_the_wrong_kind_is_kept_not_a_500() {
    let err = ApiError::new(ErrorCode::MaxAmountExceeded).param("max_amout", "500.00");
    assert_eq!(
        err.param_error(),
        Some(ParamError::Unknown {
            code: ErrorCode::MaxAmountExceeded,
            name: "max_amout".into()
        })
    );
    let value = body(&err, Locale::Es);
    assert_eq!(
        (value["status"].as_u64(), value["retryable"].as_bool()),
        (Some(422), Some(false))
    );
    assert_eq!(value["code"], "ERR_MAX_AMOUNT_EXCEEDED"); // flux-codes: allow (wire format)
    assert_eq!(value.get("detail"), None, "{value}");
    let mut texts = Vec::new();
    strings(&value, &mut texts);
    assert!(texts.iter().all(|t| !t.contains('{')), "{value}");
    // Set right afterwards, the detail still stays out: the mistake is a bug to fix.
    let err = err.param("max_amount", "500.00");
    assert_eq!(body(&err, Locale::En).get("detail"), None);

    let err = ApiError::new(ErrorCode::PinAttemptsExceeded).param("attempts_left", "three");
    assert!(matches!(
        err.param_error(),
        Some(ParamError::WrongKind {
            name: "attempts_left",
            kind: ParamKind::Integer,
            ..
        })
    ));
    assert_eq!(body(&err, Locale::En).get("detail"), None);
    assert_eq!(err.http_status(), 403);
}

#[test]
fn try_param_refuses_an_undeclared_param_or_a_value_of_the_wrong_kind() {
    let err = ApiError::new(ErrorCode::MaxAmountExceeded)
        .try_param("amount", "1")
        .unwrap_err();
    assert_eq!(
        err,
        ParamError::Unknown {
            code: ErrorCode::MaxAmountExceeded,
            name: "amount".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "ERR_MAX_AMOUNT_EXCEEDED has no param `amount` (its params: [\"max_amount\"])"
    );
    let err = ApiError::new(ErrorCode::PinAttemptsExceeded)
        .try_param("attempts_left", "three")
        .unwrap_err();
    assert!(matches!(
        err,
        ParamError::WrongKind {
            name: "attempts_left",
            kind: ParamKind::Integer,
            ..
        }
    ));
    let err = ApiError::new(ErrorCode::PinAttemptsExceeded)
        .try_param("attempts_left", 2)
        .unwrap();
    assert_eq!(err.param_error(), None);
}

#[test]
fn numbers_stay_numbers_on_the_wire_and_are_formatted_per_locale() {
    let err = ApiError::new(ErrorCode::PinAttemptsExceeded).param("attempts_left", 1);
    assert_eq!(
        body(&err, Locale::En)["params"],
        json!({ "attempts_left": 1 })
    );
    assert_eq!(
        body(&err, Locale::En)["detail"],
        "Only 1 attempt is left before the payment method is locked."
    );
    let err = ApiError::new(ErrorCode::MaxAmountExceeded)
        .param("max_amount", "12345.50".parse::<Decimal>().unwrap());
    assert_eq!(
        body(&err, Locale::Es)["params"],
        json!({ "max_amount": "12345.50" })
    );
    assert_eq!(
        body(&err, Locale::Es)["detail"],
        "El monto máximo para este pago es 12.345,50."
    );
    assert_eq!(
        body(&err, Locale::En)["detail"],
        "The maximum amount for this payment is 12,345.50."
    );
    let err = ApiError::new(ErrorCode::MaxAmountExceeded).param("max_amount", 1234.5);
    assert_eq!(
        body(&err, Locale::Es)["params"],
        json!({ "max_amount": 1234.5 })
    );
    assert_eq!(
        body(&err, Locale::Es)["detail"],
        "El monto máximo para este pago es 1234,5."
    );
}

#[test]
fn a_code_without_template_takes_the_services_detail_per_locale() {
    let err = ApiError::new(ErrorCode::NotFound)
        .detail("No payment pay_9.")
        .detail_in(Locale::Es, "No hay pago pay_9.");
    assert_eq!(body(&err, Locale::En)["detail"], "No payment pay_9.");
    assert_eq!(body(&err, Locale::Es)["detail"], "No hay pago pay_9.");
    let only_es = ApiError::new(ErrorCode::NotFound).detail_in(Locale::Es, "No hay pago.");
    assert_eq!(body(&only_es, Locale::En).get("detail"), None);
    let none = ApiError::new(ErrorCode::QrExpired);
    assert_eq!(body(&none, Locale::En).get("detail"), None);
    assert_eq!(body(&none, Locale::En).get("params"), None);
}

#[test]
fn extensions_never_shadow_a_standard_member() {
    for name in RESERVED_MEMBERS {
        for spelled in [name.to_owned(), name.to_ascii_uppercase()] {
            let err = ApiError::new(ErrorCode::BadRequest)
                .extra(&spelled, "x")
                .unwrap_err();
            assert_eq!(err, ExtensionError::Reserved(spelled.clone()));
        }
    }
    for bad in [
        "",
        "ab",
        "1abc",
        "_abc",
        "with-hyphen",
        "spa ce",
        "ñandú",
        &"a".repeat(65),
    ] {
        let err = ApiError::new(ErrorCode::BadRequest)
            .extra(bad, 1)
            .unwrap_err();
        assert!(
            matches!(err, ExtensionError::InvalidName(_)),
            "{bad:?}: {err:?}"
        );
    }
    let err = ApiError::new(ErrorCode::BadRequest)
        .extra("payment_id", "a")
        .and_then(|e| e.extra("payment_id", "b"))
        .and_then(|e| e.extra("Attempts3", 3))
        .unwrap();
    let value = body(&err, Locale::En);
    assert_eq!(value["payment_id"], "b");
    assert_eq!(value["Attempts3"], 3);
}

#[test]
fn an_extension_that_is_not_json_is_refused() {
    let mut map = std::collections::HashMap::new();
    map.insert((1, 2), "tuple keys are not JSON object keys");
    let err = ApiError::new(ErrorCode::BadRequest)
        .extra("weird", map)
        .unwrap_err();
    assert!(matches!(err, ExtensionError::Value { ref name, .. } if name == "weird"));
    // `?` in a handler turns it into ERR_SERVER, with the refusal as the cause.
    let server: ApiError = err.into();
    assert_eq!(server.code(), ErrorCode::Server);
    assert!(server.source().unwrap().to_string().contains("weird"));
}

#[test]
fn the_internal_cause_is_kept_for_logs_and_never_serialized() {
    let cause = io::Error::new(io::ErrorKind::ConnectionRefused, "db at 10.0.0.7 refused");
    let err = ApiError::new(ErrorCode::Server).cause(cause);
    let source = err.source().expect("the cause is the source");
    assert_eq!(source.to_string(), "db at 10.0.0.7 refused");
    assert!(source.downcast_ref::<io::Error>().is_some());
    for &locale in Locale::ALL {
        let text = serde_json::to_string(&err.to_problem(locale)).unwrap();
        assert!(
            !text.contains("10.0.0.7") && !text.contains("refused"),
            "{text}"
        );
    }
    assert!(!err.to_string().contains("10.0.0.7"));
    assert!(
        format!("{err:?}").contains("10.0.0.7"),
        "Debug is for logs: it shows the cause"
    );
}

#[test]
fn display_and_retry_after() {
    let err = ApiError::new(ErrorCode::MaxAmountExceeded).param("max_amount", 5);
    assert_eq!(
        err.to_string(),
        "ERR_MAX_AMOUNT_EXCEEDED: The payment amount is above the maximum allowed. \
         The maximum amount for this payment is 5."
    );
    let err = ApiError::new(ErrorCode::NetworkTimeout).retry_after(Duration::from_millis(1500));
    assert_eq!(err.retry_after_header().as_deref(), Some("2"));
    assert_eq!(ApiError::new(ErrorCode::Server).retry_after_header(), None);
}

#[test]
fn the_error_stays_small_in_a_result() {
    assert!(
        std::mem::size_of::<ApiError>() <= 48,
        "{}",
        std::mem::size_of::<ApiError>()
    );
}

//! The typed errors of `flux_codes::errors`: one type per code, built with its params by name
//! and kind (the compile errors are pinned by flux-codes-derive's trybuild cases), answered
//! with the catalog's details.

use flux_codes::{ApiError, Decimal, DecimalError, ErrorCode, FluxError, Locale, errors};
use serde_json::{Value, json};

fn body(err: &ApiError, locale: Locale) -> Value {
    serde_json::to_value(err.to_problem(locale)).unwrap()
}

#[test]
fn typed_errors_answer_with_the_catalogs_details() -> Result<(), DecimalError> {
    let max = ApiError::from(errors::MaxAmountExceeded {
        max_amount: "500.00".parse()?,
    });
    let es = body(&max, Locale::Es);
    assert_eq!(es["status"], 422);
    assert_eq!(es["code"], ErrorCode::MaxAmountExceeded.as_str());
    assert_eq!(es["retryable"], false);
    assert_eq!(es["detail"], "El monto máximo para este pago es 500,00.");
    assert_eq!(es["params"], json!({ "max_amount": "500.00" }));

    let pin = ApiError::from(errors::PinAttemptsExceeded { attempts_left: 2 });
    let es = body(&pin, Locale::Es);
    assert_eq!(es["status"], 403);
    // Spanish's `other` form for 2 (`one` would be "Solo queda 1 intento ...").
    assert_eq!(
        es["detail"],
        "Quedan 2 intentos antes de que se bloquee el medio de pago."
    );
    assert_eq!(es["params"], json!({ "attempts_left": 2 }));
    let one = ApiError::from(errors::PinAttemptsExceeded { attempts_left: 1 });
    assert_eq!(
        body(&one, Locale::Es)["detail"],
        "Solo queda 1 intento antes de que se bloquee el medio de pago."
    );

    let expired = ApiError::from(errors::QrExpired);
    let es = body(&expired, Locale::Es);
    assert_eq!(es["status"], 410);
    assert_eq!(es["title"], "El código QR venció.");
    assert_eq!(es.get("detail"), None);
    assert_eq!(es.get("params"), None);
    for err in [&max, &pin, &expired] {
        assert_eq!(err.param_error(), None);
    }
    Ok(())
}

#[test]
fn typed_errors_carry_their_codes_facts() {
    assert_eq!(errors::QrExpired::CODE, ErrorCode::QrExpired);
    assert_eq!(errors::QrExpired::HTTP_STATUS, 410);
    const { assert!(!errors::QrExpired::RETRYABLE) };
    const { assert!(errors::NetworkTimeout::RETRYABLE) };
    assert_eq!(
        errors::NetworkTimeout::HTTP_STATUS,
        ErrorCode::NetworkTimeout.http_status()
    );
    let err = errors::MaxAmountExceeded {
        max_amount: Decimal::from_scaled(1_234_550, 2),
    };
    assert_eq!(
        err.detail(Locale::En),
        "The maximum amount for this payment is 12,345.50."
    );
    assert_eq!(
        err.detail(Locale::PtBr),
        ErrorCode::MaxAmountExceeded
            .detail(Locale::PtBr, &[("max_amount", &"12345.50")])
            .unwrap()
    );
    // The catalog's `FluxError`, so code generic over it takes a typed error.
    assert_eq!(err.error_code(), ErrorCode::MaxAmountExceeded);
    assert_eq!(
        FluxError::detail(&err, Locale::En).as_deref(),
        Some("The maximum amount for this payment is 12,345.50.")
    );
    assert_eq!(errors::QrExpired.error_code(), ErrorCode::QrExpired);
    assert_eq!(FluxError::detail(&errors::QrExpired, Locale::En), None);
}

/// Every code has its type, with the code's facts: the consts agree with `ErrorCode`.
#[test]
fn every_code_has_a_type_agreeing_with_error_code() {
    macro_rules! check {
        ($($name:ident),* $(,)?) => {$(
            assert_eq!(errors::$name::CODE, ErrorCode::$name);
            assert_eq!(errors::$name::HTTP_STATUS, ErrorCode::$name.http_status());
            assert_eq!(errors::$name::RETRYABLE, ErrorCode::$name.is_retryable());
        )*};
    }
    check!(
        QrUnknown,
        QrExpired,
        Server,
        BadRequest,
        NotFound,
        Unauthorized
    );
    // The facts do not depend on how the error was built.
    let typed = ApiError::from(errors::MinAmountSubceed {
        min_amount: 5.into(),
    });
    let dynamic = ApiError::new(ErrorCode::MinAmountSubceed).param("min_amount", Decimal::from(5));
    for locale in Locale::ALL {
        assert_eq!(body(&typed, *locale), body(&dynamic, *locale));
    }
}

/// A handler returning `Result<_, ApiError>` uses `?` on a typed error.
#[test]
fn question_mark_converts_a_typed_error() {
    fn handler(qr: &str) -> Result<(), ApiError> {
        if qr == "qr_expired" {
            Err(errors::QrExpired)?;
        }
        Ok(())
    }
    assert_eq!(
        handler("qr_expired").unwrap_err().code(),
        ErrorCode::QrExpired
    );
    assert!(handler("qr_ok").is_ok());
}

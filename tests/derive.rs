//! `#[derive(FluxError)]` at run time: codes, statuses, params from fields and expressions,
//! details, forwarding, structs and generic types. (Compile errors: `tests/ui`.)

use flux_codes::{Decimal, ErrorCode, FluxError, Locale, ParamValue};

/// Params as the detail shows them unformatted, for comparisons.
fn shown(params: Vec<(&'static str, ParamValue)>) -> Vec<(&'static str, String)> {
    params
        .into_iter()
        .map(|(n, v)| (n, v.to_string()))
        .collect()
}

#[derive(Debug, thiserror::Error, FluxError)]
enum PayError {
    #[error("qr {0} expired")]
    #[flux(code = QrExpired)]
    Expired(String),
    #[error("amount too large")]
    #[flux(code = MaxAmountExceeded)]
    TooLarge {
        max_amount: Decimal,
        request: Vec<u8>,
    },
    #[error("amount too small")]
    #[flux(code = MinAmountSubceed, param(min_amount = Decimal::from_scaled(i128::from(*cents), 2)))]
    TooSmall { cents: u64 },
    #[error("ledger unavailable")]
    #[flux(code = Server, detail = "ledger unavailable")]
    Ledger(#[source] std::io::Error),
    #[error("reference taken")]
    #[flux(code = ReferenceAlreadyExists, detail = "reference {reference} is already used")]
    Taken { reference: String },
    #[error("upstream timed out after {0} ms")]
    #[flux(code = NetworkTimeout, detail = "no answer from the bank in {0} ms")]
    Timeout(u32),
}

#[test]
fn each_variant_answers_with_its_code() {
    let cases = [
        (
            PayError::Expired("qr-1".into()),
            ErrorCode::QrExpired,
            410,
            false,
        ),
        (
            PayError::TooSmall { cents: 5 },
            ErrorCode::MinAmountSubceed,
            422,
            false,
        ),
        (
            PayError::Ledger(std::io::Error::other("down")),
            ErrorCode::Server,
            500,
            true,
        ),
        (
            PayError::Timeout(30_000),
            ErrorCode::NetworkTimeout,
            504,
            true,
        ),
    ];
    for (err, code, status, retryable) in cases {
        assert_eq!(err.error_code(), code);
        assert_eq!(err.http_status(), status);
        assert_eq!(err.http_status(), code.http_status());
        assert_eq!(err.is_retryable(), retryable);
    }
}

#[test]
fn a_field_fills_the_placeholder_of_its_name_and_other_fields_are_ignored() {
    let err = PayError::TooLarge {
        max_amount: "1500.00".parse().unwrap(),
        request: vec![1, 2],
    };
    assert_eq!(shown(err.params()), [("max_amount", "1500.00".to_owned())]);
    assert_eq!(
        err.detail(Locale::En).as_deref(),
        Some("The maximum amount for this payment is 1,500.00.")
    );
    assert_eq!(
        err.detail(Locale::Es).as_deref(),
        Some("El monto máximo para este pago es 1500,00.")
    );
    assert_eq!(err.custom_detail(), None);
}

#[test]
fn param_fills_a_placeholder_from_an_expression_over_the_fields() {
    let err = PayError::TooSmall { cents: 1050 };
    assert_eq!(shown(err.params()), [("min_amount", "10.50".to_owned())]);
    assert_eq!(
        err.detail(Locale::En).as_deref(),
        Some("The minimum amount for this payment is 10.50.")
    );
}

#[test]
fn detail_is_the_errors_own_for_a_code_without_a_template() {
    let err = PayError::Ledger(std::io::Error::other("disk"));
    assert_eq!(err.params(), []);
    assert_eq!(err.custom_detail().as_deref(), Some("ledger unavailable"));
    assert_eq!(
        err.detail(Locale::Es).as_deref(),
        Some("ledger unavailable")
    );
    let err = PayError::Taken {
        reference: "ord-7".into(),
    };
    assert_eq!(
        err.detail(Locale::En).as_deref(),
        Some("reference ord-7 is already used")
    );
    let err = PayError::Timeout(30_000);
    assert_eq!(
        err.detail(Locale::En).as_deref(),
        Some("no answer from the bank in 30000 ms")
    );
    assert_eq!(PayError::Expired("x".into()).detail(Locale::En), None);
}

/// A service error that wraps the domain error, and a struct error with a code of its own.
#[derive(Debug, FluxError)]
enum ServiceError {
    #[flux(transparent)]
    Pay(PayError),
    #[flux(transparent)]
    Limit { inner: LimitError },
    #[flux(code = Unauthorized)]
    NoToken,
}

#[derive(Debug, FluxError)]
#[flux(code = MaxAmountExceeded, param(max_amount = limit * u64::from(*units)))]
struct LimitError {
    limit: u64,
    units: u32,
}

#[test]
fn transparent_takes_everything_from_the_field() {
    let err = ServiceError::Pay(PayError::TooLarge {
        max_amount: 9.into(),
        request: vec![],
    });
    assert_eq!(err.error_code(), ErrorCode::MaxAmountExceeded);
    assert_eq!(shown(err.params()), [("max_amount", "9".to_owned())]);
    let err = ServiceError::Pay(PayError::Ledger(std::io::Error::other("x")));
    assert_eq!(
        err.detail(Locale::En).as_deref(),
        Some("ledger unavailable")
    );
    assert!(err.is_retryable());
    let err = ServiceError::Limit {
        inner: LimitError {
            limit: 500,
            units: 3,
        },
    };
    assert_eq!(err.http_status(), 422);
    assert_eq!(
        err.detail(Locale::En).as_deref(),
        Some("The maximum amount for this payment is 1,500.")
    );
    assert_eq!(ServiceError::NoToken.error_code(), ErrorCode::Unauthorized);
    assert_eq!(ServiceError::NoToken.detail(Locale::En), None);
}

/// Generic types keep their parameters and bounds; a generic field that fills a number param
/// must be a `NumberArg` (a text param: `Display`), one that fills none needs no bound at all.
#[derive(Debug, FluxError)]
enum Wrapped<T, E: flux_codes::NumberArg> {
    #[flux(code = BadRequest)]
    Body { body: T },
    #[flux(code = MaxAmountExceeded)]
    Limit { max_amount: E, extra: T },
}

#[test]
fn generic_types_derive() {
    let err: Wrapped<Vec<u8>, u8> = Wrapped::Body { body: vec![] };
    assert_eq!(err.error_code(), ErrorCode::BadRequest);
    let err: Wrapped<(), u32> = Wrapped::Limit {
        max_amount: 7,
        extra: (),
    };
    assert_eq!(err.params(), [("max_amount", ParamValue::UInt(7))]);
}

#[test]
fn the_trait_is_object_safe_for_handlers_that_take_any_flux_error() {
    let errors: Vec<Box<dyn FluxError>> = vec![
        Box::new(PayError::Expired("a".into())),
        Box::new(LimitError { limit: 1, units: 1 }),
    ];
    let codes: Vec<&str> = errors.iter().map(|e| e.error_code().as_str()).collect();
    assert_eq!(codes, ["ERR_QR_EXPIRED", "ERR_MAX_AMOUNT_EXCEEDED"]); // flux-codes: allow (wire strings)
}

/// `?` in a handler that answers with `ApiError`.
fn handler(fail: PayError) -> Result<(), flux_codes::ApiError> {
    Err(fail)?
}

#[test]
fn an_error_becomes_an_api_error_with_its_params_detail_and_cause() {
    use std::error::Error as _;

    let api = handler(PayError::TooLarge {
        max_amount: "500.00".parse().unwrap(),
        request: vec![],
    })
    .unwrap_err();
    assert_eq!(api.code(), ErrorCode::MaxAmountExceeded);
    assert_eq!(
        api.param_value("max_amount").map(ToString::to_string),
        Some("500.00".to_owned())
    );
    let body = serde_json::to_value(api.to_problem(Locale::Es)).unwrap();
    assert_eq!(body["status"], 422);
    assert_eq!(body["detail"], "El monto máximo para este pago es 500,00.");
    // An exact decimal is a string on the wire: it keeps its digits.
    assert_eq!(body["params"]["max_amount"], "500.00");

    // A code without a template carries the error's own detail; the error is the cause,
    // with its own source behind it, and neither reaches the body.
    let api = flux_codes::ApiError::from(PayError::Ledger(std::io::Error::other("disk full")));
    assert_eq!(api.http_status(), 500);
    let body = serde_json::to_value(api.to_problem(Locale::En)).unwrap();
    assert_eq!(body["detail"], "ledger unavailable");
    assert!(!body.to_string().contains("disk full"), "{body}");
    let cause = api.source().expect("the error is the cause");
    assert_eq!(cause.to_string(), "ledger unavailable");
    assert!(cause.downcast_ref::<PayError>().is_some());
    assert_eq!(cause.source().unwrap().to_string(), "disk full");

    // Through `transparent`, from the inner error.
    let api =
        flux_codes::ApiError::from(ServiceErrorWithSource::Pay(PayError::TooSmall { cents: 1 }));
    assert_eq!(
        api.param_value("min_amount").map(ToString::to_string),
        Some("0.01".to_owned())
    );
}

#[derive(Debug, thiserror::Error, FluxError)]
enum ServiceErrorWithSource {
    #[error(transparent)]
    #[flux(transparent)]
    Pay(PayError),
}

/// A catalog with a text param: any `Display` value fills it.
mod fixture {
    flux_codes::catalog!("flux-codes-gen/tests/fixtures/valid.toml");
}

#[derive(Debug, FluxError)]
#[flux(catalog = fixture, code = QrExpired)]
struct Expired {
    expired_at: std::net::Ipv4Addr,
}

#[test]
fn a_display_field_fills_a_text_param() {
    use fixture::FluxError as _;
    let err = Expired {
        expired_at: std::net::Ipv4Addr::LOCALHOST,
    };
    assert_eq!(
        err.params(),
        [("expired_at", ParamValue::Text("127.0.0.1".into()))]
    );
    assert_eq!(
        err.detail(fixture::Locale::En).as_deref(),
        Some("It expired at 127.0.0.1 ({UTC}).")
    );
}

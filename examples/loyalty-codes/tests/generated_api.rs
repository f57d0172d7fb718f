//! The API `catalog!` generated from this crate's own codes.toml: the same API as
//! `flux_codes`, for other codes and other locales, and the derive against it.

use flux_codes::ParamValue;
use loyalty_codes::RedeemError;
use loyalty_codes::codes::{Category, ErrorCode, FluxError, Locale};
use strum::{EnumCount, IntoEnumIterator, VariantNames};

#[test]
fn codes_come_from_this_crates_catalog() {
    assert_eq!(ErrorCode::COUNT, 3);
    assert_eq!(<ErrorCode as EnumCount>::COUNT, 3);
    assert_eq!(
        <ErrorCode as VariantNames>::VARIANTS,
        [
            "ERR_POINTS_EXPIRED",
            "ERR_INSUFFICIENT_POINTS",
            "ERR_LEDGER_UNAVAILABLE"
        ]
    );
    let code: ErrorCode = "ERR_LEDGER_UNAVAILABLE".parse().unwrap();
    assert_eq!(code, ErrorCode::Unavailable); // the `variant` override
    assert_eq!(code.http_status(), 503);
    assert!(code.is_retryable());
    assert_eq!(code.category(), Category::Service);
    assert_eq!(code.category().title(Locale::PtBr), "Erros do serviço");
    assert_eq!(
        code.docs_url(),
        Some("https://docs.loyalty.example/errors/ERR_LEDGER_UNAVAILABLE")
    );
    assert_eq!(ErrorCode::iter().count(), 3);
    assert_eq!(ErrorCode::from_code("ERR_QR_EXPIRED"), None); // Flux's codes are not here
    assert!("ERR_POINTS_FROZEN".parse::<ErrorCode>().is_err()); // reserved
}

#[test]
fn texts_are_per_locale_and_details_fill_params() {
    let code = ErrorCode::InsufficientPoints;
    assert_eq!(Locale::ALL, [Locale::En, Locale::PtBr, Locale::Es]);
    assert_eq!(Locale::from_tag("pt-br"), Some(Locale::PtBr));
    assert_eq!(
        code.message(Locale::PtBr),
        "Não há pontos suficientes para esta recompensa."
    );
    assert_eq!(code.params(), ["needed", "available"]);
    assert_eq!(
        code.detail(Locale::En, &[("needed", &500), ("available", &120)])
            .unwrap(),
        "The reward costs 500 points; the account has 120."
    );
    assert_eq!(
        ErrorCode::PointsExpired.hint(Locale::En),
        Some("Earn new points and try again.")
    );
}

#[test]
fn a_draft_locale_is_generated_with_the_default_locale_standing_in() {
    // `es` is in `draft_locales` with half its texts.
    assert_eq!(Locale::from_tag("es"), Some(Locale::Es));
    assert_eq!(Locale::negotiate("es-AR,es;q=0.9,en;q=0.5"), Locale::Es);
    let code = ErrorCode::InsufficientPoints;
    assert_eq!(
        code.message(Locale::Es),
        "No hay puntos suficientes para esta recompensa."
    );
    assert_eq!(
        code.detail(Locale::Es, &[("needed", &500), ("available", &120)])
            .unwrap(),
        "The reward costs 500 points; the account has 120.",
        "no Spanish detail yet: the English one"
    );
    assert_eq!(
        ErrorCode::PointsExpired.hint(Locale::Es),
        ErrorCode::PointsExpired.hint(Locale::En)
    );
    assert_eq!(
        ErrorCode::Unavailable.category().title(Locale::Es),
        "Service errors"
    );
}

#[test]
fn serde_uses_the_wire_strings() {
    let json = serde_json::to_string(&ErrorCode::PointsExpired).unwrap();
    assert_eq!(json, "\"ERR_POINTS_EXPIRED\"");
    assert_eq!(
        serde_json::from_str::<ErrorCode>(&json).unwrap(),
        ErrorCode::PointsExpired
    );
    assert_eq!(serde_json::to_string(&Locale::PtBr).unwrap(), "\"pt-BR\"");
}

#[test]
fn the_derive_maps_errors_to_this_catalog() {
    let err = RedeemError::Insufficient {
        needed: 500,
        available: 120,
    };
    assert_eq!(err.error_code(), ErrorCode::InsufficientPoints);
    assert_eq!(err.http_status(), 422);
    assert_eq!(
        err.params(),
        [
            ("needed", ParamValue::UInt(500)),
            ("available", ParamValue::UInt(120))
        ]
    );
    assert_eq!(
        err.detail(Locale::PtBr).unwrap(),
        "A recompensa custa 500 pontos; a conta tem 120."
    );
    let err = RedeemError::Ledger(std::io::Error::other("timeout"));
    assert!(err.is_retryable());
    assert_eq!(
        err.detail(Locale::En).unwrap(),
        "ledger unavailable: timeout"
    );
    assert_eq!(
        loyalty_codes::log_line(&RedeemError::Expired {
            expired_on: "2026-01-01".into()
        }),
        "ERR_POINTS_EXPIRED 410 "
    );
}

/// `catalog!` generates the typed errors too, from the same renderer: one type per code of
/// this catalog, its params as fields, its facts and its detail.
#[test]
fn typed_errors_are_generated_for_this_catalog() {
    use loyalty_codes::codes::errors;

    let err = errors::InsufficientPoints {
        needed: 500.into(),
        available: "120".parse().unwrap(),
    };
    assert_eq!(
        errors::InsufficientPoints::CODE,
        ErrorCode::InsufficientPoints
    );
    assert_eq!(
        errors::InsufficientPoints::HTTP_STATUS,
        ErrorCode::InsufficientPoints.http_status()
    );
    assert_eq!(
        err.detail(Locale::PtBr),
        "A recompensa custa 500 pontos; a conta tem 120."
    );
    assert_eq!(err.error_code(), ErrorCode::InsufficientPoints);
    assert_eq!(
        err.params(),
        [
            ("needed", ParamValue::Decimal(500.into())),
            ("available", ParamValue::Decimal(120.into()))
        ]
    );
    assert_eq!(errors::PointsExpired.error_code(), ErrorCode::PointsExpired);
}

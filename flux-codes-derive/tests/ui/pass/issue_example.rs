//! The enum of issue 6, with warnings denied: the expansion must be warning-free.
#![deny(warnings)]

use flux_codes::{Decimal, ErrorCode, FluxError, Locale};

#[derive(Debug, thiserror::Error, FluxError)]
enum PayError {
    #[error("qr {0} expired")]
    #[flux(code = QrExpired)]
    Expired(String),
    #[error("amount too large")]
    #[flux(code = MaxAmountExceeded)] // `max_amount` filled from the field of that name
    TooLarge { max_amount: Decimal },
    #[error("ledger unavailable")]
    #[flux(code = Server, detail = "ledger unavailable")]
    Ledger(#[source] std::io::Error),
}

fn main() {
    let err = PayError::TooLarge { max_amount: "500.00".parse().unwrap() };
    assert_eq!(err.error_code(), ErrorCode::MaxAmountExceeded);
    assert_eq!(err.http_status(), 422);
    assert!(!err.is_retryable());
    assert_eq!(
        err.detail(Locale::En).unwrap(),
        "The maximum amount for this payment is 500.00."
    );
    assert_eq!(PayError::Expired("q".into()).http_status(), 410);
    let ledger = PayError::Ledger(std::io::Error::other("down"));
    assert!(ledger.is_retryable());
    assert_eq!(ledger.detail(Locale::Es).unwrap(), "ledger unavailable");
}

//! A service that owns its own error catalog: `codes.toml` beside this crate's manifest
//! becomes the `codes` module (`ErrorCode`, `Locale`, `Category`, `FluxError`) with
//! `flux_codes::catalog!`, and the service's error enum maps to it with
//! `#[derive(FluxError)]` and `#[flux(catalog = crate::codes)]`.

#![forbid(unsafe_code)]

/// The loyalty catalog's generated API.
pub mod codes {
    flux_codes::catalog!("codes.toml");
}

use codes::FluxError as _;

/// What redeeming a reward can fail with.
#[derive(Debug, thiserror::Error, flux_codes::FluxError)]
#[flux(catalog = crate::codes)]
pub enum RedeemError {
    #[error("points expired on {expired_on}")]
    #[flux(code = PointsExpired)]
    Expired { expired_on: String },
    #[error("{available} points, {needed} needed")]
    #[flux(code = InsufficientPoints)]
    Insufficient { needed: u64, available: u64 },
    #[error("ledger unavailable")]
    #[flux(code = Unavailable, detail = "ledger unavailable: {0}")]
    Ledger(#[source] std::io::Error),
}

/// One line about `error`, as the service logs it: code, status and detail.
pub fn log_line(error: &RedeemError) -> String {
    format!(
        "{} {} {}",
        error.error_code(),
        error.http_status(),
        error.detail(codes::Locale::DEFAULT).unwrap_or_default()
    )
}

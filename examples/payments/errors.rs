//! What a payment request can fail with. Each variant names its catalog code with
//! `#[derive(FluxError)]`: the compiler checks the code exists and that every param of its
//! detail is filled with a value of the right kind (`max_amount`, a `{max_amount, number}`,
//! from the `Decimal` field of that name). `ApiError::from` turns one
//! into the problem+json answer (code, params, detail, and the error itself as the logged
//! cause); [`PaymentError::into_api_error`] adds what only this service knows per occurrence.

use std::io;
use std::time::Duration;

use flux_codes::{ApiError, Decimal, FluxError, Locale};

#[derive(Debug, thiserror::Error, FluxError)]
pub enum PaymentError {
    /// The request itself is wrong; the detail says how (at most 200 characters).
    #[error("bad request: {0}")]
    #[flux(code = BadRequest, detail = "{0}")]
    BadRequest(String),
    #[error("malformed QR")]
    #[flux(
        code = QrMalformed,
        detail = "`qr` must be `qr_` followed by 1 to 40 of `a-z`, `0-9` and `_`."
    )]
    QrMalformed,
    #[error("unknown QR")]
    #[flux(code = QrUnknown)]
    QrUnknown,
    #[error("expired QR")]
    #[flux(code = QrExpired)]
    QrExpired,
    #[error("disabled QR")]
    #[flux(code = QrDisabled)]
    QrDisabled,
    #[error("amount above {max_amount}")]
    #[flux(code = MaxAmountExceeded)]
    TooLarge { max_amount: Decimal },
    #[error("amount below {min_amount}")]
    #[flux(code = MinAmountSubceed)]
    TooSmall { min_amount: Decimal },
    #[error("insufficient balance")]
    #[flux(code = InsufficientBalance)]
    InsufficientBalance,
    #[error("reference already used by {existing}")]
    #[flux(code = ReferenceAlreadyExists)]
    DuplicateReference { existing: String },
    #[error("the issuer timed out")]
    #[flux(
        code = NetworkTimeout,
        detail = "The issuer did not answer in time; the payment was not made."
    )]
    IssuerTimeout,
    #[error("ledger unavailable")]
    #[flux(code = Server)]
    Ledger(#[source] io::Error),
    #[error("no payment {0}")]
    #[flux(code = NotFound, detail = "There is no payment with this id.")]
    NoSuchPayment(String),
    #[error("no route")]
    #[flux(code = NotFound, detail = "There is no such resource.")]
    NoSuchRoute,
}

impl PaymentError {
    /// A bad request whose detail quotes `why`, cut to 200 characters.
    pub fn bad_request(why: &str) -> Self {
        const MAX_DETAIL: usize = 200;
        let mut end = why.len().min(MAX_DETAIL);
        while !why.is_char_boundary(end) {
            end -= 1;
        }
        let ellipsis = if end < why.len() { "…" } else { "" };
        PaymentError::BadRequest(format!("{}{ellipsis}", &why[..end]))
    }

    /// The answer: what the derive carries, plus a retry delay, the existing payment, or a
    /// detail in Spanish, for the variants that have them.
    pub fn into_api_error(self) -> ApiError {
        match self {
            PaymentError::IssuerTimeout => ApiError::from(self).retry_after(Duration::from_secs(2)),
            PaymentError::DuplicateReference { ref existing } => {
                let instance = format!("/payments/{existing}");
                let id = existing.clone();
                ApiError::from(self)
                    .instance(instance)
                    .extra("payment_id", id)
                    .unwrap_or_else(ApiError::from)
            }
            PaymentError::NoSuchPayment(_) => {
                ApiError::from(self).detail_in(Locale::Es, "No hay ningún pago con este id.")
            }
            PaymentError::NoSuchRoute => {
                ApiError::from(self).detail_in(Locale::Es, "No existe ese recurso.")
            }
            other => ApiError::from(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flux_codes::ErrorCode;

    #[test]
    fn variants_carry_their_codes_and_details() {
        let err = PaymentError::TooLarge {
            max_amount: "500.00".parse().unwrap(),
        };
        assert_eq!(err.error_code(), ErrorCode::MaxAmountExceeded);
        let api = err.into_api_error();
        assert_eq!(
            api.param_value("max_amount").map(ToString::to_string),
            Some("500.00".to_owned())
        );
        let api = PaymentError::IssuerTimeout.into_api_error();
        assert_eq!(api.retry_after_header().as_deref(), Some("2"));
        let long = "x".repeat(300);
        let PaymentError::BadRequest(detail) = PaymentError::bad_request(&long) else {
            unreachable!()
        };
        assert_eq!(detail.chars().count(), 201);
    }
}

//! The payments sandbox: `POST /payments` charges a QR code, `GET /payments/{id}` reads a
//! payment back. Every failure is a `PaymentError` (`errors.rs`, `#[derive(FluxError)]`)
//! answered as an `ApiError`; the `localize` middleware answers it in the caller's language.
//! The extractors are `flux_codes::axum`'s: a body that is not JSON, a missing `Content-Type`
//! or a path that does not parse is answered with the catalog's `bad_request` code, with no
//! conversion written here.
//!
//! Sandbox QR codes (any other well-formed `qr_...` is unknown, `ERR_QR_UNKNOWN`):
//!
//! | QR | outcome |
//! |---|---|
//! | `qr_coffee_shop` | charges amounts from 1.00 to 500.00 |
//! | `qr_low_balance` | the payer has 20.00: more is `ERR_INSUFFICIENT_BALANCE` |
//! | `qr_expired` | `ERR_QR_EXPIRED` |
//! | `qr_disabled` | `ERR_QR_DISABLED` |
//! | `qr_issuer_timeout` | `ERR_NETWORK_TIMEOUT`, with `Retry-After: 2` |
//! | `qr_ledger_down` | `ERR_SERVER`, with an internal cause that is logged, never sent |

use std::collections::{HashMap, VecDeque};
use std::error::Error as _;
use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Router, middleware};
use flux_codes::axum::{Json, Path};
use flux_codes::{ApiError, Decimal};
use serde::{Deserialize, Serialize};

use crate::errors::PaymentError;
use crate::openapi;

/// The longest QR payload, reference and payment id accepted (in characters).
pub const MAX_QR_CHARS: usize = 43;
pub const MAX_REFERENCE_CHARS: usize = 64;
/// How many payments the sandbox remembers; the oldest is forgotten first.
pub const MAX_PAYMENTS: usize = 1024;

/// The service's routes, with the problem+json localization around all of them.
pub fn app() -> Router {
    let document = Arc::new(openapi::document());
    Router::new()
        .route("/payments", post(create_payment))
        .route("/payments/{id}", get(get_payment))
        .route(
            "/openapi.json",
            get(move || {
                let document = Arc::clone(&document);
                async move { Json(document.as_ref().clone()) }
            }),
        )
        .fallback(not_found)
        .with_state(AppState::default())
        .layer(middleware::from_fn(flux_codes::axum::localize))
        .layer(middleware::from_fn(log_server_errors))
}

/// Logs each 5xx `ApiError` with its internal cause, which the response body never shows.
async fn log_server_errors(request: Request, next: Next) -> Response {
    let (method, uri) = (request.method().clone(), request.uri().clone());
    let response = next.run(request).await;
    if let Some(error) = response.extensions().get::<Arc<ApiError>>()
        && response.status().is_server_error()
    {
        let mut line = format!("{method} {uri}: {error}");
        let mut source = error.source();
        while let Some(cause) = source {
            line.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        eprintln!("{line}");
    }
    response
}

#[derive(Clone, Default)]
struct AppState {
    store: Arc<Mutex<Store>>,
}

#[derive(Default)]
struct Store {
    next_id: u64,
    by_id: HashMap<String, Payment>,
    /// Reference -> payment id.
    by_reference: HashMap<String, String>,
    /// Payment ids, oldest first.
    order: VecDeque<String>,
}

impl Store {
    fn insert(&mut self, payment: Payment) {
        if self.order.len() == MAX_PAYMENTS
            && let Some(oldest) = self.order.pop_front()
            && let Some(old) = self.by_id.remove(&oldest)
        {
            self.by_reference.remove(&old.reference);
        }
        self.by_reference
            .insert(payment.reference.clone(), payment.id.clone());
        self.order.push_back(payment.id.clone());
        self.by_id.insert(payment.id.clone(), payment);
    }
}

/// The body of `POST /payments`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    pub qr: String,
    /// A decimal string: `12.50`.
    pub amount: String,
    /// The merchant's own id of the payment; unique.
    pub reference: String,
}

/// A payment the sandbox approved.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Payment {
    pub id: String,
    pub qr: String,
    pub amount: String,
    pub reference: String,
    pub status: String,
}

/// The limits of a chargeable sandbox QR, in cents.
struct Merchant {
    min: u64,
    max: u64,
    balance: Option<u64>,
}

async fn create_payment(
    State(state): State<AppState>,
    Json(request): Json<PaymentRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let payment = charge(&state, request).map_err(PaymentError::into_api_error)?;
    let location = format!("/payments/{}", payment.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(payment),
    ))
}

/// Charges the payment a request asks for, or says why not.
fn charge(state: &AppState, request: PaymentRequest) -> Result<Payment, PaymentError> {
    if !is_qr(&request.qr) {
        return Err(PaymentError::QrMalformed);
    }
    let cents = parse_amount(&request.amount).ok_or_else(|| {
        PaymentError::bad_request(
            "`amount` must be a decimal string with at most two decimals, e.g. \"12.50\"",
        )
    })?;
    let reference_chars = request.reference.chars().count();
    if !(1..=MAX_REFERENCE_CHARS).contains(&reference_chars) {
        return Err(PaymentError::bad_request(
            "`reference` must have 1 to 64 characters",
        ));
    }

    let merchant = match request.qr.as_str() {
        "qr_coffee_shop" => Merchant {
            min: 100,
            max: 50_000,
            balance: None,
        },
        "qr_low_balance" => Merchant {
            min: 100,
            max: 50_000,
            balance: Some(2_000),
        },
        "qr_expired" => return Err(PaymentError::QrExpired),
        "qr_disabled" => return Err(PaymentError::QrDisabled),
        "qr_issuer_timeout" => return Err(PaymentError::IssuerTimeout),
        "qr_ledger_down" => {
            return Err(PaymentError::Ledger(io::Error::new(
                io::ErrorKind::ConnectionRefused,
                "ledger at 10.1.2.3:5432 refused the connection",
            )));
        }
        _ => return Err(PaymentError::QrUnknown),
    };
    if cents > merchant.max {
        return Err(PaymentError::TooLarge {
            max_amount: format_amount(merchant.max),
        });
    }
    if cents < merchant.min {
        return Err(PaymentError::TooSmall {
            min_amount: format_amount(merchant.min),
        });
    }
    if merchant.balance.is_some_and(|balance| cents > balance) {
        return Err(PaymentError::InsufficientBalance);
    }

    let mut store = state.store.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(existing) = store.by_reference.get(&request.reference) {
        return Err(PaymentError::DuplicateReference {
            existing: existing.clone(),
        });
    }
    store.next_id += 1;
    let payment = Payment {
        id: format!("pay_{}", store.next_id),
        qr: request.qr,
        amount: format_amount(cents).to_string(),
        reference: request.reference,
        status: "approved".to_owned(),
    };
    store.insert(payment.clone());
    Ok(payment)
}

async fn get_payment(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Payment>, ApiError> {
    let store = state.store.lock().unwrap_or_else(PoisonError::into_inner);
    match store.by_id.get(&id) {
        Some(payment) => Ok(Json(payment.clone())),
        None => Err(PaymentError::NoSuchPayment(id).into_api_error()),
    }
}

async fn not_found() -> ApiError {
    PaymentError::NoSuchRoute.into_api_error()
}

/// `qr_` and 1 to 40 of `a-z`, `0-9`, `_` (the OpenAPI pattern).
fn is_qr(qr: &str) -> bool {
    qr.strip_prefix("qr_").is_some_and(|rest| {
        (1..=MAX_QR_CHARS - 3).contains(&rest.len())
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    })
}

/// `12`, `12.5` or `12.50` (1 to 9 integer digits) as cents.
fn parse_amount(amount: &str) -> Option<u64> {
    let (units, decimals) = match amount.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (amount, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(1..=9).contains(&units.len()) || !digits(units) || decimals.len() > 2 || !digits(decimals)
    {
        return None;
    }
    let cents = match decimals.len() {
        0 => 0,
        1 => decimals.parse::<u64>().ok()? * 10,
        _ => decimals.parse::<u64>().ok()?,
    };
    Some(units.parse::<u64>().ok()? * 100 + cents)
}

/// An amount in cents as an exact decimal: `50000` is `500.00` (`500,00` in Spanish).
fn format_amount(cents: u64) -> Decimal {
    Decimal::from_scaled(i128::from(cents), 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("12.50"), Some(1250));
        assert_eq!(parse_amount("12.5"), Some(1250));
        assert_eq!(parse_amount("7"), Some(700));
        for bad in ["", ".5", "12.", "1.234", "-1", "1e3", "１２", "1234567890"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
        assert_eq!(format_amount(50_000).to_string(), "500.00");
    }
}

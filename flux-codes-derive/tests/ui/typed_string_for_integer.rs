// A plural param is an integer field: a string for it does not compile.
use flux_codes::{ApiError, errors};

fn main() {
    let _ = ApiError::from(errors::PinAttemptsExceeded { attempts_left: "2" });
}

// A typed error's fields are its code's params: leaving one out does not compile.
use flux_codes::{ApiError, errors};

fn main() {
    let _ = ApiError::from(errors::MaxAmountExceeded {});
}

// A typed error's fields are its code's params: a misspelled one does not compile.
use flux_codes::{ApiError, errors};

fn main() {
    let _ = ApiError::from(errors::MaxAmountExceeded {
        max_amout: "500.00".parse().unwrap(),
    });
}

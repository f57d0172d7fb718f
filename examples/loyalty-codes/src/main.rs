//! Prints the catalog's facts for the codes given as arguments, and a sample error: what the
//! rebuild test (`tests/catalog_rebuild.rs` at the workspace root) watches change.

use loyalty_codes::codes::{ErrorCode, Locale};
use loyalty_codes::{RedeemError, log_line};

fn main() {
    for arg in std::env::args().skip(1) {
        match arg.parse::<ErrorCode>() {
            Ok(code) => println!(
                "{code} {} {}",
                code.http_status(),
                code.message(Locale::DEFAULT)
            ),
            Err(e) => println!("{e}"),
        }
    }
    let sample = RedeemError::Insufficient {
        needed: 500,
        available: 120,
    };
    println!("{}", log_line(&sample));
}

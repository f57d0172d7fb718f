use flux_codes::FluxError;

#[derive(Debug, FluxError)]
enum PayError {
    #[flux(code = MaxAmountExceeded, param(max_amout = limit))]
    TooLarge { limit: u64, max_amount: u64 },
    #[flux(code = QrExpired, param(qr = _0))]
    Expired(String),
}

fn main() {}

use flux_codes::FluxError;

#[derive(Debug, FluxError)]
enum PayError {
    #[flux(code = QrExpired)]
    Expired,
    Ledger(std::io::Error),
    Unknown { id: u64, shop: u64 },
}

#[derive(Debug, FluxError)]
struct Plain {
    id: u64,
}

fn main() {}

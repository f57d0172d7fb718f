use flux_codes::FluxError;

#[derive(Debug, FluxError)]
enum PayError {
    #[flux(code = QrExpired)]
    #[flux(code = QrDisabled)]
    Expired,
    #[flux(code = QrExpired, code = QrDisabled)]
    Twice,
    #[flux(code = MaxAmountExceeded, param(max_amount = 1, max_amount = 2))]
    TooLarge,
    #[flux(code = Server, detail = "a", detail = "b")]
    Server,
}

fn main() {}

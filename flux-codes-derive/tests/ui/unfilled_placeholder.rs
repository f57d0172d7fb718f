use flux_codes::FluxError;

#[derive(Debug, FluxError)]
enum PayError {
    #[flux(code = MaxAmountExceeded)]
    TooLarge { limit: String },
    #[flux(code = MinAmountSubceed)]
    TooSmall(String),
}

fn main() {}

use flux_codes::FluxError;

#[derive(Debug, FluxError)]
enum PayError {
    #[flux(code = MaxAmountExceeded, detail = "too much")]
    TooLarge { max_amount: u64 },
}

fn main() {}

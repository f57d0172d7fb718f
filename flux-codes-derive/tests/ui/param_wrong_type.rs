use flux_codes::FluxError;

#[derive(Debug, FluxError)]
enum PayError {
    #[flux(code = MaxAmountExceeded)]
    TooLarge { max_amount: Vec<u64>, request: Vec<u8> },
    #[flux(code = MinAmountSubceed, param(min_amount = cents.clone()))]
    TooSmall { cents: Vec<u64> },
}

fn main() {}

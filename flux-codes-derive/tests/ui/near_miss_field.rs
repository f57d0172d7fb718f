use flux_codes::FluxError;

// A field spelled close to the placeholder it should fill: the error names it.
#[derive(Debug, FluxError)]
enum PayError {
    #[flux(code = MaxAmountExceeded)]
    TooLarge { max_amt: String, request_id: u64 },
    // Nothing close: the plain advice.
    #[flux(code = MinAmountSubceed)]
    TooSmall { amount: String },
}

fn main() {}

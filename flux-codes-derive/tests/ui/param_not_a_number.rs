use flux_codes::FluxError;

// `{max_amount, number}`: a string field cannot fill it, even one that holds digits.
#[derive(Debug, FluxError)]
enum PayError {
    #[flux(code = MaxAmountExceeded)]
    TooLarge { max_amount: String },
}

fn main() {}

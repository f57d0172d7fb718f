use flux_codes::FluxError;

#[derive(Debug, FluxError)]
enum PayError {
    #[flux(code = QrExpird)]
    Expired,
    #[flux(code = NoSuchThing)]
    Other,
}

fn main() {}

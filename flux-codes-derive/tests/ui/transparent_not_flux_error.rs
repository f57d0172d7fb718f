use flux_codes::FluxError;

#[derive(Debug, FluxError)]
enum ServiceError {
    #[flux(transparent)]
    Io(std::io::Error),
}

fn main() {}

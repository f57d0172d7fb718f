use flux_codes::FluxError;

#[derive(Debug, FluxError)]
#[flux(code = Server)]
enum OnEnum {
    #[flux(code = Server, catalog = flux_codes)]
    CatalogOnVariant,
    #[flux(code = MaxAmountExceeded)]
    OnField {
        #[flux(code = Server)]
        max_amount: String,
    },
    #[flux(transparent, code = Server)]
    TransparentWithCode(Inner),
    #[flux(transparent)]
    TransparentTwoFields(Inner, Inner),
}

#[derive(Debug, FluxError)]
#[flux(code = Server)]
struct Inner;

#[derive(FluxError)]
union NotAnEnum {
    a: u32,
}

fn main() {}

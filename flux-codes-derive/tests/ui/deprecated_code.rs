// A catalog from `catalog!` (the runner copies `catalog/deprecated-codes.toml` next to the
// test crate's manifest), and a derive that picks its deprecated code: rustc's deprecation
// lint fires on the code.
#![deny(deprecated)]

mod partner {
    flux_codes::catalog!("deprecated-codes.toml");
}

#[derive(Debug, flux_codes::FluxError)]
#[flux(catalog = partner)]
enum PartnerError {
    #[flux(code = OldLimit)]
    Old,
    #[flux(code = Limit)]
    New { limit: u32 },
}

fn main() {}

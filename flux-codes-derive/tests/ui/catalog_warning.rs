// A catalog with a warning (the runner copies `catalog/plural-warning-codes.toml` next to the
// test crate's manifest): `catalog!` generates it, and reports the warning at the call as
// rustc's `deprecated` lint, denied here so that the test pins its text.
#![deny(deprecated)]

mod partner {
    flux_codes::catalog!("plural-warning-codes.toml");
}

fn main() {
    let _ = partner::ErrorCode::TooManyItems;
}

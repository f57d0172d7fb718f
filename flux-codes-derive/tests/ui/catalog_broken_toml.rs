// The test runner copies `catalog/broken-codes.toml` next to the test crate's manifest.
mod partner {
    flux_codes::catalog!("broken-codes.toml");
}

fn main() {}

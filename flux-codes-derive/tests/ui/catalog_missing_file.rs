mod partner {
    flux_codes::catalog!("no-such-codes.toml");
}

mod not_a_path {
    flux_codes::catalog!(codes.toml);
}

fn main() {}

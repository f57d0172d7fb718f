mod partner {
    // An absolute path: the message names it as is, wherever the target directory is.
    flux_codes::catalog!("/nonexistent/flux-codes/codes.toml");
}

mod not_a_path {
    flux_codes::catalog!(codes.toml);
}

fn main() {}

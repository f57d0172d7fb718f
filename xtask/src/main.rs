//! Repository chores, run as `cargo xtask <command>` (the alias is in `.cargo/config.toml`).

mod bench_build;
mod codegen;
mod consumers;
// Compiled here too so that it is checked with the rest; run as the bench workspace's
// `gen-time` binary.
#[allow(dead_code)]
mod gen_timer;
mod pg_catalog;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  codegen [--check]      write flux-codes' generated sources (src/generated/) from codes.toml
  bench-build [--runs N] [--sizes 17,100,1000,10000] [--no-release]
              [--no-consumers | --consumers-only | --generator-only]
                         the build-time suite (see xtask/src/bench_build.rs, BENCHMARKS.md);
                         last, what a service pays to depend on flux-codes (xtask/src/consumers.rs)
  pg-catalog [--check]   convert tokio-postgres' SQLSTATE list into benches/catalogs/postgres.toml
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("pg-catalog") => pg_catalog::run(&root, args.iter().any(|a| a == "--check"))
            .map(|n| println!("{} ({n} codes)", pg_catalog::OUTPUT)),
        Some("codegen") if args.iter().any(|a| a == "--check") => codegen::check(&root),
        Some("codegen") => codegen::write(&root).map(|written| {
            for path in &written {
                println!(
                    "written: {}",
                    path.strip_prefix(&root).unwrap_or(path).display()
                );
            }
            if written.is_empty() {
                println!("{}: up to date", codegen::DIR);
            }
        }),
        Some("bench-build") => bench_build::run(&root, &args[1..]),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ is in the workspace")
        .to_path_buf()
}

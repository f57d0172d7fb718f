//! Instruction counts under valgrind's callgrind: repeatable run to run on a shared, noisy
//! machine, so a regression shows as a number.
//!
//! The bench binary re-runs itself once per catalog under
//! `valgrind --tool=callgrind --toggle-collect=<measured> --dump-after=<measured>`, with
//! `FLUX_CALLGRIND_CATALOG` set. In that child every case runs once to warm up (lazy symbol
//! binding, first-touch page faults), then once inside `measured`, and callgrind writes one
//! profile per `measured` call. A case's figure is its instructions minus those of the
//! `baseline` case (the same loop over the same inputs doing nothing), divided by the number of
//! inputs: the instructions of one lookup.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cases::{Case, cases};

pub const CHILD_ENV: &str = "FLUX_CALLGRIND_CATALOG";

/// In the child: runs the cases of `catalog`, each inside `measured` once.
pub fn child(catalog: &str) {
    let cases = cases(catalog);
    for case in &cases {
        (case.run)();
        measured(&*case.run);
    }
}

#[inline(never)]
fn measured(run: &dyn Fn()) {
    run();
}

/// Whether valgrind is installed.
pub fn available() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Instructions per input of every case, keyed by `(group, alt, catalog)`.
pub fn run(
    catalogs: &[&'static str],
    scratch: &Path,
) -> Result<HashMap<(String, String, String), f64>, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut out = HashMap::new();
    for &catalog in catalogs {
        let dir = scratch.join(catalog);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let file = dir.join("callgrind.out");
        eprintln!("callgrind: {catalog} ...");
        // The exact name: callgrind's `--dump-after` takes no wildcard.
        let measured = concat!(module_path!(), "::measured");
        let status = Command::new("valgrind")
            .args(["--tool=callgrind", "--quiet"])
            .arg(format!("--toggle-collect={measured}"))
            .arg(format!("--dump-after={measured}"))
            .arg(format!("--callgrind-out-file={}", file.display()))
            .arg(&exe)
            .env(CHILD_ENV, catalog)
            .status()
            .map_err(|e| format!("cannot run valgrind: {e}"))?;
        if !status.success() {
            return Err(format!("valgrind failed for {catalog}: {status}"));
        }
        let cases = cases(catalog);
        let counts = dumps(&dir)?;
        if counts.len() < cases.len() {
            return Err(format!(
                "{catalog}: {} profiles for {} cases",
                counts.len(),
                cases.len()
            ));
        }
        let baseline = |c: &Case, i: usize| -> f64 {
            cases
                .iter()
                .zip(&counts)
                .find(|(b, _)| b.alt == "baseline" && b.group == c.group)
                .map_or(counts[i] as f64, |(_, &n)| n as f64)
        };
        for (i, case) in cases.iter().enumerate() {
            if case.alt == "baseline" {
                continue;
            }
            let net = (counts[i] as f64 - baseline(case, i)).max(0.0) / case.inputs as f64;
            out.insert(
                (case.group.clone(), case.alt.to_owned(), catalog.to_owned()),
                net,
            );
        }
    }
    Ok(out)
}

/// The instruction totals of the numbered profiles (`callgrind.out.1`, `.2`, ...), in order.
fn dumps(dir: &Path) -> Result<Vec<u64>, String> {
    let mut files: Vec<(u32, PathBuf)> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| {
            let path = e.ok()?.path();
            let n = path.extension()?.to_str()?.parse().ok()?;
            Some((n, path))
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|(_, path)| {
            let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
            text.lines()
                .find_map(|l| {
                    l.strip_prefix("totals:")
                        .or_else(|| l.strip_prefix("summary:"))
                })
                .and_then(|n| n.split_whitespace().next()?.parse().ok())
                .ok_or_else(|| format!("no totals in {}", path.display()))
        })
        .collect()
}

//! The run-time suite (`cargo bench`): flux-codes against a strum `EnumString` enum, a
//! `phf::Map`, a `std::collections::HashMap` and, for PostgreSQL, tokio-postgres'
//! `SqlState::from_code`, on the same codes, in one run.
//!
//! 1. Criterion measures every case (`cases.rs`) over its input set (up to 1,024 inputs,
//!    `catalogs::Inputs`): wall clock.
//! 2. Callgrind counts the instructions of every case (`callgrind.rs`), when valgrind is
//!    installed: repeatable on a noisy machine.
//! 3. The harness prints one table per case (per input: nanoseconds and instructions, and the
//!    ratio to flux-codes) and writes them with the plots to `benches/results/`.
//!
//! Options: Criterion's after `--` (e.g. a filter, `cargo bench -- from_code_hit`), and the
//! environment variable `FLUX_BENCH=wall` (Criterion only) or `FLUX_BENCH=callgrind`
//! (callgrind only).

mod allocations;
mod callgrind;
mod cases;
mod catalogs;
#[path = "../../plot.rs"]
mod plot;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use catalogs::{ALTERNATIVES, CATALOGS};
use criterion::{BenchmarkId, Criterion, Throughput};

fn main() {
    if let Ok(catalog) = std::env::var(callgrind::CHILD_ENV) {
        callgrind::child(&catalog);
        return;
    }
    cases::check_hand_written_details();
    if !std::env::args().any(|a| a == "--bench") {
        // `cargo test --benches` runs bench targets as tests: just check every case runs.
        for cat in &CATALOGS {
            for case in cases::cases(cat.id) {
                (case.run)();
            }
        }
        println!("every case ran once");
        return;
    }
    let target = target_dir();
    let out = target.join("criterion");
    let only = std::env::var("FLUX_BENCH").unwrap_or_default();
    if only != "callgrind" {
        let mut c = Criterion::default()
            .output_directory(&out)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(1))
            .sample_size(30)
            .without_plots()
            .configure_from_args();
        for cat in &CATALOGS {
            for case in cases::cases(cat.id)
                .into_iter()
                .filter(|c| c.alt != "baseline")
            {
                let mut g = c.benchmark_group(&case.group);
                g.throughput(Throughput::Elements(case.inputs as u64));
                g.bench_function(BenchmarkId::new(case.alt, case.catalog), |b| {
                    b.iter(|| (case.run)())
                });
                g.finish();
            }
        }
        c.final_summary();
    }
    let allocations = allocations::per_input();
    let mut instructions = HashMap::new();
    if only != "wall" {
        if callgrind::available() {
            let ids: Vec<&'static str> = CATALOGS.iter().map(|c| c.id).collect();
            match callgrind::run(&ids, &target.join("callgrind")) {
                Ok(counts) => instructions = counts,
                Err(e) => eprintln!("callgrind: {e}"),
            }
        } else {
            eprintln!(
                "valgrind is not installed: no instruction counts (apt-get install valgrind)"
            );
        }
    }
    report(&out, &instructions, &allocations);
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// The mean nanoseconds per input of one case, from Criterion's saved estimates.
fn nanos(out: &Path, group: &str, alt: &str, catalog: &str) -> Option<f64> {
    let dir = out.join(group).join(alt).join(catalog).join("new");
    let estimates = std::fs::read_to_string(dir.join("estimates.json")).ok()?;
    let benchmark = std::fs::read_to_string(dir.join("benchmark.json")).ok()?;
    let mean = number_after(&estimates, "\"mean\"", "\"point_estimate\":")?;
    let elements = number_after(&benchmark, "\"throughput\"", "\"Elements\":")?;
    Some(mean / elements)
}

/// The number after `key` that follows `section` in a JSON text (Criterion's files are flat
/// enough for this, which spares a JSON dependency).
fn number_after(json: &str, section: &str, key: &str) -> Option<f64> {
    let rest = &json[json.find(section)?..];
    let rest = rest[rest.find(key)? + key.len()..].trim_start();
    let end =
        rest.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+')))?;
    rest[..end].parse().ok()
}

type Counts = HashMap<(String, String, String), f64>;

/// A figure of a case: `(alternative, catalog) -> value`.
type Figure<'a> = &'a dyn Fn(&str, &str) -> Option<f64>;

/// Prints the tables and writes `benches/results/lookup.{md,csv}` and the plots.
fn report(out: &Path, instructions: &Counts, allocations: &Counts) {
    let results = Path::new(env!("CARGO_MANIFEST_DIR")).join("results");
    let _ = std::fs::create_dir_all(&results);
    let ir = |g: &str, a: &str, c: &str| {
        instructions
            .get(&(g.to_owned(), a.to_owned(), c.to_owned()))
            .copied()
    };
    let mut md = String::new();
    let mut csv =
        String::from("group,alternative,catalog,codes,ns_per_input,instructions_per_input\n");
    for (group, what, alts) in cases::groups() {
        let _ = writeln!(md, "\n#### `{group}`: {what}\n");
        let header: Vec<String> = alts.iter().map(|a| cases::label(a, &group)).collect();
        let _ = writeln!(md, "| catalog (codes) | {} |", header.join(" | "));
        let _ = writeln!(md, "|---|{}", "---:|".repeat(alts.len()));
        for cat in &CATALOGS {
            let (ours_ns, ours_ir) = (
                nanos(out, &group, "flux-codes", cat.id),
                ir(&group, "flux-codes", cat.id),
            );
            let cells: Vec<String> = alts
                .iter()
                .map(|alt| {
                    let (ns, ins) = (nanos(out, &group, alt, cat.id), ir(&group, alt, cat.id));
                    if ns.is_none() && ins.is_none() {
                        return "–".to_owned();
                    }
                    let _ = writeln!(
                        csv,
                        "{group},{alt},{},{},{},{}",
                        cat.id,
                        cat.size,
                        ns.map_or(String::new(), |v| format!("{v:.3}")),
                        ins.map_or(String::new(), |v| format!("{v:.1}"))
                    );
                    let ratio = |v: Option<f64>, o: Option<f64>| match (v, o) {
                        (Some(v), Some(o)) if *alt != "flux-codes" && o > 0.0 => {
                            format!(" ({:.1}x)", v / o)
                        }
                        _ => String::new(),
                    };
                    // Allocations are shown where a case allocates at all (details, JSON).
                    let allocs = allocations
                        .get(&(group.clone(), (*alt).to_owned(), cat.id.to_owned()))
                        .filter(|_| {
                            alts.iter().any(|a| {
                                allocations
                                    .get(&(group.clone(), (*a).to_owned(), cat.id.to_owned()))
                                    .is_some_and(|&n| n > 0.0)
                            })
                        })
                        .map_or(String::new(), |n| format!(" / {n:.1} alloc"));
                    format!(
                        "{}{} / {}{}{allocs}",
                        ns.map_or("–".to_owned(), |v| format!("{v:.2} ns")),
                        ratio(ns, ours_ns),
                        ins.map_or("–".to_owned(), |v| format!("{v:.0} Ir")),
                        ratio(ins, ours_ir),
                    )
                })
                .collect();
            if cells.iter().all(|c| c == "–") {
                continue; // a case measured on the Flux catalog only
            }
            let _ = writeln!(
                md,
                "| {} ({}) | {} |",
                cat.label,
                cat.size,
                cells.join(" | ")
            );
        }
    }
    println!(
        "\n==> Per input: wall-clock ns / callgrind instructions (Ir) [/ heap allocations, where a case allocates]; in brackets the ratio to flux-codes\n{md}"
    );
    let _ = std::fs::write(results.join("lookup.md"), &md);
    let _ = std::fs::write(results.join("lookup.csv"), &csv);
    let mut written = vec!["lookup.md".to_owned(), "lookup.csv".to_owned()];
    for (class, name) in [("hit", "hit"), ("near_miss", "near-miss")] {
        let group = format!("from_code_{class}");
        let by_ns = |a: &str, c: &str| nanos(out, &group, a, c);
        let by_ir = |a: &str, c: &str| ir(&group, a, c);
        let ways: [(&str, &str, Figure); 2] = [
            ("ns", "ns per lookup (wall clock)", &by_ns),
            ("ir", "instructions per lookup (callgrind)", &by_ir),
        ];
        for (unit, y_label, get) in ways {
            let series: Vec<plot::Series> = ALTERNATIVES
                .iter()
                .map(|alt| plot::Series {
                    label: cases::label(alt, &group),
                    points: CATALOGS
                        .iter()
                        .filter_map(|cat| Some((cat.size as f64, get(alt, cat.id)?)))
                        .collect(),
                })
                .filter(|s| !s.points.is_empty())
                .collect();
            if series.is_empty() {
                continue;
            }
            let title = format!("string -> code: {}", catalogs::class_doc(class));
            let file = format!("lookup-{name}-{unit}.svg");
            let _ = std::fs::write(
                results.join(&file),
                plot::line_chart(&title, "codes in the catalog", y_label, &series),
            );
            written.push(file);
        }
    }
    println!("written to {}: {}", results.display(), written.join(", "));
}

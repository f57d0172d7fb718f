//! The generator alone, timed: `gen-time <codes.toml>...` prints `codes parse render total`
//! (milliseconds of CPU time, medians) for each catalog.
//!
//! `cargo xtask bench-build` compiles this file as the `gen-time` binary of its bench
//! workspace, once unoptimized (as cargo builds a build script and its dependencies by default)
//! and once in release, so the figures are those of a build script at either setting.

use std::path::Path;
use std::time::{Duration, Instant};

use flux_codes_gen::parse_catalog;
use flux_codes_gen::render::rust::render_rust;

pub fn main() {
    for path in std::env::args().skip(1) {
        let source = std::fs::read_to_string(&path).expect("a catalog file");
        let [parse, render, total, codes] = time(Path::new(&path), &source);
        println!("{codes} {parse} {render} {total}");
    }
}

/// The CPU time this thread has run, so that other jobs on a shared machine do not count:
/// Linux's `/proc/thread-self/schedstat` (its first field, in ns); elsewhere, the wall clock.
fn cpu_now() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split(' ').next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_else(|| START.get_or_init(Instant::now).elapsed())
}

/// `[load + validate, render, total]` in ms (medians of 5 batches; a batch repeats the
/// generator until it has run ~10,000 codes, since the clock above moves in scheduler ticks),
/// then the number of codes.
fn time(path: &Path, source: &str) -> [f64; 4] {
    let codes = parse_catalog(path, source)
        .expect("a valid catalog")
        .codes()
        .len();
    let repeat = (10_000 / codes.max(1)).max(1);
    let mut samples: [Vec<f64>; 3] = Default::default();
    for _ in 0..5 {
        let (mut parse, mut render) = (Duration::ZERO, Duration::ZERO);
        for _ in 0..repeat {
            let t0 = cpu_now();
            let catalog = parse_catalog(path, source).expect("a valid catalog");
            let t1 = cpu_now();
            std::hint::black_box(render_rust(&catalog, "::flux_codes::__private"));
            let t2 = cpu_now();
            parse += t1 - t0;
            render += t2 - t1;
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0 / repeat as f64;
        for (s, v) in samples
            .iter_mut()
            .zip([ms(parse), ms(render), ms(parse + render)])
        {
            s.push(v);
        }
    }
    let [p, r, t] = samples.map(|mut s| {
        s.sort_by(f64::total_cmp);
        s[s.len() / 2]
    });
    [p, r, t, codes as f64]
}

//! `cargo xtask bench-build`: the build-time suite.
//!
//! For synthetic catalogs of 17, 100, 1,000 and 10,000 codes (`benches/synth.rs`) it measures:
//! 1. the generator alone (load, validate, render), in CPU time, built as cargo builds a build
//!    script by default (unoptimized) and in release (`gen_timer.rs`, as the bench workspace's
//!    `gen-time` binary);
//! 2. `cargo build` (debug and release) of a crate holding the generated catalog (a `build.rs`
//!    with `flux_codes_gen::Builder`, as a service's catalog crate has) against the same catalog
//!    hand-written as a plain enum with strum derives and a `match` per method; each build starts
//!    from `cargo clean -p` of that crate alone, its dependencies already built;
//! 3. the rebuild after editing one message, listing what cargo rebuilt;
//! 4. what a new service pays to depend on `flux-codes`: cold builds of a fresh crate against
//!    the two hand-written baselines (`consumers.rs`; `--consumers-only`, `--no-consumers`).
//!
//! The crates live in their own workspace under `target/bench-build/` with its own target
//! directory. Every figure is the median of `--runs` runs; each row gives the ratio to the
//! hand-written crate. Tables go to stdout and `benches/results/build.md`, the plot to
//! `benches/results/build-time.svg`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use flux_codes_gen::Catalog;
use flux_codes_gen::locale_variant;

#[path = "../../benches/plot.rs"]
mod plot;
#[path = "../../benches/synth.rs"]
mod synth;

pub struct Options {
    pub runs: usize,
    pub sizes: Vec<usize>,
    pub release: bool,
    /// The catalog-crate tables (generator, `cargo build`, rebuild).
    pub catalogs: bool,
    /// What a service pays (`consumers.rs`).
    pub consumers: bool,
    /// Only the generator alone (no `cargo build` rows, no consumers).
    pub generator_only: bool,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options {
            runs: 3,
            sizes: vec![17, 100, 1000, 10_000],
            release: true,
            catalogs: true,
            consumers: true,
            generator_only: false,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--runs" => {
                    o.runs = it
                        .next()
                        .and_then(|v| v.parse().ok())
                        .filter(|&n| n > 0)
                        .ok_or("--runs N")?
                }
                "--sizes" => {
                    o.sizes = it
                        .next()
                        .ok_or("--sizes 100,1000")?
                        .split(',')
                        .map(|s| s.trim().parse().map_err(|_| format!("not a size: {s}")))
                        .collect::<Result<_, _>>()?;
                    if o.sizes.iter().any(|&n| n == 0 || n > synth::MAX_CODES) {
                        return Err(format!("sizes are 1..={}", synth::MAX_CODES));
                    }
                }
                "--no-release" => o.release = false,
                "--no-consumers" => o.consumers = false,
                "--consumers-only" => o.catalogs = false,
                "--generator-only" => {
                    o.generator_only = true;
                    o.consumers = false;
                }
                other => return Err(format!("unknown option {other}")),
            }
        }
        Ok(o)
    }
}

/// The median of `xs` (sorted in place).
fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// The hand-written crate's `lib.rs`: a plain enum with strum's derives and a `match` per method.
fn hand_written(catalog: &Catalog) -> String {
    let mut s = String::new();
    let locales: Vec<String> = catalog
        .locales()
        .iter()
        .map(|l| locale_variant(l))
        .collect();
    s.push_str("//! The catalog written by hand: a plain enum with strum derives, a `match` per method.\n\n");
    s.push_str("#[derive(Clone, Copy, PartialEq, Eq, Debug)]\npub enum Locale {\n");
    for l in &locales {
        let _ = writeln!(s, "    {l},");
    }
    s.push_str("}\n\n#[derive(Clone, Copy, PartialEq, Eq, Debug, strum::EnumString, strum::Display, strum::IntoStaticStr)]\npub enum Category {\n");
    for c in catalog.categories() {
        let _ = writeln!(
            s,
            "    #[strum(serialize = {:?})]\n    {},",
            c.key(),
            c.variant()
        );
    }
    s.push_str("}\n\n");
    s.push_str(
        "#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, strum::EnumString, strum::Display,\n    \
         strum::EnumIter, strum::IntoStaticStr, strum::EnumMessage, strum::EnumProperty)]\npub enum ErrorCode {\n",
    );
    let d = catalog.default_locale();
    for c in catalog.codes() {
        let _ = write!(
            s,
            "    /// {}\n    #[strum(serialize = {:?}, message = {:?}",
            c.message()[d],
            c.code(),
            c.message()[d]
        );
        if let Some(hint) = c.hint() {
            let _ = write!(s, ", detailed_message = {:?}", hint[d]);
        }
        let _ = writeln!(
            s,
            ", props(status = \"{}\", category = {:?}))]\n    {},",
            c.status(),
            catalog.categories()[c.category()].key(),
            c.variant()
        );
    }
    s.push_str("}\n\nimpl ErrorCode {\n");
    let mut method = |sig: &str, arms: Vec<String>, fallback: Option<&str>| {
        let _ = writeln!(s, "    pub fn {sig} {{\n        match self {{");
        for arm in arms {
            let _ = writeln!(s, "            {arm},");
        }
        if let Some(f) = fallback {
            let _ = writeln!(s, "            {f},");
        }
        s.push_str("        }\n    }\n\n");
    };
    let codes = catalog.codes();
    method(
        "http_status(self) -> u16",
        codes
            .iter()
            .map(|c| format!("ErrorCode::{} => {}", c.variant(), c.status()))
            .collect(),
        None,
    );
    method(
        "is_retryable(self) -> bool",
        codes
            .iter()
            .map(|c| format!("ErrorCode::{} => {}", c.variant(), c.retryable()))
            .collect(),
        None,
    );
    method(
        "category(self) -> Category",
        codes
            .iter()
            .map(|c| {
                format!(
                    "ErrorCode::{} => Category::{}",
                    c.variant(),
                    catalog.categories()[c.category()].variant()
                )
            })
            .collect(),
        None,
    );
    let per_locale = |texts: Option<&[String]>, variant: &str, some: bool| -> String {
        let Some(texts) = texts else {
            return format!("ErrorCode::{variant} => None");
        };
        let arms: Vec<String> = locales
            .iter()
            .zip(texts)
            .map(|(l, t)| {
                if some {
                    format!("Locale::{l} => Some({t:?})")
                } else {
                    format!("Locale::{l} => {t:?}")
                }
            })
            .collect();
        format!(
            "ErrorCode::{variant} => match locale {{ {} }}",
            arms.join(", ")
        )
    };
    method(
        "message(self, locale: Locale) -> &'static str",
        codes
            .iter()
            .map(|c| per_locale(Some(c.message()), c.variant(), false))
            .collect(),
        None,
    );
    method(
        "hint(self, locale: Locale) -> Option<&'static str>",
        codes
            .iter()
            .map(|c| per_locale(c.hint(), c.variant(), true))
            .collect(),
        None,
    );
    method(
        "detail_template(self, locale: Locale) -> Option<&'static str>",
        codes
            .iter()
            .map(|c| {
                let sources: Option<Vec<String>> = c
                    .detail()
                    .map(|d| d.iter().map(|m| m.source.clone()).collect());
                per_locale(sources.as_deref(), c.variant(), true)
            })
            .collect(),
        None,
    );
    method(
        "params(self) -> &'static [&'static str]",
        codes
            .iter()
            .map(|c| {
                let names: Vec<&str> = c.param_names().collect();
                format!("ErrorCode::{} => &{:?}", c.variant(), names)
            })
            .collect(),
        None,
    );
    method(
        "docs_url(self) -> Option<&'static str>",
        codes
            .iter()
            .map(|c| format!("ErrorCode::{} => {:?}", c.variant(), catalog.docs_url(c)))
            .collect(),
        None,
    );
    s.push_str("}\n");
    s
}

/// The generated and hand-written crates of each size, in a workspace of their own.
/// Writes `text` to `path` (and its folders), unless it holds that already (so cargo sees no
/// change).
pub fn write_file(path: PathBuf, text: &str) -> Result<(), String> {
    std::fs::create_dir_all(path.parent().expect("a folder")).map_err(|e| e.to_string())?;
    if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_crates(root: &Path, ws: &Path, sizes: &[usize]) -> Result<(), String> {
    let write = write_file;
    let mut members = Vec::new();
    for &n in sizes {
        let source = synth::catalog_toml(n);
        let catalog = flux_codes_gen::parse_catalog(Path::new("codes.toml"), &source)
            .map_err(|d| d.render(false))?;
        let gen_dir = ws.join(format!("gen-{n}"));
        write(
            gen_dir.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"gen-{n}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [dependencies]\nflux-codes = {{ path = {:?} }}\n\n\
                 [build-dependencies]\nflux-codes-gen = {{ path = {:?}, default-features = false }}\n",
                root.display().to_string(),
                root.join("flux-codes-gen").display().to_string()
            ),
        )?;
        write(
            gen_dir.join("build.rs"),
            "fn main() -> Result<(), flux_codes_gen::Error> {\n    \
             flux_codes_gen::Builder::new(\"codes.toml\").compile()?;\n    Ok(())\n}\n",
        )?;
        write(
            gen_dir.join("src/lib.rs"),
            "include!(concat!(env!(\"OUT_DIR\"), \"/flux_codes.rs\"));\n",
        )?;
        write(gen_dir.join("codes.toml"), &source)?;
        let hand_dir = ws.join(format!("hand-{n}"));
        write(
            hand_dir.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"hand-{n}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [dependencies]\nstrum = {{ version = \"0.28\", features = [\"derive\"] }}\n"
            ),
        )?;
        write(hand_dir.join("src/lib.rs"), &hand_written(&catalog))?;
        // The same catalog through `catalog!` (no build script: the macro runs the generator).
        let macro_dir = ws.join(format!("cat-{n}"));
        write(
            macro_dir.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"cat-{n}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [dependencies]\nflux-codes = {{ path = {:?}, features = [\"catalog\"] }}\n",
                root.display().to_string(),
            ),
        )?;
        write(
            macro_dir.join("src/lib.rs"),
            "flux_codes::catalog!(\"codes.toml\");\n",
        )?;
        write(macro_dir.join("codes.toml"), &source)?;
        members.push(format!("\"gen-{n}\""));
        members.push(format!("\"cat-{n}\""));
        members.push(format!("\"hand-{n}\""));
    }
    // The generator alone, as a binary built like a build script (see `gen_timer.rs`).
    let timer = ws.join("gen-time");
    write(
        timer.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"gen-time\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nflux-codes-gen = {{ path = {:?}, default-features = false }}\n",
            root.join("flux-codes-gen").display().to_string()
        ),
    )?;
    write(
        timer.join("src/main.rs"),
        &format!(
            "#[path = {:?}]\nmod gen_timer;\n\nfn main() {{\n    gen_timer::main();\n}}\n",
            root.join("xtask/src/gen_timer.rs").display().to_string()
        ),
    )?;
    members.push("\"gen-time\"".to_owned());
    // Cargo's default profiles: build scripts and their dependencies unoptimized.
    write(
        ws.join("Cargo.toml"),
        &format!(
            "# @generated by cargo xtask bench-build\n[workspace]\nmembers = [{}]\nresolver = \"3\"\n",
            members.join(", ")
        ),
    )?;
    // The same dependency versions as the repository.
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
    write(ws.join("Cargo.lock"), &lock)
}

/// The time a cargo command took: wall clock, and CPU time (user + system, of cargo and every
/// compiler it ran). On a machine shared with other jobs the wall clock also counts their
/// turns; the CPU time does not, so ratios rest on it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timing {
    pub wall: f64,
    pub cpu: f64,
}

impl Timing {
    /// The medians of `runs`, each figure on its own.
    pub fn median(runs: &[Timing]) -> Timing {
        Timing {
            wall: median(&mut runs.iter().map(|t| t.wall).collect::<Vec<_>>()),
            cpu: median(&mut runs.iter().map(|t| t.cpu).collect::<Vec<_>>()),
        }
    }
}

/// The CPU seconds of this process's waited-for children (`cutime` + `cstime` of
/// `/proc/self/stat`, in clock ticks of 1/100 s); 0 elsewhere.
fn children_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at field 3.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // cutime and cstime are fields 16 and 17 of the whole line: 13 and 14 after `)`.
    (ticks(13) + ticks(14)) / 100.0
}

/// Runs cargo in the bench workspace; returns its timing and the units it compiled.
fn cargo(ws: &Path, args: &[&str]) -> Result<(Timing, Vec<String>), String> {
    let (elapsed, stdout) = cargo_output(ws, &ws.join("target"), args)?;
    let mut units = Vec::new();
    for line in stdout.lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let name = || {
            msg["target"]["name"]
                .as_str()
                .or_else(|| msg["package_id"].as_str())
                .unwrap_or("?")
                .to_owned()
        };
        match msg["reason"].as_str() {
            Some("compiler-artifact") if msg["fresh"] == false => {
                let kind = msg["target"]["kind"][0].as_str().unwrap_or("");
                units.push(if kind == "custom-build" {
                    format!("{} (build script compiled)", package(&msg))
                } else {
                    name()
                });
            }
            _ => {}
        }
    }
    Ok((elapsed, units))
}

/// Runs cargo in `ws` with the target directory `target` (`build` with JSON messages); returns
/// its timing and its standard output.
pub fn cargo_output(ws: &Path, target: &Path, args: &[&str]) -> Result<(Timing, String), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let t = Instant::now();
    let cpu = children_cpu();
    let out = Command::new(&cargo)
        .args(args)
        .args(if args[0] == "build" {
            &["--message-format", "json"][..]
        } else {
            &[]
        })
        .current_dir(ws)
        .env("CARGO_TARGET_DIR", target)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| e.to_string())?;
    let elapsed = Timing {
        wall: t.elapsed().as_secs_f64(),
        cpu: children_cpu() - cpu,
    };
    if !out.status.success() {
        return Err(format!(
            "cargo {} failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok((elapsed, String::from_utf8_lossy(&out.stdout).into_owned()))
}

fn package(msg: &serde_json::Value) -> String {
    let id = msg["package_id"].as_str().unwrap_or("?");
    // `path+file:///.../gen-100#0.0.0` or `registry+...#name@1.0`
    let tail = id.rsplit('/').next().unwrap_or(id);
    tail.split('#').next().unwrap_or(tail).to_owned()
}

/// Median seconds of a clean build of one crate (its dependencies built).
fn clean_build(ws: &Path, krate: &str, release: bool, runs: usize) -> Result<Timing, String> {
    let profile: &[&str] = if release { &["--release"] } else { &[] };
    let mut times = Vec::new();
    for _ in 0..runs {
        cargo(ws, &[&["clean", "-p", krate][..], profile].concat())?;
        let (t, _) = cargo(ws, &[&["build", "-p", krate][..], profile].concat())?;
        times.push(t);
    }
    Ok(Timing::median(&times))
}

/// Median seconds of a debug rebuild after editing one message, and what was rebuilt.
/// `needle` finds the first code's English message (`The <object> of the <domain> ...`).
fn rebuild(
    ws: &Path,
    krate: &str,
    file: &str,
    needle: &str,
    runs: usize,
) -> Result<(Timing, Vec<String>), String> {
    let path = ws.join(krate).join(file);
    let original = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let at = original.find(needle).ok_or("no message to edit")? + needle.len() - 4;
    let mut times = Vec::new();
    let mut units = Vec::new();
    for run in 0..runs {
        let edited = format!(
            "{}The{} {}",
            &original[..at],
            " (edited)".repeat(run + 1),
            &original[at + 4..]
        );
        std::fs::write(&path, edited).map_err(|e| e.to_string())?;
        let (t, u) = cargo(ws, &["build", "-p", krate])?;
        times.push(t);
        units = u;
    }
    std::fs::write(&path, &original).map_err(|e| e.to_string())?;
    cargo(ws, &["build", "-p", krate])?;
    Ok((Timing::median(&times), units))
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let o = Options::parse(args)?;
    let ws = root.join("target/bench-build");
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "bench-build: sizes {:?}, {} runs each; load average {}",
        o.sizes,
        o.runs,
        load.split(' ').take(3).collect::<Vec<_>>().join(" ")
    );
    if o.catalogs {
        catalog_tables(root, &ws, &o)?;
    }
    if o.consumers {
        // 4. What a service pays: cold builds of a fresh crate.
        let md = crate::consumers::run(root, &ws, o.runs)?;
        let results = root.join("benches/results");
        std::fs::create_dir_all(&results).map_err(|e| e.to_string())?;
        std::fs::write(results.join("consumers.md"), &md).map_err(|e| e.to_string())?;
        let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
        println!(
            "{md}\nload average at the end {}\nwritten: benches/results/consumers.md",
            load.split(' ').take(3).collect::<Vec<_>>().join(" ")
        );
    }
    Ok(())
}

/// The generator alone, `cargo build` of the catalog crates, and the rebuild.
fn catalog_tables(root: &Path, ws: &Path, o: &Options) -> Result<(), String> {
    let ws = ws.to_path_buf();
    let mut md = String::new();

    // 1. The generator alone, built as a build script is (unoptimized) and in release.
    write_crates(root, &ws, &o.sizes)?;
    println!("\n==> The generator alone (load + validate + render), CPU time");
    let catalogs: Vec<String> = o
        .sizes
        .iter()
        .map(|n| ws.join(format!("gen-{n}/codes.toml")).display().to_string())
        .collect();
    let mut profiles = vec![false];
    if o.release {
        profiles.push(true);
    }
    let mut timings: Vec<Vec<Option<[f64; 3]>>> = Vec::new();
    for &release in &profiles {
        let mut args = vec!["run", "--quiet", "-p", "gen-time"];
        if release {
            args.push("--release");
        }
        args.push("--");
        args.extend(catalogs.iter().map(String::as_str));
        let (_, stdout) = cargo_output(&ws, &ws.join("target"), &args)?;
        let mut rows = vec![None; o.sizes.len()];
        for line in stdout.lines() {
            let v: Vec<f64> = line.split(' ').filter_map(|x| x.parse().ok()).collect();
            if let (Some(i), 4) = (o.sizes.iter().position(|&n| n as f64 == v[0]), v.len()) {
                rows[i] = Some([v[1], v[2], v[3]]);
            }
        }
        timings.push(rows);
    }
    let _ = writeln!(
        md,
        "### The generator alone (load + validate + render), ms of CPU time\n\n\
         | codes | load + validate, unoptimized | render, unoptimized | total, unoptimized (as a build script runs by default) | per 1,000 codes | total, release | per 1,000 codes |\n\
         |---:|---:|---:|---:|---:|---:|---:|"
    );
    for (i, &n) in o.sizes.iter().enumerate() {
        let per = |ms: f64| ms / n as f64 * 1000.0;
        let cell =
            |t: Option<[f64; 3]>, k: usize| t.map_or("–".to_owned(), |t| format!("{:.1}", t[k]));
        let per_cell =
            |t: Option<[f64; 3]>| t.map_or("–".to_owned(), |t| format!("{:.1}", per(t[2])));
        let unopt = timings[0][i];
        let rel = timings.get(1).and_then(|r| r[i]);
        let _ = writeln!(
            md,
            "| {n} | {} | {} | {} | {} | {} | {} |",
            cell(unopt, 0),
            cell(unopt, 1),
            cell(unopt, 2),
            per_cell(unopt),
            cell(rel, 2),
            per_cell(rel),
        );
    }
    println!("{md}");
    if o.generator_only {
        return Ok(());
    }

    // 2. cargo build of the crates.
    // The smallest pair needs every dependency the others do.
    println!("==> Building the dependencies once (not measured) ...");
    let (gen_first, cat_first, hand_first) = (
        format!("gen-{}", o.sizes[0]),
        format!("cat-{}", o.sizes[0]),
        format!("hand-{}", o.sizes[0]),
    );
    for &release in &profiles {
        // Separately: built together, cargo would unify `flux-codes`' features across them.
        for krate in [&gen_first, &cat_first, &hand_first] {
            let mut a = vec!["build", "-p", krate];
            if release {
                a.push("--release");
            }
            cargo(&ws, &a)?;
        }
    }
    let mut table = String::new();
    let _ = writeln!(
        table,
        "\n### `cargo build` of the catalog crate (its dependencies already built), median of {} runs\n\n\
         CPU time (user + system of cargo and the compilers it ran) and, in brackets, wall time.\n\n\
         | codes | profile | generated by `build.rs`, CPU s (wall s) | generated by `catalog!`, CPU s (wall s) | hand-written, strum + `match`, CPU s (wall s) | hand-written / `build.rs`, CPU | hand-written / `catalog!`, CPU |\n|---:|---|---:|---:|---:|---:|---:|",
        o.runs
    );
    let mut points: Vec<plot::Series> = Vec::new();
    for &release in &profiles {
        let profile = if release { "release" } else { "debug" };
        let (mut g_pts, mut h_pts) = (Vec::new(), Vec::new());
        for &n in &o.sizes {
            println!("==> cargo build {profile}, {n} codes ...");
            let g = clean_build(&ws, &format!("gen-{n}"), release, o.runs)?;
            let m = clean_build(&ws, &format!("cat-{n}"), release, o.runs)?;
            let h = clean_build(&ws, &format!("hand-{n}"), release, o.runs)?;
            let row = format!(
                "| {n} | {profile} | {:.2} ({:.2}) | {:.2} ({:.2}) | {:.2} ({:.2}) | {:.2}x | {:.2}x |",
                g.cpu,
                g.wall,
                m.cpu,
                m.wall,
                h.cpu,
                h.wall,
                h.cpu / g.cpu,
                h.cpu / m.cpu
            );
            println!("{row}");
            let _ = writeln!(table, "{row}");
            g_pts.push((n as f64, g.cpu));
            h_pts.push((n as f64, h.cpu));
        }
        points.push(plot::Series {
            label: format!("generated, {profile}"),
            points: g_pts,
        });
        points.push(plot::Series {
            label: format!("hand-written, {profile}"),
            points: h_pts,
        });
    }
    md.push_str(&table);

    // 3. The rebuild after editing one message.
    let mut table = String::new();
    let _ = writeln!(
        table,
        "\n### Rebuild (debug) after editing one message, median of {} runs\n\n\
         | codes | generated, CPU s (wall s) | hand-written, CPU s (wall s) | hand-written / generated, CPU | what cargo rebuilt (generated) |\n|---:|---:|---:|---:|---|",
        o.runs
    );
    for &n in &o.sizes {
        println!("==> rebuild after one edit, {n} codes ...");
        let (g, units) = rebuild(
            &ws,
            &format!("gen-{n}"),
            "codes.toml",
            "en = \"The ",
            o.runs,
        )?;
        let (h, _) = rebuild(
            &ws,
            &format!("hand-{n}"),
            "src/lib.rs",
            "Locale::En => \"The ",
            o.runs,
        )?;
        let row = format!(
            "| {n} | {:.2} ({:.2}) | {:.2} ({:.2}) | {:.1}x | {} |",
            g.cpu,
            g.wall,
            h.cpu,
            h.wall,
            h.cpu / g.cpu,
            units.join(", ")
        );
        println!("{row}");
        let _ = writeln!(table, "{row}");
    }
    md.push_str(&table);

    let results = root.join("benches/results");
    std::fs::create_dir_all(&results).map_err(|e| e.to_string())?;
    std::fs::write(results.join("build.md"), &md).map_err(|e| e.to_string())?;
    let svg = plot::line_chart(
        "cargo build of the catalog crate",
        "codes in the catalog",
        "CPU seconds (median)",
        &points,
    );
    std::fs::write(results.join("build-time.svg"), svg).map_err(|e| e.to_string())?;
    println!(
        "\n==> Tables\n{md}\nwritten: benches/results/build.md, benches/results/build-time.svg"
    );
    Ok(())
}

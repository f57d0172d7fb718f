//! What a hostile catalog may cost in memory. A counting allocator measures the peak heap use
//! of loading, validating and rendering the report of pathological files; it must stay within
//! a fixed multiple of the file's size: no error list, suggestion table or report grows faster
//! than the input. (One test in this binary, so no other test allocates meanwhile.)

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = CURRENT.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap growth while loading `source` and rendering its report; the report's text.
fn cost(source: &str) -> (usize, String) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let report = match flux_codes_gen::parse_catalog(Path::new("codes.toml"), source) {
        Ok(catalog) => format!("ok: {} codes", catalog.codes().len()),
        Err(diags) => diags.render(false),
    };
    (PEAK.load(Ordering::Relaxed) - base, report)
}

const MB: usize = 1 << 20;

#[test]
fn pathological_catalogs_cost_memory_proportional_to_their_size() {
    let header = "[catalog]\nname = \"T\"\ndefault_locale = \"en\"\nlocales = [\"en\"]\n";
    let long_name = "q".repeat(MB);
    let mut many_reserved = String::from(header);
    many_reserved.push_str("reserved = [");
    for i in 0..100_000 {
        let _ = write!(many_reserved, "\"ERR_R{i}\",");
    }
    many_reserved.push_str("]\n[categories.c]\ntitle = { en = \"C\" }\n");
    for i in 0..2_000 {
        let _ = write!(
            many_reserved,
            "[codes.ERR_C{i}]\nstatus = 400\nretryable = false\ncategory = \"d\"\nmessage = {{ en = \"M\" }}\n"
        );
    }
    let locales: Vec<String> = (0..256).map(|i| format!("\"x{i:03}\"")).collect();
    let mut missing_texts = format!(
        "[catalog]\nname = \"T\"\ndefault_locale = \"x000\"\nlocales = [{}]\n[categories.c]\ntitle = {{ x000 = \"C\" }}\n",
        locales.join(", ")
    );
    for i in 0..20_000 {
        let _ = write!(
            missing_texts,
            "[codes.ERR_C{i}]\nstatus = 400\nretryable = false\ncategory = \"c\"\nmessage = {{ x000 = \"M\" }}\n"
        );
    }
    let cases: Vec<(&str, String)> = vec![
        ("a syntax error every other byte", "=\n".repeat(MB)),
        (
            "a syntax error every other byte, small enough to report them all",
            "=\n".repeat(64 * 1024),
        ),
        ("a token every byte", "[".repeat(2 * MB)),
        ("a duplicate key every 4 bytes", "a=1\n".repeat(MB / 2)),
        (
            "a 1 MB unknown category next to a 1 MB category",
            format!(
                "{header}[categories.{long_name}]\ntitle = {{ en = \"C\" }}\n[codes.ERR_X]\nstatus = 400\nretryable = false\ncategory = \"{long_name}x\"\nmessage = {{ en = \"M\" }}\n"
            ),
        ),
        (
            "100,000 reserved strings and 2,000 codes with an unknown category",
            many_reserved,
        ),
        (
            "256 locales and 20,000 codes with one text each",
            missing_texts,
        ),
        ("20,000 codes", common::big_catalog(20_000)),
    ];
    for (name, source) in cases {
        let (peak, report) = cost(&source);
        let ratio = peak as f64 / source.len() as f64;
        eprintln!("{name}: {} bytes, peak {peak} ({ratio:.1}x)", source.len());
        assert!(
            peak <= 96 * source.len() + 64 * MB,
            "{name}: {peak} bytes at peak for {} bytes of input",
            source.len()
        );
        assert!(
            report.len() <= 100 * 1024,
            "{name}: a {} byte report",
            report.len()
        );
    }
}

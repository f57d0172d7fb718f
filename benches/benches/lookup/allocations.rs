//! Heap allocations per input of every case: a counting global allocator (one relaxed atomic
//! add per allocation, on top of the system allocator's own work), read around one run of each
//! case after a warm-up run (so the CLDR data each side loads once is not counted).

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::cases::cases;
use crate::catalogs::CATALOGS;

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is forwarded to `System` with the caller's arguments unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is `System.alloc`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// `(group, alternative, catalog) -> allocations per input` (a `realloc` counts as one).
pub fn per_input() -> HashMap<(String, String, String), f64> {
    let mut out = HashMap::new();
    for cat in &CATALOGS {
        for case in cases(cat.id) {
            if case.alt == "baseline" {
                continue;
            }
            (case.run)();
            let before = ALLOCATIONS.load(Ordering::Relaxed);
            (case.run)();
            let n = ALLOCATIONS.load(Ordering::Relaxed) - before;
            out.insert(
                (case.group.clone(), case.alt.to_owned(), cat.id.to_owned()),
                n as f64 / case.inputs as f64,
            );
        }
    }
    out
}

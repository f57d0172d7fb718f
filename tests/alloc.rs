//! Every lookup path allocates nothing: string -> code (hits, misses, near misses, empty and
//! very long strings, through `from_code`, `FromStr`, `TryFrom` and serde), code -> facts, and
//! the locale and category parsers. A counting global allocator (per thread, so the test
//! harness's own threads do not interfere) shows it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use flux_codes::{Category, ErrorCode, Locale, ParseErrorKind};
use strum::{EnumMessage, IntoEnumIterator};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to `System`, only counting.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations `f` makes on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

// flux-codes: allow-start (misspelled codes on purpose: they must not be found)
/// Strings that are not codes: same lengths, one byte off, empty, very long, not ASCII.
fn misses() -> Vec<String> {
    let mut out = vec![
        String::new(),
        "E".into(),
        "err_qr_expired".into(),
        "ERR_QR_EXPIRE".into(),
    ];
    for code in ErrorCode::ALL {
        let s = code.as_str();
        out.push(s.chars().rev().collect());
        for at in [0, s.len() / 2, s.len() - 1] {
            let mut bytes = s.as_bytes().to_vec();
            bytes[at] = if bytes[at] == b'X' { b'Y' } else { b'X' };
            out.push(String::from_utf8(bytes).unwrap());
        }
        out.push(format!("{s} "));
        out.push(format!("{s}{}", "X".repeat(1 << 20)));
    }
    out.push("ERR_QR_EXPIRÉ".into());
    out.retain(|s| ErrorCode::from_code(s).is_none());
    out
}
// flux-codes: allow-end

#[test]
fn string_to_code_allocates_nothing_on_hits() {
    for &code in ErrorCode::ALL {
        let s = code.as_str();
        let n = allocations(|| {
            assert_eq!(ErrorCode::from_code(black_box(s)), Some(code));
            assert_eq!(black_box(s).parse::<ErrorCode>().ok(), Some(code));
            assert_eq!(ErrorCode::try_from(black_box(s)).ok(), Some(code));
        });
        assert_eq!(n, 0, "{s}");
    }
}

#[test]
fn string_to_code_allocates_nothing_on_misses() {
    let misses = misses();
    assert!(misses.len() > 100);
    for s in &misses {
        let n = allocations(|| {
            assert_eq!(ErrorCode::from_code(black_box(s)), None);
            let err = black_box(s.as_str()).parse::<ErrorCode>().unwrap_err();
            assert_eq!(err.kind(), ParseErrorKind::ErrorCode);
            black_box(err);
            assert!(ErrorCode::try_from(black_box(s.as_str())).is_err());
        });
        assert_eq!(n, 0, "a miss of {} bytes allocated", s.len());
    }
}

#[test]
fn serde_deserialize_allocates_nothing_on_hits() {
    for &code in ErrorCode::ALL {
        let json = format!("\"{}\"", code.as_str());
        let n = allocations(|| {
            let parsed: ErrorCode = serde_json::from_str(black_box(&json)).unwrap();
            assert_eq!(parsed, code);
        });
        assert_eq!(n, 0, "{json}");
    }
}

#[test]
fn code_to_facts_allocates_nothing() {
    let n = allocations(|| {
        for code in ErrorCode::iter() {
            let code = black_box(code);
            black_box((
                code.as_str(),
                code.http_status(),
                code.is_retryable(),
                code.category(),
            ));
            black_box((code.params(), code.docs_url(), code.deprecation()));
            black_box((
                code.get_message(),
                code.get_detailed_message(),
                code.get_serializations(),
            ));
            black_box(<&'static str>::from(code));
            for &locale in Locale::ALL {
                black_box((
                    code.message(locale),
                    code.hint(locale),
                    code.detail_template(locale),
                ));
                black_box(code.category().title(locale));
            }
            // Display into a fixed buffer: writing the code is allocation-free too.
            let mut buf = Buffer::default();
            std::fmt::write(&mut buf, format_args!("{code}")).unwrap();
            assert_eq!(buf.as_str(), code.as_str());
        }
    });
    assert_eq!(n, 0);
}

#[test]
fn locale_and_category_parsers_allocate_nothing() {
    let n = allocations(|| {
        for &locale in Locale::ALL {
            assert_eq!(Locale::from_tag(black_box(locale.as_str())), Some(locale));
            assert_eq!(
                black_box(locale.as_str()).parse::<Locale>().ok(),
                Some(locale)
            );
        }
        assert_eq!(Locale::from_tag(black_box("ES")), Some(Locale::Es));
        assert!(black_box("xx-YY").parse::<Locale>().is_err());
        for &category in Category::ALL {
            assert_eq!(
                black_box(category.as_str()).parse::<Category>().ok(),
                Some(category)
            );
        }
        assert!(black_box("nope").parse::<Category>().is_err());
    });
    assert_eq!(n, 0);
}

#[test]
fn the_counter_sees_allocations() {
    assert_eq!(allocations(|| drop(black_box(vec![1u8; 8]))), 1);
    let code = ErrorCode::MaxAmountExceeded;
    assert!(allocations(|| drop(black_box(code.detail(Locale::En, &[("max_amount", &"5")])))) > 0);
}

/// A fixed-size `fmt::Write` target.
struct Buffer {
    bytes: [u8; 64],
    len: usize,
}

impl Default for Buffer {
    fn default() -> Self {
        Buffer {
            bytes: [0; 64],
            len: 0,
        }
    }
}

impl Buffer {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap()
    }
}

impl std::fmt::Write for Buffer {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(std::fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

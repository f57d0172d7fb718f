//! The string hash of the generated `from_code` lookup, and its compare: the generator builds
//! the perfect-hash tables with it and generated code probes them with it, so both sides always
//! agree.
//!
//! Codes are short (at most 63 bytes), so the hash reads the string in a few whole 8-byte words,
//! the last ones overlapping the ones before them (the way wyhash and foldhash read short keys):
//! no byte loop, no copy of a tail; two 128-bit multiplications for up to 16 bytes, one more
//! 64-bit multiplication per further 8 bytes.

/// The 8 bytes at `at` as a little-endian word (`at + 8 <= bytes.len()`).
#[inline(always)]
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut buf = [0u8; 8];
    buf.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(buf)
}

/// The 4 bytes at `at` as a little-endian word (`at + 4 <= bytes.len()`).
#[inline(always)]
fn half(bytes: &[u8], at: usize) -> u64 {
    let mut buf = [0u8; 4];
    buf.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(buf) as u64
}

/// The full 128-bit product of `a` and `b`, folded to 64 bits: every output bit depends on
/// every input bit of both.
#[inline(always)]
fn fold(a: u64, b: u64) -> u64 {
    let p = (a as u128) * (b as u128);
    (p as u64) ^ ((p >> 64) as u64)
}

/// Two words that together hold every byte of a string of at most 16 bytes (overlapping
/// reads; the length, mixed in by the caller, tells the overlaps apart).
#[inline(always)]
fn short_words(bytes: &[u8]) -> (u64, u64) {
    let len = bytes.len();
    if len >= 8 {
        (word(bytes, 0), word(bytes, len - 8))
    } else if len >= 4 {
        (half(bytes, 0), half(bytes, len - 4))
    } else if len > 0 {
        let three = (bytes[0] as u64) << 16 | (bytes[len / 2] as u64) << 8 | bytes[len - 1] as u64;
        (three, 0)
    } else {
        (0, 0)
    }
}

/// Hashes a code string (meant for a few dozen bytes) with `seed`.
#[inline]
pub fn hash(bytes: &[u8], seed: u64) -> u64 {
    const P0: u64 = 0xA076_1D64_78BD_642F;
    const P1: u64 = 0xE703_7ED1_A0B4_28DB;
    let len = bytes.len();
    let mut h = seed ^ P0;
    let (a, b) = if len <= 16 {
        short_words(bytes)
    } else {
        // The words before the last 16 bytes, one multiply-rotate each; then the last 16 bytes
        // (overlapping the words before them).
        let mut at = 0;
        while len - at > 16 {
            h = (h ^ word(bytes, at)).wrapping_mul(P1).rotate_left(29);
            at += 8;
        }
        (word(bytes, len - 16), word(bytes, len - 8))
    };
    fold(P1 ^ len as u64, fold(a ^ P1, b ^ h))
}

/// Whether two strings are equal, comparing whole words inline (no call to `memcmp`), in the
/// same overlapping reads as the hash.
#[inline]
pub fn equal(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if len <= 16 {
        let (a0, a1) = short_words(a);
        let (b0, b1) = short_words(b);
        return (a0 ^ b0) | (a1 ^ b1) == 0;
    }
    let mut diff = (word(a, len - 16) ^ word(b, len - 16)) | (word(a, len - 8) ^ word(b, len - 8));
    let mut at = 0;
    while len - at > 16 {
        diff |= (word(a, at) ^ word(b, at)) | (word(a, at + 8) ^ word(b, at + 8));
        at += 16;
    }
    diff == 0
}

/// Maps a hash to `0..n` without a division (Lemire's multiply-shift reduction).
#[inline]
pub fn reduce(x: u32, n: u32) -> u32 {
    ((x as u64 * n as u64) >> 32) as u32
}

/// The bucket of a hash: its high 32 bits reduced to `0..buckets`.
#[inline]
pub fn bucket(h: u64, buckets: u32) -> u32 {
    reduce((h >> 32) as u32, buckets)
}

/// The slot of a hash in a bucket displaced by `pilot`: its low bits remixed with the pilot.
#[inline]
pub fn slot(h: u64, pilot: u16, slots: u32) -> u32 {
    let x = (h ^ (pilot as u64).wrapping_mul(0xA076_1D64_78BD_642F))
        .wrapping_mul(0xE703_7ED1_A0B4_28DB);
    reduce((x >> 32) as u32, slots)
}

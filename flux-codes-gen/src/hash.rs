// The string hash of the generated `from_code` lookup. This file is compiled into the generator,
// which builds the perfect-hash tables with it, and pasted verbatim into the generated code,
// which probes them: one definition, so both sides always agree. Keep it free of `use` items.

/// Hashes a code string: a multiply-rotate over 8-byte words (few dozen bytes: 2 to 8 rounds),
/// then a final avalanche so every output bit depends on every input byte.
#[inline]
pub fn hash(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(word);
        h = (h ^ u64::from_le_bytes(buf))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        let mut buf = [0u8; 8];
        buf[..tail.len()].copy_from_slice(tail);
        h = (h ^ u64::from_le_bytes(buf))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    h ^= h >> 32;
    h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ (h >> 32)
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

//! Builds the perfect-hash tables behind the generated `from_code`: every code lands in its own
//! slot, so a lookup is one hash, one pilot load, one slot load and one string compare.
//!
//! The scheme is "hash and displace" (as in PTHash/PtrHash): codes fall into buckets of about
//! three; the largest buckets are placed first, each by the first pilot value that sends all of
//! its codes to free slots.

use flux_codes_core::hash::{bucket, hash, slot};

/// The tables of one catalog's lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PerfectHash {
    pub seed: u64,
    /// Per bucket: the displacement that places its codes.
    pub pilots: Vec<u16>,
    /// Per slot: the index of the code in it, or `EMPTY`.
    pub slots: Vec<u32>,
}

pub const EMPTY: u32 = u32::MAX;

/// Builds tables for `keys` (distinct strings). Deterministic: same keys, same tables.
pub fn build(keys: &[&str]) -> PerfectHash {
    let n = keys.len() as u32;
    let buckets = n.div_ceil(3).max(1);
    let slots = (n + n / 4).max(1);
    for seed in 0u64.. {
        if let Some(table) = try_seed(keys, seed, buckets, slots) {
            return table;
        }
    }
    unreachable!("some seed always succeeds for distinct keys")
}

fn try_seed(keys: &[&str], seed: u64, buckets: u32, slots: u32) -> Option<PerfectHash> {
    let hashes: Vec<u64> = keys.iter().map(|k| hash(k.as_bytes(), seed)).collect();
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); buckets as usize];
    for (i, h) in hashes.iter().enumerate() {
        members[bucket(*h, buckets) as usize].push(i as u32);
    }
    let mut order: Vec<u32> = (0..buckets).collect();
    // Largest buckets first; ties by index, so the result never depends on sort stability.
    order.sort_by_key(|&b| (std::cmp::Reverse(members[b as usize].len()), b));
    let mut pilots = vec![0u16; buckets as usize];
    let mut table = vec![EMPTY; slots as usize];
    let mut taken: Vec<u32> = Vec::new();
    for b in order {
        let keys_in = &members[b as usize];
        if keys_in.is_empty() {
            break;
        }
        let placed = (0..=u16::MAX).find(|&pilot| {
            taken.clear();
            keys_in.iter().all(|&k| {
                let s = slot(hashes[k as usize], pilot, slots);
                let free = table[s as usize] == EMPTY && !taken.contains(&s);
                taken.push(s);
                free
            })
        })?;
        pilots[b as usize] = placed;
        for (&k, &s) in keys_in.iter().zip(&taken) {
            table[s as usize] = k;
        }
    }
    Some(PerfectHash {
        seed,
        pilots,
        slots: table,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_gets_its_own_slot() {
        let keys: Vec<String> = (0..5000).map(|i| format!("ERR_GENERATED_{i}")).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let t = build(&keys);
        let buckets = t.pilots.len() as u32;
        for (i, k) in keys.iter().enumerate() {
            let h = hash(k.as_bytes(), t.seed);
            let s = slot(
                h,
                t.pilots[bucket(h, buckets) as usize],
                t.slots.len() as u32,
            );
            assert_eq!(t.slots[s as usize], i as u32);
        }
        assert_eq!(build(&keys), t, "same keys, same tables");
    }

    #[test]
    fn equal_is_byte_equality_at_every_length() {
        use flux_codes_core::hash::equal;
        let text = b"ERR_ISSUER_ACCOUNT_VIOLATION_AND_A_FEW_MORE_BYTES_UP_TO_SIXTY_FOUR";
        for len in 0..=64 {
            let a = &text[..len];
            assert!(equal(a, a));
            assert!(!equal(a, &text[..len.saturating_sub(1)]) || len == 0);
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!equal(a, &b), "len {len}, byte {at}");
            }
        }
    }

    #[test]
    fn short_strings_hash_apart() {
        // Every byte takes part, also below 8 and 4 bytes (overlapping reads).
        let keys = [
            "", "A", "B", "AB", "BA", "ABC", "ACB", "ABCD", "ABCE", "ABCDEFG", "ABCDEFH", "BBCDEFG",
        ];
        let hashes: Vec<u64> = keys.iter().map(|k| hash(k.as_bytes(), 7)).collect();
        for i in 0..keys.len() {
            for j in 0..i {
                assert_ne!(hashes[i], hashes[j], "{:?} and {:?}", keys[i], keys[j]);
            }
        }
    }
}

//! "Did you mean ...?": the closest name to a misspelled one, for the generator's diagnostics
//! and `#[derive(FluxError)]`'s, in the part of this crate that needs no dependency.

/// Names longer than this get no suggestion, and are no suggestion: names are short, and the
/// edit distance costs the product of both lengths.
pub const SUGGEST_MAX_LEN: usize = 64;

/// How many candidates a suggestion considers (the first ones): a catalog has a few dozen
/// keys, categories or locales, and a hostile one must not make every typo cost them all.
pub const SUGGEST_MAX_CANDIDATES: usize = 256;

/// The closest candidate to `given` by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if given.len() > SUGGEST_MAX_LEN {
        return None;
    }
    let given_lower = given.to_ascii_lowercase();
    candidates
        .into_iter()
        .take(SUGGEST_MAX_CANDIDATES)
        .filter(|c| c.len() <= SUGGEST_MAX_LEN)
        .map(|c| (edit_distance(&given_lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| {
            *d <= (c.len().max(given.len()) / 3).max(1)
                || (given.len() >= 3 && c.to_ascii_lowercase().starts_with(&given_lower))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance over characters, counting a swap of two neighbours as one edit
/// (optimal string alignment), so `hnit` is one edit from `hint`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(edit_distance("hnit", "hint"), 1);
        assert_eq!(did_you_mean("hnit", ["hint", "status"]), Some("hint"));
        // flux-codes: allow-start (codes as test data)
        assert_eq!(
            did_you_mean("ERR_QR_EXPIRD", ["ERR_QR_EXPIRED", "ERR_SERVER"]),
            Some("ERR_QR_EXPIRED")
        );
        // flux-codes: allow-end
        assert_eq!(did_you_mean("zzz", ["hint", "status"]), None);
    }
}

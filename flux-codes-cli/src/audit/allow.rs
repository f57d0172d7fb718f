//! The allow-list written in the scanned files themselves: a marker in a comment silences the
//! findings of its line, or of a region, whatever the file's language:
//!
//! ```text
//! assert_eq!(code.as_str(), "ERR_QR_EXPIRED"); // flux-codes: allow (the wire format under test)
//!
//! <!-- flux-codes: allow-start -->
//! ...examples that show misspelled codes on purpose...
//! <!-- flux-codes: allow-end -->
//! ```
//!
//! `allow` covers its own line; `allow-start` opens a region that `allow-end` closes (both lines
//! included; a region left open runs to the end of the file). A silenced code still counts as
//! mentioned.

/// The text every marker starts with.
pub const MARKER: &str = "flux-codes: allow";

/// The lines of one file whose findings are silenced.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AllowedLines {
    /// 1-based inclusive line ranges, in file order.
    ranges: Vec<(usize, usize)>,
}

impl AllowedLines {
    /// Finds the markers in a file's text. Cheap when there are none.
    pub fn find(src: &[u8]) -> Self {
        let finder = memchr::memmem::Finder::new(MARKER);
        let mut ranges = Vec::new();
        let mut open: Option<usize> = None;
        let mut line = 1;
        let mut counted_to = 0;
        for at in finder.find_iter(src) {
            line += memchr::memchr_iter(b'\n', &src[counted_to..at]).count();
            counted_to = at;
            let rest = &src[at + MARKER.len()..];
            if rest.starts_with(b"-start") {
                open.get_or_insert(line);
            } else if rest.starts_with(b"-end") {
                ranges.push((open.take().unwrap_or(line), line));
            } else if !rest
                .first()
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
            {
                ranges.push((line, line));
            }
        }
        if let Some(start) = open {
            ranges.push((start, usize::MAX));
        }
        AllowedLines { ranges }
    }

    /// Whether findings on the 1-based `line` are silenced.
    pub fn contains(&self, line: usize) -> bool {
        self.ranges
            .iter()
            .any(|&(start, end)| (start..=end).contains(&line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(src: &str) -> Vec<usize> {
        let lines = AllowedLines::find(src.as_bytes());
        (1..=src.lines().count())
            .filter(|&n| lines.contains(n))
            .collect()
    }

    #[test]
    fn a_line_marker_covers_its_line_only() {
        assert_eq!(
            allowed("a\nb // flux-codes: allow (wire format)\nc\nd # flux-codes: allow"),
            [2, 4]
        );
    }

    #[test]
    fn an_open_region_runs_to_the_end() {
        assert_eq!(allowed("a\n# flux-codes: allow-start\nb\nc"), [2, 3, 4]);
    }

    #[test]
    fn a_region_covers_its_lines_and_both_markers() {
        let src = "a\n<!-- flux-codes: allow-start -->\nb\nc\n<!-- flux-codes: allow-end -->\nd";
        assert_eq!(allowed(src), [2, 3, 4, 5]);
    }

    #[test]
    fn near_misses_are_not_markers() {
        assert_eq!(
            allowed("flux-codes: allowed\nflux-codes: allow-list\nflux-codes allow"),
            Vec::<usize>::new()
        );
        assert_eq!(AllowedLines::find(b"no markers"), AllowedLines::default());
    }
}

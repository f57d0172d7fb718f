//! The version rule: which release a list of changes needs, and whether the new catalog's
//! `version` is high enough, as cargo-semver-checks does for a crate.
//!
//! Breaking changes need a major release, additive ones a minor release, text changes a patch.
//! Below 1.0.0 the bumps shift down one place, as Cargo reads versions (`0.y` is the major
//! part): a breaking change of `0.4.2` needs `0.5.0`, an additive one `0.4.3`; every change of
//! `0.0.z` needs `0.0.(z+1)`. A pre-release promises nothing, so after one any higher version
//! will do.

use std::fmt;

use semver::Version;
use serde::Serialize;

use super::{Change, Class};
use crate::model::Catalog;

/// The release a list of changes needs, from none to major.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Bump {
    /// Nothing changed: the version may stay.
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    /// The bump `changes` need: the largest their classes call for.
    pub fn needed_by(changes: &[Change]) -> Bump {
        changes
            .iter()
            .map(|change| match change.class() {
                Class::Breaking => Bump::Major,
                Class::Additive => Bump::Minor,
                Class::Text => Bump::Patch,
            })
            .max()
            .unwrap_or(Bump::None)
    }

    /// The bump's name in reports: `none`, `patch`, `minor` or `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The lowest version after `old` that this bump allows (`old` itself for [`Bump::None`]).
    pub fn lowest_after(self, old: &Version) -> Version {
        if self == Bump::None {
            return old.clone();
        }
        if !old.pre.is_empty() {
            // Any version after a pre-release: the least one is the pre-release with one more
            // identifier (`2.0.0-beta.1.0`), so `2.0.0-beta.2` is allowed.
            let mut next = Version::new(old.major, old.minor, old.patch);
            // A valid pre-release with one more numeric identifier is valid.
            next.pre = semver::Prerelease::new(&format!("{}.0", old.pre))
                .unwrap_or_else(|_| old.pre.clone());
            return next;
        }
        let (major, minor, patch) = (old.major, old.minor, old.patch);
        // A catalog's version is input: `18446744073709551615.0.0` has no next major, and
        // stays the highest it can be rather than overflowing.
        let next = |n: u64| n.saturating_add(1);
        match (self, major, minor) {
            (Bump::None, _, _) => old.clone(),
            (_, 0, 0) => Version::new(0, 0, next(patch)),
            (Bump::Major, 0, _) => Version::new(0, next(minor), 0),
            (Bump::Major, _, _) => Version::new(next(major), 0, 0),
            (Bump::Minor, 0, _) | (Bump::Patch, _, _) => Version::new(major, minor, next(patch)),
            (Bump::Minor, _, _) => Version::new(major, next(minor), 0),
        }
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the version rule says about two catalogs and the changes between them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VersionCheck {
    /// `[catalog] version` of the old and the new catalog.
    pub old: Option<String>,
    pub new: Option<String>,
    /// The release the changes need.
    pub needed: Bump,
    /// The lowest version the new catalog may have (when the old one has a version).
    pub lowest: Option<String>,
    /// Why the new version is wrong, if it is.
    pub problem: Option<String>,
}

impl VersionCheck {
    /// Checks `new`'s version against `old`'s and the `changes` between them.
    pub fn new(old: &Catalog, new: &Catalog, changes: &[Change]) -> Self {
        let needed = Bump::needed_by(changes);
        let lowest = old.version.as_ref().map(|v| needed.lowest_after(v));
        let problem = match (&old.version, &new.version, &lowest) {
            (Some(old), None, _) => Some(format!(
                "the new catalog has no `version` (the old one is {old}); keep `[catalog] version`"
            )),
            (Some(_), Some(new), Some(lowest)) if new < lowest => Some(match needed {
                Bump::None => {
                    format!("the version went down to {new}; keep it at {lowest} or above")
                }
                _ => format!(
                    "the changes need a {needed} release: the version must be at least {lowest}, and is {new}"
                ),
            }),
            _ => None,
        };
        VersionCheck {
            old: old.version.as_ref().map(ToString::to_string),
            new: new.version.as_ref().map(ToString::to_string),
            needed,
            lowest: lowest.as_ref().map(ToString::to_string),
            problem,
        }
    }

    /// Whether both catalogs have a version, so the version rule decides (rather than "no
    /// breaking change").
    pub fn is_versioned(&self) -> bool {
        self.old.is_some() && self.new.is_some()
    }

    /// One line for people, e.g. ``version 1.4.0 -> 1.5.0: the changes need a minor release
    /// (at least 1.5.0)``; nothing when there is neither a version nor a change.
    pub fn describe(&self) -> Option<String> {
        if self.old.is_none() && self.new.is_none() && self.needed == Bump::None {
            return None;
        }
        let versions = match (&self.old, &self.new) {
            (Some(old), Some(new)) => format!("version {old} -> {new}"),
            (None, Some(new)) => format!("version (none) -> {new}"),
            (Some(old), None) => format!("version {old} -> (none)"),
            (None, None) => "no version".to_owned(),
        };
        let needs = match (self.needed, &self.lowest) {
            (Bump::None, _) => "no release needed".to_owned(),
            (needed, Some(lowest)) => {
                format!("the changes need a {needed} release (at least {lowest})")
            }
            (needed, None) => format!("the changes need a {needed} release"),
        };
        Some(format!("{versions}: {needs}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_version_of_any_version_is_computed_without_overflow() {
        let max = Version::new(u64::MAX, u64::MAX, u64::MAX);
        for bump in [Bump::None, Bump::Patch, Bump::Minor, Bump::Major] {
            let _ = bump.lowest_after(&max);
        }
        assert_eq!(Bump::Patch.lowest_after(&max), max);
        assert_eq!(
            Bump::Major.lowest_after(&Version::new(1, 4, 2)),
            Version::new(2, 0, 0)
        );
        let beta: Version = "2.0.0-beta.1".parse().unwrap();
        assert_eq!(
            Bump::Patch.lowest_after(&beta).to_string(),
            "2.0.0-beta.1.0"
        );
    }
}

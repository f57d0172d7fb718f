//! What the catalog says about a word: a catalog code, a reserved one, a code-shaped word the
//! catalog does not define, or no code at all.
//!
//! A word is code-shaped when it has the catalog's code shape (the core's
//! [`flux_codes_core::code_shape`], the validator's definition too: `^[A-Z][A-Z0-9_]*$`, at most 63
//! bytes), starts with a prefix the catalog's codes use (the text up to their first `_`,
//! e.g. `ERR_`) and is longer than it, and does not end with `_` (`ERR_QR_` is a prefix, as in
//! `code.startsWith("ERR_QR_")`, not a code).

use std::collections::{HashMap, HashSet};

use flux_codes_core::code_shape::is_code_shaped;
use flux_codes_gen::Catalog;

/// What a word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// The catalog code at this index of `Catalog::codes`.
    Known(usize),
    /// A retired code (`[catalog] reserved`).
    Reserved,
    /// Code-shaped, but not in the catalog.
    Unknown,
    /// Not a code, or an unknown code allowed with `--allow-unknown`.
    NotACode,
}

/// The catalog's codes, ready for looking words up.
#[derive(Debug)]
pub struct CodeIndex {
    codes: Vec<String>,
    variants: Vec<String>,
    by_code: HashMap<String, usize>,
    by_variant: HashMap<String, usize>,
    reserved: HashSet<String>,
    allowed_unknown: HashSet<String>,
    prefixes: Vec<String>,
}

impl CodeIndex {
    /// `allowed_unknown`: code-shaped words never to report as unknown (placeholders such as
    /// `ERR_X` in documentation).
    pub fn new(catalog: &Catalog, allowed_unknown: &[String]) -> Self {
        let codes: Vec<String> = catalog
            .codes()
            .iter()
            .map(|c| c.code().to_owned())
            .collect();
        let variants: Vec<String> = catalog
            .codes()
            .iter()
            .map(|c| c.variant().to_owned())
            .collect();
        let mut prefixes: Vec<String> = codes
            .iter()
            .chain(catalog.reserved())
            .filter_map(|code| code.find('_').map(|i| code[..=i].to_owned()))
            .collect();
        prefixes.sort();
        prefixes.dedup();
        CodeIndex {
            by_code: codes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.clone(), i))
                .collect(),
            by_variant: variants
                .iter()
                .enumerate()
                .map(|(i, v)| (v.clone(), i))
                .collect(),
            reserved: catalog.reserved().iter().cloned().collect(),
            allowed_unknown: allowed_unknown.iter().cloned().collect(),
            codes,
            variants,
            prefixes,
        }
    }

    /// How many codes the catalog has.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// The Rust variant of the code at `index` (from the model, so `variant` overrides count).
    pub fn variant(&self, index: usize) -> &str {
        &self.variants[index]
    }

    /// The code whose Rust variant is `name`.
    pub fn by_variant(&self, name: &str) -> Option<usize> {
        self.by_variant.get(name).copied()
    }

    /// The texts a code-shaped word can start with: every prefix the catalog's codes use, and
    /// every code or reserved code without an `_` (which only matches itself).
    pub fn needles(&self) -> Vec<String> {
        let bare = self
            .codes
            .iter()
            .chain(&self.reserved)
            .filter(|code| !code.contains('_'))
            .cloned();
        let mut needles: Vec<String> = self.prefixes.iter().cloned().chain(bare).collect();
        needles.sort();
        needles.dedup();
        needles
    }

    /// What `word` (a whole word of the scanned text) is.
    pub fn classify(&self, word: &str) -> Class {
        if let Some(&index) = self.by_code.get(word) {
            Class::Known(index)
        } else if self.reserved.contains(word) {
            Class::Reserved
        } else if self.is_code_shaped(word) && !self.allowed_unknown.contains(word) {
            Class::Unknown
        } else {
            Class::NotACode
        }
    }

    fn is_code_shaped(&self, word: &str) -> bool {
        is_code_shaped(word)
            && !word.ends_with('_')
            && self
                .prefixes
                .iter()
                .any(|p| word.len() > p.len() && word.starts_with(p.as_str()))
    }

    /// The catalog code an unknown `word` most likely misspells.
    pub fn suggestion(&self, word: &str) -> Option<&str> {
        flux_codes_gen::diagnostic::did_you_mean(word, self.codes.iter().map(String::as_str))
    }
}

// The tests spell codes, known, misspelled and made up, on purpose: they are the test data.
// flux-codes: allow-start
#[cfg(test)]
mod tests {
    use super::*;

    fn index(allowed: &[&str]) -> CodeIndex {
        let source = r#"
[catalog]
name = "T"
default_locale = "en"
locales = ["en"]
reserved = ["ERR_OLD", "LEGACY"]

[categories.qr]
title = { en = "QR" }

[codes.ERR_QR_EXPIRED]
status = 410
retryable = false
category = "qr"
message = { en = "Expired." }

[codes.E_3DS]
status = 402
retryable = false
category = "qr"
variant = "ThreeDs"
message = { en = "3DS." }

[codes.TIMEOUT]
status = 504
retryable = true
category = "qr"
message = { en = "Timeout." }
"#;
        let catalog = flux_codes_gen::parse_catalog("codes.toml".as_ref(), source).unwrap();
        let allowed: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
        CodeIndex::new(&catalog, &allowed)
    }

    #[test]
    fn needles_are_the_prefixes_and_the_bare_codes() {
        assert_eq!(index(&[]).needles(), ["ERR_", "E_", "LEGACY", "TIMEOUT"]);
    }

    #[test]
    fn classifies_known_reserved_unknown_and_other_words() {
        let index = index(&["ERR_X"]);
        assert_eq!(index.classify("ERR_QR_EXPIRED"), Class::Known(0));
        assert_eq!(index.classify("TIMEOUT"), Class::Known(2));
        assert_eq!(index.classify("ERR_OLD"), Class::Reserved);
        assert_eq!(index.classify("LEGACY"), Class::Reserved);
        assert_eq!(index.classify("ERR_QR_EXPIRD"), Class::Unknown);
        assert_eq!(index.classify("E_4DS"), Class::Unknown);
        let longest = format!("ERR_{}", "A".repeat(59));
        assert_eq!(index.classify(&longest), Class::Unknown);
        let too_long = format!("ERR_{}", "A".repeat(60));
        for word in [
            "ERR_X",     // allowed
            "ERR_",      // the prefix alone
            "ERR_QR_",   // a prefix of codes
            "ERR_qr",    // not the shape
            "TIMEOUTS",  // no prefix: bare codes only match themselves
            "MY_ERR_QR", // another prefix
            &too_long,   // 64 characters
        ] {
            assert_eq!(index.classify(word), Class::NotACode, "{word}");
        }
    }

    #[test]
    fn variants_come_from_the_model() {
        let index = index(&[]);
        assert_eq!(index.variant(1), "ThreeDs");
        assert_eq!(index.by_variant("QrExpired"), Some(0));
        assert_eq!(index.by_variant("E3ds"), None);
    }

    #[test]
    fn suggests_the_nearest_code() {
        let index = index(&[]);
        assert_eq!(index.suggestion("ERR_QR_EXPIRD"), Some("ERR_QR_EXPIRED"));
        assert_eq!(index.suggestion("ERR_PAYMENT_GATEWAY_DOWN"), None);
    }
}
// flux-codes: allow-end

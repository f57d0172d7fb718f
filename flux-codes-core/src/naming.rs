//! Rust names the generated code gives a catalog's codes, locales and categories: one rule for
//! the generator and for `#[derive(FluxError)]`'s messages (which suggest a variant for a wire
//! string), in the part of this crate that needs no dependency, so the derive compiles nothing
//! else for it.

/// Rust variant name of a locale tag: `en` -> `En`, `es-CL` -> `EsCl`, `zh-Hant` -> `ZhHant`.
pub fn locale_variant(tag: &str) -> String {
    upper_camel(tag.split('-'))
}

/// Rust variant name of a code string: drop a leading `ERR_`, then UpperCamelCase.
pub fn code_variant(code: &str) -> String {
    upper_camel(code.strip_prefix("ERR_").unwrap_or(code).split('_'))
}

/// Rust variant name of a category key: `qr` -> `Qr`, `rate_limit` -> `RateLimit`.
pub fn category_variant(key: &str) -> String {
    upper_camel(key.split('_'))
}

fn upper_camel<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        // The common case, an ASCII part, without Unicode's case tables.
        if part.is_ascii() {
            let mut bytes = part.bytes();
            if let Some(first) = bytes.next() {
                out.push(char::from(first.to_ascii_uppercase()));
                out.extend(bytes.map(|b| char::from(b.to_ascii_lowercase())));
            }
            continue;
        }
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.extend(chars.flat_map(char::to_lowercase));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_are_upper_camel_case() {
        // flux-codes: allow-start (codes as test data)
        assert_eq!(code_variant("ERR_QR_EXPIRED"), "QrExpired");
        assert_eq!(code_variant("E22012"), "E22012");
        // flux-codes: allow-end
        assert_eq!(locale_variant("es-CL"), "EsCl");
        assert_eq!(locale_variant("zh-Hant"), "ZhHant");
        assert_eq!(category_variant("rate_limit"), "RateLimit");
        assert_eq!(category_variant("über_alles"), "ÜberAlles");
    }
}

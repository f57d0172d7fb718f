//! Helpers shared by the integration tests that write catalogs (each test binary uses some).
#![allow(dead_code)]

/// `text` as a TOML basic string: quotes, backslashes and every control character TOML does
/// not allow raw are escaped, so any text survives the trip.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `{ en = "...", es = "..." }` for `texts` in the order of `locales`.
pub fn localized(locales: &[String], texts: &[String]) -> String {
    let entries: Vec<String> = locales
        .iter()
        .zip(texts)
        .map(|(locale, text)| format!("{} = {}", toml_string(locale), toml_string(text)))
        .collect();
    format!("{{ {} }}", entries.join(", "))
}

/// A valid catalog of `n` codes (`ERR_C0`, `ERR_C1`, ...) in two locales, about 120 bytes a
/// code.
pub fn big_catalog(n: usize) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(n * 128 + 256);
    out.push_str(
        "[catalog]\nname = \"Big\"\ndefault_locale = \"en\"\nlocales = [\"en\", \"es\"]\n\n\
         [categories.c]\ntitle = { en = \"C\", es = \"C\" }\n",
    );
    for i in 0..n {
        let _ = write!(
            out,
            "\n[codes.ERR_C{i}]\nstatus = 400\nretryable = false\ncategory = \"c\"\n\
             message = {{ en = \"Message {i}.\", es = \"Mensaje {i}.\" }}\n"
        );
    }
    out
}

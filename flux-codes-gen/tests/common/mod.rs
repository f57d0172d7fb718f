//! Helpers shared by the integration tests that write catalogs.

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

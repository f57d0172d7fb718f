//! The names of the proto export's enum, as facts of the catalog: the validator refuses two
//! codes protoc would take for one value ([`value_key`]), and the proto renderer writes them.

/// The enum's name.
pub const ENUM: &str = "ErrorReason";

/// What protoc compares enum value names by, in proto3: the name without the enum's name as a
/// prefix (`ERROR_REASON_X` is `X`), in PascalCase (`AB__C` and `AB_C_` are both `AbC`). Two
/// values with the same key are an error, so the validator refuses two codes
/// with the same key.
pub fn value_key(name: &str) -> String {
    let prefix: Vec<u8> = ENUM
        .bytes()
        .filter(|&b| b != b'_')
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let bytes = name.as_bytes();
    let (mut i, mut j) = (0, 0);
    while i < bytes.len() && j < prefix.len() {
        if bytes[i] == b'_' {
            i += 1;
            continue;
        }
        if bytes[i].to_ascii_lowercase() != prefix[j] {
            break;
        }
        i += 1;
        j += 1;
    }
    let mut rest = name;
    if j == prefix.len() {
        while i < bytes.len() && bytes[i] == b'_' {
            i += 1;
        }
        if i < bytes.len() {
            rest = &name[i..];
        }
    }
    let mut key = String::with_capacity(rest.len());
    let mut next_upper = true;
    for c in rest.chars() {
        if c == '_' {
            next_upper = true;
        } else {
            key.push(if next_upper {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            });
            next_upper = false;
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::value_key;

    #[test]
    fn value_keys_follow_protoc() {
        // flux-codes: allow-start (made-up codes that differ in underscores)
        assert_eq!(value_key("ERR_AB__C"), "ErrAbC");
        assert_eq!(value_key("ERR_AB_C_"), "ErrAbC");
        assert_eq!(value_key("ERR_A_B"), "ErrAB");
        // flux-codes: allow-end
        assert_eq!(value_key("ERROR_REASON_UNSPECIFIED"), "Unspecified");
        assert_eq!(value_key("ERROR_REASON__X"), "X");
        assert_eq!(value_key("ERROR_REASON"), "ErrorReason");
        assert_eq!(value_key("ERROR_RE"), "ErrorRe");
    }
}

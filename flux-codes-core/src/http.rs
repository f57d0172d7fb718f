//! HTTP status texts: the one table of reason phrases every export and the runtime name a
//! status with.

/// The reason phrase of a 4xx or 5xx status, as RFC 9110 and the IANA HTTP status code
/// registry name it (`422 Unprocessable Content`, `413 Content Too Large`; not the older names
/// the `http` crate keeps), or `None` for a status the registry does not name.
pub const fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        _ => return None,
    })
}

/// A status with its reason phrase, `410 Gone`; the bare number for a status the registry
/// does not name.
pub fn status_line(status: u16) -> String {
    match reason_phrase(status) {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_9110_names() {
        assert_eq!(status_line(422), "422 Unprocessable Content");
        assert_eq!(status_line(413), "413 Content Too Large");
        assert_eq!(status_line(499), "499");
        assert_eq!(reason_phrase(200), None);
    }
}

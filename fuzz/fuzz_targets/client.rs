//! Arbitrary error responses parsed on the client side: any status, `Content-Type`,
//! `Retry-After` and body give a `RemoteError` without panicking, within its bounds, and with
//! retryability following its rule.
//!
//! Input layout: two bytes of status, then `content-type \0 retry-after \0 body` (a part left
//! out is `None`).
#![no_main]

use flux_codes::client::{Code, MAX_CODE_LEN, MAX_EXCERPT_BYTES, RemoteError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((status, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let status = u16::from_be_bytes(*status);
    let mut parts = rest.splitn(3, |&b| b == 0);
    let content_type = parts.next().map(String::from_utf8_lossy);
    let retry_after = parts.next().map(String::from_utf8_lossy);
    let body = parts.next().unwrap_or_default();

    let err = RemoteError::parse(status, content_type.as_deref(), retry_after.as_deref(), body);
    assert_eq!(err.status(), status);
    match err.code() {
        Some(Code::Known(code)) => assert_eq!(err.is_retryable(), code.is_retryable()),
        Some(Code::Unknown(s)) => {
            assert!(s.len() <= MAX_CODE_LEN);
            assert!(s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'));
            assert!(flux_codes::ErrorCode::from_code(s).is_none());
        }
        None => {}
    }
    assert_eq!(err.is_problem(), err.excerpt().is_none());
    if let Some(excerpt) = err.excerpt() {
        // Lossy decoding turns each invalid byte into a 3-byte U+FFFD at most.
        assert!(excerpt.len() <= 3 * MAX_EXCERPT_BYTES);
    }
    let _ = err.to_string();
    let _ = err.params().count();
    if let Some(after) = err.retry_after() {
        let _ = after.delay_from(std::time::SystemTime::UNIX_EPOCH);
        let _ = after.delay_from(std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(4_000_000_000));
    }
    assert_eq!(err.clone(), err);
});

//! Features `http` and `axum` without a server: status conversions, the `http::Response` of an
//! error, `Accept-Language` over several field lines, and the axum extractor and middleware.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::response::IntoResponse;
use flux_codes::axum::AcceptLanguage;
use flux_codes::{ApiError, ErrorCode, Locale};
use http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderMap, HeaderValue, Request, StatusCode};

#[test]
fn every_code_converts_to_its_status_code() {
    for &code in ErrorCode::ALL {
        assert_eq!(StatusCode::from(code).as_u16(), code.http_status());
        assert_eq!(code.status_code(), ApiError::new(code).status_code());
    }
    assert_eq!(ErrorCode::QrExpired.status_code(), StatusCode::GONE);
}

#[test]
fn an_error_becomes_a_complete_http_response() {
    let err =
        ApiError::new(ErrorCode::NetworkTimeout).retry_after(std::time::Duration::from_secs(3));
    let response = err.to_http_response(Locale::Es);
    assert_eq!(response.status(), StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
    assert_eq!(response.headers()[CONTENT_LANGUAGE], "es");
    assert_eq!(response.headers()[RETRY_AFTER], "3");
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["title"], ErrorCode::NetworkTimeout.message(Locale::Es));
}

fn headers(lines: &[&[u8]]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for line in lines {
        map.append(ACCEPT_LANGUAGE, HeaderValue::from_bytes(line).unwrap());
    }
    map
}

#[test]
fn several_accept_language_lines_are_one_list() {
    assert_eq!(Locale::negotiate_headers(&HeaderMap::new()), Locale::En);
    assert_eq!(Locale::negotiate_headers(&headers(&[b"fr"])), Locale::En);
    assert_eq!(
        Locale::negotiate_headers(&headers(&[b"fr", b"es;q=0.5"])),
        Locale::Es
    );
    assert_eq!(
        Locale::negotiate_headers(&headers(&[b"es;q=0.5", b"en;q=0.9"])),
        Locale::En
    );
    // A line that is not visible ASCII is skipped.
    assert_eq!(
        Locale::negotiate_headers(&headers(&[b"en;q=0.9 \xff", b"es;q=0.5"])),
        Locale::Es
    );
    // A huge first line is cut like a single header.
    let huge = format!("es,{}", "de,".repeat(10_000));
    assert_eq!(
        Locale::negotiate_headers(&headers(&[huge.as_bytes(), b"en"])),
        Locale::Es
    );
}

#[tokio::test]
async fn the_extractor_negotiates_and_never_rejects() {
    let (mut parts, ()) = Request::builder()
        .header(ACCEPT_LANGUAGE, "es-AR,es;q=0.9")
        .body(())
        .unwrap()
        .into_parts();
    let AcceptLanguage(locale) = AcceptLanguage::from_request_parts(&mut parts, &())
        .await
        .unwrap();
    assert_eq!(locale, Locale::Es);
    let (mut parts, ()) = Request::new(()).into_parts();
    let AcceptLanguage(locale) = AcceptLanguage::from_request_parts(&mut parts, &())
        .await
        .unwrap();
    assert_eq!(locale, Locale::DEFAULT);
}

#[tokio::test]
async fn into_response_renders_the_default_locale_and_keeps_the_error() {
    let response = ApiError::new(ErrorCode::QrExpired).into_response();
    assert_eq!(response.status(), StatusCode::GONE);
    assert_eq!(response.headers()[CONTENT_LANGUAGE], "en");
    let kept = response.extensions().get::<Arc<ApiError>>().unwrap();
    assert_eq!(kept.code(), ErrorCode::QrExpired);
    let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .unwrap();
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["title"], ErrorCode::QrExpired.message(Locale::En));
}

//! The OpenAPI examples flux-codes-gen renders are the bodies `ApiError` serializes: the
//! document describes what services really answer.

use flux_codes::{ApiError, ErrorCode, Locale, ParamKind};
use serde_json::Value;

#[test]
fn each_example_is_the_body_the_runtime_serializes() {
    let catalog =
        flux_codes_gen::load_catalog(concat!(env!("CARGO_MANIFEST_DIR"), "/codes.toml").as_ref())
            .unwrap_or_else(|e| panic!("{e}"));
    let doc: Value =
        serde_json::from_str(&flux_codes_gen::render::openapi::render_openapi(&catalog)).unwrap();
    assert_eq!(catalog.default_locale_tag(), Locale::DEFAULT.as_str());
    for &code in ErrorCode::ALL {
        let response = format!("Error{}", code.http_status());
        let example = &doc["components"]["responses"][&response]["content"]["application/problem+json"]
            ["examples"][code.as_str()]["value"];
        let mut err = ApiError::new(code);
        for (param, kind) in code.params().iter().zip(code.param_kinds()) {
            err = match kind {
                ParamKind::Number => err.param(param, 1234),
                ParamKind::Integer => err.param(param, 3),
                ParamKind::String | ParamKind::Select => err.param(param, format!("<{param}>")),
            };
        }
        // The example's detail shows where each param goes (`<max_amount>`); the runtime's
        // formats the example values. Every other member is the same.
        let mut body = serde_json::to_value(&err).unwrap();
        let mut example = example.clone();
        let (shown, rendered) = (example["detail"].take(), body["detail"].take());
        assert_eq!(example, body, "{code}");
        assert_eq!(shown.is_null(), rendered.is_null(), "{code}");
        for param in code.params() {
            assert!(
                shown.as_str().unwrap().contains(&format!("<{param}>")),
                "{code}: {shown}"
            );
        }
    }
}

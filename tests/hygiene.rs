//! Generated code names everything by absolute path: `catalog!` expands in a module that
//! shadows the prelude's `Option`, `Result`, `String`, `Default`, `Some`, `None`, `Ok`, `Err`
//! and `Box`, for every generator setting (the fixtures of the renderer's golden files).
#![allow(dead_code, non_camel_case_types, clippy::upper_case_acronyms)]

/// A module whose own items take the prelude's names (a unit struct is in both the type and
/// the value namespace), holding a `catalog!` expansion and a `#[derive(FluxError)]`.
macro_rules! hostile_module {
    ($name:ident, $catalog:literal) => {
        mod $name {
            pub struct Option;
            pub struct String;
            pub struct Default;
            pub struct Box;
            pub struct Some;
            pub struct None;
            pub struct Ok;
            pub struct Err;
            pub type Result<T> = ::core::result::Result<T, ()>;

            flux_codes::catalog!($catalog);

            #[derive(Debug, flux_codes::FluxError)]
            #[flux(catalog = self)]
            pub enum Failure {
                #[flux(transparent)]
                Wrapped(Inner),
            }

            #[derive(Debug)]
            pub struct Inner(pub ErrorCode);

            impl FluxError for Inner {
                fn error_code(&self) -> ErrorCode {
                    self.0
                }
            }
        }
    };
}

hostile_module!(
    match_lookup,
    "flux-codes-gen/tests/golden/match_lookup.toml"
);
hostile_module!(
    perfect_hash,
    "flux-codes-gen/tests/golden/perfect_hash.toml"
);
hostile_module!(deprecated, "flux-codes-gen/tests/golden/deprecated.toml");

// flux-codes: allow-start (the golden fixtures' made-up codes)
#[test]
fn the_generated_api_works_in_a_module_that_shadows_the_prelude() {
    let code: match_lookup::ErrorCode = "ERR_CARD_DECLINED".parse().unwrap();
    assert_eq!(code, match_lookup::ErrorCode::CardDeclined);
    assert_eq!(
        code.detail(
            match_lookup::Locale::EsCl,
            &[("issuer", &"X"), ("reason", &"51")]
        )
        .unwrap(),
        "El emisor X la rechazó ({code} 51)."
    );
    assert_eq!(match_lookup::Locale::default(), match_lookup::Locale::En);
    assert_eq!(
        perfect_hash::ErrorCode::from_code("ERR_LEDGER_C"),
        Some(perfect_hash::ErrorCode::LedgerC)
    );
    assert!("ERR_LEDGER_E".parse::<perfect_hash::ErrorCode>().is_err());
    #[allow(deprecated)]
    let gone = deprecated::ErrorCode::AccountGone;
    assert_eq!(gone.deprecation(), Some("Use ERR_ACCOUNT_CLOSED instead."));
    assert_eq!(
        serde_json::to_string(&gone).unwrap(),
        "\"ERR_ACCOUNT_GONE\""
    );
}
// flux-codes: allow-end

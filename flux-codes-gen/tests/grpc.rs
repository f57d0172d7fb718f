//! The gRPC status of every code: the mapping from HTTP statuses, checked for every status the
//! catalog format allows, through the loader and validator into the model and the exports; and
//! the overrides.

use std::path::Path;

use flux_codes_core::GrpcCode;
use flux_codes_gen::render::json::CatalogJson;
use flux_codes_gen::{Catalog, parse_catalog};

/// What Google documents (AIP-193, `google/rpc/code.proto`'s "HTTP Mapping"), read from the HTTP
/// side, with gRPC's own mapping for 502; every other 4xx is FAILED_PRECONDITION and every other
/// 5xx INTERNAL. Written out here, apart from the generator's table, on purpose.
fn documented(status: u16) -> &'static str {
    match status {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        500 => "INTERNAL",
        501 => "UNIMPLEMENTED",
        502 | 503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ if status < 500 => "FAILED_PRECONDITION",
        _ => "INTERNAL",
    }
}

/// A catalog with one code per status in `statuses`, each with `extra` lines.
fn catalog_of(statuses: impl IntoIterator<Item = u16>, extra: &str) -> String {
    let mut source = String::from(
        "[catalog]\nname = \"Test\"\ndefault_locale = \"en\"\nlocales = [\"en\"]\n\
         domain = \"test.example\"\n\n[categories.misc]\ntitle = { en = \"Misc\" }\n",
    );
    for status in statuses {
        // flux-codes: allow-start (one made-up code per status)
        source.push_str(&format!(
            "\n[codes.ERR_S{status}]\nstatus = {status}\nretryable = false\ncategory = \"misc\"\n\
             message = {{ en = \"Status {status}.\" }}\n{extra}"
        ));
        // flux-codes: allow-end
    }
    source
}

fn parse(source: &str) -> Catalog {
    parse_catalog(Path::new("codes.toml"), source).unwrap_or_else(|d| panic!("{}", d.render(false)))
}

#[test]
fn every_allowed_status_maps_to_the_documented_grpc_code() {
    let catalog = parse(&catalog_of(400..=599, ""));
    assert_eq!(catalog.codes().len(), 200);
    let json = CatalogJson::new(&catalog);
    for (code, exported) in catalog.codes().iter().zip(&json.codes) {
        let expected = documented(code.status());
        assert_eq!(code.grpc().name(), expected, "{}", code.code());
        assert_eq!(code.grpc(), GrpcCode::for_http_status(code.status()));
        assert_ne!(code.grpc(), GrpcCode::Ok);
        assert_eq!(exported.grpc, expected, "catalog.json of {}", code.code());
    }
    assert_eq!(json.domain.as_deref(), Some("test.example"));
}

#[test]
fn every_canonical_name_but_ok_overrides_the_derived_code() {
    for code in &GrpcCode::ALL[1..] {
        let catalog = parse(&catalog_of([409], &format!("grpc = \"{}\"\n", code.name())));
        assert_eq!(catalog.codes()[0].grpc(), *code);
    }
    // An override equal to the derived code is accepted too.
    let catalog = parse(&catalog_of([404], "grpc = \"NOT_FOUND\"\n"));
    assert_eq!(catalog.codes()[0].grpc(), GrpcCode::NotFound);
}

/// The real catalog's one override, as codes.toml spells it (the generator has no `ErrorCode`).
const OVERRIDDEN: &str = "ERR_REFERENCE_ALREADY_EXISTS"; // flux-codes: allow

#[test]
fn the_overrides_and_the_domain_of_the_real_catalog() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../codes.toml");
    let catalog = flux_codes_gen::load_catalog(&path).unwrap();
    assert_eq!(catalog.domain(), Some("flux.example"));
    for code in catalog.codes() {
        let expected = if code.code() == OVERRIDDEN {
            GrpcCode::AlreadyExists
        } else {
            GrpcCode::for_http_status(code.status())
        };
        assert_eq!(code.grpc(), expected, "{}", code.code());
    }
}

#[test]
fn a_domain_is_a_lowercase_dns_like_name() {
    for good in [
        "flux.example",
        "payments.flux.example",
        "a1.b-2.c",
        "pubsub.googleapis.com",
    ] {
        let source = catalog_of([400], "").replace("test.example", good);
        assert_eq!(parse(&source).domain(), Some(good));
    }
    let long_label = format!("{}.example", "a".repeat(64));
    let long_name = format!("{}.example", vec!["a".repeat(60); 5].join("."));
    for bad in [
        "flux",
        "Flux.Example",
        "flux..example",
        "-flux.example",
        "flux-.example",
        "flux_pay.example",
        "flux.example.",
        " flux.example",
        &long_label,
        &long_name,
    ] {
        let source = catalog_of([400], "").replace("test.example", bad);
        let diags = parse_catalog(Path::new("codes.toml"), &source).unwrap_err();
        let rendered = diags.render(false);
        assert!(
            rendered.contains("is not a valid error domain") && rendered.contains("codes.toml:5:"),
            "{bad:?}: {rendered}"
        );
    }
}

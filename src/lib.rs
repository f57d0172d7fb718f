#![doc = include_str!("../README.md")]
#![doc = include_str!(concat!(env!("OUT_DIR"), "/flux_codes.md"))]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

// The derive's and `catalog!`'s expansions name `::flux_codes`, in this crate too.
extern crate self as flux_codes;

mod api_error;
/// The shape of a code string, the generator's own definition (copied by `build.rs`).
#[allow(dead_code)] // `CODE_PATTERN` is for the generator's JSON Schemas
mod code_shape {
    include!(concat!(env!("OUT_DIR"), "/code_shape.rs"));
}
#[cfg(feature = "axum")]
pub mod axum;
pub mod client;
mod derive_support;
mod from_flux_error;
#[cfg(feature = "http")]
mod http;
pub mod negotiate;
mod runtime;
mod string_enum;

pub use api_error::{
    ApiError, ExtensionError, MAX_EXTENSION_NAME, PROBLEM_JSON, Problem, RESERVED_MEMBERS,
};
pub use flux_codes_derive::{FluxError, catalog};
pub use runtime::{ParseError, ParseErrorKind};

include!(concat!(env!("OUT_DIR"), "/flux_codes.rs"));

/// The whole catalog as JSON, generated at build time: byte for byte what
/// `flux-codes export --format json` writes as `catalog.json` (its JSON Schema is
/// `catalog.schema.json`), so a service can serve `/errors.json` without the CLI.
pub const CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));

/// What generated catalog code and `#[derive(FluxError)]` use; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::__string_enum_impls as string_enum_impls;
    pub use crate::derive_support::{
        MaybeParam, Message, contains, detail_conflict, unfilled_placeholder, unknown_param,
    };
    pub use crate::negotiate::negotiate;
    pub use crate::runtime::{ListTable, ParseError, TextTable, deserialize_str, render_template};
    pub use serde;
    pub use strum;
}

//! What build time and run time of [flux-codes](https://github.com/flux/flux-codes) share: the
//! generator (`flux-codes-gen`) and the code it generates both call this crate, so a fact has
//! one definition on both sides.
//!
//! - [`message`]: the parts of a parsed ICU MessageFormat message ([`Part`], plural keys typed
//!   as [`PluralCategory`]) and their renderer, with ICU4X's CLDR plural rules and number
//!   formatting ([`render`], [`LocaleData`]);
//! - [`param`]: what a param holds ([`ParamKind`]) and the values that fill one ([`DetailArg`],
//!   [`Value`], [`ParamValue`], [`Decimal`]);
//! - [`negotiate`] and [`locale_match`]: `Accept-Language` negotiation over a catalog's
//!   locales, and the CLDR table it reads (computed by the generator, embedded in generated
//!   code and in the npm package);
//! - [`code_shape`], [`hash`] (the generated `from_code` lookup's hash), [`http`] (RFC 9110
//!   reason phrases) and [`grpc`] (the HTTP-to-gRPC status mapping);
//! - [`naming`] (the Rust names of codes, locales and categories) and [`suggest`] ("did you
//!   mean"), which `#[derive(FluxError)]` shares with the generator.
//!
//! The first four need the default feature `icu` (ICU4X and serde); the rest need nothing,
//! which is all the derive compiles (`default-features = false`): a service then builds no
//! ICU4X for the host.
//!
//! A service uses these through `flux-codes`, which re-exports what it needs.
//!
//! ```
//! # #[cfg(feature = "icu")] {
//! use flux_codes_core::{LocaleData, Part, render};
//!
//! let parts = [Part::Text("The maximum is "), Part::Number { name: "max", integer: false }, Part::Text(".")];
//! let es = LocaleData::new("es");
//! assert_eq!(render(&parts, &es, &[("max", &12345.5)]), "The maximum is 12.345,5.");
//! # }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod code_shape;
pub mod grpc;
pub mod hash;
pub mod http;
#[cfg(feature = "icu")]
pub mod locale_match;
#[cfg(feature = "icu")]
pub mod message;
pub mod naming;
#[cfg(feature = "icu")]
pub mod negotiate;
#[cfg(feature = "icu")]
pub mod param;
pub mod suggest;

pub use grpc::GrpcCode;
#[cfg(feature = "icu")]
pub use message::{LocaleData, Part, Parts, PluralCategory, PluralKey, render};
#[cfg(feature = "icu")]
pub use param::{Decimal, DecimalError, DetailArg, ParamKind, ParamValue, Value};

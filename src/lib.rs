#![doc = include_str!("../README.md")]
#![doc = include_str!(concat!(env!("OUT_DIR"), "/flux_codes.md"))]

mod runtime;

pub use runtime::ParseError;

include!(concat!(env!("OUT_DIR"), "/flux_codes.rs"));

/// What generated catalog code uses; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::runtime::{ParseError, deserialize_str, render_template};
    pub use serde;
    pub use strum;
}

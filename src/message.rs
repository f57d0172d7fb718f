//! Checking a code's detail arguments against its params: [`DetailError`] and [`check_args`]
//! (rendering and the values themselves are `flux-codes-core`'s).

use core::fmt;

use crate::{DetailArg, ParamKind};

/// Why a code's detail could not be rendered ([`ErrorCode::detail`](crate::ErrorCode::detail)):
/// the arguments do not match the code's params. A detail is never rendered with a
/// `{placeholder}` left in it, nor with a value that cannot fill its param.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DetailError {
    /// The code has no detail template.
    NoDetail { code: &'static str },
    /// A param of the code's detail has no value.
    Missing {
        code: &'static str,
        param: &'static str,
    },
    /// An argument names no param of the code (kept: at most 64 bytes of the name).
    Unknown { code: &'static str, param: String },
    /// The value cannot fill the param: text that is no number for a `number` or plural param.
    WrongKind {
        code: &'static str,
        param: &'static str,
        kind: ParamKind,
    },
}

impl DetailError {
    /// The code's wire string.
    pub fn code(&self) -> &'static str {
        match self {
            DetailError::NoDetail { code }
            | DetailError::Missing { code, .. }
            | DetailError::Unknown { code, .. }
            | DetailError::WrongKind { code, .. } => code,
        }
    }

    /// The param at fault (none for [`DetailError::NoDetail`]).
    pub fn param(&self) -> Option<&str> {
        match self {
            DetailError::NoDetail { .. } => None,
            DetailError::Missing { param, .. } | DetailError::WrongKind { param, .. } => {
                Some(param)
            }
            DetailError::Unknown { param, .. } => Some(param),
        }
    }
}

impl fmt::Display for DetailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DetailError::NoDetail { code } => write!(f, "{code} has no detail"),
            DetailError::Missing { code, param } => {
                write!(
                    f,
                    "the detail of {code} needs the param `{param}`, which has no value"
                )
            }
            DetailError::Unknown { code, param } => {
                write!(f, "{code} has no param `{}`", param.escape_debug())
            }
            DetailError::WrongKind { code, param, kind } => write!(
                f,
                "the param `{param}` of {code} is a {kind}, and its value is not a number"
            ),
        }
    }
}

impl std::error::Error for DetailError {}

/// The longest part of an unknown param's name a [`DetailError`] keeps, in bytes.
const MAX_KEPT_NAME: usize = 64;

/// At most [`MAX_KEPT_NAME`] bytes of `s`, cut at a character boundary.
pub(crate) fn kept_name(s: &str) -> String {
    crate::runtime::char_prefix(s, MAX_KEPT_NAME).to_owned()
}

/// Checks `args` against a code's `params` and their `kinds`: an argument the code does not
/// have first (a misspelling names its intent there), then a value of the wrong kind, then a
/// param without a value. The one check both `ErrorCode::detail` and `ApiError` apply.
pub fn check_args(
    code: &'static str,
    params: &'static [&'static str],
    kinds: &'static [ParamKind],
    args: &[(&str, &dyn DetailArg)],
) -> Result<(), DetailError> {
    for (name, value) in args {
        let Some(index) = params.iter().position(|p| p == name) else {
            return Err(DetailError::Unknown {
                code,
                param: kept_name(name),
            });
        };
        if !kinds[index].accepts(*value) {
            return Err(DetailError::WrongKind {
                code,
                param: params[index],
                kind: kinds[index],
            });
        }
    }
    match params.iter().find(|p| !args.iter().any(|(n, _)| n == *p)) {
        Some(param) => Err(DetailError::Missing { code, param }),
        None => Ok(()),
    }
}

/// The detail of a typed error (`errors::X::detail`): its fields are the code's params by name
/// and kind, so [`check_args`] accepts them by construction.
pub fn typed_detail(detail: Result<String, DetailError>) -> String {
    match detail {
        Ok(detail) => detail,
        Err(error) => unreachable!("a typed error's fields fill its detail: {error}"),
    }
}

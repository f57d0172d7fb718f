//! [`RemoteError::from_status`]: a gRPC error, from this catalog's services or any other, as a
//! [`RemoteError`].

use ::tonic::{Code as GrpcCode, Status};
use tonic_types::{ErrorDetails, StatusExt};

use crate::client::{Body, Code, GrpcBody, MAX_BODY_BYTES, RemoteError, RetryAfter};
use crate::tonic::DOMAIN;

impl RemoteError {
    /// Reads a gRPC error (AIP-193's rich error model). Never fails: the least it yields is the
    /// gRPC code and message.
    ///
    /// - `ErrorInfo.reason` in this catalog's domain is the code, known or not (a newer
    ///   server's); in another domain (another service's error) it is kept as
    ///   [`Code::Unknown`], with its [`domain`](RemoteError::domain). A reason without the
    ///   catalog's shape is no code, and is kept as [`reason`](RemoteError::reason).
    /// - `ErrorInfo.metadata` gives the [`params`](RemoteError::params); `LocalizedMessage`,
    ///   `Help` and `RetryInfo`'s delay (as [`RetryAfter::Delay`]) are kept.
    /// - Retryable: the catalog's answer for a known code, else whether `RetryInfo` is present,
    ///   else the gRPC code's (`UNAVAILABLE`, `DEADLINE_EXCEEDED`, `RESOURCE_EXHAUSTED` and
    ///   `ABORTED` are).
    ///
    /// The details are untrusted input: details over [`MAX_BODY_BYTES`] are not decoded.
    pub fn from_status(status: &Status) -> RemoteError {
        let details = if status.details().len() <= MAX_BODY_BYTES {
            status.get_error_details()
        } else {
            ErrorDetails::default()
        };
        let info = details.error_info();
        let code = info.and_then(|info| {
            if info.domain == DOMAIN {
                Code::parse(&info.reason)
            } else {
                Code::unknown(&info.reason)
            }
        });
        let retry_info = details.retry_info();
        let retryable = match &code {
            Some(Code::Known(code)) => code.is_retryable(),
            _ => retry_info.is_some() || is_retryable(status.code()),
        };
        let http_status = match &code {
            Some(Code::Known(code)) => code.http_status(),
            _ => http_status(status.code()),
        };
        let mut params: Vec<(String, String)> = info
            .map(|info| info.metadata.clone().into_iter().collect())
            .unwrap_or_default();
        params.sort_by(|(a, _), (b, _)| {
            let declared = |name: &str| match &code {
                Some(Code::Known(code)) => code.params().iter().position(|p| *p == name),
                _ => None,
            };
            // Declared params first, in the code's order; then the rest by key.
            let (a_at, b_at) = (declared(a), declared(b));
            (a_at.is_none(), a_at, a).cmp(&(b_at.is_none(), b_at, b))
        });
        let grpc = GrpcBody {
            grpc_code: status.code() as i32,
            message: status.message().to_owned(),
            reason: info.map(|info| info.reason.clone()),
            domain: info.map(|info| info.domain.clone()),
            params,
            localized: details
                .localized_message()
                .map(|l| (l.locale.clone(), l.message.clone())),
            help: details
                .help()
                .map(|help| {
                    help.links
                        .iter()
                        .map(|link| (link.description.clone(), link.url.clone()))
                        .collect()
                })
                .unwrap_or_default(),
        };
        RemoteError {
            status: http_status,
            code,
            retryable,
            retry_after: retry_info
                .and_then(|r| r.retry_delay)
                .map(RetryAfter::Delay),
            body: Body::Grpc(Box::new(grpc)),
        }
    }

    /// A gRPC error's status code.
    pub fn grpc_code(&self) -> Option<GrpcCode> {
        self.grpc().map(|g| GrpcCode::from_i32(g.grpc_code))
    }

    /// Whether this is a gRPC error ([`RemoteError::from_status`]).
    pub fn is_grpc(&self) -> bool {
        matches!(self.body, Body::Grpc(_))
    }

    /// A gRPC error's status message (in the server's default language, for developers).
    pub fn grpc_message(&self) -> Option<&str> {
        self.grpc().map(|g| g.message.as_str())
    }

    /// A gRPC error's `ErrorInfo.reason` as sent, whatever its shape (see [`RemoteError::code`]
    /// for it as a code).
    pub fn reason(&self) -> Option<&str> {
        self.grpc()?.reason.as_deref()
    }

    /// A gRPC error's `ErrorInfo.domain`: a code is this catalog's only in its domain.
    pub fn domain(&self) -> Option<&str> {
        self.grpc()?.domain.as_deref()
    }

    /// A gRPC error's `LocalizedMessage`: its locale tag and message.
    pub fn localized_message(&self) -> Option<(&str, &str)> {
        let (locale, message) = self.grpc()?.localized.as_ref()?;
        Some((locale, message))
    }

    /// A gRPC error's `Help` links: description and URL.
    pub fn help_links(&self) -> impl Iterator<Item = (&str, &str)> {
        self.grpc()
            .into_iter()
            .flat_map(|g| g.help.iter().map(|(d, u)| (d.as_str(), u.as_str())))
    }

    fn grpc(&self) -> Option<&GrpcBody> {
        match &self.body {
            Body::Grpc(g) => Some(g),
            _ => None,
        }
    }
}

impl From<&Status> for RemoteError {
    fn from(status: &Status) -> RemoteError {
        RemoteError::from_status(status)
    }
}

/// The gRPC codes whose calls may be retried unchanged (gRPC's and AIP-194's advice).
fn is_retryable(code: GrpcCode) -> bool {
    matches!(
        code,
        GrpcCode::Unavailable
            | GrpcCode::DeadlineExceeded
            | GrpcCode::ResourceExhausted
            | GrpcCode::Aborted
    )
}

/// The HTTP status of a gRPC code, as `google/rpc/code.proto` maps each one.
fn http_status(code: GrpcCode) -> u16 {
    match code {
        GrpcCode::Ok => 200,
        GrpcCode::Cancelled => 499,
        GrpcCode::InvalidArgument | GrpcCode::FailedPrecondition | GrpcCode::OutOfRange => 400,
        GrpcCode::DeadlineExceeded => 504,
        GrpcCode::NotFound => 404,
        GrpcCode::AlreadyExists | GrpcCode::Aborted => 409,
        GrpcCode::PermissionDenied => 403,
        GrpcCode::ResourceExhausted => 429,
        GrpcCode::Unimplemented => 501,
        GrpcCode::Unavailable => 503,
        GrpcCode::Unauthenticated => 401,
        GrpcCode::Unknown | GrpcCode::Internal | GrpcCode::DataLoss => 500,
    }
}

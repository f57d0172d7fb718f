//! An [`ApiError`] as a `tonic::Status` with AIP-193's error details.

use std::collections::BTreeMap;
use std::sync::Arc;

use ::tonic::Status;
use prost::Message;
use prost_types::Any;
use tonic_types::pb;

use crate::tonic::DOMAIN;
use crate::{ApiError, Locale, Problem};

/// `google.rpc.ErrorInfo`, with its metadata ordered by key: the details of one error encode
/// to the same bytes every time (tonic-types' own `ErrorInfo` holds a `HashMap`).
#[derive(Clone, PartialEq, Message)]
struct ErrorInfo {
    #[prost(string, tag = "1")]
    reason: String,
    #[prost(string, tag = "2")]
    domain: String,
    #[prost(btree_map = "string, string", tag = "3")]
    metadata: BTreeMap<String, String>,
}

impl ApiError {
    /// The gRPC status in `locale` (AIP-193): the code's gRPC status code, the message in the
    /// default locale (for developers and logs, as AIP-193 asks), and as details `ErrorInfo`
    /// (`reason`: the code string, `domain`: the catalog's, `metadata`: the params),
    /// `LocalizedMessage` in `locale`, `RetryInfo` when the code is retryable (with the delay of
    /// [`ApiError::retry_after`], if set) and `Help` when the code has a docs page.
    ///
    /// A message is the code's message followed by the detail, if any. Extension members and the
    /// occurrence URI belong to HTTP's problem details and are not sent; the internal cause is
    /// never sent.
    ///
    /// This is answering the error: with the `tracing` feature it emits the one event that
    /// [`ApiError::to_problem`] emits over HTTP.
    pub fn to_status(&self, locale: Locale) -> Status {
        crate::answered::answered(self);
        self.status_in(locale)
    }

    /// [`ApiError::to_status`] without the event: for re-rendering an answer in another locale.
    pub(crate) fn status_in(&self, locale: Locale) -> Status {
        let code = self.code().tonic_code();
        let message = sentence(&self.problem(Locale::DEFAULT));
        let localized = if locale == Locale::DEFAULT {
            message.clone()
        } else {
            sentence(&self.problem(locale))
        };
        let mut details = vec![
            any(
                tonic_types::ErrorInfo::TYPE_URL,
                &ErrorInfo {
                    reason: self.code().as_str().to_owned(),
                    domain: DOMAIN.to_owned(),
                    metadata: self
                        .params()
                        .map(|(name, value)| (name.to_owned(), value.to_string()))
                        .collect(),
                },
            ),
            any(
                tonic_types::LocalizedMessage::TYPE_URL,
                &pb::LocalizedMessage {
                    locale: locale.as_str().to_owned(),
                    message: localized,
                },
            ),
        ];
        if self.code().is_retryable() {
            let retry_delay = self.retry_after_delay().map(|delay| {
                let delay = delay.min(tonic_types::RetryInfo::MAX_RETRY_DELAY);
                // Within `MAX_RETRY_DELAY`, every delay is a valid protobuf Duration.
                prost_types::Duration::try_from(delay).unwrap_or_default()
            });
            details.push(any(
                tonic_types::RetryInfo::TYPE_URL,
                &pb::RetryInfo { retry_delay },
            ));
        }
        if let Some(url) = self.code().docs_url() {
            details.push(any(
                tonic_types::Help::TYPE_URL,
                &pb::Help {
                    links: vec![pb::help::Link {
                        description: self.code().as_str().to_owned(),
                        url: url.to_owned(),
                    }],
                },
            ));
        }
        let status = pb::Status {
            code: code as i32,
            message: message.clone(),
            details,
        };
        Status::with_details(code, message, status.encode_to_vec().into())
    }
}

/// The status in the default locale, keeping the error as its source: [`super::LocalizeLayer`]
/// renders it again in the locale each request negotiates.
impl From<ApiError> for Status {
    fn from(error: ApiError) -> Status {
        let mut status = error.to_status(Locale::DEFAULT);
        status.set_source(Arc::new(error));
        status
    }
}

/// The code's message, then the detail if there is one.
fn sentence(problem: &Problem<'_>) -> String {
    match problem.detail() {
        Some(detail) => format!("{} {detail}", problem.title()),
        None => problem.title().to_owned(),
    }
}

fn any(type_url: &str, message: &impl Message) -> Any {
    Any {
        type_url: type_url.to_owned(),
        value: message.encode_to_vec(),
    }
}

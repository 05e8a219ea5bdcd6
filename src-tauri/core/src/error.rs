//! The error type of core and the typed value the UI receives.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

/// Everything that can go wrong in core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input the user can fix, tied to the form field at fault when there is one.
    #[error("{message}")]
    Validation {
        /// Name of the form field at fault, as the UI names it.
        field: Option<String>,
        /// What is wrong and how to fix it.
        message: String,
        /// Catalog key of the message and its values, so the UI can say it in the user's
        /// language (`message` is the English fallback).
        key: Option<Box<MessageKey>>,
    },
    /// The user must sign in (again) before this can work.
    #[error("{0}")]
    SignedOut(crate::messages::Said),
    /// Zoom could not be reached.
    #[error("could not reach Zoom: {0}")]
    Network(String),
    /// Zoom answered with an error of its own.
    #[error("Zoom error {code}: {message}")]
    Zoom {
        /// HTTP status of the answer.
        status: u16,
        /// Zoom's error code (e.g. 300, 3001).
        code: i64,
        /// Zoom's message, kept as Zoom wrote it.
        message: String,
    },
    /// A create whose answer never came and whose meeting could not be found: it may exist.
    #[error("Zoom did not confirm the new meeting ({0}); it may have been created")]
    Unconfirmed(String),
    /// Zoom asked us to slow down and the wait is too long to hide from the user.
    #[error("Zoom's rate limit was reached; try again after {retry_after}")]
    RateLimited {
        /// When the limit lifts, as Zoom said it.
        retry_after: String,
    },
    /// Something was looked for and is not there.
    #[error("{0} was not found")]
    NotFound(String),
    /// Settings are missing or wrong.
    #[error("{0}")]
    Config(crate::messages::Said),
    /// Reading or writing local files or the cache failed.
    #[error("storage: {0}")]
    Storage(String),
    /// A bug: something that should not happen.
    #[error("internal error: {0}")]
    Internal(String),
}

/// A message-catalog key with the values of its placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageKey {
    /// Key under `errors.` in the UI's catalog, e.g. `passcode.tooLong`.
    pub code: &'static str,
    /// Placeholder values, e.g. `max` = `10`.
    pub params: BTreeMap<&'static str, String>,
}

/// Broad class of an error, so the UI can choose where and how to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorKind {
    /// Bad input: shown next to the field.
    Validation,
    /// Signed out or the sign-in expired.
    SignedOut,
    /// Zoom unreachable: offline banner.
    Network,
    /// Zoom refused the request.
    Zoom,
    /// Rate limited for a long time.
    RateLimited,
    /// A change Zoom may or may not have made: check before trying again.
    Unconfirmed,
    /// Missing meeting, recording, etc.
    NotFound,
    /// Settings missing or wrong.
    Config,
    /// Local storage failure.
    Storage,
    /// A bug.
    Internal,
}

/// The error as the UI receives it: a kind, a message for people, and the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UiError {
    /// Broad class of the error.
    pub kind: ErrorKind,
    /// A sentence the user can act on.
    pub message: String,
    /// The form field at fault, when there is one.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Catalog key (under `errors.`) for `message`, when there is one.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Values for the key's placeholders.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<BTreeMap<String, String>>,
}

impl Error {
    /// A validation error tied to a form field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation {
            field: Some(field.into()),
            message: message.into(),
            key: None,
        }
    }

    /// Names the catalog key of a validation message (no effect on other errors).
    pub fn key(mut self, code: crate::messages::Key) -> Self {
        if let Error::Validation { key, .. } = &mut self {
            *key = Some(Box::new(MessageKey {
                code: code.as_str(),
                params: BTreeMap::new(),
            }));
        }
        self
    }

    /// Gives a value to a placeholder of the message's key (after [`Error::key`]).
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        if let Error::Validation { key: Some(k), .. } = &mut self {
            k.params.insert(name, value.to_string());
        }
        self
    }

    /// The broad class of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Validation { .. } => ErrorKind::Validation,
            Error::SignedOut(_) => ErrorKind::SignedOut,
            Error::Network(_) => ErrorKind::Network,
            Error::Zoom { .. } => ErrorKind::Zoom,
            Error::RateLimited { .. } => ErrorKind::RateLimited,
            Error::Unconfirmed(_) => ErrorKind::Unconfirmed,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Config(_) => ErrorKind::Config,
            Error::Storage(_) => ErrorKind::Storage,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// The key of this error's message in the UI's catalog (under `errors.`), if it has one.
    /// Zoom's own messages have none: they are shown as Zoom wrote them.
    pub fn message_key(&self) -> Option<&'static str> {
        use crate::messages;
        match self {
            Error::Validation { key, .. } => key.as_ref().map(|k| k.code),
            Error::SignedOut(said) | Error::Config(said) => said.key,
            Error::Network(_) => Some(messages::NETWORK.key),
            Error::RateLimited { .. } => Some(messages::RATE_LIMITED.key),
            Error::Unconfirmed(_) => Some(messages::UNCONFIRMED_CREATE.key),
            Error::NotFound(_) => Some(messages::NOT_FOUND.key),
            Error::Storage(_) => Some(messages::STORAGE.key),
            Error::Internal(_) => Some(messages::INTERNAL.key),
            Error::Zoom { .. } => None,
        }
    }

    /// The form field at fault, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Validation { field, .. } => field.as_deref(),
            _ => None,
        }
    }
}

impl From<&Error> for UiError {
    fn from(err: &Error) -> Self {
        UiError {
            kind: err.kind(),
            // Messages may carry text from the network: scrub secrets before they leave core.
            message: crate::redact::redact_text(&err.to_string()),
            field: err.field().map(str::to_owned),
            code: err.message_key().map(str::to_string),
            params: match err {
                Error::RateLimited { retry_after } => {
                    Some(BTreeMap::from([("time".to_string(), retry_after.clone())]))
                }
                Error::Validation { key: Some(k), .. } if !k.params.is_empty() => Some(
                    k.params
                        .iter()
                        .map(|(n, v)| ((*n).to_string(), crate::redact::redact_text(v)))
                        .collect(),
                ),
                _ => None,
            },
        }
    }
}

impl From<Error> for UiError {
    fn from(err: Error) -> Self {
        UiError::from(&err)
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::Storage(err.to_string())
    }
}

/// Result with core's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_error_reaches_the_ui_with_its_field() {
        let err = Error::invalid("passcode", "A passcode has at most 10 characters.");
        let json = serde_json::to_value(UiError::from(err)).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({
                "kind": "validation",
                "message": "A passcode has at most 10 characters.",
                "field": "passcode"
            })
        );
    }

    #[test]
    fn a_keyed_validation_error_carries_its_catalog_key_and_values() {
        let err = Error::invalid("passcode", "A passcode has at most 10 characters.")
            .key(crate::messages::Key::PasscodeTooLong)
            .arg("max", 10);
        let json = serde_json::to_value(UiError::from(err)).expect("serializes");
        assert_eq!(json["code"], "passcode.tooLong");
        assert_eq!(json["params"], serde_json::json!({"max": "10"}));
        assert_eq!(json["message"], "A passcode has at most 10 characters.");
        let not_validation = Error::Network("down".into())
            .key(crate::messages::Key::TimePast)
            .arg("y", 1);
        assert_eq!(
            UiError::from(not_validation).code.as_deref(),
            Some("network")
        );
        let zoom = Error::Zoom {
            status: 409,
            code: 3000,
            message: "Cannot access".into(),
        };
        assert_eq!(
            UiError::from(zoom).code,
            None,
            "Zoom's own words stay as they are"
        );
        let limited = UiError::from(Error::RateLimited {
            retry_after: "2026-11-30 00:00 UTC".into(),
        });
        assert_eq!(limited.code.as_deref(), Some("rateLimited"));
        assert_eq!(
            limited
                .params
                .and_then(|p| p.get("time").cloned())
                .as_deref(),
            Some("2026-11-30 00:00 UTC")
        );
    }

    #[test]
    fn errors_without_a_field_omit_it() {
        let err = Error::Zoom {
            status: 404,
            code: 3001,
            message: "Meeting does not exist: 123.".into(),
        };
        let json = serde_json::to_value(UiError::from(err)).expect("serializes");
        assert_eq!(json["kind"], "zoom");
        assert_eq!(
            json["message"],
            "Zoom error 3001: Meeting does not exist: 123."
        );
        assert!(json.get("field").is_none());
    }

    #[test]
    fn secrets_in_messages_are_redacted_before_reaching_the_ui() {
        let err = Error::Network(
            "error sending request for url (https://zoom.us/s/1?zak=eyJabc.def.ghi)".into(),
        );
        let ui = UiError::from(err);
        assert!(!ui.message.contains("eyJabc"), "{}", ui.message);
        assert_eq!(ui.kind, ErrorKind::Network);
    }
}

//! Zoom's error bodies: `{code, message}` (plus `errors[]` for validation failures).

use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// One failed field in a validation error.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    /// A field error.
    pub(crate) fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// An API error answered in Zoom's shape.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub code: i64,
    pub message: String,
    pub errors: Vec<FieldError>,
    pub headers: Vec<(HeaderName, String)>,
}

#[derive(Serialize)]
struct Body<'a> {
    code: i64,
    message: &'a str,
    #[serde(skip_serializing_if = "<[FieldError]>::is_empty")]
    errors: &'a [FieldError],
}

impl ApiError {
    /// An error with a status, a Zoom code and a message.
    pub(crate) fn new(status: StatusCode, code: i64, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            errors: Vec::new(),
            headers: Vec::new(),
        }
    }

    /// 401 / 124: a missing, invalid, expired or misplaced access token.
    pub(crate) fn invalid_token(message: &str) -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, 124, message)
    }

    /// 400 / 300 with the failed fields.
    pub(crate) fn validation(errors: Vec<FieldError>) -> Self {
        let mut e = ApiError::new(StatusCode::BAD_REQUEST, 300, "Validation Failed.");
        e.errors = errors;
        e
    }

    /// 400 / 300 with just a message.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, 300, message)
    }

    /// 404 / 3001: the meeting does not exist.
    pub(crate) fn meeting_not_found(id: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            3001,
            format!("Meeting does not exist: {id}."),
        )
    }

    /// 404 / 1001: the user does not exist.
    pub(crate) fn user_not_found(id: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            1001,
            format!("User does not exist: {id}."),
        )
    }

    /// 403 / 4700: the token lacks the operation's scopes.
    pub(crate) fn missing_scope(scopes: &[&str]) -> Self {
        ApiError::new(
            StatusCode::FORBIDDEN,
            4700,
            format!(
                "Invalid access token, does not contain scopes:[{}].",
                scopes.join(", ")
            ),
        )
    }

    /// Adds a response header.
    pub(crate) fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers
            .push((HeaderName::from_static(name), value.into()));
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            code: self.code,
            message: &self.message,
            errors: &self.errors,
        };
        let mut resp = (self.status, Json(body)).into_response();
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                resp.headers_mut().insert(name, v);
            }
        }
        resp
    }
}

/// An error from the OAuth token/revoke endpoints: `{"reason": ..., "error": ...}`.
#[derive(Debug, Clone)]
pub(crate) struct OAuthError {
    pub status: StatusCode,
    pub error: &'static str,
    pub reason: String,
}

impl OAuthError {
    /// 400 `invalid_grant`.
    pub(crate) fn invalid_grant(reason: impl Into<String>) -> Self {
        OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_grant",
            reason: reason.into(),
        }
    }

    /// 400 `invalid_request`.
    pub(crate) fn invalid_request(reason: impl Into<String>) -> Self {
        OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_request",
            reason: reason.into(),
        }
    }

    /// 401 `invalid_client`.
    pub(crate) fn invalid_client() -> Self {
        OAuthError {
            status: StatusCode::UNAUTHORIZED,
            error: "invalid_client",
            reason: "Invalid client_id or client_secret".to_string(),
        }
    }

    /// 400 `unsupported_grant_type`.
    pub(crate) fn unsupported_grant() -> Self {
        OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "unsupported_grant_type",
            reason: "unsupported grant type".to_string(),
        }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "reason": self.reason, "error": self.error });
        (self.status, Json(body)).into_response()
    }
}

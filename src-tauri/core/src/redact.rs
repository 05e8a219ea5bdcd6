//! Scrubs secrets (tokens, codes, `start_url`s, passcodes) out of text before it is logged or shown.
//!
//! Every log line passes through [`redact_text`] (see [`crate::logging`]), and so does every
//! error message that reaches the UI. Code should still avoid formatting secrets at all and
//! wrap them in [`Secret`]; this is the net under that rule.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

/// What replaces a secret.
pub const REDACTED: &str = "[redacted]";

/// Names of fields and query parameters whose values are secret.
const SECRET_KEYS: &str = "access_token|refresh_token|id_token|token|code|code_verifier|client_secret|zak|pwd|password|passcode|h323_password|pstn_password|encrypted_password|start_url|state";

// Host start links carry the host's ZAK in a path of the form /s/{meeting id}.
static START_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)https?://[^\s"'<>]*?/s/\d+[^\s"'<>]*"#).expect("valid start url pattern")
});
static AUTH_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+").expect("valid auth pattern")
});
static QUOTED_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)("?\b(?:{SECRET_KEYS})\b"?\s*[:=]\s*)"(?:[^"\\]|\\.)*""#
    ))
    .expect("valid field pattern")
});
static QUERY_PARAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)(^|[?&\s;,(])((?:{SECRET_KEYS})=)[^&#\s"';,)]*"#
    ))
    .expect("valid query pattern")
});
// Zoom's tokens are JWTs; catch one wherever it appears on its own.
static JWT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
        .expect("valid jwt pattern")
});

/// Returns `text` with every secret it recognises replaced by `[redacted]`.
pub fn redact_text(text: &str) -> String {
    let text = START_URL.replace_all(text, "[start_url redacted]");
    let text = AUTH_HEADER.replace_all(&text, format!("$1 {REDACTED}").as_str());
    let text = QUOTED_FIELD.replace_all(&text, format!("${{1}}\"{REDACTED}\"").as_str());
    let text = QUERY_PARAM.replace_all(&text, format!("${{1}}${{2}}{REDACTED}").as_str());
    JWT.replace_all(&text, REDACTED).into_owned()
}

/// A value that must never be printed: `Debug` and `Display` show `[redacted]`.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    /// Wraps a secret value.
    pub fn new(value: T) -> Self {
        Secret(value)
    }

    /// The secret itself, for the one place that needs it (a header, the keychain).
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

// Serialized as the bare value: secrets travel to Zoom, the keychain and the UI that shows a
// passcode, but never through Debug or Display.
impl<T: serde::Serialize> serde::Serialize for Secret<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Secret<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Secret)
    }
}

impl<T> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Secret(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT_TOKEN: &str =
        "eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIn0.eyJhdWQiOiJodHRwczovL29hdXRoIn0.c2lnbmF0dXJl";

    #[test]
    fn start_urls_are_removed_whole() {
        let line = "opening https://us05web.zoom.us/s/81234567890?zak=abc.def&role=1 now";
        let out = redact_text(line);
        assert_eq!(out, "opening [start_url redacted] now");
    }

    #[test]
    fn join_urls_keep_their_meeting_id_but_lose_the_passcode() {
        let out = redact_text("join https://zoom.us/j/81234567890?pwd=Zk9hQ1 please");
        assert_eq!(
            out,
            "join https://zoom.us/j/81234567890?pwd=[redacted] please"
        );
    }

    #[test]
    fn authorization_headers_are_redacted() {
        let out = redact_text(&format!("Authorization: Bearer {JWT_TOKEN}"));
        assert_eq!(out, "Authorization: Bearer [redacted]");
        let out = redact_text("authorization: Basic em9vbWRlc2s6c2VjcmV0");
        assert_eq!(out, "authorization: Basic [redacted]");
    }

    #[test]
    fn oauth_redirects_and_token_bodies_are_redacted() {
        let out = redact_text("GET /callback?code=Xy12_ab&state=s7f3 HTTP/1.1");
        assert_eq!(
            out,
            "GET /callback?code=[redacted]&state=[redacted] HTTP/1.1"
        );
        let body = "grant_type=refresh_token&refresh_token=r3fr35h&client_id=zoomdesk-demo";
        let out = redact_text(body);
        assert_eq!(
            out,
            "grant_type=refresh_token&refresh_token=[redacted]&client_id=zoomdesk-demo"
        );
    }

    #[test]
    fn secret_json_fields_are_redacted_and_others_kept() {
        let json = r#"{"access_token":"abc","token_type":"bearer","refresh_token": "def","expires_in":3599,"password":"p@ss\"w","topic":"Standup","code":124}"#;
        let out = redact_text(json);
        assert_eq!(
            out,
            r#"{"access_token":"[redacted]","token_type":"bearer","refresh_token": "[redacted]","expires_in":3599,"password":"[redacted]","topic":"Standup","code":124}"#
        );
    }

    #[test]
    fn rust_debug_output_of_secret_fields_is_redacted() {
        let out = redact_text(r#"Meeting { topic: "Retro", password: "123456", start_url: "x" }"#);
        assert_eq!(
            out,
            r#"Meeting { topic: "Retro", password: "[redacted]", start_url: "[redacted]" }"#
        );
    }

    #[test]
    fn bare_jwts_are_redacted() {
        let out = redact_text(&format!("token was {JWT_TOKEN}."));
        assert_eq!(out, "token was [redacted].");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let line = "synced 12 meetings in 340 ms; next poll at 10:05 (Europe/Madrid), code path ok";
        assert_eq!(redact_text(line), line);
    }

    #[test]
    fn secret_never_prints_its_value() {
        let s = Secret::new("hunter2".to_string());
        assert_eq!(format!("{s} {s:?}"), "[redacted] [redacted]");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn secret_serializes_as_its_value_for_the_wire() {
        let s: Secret<String> = serde_json::from_str(r#""abc""#).expect("parses");
        assert_eq!(s.expose(), "abc");
        assert_eq!(serde_json::to_string(&s).expect("serializes"), r#""abc""#);
    }
}

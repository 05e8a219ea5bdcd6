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

/// Names of fields and query parameters whose values are secret wherever they appear.
const SECRET_KEYS: &str = "access_token|refresh_token|id_token|token|code_verifier|client_secret|zak|pwd|password|passcode|h323_password|pstn_password|encrypted_password|start_url|download_token|download_access_token|recording_play_passcode|play_passcode";
/// Names secret only as URL or form parameters (`?code=`, `&state=`): as words or JSON fields
/// they are ordinary ("code": 124 is Zoom's error number, "sync state=idle" a log field).
const URL_KEYS: &str = "code|state";

// Host start links carry the host's ZAK in a path of the form /s/{meeting id}.
static START_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)https?://[^\s"'<>]*?/s/\d+[^\s"'<>]*"#).expect("valid start url pattern")
});
static AUTH_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(bearer|basic)\s+([A-Za-z0-9._~+/=-]+)").expect("valid auth pattern")
});
static QUOTED_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)("?\b(?:{SECRET_KEYS})\b"?\s*[:=]\s*)"(?:[^"\\]|\\.)*""#
    ))
    .expect("valid field pattern")
});
static QUERY_PARAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)(^|[?&\s;,('"\[])((?:{SECRET_KEYS})=)[^&#\s"';,)]*"#
    ))
    .expect("valid query pattern")
});
static URL_PARAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r#"(?i)(^|[?&])((?:{URL_KEYS})=)[^&#\s"';,)]*"#))
        .expect("valid url parameter pattern")
});
// A form body after a space ("body: code=...&redirect_uri=..."): an `&` follows the value.
static FORM_PARAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r#"(?i)(\s)((?:{URL_KEYS})=)[^&#\s"';,)]*(&)"#))
        .expect("valid form parameter pattern")
});
// Free text as invitations and messages write it: "Passcode: 123456".
static FREE_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(passcode|password)(\s*[:：]\s*)[^\s,;"'<>)]+"#)
        .expect("valid free text pattern")
});
// Zoom's tokens are JWTs; catch one wherever it appears on its own.
static JWT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
        .expect("valid jwt pattern")
});

/// Whether the word after "Bearer"/"Basic" is a credential rather than prose ("Basic users"):
/// long enough and not only letters.
fn looks_like_credential(word: &str) -> bool {
    word.len() >= 8 && word.bytes().any(|b| !b.is_ascii_alphabetic())
}

/// Returns `text` with every secret it recognises replaced by `[redacted]`.
pub fn redact_text(text: &str) -> String {
    let text = START_URL.replace_all(text, "[start_url redacted]");
    let text = AUTH_HEADER.replace_all(&text, |c: &regex::Captures<'_>| {
        if looks_like_credential(&c[2]) {
            format!("{} {REDACTED}", &c[1])
        } else {
            c[0].to_string()
        }
    });
    let text = QUOTED_FIELD.replace_all(&text, format!("${{1}}\"{REDACTED}\"").as_str());
    let text = QUERY_PARAM.replace_all(&text, format!("${{1}}${{2}}{REDACTED}").as_str());
    let text = URL_PARAM.replace_all(&text, format!("${{1}}${{2}}{REDACTED}").as_str());
    let text = FORM_PARAM.replace_all(&text, format!("${{1}}${{2}}{REDACTED}${{3}}").as_str());
    let text = FREE_TEXT.replace_all(&text, format!("${{1}}${{2}}{REDACTED}").as_str());
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

    /// Real-looking lines: each secret must go, and the lines after must stay as they are.
    #[test]
    fn a_corpus_of_log_lines_is_redacted_both_ways() {
        let must_go = [
            (
                r#"{"download_token":"dT0k3n-abc","topic":"All hands"}"#,
                "dT0k3n-abc",
            ),
            (
                r#""download_access_token": "eyJ0eXAiOiJKV1Q.abc.def""#,
                "eyJ0eXAiOiJKV1Q",
            ),
            (
                "GET /rec/download/x?download_access_token=Zq9tok HTTP/1.1",
                "Zq9tok",
            ),
            (
                "Meeting ID: 857 4606 5432
Passcode: 123456
",
                "123456",
            ),
            ("password: hunter2, please", "hunter2"),
            ("Contraseña de acceso passcode：987654", "987654"),
            (
                "redirect to http://127.0.0.1:4321/oauth/callback?code=AbC123&state=QwE456",
                "AbC123",
            ),
            (
                "redirect to http://127.0.0.1:4321/oauth/callback?code=AbC123&state=QwE456",
                "QwE456",
            ),
            ("body: code=AbC123&redirect_uri=x", "AbC123"),
            ("Authorization: Bearer abcdef.ghij-klm", "abcdef.ghij-klm"),
            (
                "authorization: Basic em9vbWRlc2s6c2VjcmV0MTIz",
                "em9vbWRlc2s6c2VjcmV0MTIz",
            ),
            ("panicked at 'token=r3fr35h_x' in session.rs", "r3fr35h_x"),
            (r#"recording_play_passcode="Pl4y!""#, "Pl4y!"),
        ];
        for (line, secret) in must_go {
            let out = redact_text(line);
            assert!(!out.contains(secret), "{secret} stays in {out:?}");
        }
        let must_stay = [
            "sync state=idle meetings=12",
            r#"{"code":124,"message":"Invalid access token."}"#,
            "Zoom answered code 3001: Meeting does not exist",
            "Basic users cannot record to the cloud",
            "Bearer tokens expire after an hour",
            "the state of the cache is fine",
            "Passcode must be 10 characters or fewer",
            "reminder shown meeting=85746065432 notice=Lead",
            "https://zoom.us/j/85746065432 is the join link",
        ];
        for line in must_stay {
            assert_eq!(redact_text(line), line);
        }
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

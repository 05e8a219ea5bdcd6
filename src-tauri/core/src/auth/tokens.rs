//! An access/refresh token pair and when it expires.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::redact::Secret;

/// Refresh this long before the access token expires, so no request races the expiry.
pub const REFRESH_MARGIN_SECONDS: i64 = 120;

/// What Zoom's token endpoint gave us, as kept in the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    /// Bearer token for the API (about an hour).
    pub access_token: Secret<String>,
    /// Single-use: each refresh returns a new one and the old one stops working.
    pub refresh_token: Secret<String>,
    /// When `access_token` expires.
    pub expires_at: DateTime<Utc>,
    /// Scopes Zoom granted.
    #[serde(default)]
    pub scopes: Vec<String>,
}

impl Tokens {
    /// True when the access token is expired or about to be at `now`.
    pub fn needs_refresh(&self, now: DateTime<Utc>) -> bool {
        now + Duration::seconds(REFRESH_MARGIN_SECONDS) >= self.expires_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_happens_shortly_before_expiry() {
        let now = Utc::now();
        let t = |secs| Tokens {
            access_token: Secret::new("a".into()),
            refresh_token: Secret::new("r".into()),
            expires_at: now + Duration::seconds(secs),
            scopes: vec![],
        };
        assert!(!t(3600).needs_refresh(now));
        assert!(t(60).needs_refresh(now));
        assert!(t(-1).needs_refresh(now));
        assert!(!format!("{:?}", t(1)).contains("\"a\""));
    }
}

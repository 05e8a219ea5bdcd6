//! Paging as Zoom does it: `page_size` (default 30, at most 300) and `next_page_token` (15 minutes).

use crate::errors::ApiError;
use crate::state::{PageCursor, State as SimState};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// Reads `page_size` (default 30, at most 300).
pub(crate) fn page_size(q: &HashMap<String, String>) -> Result<usize, ApiError> {
    match q.get("page_size") {
        None => Ok(30),
        Some(s) => match s.parse::<i64>() {
            Ok(n) if n >= 1 => Ok((n as usize).min(300)),
            Ok(_) => Ok(30),
            Err(_) => Err(ApiError::bad_request("Invalid field: page_size.")),
        },
    }
}

/// Resolves `next_page_token` to an offset for the same query.
pub(crate) fn page_offset(
    st: &SimState,
    q: &HashMap<String, String>,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    match q.get("next_page_token").filter(|t| !t.is_empty()) {
        None => Ok(0),
        Some(t) => st
            .page_tokens
            .get(t)
            .filter(|c| c.query == fingerprint && c.expires_at > now)
            .map(|c| c.offset)
            .ok_or_else(|| ApiError::bad_request("The next page token is invalid or expired.")),
    }
}

/// Issues a `next_page_token` when more items remain.
pub(crate) fn next_token(
    st: &mut SimState,
    fingerprint: &str,
    next: usize,
    total: usize,
    now: DateTime<Utc>,
) -> String {
    if next >= total {
        return String::new();
    }
    let token = st.token(32);
    st.page_tokens.insert(
        token.clone(),
        PageCursor {
            query: fingerprint.to_string(),
            offset: next,
            expires_at: now + Duration::minutes(15),
        },
    );
    token
}

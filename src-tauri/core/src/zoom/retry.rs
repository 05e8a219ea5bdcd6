//! When and how long to wait before trying again.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;

/// Most attempts of one request (the first one included).
pub const MAX_ATTEMPTS: u32 = 6;
/// Longest single wait.
pub const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// What a `Retry-After` header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryAfter {
    /// Wait this long.
    Delay(Duration),
    /// Wait until then (Zoom's daily limits give an ISO date).
    At(DateTime<Utc>),
}

/// Parses `Retry-After` as seconds or as a date (ISO 8601 or HTTP date).
pub fn parse_retry_after(value: &str) -> Option<RetryAfter> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(RetryAfter::Delay(Duration::from_secs(secs)));
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(RetryAfter::At(t.with_timezone(&Utc)));
    }
    DateTime::parse_from_rfc2822(v)
        .ok()
        .map(|t| RetryAfter::At(t.with_timezone(&Utc)))
}

/// Exponential backoff with full jitter: a random wait up to 250 ms × 2^attempt, capped.
pub fn backoff(attempt: u32) -> Duration {
    let ceiling = Duration::from_millis(250)
        .saturating_mul(1u32 << attempt.min(6))
        .min(MAX_BACKOFF);
    let ms = rand::rng().random_range(ceiling.as_millis() as u64 / 2..=ceiling.as_millis() as u64);
    Duration::from_millis(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(
            parse_retry_after("3"),
            Some(RetryAfter::Delay(Duration::from_secs(3)))
        );
        assert_eq!(
            parse_retry_after("2026-11-30T00:00:00Z"),
            Some(RetryAfter::At(
                DateTime::parse_from_rfc3339("2026-11-30T00:00:00Z")
                    .expect("t")
                    .with_timezone(&Utc)
            ))
        );
        assert!(matches!(
            parse_retry_after("Mon, 30 Nov 2026 00:00:00 GMT"),
            Some(RetryAfter::At(_))
        ));
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        for attempt in 0..20 {
            let d = backoff(attempt);
            assert!(d <= MAX_BACKOFF);
            assert!(d >= Duration::from_millis(125));
        }
        assert!(backoff(5) >= Duration::from_millis(4000));
    }
}

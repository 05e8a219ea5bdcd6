//! The request rate limit shared by every caller (55 requests a second by default).

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter as Gcra};

/// A shared limiter: requests are spaced evenly so no one-second window holds more than the
/// configured number.
#[derive(Clone)]
pub struct RateLimiter {
    inner: Arc<DefaultDirectRateLimiter>,
    per_second: u32,
}

impl RateLimiter {
    /// At most `per_second` requests in any second (0 is taken as 1).
    pub fn per_second(per_second: u32) -> Self {
        let n = per_second.max(1);
        // Even spacing (burst of one): a burst allowance would let a window hold up to twice
        // the rate at the seam between bursts.
        let period = Duration::from_secs(1) / n;
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::MIN);
        RateLimiter {
            inner: Arc::new(Gcra::direct(quota)),
            per_second: n,
        }
    }

    /// Waits for the next free slot.
    pub async fn acquire(&self) {
        self.inner.until_ready().await;
    }

    /// The configured rate.
    pub fn rate(&self) -> u32 {
        self.per_second
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[tokio::test]
    async fn requests_are_spaced_to_the_rate() {
        let limiter = RateLimiter::per_second(50);
        let start = Instant::now();
        for _ in 0..26 {
            limiter.acquire().await;
        }
        // 26 slots at 20 ms spacing need at least 25 gaps.
        assert!(
            start.elapsed() >= Duration::from_millis(480),
            "{:?}",
            start.elapsed()
        );
    }
}

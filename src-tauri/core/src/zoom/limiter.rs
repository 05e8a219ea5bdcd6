//! The request rate limits: our own global cap (55 requests a second by default), Zoom's
//! per-category limits of the account's plan, and the daily limits Zoom reported as reached.
//!
//! Zoom counts requests per account, per category (Light, Medium, Heavy), per second and per
//! day. The plan is not visible to a user-level app, so the limits start at the most
//! conservative (Free) and rise once the user is known to be licensed.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter as Gcra};

use crate::error::{Error, Result};

/// Zoom's rate-limit category of a request (FACTS.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Get, update, delete a meeting; invitation; get user; a meeting's recordings.
    Light,
    /// Create, list meetings, list recordings.
    Medium,
    /// Reports and the like (Zoomdesk makes none today).
    Heavy,
}

/// Something Zoom can close for the rest of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    /// A category's daily limit.
    Category(Category),
    /// The 100 meeting creates and updates a day each host may make.
    MeetingWrites,
}

impl Bucket {
    /// Every bucket, for loading and saving.
    pub const ALL: [Bucket; 4] = [
        Bucket::Category(Category::Light),
        Bucket::Category(Category::Medium),
        Bucket::Category(Category::Heavy),
        Bucket::MeetingWrites,
    ];

    /// A stable name, for the cache.
    pub fn name(self) -> &'static str {
        match self {
            Bucket::Category(Category::Light) => "light",
            Bucket::Category(Category::Medium) => "medium",
            Bucket::Category(Category::Heavy) => "heavy",
            Bucket::MeetingWrites => "meeting_writes",
        }
    }
}

/// The account's plan, as far as the limits go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Free accounts (and any account we know nothing about): Light 4/s, Medium 2/s, Heavy 1/s.
    Free,
    /// Pro: Light 30/s, Medium 20/s, Heavy 10/s.
    Pro,
    /// Business and above: Light 80/s, Medium 60/s, Heavy 40/s.
    Business,
    /// No per-category limits (tests of the global cap alone).
    Unlimited,
}

impl Plan {
    /// Requests a second Zoom allows in `category` on this plan.
    pub fn per_second(self, category: Category) -> Option<u32> {
        let (light, medium, heavy) = match self {
            Plan::Free => (4, 2, 1),
            Plan::Pro => (30, 20, 10),
            Plan::Business => (80, 60, 40),
            Plan::Unlimited => return None,
        };
        Some(match category {
            Category::Light => light,
            Category::Medium => medium,
            Category::Heavy => heavy,
        })
    }

    /// The plan a user of Zoom `user_type` is at least on: licensed users (2) are on a paid
    /// plan (Pro at least); anyone else is taken as Free.
    pub fn for_user_type(user_type: i64) -> Plan {
        if user_type == 2 {
            Plan::Pro
        } else {
            Plan::Free
        }
    }
}

/// Called when Zoom closes a bucket, so the closing survives a restart.
pub type OnBlock = Arc<dyn Fn(Bucket, DateTime<Utc>) + Send + Sync>;

/// A shared limiter: requests are spaced evenly so no one-second window holds more than the
/// configured number, overall and per category; closed buckets refuse at once.
#[derive(Clone)]
pub struct RateLimiter {
    global: Arc<DefaultDirectRateLimiter>,
    per_second: u32,
    categories: Arc<Mutex<Categories>>,
    blocks: Arc<Mutex<HashMap<Bucket, DateTime<Utc>>>>,
    on_block: Option<OnBlock>,
}

struct Categories {
    plan: Plan,
    gates: HashMap<Category, Arc<DefaultDirectRateLimiter>>,
}

impl Categories {
    fn for_plan(plan: Plan) -> Self {
        let gates = [Category::Light, Category::Medium, Category::Heavy]
            .into_iter()
            .filter_map(|c| plan.per_second(c).map(|n| (c, Arc::new(under(n)))))
            .collect();
        Categories { plan, gates }
    }
}

/// Zoom's limit of `n` a second with a tenth to spare: Zoom counts requests by their arrival,
/// and network jitter can bring two evenly sent ones closer together.
fn under(n: u32) -> DefaultDirectRateLimiter {
    spaced(Duration::from_millis(1100) / n.max(1))
}

/// A GCRA spacing requests evenly at `n` a second. Burst of one: a burst allowance would let
/// a window hold up to twice the rate at the seam between bursts.
fn evenly(n: u32) -> DefaultDirectRateLimiter {
    spaced(Duration::from_secs(1) / n.max(1))
}

/// One request every `period`.
fn spaced(period: Duration) -> DefaultDirectRateLimiter {
    let quota = Quota::with_period(period)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(NonZeroU32::MIN);
    Gcra::direct(quota)
}

impl RateLimiter {
    /// At most `per_second` requests in any second overall (0 is taken as 1), and Zoom's
    /// limits of `plan` in each category.
    pub fn new(per_second: u32, plan: Plan) -> Self {
        let n = per_second.max(1);
        RateLimiter {
            global: Arc::new(evenly(n)),
            per_second: n,
            categories: Arc::new(Mutex::new(Categories::for_plan(plan))),
            blocks: Arc::new(Mutex::new(HashMap::new())),
            on_block: None,
        }
    }

    /// Our global cap alone, with no per-category limits (tests and benchmarks that measure
    /// the cap itself).
    pub fn per_second(per_second: u32) -> Self {
        Self::new(per_second, Plan::Unlimited)
    }

    /// Calls `on_block` whenever Zoom closes a bucket.
    pub fn on_block(mut self, on_block: OnBlock) -> Self {
        self.on_block = Some(on_block);
        self
    }

    /// Switches to `plan`'s category limits (once the user is known).
    pub fn set_plan(&self, plan: Plan) {
        let mut cats = self
            .categories
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if cats.plan != plan {
            *cats = Categories::for_plan(plan);
        }
    }

    /// The plan whose limits are in force.
    pub fn plan(&self) -> Plan {
        self.categories
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .plan
    }

    /// Refuses, without a request, while a bucket the call counts against is closed.
    pub fn check_open(&self, buckets: &[Bucket], now: DateTime<Utc>) -> Result<()> {
        let blocks = self.blocks.lock().unwrap_or_else(PoisonError::into_inner);
        let until = buckets
            .iter()
            .filter_map(|b| blocks.get(b))
            .filter(|until| **until > now)
            .max();
        match until {
            Some(until) => Err(Error::RateLimited {
                retry_after: format!("{} UTC", until.format("%Y-%m-%d %H:%M")),
            }),
            None => Ok(()),
        }
    }

    /// Closes `bucket` until `until` (Zoom said its daily limit is reached).
    pub fn block(&self, bucket: Bucket, until: DateTime<Utc>) {
        self.blocks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(bucket, until);
        if let Some(on_block) = &self.on_block {
            on_block(bucket, until);
        }
        tracing::warn!(bucket = bucket.name(), %until, "Zoom's daily limit reached");
    }

    /// Restores a closing saved earlier (no callback).
    pub fn restore_block(&self, bucket: Bucket, until: DateTime<Utc>) {
        self.blocks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(bucket, until);
    }

    /// Waits for the next free slot overall and in `category`.
    pub async fn acquire(&self, category: Category) {
        let gate = self
            .categories
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .gates
            .get(&category)
            .cloned();
        if let Some(gate) = gate {
            gate.until_ready().await;
        }
        self.global.until_ready().await;
    }

    /// The configured global rate.
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
            limiter.acquire(Category::Light).await;
        }
        // 26 slots at 20 ms spacing need at least 25 gaps.
        assert!(
            start.elapsed() >= Duration::from_millis(480),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test]
    async fn a_category_is_held_to_its_plan_while_others_are_not() {
        let limiter = RateLimiter::new(55, Plan::Free);
        let start = Instant::now();
        // Medium is 2/s on Free: 3 slots need at least two gaps of 500 ms.
        for _ in 0..3 {
            limiter.acquire(Category::Medium).await;
        }
        assert!(start.elapsed() >= Duration::from_millis(990));
        limiter.set_plan(Plan::Pro);
        assert_eq!(limiter.plan(), Plan::Pro);
        let start = Instant::now();
        for _ in 0..3 {
            limiter.acquire(Category::Medium).await;
        }
        assert!(start.elapsed() < Duration::from_millis(900));
    }

    #[test]
    fn a_closed_bucket_refuses_until_it_reopens_and_says_when() {
        let saved = Arc::new(Mutex::new(Vec::new()));
        let seen = saved.clone();
        let limiter = RateLimiter::per_second(55).on_block(Arc::new(move |b, t| {
            seen.lock().expect("lock").push((b, t));
        }));
        let now = Utc::now();
        let midnight = now + chrono::Duration::hours(3);
        let medium = Bucket::Category(Category::Medium);
        limiter.block(medium, midnight);
        let light = [Bucket::Category(Category::Light)];
        assert!(limiter.check_open(&light, now).is_ok());
        let err = limiter
            .check_open(&[medium, Bucket::MeetingWrites], now)
            .expect_err("closed");
        assert!(err
            .to_string()
            .contains(&midnight.format("%H:%M").to_string()));
        assert!(limiter
            .check_open(&[medium], midnight + chrono::Duration::seconds(1))
            .is_ok());
        assert_eq!(
            saved.lock().expect("lock").as_slice(),
            &[(medium, midnight)]
        );
    }

    #[test]
    fn licensed_users_get_paid_plan_limits_and_others_the_free_ones() {
        assert_eq!(Plan::for_user_type(2), Plan::Pro);
        assert_eq!(Plan::for_user_type(1), Plan::Free);
        assert_eq!(Plan::Free.per_second(Category::Heavy), Some(1));
        assert_eq!(Plan::Business.per_second(Category::Light), Some(80));
        assert_eq!(Plan::Unlimited.per_second(Category::Light), None);
    }
}

//! Zoom's rate limits: per-second and daily per category, and 100 meeting create/update a day per user.

use crate::config::RatePlan;
use crate::errors::ApiError;
use crate::timefmt::{next_utc_midnight, zulu};
use axum::http::{Method, StatusCode};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Zoom's rate-limit categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Category {
    /// Light operations (get, update, delete a meeting; get user).
    Light,
    /// Medium operations (create, list meetings, list recordings).
    Medium,
    /// Heavy operations (none used by Zoomdesk).
    Heavy,
}

impl Category {
    /// The header value, e.g. `Light`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Light => "Light",
            Category::Medium => "Medium",
            Category::Heavy => "Heavy",
        }
    }
}

/// The per-user daily limit of meeting create/update requests.
pub(crate) const PER_USER_DAILY: u32 = 100;

/// What an API request counts against.
pub(crate) struct Classified {
    pub category: Category,
    pub create_or_update: bool,
}

/// Classifies an API path (without `/v2`) as FACTS.md section 5 lists.
pub(crate) fn classify(method: &Method, path: &str) -> Classified {
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    let (category, create_or_update) = match (method, segs.as_slice()) {
        (&Method::POST, ["users", _, "meetings"]) => (Category::Medium, true),
        (_, ["users", _, "meetings"]) => (Category::Medium, false),
        (_, ["users", _, "upcoming_meetings"]) => (Category::Medium, false),
        (_, ["users", _, "recordings"]) => (Category::Medium, false),
        (_, ["past_meetings", ..]) => (Category::Medium, false),
        (&Method::PATCH, ["meetings", _]) => (Category::Light, true),
        _ => (Category::Light, false),
    };
    Classified {
        category,
        create_or_update,
    }
}

/// Counters for one account.
#[derive(Debug, Default)]
pub(crate) struct Limits {
    /// (category, epoch second) -> requests in that second.
    per_second: HashMap<Category, (i64, u32)>,
    /// (category) -> (day, count).
    daily: HashMap<Category, (NaiveDate, u32)>,
    /// Daily caps overridden by tests.
    pub daily_override: HashMap<Category, u32>,
    /// (user, day) -> create/update count.
    per_user: HashMap<String, (NaiveDate, u32)>,
}

fn per_second_limit(plan: RatePlan, c: Category) -> Option<u32> {
    match (plan, c) {
        (RatePlan::Off, _) => None,
        (RatePlan::Pro, Category::Light) => Some(30),
        (RatePlan::Pro, Category::Medium) => Some(20),
        (RatePlan::Pro, Category::Heavy) => Some(10),
        (RatePlan::Free, Category::Light) => Some(4),
        (RatePlan::Free, Category::Medium) => Some(2),
        (RatePlan::Free, Category::Heavy) => Some(1),
    }
}

fn plan_daily_limit(plan: RatePlan, c: Category) -> Option<u32> {
    match (plan, c) {
        (RatePlan::Free, Category::Light) => Some(6000),
        (RatePlan::Free, Category::Medium) => Some(2000),
        (RatePlan::Free, Category::Heavy) => Some(1000),
        (RatePlan::Pro, Category::Heavy) => Some(30000),
        _ => None,
    }
}

const QPS_MESSAGE: &str =
    "You have reached the maximum per-second rate limit for this API. Try again later.";
const DAILY_MESSAGE: &str = "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.";

/// The 429 answered for a per-second limit hit.
pub(crate) fn qps_error(category: Category, limit: u32) -> ApiError {
    ApiError::new(StatusCode::TOO_MANY_REQUESTS, 429, QPS_MESSAGE)
        .with_header("x-ratelimit-category", category.as_str())
        .with_header("x-ratelimit-type", "QPS")
        .with_header("x-ratelimit-limit", limit.to_string())
        .with_header("x-ratelimit-remaining", "0")
}

impl Limits {
    /// Counts one request; answers the 429 to send when a limit is exceeded.
    pub(crate) fn check(
        &mut self,
        plan: RatePlan,
        now: DateTime<Utc>,
        user_id: &str,
        c: &Classified,
    ) -> Result<(), ApiError> {
        let cat = c.category;
        if let Some(limit) = per_second_limit(plan, cat) {
            let sec = now.timestamp();
            let slot = self.per_second.entry(cat).or_insert((sec, 0));
            if slot.0 != sec {
                *slot = (sec, 0);
            }
            if slot.1 >= limit {
                return Err(qps_error(cat, limit));
            }
            slot.1 += 1;
        }
        let today = now.date_naive();
        let daily_cap = self
            .daily_override
            .get(&cat)
            .copied()
            .or_else(|| plan_daily_limit(plan, cat));
        if let Some(cap) = daily_cap {
            let slot = self.daily.entry(cat).or_insert((today, 0));
            if slot.0 != today {
                *slot = (today, 0);
            }
            if slot.1 >= cap {
                return Err(
                    ApiError::new(StatusCode::TOO_MANY_REQUESTS, 429, DAILY_MESSAGE)
                        .with_header("x-ratelimit-category", cat.as_str())
                        .with_header("x-ratelimit-type", "Daily-limit")
                        .with_header("x-ratelimit-limit", cap.to_string())
                        .with_header("x-ratelimit-remaining", "0")
                        .with_header("retry-after", zulu(next_utc_midnight(now))),
                );
            }
            slot.1 += 1;
        }
        if c.create_or_update {
            let slot = self
                .per_user
                .entry(user_id.to_string())
                .or_insert((today, 0));
            if slot.0 != today {
                *slot = (today, 0);
            }
            if slot.1 >= PER_USER_DAILY {
                // As observed on the live API: no X-RateLimit-Type or Retry-After on this one.
                return Err(ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    429,
                    format!("You have exceeded the daily rate limit ({PER_USER_DAILY}) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00."),
                )
                .with_header("x-ratelimit-category", cat.as_str()));
            }
            slot.1 += 1;
        }
        Ok(())
    }

    /// Clears every counter (overrides stay).
    pub(crate) fn clear_counters(&mut self) {
        self.per_second.clear();
        self.daily.clear();
        self.per_user.clear();
    }
}

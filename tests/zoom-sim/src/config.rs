//! Start-up configuration of a simulator instance.

use std::net::SocketAddr;

/// What the simulator holds when it starts (and after a reset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    /// Meetings and recordings for a demo, placed relative to the sim clock.
    Demo,
    /// Only the demo user, no meetings or recordings.
    Empty,
}

impl std::str::FromStr for Seed {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "demo" => Ok(Seed::Demo),
            "empty" => Ok(Seed::Empty),
            other => Err(format!("unknown seed {other:?} (expected demo or empty)")),
        }
    }
}

/// Which plan's rate limits the account has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatePlan {
    /// Pro: Light 30/s, Medium 20/s, Heavy 10/s, no daily cap on Light/Medium.
    Pro,
    /// Free: Light 4/s and 6,000/day, Medium 2/s and 2,000/day.
    Free,
    /// No per-second or daily limits (the per-user create/update limit still applies).
    Off,
}

impl std::str::FromStr for RatePlan {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "pro" => Ok(RatePlan::Pro),
            "free" => Ok(RatePlan::Free),
            "off" => Ok(RatePlan::Off),
            other => Err(format!(
                "unknown rate-limit plan {other:?} (expected pro, free or off)"
            )),
        }
    }
}

/// Configuration for [`crate::Sim::start`].
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Address to bind; port 0 picks a free port.
    pub addr: SocketAddr,
    /// Initial data.
    pub seed: Seed,
    /// Skip the consent page: `/oauth/authorize` redirects straight back with a code.
    pub auto_approve: bool,
    /// Access-token lifetime in seconds.
    pub token_ttl_secs: u64,
    /// Rate-limit plan.
    pub rate_plan: RatePlan,
    /// The demo user's (and account's) IANA time zone.
    pub timezone: String,
    /// Initial sim-clock time; `None` starts at the real current time.
    pub start_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            seed: Seed::Demo,
            auto_approve: false,
            token_ttl_secs: 3600,
            rate_plan: RatePlan::Pro,
            timezone: "America/New_York".to_string(),
            start_at: None,
        }
    }
}

impl SimConfig {
    /// A configuration with no seeded meetings or recordings, handy for tests.
    pub fn empty() -> Self {
        SimConfig {
            seed: Seed::Empty,
            ..SimConfig::default()
        }
    }
}

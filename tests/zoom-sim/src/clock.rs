//! The sim clock: real time shifted by an offset that tests can set or advance, or frozen at one instant.

use chrono::{DateTime, Duration, Utc};
use std::sync::Mutex;

#[derive(Debug, Default, Clone, Copy)]
struct Setting {
    offset: Duration,
    frozen: Option<DateTime<Utc>>,
}

/// A settable clock; unless frozen it keeps ticking at real speed from wherever it was set.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    setting: Mutex<Setting>,
}

impl Clock {
    /// A clock showing `start` now (or real time when `None`).
    pub(crate) fn new(start: Option<DateTime<Utc>>) -> Self {
        let clock = Clock::default();
        if let Some(t) = start {
            clock.set(t);
        }
        clock
    }

    fn with<R>(&self, f: impl FnOnce(&mut Setting) -> R) -> R {
        f(&mut self.setting.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The current sim time.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.with(|s| s.frozen.unwrap_or_else(|| Utc::now() + s.offset))
    }

    /// Makes the clock show `t` now (a frozen clock stays frozen, at `t`).
    pub(crate) fn set(&self, t: DateTime<Utc>) {
        self.with(|s| {
            s.offset = t - Utc::now();
            if s.frozen.is_some() {
                s.frozen = Some(t);
            }
        });
    }

    /// Moves the clock forward (or back, for a negative duration).
    pub(crate) fn advance(&self, d: Duration) {
        self.with(|s| {
            s.offset += d;
            if let Some(f) = s.frozen.as_mut() {
                *f += d;
            }
        });
    }

    /// Stops the clock where it is (`true`) or lets it tick again from there (`false`).
    pub(crate) fn freeze(&self, frozen: bool) {
        self.with(|s| match (frozen, s.frozen) {
            (true, None) => s.frozen = Some(Utc::now() + s.offset),
            (false, Some(t)) => {
                s.offset = t - Utc::now();
                s.frozen = None;
            }
            _ => {}
        });
    }

    /// Whether the clock is frozen.
    pub(crate) fn is_frozen(&self) -> bool {
        self.with(|s| s.frozen.is_some())
    }
}

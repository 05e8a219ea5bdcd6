//! The reminder poller: shows each due reminder once, then sleeps until the next is due.
//!
//! It sleeps on the wall clock, not on a timer alone: a monotonic timer stops while the
//! machine is suspended, so the poller wakes at least every [`MAX_NAP`] to compare the wall
//! clock with the next due time (no database read unless something is due, the plan changed,
//! or the wall clock jumped). After a resume, due reminders come within that nap.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};
use tokio::sync::Notify;

use super::plan::{plan, NoticeTime, Rules};
use super::wording::{self, Text};
use super::SNOOZE;
use crate::error::Result;
use crate::links::Destination;
use crate::store::notified::NoticeKind;
use crate::store::reminders::Snooze;
use crate::store::Store;

/// The longest the poller sleeps without looking at the wall clock.
pub const MAX_NAP: std::time::Duration = std::time::Duration::from_secs(20);
/// Announcements older than this are forgotten (their meetings are long over).
const KEEP_MARKS: Duration = Duration::days(30);

/// The time, injectable so tests can move it.
pub trait Clock: Send + Sync {
    /// Now, UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// The system's wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A reminder as the desktop shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// Meeting.
    pub meeting_id: i64,
    /// Occurrence (`""` for a one-time meeting).
    pub occurrence_id: String,
    /// The notice key (to snooze it).
    pub key: String,
    /// Part of a series.
    pub recurring: bool,
    /// The words.
    pub text: Text,
}

impl Reminder {
    /// The reminder page of this occurrence (a click on the notification's body).
    pub fn destination(&self) -> Destination {
        Destination::Reminder {
            id: self.meeting_id.to_string(),
            occurrence_id: self.occurrence_id.clone(),
        }
    }
}

/// Shows reminders on the desktop (the app implements it per OS).
pub trait Notifier: Send + Sync {
    /// Shows one reminder; an error is logged and the reminder is not shown again.
    fn remind(&self, reminder: &Reminder) -> std::result::Result<(), String>;
}

/// What one look at the plan did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tick {
    /// Reminders shown, in order.
    pub shown: Vec<Reminder>,
    /// When the next one is due.
    pub next: Option<DateTime<Utc>>,
}

/// The reminder poller.
pub struct Poller {
    store: Arc<Store>,
    notifier: Arc<dyn Notifier>,
    clock: Arc<dyn Clock>,
    rules: Mutex<Rules>,
    wake: Notify,
    active: AtomicBool,
    // One tick at a time, so a sync landing during a tick cannot show a reminder twice
    // (the marks would stop it anyway; this keeps the order too).
    ticking: Mutex<()>,
}

impl Poller {
    /// A poller over `store` with `rules`, showing through `notifier`, on `clock`.
    pub fn new(
        store: Arc<Store>,
        notifier: Arc<dyn Notifier>,
        clock: Arc<dyn Clock>,
        rules: Rules,
    ) -> Self {
        Poller {
            store,
            notifier,
            clock,
            rules: Mutex::new(rules),
            wake: Notify::new(),
            active: AtomicBool::new(true),
            ticking: Mutex::new(()),
        }
    }

    /// New rules (settings changed): planned again at once.
    pub fn set_rules(&self, rules: Rules) {
        *self.rules.lock().unwrap_or_else(PoisonError::into_inner) = rules;
        self.replan();
    }

    /// Signed in (reminders come) or out (they wait, unmarked, for the next sign-in).
    pub fn set_active(&self, active: bool) {
        self.active.store(active, Ordering::SeqCst);
        self.replan();
    }

    /// The rules in force.
    pub fn rules(&self) -> Rules {
        self.rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The cache changed (a sync, an edit): plan again at once.
    pub fn replan(&self) {
        self.wake.notify_one();
    }

    /// Shows the reminder with `key` again in five minutes.
    pub fn snooze(&self, meeting_id: i64, occurrence_id: &str, key: &str) -> Result<()> {
        self.store.snooze(&Snooze {
            key: key.to_string(),
            meeting_id,
            occurrence_id: occurrence_id.to_string(),
            until: self.clock.now() + SNOOZE,
        })?;
        self.replan();
        Ok(())
    }

    /// Shows what is due now (each marked in the cache first) and says when to look again.
    pub fn tick(&self) -> Result<Tick> {
        let _one = self.ticking.lock().unwrap_or_else(PoisonError::into_inner);
        if !self.active.load(Ordering::SeqCst) {
            return Ok(Tick::default());
        }
        let now = self.clock.now();
        let rules = self.rules();
        let plan = plan(&self.store, now, &rules)?;
        for key in &plan.stale_snoozes {
            self.store.take_snooze(key)?;
        }
        let mut shown = Vec::new();
        for due in &plan.due {
            let first = if due.notice == NoticeTime::Snoozed {
                self.store.take_snooze(&due.key)?
            } else {
                self.store.mark_notified(NoticeKind::Reminder, &due.key)?
            };
            for key in &due.also_marks {
                self.store.mark_notified(NoticeKind::Reminder, key)?;
            }
            if !first {
                continue;
            }
            let reminder = Reminder {
                meeting_id: due.occurrence.meeting_id,
                occurrence_id: due.occurrence.occurrence_id.clone(),
                key: due.key.clone(),
                recurring: due.occurrence.recurring,
                text: wording::text(due, now, rules.zone, rules.language),
            };
            match self.notifier.remind(&reminder) {
                Ok(()) => tracing::info!(
                    meeting = reminder.meeting_id,
                    notice = ?due.notice,
                    "reminder shown"
                ),
                Err(why) => {
                    tracing::warn!(meeting = reminder.meeting_id, "reminder not shown: {why}")
                }
            }
            shown.push(reminder);
        }
        Ok(Tick {
            shown,
            next: plan.next,
        })
    }

    /// Runs for the life of the app: tick, then sleep until the next due time, a replan, or
    /// a wall-clock jump (resume from suspend).
    pub async fn run(self: Arc<Self>) {
        if let Err(e) = self.store.prune_notified(self.clock.now() - KEEP_MARKS) {
            tracing::warn!("could not prune old reminder marks: {e}");
        }
        loop {
            let next = match self.tick() {
                Ok(t) => t.next,
                Err(e) => {
                    tracing::warn!("reminders: {e}");
                    Some(self.clock.now() + Duration::seconds(60))
                }
            };
            self.sleep_until(next).await;
        }
    }

    /// Sleeps until `next` on the wall clock, or until woken.
    async fn sleep_until(&self, next: Option<DateTime<Utc>>) {
        loop {
            let before_wall = self.clock.now();
            let before_mono = std::time::Instant::now();
            let nap = next
                .and_then(|n| (n - before_wall).to_std().ok())
                .map_or(MAX_NAP, |d| d.min(MAX_NAP));
            tokio::select! {
                () = tokio::time::sleep(nap) => {}
                () = self.wake.notified() => return,
            }
            let wall = self.clock.now();
            if next.is_some_and(|n| wall >= n) {
                return;
            }
            // The wall clock ran ahead of the monotonic one: the machine slept, or the clock
            // was set. Plan again.
            let mono = Duration::from_std(before_mono.elapsed()).unwrap_or(Duration::zero());
            if wall - before_wall > mono + Duration::seconds(5) || wall < before_wall {
                return;
            }
        }
    }
}

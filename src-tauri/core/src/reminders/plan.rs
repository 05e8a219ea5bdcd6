//! Which reminders are due now, and when the next one will be.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::error::Result;
use crate::store::notified::NoticeKind;
use crate::store::reminders::UpcomingOccurrence;
use crate::store::Store;

/// A meeting without a duration is taken to last this long (Zoom's default).
const DEFAULT_MINUTES: i64 = 60;
/// How far ahead the planner looks for the next due time (the longest lead is 240 min).
const HORIZON: Duration = Duration::days(2);
/// How far back: the longest meeting Zoom schedules (24 h) may still be running.
const LOOKBACK: Duration = Duration::hours(24);

/// Which notice of an occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeTime {
    /// `lead` minutes before the start.
    Lead,
    /// At the start (optional).
    Start,
    /// Again after a snooze.
    Snoozed,
}

impl NoticeTime {
    fn suffix(self) -> &'static str {
        match self {
            NoticeTime::Lead => "lead",
            NoticeTime::Start => "start",
            NoticeTime::Snoozed => "snoozed",
        }
    }
}

/// What the user chose, and where they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// How long before the start the first notice comes.
    pub lead: Duration,
    /// A second notice at the start.
    pub at_start: bool,
    /// The zone times are written in.
    pub zone: Tz,
    /// The language notices are written in.
    pub language: crate::locale::Language,
}

impl Rules {
    /// Rules with `lead_minutes` (clamped to 1..=240), the start notice on or off, in `zone`.
    pub fn new(lead_minutes: u32, at_start: bool, zone: Tz) -> Self {
        Rules {
            lead: Duration::minutes(i64::from(lead_minutes.clamp(1, 240))),
            at_start,
            zone,
            language: crate::locale::Language::En,
        }
    }

    /// The same rules, written in `language`.
    pub fn in_language(self, language: crate::locale::Language) -> Self {
        Rules { language, ..self }
    }
}

/// A reminder to show now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The occurrence.
    pub occurrence: UpcomingOccurrence,
    /// Which notice.
    pub notice: NoticeTime,
    /// Its key in the `notified` table.
    pub key: String,
    /// Keys to mark with it (a lead notice overtaken by the start notice is never shown).
    pub also_marks: Vec<String>,
    /// Which occurrence of the series and how many: `(3, 10)`.
    pub position: Option<(u32, u32)>,
}

/// What is due now and when to look again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// Reminders to show now, soonest meeting first.
    pub due: Vec<Due>,
    /// The next moment a reminder becomes due, if any within two days.
    pub next: Option<DateTime<Utc>>,
    /// Snoozes whose meeting is gone or over: taken away without a notice.
    pub stale_snoozes: Vec<String>,
}

/// The notice key of one occurrence at one start: moving a meeting gives it new keys.
pub fn notice_key(
    meeting_id: i64,
    occurrence_id: &str,
    start: DateTime<Utc>,
    n: NoticeTime,
) -> String {
    format!(
        "{meeting_id}:{occurrence_id}:{}:{}",
        start.timestamp(),
        n.suffix()
    )
}

/// The end of an occurrence.
pub fn end_of(o: &UpcomingOccurrence) -> DateTime<Utc> {
    o.start + Duration::minutes(o.duration.map_or(DEFAULT_MINUTES, i64::from).max(1))
}

/// What is due at `now` under `rules`, read from `store` (nothing is marked here).
pub fn plan(store: &Store, now: DateTime<Utc>, rules: &Rules) -> Result<Plan> {
    // Nothing due before a rebuild is announced again: those marks were in the old file.
    let quiet_before = store.rebuilt_at()?;
    let mut out = Plan::default();
    let mut consider_next = |t: DateTime<Utc>| {
        if t > now && t - now <= HORIZON {
            out.next = Some(out.next.map_or(t, |n: DateTime<Utc>| n.min(t)));
        }
    };
    let mut due = Vec::new();
    let mut stale = Vec::new();
    for o in store.occurrences_between(now - LOOKBACK, now + HORIZON)? {
        let end = end_of(&o);
        if end <= now {
            continue;
        }
        let lead_at = o.start - rules.lead;
        let lead_key = notice_key(o.meeting_id, &o.occurrence_id, o.start, NoticeTime::Lead);
        let start_key = notice_key(o.meeting_id, &o.occurrence_id, o.start, NoticeTime::Start);
        let fresh = |at: DateTime<Utc>, key: &str| -> Result<bool> {
            Ok(quiet_before.is_none_or(|q| at >= q)
                && !store.was_notified(NoticeKind::Reminder, key)?)
        };
        let lead_due = lead_at <= now && fresh(lead_at, &lead_key)?;
        let start_due = rules.at_start && o.start <= now && fresh(o.start, &start_key)?;
        if lead_at > now {
            consider_next(lead_at);
        }
        if rules.at_start && o.start > now {
            consider_next(o.start);
        }
        let pick = if start_due {
            // Woken after the start: one notice, not two.
            Some((
                NoticeTime::Start,
                start_key,
                if lead_due { vec![lead_key] } else { Vec::new() },
            ))
        } else if lead_due {
            Some((NoticeTime::Lead, lead_key, Vec::new()))
        } else {
            None
        };
        if let Some((notice, key, also_marks)) = pick {
            // `None` for a one-time meeting's single occurrence.
            let position = store.occurrence_position(o.meeting_id, &o.occurrence_id)?;
            due.push(Due {
                occurrence: o,
                notice,
                key,
                also_marks,
                position,
            });
        }
    }
    for s in store.snoozes()? {
        if s.until > now {
            consider_next(s.until);
            continue;
        }
        // A snoozed reminder for a meeting that is gone or over is dropped.
        let Some(o) = store
            .occurrence(s.meeting_id, &s.occurrence_id)?
            .filter(|o| end_of(o) > now)
        else {
            stale.push(s.key);
            continue;
        };
        // `None` for a one-time meeting's single occurrence.
        let position = store.occurrence_position(o.meeting_id, &o.occurrence_id)?;
        due.push(Due {
            occurrence: o,
            notice: NoticeTime::Snoozed,
            key: s.key,
            also_marks: Vec::new(),
            position,
        });
    }
    due.sort_by(|a, b| {
        (a.occurrence.start, a.occurrence.meeting_id)
            .cmp(&(b.occurrence.start, b.occurrence.meeting_id))
    });
    out.due = due;
    out.stale_snoozes = stale;
    Ok(out)
}

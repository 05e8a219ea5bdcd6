//! What the reminder poller reads and writes: the occurrences about to start, a series'
//! position of one occurrence ("3 of 10"), snoozed reminders, and small facts about the cache.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::meetings::{occurrence_row, WeekItem, OCCURRENCE_ROWS, ONE_TIME};
use super::{sql_error, Store, Ts};
use crate::error::Result;

/// `meta` key: when the cache was last rebuilt from scratch (Unix seconds).
pub const META_REBUILT_AT: &str = "rebuilt_at";

/// An occurrence as the reminder poller needs it: the week view's line.
pub type UpcomingOccurrence = WeekItem;

/// A snoozed reminder, to show again at `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snooze {
    /// The notice key it was snoozed under.
    pub key: String,
    /// Meeting.
    pub meeting_id: i64,
    /// Occurrence (`""` for one-time).
    pub occurrence_id: String,
    /// When to show it again.
    pub until: DateTime<Utc>,
}

impl Store {
    /// Occurrences starting in `[from, to)`, in start order, with their meetings' topic, zone
    /// and type.
    pub fn occurrences_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<UpcomingOccurrence>> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare_cached(&format!(
                "{OCCURRENCE_ROWS} WHERE o.start_time >= ?1 AND o.start_time < ?2 \
                 ORDER BY o.start_time, o.meeting_id, o.occurrence_id"
            ))
            .map_err(sql_error)?;
        let rows = stmt
            .query_map(params![Ts(from), Ts(to)], occurrence_row)
            .map_err(sql_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(sql_error)
    }

    /// One cached occurrence with its meeting, if it is still there.
    pub fn occurrence(
        &self,
        meeting_id: i64,
        occurrence_id: &str,
    ) -> Result<Option<UpcomingOccurrence>> {
        self.lock()
            .query_row(
                &format!("{OCCURRENCE_ROWS} WHERE o.meeting_id = ?1 AND o.occurrence_id = ?2"),
                params![meeting_id, occurrence_id],
                occurrence_row,
            )
            .optional()
            .map_err(sql_error)
    }

    /// Which occurrence of its series this is, and how many the cache holds: `(3, 10)`.
    /// `None` for a one-time meeting's single occurrence.
    pub fn occurrence_position(
        &self,
        meeting_id: i64,
        occurrence_id: &str,
    ) -> Result<Option<(u32, u32)>> {
        if occurrence_id == ONE_TIME {
            return Ok(None);
        }
        let conn = self.lock();
        let (before, total): (u32, u32) = conn
            .query_row(
                "SELECT coalesce(sum(o.start_time < t.start_time \
                   OR (o.start_time = t.start_time AND o.occurrence_id < t.occurrence_id)), 0), \
                 count(*) \
                 FROM occurrences o, \
                   (SELECT start_time, occurrence_id FROM occurrences \
                    WHERE meeting_id = ?1 AND occurrence_id = ?2) t \
                 WHERE o.meeting_id = ?1",
                params![meeting_id, occurrence_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(sql_error)?;
        Ok((total > 0).then_some((before + 1, total)))
    }

    /// Snoozes a reminder until `until` (a second snooze moves it).
    pub fn snooze(&self, snooze: &Snooze) -> Result<()> {
        self.lock()
            .execute(
                "INSERT INTO snoozes (key, meeting_id, occurrence_id, start_time, until) \
                 VALUES (?1, ?2, ?3, 0, ?4) ON CONFLICT (key) DO UPDATE SET until = excluded.until",
                params![
                    snooze.key,
                    snooze.meeting_id,
                    snooze.occurrence_id,
                    Ts(snooze.until)
                ],
            )
            .map(drop)
            .map_err(sql_error)
    }

    /// Every snoozed reminder, soonest first.
    pub fn snoozes(&self) -> Result<Vec<Snooze>> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare_cached(
                "SELECT key, meeting_id, occurrence_id, until FROM snoozes ORDER BY until, key",
            )
            .map_err(sql_error)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Snooze {
                    key: r.get(0)?,
                    meeting_id: r.get(1)?,
                    occurrence_id: r.get(2)?,
                    until: r.get::<_, Ts>(3)?.0,
                })
            })
            .map_err(sql_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(sql_error)
    }

    /// Takes a snooze away; true only for the caller that removed it (so a snoozed reminder
    /// comes back once, even with two pollers racing).
    pub fn take_snooze(&self, key: &str) -> Result<bool> {
        self.lock()
            .execute("DELETE FROM snoozes WHERE key = ?1", [key])
            .map(|n| n == 1)
            .map_err(sql_error)
    }

    /// Sets a small fact about the cache.
    pub fn set_meta(&self, key: &str, value: i64) -> Result<()> {
        self.lock()
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map(drop)
            .map_err(sql_error)
    }

    /// Reads a small fact about the cache.
    pub fn meta(&self, key: &str) -> Result<Option<i64>> {
        self.lock()
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(sql_error)
    }

    /// When the cache was last rebuilt from scratch, if ever.
    pub fn rebuilt_at(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(self
            .meta(META_REBUILT_AT)?
            .and_then(|s| DateTime::from_timestamp(s, 0)))
    }
}

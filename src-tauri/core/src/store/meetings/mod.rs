//! Meetings and their occurrences in the cache, and the week view read from them.
//!
//! Every meeting has zero or more occurrences: a one-time meeting (type 2) has exactly one,
//! with the occurrence id `""`; a recurring one (type 8) has Zoom's occurrences; meetings
//! without a fixed time (types 1, 3, 4) have none. The week view is then one query over
//! occurrences, whatever the kind of meeting.

mod diff;
mod model;
mod rows;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rusqlite::{params, TransactionBehavior};

use crate::error::{Error, Result};
use crate::redact::Secret;
use crate::store::{now, sql_error, Store, Ts};

use diff::*;
pub use model::*;
use rows::read_row;
pub(crate) use rows::{fold, occurrence_row, OCCURRENCE_ROWS};

impl Store {
    /// Stores the result of a sync of `window` (`[from, to)`): upserts `meetings` and their
    /// occurrences, removes the cached occurrences that start inside the window and are no
    /// longer there, and removes the meetings that are not in `meetings` and have no
    /// occurrence left (deleted in Zoom). `meetings` must hold every meeting Zoom listed for
    /// the window, with all their occurrences inside it.
    ///
    /// All of it is one transaction: on any error (or a panic, or the process being killed)
    /// the cache stays as it was before the call.
    pub fn replace_meetings(
        &self,
        window: (DateTime<Utc>, DateTime<Utc>),
        meetings: &[CachedMeeting],
    ) -> Result<MeetingChanges> {
        self.replace_meetings_with(window, meetings, &mut |_| Ok(()))
    }

    /// [`Store::replace_meetings`] calling `step` between its stages (tests inject failures).
    fn replace_meetings_with(
        &self,
        (from, to): (DateTime<Utc>, DateTime<Utc>),
        meetings: &[CachedMeeting],
        step: &mut dyn FnMut(&str) -> Result<()>,
    ) -> Result<MeetingChanges> {
        if from >= to {
            return Err(Error::Internal(format!("empty sync window {from} .. {to}")));
        }
        let (lo, hi) = (from.timestamp(), to.timestamp());
        // A meeting's list is complete from the window's start on (a series comes whole from
        // its GET): a cached occurrence from then on that the list lacks is gone.
        let from_window = |start: i64| start >= lo;
        let at = now();
        let incoming = dedupe(meetings);

        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_error)?;
        let mut changes = MeetingChanges::default();
        for m in incoming.values() {
            let (added, changed, delta) = write_meeting(&tx, m, at, from_window)?;
            if added {
                changes.added.push(m.id);
            } else if changed {
                changes.updated.push(m.id);
            }
            changes.occurrences_added += delta.added;
            changes.occurrences_updated += delta.updated;
            changes.occurrences_removed += delta.removed;
            step("meeting written")?;
        }

        // Occurrences in the window of meetings Zoom no longer lists there.
        let mut touched = BTreeSet::new();
        {
            let mut stmt = tx
                .prepare_cached(
                    "SELECT DISTINCT meeting_id FROM occurrences \
                     WHERE start_time >= ?1 AND start_time < ?2",
                )
                .map_err(sql_error)?;
            let ids = stmt
                .query_map([lo, hi], |r| r.get::<_, i64>(0))
                .map_err(sql_error)?;
            for id in ids {
                let id = id.map_err(sql_error)?;
                if !incoming.contains_key(&id) {
                    touched.insert(id);
                }
            }
        }
        step("gone meetings found")?;
        {
            let mut delete = tx
                .prepare_cached(
                    "DELETE FROM occurrences WHERE meeting_id = ?1 \
                     AND start_time >= ?2 AND start_time < ?3",
                )
                .map_err(sql_error)?;
            for id in &touched {
                changes.occurrences_removed +=
                    delete.execute(params![id, lo, hi]).map_err(sql_error)? as u32;
            }
        }
        step("gone occurrences removed")?;

        // Meetings left with no occurrence and not listed: deleted in Zoom.
        let empty: Vec<i64> = {
            let mut stmt = tx
                .prepare_cached(
                    "SELECT id FROM meetings m WHERE NOT EXISTS \
                     (SELECT 1 FROM occurrences o WHERE o.meeting_id = m.id)",
                )
                .map_err(sql_error)?;
            let ids = stmt.query_map([], |r| r.get(0)).map_err(sql_error)?;
            ids.collect::<rusqlite::Result<Vec<i64>>>()
                .map_err(sql_error)?
                .into_iter()
                .filter(|id| !incoming.contains_key(id))
                .collect()
        };
        {
            let mut delete = tx
                .prepare_cached("DELETE FROM meetings WHERE id = ?1")
                .map_err(sql_error)?;
            for id in &empty {
                delete.execute([id]).map_err(sql_error)?;
                changes.removed.push(*id);
                touched.remove(id);
            }
        }
        changes.updated.extend(touched);
        changes.updated.sort_unstable();
        step("before commit")?;
        tx.commit().map_err(sql_error)?;
        Ok(changes)
    }

    /// Stores one meeting after a create, a modify or a fresh GET. When it lists its
    /// occurrences, cached ones missing from that list are removed from the earliest listed
    /// one (or now, if earlier) onward; past ones stay for the history of the week view.
    pub fn upsert_meeting(&self, meeting: &CachedMeeting) -> Result<MeetingChanges> {
        self.upsert_meeting_at(meeting, now())
    }

    fn upsert_meeting_at(
        &self,
        meeting: &CachedMeeting,
        now: DateTime<Utc>,
    ) -> Result<MeetingChanges> {
        let earliest = meeting
            .occurrences
            .iter()
            .flatten()
            .map(|o| o.start_time)
            .min();
        let cutoff = earliest.map_or(now, |e| e.min(now)).timestamp();
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_error)?;
        let (added, changed, delta) = write_meeting(&tx, meeting, now, |start| start >= cutoff)?;
        tx.commit().map_err(sql_error)?;
        Ok(MeetingChanges {
            added: if added { vec![meeting.id] } else { vec![] },
            updated: if changed { vec![meeting.id] } else { vec![] },
            removed: vec![],
            occurrences_added: delta.added,
            occurrences_updated: delta.updated,
            occurrences_removed: delta.removed,
        })
    }

    /// Removes a meeting and its occurrences (after a delete). False if it was not cached.
    pub fn remove_meeting(&self, id: i64) -> Result<bool> {
        let n = self
            .lock()
            .execute("DELETE FROM meetings WHERE id = ?1", [id])
            .map_err(sql_error)?;
        Ok(n > 0)
    }

    /// Removes one occurrence (after deleting it in Zoom); the series stays. False if it
    /// was not cached.
    pub fn remove_occurrence(&self, id: i64, occurrence_id: &str) -> Result<bool> {
        let n = self
            .lock()
            .execute(
                "DELETE FROM occurrences WHERE meeting_id = ?1 AND occurrence_id = ?2",
                params![id, occurrence_id],
            )
            .map_err(sql_error)?;
        Ok(n > 0)
    }

    /// The occurrences starting in `[from, to)`, in start order, with their meetings.
    /// `search` keeps those whose topic contains it, ignoring case (Unicode-aware: "CAFÉ"
    /// finds "café"); blank means no filter.
    pub fn week(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        search: Option<&str>,
    ) -> Result<Vec<WeekItem>> {
        let needle = search.map(str::trim).filter(|s| !s.is_empty()).map(fold);
        let conn = self.lock();
        let mut stmt = conn
            .prepare_cached(&format!(
                "{OCCURRENCE_ROWS} WHERE o.start_time >= ?1 AND o.start_time < ?2 \
                 AND (?3 IS NULL OR instr(m.topic_fold, ?3) > 0) \
                 ORDER BY o.start_time, o.meeting_id, o.occurrence_id"
            ))
            .map_err(sql_error)?;
        let rows = stmt
            .query_map(params![Ts(from), Ts(to), needle], occurrence_row)
            .map_err(sql_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(sql_error)
    }

    /// Whether meeting `id` is office hours, as far as the cache knows (`None`: not cached, or
    /// only seen in Zoom's list, which does not carry the mark).
    pub fn office_hours_of(&self, id: i64) -> Result<Option<bool>> {
        Ok(read_row(&self.lock(), id)?.and_then(|r| r.office_hours))
    }

    /// A cached meeting with all its cached occurrences, in start order.
    pub fn meeting(&self, id: i64) -> Result<Option<CachedMeeting>> {
        let conn = self.lock();
        let Some(row) = read_row(&conn, id)? else {
            return Ok(None);
        };
        let mut stmt = conn
            .prepare_cached(
                "SELECT occurrence_id, start_time, duration, status FROM occurrences \
                 WHERE meeting_id = ?1 ORDER BY start_time, occurrence_id",
            )
            .map_err(sql_error)?;
        let occurrences = stmt
            .query_map([id], |r| {
                Ok(CachedOccurrence {
                    occurrence_id: r.get(0)?,
                    start_time: r.get::<_, Ts>(1)?.0,
                    duration: r.get(2)?,
                    status: r.get(3)?,
                })
            })
            .map_err(sql_error)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(sql_error)?;
        let bad = |what: &str, e: serde_json::Error| {
            Error::Storage(format!("meeting {id}: unreadable {what}: {e}"))
        };
        Ok(Some(CachedMeeting {
            id,
            topic: row.topic,
            meeting_type: row.meeting_type,
            start_time: row.start_time.and_then(|s| DateTime::from_timestamp(s, 0)),
            duration: row.duration,
            timezone: row.timezone,
            agenda: row.agenda,
            join_url: row.join_url.map(Secret::new),
            passcode: row.passcode.map(Secret::new),
            recurrence: row
                .recurrence
                .as_deref()
                .map(serde_json::from_str)
                .transpose()
                .map_err(|e| bad("recurrence", e))?,
            alternative_hosts: row.alternative_hosts,
            dial_in_numbers: row
                .dial_in_numbers
                .as_deref()
                .map(serde_json::from_str)
                .transpose()
                .map_err(|e| bad("dial-in numbers", e))?
                .unwrap_or_default(),
            details: row.details,
            occurrences: Some(occurrences),
            office_hours: row.office_hours,
        }))
    }
}

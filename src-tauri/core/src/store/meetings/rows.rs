//! Reading and writing a meeting's row, and the occurrence rows the week view reads.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

use super::model::*;
use crate::error::{Error, Result};
use crate::store::{sql_error, Ts};
use crate::zoom::models::{MEETING_RECURRING, MEETING_RECURRING_NO_TIME};

/// The columns of [`occurrence_row`]: an occurrence with what is shown of its meeting.
pub(crate) const OCCURRENCE_ROWS: &str = "SELECT o.meeting_id, o.occurrence_id, m.topic, \
     o.start_time, coalesce(o.duration, m.duration), m.timezone, m.type, \
     coalesce(m.office_hours, 0) \
     FROM occurrences o JOIN meetings m ON m.id = o.meeting_id";

/// One row of [`OCCURRENCE_ROWS`].
pub(crate) fn occurrence_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<WeekItem> {
    Ok(WeekItem {
        meeting_id: r.get(0)?,
        occurrence_id: r.get(1)?,
        topic: r.get(2)?,
        start: r.get::<_, Ts>(3)?.0,
        duration: r.get(4)?,
        timezone: r.get(5)?,
        recurring: matches!(
            r.get::<_, i64>(6)?,
            MEETING_RECURRING | MEETING_RECURRING_NO_TIME
        ),
        office_hours: r.get(7)?,
    })
}

/// The text search matches against: Unicode lowercase, so "CAFÉ" finds "café".
pub(crate) fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// A meeting's columns, as compared to decide whether a write changes anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct MeetingRow {
    pub(super) topic: String,
    pub(super) meeting_type: i64,
    pub(super) start_time: Option<i64>,
    pub(super) duration: Option<u32>,
    pub(super) timezone: Option<String>,
    pub(super) agenda: Option<String>,
    pub(super) join_url: Option<String>,
    pub(super) passcode: Option<String>,
    pub(super) recurrence: Option<String>,
    pub(super) alternative_hosts: Option<String>,
    pub(super) dial_in_numbers: Option<String>,
    pub(super) details: bool,
    pub(super) office_hours: Option<bool>,
}

impl MeetingRow {
    pub(super) fn of(m: &CachedMeeting) -> Result<MeetingRow> {
        let json = |e: serde_json::Error| Error::Internal(format!("meeting {}: {e}", m.id));
        Ok(MeetingRow {
            topic: m.topic.clone(),
            meeting_type: m.meeting_type,
            start_time: m.start_time.map(|t| t.timestamp()),
            duration: m.duration,
            timezone: m.timezone.clone(),
            agenda: m.agenda.clone(),
            join_url: m.join_url.as_ref().map(|s| s.expose().clone()),
            passcode: m.passcode.as_ref().map(|s| s.expose().clone()),
            recurrence: m
                .recurrence
                .as_ref()
                .map(serde_json::to_string)
                .transpose()
                .map_err(json)?,
            alternative_hosts: m.alternative_hosts.clone(),
            dial_in_numbers: if m.dial_in_numbers.is_empty() {
                None
            } else {
                Some(serde_json::to_string(&m.dial_in_numbers).map_err(json)?)
            },
            details: m.details,
            office_hours: m.office_hours,
        })
    }

    /// `self` (incoming) over `old` (cached): a record without details keeps the cached ones.
    pub(super) fn over(self, old: &MeetingRow) -> MeetingRow {
        if self.details {
            return self;
        }
        let agenda = match (&self.agenda, &old.agenda) {
            // Lists cut the agenda: keep the full text when the cut one is its beginning.
            (Some(cut), Some(full)) if old.details && full.starts_with(cut.as_str()) => {
                Some(full.clone())
            }
            (None, Some(full)) if old.details => Some(full.clone()),
            _ => self.agenda,
        };
        MeetingRow {
            agenda,
            join_url: self.join_url.or_else(|| old.join_url.clone()),
            passcode: self.passcode.or_else(|| old.passcode.clone()),
            recurrence: self.recurrence.or_else(|| old.recurrence.clone()),
            alternative_hosts: self
                .alternative_hosts
                .or_else(|| old.alternative_hosts.clone()),
            dial_in_numbers: self.dial_in_numbers.or_else(|| old.dial_in_numbers.clone()),
            details: old.details,
            office_hours: self.office_hours.or(old.office_hours),
            ..self
        }
    }
}

pub(super) const MEETING_COLUMNS: &str =
    "topic, type, start_time, duration, timezone, agenda, join_url, \
     passcode, recurrence, alternative_hosts, dial_in_numbers, details, office_hours";

pub(super) fn read_row(tx: &rusqlite::Connection, id: i64) -> Result<Option<MeetingRow>> {
    tx.prepare_cached(&format!(
        "SELECT {MEETING_COLUMNS} FROM meetings WHERE id = ?1"
    ))
    .and_then(|mut stmt| {
        stmt.query_row([id], |r| {
            Ok(MeetingRow {
                topic: r.get(0)?,
                meeting_type: r.get(1)?,
                start_time: r.get(2)?,
                duration: r.get(3)?,
                timezone: r.get(4)?,
                agenda: r.get(5)?,
                join_url: r.get(6)?,
                passcode: r.get(7)?,
                recurrence: r.get(8)?,
                alternative_hosts: r.get(9)?,
                dial_in_numbers: r.get(10)?,
                details: r.get(11)?,
                office_hours: r.get(12)?,
            })
        })
        .optional()
    })
    .map_err(sql_error)
}

pub(super) fn write_row(
    tx: &Transaction<'_>,
    id: i64,
    row: &MeetingRow,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO meetings (id, topic, topic_fold, type, start_time, duration, timezone, \
         agenda, join_url, passcode, recurrence, alternative_hosts, dial_in_numbers, details, \
         updated_at, office_hours) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) \
         ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, topic_fold = excluded.topic_fold, \
         type = excluded.type, start_time = excluded.start_time, duration = excluded.duration, \
         timezone = excluded.timezone, agenda = excluded.agenda, join_url = excluded.join_url, \
         passcode = excluded.passcode, recurrence = excluded.recurrence, \
         alternative_hosts = excluded.alternative_hosts, \
         dial_in_numbers = excluded.dial_in_numbers, details = excluded.details, \
         updated_at = excluded.updated_at, office_hours = excluded.office_hours",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            id,
            row.topic,
            fold(&row.topic),
            row.meeting_type,
            row.start_time,
            row.duration,
            row.timezone,
            row.agenda,
            row.join_url,
            row.passcode,
            row.recurrence,
            row.alternative_hosts,
            row.dial_in_numbers,
            row.details,
            Ts(at),
            row.office_hours,
        ])
    })
    .map(drop)
    .map_err(sql_error)
}

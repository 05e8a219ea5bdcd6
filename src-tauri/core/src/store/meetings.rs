//! Meetings and their occurrences in the cache, and the week view read from them.
//!
//! Every meeting has zero or more occurrences: a one-time meeting (type 2) has exactly one,
//! with the occurrence id `""`; a recurring one (type 8) has Zoom's occurrences; meetings
//! without a fixed time (types 1, 3, 4) have none. The week view is then one query over
//! occurrences, whatever the kind of meeting.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use ts_rs::TS;

use super::{now, sql_error, Store, Ts};
use crate::error::{Error, Result};
use crate::redact::Secret;
use crate::zoom::models::{
    DialInNumber, Meeting, MeetingListItem, Occurrence, Recurrence, MEETING_RECURRING,
    MEETING_RECURRING_NO_TIME, MEETING_SCHEDULED,
};

/// The occurrence id of a one-time meeting's single occurrence.
pub const ONE_TIME: &str = "";

/// Zoom's status of an occurrence that still takes place.
pub const AVAILABLE: &str = "available";

/// Zoom's status of a deleted occurrence (never stored).
const DELETED: &str = "deleted";

/// One occurrence of a meeting, as cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedOccurrence {
    /// Zoom's opaque id; [`ONE_TIME`] (`""`) for a one-time meeting.
    pub occurrence_id: String,
    /// Start, UTC.
    pub start_time: DateTime<Utc>,
    /// Minutes, when it differs from or refines the meeting's.
    pub duration: Option<u32>,
    /// `available` (deleted occurrences are dropped, not stored).
    pub status: String,
}

impl From<&Occurrence> for CachedOccurrence {
    fn from(o: &Occurrence) -> Self {
        CachedOccurrence {
            occurrence_id: o.occurrence_id.clone(),
            start_time: o.start_time,
            duration: o.duration,
            status: o.status.clone().unwrap_or_else(|| AVAILABLE.into()),
        }
    }
}

/// A meeting with its occurrences, as the cache keeps it: never a `start_url`.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedMeeting {
    /// Zoom's meeting number.
    pub id: i64,
    /// Title.
    pub topic: String,
    /// 1 instant, 2 scheduled, 3 recurring without time, 8 recurring, 4 PMI.
    pub meeting_type: i64,
    /// First start, UTC (types 2 and 8).
    pub start_time: Option<DateTime<Utc>>,
    /// Minutes.
    pub duration: Option<u32>,
    /// The zone it was scheduled in.
    pub timezone: Option<String>,
    /// Description (cut to 250 characters when it came from a list).
    pub agenda: Option<String>,
    /// Participants' link.
    pub join_url: Option<Secret<String>>,
    /// Passcode.
    pub passcode: Option<Secret<String>>,
    /// Recurrence rule (type 8).
    pub recurrence: Option<Recurrence>,
    /// Semicolon-separated emails, as Zoom sends them.
    pub alternative_hosts: Option<String>,
    /// Dial-in numbers.
    pub dial_in_numbers: Vec<DialInNumber>,
    /// True when this came from a full `GET /meetings/{id}` (or create). A record without
    /// details (from a list) never erases the passcode, recurrence, hosts, dial-in numbers or
    /// full agenda the cache already has.
    pub details: bool,
    /// The occurrences, in start order; `None` when the source did not say (a recurring
    /// meeting from a list): the cached ones are then kept as they are.
    pub occurrences: Option<Vec<CachedOccurrence>>,
}

impl CachedMeeting {
    /// Types 3 and 8.
    pub fn is_recurring(&self) -> bool {
        matches!(
            self.meeting_type,
            MEETING_RECURRING | MEETING_RECURRING_NO_TIME
        )
    }
}

/// The single occurrence of a one-time meeting, if it has a start.
fn one_time(
    meeting_type: i64,
    start: Option<DateTime<Utc>>,
    duration: Option<u32>,
) -> Vec<CachedOccurrence> {
    match start {
        Some(start_time) if meeting_type == MEETING_SCHEDULED => vec![CachedOccurrence {
            occurrence_id: ONE_TIME.into(),
            start_time,
            duration,
            status: AVAILABLE.into(),
        }],
        _ => Vec::new(),
    }
}

/// A full meeting (GET or create): one-time meetings get one occurrence `""` at their start;
/// recurring ones their occurrences except deleted ones. The `start_url` is dropped.
impl From<&Meeting> for CachedMeeting {
    fn from(m: &Meeting) -> Self {
        let occurrences = if m.meeting_type == MEETING_RECURRING {
            m.occurrences.as_ref().map(|list| {
                list.iter()
                    .filter(|o| o.status.as_deref() != Some(DELETED))
                    .map(CachedOccurrence::from)
                    .collect()
            })
        } else {
            Some(one_time(m.meeting_type, m.start_time, m.duration))
        };
        let settings = m.settings.as_ref();
        CachedMeeting {
            id: m.id,
            topic: m.topic.clone(),
            meeting_type: m.meeting_type,
            start_time: m.start_time,
            duration: m.duration,
            timezone: m.timezone.clone(),
            agenda: m.agenda.clone(),
            join_url: m.join_url.clone(),
            passcode: m.password.clone(),
            recurrence: m.recurrence.clone(),
            alternative_hosts: settings
                .and_then(|s| s.alternative_hosts.clone())
                .filter(|h| !h.trim().is_empty()),
            dial_in_numbers: settings
                .and_then(|s| s.global_dial_in_numbers.clone())
                .unwrap_or_default(),
            details: true,
            occurrences,
        }
    }
}

/// An item of `GET /users/me/meetings`: a one-time meeting gets its occurrence `""`; a
/// recurring one comes without occurrences (`None`, the cached ones are kept) until its full
/// record is fetched. Passcode and other details are left as the cache has them.
impl From<&MeetingListItem> for CachedMeeting {
    fn from(m: &MeetingListItem) -> Self {
        let occurrences = if m.meeting_type == MEETING_RECURRING {
            None
        } else {
            Some(one_time(m.meeting_type, m.start_time, m.duration))
        };
        CachedMeeting {
            id: m.id,
            topic: m.topic.clone(),
            meeting_type: m.meeting_type,
            start_time: m.start_time,
            duration: m.duration,
            timezone: m.timezone.clone(),
            agenda: m.agenda.clone(),
            join_url: m.join_url.clone(),
            passcode: None,
            recurrence: None,
            alternative_hosts: None,
            dial_in_numbers: Vec::new(),
            details: false,
            occurrences,
        }
    }
}

/// What a write changed, so the app refreshes the UI only when something did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingChanges {
    /// Meetings new to the cache.
    #[serde(with = "super::serde_ids::id_strings")]
    #[ts(type = "string[]")]
    pub added: Vec<i64>,
    /// Meetings whose fields or occurrences changed.
    #[serde(with = "super::serde_ids::id_strings")]
    #[ts(type = "string[]")]
    pub updated: Vec<i64>,
    /// Meetings gone from the cache (deleted in Zoom).
    #[serde(with = "super::serde_ids::id_strings")]
    #[ts(type = "string[]")]
    pub removed: Vec<i64>,
    /// Occurrences added.
    pub occurrences_added: u32,
    /// Occurrences whose time, duration or status changed.
    pub occurrences_updated: u32,
    /// Occurrences removed (not counting those of removed meetings).
    pub occurrences_removed: u32,
}

/// The name the sync was first written against.
pub type Changes = MeetingChanges;

impl MeetingChanges {
    /// Nothing changed: no need to refresh anything.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.updated.is_empty()
            && self.removed.is_empty()
            && self.occurrences_added == 0
            && self.occurrences_updated == 0
            && self.occurrences_removed == 0
    }
}

/// One line of the week view: an occurrence with what the UI shows of its meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WeekItem {
    /// Zoom's meeting number (a string in TypeScript: it may exceed 2^53).
    #[serde(with = "super::serde_ids::id_string")]
    #[ts(type = "string")]
    pub meeting_id: i64,
    /// The occurrence's opaque id; `""` for a one-time meeting.
    pub occurrence_id: String,
    /// Title (untrusted text: render as text).
    pub topic: String,
    /// Start, UTC, RFC 3339.
    #[ts(type = "string")]
    pub start: DateTime<Utc>,
    /// Minutes, when Zoom gave one.
    pub duration: Option<u32>,
    /// The meeting's own IANA zone.
    pub timezone: Option<String>,
    /// Part of a series.
    pub recurring: bool,
}

/// The columns of [`occurrence_row`]: an occurrence with what is shown of its meeting.
pub(crate) const OCCURRENCE_ROWS: &str = "SELECT o.meeting_id, o.occurrence_id, m.topic, \
     o.start_time, coalesce(o.duration, m.duration), m.timezone, m.type \
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
    })
}

/// The text search matches against: Unicode lowercase, so "CAFÉ" finds "café".
pub(crate) fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// A meeting's columns, as compared to decide whether a write changes anything.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MeetingRow {
    topic: String,
    meeting_type: i64,
    start_time: Option<i64>,
    duration: Option<u32>,
    timezone: Option<String>,
    agenda: Option<String>,
    join_url: Option<String>,
    passcode: Option<String>,
    recurrence: Option<String>,
    alternative_hosts: Option<String>,
    dial_in_numbers: Option<String>,
    details: bool,
}

impl MeetingRow {
    fn of(m: &CachedMeeting) -> Result<MeetingRow> {
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
        })
    }

    /// `self` (incoming) over `old` (cached): a record without details keeps the cached ones.
    fn over(self, old: &MeetingRow) -> MeetingRow {
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
            ..self
        }
    }
}

const MEETING_COLUMNS: &str = "topic, type, start_time, duration, timezone, agenda, join_url, \
     passcode, recurrence, alternative_hosts, dial_in_numbers, details";

fn read_row(tx: &rusqlite::Connection, id: i64) -> Result<Option<MeetingRow>> {
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
            })
        })
        .optional()
    })
    .map_err(sql_error)
}

fn write_row(tx: &Transaction<'_>, id: i64, row: &MeetingRow, at: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO meetings (id, topic, topic_fold, type, start_time, duration, timezone, \
         agenda, join_url, passcode, recurrence, alternative_hosts, dial_in_numbers, details, \
         updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) \
         ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, topic_fold = excluded.topic_fold, \
         type = excluded.type, start_time = excluded.start_time, duration = excluded.duration, \
         timezone = excluded.timezone, agenda = excluded.agenda, join_url = excluded.join_url, \
         passcode = excluded.passcode, recurrence = excluded.recurrence, \
         alternative_hosts = excluded.alternative_hosts, \
         dial_in_numbers = excluded.dial_in_numbers, details = excluded.details, \
         updated_at = excluded.updated_at",
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
        ])
    })
    .map(drop)
    .map_err(sql_error)
}

/// What happened to one meeting's occurrences.
#[derive(Debug, Default, Clone, Copy)]
struct OccurrenceDelta {
    added: u32,
    updated: u32,
    removed: u32,
}

impl OccurrenceDelta {
    fn any(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }
}

/// Writes `incoming` occurrences of meeting `id`, and removes the cached ones that are not in
/// it and for which `stale(start)` holds (they are known to be gone), and those `incoming`
/// marks deleted wherever they are.
fn write_occurrences(
    tx: &Transaction<'_>,
    id: i64,
    incoming: &[CachedOccurrence],
    stale: impl Fn(i64) -> bool,
) -> Result<OccurrenceDelta> {
    let mut cached: HashMap<String, (i64, Option<u32>, String)> = HashMap::new();
    {
        let mut stmt = tx
            .prepare_cached(
                "SELECT occurrence_id, start_time, duration, status FROM occurrences \
                 WHERE meeting_id = ?1",
            )
            .map_err(sql_error)?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
            })
            .map_err(sql_error)?;
        for row in rows {
            let (occurrence_id, values) = row.map_err(sql_error)?;
            cached.insert(occurrence_id, values);
        }
    }
    let mut delta = OccurrenceDelta::default();
    let mut upsert = tx
        .prepare_cached(
            "INSERT INTO occurrences (meeting_id, occurrence_id, start_time, duration, status) \
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (meeting_id, occurrence_id) DO UPDATE SET \
             start_time = excluded.start_time, duration = excluded.duration, \
             status = excluded.status",
        )
        .map_err(sql_error)?;
    let mut seen = BTreeSet::new();
    let mut deleted = BTreeSet::new();
    for o in incoming {
        if !seen.insert(o.occurrence_id.as_str()) {
            continue;
        }
        if o.status == DELETED {
            deleted.insert(o.occurrence_id.as_str());
            continue;
        }
        let values = (o.start_time.timestamp(), o.duration, o.status.clone());
        match cached.remove(&o.occurrence_id) {
            Some(old) if old == values => continue,
            Some(_) => delta.updated += 1,
            None => delta.added += 1,
        }
        upsert
            .execute(params![id, o.occurrence_id, values.0, values.1, values.2])
            .map_err(sql_error)?;
    }
    let mut delete = tx
        .prepare_cached("DELETE FROM occurrences WHERE meeting_id = ?1 AND occurrence_id = ?2")
        .map_err(sql_error)?;
    for (occurrence_id, (start, _, _)) in cached {
        if stale(start) || deleted.contains(occurrence_id.as_str()) {
            delta.removed += delete
                .execute(params![id, occurrence_id])
                .map_err(sql_error)? as u32;
        }
    }
    Ok(delta)
}

/// Writes one meeting: returns whether it was new, whether it changed, and its occurrences'
/// delta. Occurrences are only touched when the meeting says what they are.
fn write_meeting(
    tx: &Transaction<'_>,
    m: &CachedMeeting,
    at: DateTime<Utc>,
    stale: impl Fn(i64) -> bool,
) -> Result<(bool, bool, OccurrenceDelta)> {
    let incoming = MeetingRow::of(m)?;
    let (added, mut changed) = match read_row(tx, m.id)? {
        None => {
            write_row(tx, m.id, &incoming, at)?;
            (true, false)
        }
        Some(old) => {
            let merged = incoming.over(&old);
            let changed = merged != old;
            if changed {
                write_row(tx, m.id, &merged, at)?;
            }
            (false, changed)
        }
    };
    let delta = match &m.occurrences {
        Some(list) => write_occurrences(tx, m.id, list, stale)?,
        None => OccurrenceDelta::default(),
    };
    changed |= !added && delta.any();
    Ok((added, changed, delta))
}

/// The same meeting listed twice (e.g. once per occurrence) is merged: the last record wins,
/// occurrences are pooled.
fn dedupe(meetings: &[CachedMeeting]) -> BTreeMap<i64, CachedMeeting> {
    let mut by_id: BTreeMap<i64, CachedMeeting> = BTreeMap::new();
    for m in meetings {
        match by_id.get_mut(&m.id) {
            None => {
                by_id.insert(m.id, m.clone());
            }
            Some(prev) => {
                let pooled = match (prev.occurrences.take(), &m.occurrences) {
                    (Some(mut a), Some(b)) => {
                        a.retain(|o| !b.iter().any(|n| n.occurrence_id == o.occurrence_id));
                        a.extend(b.iter().cloned());
                        Some(a)
                    }
                    (a, b) => b.clone().or(a),
                };
                let details = prev.details || m.details;
                *prev = CachedMeeting {
                    occurrences: pooled,
                    details,
                    ..m.clone()
                };
            }
        }
    }
    by_id
}

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
        }))
    }
}

#[cfg(test)]
mod tests {
    use std::panic::{catch_unwind, AssertUnwindSafe};

    use chrono::Duration;

    use super::*;
    use crate::store::test_support::at;
    use crate::zoom::models::MeetingSettings;

    /// Monday 30 November 2026 00:00 UTC .. the next Monday.
    fn this_week() -> (DateTime<Utc>, DateTime<Utc>) {
        let from = at(2026, 11, 30, 0, 0);
        (from, from + Duration::days(7))
    }

    fn one_time_meeting(id: i64, topic: &str, start: DateTime<Utc>) -> CachedMeeting {
        CachedMeeting::from(&MeetingListItem {
            id,
            uuid: None,
            topic: topic.into(),
            meeting_type: MEETING_SCHEDULED,
            start_time: Some(start),
            duration: Some(30),
            timezone: Some("Europe/Madrid".into()),
            agenda: None,
            join_url: Some(Secret::new(format!("https://zoom.us/j/{id}?pwd=x"))),
            created_at: None,
        })
    }

    /// A daily series of `n` occurrences from `first`, as GET returns it.
    fn series(id: i64, topic: &str, first: DateTime<Utc>, n: i64) -> CachedMeeting {
        let occurrences = (0..n)
            .map(|i| {
                let start = first + Duration::days(i);
                Occurrence {
                    occurrence_id: (start.timestamp() * 1000).to_string(),
                    start_time: start,
                    duration: Some(45),
                    status: Some(AVAILABLE.into()),
                }
            })
            .collect();
        CachedMeeting::from(&Meeting {
            id,
            uuid: None,
            host_id: None,
            topic: topic.into(),
            meeting_type: MEETING_RECURRING,
            start_time: Some(first),
            duration: Some(45),
            timezone: Some("America/New_York".into()),
            agenda: Some("A long agenda".into()),
            created_at: None,
            password: Some(Secret::new("abc123".into())),
            join_url: Some(Secret::new(format!("https://zoom.us/j/{id}"))),
            start_url: Some(Secret::new(format!("https://zoom.us/s/{id}?zak=SECRET"))),
            status: None,
            recurrence: Some(Recurrence {
                recurrence_type: 1,
                repeat_interval: Some(1),
                end_times: Some(n as u32),
                ..Recurrence::default()
            }),
            occurrences: Some(occurrences),
            settings: Some(MeetingSettings {
                alternative_hosts: Some("a@example.com;b@example.com".into()),
                global_dial_in_numbers: Some(vec![DialInNumber {
                    country: Some("US".into()),
                    country_name: None,
                    city: None,
                    number: "+1 555 0100".into(),
                    number_type: Some("toll".into()),
                }]),
                ..MeetingSettings::default()
            }),
        })
    }

    fn topics(items: &[WeekItem]) -> Vec<&str> {
        items.iter().map(|i| i.topic.as_str()).collect()
    }

    fn sample() -> Vec<CachedMeeting> {
        let (mon, _) = this_week();
        vec![
            one_time_meeting(
                85_746_065_432,
                "Café con el equipo",
                mon + Duration::hours(33),
            ),
            one_time_meeting(2, "Budget review", mon + Duration::hours(9)),
            series(3, "Daily standup", mon + Duration::hours(8), 5),
            // Next week: outside the window.
            one_time_meeting(4, "Planning", mon + Duration::days(8)),
        ]
    }

    #[test]
    fn the_week_lists_occurrences_in_start_order_with_their_meetings() {
        let store = Store::open_in_memory().expect("opens");
        let (from, to) = this_week();
        let changes = store
            .replace_meetings((from, to), &sample())
            .expect("stores");
        assert_eq!(changes.added, vec![2, 3, 4, 85_746_065_432]);
        assert_eq!(changes.occurrences_added, 8);

        let week = store.week(from, to, None).expect("reads");
        assert_eq!(
            topics(&week),
            [
                "Daily standup",
                "Budget review",
                "Daily standup",
                "Café con el equipo",
                "Daily standup",
                "Daily standup",
                "Daily standup"
            ]
        );
        assert!(week.windows(2).all(|w| w[0].start <= w[1].start));
        let cafe = &week[3];
        assert_eq!(cafe.meeting_id, 85_746_065_432);
        assert_eq!(cafe.occurrence_id, ONE_TIME);
        assert!(!cafe.recurring);
        assert_eq!(cafe.duration, Some(30));
        assert_eq!(cafe.timezone.as_deref(), Some("Europe/Madrid"));
        assert!(week[0].recurring);
        assert_eq!(week[0].duration, Some(45));
        let first = (from + Duration::hours(8)).timestamp() * 1000;
        assert_eq!(week[0].occurrence_id, first.to_string());
    }

    #[test]
    fn search_ignores_case_also_beyond_ascii() {
        let store = Store::open_in_memory().expect("opens");
        let (from, to) = this_week();
        store
            .replace_meetings((from, to), &sample())
            .expect("stores");
        for needle in ["café", "CAFÉ", "  Café ", "CON EL"] {
            let found = store.week(from, to, Some(needle)).expect("reads");
            assert_eq!(topics(&found), ["Café con el equipo"], "{needle}");
        }
        assert_eq!(store.week(from, to, Some("STAND")).expect("reads").len(), 5);
        assert!(store
            .week(from, to, Some("cafe"))
            .expect("reads")
            .is_empty());
        // A LIKE wildcard is just a character here.
        assert!(store.week(from, to, Some("%")).expect("reads").is_empty());
        assert_eq!(store.week(from, to, Some("   ")).expect("reads").len(), 7);
    }

    #[test]
    fn week_items_reach_typescript_with_string_ids() {
        let item = WeekItem {
            meeting_id: 9_007_199_254_740_993,
            occurrence_id: "1764576000000".into(),
            topic: "Retro".into(),
            start: at(2026, 12, 1, 8, 0),
            duration: Some(30),
            timezone: Some("Europe/Madrid".into()),
            recurring: true,
        };
        let json = serde_json::to_value(&item).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({"meetingId": "9007199254740993", "occurrenceId": "1764576000000",
                "topic": "Retro", "start": "2026-12-01T08:00:00Z", "duration": 30,
                "timezone": "Europe/Madrid", "recurring": true})
        );
        let ts = WeekItem::decl();
        assert!(ts.contains("meetingId: string"), "{ts}");
        assert!(ts.contains("start: string"), "{ts}");
    }

    #[test]
    fn a_meeting_deleted_in_zoom_disappears_after_the_next_sync() {
        let store = Store::open_in_memory().expect("opens");
        let window = this_week();
        store.replace_meetings(window, &sample()).expect("stores");
        let mut next = sample();
        next.retain(|m| m.id != 2);
        let changes = store.replace_meetings(window, &next).expect("stores");
        assert_eq!(changes.removed, vec![2]);
        assert!(
            changes.added.is_empty() && changes.updated.is_empty(),
            "{changes:?}"
        );
        assert!(store.meeting(2).expect("reads").is_none());
        assert!(
            !topics(&store.week(window.0, window.1, None).expect("reads"))
                .contains(&"Budget review")
        );
        // The meeting of next week was not in this window's list but keeps its occurrence.
        next.retain(|m| m.id != 4);
        let changes = store.replace_meetings(window, &next).expect("stores");
        assert!(changes.is_empty(), "{changes:?}");
        assert!(store.meeting(4).expect("reads").is_some());
    }

    #[test]
    fn a_deleted_occurrence_disappears_but_the_series_stays() {
        let store = Store::open_in_memory().expect("opens");
        let window = this_week();
        store.replace_meetings(window, &sample()).expect("stores");
        let mut next = sample();
        let standup = next.iter_mut().find(|m| m.id == 3).expect("series");
        let gone = standup.occurrences.as_mut().expect("occurrences").remove(2);
        let changes = store.replace_meetings(window, &next).expect("stores");
        assert_eq!(changes.updated, vec![3]);
        assert_eq!(changes.occurrences_removed, 1);
        assert!(changes.added.is_empty() && changes.removed.is_empty());

        let week = store
            .week(window.0, window.1, Some("standup"))
            .expect("reads");
        assert_eq!(week.len(), 4);
        assert!(week.iter().all(|w| w.occurrence_id != gone.occurrence_id));
        let cached = store.meeting(3).expect("reads").expect("series stays");
        assert_eq!(cached.occurrences.map(|o| o.len()), Some(4));
    }

    #[test]
    fn an_occurrence_marked_deleted_goes_even_outside_the_window() {
        let store = Store::open_in_memory().expect("opens");
        let first = at(2026, 12, 10, 8, 0);
        let full = series(3, "Later series", first, 3);
        store.upsert_meeting(&full).expect("stores");
        let mut next = full.clone();
        if let Some(list) = next.occurrences.as_mut() {
            list[1].status = DELETED.into();
        }
        // This week's sync knows nothing of December 10th-12th, except that one is deleted.
        let changes = store
            .replace_meetings(this_week(), &[next])
            .expect("stores");
        assert_eq!(changes.occurrences_removed, 1);
        assert_eq!(changes.updated, vec![3]);
        let left = store
            .meeting(3)
            .expect("reads")
            .expect("cached")
            .occurrences;
        assert_eq!(left.map(|o| o.len()), Some(2));
    }

    #[test]
    fn an_unchanged_sync_reports_nothing_and_a_moved_meeting_is_updated() {
        let store = Store::open_in_memory().expect("opens");
        let window = this_week();
        store.replace_meetings(window, &sample()).expect("stores");
        assert!(store
            .replace_meetings(window, &sample())
            .expect("stores")
            .is_empty());
        let mut next = sample();
        next[1].start_time = next[1].start_time.map(|t| t + Duration::hours(1));
        next[1].occurrences = Some(one_time(
            MEETING_SCHEDULED,
            next[1].start_time,
            next[1].duration,
        ));
        let changes = store.replace_meetings(window, &next).expect("stores");
        assert_eq!(changes.updated, vec![2]);
        assert_eq!(changes.occurrences_updated, 1);
        let week = store
            .week(window.0, window.1, Some("budget"))
            .expect("reads");
        assert_eq!(week[0].start, window.0 + Duration::hours(10));
    }

    #[test]
    fn list_records_do_not_erase_the_details_of_a_full_record() {
        let store = Store::open_in_memory().expect("opens");
        let window = this_week();
        let full = series(3, "Daily standup", window.0 + Duration::hours(8), 5);
        store.upsert_meeting(&full).expect("stores");
        // The list knows neither occurrences nor passcode, and cuts the agenda.
        let listed = CachedMeeting::from(&MeetingListItem {
            id: 3,
            uuid: None,
            topic: "Daily standup".into(),
            meeting_type: MEETING_RECURRING,
            start_time: full.start_time,
            duration: Some(45),
            timezone: Some("America/New_York".into()),
            agenda: Some("A long".into()),
            join_url: Some(Secret::new("https://zoom.us/j/3".into())),
            created_at: None,
        });
        let changes = store.replace_meetings(window, &[listed]).expect("stores");
        assert!(changes.is_empty(), "{changes:?}");
        let cached = store.meeting(3).expect("reads").expect("cached");
        assert_eq!(cached, full);
    }

    #[test]
    fn a_meeting_round_trips_and_never_keeps_the_start_url() {
        let store = Store::open_in_memory().expect("opens");
        let full = series(3, "Daily standup", this_week().0, 5);
        let changes = store.upsert_meeting(&full).expect("stores");
        assert_eq!(changes.added, vec![3]);
        assert_eq!(changes.occurrences_added, 5);
        let cached = store.meeting(3).expect("reads").expect("cached");
        assert_eq!(cached, full);
        assert_eq!(
            cached.passcode.as_ref().map(|p| p.expose().as_str()),
            Some("abc123")
        );
        let dump: String = store
            .lock()
            .query_row(
                "SELECT group_concat(quote(m.id) || quote(topic) || quote(join_url) || \
                 quote(passcode) || quote(recurrence) || quote(alternative_hosts) || \
                 quote(dial_in_numbers) || quote(agenda)) FROM meetings m",
                [],
                |r| r.get(0),
            )
            .expect("dump");
        assert!(!dump.contains("zak") && !dump.contains("SECRET"), "{dump}");
        assert!(store.meeting(99).expect("reads").is_none());
    }

    #[test]
    fn upsert_replaces_future_occurrences_and_keeps_past_ones() {
        let store = Store::open_in_memory().expect("opens");
        let first = at(2026, 11, 23, 8, 0);
        store
            .upsert_meeting_at(&series(3, "Standup", first, 14), first)
            .expect("stores");
        // A week later Zoom lists only the occurrences still ahead, minus a deleted one.
        let now = first + Duration::days(7);
        let mut later = series(3, "Standup", first, 14);
        if let Some(list) = later.occurrences.as_mut() {
            list.retain(|o| o.start_time >= now);
            list.remove(3);
        }
        let changes = store.upsert_meeting_at(&later, now).expect("stores");
        assert_eq!(changes.occurrences_removed, 1);
        assert_eq!(changes.updated, vec![3]);
        let cached = store.meeting(3).expect("reads").expect("cached");
        assert_eq!(cached.occurrences.map(|o| o.len()), Some(13));
    }

    #[test]
    fn remove_meeting_and_remove_occurrence() {
        let store = Store::open_in_memory().expect("opens");
        let window = this_week();
        store.replace_meetings(window, &sample()).expect("stores");
        let week = store
            .week(window.0, window.1, Some("standup"))
            .expect("reads");
        assert!(store
            .remove_occurrence(3, &week[1].occurrence_id)
            .expect("removes"));
        assert!(!store
            .remove_occurrence(3, &week[1].occurrence_id)
            .expect("removes"));
        assert_eq!(
            store
                .week(window.0, window.1, Some("standup"))
                .expect("reads")
                .len(),
            4
        );
        assert!(store.remove_meeting(3).expect("removes"));
        assert!(!store.remove_meeting(3).expect("removes"));
        assert!(store
            .week(window.0, window.1, Some("standup"))
            .expect("reads")
            .is_empty());
        let left: i64 = store
            .lock()
            .query_row(
                "SELECT count(*) FROM occurrences WHERE meeting_id = 3",
                [],
                |r| r.get(0),
            )
            .expect("counts");
        assert_eq!(left, 0, "occurrences go with their meeting");
    }

    #[test]
    fn a_failed_sync_leaves_the_previous_cache_intact() {
        let store = Store::open_in_memory().expect("opens");
        let window = this_week();
        store.replace_meetings(window, &sample()).expect("stores");
        let before = store.week(window.0, window.1, None).expect("reads");

        // A very different result, failing part-way: after some meetings were written, and
        // again after the gone ones were removed.
        let next = next_sync(window);
        for fail_at in [
            "meeting written",
            "gone occurrences removed",
            "before commit",
        ] {
            let err = store
                .replace_meetings_with(window, &next, &mut |step| {
                    if step == fail_at {
                        Err(Error::Network("connection reset".into()))
                    } else {
                        Ok(())
                    }
                })
                .expect_err("fails");
            assert!(matches!(err, Error::Network(_)));
            assert_eq!(store.week(window.0, window.1, None).expect("reads"), before);
        }

        // A panic in the middle (the process dying) is no different.
        let panicked = catch_unwind(AssertUnwindSafe(|| {
            store.replace_meetings_with(window, &next, &mut |step| {
                if step == "gone occurrences removed" {
                    panic!("killed mid-sync");
                }
                Ok(())
            })
        }));
        assert!(panicked.is_err());
        assert_eq!(store.week(window.0, window.1, None).expect("reads"), before);
        assert!(store.meeting(5).expect("reads").is_none());

        // And the store still works afterwards.
        let changes = store.replace_meetings(window, &next).expect("stores");
        assert_eq!(changes.added, vec![5]);
        assert_eq!(changes.removed, vec![2, 3]);
    }

    /// Where [`killed_mid_sync_child`] finds the cache of its parent.
    const KILL_DB: &str = "ZOOMDESK_TEST_KILL_DB";

    /// The rest of the sample changed: two meetings gone, one renamed, one new.
    fn next_sync(window: (DateTime<Utc>, DateTime<Utc>)) -> Vec<CachedMeeting> {
        let mut next = sample();
        next.retain(|m| m.id != 2 && m.id != 3);
        next[0].topic = "Renamed".into();
        next.push(one_time_meeting(5, "New", window.0 + Duration::hours(1)));
        next
    }

    #[test]
    fn a_process_killed_mid_sync_leaves_the_previous_cache() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(crate::store::FILE_NAME);
        let window = this_week();
        let before = {
            let (store, _) = Store::open(&path).expect("opens");
            store.replace_meetings(window, &sample()).expect("stores");
            store.week(window.0, window.1, None).expect("reads")
        };
        // A child process (this test binary) opens the same file and aborts in the middle of
        // a sync: no destructor, no rollback, like a kill.
        let status = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "store::meetings::tests::killed_mid_sync_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(KILL_DB, &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("runs the child");
        assert!(!status.success(), "the child was meant to die: {status:?}");
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            // SIGABRT: it died in the middle of the sync, not of something else.
            assert_eq!(status.signal(), Some(6), "{status:?}");
        }

        let (store, report) = Store::open(&path).expect("reopens");
        assert!(
            !report.recovered,
            "a killed sync is not corruption: {report:?}"
        );
        assert_eq!(store.week(window.0, window.1, None).expect("reads"), before);
        assert!(store.meeting(5).expect("reads").is_none());
    }

    #[test]
    #[ignore = "run as a child process by a_process_killed_mid_sync_leaves_the_previous_cache"]
    fn killed_mid_sync_child() {
        let Some(path) = std::env::var_os(KILL_DB) else {
            return;
        };
        let (store, _) = Store::open(std::path::Path::new(&path)).expect("opens");
        // A one-page cache spills the transaction's dirty pages into the WAL before the kill.
        store
            .lock()
            .execute_batch("PRAGMA cache_size = 1;")
            .expect("small cache");
        let window = this_week();
        let _ = store.replace_meetings_with(window, &next_sync(window), &mut |step| {
            if step == "gone occurrences removed" {
                std::process::abort();
            }
            Ok(())
        });
    }

    #[test]
    fn a_constraint_violation_mid_sync_rolls_everything_back() {
        let store = Store::open_in_memory().expect("opens");
        let window = this_week();
        store.replace_meetings(window, &sample()).expect("stores");
        let before = store.week(window.0, window.1, None).expect("reads");
        // A valid new meeting first, then one SQLite refuses (a duration of over 2^63 minutes
        // cannot be stored), then the rest.
        let mut next = sample();
        next.insert(
            0,
            one_time_meeting(1, "First", window.0 + Duration::hours(2)),
        );
        let mut bad = one_time_meeting(50, "Bad", window.0 + Duration::hours(3));
        bad.occurrences = Some(vec![CachedOccurrence {
            status: String::new(),
            ..one_time(MEETING_SCHEDULED, bad.start_time, None)
                .pop()
                .expect("one")
        }]);
        next.push(bad);
        store
            .lock()
            .execute_batch(
                "CREATE TRIGGER no_empty_status BEFORE INSERT ON occurrences \
                 WHEN NEW.status = '' BEGIN SELECT RAISE(ABORT, 'empty status'); END;",
            )
            .expect("adds a check");
        let err = store.replace_meetings(window, &next).expect_err("refused");
        assert!(matches!(err, Error::Storage(_)), "{err:?}");
        assert_eq!(store.week(window.0, window.1, None).expect("reads"), before);
        assert!(store.meeting(1).expect("reads").is_none());
    }

    #[test]
    fn the_same_meeting_listed_twice_pools_its_occurrences() {
        let store = Store::open_in_memory().expect("opens");
        let window = this_week();
        let full = series(3, "Standup", window.0 + Duration::hours(8), 4);
        let mut a = full.clone();
        let mut b = full.clone();
        if let (Some(x), Some(y)) = (a.occurrences.as_mut(), b.occurrences.as_mut()) {
            x.truncate(2);
            y.drain(..2);
        }
        let changes = store.replace_meetings(window, &[a, b]).expect("stores");
        assert_eq!(changes.occurrences_added, 4);
        assert_eq!(
            store.week(window.0, window.1, None).expect("reads").len(),
            4
        );
    }

    #[test]
    fn conversions_from_zoom_records() {
        let start = at(2026, 12, 1, 8, 0);
        let mut m = series(7, "Series", start, 3);
        assert_eq!(m.occurrences.as_ref().map(Vec::len), Some(3));
        assert!(m.is_recurring());
        assert_eq!(
            m.alternative_hosts.as_deref(),
            Some("a@example.com;b@example.com")
        );
        assert_eq!(m.dial_in_numbers.len(), 1);
        // Deleted occurrences are dropped.
        let zoom = Meeting {
            id: 8,
            uuid: None,
            host_id: None,
            topic: "x".into(),
            meeting_type: MEETING_RECURRING,
            start_time: Some(start),
            duration: Some(30),
            timezone: None,
            agenda: None,
            created_at: None,
            password: None,
            join_url: None,
            start_url: None,
            status: None,
            recurrence: None,
            occurrences: Some(vec![
                Occurrence {
                    occurrence_id: "1".into(),
                    start_time: start,
                    duration: None,
                    status: Some("deleted".into()),
                },
                Occurrence {
                    occurrence_id: "2".into(),
                    start_time: start + Duration::days(1),
                    duration: None,
                    status: None,
                },
            ]),
            settings: None,
        };
        m = CachedMeeting::from(&zoom);
        let occ = m.occurrences.clone().expect("known");
        assert_eq!(occ.len(), 1);
        assert_eq!(occ[0].occurrence_id, "2");
        assert_eq!(occ[0].status, AVAILABLE);
        // A one-time meeting: one occurrence "" at its start.
        let one = CachedMeeting::from(&Meeting {
            meeting_type: MEETING_SCHEDULED,
            occurrences: None,
            ..zoom.clone()
        });
        let occ = one.occurrences.expect("known");
        assert_eq!(occ.len(), 1);
        assert_eq!(occ[0].occurrence_id, ONE_TIME);
        assert_eq!(occ[0].start_time, start);
        assert_eq!(occ[0].duration, Some(30));
        // A meeting without a fixed time has none; a recurring list item does not know.
        let no_time = CachedMeeting::from(&Meeting {
            meeting_type: MEETING_RECURRING_NO_TIME,
            start_time: None,
            occurrences: None,
            ..zoom
        });
        assert_eq!(no_time.occurrences, Some(vec![]));
        assert!(no_time.is_recurring());
    }

    #[test]
    fn a_series_is_kept_whole_from_the_window_on_and_a_later_deleted_occurrence_goes() {
        let store = Store::open_in_memory().expect("opens");
        let window = this_week();
        // Daily from Thursday for 10 days: 4 this week, 6 after it.
        let whole = series(7, "Daily", at(2026, 12, 3, 15, 0), 10);
        store
            .replace_meetings(window, std::slice::from_ref(&whole))
            .expect("stores");
        let cached = store.meeting(7).expect("reads").expect("cached");
        assert_eq!(cached.occurrences.as_ref().map(Vec::len), Some(10));
        assert_eq!(
            store
                .occurrence_position(
                    7,
                    &cached.occurrences.as_ref().expect("listed")[2].occurrence_id
                )
                .expect("reads"),
            Some((3, 10))
        );
        // Next week's Tuesday is deleted in Zoom: the next sync's list lacks it.
        let mut fewer = whole;
        if let Some(list) = fewer.occurrences.as_mut() {
            list.remove(6);
        }
        store.replace_meetings(window, &[fewer]).expect("stores");
        let cached = store.meeting(7).expect("reads").expect("cached");
        assert_eq!(cached.occurrences.as_ref().map(Vec::len), Some(9));
    }
}

//! Writing a meeting with its occurrences, and telling what changed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};

use super::model::*;
use super::rows::*;
use crate::error::Result;
use crate::store::sql_error;

/// What happened to one meeting's occurrences.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct OccurrenceDelta {
    pub(super) added: u32,
    pub(super) updated: u32,
    pub(super) removed: u32,
}

impl OccurrenceDelta {
    pub(super) fn any(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }
}

/// Writes `incoming` occurrences of meeting `id`, and removes the cached ones that are not in
/// it and for which `stale(start)` holds (they are known to be gone), and those `incoming`
/// marks deleted wherever they are.
pub(super) fn write_occurrences(
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
pub(super) fn write_meeting(
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
pub(super) fn dedupe(meetings: &[CachedMeeting]) -> BTreeMap<i64, CachedMeeting> {
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
                let office_hours = m.office_hours.or(prev.office_hours);
                *prev = CachedMeeting {
                    occurrences: pooled,
                    details,
                    office_hours,
                    ..m.clone()
                };
            }
        }
    }
    by_id
}

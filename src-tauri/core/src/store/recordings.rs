//! Cloud recordings in the cache: the recordings page, and the "new recording" notification
//! (a recording the cache has never seen before).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use ts_rs::TS;

use super::{now, sql_error, Store, Ts};
use crate::error::{Error, Result};
use crate::zoom::models::{RecordingFile, RecordingMeeting};

/// Zoom's status of a file that is ready.
pub const COMPLETED: &str = "completed";

/// One file of a recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CachedRecordingFile {
    /// Zoom's file id, or `~TYPE.EXT` for entries without one (captions, timeline).
    pub key: String,
    /// MP4, M4A, TRANSCRIPT, CHAT, CC, ...
    pub file_type: Option<String>,
    /// MP4, M4A, VTT, TXT, ...
    pub extension: Option<String>,
    /// Bytes.
    #[ts(type = "number | null")]
    pub size: Option<u64>,
    /// Needs the bearer token; redirects to a signed URL.
    pub download_url: Option<String>,
    /// Zoom's web player.
    pub play_url: Option<String>,
    /// `completed`, or still processing.
    pub status: Option<String>,
    /// e.g. `shared_screen_with_speaker_view`.
    pub recording_type: Option<String>,
    /// When this file's recording started.
    #[ts(type = "string | null")]
    pub recording_start: Option<DateTime<Utc>>,
    /// When it ended.
    #[ts(type = "string | null")]
    pub recording_end: Option<DateTime<Utc>>,
}

/// A recorded meeting instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CachedRecording {
    /// The meeting instance's UUID.
    pub uuid: String,
    /// Zoom's meeting number (a string in TypeScript).
    #[serde(with = "super::serde_ids::id_string")]
    #[ts(type = "string")]
    pub meeting_id: i64,
    /// Title (untrusted text).
    pub topic: String,
    /// Start, UTC.
    #[ts(type = "string")]
    pub start_time: DateTime<Utc>,
    /// Minutes.
    pub duration: Option<u32>,
    /// Bytes across files.
    #[ts(type = "number | null")]
    pub total_size: Option<u64>,
    /// Zoom's share link.
    pub share_url: Option<String>,
    /// When the cache first saw it.
    #[ts(type = "string")]
    pub first_seen_at: DateTime<Utc>,
    /// Every file with a status is `completed` (and there is at least one file).
    pub completed: bool,
    /// Files, in Zoom's order.
    pub files: Vec<CachedRecordingFile>,
}

/// What [`Store::replace_recordings`] changed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecordingChanges {
    /// UUIDs the cache had never seen: candidates for a "new recording" notification.
    pub new: Vec<String>,
    /// UUIDs already cached whose fields or files changed (e.g. processing finished).
    pub updated: Vec<String>,
    /// UUIDs gone from Zoom inside the window.
    pub removed: Vec<String>,
}

impl RecordingChanges {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.updated.is_empty() && self.removed.is_empty()
    }
}

/// The recording's own columns, as compared.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RecordingRow {
    meeting_id: i64,
    topic: String,
    start_time: DateTime<Utc>,
    duration: Option<u32>,
    total_size: Option<u64>,
    share_url: Option<String>,
}

impl From<&RecordingMeeting> for RecordingRow {
    fn from(r: &RecordingMeeting) -> Self {
        RecordingRow {
            meeting_id: r.id,
            topic: r.topic.clone(),
            start_time: r.start_time,
            duration: r.duration,
            total_size: r.total_size,
            share_url: r.share_url.clone(),
        }
    }
}

/// Zoom's files with a stable key each.
fn files_of(files: &[RecordingFile]) -> Vec<CachedRecordingFile> {
    let mut used = BTreeSet::new();
    files
        .iter()
        .map(|f| {
            let base = f.id.clone().filter(|id| !id.is_empty()).unwrap_or_else(|| {
                format!(
                    "~{}.{}",
                    f.file_type.as_deref().unwrap_or(""),
                    f.file_extension.as_deref().unwrap_or("")
                )
            });
            let mut key = base.clone();
            let mut n = 1;
            while !used.insert(key.clone()) {
                n += 1;
                key = format!("{base}#{n}");
            }
            CachedRecordingFile {
                key,
                file_type: f.file_type.clone().filter(|t| !t.is_empty()),
                extension: f.file_extension.clone().filter(|t| !t.is_empty()),
                size: f.file_size,
                download_url: f.download_url.clone(),
                play_url: f.play_url.clone(),
                status: f.status.clone(),
                recording_type: f.recording_type.clone(),
                recording_start: f.recording_start,
                recording_end: f.recording_end,
            }
        })
        .collect()
}

fn completed(files: &[CachedRecordingFile]) -> bool {
    !files.is_empty()
        && files
            .iter()
            .all(|f| !matches!(f.status.as_deref(), Some(s) if s != COMPLETED))
}

fn read_row(conn: &rusqlite::Connection, uuid: &str) -> Result<Option<RecordingRow>> {
    conn.prepare_cached(
        "SELECT meeting_id, topic, start_time, duration, total_size, share_url \
         FROM recordings WHERE uuid = ?1",
    )
    .and_then(|mut stmt| {
        stmt.query_row([uuid], |r| {
            Ok(RecordingRow {
                meeting_id: r.get(0)?,
                topic: r.get(1)?,
                start_time: r.get::<_, Ts>(2)?.0,
                duration: r.get(3)?,
                total_size: r.get(4)?,
                share_url: r.get(5)?,
            })
        })
        .optional()
    })
    .map_err(sql_error)
}

fn read_files(conn: &rusqlite::Connection, uuid: &str) -> Result<Vec<CachedRecordingFile>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT file_key, file_type, extension, size, download_url, play_url, status, \
             recording_type, recording_start, recording_end FROM recording_files \
             WHERE recording_uuid = ?1 ORDER BY position",
        )
        .map_err(sql_error)?;
    let rows = stmt
        .query_map([uuid], |r| {
            Ok(CachedRecordingFile {
                key: r.get(0)?,
                file_type: r.get(1)?,
                extension: r.get(2)?,
                size: r.get(3)?,
                download_url: r.get(4)?,
                play_url: r.get(5)?,
                status: r.get(6)?,
                recording_type: r.get(7)?,
                recording_start: r.get::<_, Option<Ts>>(8)?.map(|t| t.0),
                recording_end: r.get::<_, Option<Ts>>(9)?.map(|t| t.0),
            })
        })
        .map_err(sql_error)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(sql_error)
}

fn write_recording(
    tx: &Transaction<'_>,
    uuid: &str,
    row: &RecordingRow,
    files: &[CachedRecordingFile],
    at: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO recordings (uuid, meeting_id, topic, start_time, duration, total_size, \
         share_url, first_seen_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) \
         ON CONFLICT (uuid) DO UPDATE SET meeting_id = excluded.meeting_id, \
         topic = excluded.topic, start_time = excluded.start_time, \
         duration = excluded.duration, total_size = excluded.total_size, \
         share_url = excluded.share_url, updated_at = excluded.updated_at",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            uuid,
            row.meeting_id,
            row.topic,
            Ts(row.start_time),
            row.duration,
            row.total_size,
            row.share_url,
            Ts(at),
        ])
    })
    .map_err(sql_error)?;
    tx.prepare_cached("DELETE FROM recording_files WHERE recording_uuid = ?1")
        .and_then(|mut stmt| stmt.execute([uuid]))
        .map_err(sql_error)?;
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO recording_files (recording_uuid, file_key, position, file_type, \
             extension, size, download_url, play_url, status, recording_type, \
             recording_start, recording_end) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .map_err(sql_error)?;
    for (position, f) in files.iter().enumerate() {
        insert
            .execute(params![
                uuid,
                f.key,
                position as i64,
                f.file_type,
                f.extension,
                f.size,
                f.download_url,
                f.play_url,
                f.status,
                f.recording_type,
                f.recording_start.map(Ts),
                f.recording_end.map(Ts),
            ])
            .map_err(sql_error)?;
    }
    Ok(())
}

impl Store {
    /// Stores the recordings Zoom lists for `[from, to)` (by meeting start): upserts them with
    /// their files, removes cached ones in that window that Zoom no longer lists, and tells
    /// which were never seen before. One transaction.
    pub fn replace_recordings(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        recordings: &[RecordingMeeting],
    ) -> Result<RecordingChanges> {
        if from >= to {
            return Err(Error::Internal(format!(
                "empty recordings window {from} .. {to}"
            )));
        }
        let at = now();
        // The same instance twice (pages overlapping): the last one wins.
        let incoming: BTreeMap<&str, &RecordingMeeting> =
            recordings.iter().map(|r| (r.uuid.as_str(), r)).collect();

        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_error)?;
        let mut changes = RecordingChanges::default();
        for (uuid, r) in &incoming {
            let row = RecordingRow::from(*r);
            let files = files_of(&r.recording_files);
            match read_row(&tx, uuid)? {
                None => changes.new.push((*uuid).to_owned()),
                Some(old) if old == row && read_files(&tx, uuid)? == files => continue,
                Some(_) => changes.updated.push((*uuid).to_owned()),
            }
            write_recording(&tx, uuid, &row, &files, at)?;
        }
        {
            let mut stmt = tx
                .prepare_cached(
                    "SELECT uuid FROM recordings WHERE start_time >= ?1 AND start_time < ?2",
                )
                .map_err(sql_error)?;
            let uuids = stmt
                .query_map([Ts(from), Ts(to)], |r| r.get::<_, String>(0))
                .map_err(sql_error)?;
            for uuid in uuids {
                let uuid = uuid.map_err(sql_error)?;
                if !incoming.contains_key(uuid.as_str()) {
                    changes.removed.push(uuid);
                }
            }
        }
        {
            let mut delete = tx
                .prepare_cached("DELETE FROM recordings WHERE uuid = ?1")
                .map_err(sql_error)?;
            for uuid in &changes.removed {
                delete.execute([uuid]).map_err(sql_error)?;
            }
        }
        tx.commit().map_err(sql_error)?;
        Ok(changes)
    }

    /// Cached recordings of meetings that started at or after `since`, newest first.
    pub fn recordings(&self, since: DateTime<Utc>) -> Result<Vec<CachedRecording>> {
        let conn = self.lock();
        let uuids: Vec<String> = {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT uuid FROM recordings WHERE start_time >= ?1 \
                     ORDER BY start_time DESC, uuid",
                )
                .map_err(sql_error)?;
            let rows = stmt
                .query_map([Ts(since)], |r| r.get(0))
                .map_err(sql_error)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
                .map_err(sql_error)?
        };
        let mut out = Vec::with_capacity(uuids.len());
        for uuid in uuids {
            if let Some(r) = read_recording(&conn, &uuid)? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// One cached recording with its files.
    pub fn recording(&self, uuid: &str) -> Result<Option<CachedRecording>> {
        read_recording(&self.lock(), uuid)
    }

    /// Remembers where the user stopped playing a file.
    pub fn set_play_position(&self, uuid: &str, file_key: &str, seconds: f64) -> Result<()> {
        let seconds = if seconds.is_finite() {
            seconds.max(0.0)
        } else {
            0.0
        };
        self.lock()
            .execute(
                "INSERT INTO play_positions (recording_uuid, file_key, seconds, updated_at) \
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (recording_uuid, file_key) DO UPDATE SET \
                 seconds = excluded.seconds, updated_at = excluded.updated_at",
                params![uuid, file_key, seconds, Ts(now())],
            )
            .map(drop)
            .map_err(sql_error)
    }

    /// Where the user stopped playing a file (0 when never played).
    pub fn play_position(&self, uuid: &str, file_key: &str) -> Result<f64> {
        Ok(self
            .lock()
            .query_row(
                "SELECT seconds FROM play_positions WHERE recording_uuid = ?1 AND file_key = ?2",
                params![uuid, file_key],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_error)?
            .unwrap_or(0.0))
    }
}

fn read_recording(conn: &rusqlite::Connection, uuid: &str) -> Result<Option<CachedRecording>> {
    let Some(row) = read_row(conn, uuid)? else {
        return Ok(None);
    };
    let first_seen_at: Ts = conn
        .query_row(
            "SELECT first_seen_at FROM recordings WHERE uuid = ?1",
            [uuid],
            |r| r.get(0),
        )
        .map_err(sql_error)?;
    let files = read_files(conn, uuid)?;
    Ok(Some(CachedRecording {
        uuid: uuid.to_owned(),
        meeting_id: row.meeting_id,
        topic: row.topic,
        start_time: row.start_time,
        duration: row.duration,
        total_size: row.total_size,
        share_url: row.share_url,
        first_seen_at: first_seen_at.0,
        completed: completed(&files),
        files,
    }))
}

#[cfg(test)]
pub(crate) mod tests {
    use chrono::Duration;

    use super::*;
    use crate::store::test_support::at;

    pub(crate) fn file(id: Option<&str>, file_type: &str, status: Option<&str>) -> RecordingFile {
        RecordingFile {
            id: id.map(Into::into),
            meeting_id: None,
            recording_start: Some(at(2026, 11, 27, 10, 0)),
            recording_end: Some(at(2026, 11, 27, 10, 30)),
            file_type: Some(file_type.into()),
            file_extension: Some(if file_type == "CC" { "VTT" } else { "MP4" }.into()),
            file_size: status.map(|_| 1_234_567_890_123),
            play_url: None,
            download_url: Some(format!(
                "https://zoom.us/rec/download/{}",
                id.unwrap_or("cc")
            )),
            status: status.map(Into::into),
            recording_type: None,
        }
    }

    pub(crate) fn recorded(uuid: &str, id: i64, start: DateTime<Utc>) -> RecordingMeeting {
        RecordingMeeting {
            uuid: uuid.into(),
            id,
            topic: format!("Meeting {id}"),
            meeting_type: Some(2),
            start_time: start,
            duration: Some(30),
            total_size: Some(1_234_567_890_123),
            recording_count: Some(2),
            share_url: Some(format!("https://zoom.us/rec/share/{id}")),
            recording_files: vec![
                file(Some("f1"), "MP4", Some("completed")),
                file(None, "CC", None),
            ],
        }
    }

    fn window() -> (DateTime<Utc>, DateTime<Utc>) {
        let to = at(2026, 11, 30, 0, 0);
        (to - Duration::days(8), to)
    }

    #[test]
    fn new_recordings_are_told_apart_from_updated_ones() {
        let store = Store::open_in_memory().expect("opens");
        let (from, to) = window();
        let a = recorded("a==", 1, at(2026, 11, 27, 10, 0));
        let mut b = recorded("/b//", 2, at(2026, 11, 28, 10, 0));
        b.recording_files[0].status = Some("processing".into());

        let first = store
            .replace_recordings(from, to, &[a.clone(), b.clone()])
            .expect("stores");
        assert_eq!(first.new, ["/b//", "a=="]);
        assert!(first.updated.is_empty() && first.removed.is_empty());
        assert!(
            !store
                .recording("/b//")
                .expect("reads")
                .expect("cached")
                .completed
        );
        // Seen a while ago.
        let seen = at(2026, 11, 28, 11, 0);
        store
            .lock()
            .execute(
                "UPDATE recordings SET first_seen_at = ?1",
                [crate::store::Ts(seen)],
            )
            .expect("backdates");

        // Same answer again: nothing new, nothing changed.
        let again = store
            .replace_recordings(from, to, &[a.clone(), b.clone()])
            .expect("stores");
        assert!(again.is_empty(), "{again:?}");

        // b finishes processing and c appears: c is new, b only updated.
        b.recording_files[0].status = Some("completed".into());
        let c = recorded("c==", 3, at(2026, 11, 29, 10, 0));
        let next = store
            .replace_recordings(from, to, &[a, b, c])
            .expect("stores");
        assert_eq!(next.new, ["c=="]);
        assert_eq!(next.updated, ["/b//"]);
        let b = store.recording("/b//").expect("reads").expect("cached");
        assert!(b.completed);
        assert_eq!(
            b.first_seen_at, seen,
            "an update keeps when it was first seen"
        );
    }

    #[test]
    fn recordings_gone_from_zoom_disappear_and_older_ones_stay() {
        let store = Store::open_in_memory().expect("opens");
        let (from, to) = window();
        let old = recorded("old", 9, from - Duration::days(3));
        store
            .replace_recordings(from - Duration::days(8), from, &[old])
            .expect("stores");
        let a = recorded("a", 1, at(2026, 11, 27, 10, 0));
        let b = recorded("b", 2, at(2026, 11, 28, 10, 0));
        store
            .replace_recordings(from, to, &[a.clone(), b])
            .expect("stores");
        let changes = store.replace_recordings(from, to, &[a]).expect("stores");
        assert_eq!(changes.removed, ["b"]);
        let all = store.recordings(from - Duration::days(30)).expect("reads");
        let uuids: Vec<&str> = all.iter().map(|r| r.uuid.as_str()).collect();
        assert_eq!(uuids, ["a", "old"], "newest first; outside the window kept");
        assert!(store.recording("b").expect("reads").is_none());
        assert_eq!(store.recordings(from).expect("reads").len(), 1);
    }

    #[test]
    fn files_keep_their_order_sizes_and_keys() {
        let store = Store::open_in_memory().expect("opens");
        let (from, to) = window();
        let mut r = recorded("a", 85_746_065_432, at(2026, 11, 27, 10, 0));
        r.recording_files.push(file(None, "CC", None));
        store.replace_recordings(from, to, &[r]).expect("stores");
        let cached = store.recording("a").expect("reads").expect("cached");
        let keys: Vec<&str> = cached.files.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["f1", "~CC.VTT", "~CC.VTT#2"]);
        assert_eq!(cached.files[0].size, Some(1_234_567_890_123));
        assert_eq!(cached.total_size, Some(1_234_567_890_123));
        assert_eq!(cached.meeting_id, 85_746_065_432);
        assert!(
            cached.completed,
            "entries without a status do not hold it back"
        );
        let json = serde_json::to_value(&cached).expect("serializes");
        assert_eq!(json["meetingId"], "85746065432");
        assert_eq!(json["files"][1]["fileType"], "CC");
    }
}

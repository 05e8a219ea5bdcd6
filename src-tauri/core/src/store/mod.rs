//! The SQLite cache: what the app shows at once and offline.
//!
//! One database file in the app's data folder holds the signed-in user, the meetings and their
//! occurrences, recent recordings and their files, which reminders and recordings were already
//! announced, and when each kind of sync last succeeded. Reads answer from it at once; the sync
//! writes each of its results with one call, in one transaction, so a crash, a kill or a panic
//! part-way leaves the previous cache as it was.
//!
//! - [`Store::open`] opens (or creates) the file: WAL journal, foreign keys, a busy timeout and
//!   versioned migrations ([`migrations`]). A file that is not a database, is corrupt, or was
//!   written by a newer Zoomdesk is moved aside (`<name>.corrupt-<UTC time>`), logged, and
//!   replaced by an empty cache; [`OpenReport::recovered`] tells the app to say so and rebuild
//!   from Zoom.
//! - Meetings: [`Store::replace_meetings`], [`Store::upsert_meeting`], [`Store::week`], ...
//!   (see [`meetings`]).
//! - Recordings: [`Store::replace_recordings`], [`Store::recordings`] (see [`recordings`]).
//! - Announcements: [`Store::mark_notified`] (see [`notified`]).
//! - The user and sync ages: [`Store::set_user`], [`Store::sync_age`].
//!
//! Times are stored as Unix seconds (UTC). Secrets that must never be kept (the host's
//! `start_url`, OAuth tokens) have no column at all.

pub mod meetings;
pub mod migrations;
pub mod notified;
pub mod recordings;
pub mod reminders;
mod salvage;
pub mod serde_ids;
pub mod series_checks;
pub mod sync_state;
pub mod user;

pub use reminders::META_REBUILT_AT;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, ErrorCode};

use crate::error::{Error, Result};

pub use meetings::{CachedMeeting, CachedOccurrence, Changes, MeetingChanges, WeekItem};
pub use notified::NoticeKind;
pub use recordings::{CachedRecording, CachedRecordingFile, RecordingChanges};
pub use sync_state::SyncState;
pub use user::CachedUser;

/// The cache's file name inside the app's data folder.
pub const FILE_NAME: &str = "zoomdesk.sqlite3";

/// How long a statement waits for a lock held by another connection before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The SQLite cache. Cheap to share: wrap it in an `Arc`; every call locks its one connection
/// for the duration of one statement or transaction.
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
}

/// What [`Store::open`] had to do.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpenReport {
    /// The old file could not be read and was replaced by an empty cache: tell the user and
    /// sync everything again.
    pub recovered: bool,
    /// Where the unreadable file was moved, when it was.
    pub moved_to: Option<PathBuf>,
    /// Why the old file could not be used.
    pub reason: Option<String>,
}

/// Why opening failed: the file's content is unusable (move it aside), or something else
/// (permissions, a full disk, a lock) that a fresh file would not fix.
enum OpenError {
    Unreadable(String),
    Other(Error),
}

impl From<rusqlite::Error> for OpenError {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                OpenError::Unreadable(err.to_string())
            }
            _ => OpenError::Other(sql_error(err)),
        }
    }
}

impl Store {
    /// Opens the cache at `path`, creating the file and its folder when missing.
    ///
    /// An unreadable file (not SQLite, corrupt, or from a newer schema) is moved aside with its
    /// `-wal` and `-shm` companions and replaced by an empty cache; the report says so.
    /// Other failures (no permission, disk full) are returned as [`Error::Storage`] and leave
    /// the file alone.
    pub fn open(path: &Path) -> Result<(Store, OpenReport)> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                Error::Storage(format!("cannot create folder {}: {e}", parent.display()))
            })?;
        }
        match open_file(path) {
            Ok(conn) => Ok((Store::wrap(conn, Some(path)), OpenReport::default())),
            Err(OpenError::Other(err)) => Err(err),
            Err(OpenError::Unreadable(reason)) => {
                let moved_to = move_aside(path)?;
                tracing::warn!(
                    file = %path.display(),
                    moved_to = %moved_to.display(),
                    %reason,
                    "the cache could not be read; it was moved aside and will be rebuilt from Zoom"
                );
                let conn = open_file(path).map_err(|e| match e {
                    OpenError::Other(err) => err,
                    OpenError::Unreadable(reason) => Error::Storage(format!(
                        "a new cache at {} is unreadable too: {reason}",
                        path.display()
                    )),
                })?;
                let store = Store::wrap(conn, Some(path));
                // The user's own data (notices shown, snoozes, playback positions) comes back
                // from the file set aside as far as it can be read.
                let salvaged = store.salvage_from(&moved_to);
                tracing::info!(rows = salvaged.rows, "kept from the cache set aside");
                if !salvaged.notified {
                    // What was announced before is lost: announce nothing due before this
                    // moment again.
                    store.set_meta(META_REBUILT_AT, now().timestamp())?;
                }
                let report = OpenReport {
                    recovered: true,
                    moved_to: Some(moved_to),
                    reason: Some(reason),
                };
                Ok((store, report))
            }
        }
    }

    /// An empty cache in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory().map_err(sql_error)?;
        configure(&mut conn).map_err(|e| match e {
            OpenError::Other(err) => err,
            OpenError::Unreadable(reason) => Error::Storage(reason),
        })?;
        Ok(Store::wrap(conn, None))
    }

    /// The file behind this cache (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn wrap(conn: Connection, path: Option<&Path>) -> Store {
        Store {
            conn: Mutex::new(conn),
            path: path.map(Path::to_path_buf),
        }
    }

    /// The connection. A panic in another caller while it held the lock cannot have left a
    /// half-written transaction (rusqlite rolls back on drop), so a poisoned lock is still good.
    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Opens and prepares one file; the connection is closed again on any failure.
fn open_file(path: &Path) -> std::result::Result<Connection, OpenError> {
    let mut conn = Connection::open(path).map_err(|e| {
        OpenError::Other(Error::Storage(format!(
            "cannot open the cache {}: {e}",
            path.display()
        )))
    })?;
    configure(&mut conn)?;
    // A cheap structural check: a damaged page is found now, not in the middle of a sync.
    let check: String = conn.query_row("PRAGMA quick_check(1)", [], |row| row.get(0))?;
    if check != "ok" {
        return Err(OpenError::Unreadable(format!("integrity check: {check}")));
    }
    Ok(conn)
}

/// Connection settings and migrations, for files and memory alike.
fn configure(conn: &mut Connection) -> std::result::Result<(), OpenError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Reading the journal mode reads the header: a file that is not SQLite fails here.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    // In WAL mode NORMAL is safe against crashes of the app (only a power cut may lose the
    // last transaction, never consistency); the cache can always be rebuilt.
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
    let version: usize = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version > migrations::LATEST {
        return Err(OpenError::Unreadable(format!(
            "schema version {version} is newer than this Zoomdesk knows ({})",
            migrations::LATEST
        )));
    }
    migrations::MIGRATIONS
        .to_latest(conn)
        .map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => match err.sqlite_error_code() {
                // The machine's trouble, not the file's: a fresh file would not help.
                Some(
                    ErrorCode::SystemIoFailure
                    | ErrorCode::DiskFull
                    | ErrorCode::CannotOpen
                    | ErrorCode::DatabaseBusy
                    | ErrorCode::DatabaseLocked
                    | ErrorCode::ReadOnly
                    | ErrorCode::PermissionDenied
                    | ErrorCode::OutOfMemory,
                ) => OpenError::Other(sql_error(err)),
                // SQL that does not fit the file (a table already there, a constraint, a
                // damaged page): some other database, not a cache this build can upgrade.
                _ => {
                    let err = err.to_string();
                    let first = err.lines().next().unwrap_or_default();
                    OpenError::Unreadable(format!(
                        "the schema cannot be upgraded: {}",
                        first.trim_end().trim_end_matches(" in")
                    ))
                }
            },
            rusqlite_migration::Error::MigrationDefinition(
                rusqlite_migration::MigrationDefinitionError::DatabaseTooFarAhead,
            ) => OpenError::Unreadable("schema from a newer Zoomdesk".into()),
            other => OpenError::Other(Error::Storage(format!("cache migration: {other}"))),
        })?;
    Ok(())
}

/// Renames `path` (and its `-wal`/`-shm` files) to `<name>.corrupt-<UTC time>`; returns the
/// new name of the main file.
fn move_aside(path: &Path) -> Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut target = with_suffix(path, &format!(".corrupt-{stamp}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = with_suffix(path, &format!(".corrupt-{stamp}-{n}"));
    }
    for companion in ["-wal", "-shm"] {
        let from = with_suffix(path, companion);
        if from.exists() {
            let to = with_suffix(&target, companion);
            std::fs::rename(&from, &to).map_err(|e| {
                Error::Storage(format!("cannot move {} aside: {e}", from.display()))
            })?;
        }
    }
    if path.exists() {
        std::fs::rename(path, &target).map_err(|e| {
            Error::Storage(format!(
                "cannot move the unreadable cache {} aside: {e}",
                path.display()
            ))
        })?;
    }
    Ok(target)
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A storage error from SQLite.
pub(crate) fn sql_error(err: rusqlite::Error) -> Error {
    Error::Storage(err.to_string())
}

/// An instant stored as Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ts(pub DateTime<Utc>);

impl ToSql for Ts {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.timestamp()))
    }
}

impl FromSql for Ts {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let secs = i64::column_result(value)?;
        DateTime::from_timestamp(secs, 0)
            .map(Ts)
            .ok_or(FromSqlError::OutOfRange(secs))
    }
}

/// Now, to the second (what the cache can store).
pub(crate) fn now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)
}

#[cfg(test)]
pub(crate) mod test_support {
    use chrono::{DateTime, TimeZone, Utc};

    /// An RFC 3339 instant, in UTC.
    pub fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("test instant")
            .with_timezone(&Utc)
    }

    /// A UTC instant.
    pub fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .expect("valid test time")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(store: &Store) -> String {
        store
            .lock()
            .query_row(
                "SELECT group_concat(sql, char(10)) FROM sqlite_master WHERE sql IS NOT NULL",
                [],
                |row| row.get(0),
            )
            .expect("schema")
    }

    #[test]
    fn store_is_send_and_sync() {
        fn shared<T: Send + Sync>() {}
        shared::<Store>();
    }

    #[test]
    fn the_schema_has_no_place_for_start_urls_or_tokens() {
        let store = Store::open_in_memory().expect("opens");
        let sql = schema(&store).to_lowercase();
        assert!(sql.contains("create table meetings"), "{sql}");
        assert!(!sql.contains("start_url"), "{sql}");
        assert!(!sql.contains("token"), "{sql}");
        assert!(!sql.contains("zak"), "{sql}");
    }

    #[test]
    fn open_creates_the_folder_and_a_wal_database_with_foreign_keys() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nested/data").join(FILE_NAME);
        let (store, report) = Store::open(&path).expect("opens");
        assert!(!report.recovered);
        assert!(path.exists());
        assert_eq!(store.path(), Some(path.as_path()));
        let conn = store.lock();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("journal mode");
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .expect("foreign keys");
        assert_eq!(fk, 1);
        let version: usize = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, migrations::LATEST);
    }

    /// Files in `dir` whose name starts with `prefix`.
    fn names(dir: &Path, prefix: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("reads dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(prefix))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_garbage_file_is_moved_aside_and_a_fresh_cache_opens() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        // Deterministic noise: a xorshift stream, nothing like a SQLite header.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let garbage: Vec<u8> = (0..8192)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x & 0xff) as u8
            })
            .collect();
        std::fs::write(&path, &garbage).expect("writes garbage");

        let (store, report) = Store::open(&path).expect("recovers");
        assert!(report.recovered, "{report:?}");
        let moved = report.moved_to.clone().expect("moved aside");
        assert_eq!(std::fs::read(&moved).expect("kept"), garbage);
        let moved_name = moved
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        assert!(
            moved_name.starts_with(&format!("{FILE_NAME}.corrupt-")),
            "{moved_name}"
        );
        // The fresh cache works.
        assert!(store
            .mark_notified(NoticeKind::Reminder, "1:")
            .expect("writes"));
        drop(store);
        let (_, again) = Store::open(&path).expect("reopens");
        assert!(!again.recovered, "the new file is healthy: {again:?}");
    }

    #[test]
    fn the_wal_and_shm_files_move_aside_with_the_database() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        for (suffix, body) in [("", "db"), ("-wal", "wal"), ("-shm", "shm")] {
            std::fs::write(with_suffix(&path, suffix), body).expect("writes");
        }
        let moved = move_aside(&path).expect("moves");
        for (suffix, body) in [("", "db"), ("-wal", "wal"), ("-shm", "shm")] {
            assert!(!with_suffix(&path, suffix).exists(), "{suffix} left behind");
            let kept = std::fs::read_to_string(with_suffix(&moved, suffix)).expect("kept");
            assert_eq!(kept, body);
        }
        // A second recovery in the same second does not overwrite the first.
        std::fs::write(&path, "db2").expect("writes");
        let again = move_aside(&path).expect("moves");
        assert_ne!(again, moved);
        assert_eq!(std::fs::read_to_string(&moved).expect("kept"), "db");
    }

    #[test]
    fn a_cache_from_a_newer_schema_is_moved_aside() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        {
            let (store, _) = Store::open(&path).expect("opens");
            let shown = "42::1700000000:lead";
            assert!(store
                .mark_notified(NoticeKind::Reminder, shown)
                .expect("marks"));
            store
                .snooze(&crate::store::reminders::Snooze {
                    key: shown.to_string(),
                    meeting_id: 42,
                    occurrence_id: String::new(),
                    until: test_support::at(2026, 12, 2, 9, 5),
                })
                .expect("snoozes");
            store.set_meta("blocked_until.medium", 7).expect("meta");
            store
                .lock()
                .execute_batch("PRAGMA user_version = 99;")
                .expect("bumps version");
        }
        let (store, report) = Store::open(&path).expect("recovers");
        assert!(report.recovered);
        assert!(
            report.reason.as_deref().unwrap_or("").contains("newer"),
            "{report:?}"
        );
        // The user's own data came along: the reminder shown stays shown, the snooze and
        // the playback position stay; so no rebuild watermark is needed.
        assert!(!store
            .mark_notified(NoticeKind::Reminder, "42::1700000000:lead")
            .expect("marks"));
        assert_eq!(store.snoozes().expect("snoozes").len(), 1);
        assert_eq!(store.meta("blocked_until.medium").expect("meta"), Some(7));
        assert_eq!(store.rebuilt_at().expect("meta"), None);
        assert_eq!(names(dir.path(), &format!("{FILE_NAME}.corrupt-")).len(), 1);
        let version: usize = store
            .lock()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, migrations::LATEST);
    }

    #[test]
    fn another_programs_database_at_the_path_is_moved_aside() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        {
            let conn = Connection::open(&path).expect("creates");
            conn.execute_batch(
                "CREATE TABLE meetings (x TEXT); INSERT INTO meetings VALUES ('a');",
            )
            .expect("foreign schema");
        }
        let (store, report) = Store::open(&path).expect("recovers");
        assert!(report.recovered, "{report:?}");
        assert_eq!(
            report.reason.as_deref(),
            Some("the schema cannot be upgraded: table meetings already exists")
        );
        assert!(store
            .week(
                test_support::at(2026, 11, 30, 0, 0),
                test_support::at(2026, 12, 7, 0, 0),
                None
            )
            .expect("reads")
            .is_empty());
    }

    #[test]
    fn a_damaged_page_is_detected_and_the_file_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        {
            let (store, _) = Store::open(&path).expect("opens");
            for i in 0..200 {
                store
                    .mark_notified(NoticeKind::Recording, &format!("recording-{i:04}"))
                    .expect("writes");
            }
            // Fold the WAL into the main file so the damage below hits real pages.
            store
                .lock()
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
                .expect("checkpoint");
        }
        let mut bytes = std::fs::read(&path).expect("reads");
        assert!(bytes.len() > 3 * 4096, "several pages: {}", bytes.len());
        // Keep the header page; scribble over the rest.
        for b in bytes.iter_mut().skip(4096) {
            *b = 0xA5;
        }
        std::fs::write(&path, &bytes).expect("damages");
        let (store, report) = Store::open(&path).expect("recovers");
        assert!(report.recovered, "{report:?}");
        assert!(!store
            .was_notified(NoticeKind::Recording, "recording-0001")
            .expect("reads"));
    }

    #[test]
    fn reopening_the_file_keeps_everything() {
        use crate::zoom::models::{MeetingListItem, RecordingMeeting, User, MEETING_SCHEDULED};

        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        let start = test_support::at(2026, 12, 1, 9, 0);
        let window = (
            start - chrono::Duration::days(1),
            start + chrono::Duration::days(6),
        );
        {
            let (store, _) = Store::open(&path).expect("opens");
            let listed = MeetingListItem {
                id: 85_746_065_432,
                uuid: None,
                topic: "Kickoff".into(),
                meeting_type: MEETING_SCHEDULED,
                start_time: Some(start),
                duration: Some(60),
                timezone: Some("Europe/Madrid".into()),
                agenda: None,
                join_url: None,
                created_at: None,
            };
            store
                .replace_meetings(window, &[CachedMeeting::from(&listed)])
                .expect("stores meetings");
            let recording: RecordingMeeting = serde_json::from_str(
                r#"{"uuid": "u==", "id": 85746065432, "topic": "Kickoff",
                    "start_time": "2026-11-27T10:00:00Z", "recording_files": []}"#,
            )
            .expect("parses");
            store
                .replace_recordings(start - chrono::Duration::days(8), start, &[recording])
                .expect("stores recordings");
            let user: User =
                serde_json::from_str(r#"{"id":"u1","email":"ana@example.com"}"#).expect("parses");
            store.set_user(&user).expect("stores user");
            store.record_sync("meetings", Ok(())).expect("records");
            assert!(with_suffix(&path, "-wal").exists(), "WAL in use");
        }
        let (store, report) = Store::open(&path).expect("reopens");
        assert!(!report.recovered);
        let week = store.week(window.0, window.1, None).expect("reads");
        assert_eq!(week.len(), 1);
        assert_eq!(week[0].topic, "Kickoff");
        assert!(store.recording("u==").expect("reads").is_some());
        assert_eq!(
            store.user().expect("reads").map(|u| u.email),
            Some("ana@example.com".into())
        );
        assert!(store.sync_age("meetings").expect("reads").is_some());
    }

    #[test]
    fn threads_share_one_store() {
        let store = std::sync::Arc::new(Store::open_in_memory().expect("opens"));
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let store = std::sync::Arc::clone(&store);
                std::thread::spawn(move || {
                    for i in 0..50 {
                        store
                            .mark_notified(NoticeKind::Reminder, &format!("{t}:{i}"))
                            .expect("writes");
                        let _ = store
                            .week(
                                test_support::at(2026, 11, 30, 0, 0),
                                test_support::at(2026, 12, 7, 0, 0),
                                Some("x"),
                            )
                            .expect("reads");
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("thread ends");
        }
        let n: i64 = store
            .lock()
            .query_row("SELECT count(*) FROM notified", [], |r| r.get(0))
            .expect("counts");
        assert_eq!(n, 200);
    }

    #[test]
    fn a_folder_in_the_way_is_an_error_not_a_recovery() {
        // A folder where the file should be: not a database problem, nothing is moved.
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        std::fs::create_dir(&path).expect("creates dir");
        let err = Store::open(&path).expect_err("cannot open a folder");
        assert!(matches!(err, Error::Storage(_)), "{err:?}");
        assert!(path.is_dir());
        assert!(names(dir.path(), &format!("{FILE_NAME}.corrupt-")).is_empty());
    }

    #[test]
    fn timestamps_round_trip_as_unix_seconds() {
        let store = Store::open_in_memory().expect("opens");
        let t = test_support::at(2026, 11, 30, 8, 15);
        let back: Ts = store
            .lock()
            .query_row("SELECT ?1", [Ts(t)], |r| r.get(0))
            .expect("round trip");
        assert_eq!(back.0, t);
        let raw: i64 = store
            .lock()
            .query_row("SELECT ?1", [Ts(t)], |r| r.get(0))
            .expect("raw");
        assert_eq!(raw, t.timestamp());
    }
}

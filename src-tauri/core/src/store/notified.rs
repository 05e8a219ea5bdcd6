//! What was already announced, so a restart never repeats a reminder or a "new recording"
//! notification, and a sleep never loses one (the poller asks, then marks).

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{now, sql_error, Store, Ts};
use crate::error::Result;

/// What kind of announcement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    /// A meeting is about to start; key: [`reminder_key`].
    Reminder,
    /// A recording is ready; key: the instance UUID.
    Recording,
}

impl NoticeKind {
    /// The value stored in the `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Reminder => "reminder",
            NoticeKind::Recording => "recording",
        }
    }
}

/// The key of a reminder: one per occurrence (`""` for a one-time meeting).
pub fn reminder_key(meeting_id: i64, occurrence_id: &str) -> String {
    format!("{meeting_id}:{occurrence_id}")
}

impl Store {
    /// Records that `key` was announced. True only the first time, ever: a second call (even
    /// after a restart) returns false, so the caller announces only on true.
    pub fn mark_notified(&self, kind: NoticeKind, key: &str) -> Result<bool> {
        let n = self
            .lock()
            .execute(
                "INSERT OR IGNORE INTO notified (kind, key, at) VALUES (?1, ?2, ?3)",
                params![kind.as_str(), key, Ts(now())],
            )
            .map_err(sql_error)?;
        Ok(n == 1)
    }

    /// Whether `key` was announced already.
    pub fn was_notified(&self, kind: NoticeKind, key: &str) -> Result<bool> {
        self.lock()
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM notified WHERE kind = ?1 AND key = ?2)",
                params![kind.as_str(), key],
                |r| r.get(0),
            )
            .map_err(sql_error)
    }

    /// Forgets announcements made before `before` (their meetings are long past); returns how
    /// many. Keeps the table small over years of use.
    pub fn prune_notified(&self, before: DateTime<Utc>) -> Result<usize> {
        self.lock()
            .execute("DELETE FROM notified WHERE at < ?1", [Ts(before)])
            .map_err(sql_error)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::store::FILE_NAME;

    #[test]
    fn a_reminder_is_announced_once_even_across_restarts() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        let key = reminder_key(85_746_065_432, "1764576000000");
        {
            let (store, _) = Store::open(&path).expect("opens");
            assert!(!store
                .was_notified(NoticeKind::Reminder, &key)
                .expect("reads"));
            assert!(store
                .mark_notified(NoticeKind::Reminder, &key)
                .expect("marks"));
            assert!(!store
                .mark_notified(NoticeKind::Reminder, &key)
                .expect("marks"));
            // Kinds are separate.
            assert!(store
                .mark_notified(NoticeKind::Recording, &key)
                .expect("marks"));
        }
        let (store, report) = Store::open(&path).expect("reopens");
        assert!(!report.recovered);
        assert!(store
            .was_notified(NoticeKind::Reminder, &key)
            .expect("reads"));
        assert!(!store
            .mark_notified(NoticeKind::Reminder, &key)
            .expect("marks"));
        assert!(store
            .mark_notified(NoticeKind::Reminder, &reminder_key(85_746_065_432, ""))
            .expect("marks"));
    }

    #[test]
    fn old_announcements_can_be_pruned() {
        let store = Store::open_in_memory().expect("opens");
        assert!(store
            .mark_notified(NoticeKind::Recording, "a")
            .expect("marks"));
        assert_eq!(
            store
                .prune_notified(now() - Duration::days(1))
                .expect("prunes"),
            0
        );
        assert_eq!(
            store
                .prune_notified(now() + Duration::seconds(1))
                .expect("prunes"),
            1
        );
        assert!(!store
            .was_notified(NoticeKind::Recording, "a")
            .expect("reads"));
    }
}

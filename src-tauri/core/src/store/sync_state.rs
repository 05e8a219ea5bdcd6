//! When each kind of sync last succeeded, so reads answer at once with their age
//! ("updated 5 min ago", "offline since 09:12").

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::{now, sql_error, Store, Ts};
use crate::error::Result;
use crate::redact::redact_text;

/// The bookkeeping of one kind of sync (e.g. `"meetings"`, `"recordings"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncState {
    /// The last time it succeeded, if ever.
    pub last_success_at: Option<DateTime<Utc>>,
    /// The last time it was tried.
    pub last_attempt_at: DateTime<Utc>,
    /// Why the last attempt failed; `None` when it succeeded.
    pub last_error: Option<String>,
}

impl Store {
    /// Records the outcome of a sync named `key`. A failure keeps the time of the last
    /// success; its message is stored redacted.
    pub fn record_sync(&self, key: &str, outcome: std::result::Result<(), String>) -> Result<()> {
        self.record_sync_at(key, outcome, now())
    }

    fn record_sync_at(
        &self,
        key: &str,
        outcome: std::result::Result<(), String>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let conn = self.lock();
        match outcome {
            Ok(()) => conn.execute(
                "INSERT INTO sync_state (key, last_success_at, last_attempt_at, last_error) \
                 VALUES (?1, ?2, ?2, NULL) ON CONFLICT (key) DO UPDATE SET \
                 last_success_at = excluded.last_success_at, \
                 last_attempt_at = excluded.last_attempt_at, last_error = NULL",
                params![key, Ts(at)],
            ),
            Err(message) => conn.execute(
                "INSERT INTO sync_state (key, last_success_at, last_attempt_at, last_error) \
                 VALUES (?1, NULL, ?2, ?3) ON CONFLICT (key) DO UPDATE SET \
                 last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error",
                params![key, Ts(at), redact_text(&message)],
            ),
        }
        .map(drop)
        .map_err(sql_error)
    }

    /// When the sync named `key` last succeeded (`None`: never, the cache may be empty).
    pub fn sync_age(&self, key: &str) -> Result<Option<DateTime<Utc>>> {
        Ok(self.sync_state(key)?.and_then(|s| s.last_success_at))
    }

    /// Everything recorded about the sync named `key`.
    pub fn sync_state(&self, key: &str) -> Result<Option<SyncState>> {
        self.lock()
            .query_row(
                "SELECT last_success_at, last_attempt_at, last_error FROM sync_state \
                 WHERE key = ?1",
                [key],
                |r| {
                    Ok(SyncState {
                        last_success_at: r.get::<_, Option<Ts>>(0)?.map(|t| t.0),
                        last_attempt_at: r.get::<_, Ts>(1)?.0,
                        last_error: r.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(sql_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::at;

    #[test]
    fn the_age_is_the_last_success_and_failures_keep_it() {
        let store = Store::open_in_memory().expect("opens");
        assert_eq!(store.sync_age("meetings").expect("reads"), None);

        let t1 = at(2026, 11, 30, 9, 0);
        store
            .record_sync_at("meetings", Ok(()), t1)
            .expect("records");
        assert_eq!(store.sync_age("meetings").expect("reads"), Some(t1));

        let t2 = at(2026, 11, 30, 9, 5);
        store
            .record_sync_at(
                "meetings",
                Err("GET https://api.zoom.us/v2/x?access_token=abc failed".into()),
                t2,
            )
            .expect("records");
        let state = store.sync_state("meetings").expect("reads").expect("kept");
        assert_eq!(state.last_success_at, Some(t1));
        assert_eq!(state.last_attempt_at, t2);
        let error = state.last_error.expect("an error");
        assert!(!error.contains("abc"), "{error}");

        let t3 = at(2026, 11, 30, 9, 10);
        store
            .record_sync_at("meetings", Ok(()), t3)
            .expect("records");
        let state = store.sync_state("meetings").expect("reads").expect("kept");
        assert_eq!(state.last_error, None);
        assert_eq!(state.last_success_at, Some(t3));
        assert_eq!(store.sync_age("recordings").expect("reads"), None);

        // A first attempt that fails: tried, never succeeded.
        store
            .record_sync("recordings", Err("offline".into()))
            .expect("records");
        assert_eq!(store.sync_age("recordings").expect("reads"), None);
        store.record_sync("recordings", Ok(())).expect("records");
        let age = store.sync_age("recordings").expect("reads").expect("set");
        assert!((Utc::now() - age).num_seconds().abs() <= 2, "{age}");
    }
}

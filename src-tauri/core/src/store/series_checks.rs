//! When each recurring series was last fetched whole, and how Zoom's list showed it then.
//!
//! Zoom's meeting list does not carry a series' occurrences: they take one GET per series.
//! Doing that on every sync spends the account's Light budget for nothing, so a sync fetches a
//! series again only when its list item changed or its last fetch is old.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::{sql_error, Store, Ts};
use crate::error::Result;

/// What the cache knows of one series' last fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesCheck {
    /// The list item's fields as they were then.
    pub listed_as: String,
    /// When the series was fetched.
    pub fetched_at: DateTime<Utc>,
}

impl Store {
    /// The last fetch of series `id`, if one is recorded.
    pub fn series_check(&self, id: i64) -> Result<Option<SeriesCheck>> {
        self.lock()
            .query_row(
                "SELECT listed_as, fetched_at FROM series_checks WHERE meeting_id = ?1",
                [id],
                |r| {
                    Ok(SeriesCheck {
                        listed_as: r.get(0)?,
                        fetched_at: r.get::<_, Ts>(1)?.0,
                    })
                },
            )
            .optional()
            .map_err(sql_error)
    }

    /// Records the series fetched in a sync (`(id, check)`) and forgets those no longer
    /// listed (`listed` holds every series id of the list).
    pub fn record_series_checks(
        &self,
        fetched: &[(i64, SeriesCheck)],
        listed: &[i64],
    ) -> Result<()> {
        let mut conn = self.lock();
        let tx = conn.transaction().map_err(sql_error)?;
        {
            let mut put = tx
                .prepare_cached(
                    "INSERT INTO series_checks (meeting_id, listed_as, fetched_at) \
                     VALUES (?1, ?2, ?3) ON CONFLICT (meeting_id) DO UPDATE SET \
                     listed_as = excluded.listed_as, fetched_at = excluded.fetched_at",
                )
                .map_err(sql_error)?;
            for (id, check) in fetched {
                put.execute(params![id, check.listed_as, Ts(check.fetched_at)])
                    .map_err(sql_error)?;
            }
            let known: Vec<i64> = {
                let mut stmt = tx
                    .prepare_cached("SELECT meeting_id FROM series_checks")
                    .map_err(sql_error)?;
                let ids = stmt.query_map([], |r| r.get(0)).map_err(sql_error)?;
                ids.collect::<rusqlite::Result<_>>().map_err(sql_error)?
            };
            let mut forget = tx
                .prepare_cached("DELETE FROM series_checks WHERE meeting_id = ?1")
                .map_err(sql_error)?;
            for id in known.iter().filter(|id| !listed.contains(id)) {
                forget.execute([id]).map_err(sql_error)?;
            }
        }
        tx.commit().map_err(sql_error)
    }

    /// Forgets every series check: the next sync fetches every series.
    pub fn forget_series_checks(&self) -> Result<()> {
        self.lock()
            .execute("DELETE FROM series_checks", [])
            .map(drop)
            .map_err(sql_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::at;

    #[test]
    fn checks_are_kept_replaced_and_forgotten_with_the_list() {
        let store = Store::open_in_memory().expect("store");
        let check = |s: &str, t| SeriesCheck {
            listed_as: s.into(),
            fetched_at: t,
        };
        let t1 = at(2026, 12, 2, 9, 0);
        store
            .record_series_checks(&[(1, check("a", t1)), (2, check("b", t1))], &[1, 2])
            .expect("record");
        assert_eq!(store.series_check(1).expect("read"), Some(check("a", t1)));
        let t2 = at(2026, 12, 2, 10, 0);
        store
            .record_series_checks(&[(1, check("a2", t2))], &[1])
            .expect("record");
        assert_eq!(store.series_check(1).expect("read"), Some(check("a2", t2)));
        assert_eq!(
            store.series_check(2).expect("read"),
            None,
            "no longer listed"
        );
        store.forget_series_checks().expect("forget");
        assert_eq!(store.series_check(1).expect("read"), None);
    }
}

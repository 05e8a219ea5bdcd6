//! What a cache set aside still gives back: the user's own data.
//!
//! A cache that cannot be opened (damaged, or written by a newer Zoomdesk) is replaced by an
//! empty one; meetings and recordings come back from Zoom, but what only this machine knows
//! does not: which reminders and recording notices were shown, snoozes, where each recording
//! was paused, and the facts the cache keeps (such as daily limits Zoom reported). Those are
//! copied from the file set aside, table by table, as far as it can still be read.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{sql_error, Store};
use crate::error::Result;

/// The tables that hold the user's own data, with the columns copied.
const OWN_DATA: &[(&str, &str)] = &[
    ("notified", "kind, key, at"),
    (
        "snoozes",
        "key, meeting_id, occurrence_id, start_time, until",
    ),
    (
        "play_positions",
        "recording_uuid, file_key, seconds, updated_at",
    ),
    ("meta", "key, value"),
];

/// What a salvage got back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Salvaged {
    /// Rows copied, over every table.
    pub rows: usize,
    /// True when the record of shown notifications came back whole.
    pub notified: bool,
}

impl Store {
    /// Copies the user's own data from the cache set aside at `old` into this (new) one.
    /// Each table is all or nothing; a table that cannot be read is skipped.
    pub(crate) fn salvage_from(&self, old: &Path) -> Salvaged {
        let mut got = Salvaged::default();
        let Ok(src) = Connection::open_with_flags(
            old,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) else {
            return got;
        };
        for (table, columns) in OWN_DATA {
            match self.copy_table(&src, table, columns) {
                Ok(n) => {
                    got.rows += n;
                    got.notified |= *table == "notified";
                }
                Err(e) => tracing::info!(table, "not recovered from the old cache: {e}"),
            }
        }
        got
    }

    fn copy_table(&self, src: &Connection, table: &str, columns: &str) -> Result<usize> {
        let mut stmt = src
            .prepare(&format!("SELECT {columns} FROM {table}"))
            .map_err(sql_error)?;
        let width = stmt.column_count();
        let rows: Vec<Vec<rusqlite::types::Value>> = stmt
            .query_map([], |r| (0..width).map(|i| r.get(i)).collect())
            .map_err(sql_error)?
            .collect::<rusqlite::Result<_>>()
            .map_err(sql_error)?;
        let mut conn = self.lock();
        let tx = conn.transaction().map_err(sql_error)?;
        {
            let marks = vec!["?"; width].join(", ");
            let mut put = tx
                .prepare(&format!(
                    "INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})"
                ))
                .map_err(sql_error)?;
            for row in &rows {
                put.execute(rusqlite::params_from_iter(row.iter()))
                    .map_err(sql_error)?;
            }
        }
        tx.commit().map_err(sql_error)?;
        Ok(rows.len())
    }
}

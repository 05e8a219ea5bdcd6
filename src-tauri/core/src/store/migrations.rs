//! The cache's schema, as an ordered list of migrations.
//!
//! Each entry is one schema version (`PRAGMA user_version` counts them). Never edit a
//! migration that has shipped: append a new one. A database whose version is beyond this list
//! was written by a newer Zoomdesk; [`super::Store::open`] moves it aside and starts afresh,
//! since everything in it can be fetched from Zoom again.
//!
//! Conventions: every instant is an INTEGER of Unix seconds (UTC), so comparisons and indexes
//! are plain integer ones; JSON columns hold the serde form of the `zoom::models` type named in
//! their comment. Tables are STRICT so a wrong type is an error, not a silent conversion.
//! No host `start_url` and no OAuth token is ever stored: the schema has no column for them.

use rusqlite_migration::{Migrations, M};

/// Version 1: meetings, occurrences, recordings and their files, the user, announced
/// notifications and sync bookkeeping.
const V1: &str = r"
CREATE TABLE user (
    slot INTEGER PRIMARY KEY CHECK (slot = 1), -- one row: the signed-in user
    id TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    timezone TEXT,
    type INTEGER NOT NULL,                     -- 1 basic, 2 licensed, ...
    pmi INTEGER,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,                    -- Zoom's meeting number
    topic TEXT NOT NULL,
    topic_fold TEXT NOT NULL,                  -- lowercased topic (Unicode-aware), for search
    type INTEGER NOT NULL,                     -- 1, 2, 3, 8 (4 PMI)
    start_time INTEGER,                        -- first start (types 2 and 8)
    duration INTEGER CHECK (duration >= 0),    -- minutes
    timezone TEXT,
    agenda TEXT,
    join_url TEXT,
    passcode TEXT,
    recurrence TEXT,                           -- JSON: zoom::models::Recurrence
    alternative_hosts TEXT,                    -- semicolon-separated, as Zoom sends it
    dial_in_numbers TEXT,                      -- JSON: [zoom::models::DialInNumber]
    details INTEGER NOT NULL CHECK (details IN (0, 1)), -- 1 once a full GET was stored
    updated_at INTEGER NOT NULL                -- when this row last changed in the cache
) STRICT;

CREATE TABLE occurrences (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    occurrence_id TEXT NOT NULL,               -- '' for the one occurrence of a one-time meeting
    start_time INTEGER NOT NULL,
    duration INTEGER CHECK (duration >= 0),
    status TEXT NOT NULL,                      -- 'available' (deleted ones are not kept)
    PRIMARY KEY (meeting_id, occurrence_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX occurrences_by_start ON occurrences(start_time);

CREATE TABLE recordings (
    uuid TEXT PRIMARY KEY,                     -- the meeting instance
    meeting_id INTEGER NOT NULL,               -- no foreign key: past meetings are not cached
    topic TEXT NOT NULL,
    start_time INTEGER NOT NULL,
    duration INTEGER CHECK (duration >= 0),
    total_size INTEGER CHECK (total_size >= 0),
    share_url TEXT,
    first_seen_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX recordings_by_start ON recordings(start_time);

CREATE TABLE recording_files (
    recording_uuid TEXT NOT NULL REFERENCES recordings(uuid) ON DELETE CASCADE,
    file_key TEXT NOT NULL,                    -- Zoom's file id, or '~TYPE.EXT' when it has none
    position INTEGER NOT NULL,                 -- order in Zoom's answer
    file_type TEXT,
    extension TEXT,
    size INTEGER CHECK (size >= 0),
    download_url TEXT,
    play_url TEXT,
    status TEXT,
    recording_type TEXT,
    recording_start INTEGER,
    recording_end INTEGER,
    PRIMARY KEY (recording_uuid, file_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE notified (
    kind TEXT NOT NULL CHECK (kind IN ('reminder', 'recording')),
    key TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    last_success_at INTEGER,
    last_attempt_at INTEGER NOT NULL,
    last_error TEXT
) STRICT;
";

/// Version 2: snoozed reminders, small facts about the cache itself (such as when it was
/// rebuilt, so a rebuilt cache does not announce again what was announced before), and where
/// the user stopped playing each recording.
const V2: &str = r"
CREATE TABLE snoozes (
    key TEXT PRIMARY KEY,                      -- the reminder's notice key
    meeting_id INTEGER NOT NULL,
    occurrence_id TEXT NOT NULL,
    start_time INTEGER NOT NULL,               -- the occurrence's start when it was snoozed
    until INTEGER NOT NULL                     -- show it again at this instant
) STRICT;

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;

CREATE TABLE play_positions (
    recording_uuid TEXT NOT NULL,
    file_key TEXT NOT NULL,
    seconds REAL NOT NULL CHECK (seconds >= 0),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (recording_uuid, file_key)
) STRICT, WITHOUT ROWID;
";

/// Version 3: when each recurring series was last fetched whole, and what Zoom's list said of
/// it then, so a sync GETs a series only when the list shows a change or an hour has passed.
const V3: &str = r"
CREATE TABLE series_checks (
    meeting_id INTEGER PRIMARY KEY,
    listed_as TEXT NOT NULL,                   -- the list item's fields that can change
    fetched_at INTEGER NOT NULL
) STRICT;
";

/// Version 4: whether a meeting is office hours, as its full record in Zoom said (its
/// `settings.custom_keys`); NULL while only Zoom's list has been seen, which does not carry it.
const V4: &str = r"
ALTER TABLE meetings ADD COLUMN office_hours INTEGER CHECK (office_hours IN (0, 1));
";

const LIST: &[M<'static>] = &[M::up(V1), M::up(V2), M::up(V3), M::up(V4)];

/// The migrations, oldest first.
pub(crate) const MIGRATIONS: Migrations<'static> = Migrations::from_slice(LIST);

/// The schema version this build writes.
pub(crate) const LATEST: usize = LIST.len();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS
            .validate()
            .expect("migrations apply to an empty database");
    }
}

//! What the create and modify forms show while they are filled: the next occurrences, in the
//! meeting's zone and in the user's, and the cached meetings they would overlap.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::schedule::input::{MeetingInput, MAX_OCCURRENCES};
use crate::schedule::recurrence;
use crate::schedule::zones;
use crate::store::Store;

/// Minutes assumed for a cached occurrence whose duration Zoom did not give (Zoom's default).
pub const DEFAULT_DURATION: u32 = 60;

/// How wall-clock times are written for the UI to format with its locale.
const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// One upcoming occurrence of the meeting being filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewItem {
    /// Start, UTC, RFC 3339.
    #[ts(type = "string")]
    pub start: DateTime<Utc>,
    /// Wall-clock start in the meeting's zone, `YYYY-MM-DDTHH:MM`.
    pub local_in_meeting_zone: String,
    /// Wall-clock start in the user's zone, `YYYY-MM-DDTHH:MM`.
    pub local_in_user_zone: String,
}

/// A cached occurrence that the meeting being filled in would overlap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Overlap {
    /// The other meeting's id (a string: it may exceed 2^53).
    pub meeting_id: String,
    /// Its occurrence's opaque id; `""` for a one-time meeting.
    pub occurrence_id: String,
    /// Its title (untrusted text: render as text).
    pub topic: String,
    /// Its start, UTC, RFC 3339.
    #[ts(type = "string")]
    pub start: DateTime<Utc>,
}

/// The preview shown next to the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Preview {
    /// The first occurrences, at most the `limit` asked for.
    pub occurrences: Vec<PreviewItem>,
    /// How many occurrences the series has in all (at most Zoom's 60).
    pub total: u32,
    /// Cached occurrences that any of the series' occurrences would overlap, in start order.
    pub overlaps: Vec<Overlap>,
}

/// Checks `input` (its validation error, naming the field, is the `Err`), expands its
/// occurrences and finds the cached ones they overlap; `ignore_meeting_id` is the meeting
/// being modified, which never overlaps itself.
pub fn preview(
    input: &MeetingInput,
    now: DateTime<Utc>,
    user_zone: Tz,
    store: &Store,
    limit: usize,
    ignore_meeting_id: Option<i64>,
) -> Result<Preview> {
    let valid = input.validate(now)?;
    let tz = zones::zone(&valid.body.timezone)?;
    let starts = match &valid.body.recurrence {
        Some(rule) => recurrence::occurrences(valid.start, tz, rule, MAX_OCCURRENCES as usize),
        None => vec![valid.start],
    };
    let duration = Duration::minutes(i64::from(valid.body.duration));
    let overlaps = overlaps(&starts, duration, store, ignore_meeting_id)?;
    let local = |at: &DateTime<Utc>, zone: Tz| at.with_timezone(&zone).format(LOCAL_FORMAT);
    Ok(Preview {
        occurrences: starts
            .iter()
            .take(limit)
            .map(|at| PreviewItem {
                start: *at,
                local_in_meeting_zone: local(at, tz).to_string(),
                local_in_user_zone: local(at, user_zone).to_string(),
            })
            .collect(),
        total: u32::try_from(starts.len()).unwrap_or(MAX_OCCURRENCES),
        overlaps,
    })
}

/// The cached occurrences whose `[start, start + duration)` meets one of `[s, s + duration)`
/// for `s` in `starts` (sorted), each once, in start order.
fn overlaps(
    starts: &[DateTime<Utc>],
    duration: Duration,
    store: &Store,
    ignore_meeting_id: Option<i64>,
) -> Result<Vec<Overlap>> {
    let (Some(first), Some(last)) = (starts.first(), starts.last()) else {
        return Ok(Vec::new());
    };
    // A meeting lasts at most a day: one starting a day before the first can still run into it.
    let from = *first - Duration::days(1);
    let to = *last + duration;
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for item in store.week(from, to, None)? {
        if Some(item.meeting_id) == ignore_meeting_id {
            continue;
        }
        let theirs = Duration::minutes(i64::from(item.duration.unwrap_or(DEFAULT_DURATION)));
        let (their_start, their_end) = (item.start, item.start + theirs);
        // The first of ours ending after theirs starts; it overlaps if it starts before theirs ends.
        let idx = starts.partition_point(|s| *s + duration <= their_start);
        let hit = starts.get(idx).is_some_and(|s| *s < their_end);
        if hit && seen.insert((item.meeting_id, item.occurrence_id.clone())) {
            out.push(Overlap {
                meeting_id: item.meeting_id.to_string(),
                occurrence_id: item.occurrence_id,
                topic: item.topic,
                start: item.start,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::input::{Repeat, SeriesEnd};
    use crate::store::meetings::{CachedMeeting, CachedOccurrence, AVAILABLE, ONE_TIME};
    use crate::store::test_support::utc;
    use crate::zoom::models::{MEETING_RECURRING, MEETING_SCHEDULED};
    use chrono::{NaiveDate, NaiveTime};

    fn now() -> DateTime<Utc> {
        utc("2026-11-29T09:00:00Z")
    }

    /// Weekly on Tuesdays at 09:30 Madrid (08:30 UTC in winter), 45 minutes, 10 times.
    fn input() -> MeetingInput {
        MeetingInput {
            topic: "Weekly sync".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            time: NaiveTime::from_hms_opt(9, 30, 0).expect("time"),
            fold: None,
            timezone: "Europe/Madrid".into(),
            duration: 45,
            repeat: Repeat::Weekly {
                every: 1,
                days: vec![2],
                end: SeriesEnd::After { count: 10 },
            },
            passcode: String::new(),
            alternative_hosts: Vec::new(),
            dial_in_countries: Vec::new(),
            agenda: String::new(),
            office_hours: false,
        }
    }

    fn one_time(id: i64, topic: &str, start: &str, minutes: Option<u32>) -> CachedMeeting {
        CachedMeeting {
            id,
            topic: topic.into(),
            meeting_type: MEETING_SCHEDULED,
            start_time: Some(utc(start)),
            duration: minutes,
            timezone: Some("UTC".into()),
            agenda: None,
            join_url: None,
            passcode: None,
            recurrence: None,
            alternative_hosts: None,
            dial_in_numbers: Vec::new(),
            details: true,
            office_hours: None,
            occurrences: Some(vec![CachedOccurrence {
                occurrence_id: ONE_TIME.into(),
                start_time: utc(start),
                duration: minutes,
                status: AVAILABLE.into(),
            }]),
        }
    }

    fn store_with(meetings: &[CachedMeeting]) -> Store {
        let store = Store::open_in_memory().expect("store");
        for m in meetings {
            store.upsert_meeting(m).expect("upsert");
        }
        store
    }

    #[test]
    fn shows_the_first_occurrences_in_both_zones_and_counts_them_all() {
        let store = store_with(&[]);
        let p = preview(
            &input(),
            now(),
            chrono_tz::America::New_York,
            &store,
            5,
            None,
        )
        .expect("preview");
        assert_eq!(p.total, 10);
        assert_eq!(p.occurrences.len(), 5);
        let first = &p.occurrences[0];
        assert_eq!(first.start, utc("2026-12-01T08:30:00Z"));
        assert_eq!(first.local_in_meeting_zone, "2026-12-01T09:30");
        assert_eq!(first.local_in_user_zone, "2026-12-01T03:30");
        assert_eq!(p.occurrences[4].local_in_meeting_zone, "2026-12-29T09:30");
        assert!(p.overlaps.is_empty());
    }

    #[test]
    fn a_one_time_meeting_previews_itself() {
        let mut m = input();
        m.repeat = Repeat::Once;
        let p = preview(&m, now(), Tz::UTC, &store_with(&[]), 10, None).expect("preview");
        assert_eq!(p.total, 1);
        assert_eq!(p.occurrences[0].local_in_user_zone, "2026-12-01T08:30");
    }

    #[test]
    fn validation_errors_come_back_naming_the_field() {
        let mut m = input();
        m.topic = " ".into();
        let err = preview(&m, now(), Tz::UTC, &store_with(&[]), 5, None).expect_err("invalid");
        assert_eq!(err.field(), Some("topic"));
    }

    #[test]
    fn finds_overlaps_across_the_whole_series_but_not_touching_ones() {
        let store = store_with(&[
            // Ends exactly when the 1st occurrence starts: no overlap.
            one_time(1, "Before", "2026-12-01T07:30:00Z", Some(60)),
            // Starts during the 2nd occurrence (08:30-09:15 UTC on the 8th).
            one_time(2, "Clash; with, you", "2026-12-08T09:00:00Z", Some(30)),
            // Starts exactly when the 3rd ends: no overlap.
            one_time(3, "After", "2026-12-15T09:15:00Z", Some(30)),
            // Starts the evening before and runs into the 10th occurrence (2027-02-02).
            one_time(4, "Night shift", "2027-02-01T20:00:00Z", Some(13 * 60)),
            // Unknown duration: Zoom's default hour, so 07:45-08:45 overlaps the 22nd.
            one_time(5, "No duration", "2026-12-22T07:45:00Z", None),
        ]);
        let p = preview(&input(), now(), Tz::UTC, &store, 3, None).expect("preview");
        let ids: Vec<&str> = p.overlaps.iter().map(|o| o.meeting_id.as_str()).collect();
        assert_eq!(ids, ["2", "5", "4"], "{:?}", p.overlaps);
        assert_eq!(p.overlaps[0].topic, "Clash; with, you");
        assert_eq!(p.overlaps[0].occurrence_id, "");
        assert_eq!(p.overlaps[0].start, utc("2026-12-08T09:00:00Z"));
    }

    #[test]
    fn a_modified_meeting_does_not_overlap_itself_and_each_occurrence_counts_once() {
        let mut series = one_time(42, "Itself", "2026-12-01T08:30:00Z", Some(45));
        series.meeting_type = MEETING_RECURRING;
        series.occurrences = Some(vec![
            CachedOccurrence {
                occurrence_id: "1764577800000".into(),
                start_time: utc("2026-12-01T08:30:00Z"),
                duration: Some(45),
                status: AVAILABLE.into(),
            },
            CachedOccurrence {
                occurrence_id: "1765182600000".into(),
                start_time: utc("2026-12-08T08:30:00Z"),
                duration: Some(45),
                status: AVAILABLE.into(),
            },
        ]);
        let store = store_with(&[series]);
        let mine = preview(&input(), now(), Tz::UTC, &store, 5, Some(42)).expect("preview");
        assert!(mine.overlaps.is_empty());
        let other = preview(&input(), now(), Tz::UTC, &store, 5, None).expect("preview");
        let occ: Vec<&str> = other
            .overlaps
            .iter()
            .map(|o| o.occurrence_id.as_str())
            .collect();
        assert_eq!(occ, ["1764577800000", "1765182600000"]);
    }

    #[test]
    fn serializes_in_camel_case_with_utc_strings() {
        let p = preview(&input(), now(), Tz::UTC, &store_with(&[]), 1, None).expect("preview");
        let json = serde_json::to_value(&p).expect("json");
        assert_eq!(json["total"], 10);
        assert_eq!(json["occurrences"][0]["start"], "2026-12-01T08:30:00Z");
        assert_eq!(
            json["occurrences"][0]["localInMeetingZone"],
            "2026-12-01T09:30"
        );
        assert_eq!(
            json["occurrences"][0]["localInUserZone"],
            "2026-12-01T08:30"
        );
    }
}

//! Tests of the meetings cache.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::Duration;

use super::*;
use crate::redact::Secret;
use crate::store::test_support::at;
use crate::store::Store;
use crate::zoom::models::MeetingSettings;
use crate::zoom::models::{
    DialInNumber, Meeting, MeetingListItem, Occurrence, Recurrence, MEETING_RECURRING,
    MEETING_RECURRING_NO_TIME, MEETING_SCHEDULED,
};
use chrono::{DateTime, Utc};
use ts_rs::TS;

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
        office_hours: false,
    };
    let json = serde_json::to_value(&item).expect("serializes");
    assert_eq!(
        json,
        serde_json::json!({"meetingId": "9007199254740993", "occurrenceId": "1764576000000",
            "topic": "Retro", "start": "2026-12-01T08:00:00Z", "duration": 30,
            "timezone": "Europe/Madrid", "recurring": true, "officeHours": false})
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
        !topics(&store.week(window.0, window.1, None).expect("reads")).contains(&"Budget review")
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

//! The poller against a real cache and a clock the tests move: due times, a clock-change day,
//! settings changed while running, snooze, restart, a long sleep, a rebuilt cache, and
//! meetings moved or deleted after they were planned.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;

use super::poller::{Clock, Notifier, Poller, Reminder};
use super::Rules;
use crate::store::meetings::{CachedMeeting, CachedOccurrence, AVAILABLE};
use crate::store::test_support::at;
use crate::store::Store;
use crate::zoom::models::{MEETING_RECURRING, MEETING_SCHEDULED};

struct FakeClock(Mutex<DateTime<Utc>>);

impl FakeClock {
    fn at(t: DateTime<Utc>) -> Arc<Self> {
        Arc::new(FakeClock(Mutex::new(t)))
    }
    fn set(&self, t: DateTime<Utc>) {
        *self.0.lock().expect("clock") = t;
    }
    fn advance(&self, d: Duration) {
        let mut t = self.0.lock().expect("clock");
        *t += d;
    }
}

impl Clock for FakeClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock")
    }
}

#[derive(Default)]
struct Desktop(Mutex<Vec<Reminder>>);

impl Desktop {
    fn titles(&self) -> Vec<String> {
        self.0
            .lock()
            .expect("shown")
            .drain(..)
            .map(|r| r.text.summary)
            .collect()
    }
}

impl Notifier for Desktop {
    fn remind(&self, reminder: &Reminder) -> Result<(), String> {
        self.0.lock().expect("shown").push(reminder.clone());
        Ok(())
    }
}

fn madrid() -> Tz {
    "Europe/Madrid".parse().expect("zone")
}

fn one_time(id: i64, topic: &str, start: DateTime<Utc>, minutes: u32) -> CachedMeeting {
    CachedMeeting {
        id,
        topic: topic.into(),
        meeting_type: MEETING_SCHEDULED,
        start_time: Some(start),
        duration: Some(minutes),
        timezone: Some("Europe/Madrid".into()),
        agenda: None,
        join_url: None,
        passcode: None,
        recurrence: None,
        alternative_hosts: None,
        dial_in_numbers: Vec::new(),
        details: true,
        office_hours: None,
        occurrences: Some(vec![CachedOccurrence {
            occurrence_id: String::new(),
            start_time: start,
            duration: Some(minutes),
            status: AVAILABLE.into(),
        }]),
    }
}

fn series(id: i64, topic: &str, starts: &[DateTime<Utc>]) -> CachedMeeting {
    CachedMeeting {
        meeting_type: MEETING_RECURRING,
        occurrences: Some(
            starts
                .iter()
                .map(|s| CachedOccurrence {
                    occurrence_id: (s.timestamp() * 1000).to_string(),
                    start_time: *s,
                    duration: Some(30),
                    status: AVAILABLE.into(),
                })
                .collect(),
        ),
        ..one_time(id, topic, starts[0], 30)
    }
}

struct World {
    store: Arc<Store>,
    clock: Arc<FakeClock>,
    desktop: Arc<Desktop>,
    poller: Poller,
}

fn world(now: DateTime<Utc>, lead: u32, at_start: bool) -> World {
    world_on(
        Arc::new(Store::open_in_memory().expect("store")),
        now,
        lead,
        at_start,
    )
}

fn world_on(store: Arc<Store>, now: DateTime<Utc>, lead: u32, at_start: bool) -> World {
    let clock = FakeClock::at(now);
    let desktop = Arc::new(Desktop::default());
    let poller = Poller::new(
        store.clone(),
        desktop.clone(),
        clock.clone(),
        Rules::new(lead, at_start, madrid()),
    );
    World {
        store,
        clock,
        desktop,
        poller,
    }
}

impl World {
    fn tick(&self) -> Option<DateTime<Utc>> {
        self.poller.tick().expect("tick").next
    }
}

#[test]
fn a_meeting_within_the_lead_is_reminded_at_once_and_only_once() {
    // 09:40 Madrid; the meeting is at 10:00.
    let w = world(at(2026, 12, 2, 8, 40), 60, false);
    w.store
        .upsert_meeting(&one_time(
            85_746_065_432,
            "Design review",
            at(2026, 12, 2, 9, 0),
            30,
        ))
        .expect("cached");
    assert_eq!(w.tick(), None, "nothing else is planned");
    assert_eq!(
        w.desktop.titles(),
        ["Design review starts at 10:00 (in 20 min)"]
    );
    w.clock.advance(Duration::minutes(5));
    w.tick();
    assert!(w.desktop.titles().is_empty(), "never twice");
}

#[test]
fn the_reminder_comes_when_the_lead_time_is_reached() {
    let w = world(at(2026, 12, 2, 7, 30), 60, false);
    w.store
        .upsert_meeting(&one_time(1, "Design review", at(2026, 12, 2, 9, 0), 30))
        .expect("cached");
    assert_eq!(w.tick(), Some(at(2026, 12, 2, 8, 0)), "due 60 min before");
    assert!(w.desktop.titles().is_empty());
    w.clock.set(at(2026, 12, 2, 8, 0));
    w.tick();
    assert_eq!(
        w.desktop.titles(),
        ["Design review starts at 10:00 (in 1 h)"]
    );
}

#[test]
fn a_meeting_that_is_over_is_not_reminded_and_a_running_one_says_so() {
    let w = world(at(2026, 12, 2, 9, 10), 60, false);
    w.store
        .upsert_meeting(&one_time(1, "Over", at(2026, 12, 2, 8, 0), 30))
        .expect("cached");
    w.store
        .upsert_meeting(&one_time(2, "Running", at(2026, 12, 2, 9, 0), 60))
        .expect("cached");
    w.tick();
    assert_eq!(
        w.desktop.titles(),
        ["Running started at 10:00 (10 min ago)"]
    );
}

#[test]
fn series_say_which_occurrence_and_a_clock_change_day_keeps_local_time() {
    // Weekly on Sunday 10:00 Madrid; Sunday 25 October 2026 clocks go back at 03:00, so the
    // first occurrence is 08:00 UTC and the second 09:00 UTC.
    let starts = [
        at(2026, 10, 18, 8, 0),
        at(2026, 10, 25, 9, 0),
        at(2026, 11, 1, 9, 0),
    ];
    let w = world(at(2026, 10, 18, 7, 30), 60, false);
    w.store
        .upsert_meeting(&series(7, "Weekly sync", &starts))
        .expect("cached");
    w.tick();
    assert_eq!(
        w.desktop.titles(),
        ["Weekly sync, occurrence 1 of 3, starts at 10:00 (in 30 min)"]
    );
    // The day of the change: due at 09:00 local, which is 08:00 UTC.
    w.clock.set(at(2026, 10, 25, 6, 0));
    assert_eq!(w.tick(), Some(at(2026, 10, 25, 8, 0)));
    w.clock.set(at(2026, 10, 25, 8, 0));
    w.tick();
    assert_eq!(
        w.desktop.titles(),
        ["Weekly sync, occurrence 2 of 3, starts at 10:00 (in 1 h)"]
    );
}

#[test]
fn changing_the_lead_while_running_replans_without_repeating() {
    let w = world(at(2026, 12, 2, 8, 20), 15, false);
    w.store
        .upsert_meeting(&one_time(1, "Design review", at(2026, 12, 2, 9, 0), 30))
        .expect("cached");
    assert_eq!(w.tick(), Some(at(2026, 12, 2, 8, 45)));
    assert!(w.desktop.titles().is_empty());
    w.poller.set_rules(Rules::new(60, false, madrid()));
    w.tick();
    assert_eq!(w.desktop.titles().len(), 1, "now within the lead: at once");
    w.poller.set_rules(Rules::new(10, false, madrid()));
    w.clock.set(at(2026, 12, 2, 8, 50));
    w.tick();
    assert!(
        w.desktop.titles().is_empty(),
        "a shorter lead does not remind the same meeting again"
    );
}

#[test]
fn the_optional_start_notice_comes_at_the_start_and_a_late_wake_shows_one_notice() {
    let w = world(at(2026, 12, 2, 8, 30), 60, true);
    w.store
        .upsert_meeting(&one_time(1, "Design review", at(2026, 12, 2, 9, 0), 30))
        .expect("cached");
    w.store
        .upsert_meeting(&one_time(2, "Retro", at(2026, 12, 2, 11, 0), 30))
        .expect("cached");
    assert_eq!(w.tick(), Some(at(2026, 12, 2, 9, 0)));
    assert_eq!(
        w.desktop.titles(),
        ["Design review starts at 10:00 (in 30 min)"]
    );
    w.clock.set(at(2026, 12, 2, 9, 0));
    w.tick();
    assert_eq!(w.desktop.titles(), ["Design review starts now (10:00)"]);
    // Asleep from before Retro's lead to after its start: one notice, the start one.
    w.clock.set(at(2026, 12, 2, 11, 5));
    w.tick();
    assert_eq!(w.desktop.titles(), ["Retro started at 12:00 (5 min ago)"]);
    w.tick();
    assert!(w.desktop.titles().is_empty());
}

#[test]
fn a_snoozed_reminder_comes_back_once_five_minutes_later() {
    let w = world(at(2026, 12, 2, 8, 30), 60, false);
    w.store
        .upsert_meeting(&one_time(1, "Design review", at(2026, 12, 2, 9, 0), 30))
        .expect("cached");
    w.tick();
    let shown = w.desktop.0.lock().expect("shown").clone();
    w.desktop.titles();
    let r = &shown[0];
    w.poller
        .snooze(r.meeting_id, &r.occurrence_id, &r.key)
        .expect("snoozed");
    assert_eq!(w.tick(), Some(at(2026, 12, 2, 8, 35)));
    w.clock.advance(Duration::minutes(4));
    w.tick();
    assert!(w.desktop.titles().is_empty());
    w.clock.advance(Duration::minutes(1));
    w.tick();
    assert_eq!(
        w.desktop.titles(),
        ["Snoozed: Design review starts at 10:00 (in 25 min)"]
    );
    w.tick();
    assert!(w.desktop.titles().is_empty(), "a snooze comes back once");
    // A snooze for a meeting deleted meanwhile is dropped quietly.
    w.poller
        .snooze(r.meeting_id, &r.occurrence_id, &r.key)
        .expect("snoozed");
    w.store.remove_meeting(1).expect("deleted");
    w.clock.advance(Duration::minutes(6));
    w.tick();
    assert!(w.desktop.titles().is_empty());
    assert!(w.store.snoozes().expect("read").is_empty());
}

#[test]
fn signed_out_nothing_is_shown_or_marked_and_signing_in_again_catches_up() {
    let w = world(at(2026, 12, 2, 8, 30), 60, false);
    w.store
        .upsert_meeting(&one_time(1, "Design review", at(2026, 12, 2, 9, 0), 30))
        .expect("cached");
    w.poller.set_active(false);
    w.tick();
    assert!(w.desktop.titles().is_empty());
    w.poller.set_active(true);
    w.tick();
    assert_eq!(w.desktop.titles().len(), 1);
    w.poller.set_active(false);
    w.poller.set_active(true);
    w.tick();
    assert!(
        w.desktop.titles().is_empty(),
        "signing out and in again repeats nothing"
    );
}

#[test]
fn a_restart_does_not_repeat_a_reminder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(crate::store::FILE_NAME);
    let now = at(2026, 12, 2, 8, 30);
    {
        let (store, _) = Store::open(&path).expect("opens");
        let w = world_on(Arc::new(store), now, 60, false);
        w.store
            .upsert_meeting(&one_time(1, "Design review", at(2026, 12, 2, 9, 0), 30))
            .expect("cached");
        w.tick();
        assert_eq!(w.desktop.titles().len(), 1);
    }
    let (store, _) = Store::open(&path).expect("reopens");
    let w = world_on(Arc::new(store), now + Duration::minutes(2), 60, false);
    w.tick();
    assert!(w.desktop.titles().is_empty());
}

#[test]
fn after_a_three_hour_sleep_what_is_over_is_dropped_and_what_is_due_comes_at_once() {
    let w = world(at(2026, 12, 2, 7, 0), 60, false);
    w.store
        .upsert_meeting(&one_time(1, "Missed", at(2026, 12, 2, 8, 30), 30))
        .expect("cached");
    w.store
        .upsert_meeting(&one_time(2, "Lunch talk", at(2026, 12, 2, 10, 30), 60))
        .expect("cached");
    assert_eq!(w.tick(), Some(at(2026, 12, 2, 7, 30)));
    // The lid closes; it opens three hours later.
    w.clock.advance(Duration::hours(3));
    w.tick();
    assert_eq!(
        w.desktop.titles(),
        ["Lunch talk starts at 11:30 (in 30 min)"]
    );
}

#[test]
fn a_meeting_moved_or_deleted_after_it_was_planned_follows_the_cache() {
    let w = world(at(2026, 12, 2, 7, 0), 60, false);
    w.store
        .upsert_meeting(&one_time(1, "Design review", at(2026, 12, 2, 9, 0), 30))
        .expect("cached");
    w.store
        .upsert_meeting(&one_time(2, "Cancelled", at(2026, 12, 2, 9, 0), 30))
        .expect("cached");
    assert_eq!(w.tick(), Some(at(2026, 12, 2, 8, 0)));
    // A sync moves one to 12:00 and deletes the other.
    w.store
        .upsert_meeting(&one_time(1, "Design review", at(2026, 12, 2, 12, 0), 30))
        .expect("moved");
    w.store.remove_meeting(2).expect("deleted");
    w.poller.replan();
    assert_eq!(w.tick(), Some(at(2026, 12, 2, 11, 0)));
    w.clock.set(at(2026, 12, 2, 8, 0));
    w.tick();
    assert!(w.desktop.titles().is_empty());
    w.clock.set(at(2026, 12, 2, 11, 0));
    w.tick();
    assert_eq!(
        w.desktop.titles(),
        ["Design review starts at 13:00 (in 1 h)"]
    );
    // Moved again after its reminder: announced again at the new time.
    w.store
        .upsert_meeting(&one_time(1, "Design review", at(2026, 12, 2, 15, 0), 30))
        .expect("moved");
    w.clock.set(at(2026, 12, 2, 14, 0));
    w.tick();
    assert_eq!(
        w.desktop.titles(),
        ["Design review starts at 16:00 (in 1 h)"]
    );
}

#[test]
fn a_rebuilt_cache_does_not_announce_again_what_was_due_before_the_rebuild() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(crate::store::FILE_NAME);
    std::fs::write(
        &path,
        b"this is not a database, it is a corrupt cache file..........",
    )
    .expect("write");
    let (store, report) = Store::open(&path).expect("rebuilds");
    assert!(report.recovered);
    let rebuilt = store.rebuilt_at().expect("read").expect("recorded");
    let now = rebuilt + Duration::seconds(30);
    let w = world_on(Arc::new(store), now, 60, false);
    // The sync after the rebuild brings back a meeting in 20 minutes (its reminder may have
    // been shown before the cache broke) and one in 90 minutes (not yet due then).
    let soon = Utc
        .timestamp_opt(now.timestamp() + 20 * 60, 0)
        .single()
        .expect("t");
    w.store
        .upsert_meeting(&one_time(1, "Already reminded", soon, 30))
        .expect("cached");
    w.store
        .upsert_meeting(&one_time(2, "Later", now + Duration::minutes(90), 30))
        .expect("cached");
    let next = w.tick().expect("the later one is planned");
    assert!(w.desktop.titles().is_empty());
    w.clock.set(next);
    w.tick();
    let titles = w.desktop.titles();
    assert_eq!(titles.len(), 1);
    assert!(titles[0].starts_with("Later starts at"), "{titles:?}");
}

#[test]
fn two_pollers_racing_on_one_cache_show_a_reminder_once() {
    let store = Arc::new(Store::open_in_memory().expect("store"));
    store
        .upsert_meeting(&one_time(1, "Design review", at(2026, 12, 2, 9, 0), 30))
        .expect("cached");
    let a = world_on(store.clone(), at(2026, 12, 2, 8, 30), 60, false);
    let b = world_on(store, at(2026, 12, 2, 8, 30), 60, false);
    std::thread::scope(|s| {
        s.spawn(|| a.tick());
        s.spawn(|| b.tick());
    });
    assert_eq!(a.desktop.titles().len() + b.desktop.titles().len(), 1);
}

#[tokio::test]
async fn the_running_poller_wakes_on_a_replan() {
    let w = world(at(2026, 12, 2, 7, 0), 60, false);
    let poller = Arc::new(w.poller);
    let task = tokio::spawn(poller.clone().run());
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    w.store
        .upsert_meeting(&one_time(1, "Design review", at(2026, 12, 2, 7, 30), 30))
        .expect("cached");
    poller.replan();
    let mut shown = Vec::new();
    for _ in 0..100 {
        shown = w.desktop.titles();
        if !shown.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    task.abort();
    assert_eq!(shown, ["Design review starts at 08:30 (in 30 min)"]);
}

//! Office hours against zoom-sim: the mark travels with the meeting in Zoom, and a wiped cache
//! finds it again with one GET per meeting, once.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use common::*;
use zoom_sim::{RatePlan, Seed};
use zoomdesk_core::office_hours::Month;
use zoomdesk_core::schedule::input::{MeetingInput, Repeat, SeriesEnd};
use zoomdesk_core::store::meetings::{CachedMeeting, WeekItem};
use zoomdesk_core::store::Store;
use zoomdesk_core::sync;

const TZ: chrono_tz::Tz = chrono_tz::Europe::Madrid;

/// Wednesday 10 March 2027: Madrid's clocks go forward on Sunday 28 March.
fn wednesday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 10, 9, 0, 0).single().unwrap()
}

fn input(topic: &str, date: &str, time: &str, repeat: Repeat, office_hours: bool) -> MeetingInput {
    MeetingInput {
        topic: topic.into(),
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        time: NaiveTime::parse_from_str(time, "%H:%M").unwrap(),
        fold: None,
        timezone: TZ.name().into(),
        duration: 45,
        repeat,
        passcode: String::new(),
        alternative_hosts: Vec::new(),
        dial_in_countries: Vec::new(),
        agenda: String::new(),
        office_hours,
    }
}

async fn create(env: &Env, m: &MeetingInput) -> i64 {
    let valid = m.validate(wednesday()).unwrap();
    let created = env
        .zoom
        .create_meeting(&valid.body, valid.start)
        .await
        .unwrap();
    // Zoom's answer to the create already carries the mark (its 2023 spec lists custom_keys).
    assert_eq!(
        CachedMeeting::from(&created).office_hours,
        Some(m.office_hours)
    );
    created.id
}

/// The office hours the cache holds for `month`, as (meeting, local start) pairs.
fn office_hours(store: &Store, month: &str) -> Vec<(i64, String)> {
    let (from, to) = month.parse::<Month>().unwrap().window(TZ);
    let rows: Vec<WeekItem> = store.week(from, to, None).unwrap();
    rows.into_iter()
        .filter(|i| i.office_hours)
        .map(|i| {
            (
                i.meeting_id,
                i.start
                    .with_timezone(&TZ)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
            )
        })
        .collect()
}

fn meeting_gets(env: &Env) -> usize {
    env.sim
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.starts_with("/v2/meetings/"))
        .count()
}

#[tokio::test]
async fn office_hours_keep_their_mark_in_zoom_and_a_wiped_cache_finds_them_again() {
    let env = signed_in_at(Seed::Empty, RatePlan::Pro, 55, Some(wednesday())).await;
    let weekly = Repeat::Weekly {
        every: 1,
        days: vec![4],
        end: SeriesEnd::After { count: 4 },
    };
    let series = create(
        &env,
        &input("Office hours: Ana", "2027-03-18", "10:00", weekly, true),
    )
    .await;
    let once = create(
        &env,
        &input("Drop-in", "2027-03-12", "16:00", Repeat::Once, true),
    )
    .await;
    let plain = create(
        &env,
        &input("Team sync", "2027-03-12", "12:00", Repeat::Once, false),
    )
    .await;

    let store = Store::open_in_memory().unwrap();
    sync::sync_all(&env.zoom, &store, wednesday(), TZ, false)
        .await
        .unwrap();
    let march = vec![
        (once, "2027-03-12 16:00".to_string()),
        (series, "2027-03-18 10:00".to_string()),
        (series, "2027-03-25 10:00".to_string()),
    ];
    // After the clocks change the series keeps its 10:00 in Madrid.
    let april = vec![
        (series, "2027-04-01 10:00".to_string()),
        (series, "2027-04-08 10:00".to_string()),
    ];
    assert_eq!(office_hours(&store, "2027-03"), march);
    assert_eq!(office_hours(&store, "2027-04"), april);
    assert_eq!(store.office_hours_of(plain).unwrap(), Some(false));

    // The cache is wiped (a reinstall): one sync finds the same office hours again, with one
    // GET per meeting.
    let wiped = Store::open_in_memory().unwrap();
    env.sim.clear_requests();
    sync::sync_all(&env.zoom, &wiped, wednesday(), TZ, false)
        .await
        .unwrap();
    assert_eq!(office_hours(&wiped, "2027-03"), march);
    assert_eq!(office_hours(&wiped, "2027-04"), april);
    assert_eq!(meeting_gets(&env), 3);

    // Once known, a mark is not asked for again: the next background sync makes no GET.
    env.sim.clear_requests();
    sync::sync_all(&env.zoom, &wiped, wednesday(), TZ, false)
        .await
        .unwrap();
    assert_eq!(meeting_gets(&env), 0);
}

#[tokio::test]
async fn this_months_office_hours_already_held_stay_in_the_month() {
    // Created on 10 March, looked at on the 20th: the 11th is over but still this month's.
    let env = signed_in_at(Seed::Empty, RatePlan::Pro, 55, Some(wednesday())).await;
    let daily = Repeat::Daily {
        every: 1,
        end: SeriesEnd::After { count: 3 },
    };
    let series = create(
        &env,
        &input("Office hours: Ana", "2027-03-11", "09:00", daily, true),
    )
    .await;
    let later = Utc.with_ymd_and_hms(2027, 3, 20, 9, 0, 0).single().unwrap();
    env.sim.set_now(later);
    let store = Store::open_in_memory().unwrap();
    sync::sync_all(&env.zoom, &store, later, TZ, true)
        .await
        .unwrap();
    assert_eq!(
        office_hours(&store, "2027-03"),
        vec![
            (series, "2027-03-11 09:00".to_string()),
            (series, "2027-03-12 09:00".to_string()),
            (series, "2027-03-13 09:00".to_string()),
        ]
    );
}

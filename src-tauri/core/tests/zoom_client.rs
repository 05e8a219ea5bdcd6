//! The Zoom client against zoom-sim: rate limits, 429 storms, lost answers, errors.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime, Utc};
use common::*;
use zoom_sim::{Category, Fault, FaultKind, RatePlan, Seed};
use zoomdesk_core::error::Error;
use zoomdesk_core::schedule::input::{MeetingInput, Repeat};

fn meeting(topic: &str) -> MeetingInput {
    let start = Utc::now() + chrono::Duration::days(3);
    MeetingInput {
        topic: topic.into(),
        date: start.date_naive(),
        time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        fold: None,
        timezone: "UTC".into(),
        duration: 30,
        repeat: Repeat::Once,
        passcode: "abc123".into(),
        alternative_hosts: vec![],
        dial_in_countries: vec!["US".into()],
        agenda: String::new(),
    }
}

#[tokio::test]
async fn a_storm_of_429s_is_waited_out() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    env.sim.clear_requests();
    env.sim
        .inject_fault(Fault::new("/v2/users/me", FaultKind::TooManyRequests, 4));
    let me = env.zoom.me().await.unwrap();
    assert!(!me.email.is_empty());
    let statuses: Vec<u16> = env.sim.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![429, 429, 429, 429, 200]);
}

#[tokio::test]
async fn requests_never_exceed_the_configured_rate() {
    let env = signed_in(Seed::Empty, RatePlan::Off, 10).await;
    env.sim.clear_requests();
    let calls: Vec<_> = (0..25)
        .map(|_| {
            let zoom = env.zoom.clone();
            tokio::spawn(async move { zoom.me().await })
        })
        .collect();
    for c in calls {
        c.await.unwrap().unwrap();
    }
    // The sim logs the second each request arrived in. Requests leave at least 100 ms apart;
    // network jitter on arrival can squeeze one more into a second, never more.
    let mut per_second: HashMap<String, usize> = HashMap::new();
    for r in env.sim.requests() {
        *per_second.entry(r.at.clone()).or_default() += 1;
    }
    assert!(per_second.values().all(|n| *n <= 11), "{per_second:?}");
    assert!(
        per_second.len() >= 3,
        "25 requests at 10/s span at least three seconds: {per_second:?}"
    );
}

#[tokio::test]
async fn a_daily_limit_is_reported_with_when_it_lifts() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    env.sim.set_daily_limit(Category::Medium, Some(0));
    env.sim.clear_requests();
    let err = env.zoom.list_meetings("scheduled").await.unwrap_err();
    match err {
        Error::RateLimited { retry_after } => assert!(retry_after.contains("UTC"), "{retry_after}"),
        other => panic!("expected a rate limit, got {other:?}"),
    }
    assert_eq!(
        env.sim.requests().len(),
        1,
        "no retry loop against a daily limit"
    );
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_makes_exactly_one_meeting() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    let input = meeting("Budget review");
    let valid = input.validate(Utc::now()).unwrap();
    env.sim.inject_fault(
        Fault::new("/v2/users/me/meetings", FaultKind::DropAfterHandling, 1).method("POST"),
    );
    let created = env
        .zoom
        .create_meeting(&valid.body, valid.start)
        .await
        .unwrap();
    assert_eq!(created.topic, "Budget review");
    let all = env.zoom.list_meetings("scheduled").await.unwrap();
    assert_eq!(all.iter().filter(|m| m.topic == "Budget review").count(), 1);
    assert_eq!(
        count(&env.sim, "POST", "/v2/users/me/meetings"),
        1,
        "never sent twice"
    );
}

#[tokio::test]
async fn a_create_that_never_arrived_is_sent_again_once() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    let valid = meeting("Planning").validate(Utc::now()).unwrap();
    env.sim
        .inject_fault(Fault::new("/v2/users/me/meetings", FaultKind::Drop, 1).method("POST"));
    let created = env
        .zoom
        .create_meeting(&valid.body, valid.start)
        .await
        .unwrap();
    assert_eq!(created.topic, "Planning");
    let all = env.zoom.list_meetings("scheduled").await.unwrap();
    assert_eq!(all.iter().filter(|m| m.topic == "Planning").count(), 1);
}

#[tokio::test]
async fn zoom_errors_arrive_typed() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    assert!(matches!(
        env.zoom.meeting(123_456_789, None).await,
        Err(Error::NotFound(_))
    ));
    // Zoom's own validation (here a bad recurrence sent without core's checks) names a field.
    let mut body = meeting("Bad").validate(Utc::now()).unwrap().body;
    body.meeting_type = 8;
    body.recurrence = Some(zoomdesk_core::zoom::models::Recurrence {
        recurrence_type: 2,
        repeat_interval: Some(99),
        weekly_days: Some("2".into()),
        end_times: Some(2),
        ..Default::default()
    });
    let err = env
        .zoom
        .create_meeting(&body, Utc::now())
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("every"), "{err:?}");
}

#[tokio::test]
async fn a_weekly_series_across_dst_keeps_its_wall_clock_time() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    // Mondays 09:00 in Madrid from mid-October into November: the change is on 25 October.
    let year = Utc::now().date_naive().year_ce().1 as i32 + 1;
    let input = MeetingInput {
        topic: "Across DST".into(),
        date: NaiveDate::from_ymd_opt(year, 10, 12).unwrap(),
        time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        fold: None,
        timezone: "Europe/Madrid".into(),
        duration: 30,
        repeat: Repeat::Weekly {
            every: 1,
            days: vec![1],
            end: zoomdesk_core::schedule::input::SeriesEnd::After { count: 5 },
        },
        passcode: String::new(),
        alternative_hosts: vec![],
        dial_in_countries: vec![],
        agenda: String::new(),
    };
    let valid = input.validate(Utc::now()).unwrap();
    let m = env
        .zoom
        .create_meeting(&valid.body, valid.start)
        .await
        .unwrap();
    let occ = m.occurrences.clone().unwrap();
    assert_eq!(occ.len(), 5);
    let tz: chrono_tz::Tz = "Europe/Madrid".parse().unwrap();
    for o in &occ {
        let local = o.start_time.with_timezone(&tz);
        assert_eq!(
            local.format("%a %H:%M").to_string(),
            "Mon 09:00",
            "{}",
            o.start_time
        );
    }
    let offsets: std::collections::BTreeSet<String> = occ
        .iter()
        .map(|o| o.start_time.format("%H").to_string())
        .collect();
    assert_eq!(
        offsets.len(),
        2,
        "UTC hour changes with the clocks: {offsets:?}"
    );

    // The cache keeps the same instants: read back, every occurrence is Monday 09:00 in Madrid.
    let store = zoomdesk_core::store::Store::open_in_memory().unwrap();
    store
        .upsert_meeting(&zoomdesk_core::store::meetings::CachedMeeting::from(&m))
        .unwrap();
    let cached = store.meeting(m.id).unwrap().unwrap();
    let local: Vec<String> = cached
        .occurrences
        .unwrap()
        .iter()
        .map(|o| {
            o.start_time
                .with_timezone(&tz)
                .format("%a %H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(local, vec!["Mon 09:00"; 5]);
}

use chrono::Datelike;

#[tokio::test]
async fn lists_follow_every_page() {
    let env = signed_in(Seed::Empty, RatePlan::Off, 55).await;
    env.sim.seed_bulk(650, 0, 310);
    env.sim.clear_requests();
    let meetings = env.zoom.list_meetings("scheduled").await.unwrap();
    assert_eq!(meetings.len(), 650);
    assert_eq!(
        count(&env.sim, "GET", "/v2/users/me/meetings"),
        3,
        "300 + 300 + 50"
    );
    let today = Utc::now().date_naive();
    let recordings = env
        .zoom
        .recordings(today - chrono::Duration::days(8), today)
        .await
        .unwrap();
    assert_eq!(recordings.len(), 310);
    assert_eq!(count(&env.sim, "GET", "/v2/users/me/recordings"), 2);
}

//! The Zoom client against zoom-sim: rate limits, 429 storms, lost answers, errors.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveTime, Utc};
use common::*;
use zoom_sim::{Category, Fault, FaultKind, RatePlan, Seed};
use zoomdesk_core::error::Error;
use zoomdesk_core::schedule::input::{MeetingInput, Repeat};
use zoomdesk_core::zoom::client::{CreateLookup, ZoomClient};
use zoomdesk_core::zoom::limiter::{Bucket, Category as LimitCategory, Plan, RateLimiter};

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
        office_hours: false,
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

/// A client on `env`'s session that looks for a lost create briefly (tests cannot wait a
/// minute) and keeps the given limits.
fn quick_lookup(env: &Env, limiter: RateLimiter) -> ZoomClient {
    lookup_within(env, limiter, 600)
}

fn lookup_within(env: &Env, limiter: RateLimiter, ms: u64) -> ZoomClient {
    ZoomClient::new(&env.settings.api_base, env.session.clone(), limiter)
        .unwrap()
        .with_create_lookup(CreateLookup {
            every: std::time::Duration::from_millis(100),
            within: std::time::Duration::from_millis(ms),
            ..CreateLookup::default()
        })
}

#[tokio::test]
async fn a_create_that_never_arrived_is_not_sent_again_and_the_user_is_told() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    let zoom = quick_lookup(&env, RateLimiter::per_second(55));
    let valid = meeting("Planning").validate(Utc::now()).unwrap();
    env.sim
        .inject_fault(Fault::new("/v2/users/me/meetings", FaultKind::Drop, 1).method("POST"));
    let err = zoom
        .create_meeting(&valid.body, valid.start)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unconfirmed(_)), "{err:?}");
    assert_eq!(
        zoomdesk_core::error::UiError::from(&err).code.as_deref(),
        Some("unconfirmedCreate")
    );
    assert_eq!(count(&env.sim, "POST", "/v2/users/me/meetings"), 1);
    assert!(
        count(&env.sim, "GET", "/v2/users/me/meetings") >= 3,
        "looked for it several times"
    );
    let all = env.zoom.list_meetings("scheduled").await.unwrap();
    assert!(all.iter().all(|m| m.topic != "Planning"));
}

#[tokio::test]
async fn a_lost_create_is_found_when_zoom_lists_it_late_with_its_clock_behind() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    // Long enough for a first look that fails after all its retries, then a second one.
    let zoom = lookup_within(&env, RateLimiter::per_second(55), 20_000);
    // Zoom's clock three minutes behind ours: its created_at is before our send time.
    env.sim.set_now(Utc::now() - chrono::Duration::minutes(3));
    let valid = meeting("Late listing").validate(Utc::now()).unwrap();
    env.sim.inject_fault(
        Fault::new("/v2/users/me/meetings", FaultKind::DropAfterHandling, 1).method("POST"),
    );
    // The first look fails outright (every retry of the list answers 500).
    env.sim
        .inject_fault(Fault::new("/v2/users/me/meetings", FaultKind::ServerError, 6).method("GET"));
    let created = zoom.create_meeting(&valid.body, valid.start).await.unwrap();
    assert_eq!(created.topic, "Late listing");
    assert_eq!(count(&env.sim, "POST", "/v2/users/me/meetings"), 1);
}

#[tokio::test]
async fn a_lost_create_of_a_series_starting_on_another_day_is_found() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    let zoom = quick_lookup(&env, RateLimiter::per_second(55));
    let mut input = meeting("Stand-up");
    // The form's date is not among the weekdays: Zoom's first occurrence is another day.
    let other = input.date.weekday().succ();
    input.repeat = Repeat::Weekly {
        every: 1,
        days: vec![other.num_days_from_sunday() as u8],
        end: zoomdesk_core::schedule::input::SeriesEnd::After { count: 4 },
    };
    let valid = input.validate(Utc::now()).unwrap();
    env.sim.inject_fault(
        Fault::new("/v2/users/me/meetings", FaultKind::DropAfterHandling, 1).method("POST"),
    );
    let created = zoom.create_meeting(&valid.body, valid.start).await.unwrap();
    assert_eq!(created.topic, "Stand-up");
    assert_eq!(count(&env.sim, "POST", "/v2/users/me/meetings"), 1);
}

#[tokio::test]
async fn a_delete_whose_answer_was_lost_succeeds_when_retried() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    let valid = meeting("Old sync").validate(Utc::now()).unwrap();
    let created = env
        .zoom
        .create_meeting(&valid.body, valid.start)
        .await
        .unwrap();
    let path = format!("/v2/meetings/{}", created.id);
    env.sim
        .inject_fault(Fault::new(&path, FaultKind::DropAfterHandling, 1).method("DELETE"));
    env.zoom.delete_meeting(created.id, None).await.unwrap();
    assert_eq!(count(&env.sim, "DELETE", &path), 2, "retried once, got 404");
    assert!(matches!(
        env.zoom.meeting(created.id, None).await,
        Err(Error::NotFound(_))
    ));
    // A delete of something that was never there still says so.
    assert!(matches!(
        env.zoom.delete_meeting(created.id, None).await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn the_free_plan_limits_per_category_keep_zoom_from_answering_429() {
    let burst = |zoom: ZoomClient| async move {
        let calls: Vec<_> = (0..12)
            .map(|_| {
                let zoom = zoom.clone();
                tokio::spawn(async move { zoom.me().await })
            })
            .collect();
        for c in calls {
            c.await.unwrap().unwrap();
        }
    };
    let env = signed_in(Seed::Empty, RatePlan::Free, 55).await;
    // Without per-category limits, Zoom's Free plan (Light 4/s) answers 429s: the check
    // below can fail.
    env.sim.clear_requests();
    burst(quick_lookup(&env, RateLimiter::per_second(55))).await;
    let statuses = |sim: &zoom_sim::SimHandle| -> usize {
        sim.requests().iter().filter(|r| r.status == 429).count()
    };
    assert!(statuses(&env.sim) > 0, "the sim enforces the Free plan");
    // Let the sim's one-second window of that burst pass.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    env.sim.clear_requests();
    burst(quick_lookup(&env, RateLimiter::new(55, Plan::Free))).await;
    assert_eq!(statuses(&env.sim), 0, "{:?}", env.sim.requests());
}

#[tokio::test]
async fn after_a_daily_limit_no_call_of_that_category_is_made_until_it_lifts() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    let saved = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = saved.clone();
    let limiter = RateLimiter::per_second(55).on_block(std::sync::Arc::new(move |b, t| {
        seen.lock().unwrap().push((b, t));
    }));
    let zoom = quick_lookup(&env, limiter.clone());
    env.sim.set_daily_limit(Category::Medium, Some(0));
    env.sim.clear_requests();
    assert!(matches!(
        zoom.list_meetings("scheduled").await,
        Err(Error::RateLimited { .. })
    ));
    assert!(matches!(
        zoom.recordings(Utc::now().date_naive(), Utc::now().date_naive())
            .await,
        Err(Error::RateLimited { .. })
    ));
    assert_eq!(
        env.sim.requests().len(),
        1,
        "the second Medium call was not sent"
    );
    zoom.me().await.expect("Light calls still go");
    let saved = saved.lock().unwrap().clone();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].0, Bucket::Category(LimitCategory::Medium));
    assert!(saved[0].1 > Utc::now(), "closed until a moment to come");
    // A client started later (after a restart) that restores the saved closing obeys it.
    let restarted = RateLimiter::per_second(55);
    restarted.restore_block(saved[0].0, saved[0].1);
    let zoom = quick_lookup(&env, restarted);
    env.sim.clear_requests();
    assert!(zoom.list_meetings("scheduled").await.is_err());
    assert!(env.sim.requests().is_empty());
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
        office_hours: false,
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

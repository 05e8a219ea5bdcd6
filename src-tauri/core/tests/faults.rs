//! The fault suite: Zoom answering 429, 500, 502, 503, dropping the connection or being slow
//! on every endpoint Zoomdesk uses; creates whose answers are lost or time out; a damaged
//! settings file and cache. Each test prints its figure (`RELIABILITY ...`) for
//! docs/RELIABILITY.md; run with `--nocapture` to see them.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use chrono::{NaiveTime, Utc};
use common::*;
use zoom_sim::{Fault, FaultKind, RatePlan, Seed};
use zoomdesk_core::schedule::input::{MeetingInput, Repeat};
use zoomdesk_core::zoom::client::{CreateLookup, ZoomClient};
use zoomdesk_core::zoom::limiter::RateLimiter;

const KINDS: [(FaultKind, &str); 6] = [
    (FaultKind::TooManyRequests, "429"),
    (FaultKind::ServerError, "500"),
    (FaultKind::BadGateway, "502"),
    (FaultKind::Unavailable, "503"),
    (FaultKind::Drop, "drop"),
    (FaultKind::Slow, "slow"),
];

fn input(topic: &str) -> MeetingInput {
    let start = Utc::now() + chrono::Duration::days(2);
    MeetingInput {
        topic: topic.into(),
        date: start.date_naive(),
        time: NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
        fold: None,
        timezone: "UTC".into(),
        duration: 30,
        repeat: Repeat::Once,
        passcode: String::new(),
        alternative_hosts: vec![],
        dial_in_countries: vec![],
        agenda: String::new(),
        office_hours: false,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_read_survives_every_fault_zoom_can_throw() {
    let env = signed_in(Seed::Demo, RatePlan::Pro, 55).await;
    let listed = env.zoom.list_meetings("scheduled").await.unwrap();
    let id = listed.iter().find(|m| m.meeting_type == 8).unwrap().id;
    let today = Utc::now().date_naive();
    let mut failures = Vec::new();
    let mut reads = 0;
    for (kind, name) in KINDS {
        let endpoints = [
            "/v2/users/me".to_string(),
            "/v2/users/me/meetings".to_string(),
            format!("/v2/meetings/{id}"),
            format!("/v2/meetings/{id}/invitation"),
            "/v2/users/me/recordings".to_string(),
        ];
        for path in endpoints {
            env.sim
                .inject_fault(Fault::new(&path, kind, 2).method("GET").delay_ms(1500));
            let outcome = match path.as_str() {
                "/v2/users/me" => env.zoom.me().await.map(drop),
                "/v2/users/me/meetings" => env.zoom.list_meetings("scheduled").await.map(drop),
                "/v2/users/me/recordings" => env
                    .zoom
                    .recordings(today - chrono::Duration::days(7), today)
                    .await
                    .map(drop),
                p if p.ends_with("/invitation") => env.zoom.invitation(id).await.map(drop),
                _ => env.zoom.meeting(id, None).await.map(drop),
            };
            reads += 1;
            if let Err(e) = outcome {
                failures.push(format!("{name} on {path}: {e}"));
            }
            env.sim.clear_faults();
        }
    }
    println!(
        "RELIABILITY reads under injected faults: {} user-visible failures of {reads}",
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_survive_passing_faults_and_lost_answers_make_no_duplicates() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    // A client that gives up on an answer after one second and looks for a lost create for
    // up to eight.
    let zoom = ZoomClient::new(
        &env.settings.api_base,
        env.session.clone(),
        RateLimiter::per_second(55),
    )
    .unwrap()
    .with_timeout(Duration::from_secs(1))
    .unwrap()
    .with_create_lookup(CreateLookup {
        every: Duration::from_millis(250),
        within: Duration::from_secs(8),
        ..CreateLookup::default()
    });
    let mut duplicates = 0;
    let mut creates = 0;
    let cases = [
        (FaultKind::DropAfterHandling, 0),
        (FaultKind::DropAfterHandling, 0),
        (FaultKind::DropAfterHandling, 0),
        // Slower than the client waits: the answer is lost to a timeout.
        (FaultKind::Slow, 2500),
        (FaultKind::Slow, 2500),
        (FaultKind::TooManyRequests, 0),
        (FaultKind::ServerError, 0),
        (FaultKind::Drop, 0),
    ];
    for (n, (kind, delay)) in cases.into_iter().enumerate() {
        let topic = format!("Fault {n} {kind:?}");
        let valid = input(&topic).validate(Utc::now()).unwrap();
        env.sim.inject_fault(
            Fault::new("/v2/users/me/meetings", kind, 1)
                .method("POST")
                .delay_ms(delay),
        );
        let outcome = zoom.create_meeting(&valid.body, valid.start).await;
        creates += 1;
        // Let a slow create finish on Zoom's side before counting.
        tokio::time::sleep(Duration::from_millis(delay + 200)).await;
        let made = env
            .zoom
            .list_meetings("scheduled")
            .await
            .unwrap()
            .iter()
            .filter(|m| m.topic == topic)
            .count();
        duplicates += made.saturating_sub(1);
        match (&outcome, made) {
            (Ok(_), 1) => {}
            // Told "it may have been created": true either way, never a second one.
            (Err(zoomdesk_core::error::Error::Unconfirmed(_)), 0 | 1) => {}
            // A 500 is Zoom's word that it failed; nothing was made.
            (Err(zoomdesk_core::error::Error::Zoom { .. }), 0) => {}
            other => panic!("{kind:?}: {other:?}"),
        }
        env.sim.clear_faults();
    }
    // Updates and deletes are safe to repeat: a passing fault is retried away.
    let valid = input("Fault target").validate(Utc::now()).unwrap();
    let target = env
        .zoom
        .create_meeting(&valid.body, valid.start)
        .await
        .unwrap();
    let path = format!("/v2/meetings/{}", target.id);
    for (kind, _) in KINDS.iter().filter(|(k, _)| *k != FaultKind::Slow) {
        env.sim
            .inject_fault(Fault::new(&path, *kind, 1).method("PATCH"));
        env.zoom
            .update_meeting(target.id, None, &serde_json::json!({"duration": 45}))
            .await
            .unwrap();
    }
    env.sim
        .inject_fault(Fault::new(&path, FaultKind::DropAfterHandling, 1).method("DELETE"));
    env.zoom.delete_meeting(target.id, None).await.unwrap();
    println!("RELIABILITY duplicate meetings from {creates} creates under lost answers and timeouts: {duplicates}");
    assert_eq!(duplicates, 0);
}

#[test]
fn a_damaged_settings_file_and_cache_still_open_and_say_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dirs = zoomdesk_core::paths::AppDirs::under(tmp.path());
    dirs.create().unwrap();
    std::fs::write(dirs.config.join("settings.json"), "{ not json").unwrap();
    std::fs::write(
        dirs.data.join(zoomdesk_core::store::FILE_NAME),
        b"SQLite format 3\0 but then nothing that makes sense".repeat(100),
    )
    .unwrap();
    std::env::set_var("ZOOMDESK_VAULT", "file");
    let desk = zoomdesk_core::desk::Desk::open(dirs).unwrap();
    let keys: Vec<&str> = desk.notices().iter().map(|n| n.key.as_str()).collect();
    println!("RELIABILITY damaged settings and cache: opened, notices {keys:?}");
    assert!(keys.contains(&"notice.settingsReset"), "{keys:?}");
    assert!(keys.contains(&"notice.cacheRebuilt"), "{keys:?}");
    assert!(desk.week(None).unwrap().items.is_empty());
}

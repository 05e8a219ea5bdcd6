//! Sync of this week's meetings and the recordings against zoom-sim, and what happens to the
//! cache when things go wrong.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use chrono::Utc;
use common::*;
use zoom_sim::{Fault, FaultKind, RatePlan, Seed};
use zoomdesk_core::error::Error;
use zoomdesk_core::store::Store;
use zoomdesk_core::sync::{self, week_window, Freshness};

const TZ: chrono_tz::Tz = chrono_tz::Europe::Madrid;

/// A Wednesday morning: the demo's week has meetings on both sides of it, whatever today is.
fn wednesday() -> chrono::DateTime<Utc> {
    use chrono::TimeZone;
    Utc.with_ymd_and_hms(2027, 3, 10, 9, 0, 0).single().unwrap()
}

async fn demo() -> Env {
    signed_in_at(Seed::Demo, RatePlan::Pro, 55, Some(wednesday())).await
}

#[tokio::test]
async fn a_sync_fills_the_week_with_the_fewest_calls() {
    let env = demo().await;
    let store = Store::open_in_memory().unwrap();
    env.sim.clear_requests();
    let report = sync::sync_all(&env.zoom, &store, wednesday(), TZ, false)
        .await
        .unwrap();
    assert!(!report.meetings.added.is_empty());
    assert_eq!(
        report.recordings.new.len(),
        3,
        "the demo's three recordings are new"
    );

    let (from, to) = week_window(wednesday(), TZ);
    let week = store.week(from, to, None).unwrap();
    assert!(
        week.iter().any(|i| i.recurring) && week.iter().any(|i| !i.recurring),
        "{week:?}"
    );
    // One list page, one GET per recurring meeting and per one-time meeting whose
    // office-hours mark is not known yet (a first sync knows none), one recordings page.
    let log = env.sim.requests();
    let listed = env.zoom.list_meetings("scheduled").await.unwrap();
    let kept_from = sync::kept_from(wednesday(), TZ);
    let recurring = listed.iter().filter(|m| m.meeting_type == 8).count();
    let one_time = listed
        .iter()
        .filter(|m| m.meeting_type == 2 && m.start_time.is_some_and(|s| s >= kept_from))
        .count();
    let gets = log
        .iter()
        .filter(|r| r.method == "GET" && r.path.starts_with("/v2/meetings/"))
        .count();
    assert_eq!(gets, recurring + one_time);
    assert_eq!(
        log.iter()
            .filter(|r| r.path == "/v2/users/me/meetings")
            .count(),
        1
    );
    assert_eq!(
        log.iter()
            .filter(|r| r.path == "/v2/users/me/recordings")
            .count(),
        1
    );

    // A second sync with nothing new reports nothing to redraw, and asks for no meeting.
    env.sim.clear_requests();
    let again = sync::sync_all(&env.zoom, &store, wednesday(), TZ, false)
        .await
        .unwrap();
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(
        env.sim
            .requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path.starts_with("/v2/meetings/"))
            .count(),
        0
    );
}

#[tokio::test]
async fn background_syncs_fetch_a_series_only_when_it_changed_or_an_hour_passed() {
    let env = demo().await;
    let store = Store::open_in_memory().unwrap();
    sync::sync_all(&env.zoom, &store, wednesday(), TZ, false)
        .await
        .unwrap();
    let gets = |sim: &zoom_sim::SimHandle| -> Vec<String> {
        sim.requests()
            .into_iter()
            .filter(|r| r.method == "GET" && r.path.starts_with("/v2/meetings/"))
            .map(|r| r.path)
            .collect()
    };
    let (from, to) = week_window(wednesday(), TZ);
    let week = store.week(from, to, None).unwrap();
    let series = week.iter().find(|i| i.recurring).unwrap().meeting_id;

    // Nothing changed, ten minutes later: no series is fetched, the week is the same.
    env.sim.clear_requests();
    let later = wednesday() + chrono::Duration::minutes(10);
    let report = sync::sync_all(&env.zoom, &store, later, TZ, false)
        .await
        .unwrap();
    assert!(gets(&env.sim).is_empty(), "{:?}", gets(&env.sim));
    assert!(report.meetings.is_empty(), "{report:?}");
    assert_eq!(store.week(from, to, None).unwrap(), week);

    // One series renamed elsewhere: the list shows it, and only it is fetched.
    env.zoom
        .update_meeting(
            series,
            None,
            &serde_json::json!({"topic": "Renamed series"}),
        )
        .await
        .unwrap();
    env.sim.clear_requests();
    sync::sync_all(&env.zoom, &store, later, TZ, false)
        .await
        .unwrap();
    assert_eq!(gets(&env.sim), vec![format!("/v2/meetings/{series}")]);
    assert_eq!(
        store.meeting(series).unwrap().unwrap().topic,
        "Renamed series"
    );

    // An hour after the last fetch every series is fetched again; so is a sync the user asks.
    let recurring = week
        .iter()
        .filter(|i| i.recurring)
        .map(|i| i.meeting_id)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    env.sim.clear_requests();
    sync::sync_all(
        &env.zoom,
        &store,
        wednesday() + chrono::Duration::minutes(71),
        TZ,
        false,
    )
    .await
    .unwrap();
    assert!(gets(&env.sim).len() >= recurring, "{:?}", gets(&env.sim));
    env.sim.clear_requests();
    sync::sync_all(&env.zoom, &store, later, TZ, true)
        .await
        .unwrap();
    assert!(gets(&env.sim).len() >= recurring);
}

#[tokio::test]
async fn a_failed_sync_keeps_the_cache_and_its_age() {
    let env = demo().await;
    let store = Store::open_in_memory().unwrap();
    sync::sync_all(&env.zoom, &store, wednesday(), TZ, false)
        .await
        .unwrap();
    let window = week_window(wednesday(), TZ);
    let before = store.week(window.0, window.1, None).unwrap();
    let age = store.sync_age(sync::MEETINGS_KEY).unwrap();

    // Zoom changes, then fails half-way through the next sync (every meeting GET errors).
    let first = before.iter().find(|i| !i.recurring).unwrap().meeting_id;
    env.zoom.delete_meeting(first, None).await.unwrap();
    env.sim
        .inject_fault(Fault::new("/v2/meetings/*", FaultKind::ServerError, 100).method("GET"));
    let err = sync::sync_meetings(&env.zoom, &store, window.0, wednesday(), Freshness::All)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Zoom { status: 500, .. }), "{err:?}");
    assert_eq!(
        store.week(window.0, window.1, None).unwrap(),
        before,
        "nothing half-written"
    );
    assert_eq!(
        store.sync_age(sync::MEETINGS_KEY).unwrap(),
        age,
        "the age still tells the truth"
    );

    // Once Zoom is back, the deleted meeting disappears.
    env.sim.clear_faults();
    sync::sync_meetings(&env.zoom, &store, window.0, wednesday(), Freshness::All)
        .await
        .unwrap();
    let after = store.week(window.0, window.1, None).unwrap();
    assert!(after.iter().all(|i| i.meeting_id != first));
}

#[tokio::test]
async fn a_deleted_occurrence_disappears_and_the_series_stays() {
    let env = demo().await;
    let store = Store::open_in_memory().unwrap();
    let window = week_window(wednesday(), TZ);
    sync::sync_meetings(&env.zoom, &store, window.0, wednesday(), Freshness::All)
        .await
        .unwrap();
    let week = store.week(window.0, window.1, None).unwrap();
    let occ = week.iter().find(|i| i.recurring).unwrap().clone();
    env.zoom
        .delete_meeting(occ.meeting_id, Some(&occ.occurrence_id))
        .await
        .unwrap();
    sync::sync_meetings(&env.zoom, &store, window.0, wednesday(), Freshness::All)
        .await
        .unwrap();
    let after = store.week(window.0, window.1, None).unwrap();
    assert!(!after
        .iter()
        .any(|i| i.meeting_id == occ.meeting_id && i.occurrence_id == occ.occurrence_id));
    assert!(
        store.meeting(occ.meeting_id).unwrap().is_some(),
        "the series stays"
    );
}

#[tokio::test]
async fn signed_out_by_another_install_the_cache_stays_readable() {
    let env = demo().await;
    let store = Arc::new(Store::open_in_memory().unwrap());
    sync::sync_all(&env.zoom, &store, wednesday(), TZ, false)
        .await
        .unwrap();
    let window = week_window(wednesday(), TZ);
    let before = store.week(window.0, window.1, None).unwrap();
    // Signing in again elsewhere revokes this install's grant (4741).
    let other = memory_session(&env.settings);
    other
        .sign_in(&TestBrowser(Decision::Approve), std::future::pending())
        .await
        .unwrap();
    let err = sync::sync_all(&env.zoom, &store, wednesday(), TZ, false)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::SignedOut(_)), "{err:?}");
    assert!(!env.session.is_signed_in().await);
    assert_eq!(store.week(window.0, window.1, None).unwrap(), before);
}

#[tokio::test]
async fn a_garbage_cache_file_is_replaced_and_core_still_opens() {
    let tmp = tempfile::tempdir().unwrap();
    let dirs = zoomdesk_core::AppDirs::under(tmp.path());
    dirs.create().unwrap();
    std::fs::write(
        dirs.data.join(zoomdesk_core::store::FILE_NAME),
        b"this is not sqlite at all",
    )
    .unwrap();
    std::env::set_var("ZOOMDESK_VAULT", "file");
    let desk = zoomdesk_core::desk::Desk::open(dirs).unwrap();
    assert!(
        desk.notices()
            .iter()
            .any(|n| n.key == "notice.cacheRebuilt"),
        "{:?}",
        desk.notices()
    );
    assert!(desk.week(None).unwrap().items.is_empty());
}

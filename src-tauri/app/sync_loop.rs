//! The background sync: at start, every few minutes, on demand (Refresh, Sync now, after
//! sign-in), soon after the network comes back and after the machine wakes.
//!
//! Errors back off (30 s, doubling, at most 15 minutes). A request while a sync runs joins
//! that sync instead of starting a second one.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use chrono::Utc;
use tauri::{AppHandle, Manager};
use tokio::sync::watch;
use zoomdesk_core::desk::Desk;
use zoomdesk_core::error::Error;
use zoomdesk_core::sync::{SyncReport, MEETINGS_KEY, RECORDINGS_KEY};
use zoomdesk_core::UiError;

use crate::events::{self, SyncPhase, SyncStatus};
use crate::state::AppState;

/// Time between background syncs.
pub const INTERVAL: Duration = Duration::from_secs(5 * 60);
/// First wait after a failed sync; it doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(30);
/// The longest wait after failures.
const MAX_BACKOFF: Duration = Duration::from_secs(15 * 60);
/// How often the loop looks at the wall clock and the network while it waits.
const NAP: Duration = Duration::from_secs(20);

type Outcome = Option<Result<SyncReport, UiError>>;

/// The sync in progress, if any: a second caller waits for its outcome.
#[derive(Default)]
pub struct SyncGate(Mutex<Option<watch::Receiver<Outcome>>>);

/// The wait after `failures` failed syncs in a row.
pub fn backoff(failures: u32) -> Duration {
    if failures == 0 {
        return INTERVAL;
    }
    let doubled = FIRST_BACKOFF.saturating_mul(1u32 << (failures - 1).min(10));
    doubled.min(MAX_BACKOFF)
}

/// Starts the loop on Tauri's runtime (restarted if it panics).
pub fn spawn(app: AppHandle) {
    crate::supervise::spawn("sync", move || run(app.clone()));
}

async fn run(app: AppHandle) {
    let mut failures = 0u32;
    loop {
        let state = app.state::<AppState>();
        let desk = state.desk().await;
        if desk.session().is_signed_in().await {
            failures = match run_once(&app, &desk, false).await {
                Ok(_) => 0,
                Err(_) => failures.saturating_add(1),
            };
        }
        drop(desk);
        wait(&state, backoff(failures)).await;
    }
}

/// Waits `total`, or less: a Sync now, the network changing, or the machine waking.
async fn wait(state: &AppState, total: Duration) {
    let started = tokio::time::Instant::now();
    let mut net = network_fingerprint();
    loop {
        let left = total.saturating_sub(started.elapsed());
        if left.is_zero() {
            return;
        }
        let wall_before = Utc::now();
        let mono_before = tokio::time::Instant::now();
        tokio::select! {
            () = tokio::time::sleep(left.min(NAP)) => {}
            () = state.sync_now.notified() => return,
        }
        // The wall clock ran ahead of the monotonic one: the machine slept.
        let wall = (Utc::now() - wall_before).to_std().unwrap_or_default();
        if wall > mono_before.elapsed() + Duration::from_secs(5) {
            tracing::info!("the machine woke up: syncing");
            return;
        }
        let now_net = network_fingerprint();
        if now_net != net {
            tracing::info!("the network changed: syncing");
            // Give the new link a moment to carry traffic.
            tokio::time::sleep(Duration::from_secs(2)).await;
            return;
        }
        net = now_net;
    }
}

/// A cheap summary of the machine's routes: it changes when a network comes or goes.
fn network_fingerprint() -> Option<String> {
    #[cfg(target_os = "linux")]
    {
        std::fs::read_to_string("/proc/net/route").ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

/// One sync, with its status told to the UI before and after; joins one that is running.
/// `everything` fetches every recurring series again (the user asked); background syncs
/// fetch only those the list shows changed, or not fetched for an hour.
pub async fn run_once(
    app: &AppHandle,
    desk: &Desk,
    everything: bool,
) -> Result<SyncReport, UiError> {
    let state = app.state::<AppState>();
    let joined = {
        let mut slot = state
            .sync_gate
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match slot.as_ref() {
            Some(rx) => Err(rx.clone()),
            None => {
                let (tx, rx) = watch::channel(None);
                *slot = Some(rx);
                Ok(tx)
            }
        }
    };
    let tx = match joined {
        Ok(tx) => tx,
        Err(mut rx) => {
            tracing::debug!("joining the sync in progress");
            loop {
                if let Some(outcome) = rx.borrow().clone() {
                    return outcome;
                }
                if rx.changed().await.is_err() {
                    return Err(UiError::from(Error::Internal("the sync stopped".into())));
                }
            }
        }
    };
    let outcome = sync(app, desk, everything)
        .await
        .map_err(|e| UiError::from(&e));
    *state
        .sync_gate
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = None;
    let _ = tx.send(Some(outcome.clone()));
    outcome
}

async fn sync(app: &AppHandle, desk: &Desk, everything: bool) -> Result<SyncReport, Error> {
    let synced_at = || {
        desk.store()
            .sync_age(MEETINGS_KEY)
            .ok()
            .flatten()
            .map(|t| t.to_rfc3339())
    };
    events::sync_status(
        app,
        &SyncStatus {
            state: SyncPhase::Syncing,
            synced_at: synced_at(),
            message: None,
        },
    );
    // A cache that never synced recordings (first sign-in, rebuilt) announces none of them.
    let first_recordings = desk
        .store()
        .sync_age(RECORDINGS_KEY)
        .ok()
        .flatten()
        .is_none();
    let result = desk.sync(everything).await;
    if let Ok(report) = &result {
        match zoomdesk_core::recording_alerts::announce(
            desk.store(),
            &report.recordings,
            first_recordings,
            desk.display_zone(),
            desk.settings().language(),
        ) {
            Ok(alerts) => {
                let tx = &app.state::<AppState>().notice_actions;
                for alert in &alerts {
                    crate::notifications::recording_ready(alert, tx);
                }
            }
            Err(e) => tracing::warn!("new recordings: {e}"),
        }
    }
    if let Some(reason) = desk.session().take_unsaved() {
        events::notice(
            app,
            &zoomdesk_core::desk::Notice::new(
                zoomdesk_core::messages::SIGN_IN_NOT_SAVED,
                &[("reason", &reason)],
            ),
        );
    }
    let status = match &result {
        Ok(report) => {
            if !report.is_empty() {
                events::meetings_changed(app);
            }
            SyncStatus {
                state: SyncPhase::Idle,
                synced_at: synced_at(),
                message: None,
            }
        }
        Err(Error::Network(why)) => SyncStatus {
            state: SyncPhase::Offline,
            synced_at: synced_at(),
            message: Some(why.clone()),
        },
        Err(e @ Error::SignedOut(_)) => {
            let s = desk.session_state().await;
            app.state::<AppState>().poller.set_active(s.signed_in);
            events::session_changed(app, &s);
            SyncStatus {
                state: SyncPhase::Error,
                synced_at: synced_at(),
                message: Some(e.to_string()),
            }
        }
        Err(e) => SyncStatus {
            state: SyncPhase::Error,
            synced_at: synced_at(),
            message: Some(UiError::from(e).message),
        },
    };
    events::sync_status(app, &status);
    // Whatever the sync did, reminders and the tray look at the cache again.
    app.state::<AppState>().poller.replan();
    crate::tray::refresh(app).await;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_back_off_from_30_seconds_doubling_to_15_minutes() {
        assert_eq!(backoff(0), INTERVAL);
        assert_eq!(backoff(1), Duration::from_secs(30));
        assert_eq!(backoff(2), Duration::from_secs(60));
        assert_eq!(backoff(5), Duration::from_secs(480));
        assert_eq!(backoff(6), Duration::from_secs(900));
        assert_eq!(backoff(40), Duration::from_secs(900));
    }
}

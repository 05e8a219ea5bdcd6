//! The background sync: at start, every few minutes, and on demand (Refresh, after sign-in).

use std::time::Duration;

use tauri::{AppHandle, Manager};
use zoomdesk_core::desk::Desk;
use zoomdesk_core::error::{Error, Result};
use zoomdesk_core::sync::{SyncReport, MEETINGS_KEY};

use crate::events::{self, SyncStatus};
use crate::state::AppState;

/// Time between background syncs.
pub const INTERVAL: Duration = Duration::from_secs(5 * 60);

/// Starts the loop on Tauri's runtime.
pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            let state = app.state::<AppState>();
            let desk = state.desk().await;
            if desk.session.is_signed_in().await {
                let _ = run_once(&app, &desk).await;
            }
            tokio::select! {
                () = tokio::time::sleep(INTERVAL) => {}
                () = state.sync_now.notified() => {}
            }
        }
    });
}

/// One sync, with its status told to the UI before and after.
pub async fn run_once(app: &AppHandle, desk: &Desk) -> Result<SyncReport> {
    let synced_at = || {
        desk.store
            .sync_age(MEETINGS_KEY)
            .ok()
            .flatten()
            .map(|t| t.to_rfc3339())
    };
    events::sync_status(
        app,
        &SyncStatus {
            state: "syncing".into(),
            synced_at: synced_at(),
            message: None,
        },
    );
    let result = desk.sync().await;
    let status = match &result {
        Ok(report) => {
            if !report.is_empty() {
                events::meetings_changed(app);
            }
            SyncStatus {
                state: "idle".into(),
                synced_at: synced_at(),
                message: None,
            }
        }
        Err(Error::Network(why)) => SyncStatus {
            state: "offline".into(),
            synced_at: synced_at(),
            message: Some(why.clone()),
        },
        Err(e @ Error::SignedOut(_)) => {
            events::session_changed(app, &desk.session_state().await);
            SyncStatus {
                state: "error".into(),
                synced_at: synced_at(),
                message: Some(e.to_string()),
            }
        }
        Err(e) => SyncStatus {
            state: "error".into(),
            synced_at: synced_at(),
            message: Some(zoomdesk_core::UiError::from(e).message),
        },
    };
    events::sync_status(app, &status);
    result
}

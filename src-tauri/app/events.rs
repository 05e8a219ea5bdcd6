//! Events the UI listens to: the sign-in changed, the cache changed, the sync state.

use serde::Serialize;
use tauri::{AppHandle, Emitter};
use ts_rs::TS;
use zoomdesk_core::desk::Notice;
use zoomdesk_core::desk::SessionState;
use zoomdesk_core::links::Destination;
use zoomdesk_core::UiError;

/// Event names (the UI subscribes with `listen`).
pub const SESSION: &str = "zoomdesk://session";
/// The cached meetings or recordings changed: reload what is on screen.
pub const CACHE: &str = "zoomdesk://cache";
/// The sync started, finished or failed.
pub const SYNC: &str = "zoomdesk://sync";

/// Take the window to a page (a notification click, a tray item, a `zoomdesk://` link).
pub const NAVIGATE: &str = "zoomdesk://navigate";
/// Something to tell the user in a toast (a link that could not be opened, a failed start).
pub const NOTICE: &str = "zoomdesk://notice";

/// How a recording download is going.
pub const DOWNLOAD: &str = "zoomdesk://download";

/// What the background sync is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SyncPhase {
    /// A sync is running.
    Syncing,
    /// The last sync worked (or none ran yet).
    Idle,
    /// Zoom could not be reached; the cache is shown.
    Offline,
    /// Zoom answered with an error, or the sign-in ended.
    Error,
}

/// Where the background sync is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncStatus {
    /// What it is doing.
    pub state: SyncPhase,
    /// Last successful sync (RFC 3339), if any.
    #[ts(optional)]
    pub synced_at: Option<String>,
    /// What went wrong, for `offline` and `error`.
    #[ts(optional)]
    pub message: Option<String>,
}

/// Tells the UI the sign-in changed.
pub fn session_changed(app: &AppHandle, s: &SessionState) {
    let _ = app.emit(SESSION, s);
}

/// Tells the UI the cache changed.
pub fn meetings_changed(app: &AppHandle) {
    let _ = app.emit(CACHE, ());
}

/// Tells the UI where the sync is.
pub fn sync_status(app: &AppHandle, status: &SyncStatus) {
    let _ = app.emit(SYNC, status);
}

/// Takes the window to `destination`.
pub fn navigate(app: &AppHandle, destination: &Destination) {
    let _ = app.emit(NAVIGATE, destination);
}

/// Tells the user `notice` in a toast.
pub fn notice(app: &AppHandle, notice: &Notice) {
    let _ = app.emit(NOTICE, notice);
}

/// A backend error as a toast's notice: its catalog key when it has one, its sentence always.
pub fn notice_of(err: &UiError) -> Notice {
    Notice {
        key: err.code.clone().unwrap_or_else(|| "internal".into()),
        params: err.params.clone().unwrap_or_default(),
        text: err.message.clone(),
    }
}

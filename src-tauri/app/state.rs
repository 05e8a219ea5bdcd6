//! State shared by the commands: the opened core, and what the sync loop reports.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::{Notify, RwLock};
use zoomdesk_core::desk::Desk;
use zoomdesk_core::{AppDirs, AppInfo};

/// What the commands share for the life of the app.
pub struct AppState {
    /// Version and folders, computed once.
    pub info: AppInfo,
    /// The app's folders.
    pub dirs: AppDirs,
    /// Core; replaced when settings change (a new client id means a new OAuth client).
    pub desk: RwLock<Arc<Desk>>,
    /// When the process started, for the first-paint benchmark.
    pub launched: Instant,
    /// Wakes a sign-in that is waiting for the browser, to cancel it.
    pub cancel_sign_in: Notify,
    /// Wakes the sync loop for an immediate sync.
    pub sync_now: Notify,
    ready_reported: AtomicBool,
}

impl AppState {
    /// State for `version` running with `dirs` and `desk`, launched at `launched`.
    pub fn new(version: &str, dirs: AppDirs, desk: Desk, launched: Instant) -> Self {
        AppState {
            info: AppInfo::new(version, &dirs),
            dirs,
            desk: RwLock::new(Arc::new(desk)),
            launched,
            cancel_sign_in: Notify::new(),
            sync_now: Notify::new(),
            ready_reported: AtomicBool::new(false),
        }
    }

    /// The current core.
    pub async fn desk(&self) -> Arc<Desk> {
        self.desk.read().await.clone()
    }

    /// True the first time only: the first paint is reported once.
    pub fn first_ready(&self) -> bool {
        !self.ready_reported.swap(true, Ordering::SeqCst)
    }
}

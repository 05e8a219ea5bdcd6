//! State shared by the commands.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use zoomdesk_core::{AppDirs, AppInfo};

/// What the commands share for the life of the app.
pub struct AppState {
    /// Version and folders, computed once.
    pub info: AppInfo,
    /// When the process started, for the first-paint benchmark.
    pub launched: Instant,
    ready_reported: AtomicBool,
}

impl AppState {
    /// State for `version` running with `dirs`, launched at `launched`.
    pub fn new(version: &str, dirs: AppDirs, launched: Instant) -> Self {
        AppState {
            info: AppInfo::new(version, &dirs),
            launched,
            ready_reported: AtomicBool::new(false),
        }
    }

    /// True the first time only: the first paint is reported once.
    pub fn first_ready(&self) -> bool {
        !self.ready_reported.swap(true, Ordering::SeqCst)
    }
}

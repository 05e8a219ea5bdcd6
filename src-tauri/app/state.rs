//! State shared by the commands: the opened core, the reminder poller, and what the sync loop
//! reports.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Instant;

use tokio::sync::{Notify, RwLock};
use zoomdesk_core::desk::Desk;
use zoomdesk_core::download::Downloader;
use zoomdesk_core::links::Destination;
use zoomdesk_core::player::StreamServer;
use zoomdesk_core::reminders::Poller;
use zoomdesk_core::store::Store;
use zoomdesk_core::{AppDirs, AppInfo};

use crate::sync_loop::SyncGate;

/// What the commands share for the life of the app.
pub struct AppState {
    /// Version and folders, computed once.
    pub info: AppInfo,
    /// The app's folders.
    pub dirs: AppDirs,
    /// Core; replaced when settings change (a new client id means a new OAuth client).
    pub desk: RwLock<Arc<Desk>>,
    /// The cache (one for the life of the app, whatever the settings).
    pub store: Arc<Store>,
    /// The reminder poller (it shares core's cache, which outlives a settings change).
    pub poller: Arc<Poller>,
    /// The local server the player plays recordings from.
    pub stream: OnceLock<StreamServer>,
    /// Recording downloads.
    pub downloads: Arc<Downloader>,
    /// Where notifications other than reminders send what the user did with them.
    pub notice_actions: tokio::sync::mpsc::UnboundedSender<crate::notifications::ReminderAction>,
    /// When the process started, for the first-paint benchmark.
    pub launched: Instant,
    /// Wakes a sign-in that is waiting for the browser, to cancel it.
    pub cancel_sign_in: Notify,
    /// Wakes the sync loop for an immediate sync.
    pub sync_now: Notify,
    /// The running sync, which a second request joins.
    pub sync_gate: SyncGate,
    /// The tray icon is up (else closing the window quits).
    pub tray: AtomicBool,
    /// A page to show once the UI listens (a cold start from a link).
    pending: Mutex<Option<Destination>>,
    ready_reported: AtomicBool,
    /// Turns true at the first paint (for what waits for it).
    painted: tokio::sync::watch::Sender<bool>,
}

impl AppState {
    /// State for `version` running with `dirs`, `desk` and `poller`, launched at `launched`.
    pub fn new(
        version: &str,
        dirs: AppDirs,
        desk: Desk,
        poller: Arc<Poller>,
        downloads: Arc<Downloader>,
        notice_actions: tokio::sync::mpsc::UnboundedSender<crate::notifications::ReminderAction>,
        launched: Instant,
    ) -> Self {
        AppState {
            info: AppInfo::new(version, &dirs),
            dirs,
            store: desk.store().clone(),
            desk: RwLock::new(Arc::new(desk)),
            poller,
            stream: OnceLock::new(),
            downloads,
            notice_actions,
            launched,
            cancel_sign_in: Notify::new(),
            sync_now: Notify::new(),
            sync_gate: SyncGate::default(),
            tray: AtomicBool::new(false),
            pending: Mutex::new(None),
            ready_reported: AtomicBool::new(false),
            painted: tokio::sync::watch::Sender::new(false),
        }
    }

    /// The current core.
    pub async fn desk(&self) -> Arc<Desk> {
        self.desk.read().await.clone()
    }

    /// True the first time only: the first paint is reported once.
    pub fn first_ready(&self) -> bool {
        let first = !self.ready_reported.swap(true, Ordering::SeqCst);
        if first {
            self.painted.send_replace(true);
        }
        first
    }

    /// Resolves once the UI has painted its first screen, or after `at_most`.
    pub async fn after_first_paint(&self, at_most: std::time::Duration) {
        let mut painted = self.painted.subscribe();
        let _ = tokio::time::timeout(at_most, painted.wait_for(|p| *p)).await;
    }

    /// Whether the UI has painted (and listens to events).
    pub fn ui_ready(&self) -> bool {
        self.ready_reported.load(Ordering::SeqCst)
    }

    /// Keeps a page to show when the UI is ready.
    pub fn set_pending(&self, d: Destination) {
        *self.pending.lock().unwrap_or_else(PoisonError::into_inner) = Some(d);
    }

    /// The page kept for when the UI is ready.
    pub fn take_pending(&self) -> Option<Destination> {
        self.pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// Whether the tray icon is up.
    pub fn has_tray(&self) -> bool {
        self.tray.load(Ordering::SeqCst)
    }
}

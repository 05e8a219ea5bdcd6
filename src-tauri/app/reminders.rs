//! Reminders in the app: the core poller, fed by the desktop notifier, and what happens when
//! the user acts on a notification (start the meeting, snooze, open the reminder page).

use std::sync::Arc;

use tauri::{AppHandle, Manager};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use zoomdesk_core::reminders::{Poller, SystemClock};

use crate::notifications::{DesktopNotifier, ReminderAction};
use crate::state::AppState;

/// The poller and the receiving end of its notifications' actions.
/// The poller, the sending end for other notifications' actions, and the receiving end.
pub fn poller(
    desk: &zoomdesk_core::desk::Desk,
) -> (
    Arc<Poller>,
    UnboundedSender<ReminderAction>,
    UnboundedReceiver<ReminderAction>,
) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let poller = Poller::new(
        desk.store().clone(),
        Arc::new(DesktopNotifier::new(tx.clone())),
        Arc::new(SystemClock),
        desk.reminder_rules(),
    );
    (Arc::new(poller), tx, rx)
}

/// Starts the poller and the handler of notification actions.
pub fn spawn(app: &AppHandle, mut actions: UnboundedReceiver<ReminderAction>) {
    let handle = app.clone();
    crate::supervise::spawn("reminders", move || {
        let poller = handle.state::<AppState>().poller.clone();
        poller.run()
    });
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        while let Some(action) = actions.recv().await {
            act(&handle, action).await;
        }
    });
}

async fn act(app: &AppHandle, action: ReminderAction) {
    let state = app.state::<AppState>();
    match action {
        ReminderAction::Start(r) => {
            tracing::info!(meeting = r.meeting_id, "start from a reminder");
            // On failure, the reminder page, with the reason there.
            match zoomdesk_core::ids::MeetingId::try_from(r.meeting_id) {
                Ok(id) => crate::commands::start_or_show(app, id, &r.destination()).await,
                Err(e) => tracing::warn!("a reminder with no meeting: {e}"),
            }
        }
        ReminderAction::Snooze(r) => {
            if let Err(e) = state.poller.snooze(r.meeting_id, &r.occurrence_id, &r.key) {
                tracing::warn!("could not snooze: {e}");
            }
        }
        ReminderAction::Open(r) => {
            crate::focus_main_window(app);
            crate::events::navigate(app, &r.destination());
        }
        ReminderAction::RecordingDetails(uuid) => {
            crate::focus_main_window(app);
            let to = zoomdesk_core::links::Destination::Recording { uuid, play: None };
            crate::events::navigate(app, &to);
        }
        ReminderAction::RecordingPlay(uuid) => {
            crate::focus_main_window(app);
            let to = zoomdesk_core::links::Destination::Recording {
                uuid,
                play: Some(true),
            };
            crate::events::navigate(app, &to);
        }
    }
}

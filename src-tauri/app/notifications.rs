//! Desktop notifications through the OS's own service, behind core's [`Notifier`].
//!
//! - Linux (and the BSDs): the freedesktop Notifications D-Bus API through notify-rust. The
//!   server's capabilities are asked once; with `actions` the reminder offers Start meeting and
//!   Snooze, and a click on the body (the `default` action) opens the reminder page. Waiting for
//!   the answer blocks, so each notification gets a plain thread, never an async worker.
//! - Windows: a toast with buttons through the app's AppUserModelID; its activation callback
//!   carries the button's action (tauri-winrt-notification).
//! - macOS: mac-notification-sys, waiting for the click or the button on a thread.
//!
//! Whatever the user does comes back as a [`ReminderAction`] on a channel the app handles.

use tokio::sync::mpsc::UnboundedSender;
use zoomdesk_core::reminders::poller::Reminder;
use zoomdesk_core::reminders::Notifier;

/// What the user did with a notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReminderAction {
    /// Start the meeting.
    Start(Reminder),
    /// Show it again in five minutes.
    Snooze(Reminder),
    /// Open its reminder page (a click on the body).
    Open(Reminder),
    /// Open a new recording's details (a click on the body).
    RecordingDetails(String),
    /// Play a new recording.
    RecordingPlay(String),
}

impl ReminderAction {
    /// The action for a key the notification server sent back, if it is one of ours.
    pub fn from_key(key: &str, reminder: Reminder) -> Option<Self> {
        match key {
            "start" => Some(ReminderAction::Start(reminder)),
            "snooze" => Some(ReminderAction::Snooze(reminder)),
            "default" | "open" => Some(ReminderAction::Open(reminder)),
            _ => None,
        }
    }
}

/// Why a notification could not be shown.
#[derive(Debug, thiserror::Error)]
#[error("the desktop refused the notification: {0}")]
pub struct NotifyError(String);

/// The app's notifier: shows reminders and sends back what the user does with them.
pub struct DesktopNotifier {
    actions: UnboundedSender<ReminderAction>,
}

impl DesktopNotifier {
    /// A notifier whose reminders report their actions on `actions`.
    pub fn new(actions: UnboundedSender<ReminderAction>) -> Self {
        DesktopNotifier { actions }
    }
}

impl Notifier for DesktopNotifier {
    fn remind(&self, reminder: &Reminder) -> Result<(), String> {
        let reminder = reminder.clone();
        let tx = self.actions.clone();
        // Showing talks to the desktop and waiting for the answer blocks: a thread of its own.
        std::thread::Builder::new()
            .name("reminder".into())
            .spawn(move || {
                if let Err(e) = platform::show_reminder(&reminder, &tx) {
                    tracing::warn!(meeting = reminder.meeting_id, "{e}");
                }
            })
            .map(drop)
            .map_err(|e| e.to_string())
    }
}

/// Shows a "new recording" notification with Play and Details; what the user picks comes back
/// on the same channel as the reminders' actions.
pub fn recording_ready(
    alert: &zoomdesk_core::recording_alerts::RecordingAlert,
    tx: &UnboundedSender<ReminderAction>,
) {
    let alert = alert.clone();
    let tx = tx.clone();
    let spawned = std::thread::Builder::new()
        .name("recording-notice".into())
        .spawn(move || {
            if let Err(e) = platform::show_recording(&alert, &tx) {
                tracing::warn!("the new-recording notification was not shown: {e}");
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("the new-recording notification was not shown: {e}");
    }
}

/// Shows a plain notification (no actions) with the app's name.
pub fn show(summary: &str, body: &str) -> Result<(), NotifyError> {
    notify_rust::Notification::new()
        .appname("Zoomdesk")
        .summary(summary)
        .body(body)
        .show()
        .map(|_| ())
        .map_err(|e| NotifyError(e.to_string()))
}

#[cfg(all(unix, not(target_os = "macos")))]
mod platform {
    use std::sync::OnceLock;

    use notify_rust::{Hint, Notification, Timeout, Urgency};
    use tokio::sync::mpsc::UnboundedSender;
    use zoomdesk_core::recording_alerts::RecordingAlert;
    use zoomdesk_core::reminders::poller::Reminder;

    use super::{NotifyError, ReminderAction};

    /// Whether the server shows action buttons (GNOME Shell, KDE, dunst, xfce4-notifyd do).
    fn has_actions() -> bool {
        static CAPS: OnceLock<bool> = OnceLock::new();
        *CAPS.get_or_init(|| match notify_rust::get_capabilities() {
            Ok(caps) => caps.iter().any(|c| c == "actions"),
            Err(e) => {
                tracing::warn!("the notification server did not say what it can do: {e}");
                false
            }
        })
    }

    pub fn show_reminder(
        reminder: &Reminder,
        tx: &UnboundedSender<ReminderAction>,
    ) -> Result<(), NotifyError> {
        let mut n = Notification::new();
        n.appname("Zoomdesk")
            .summary(&reminder.text.summary)
            .body(&reminder.text.body)
            .icon("zoomdesk")
            .hint(Hint::Category("x-zoomdesk.reminder".into()))
            .urgency(Urgency::Critical)
            .timeout(Timeout::Never);
        // Without the capability only a click on the body can come back (some servers
        // still send `default`).
        let words = zoomdesk_core::shell_words::words(reminder.text.language);
        n.action("default", words.open_reminder);
        if has_actions() {
            n.action("start", words.start_meeting)
                .action("snooze", words.snooze);
        }
        let handle = n.show().map_err(|e| NotifyError(e.to_string()))?;
        let reminder = reminder.clone();
        let tx = tx.clone();
        handle.wait_for_action(move |key| {
            if let Some(action) = ReminderAction::from_key(key, reminder) {
                let _ = tx.send(action);
            }
        });
        Ok(())
    }

    pub fn show_recording(
        alert: &RecordingAlert,
        tx: &UnboundedSender<ReminderAction>,
    ) -> Result<(), NotifyError> {
        let mut n = Notification::new();
        n.appname("Zoomdesk")
            .summary(&alert.text.summary)
            .body(&alert.text.body)
            .icon("zoomdesk")
            .hint(Hint::Category("x-zoomdesk.recording".into()));
        let words = zoomdesk_core::shell_words::words(alert.text.language);
        n.action("default", words.details);
        if has_actions() {
            n.action("play", words.play)
                .action("details", words.details);
        }
        let handle = n.show().map_err(|e| NotifyError(e.to_string()))?;
        let uuid = alert.uuid.clone();
        let tx = tx.clone();
        handle.wait_for_action(move |key| {
            let action = match key {
                "play" => Some(ReminderAction::RecordingPlay(uuid)),
                "default" | "details" => Some(ReminderAction::RecordingDetails(uuid)),
                _ => None,
            };
            if let Some(a) = action {
                let _ = tx.send(a);
            }
        });
        Ok(())
    }
}

#[cfg(windows)]
mod platform {
    use tauri_winrt_notification::{Duration, Scenario, Toast};
    use tokio::sync::mpsc::UnboundedSender;
    use zoomdesk_core::recording_alerts::RecordingAlert;
    use zoomdesk_core::reminders::poller::Reminder;

    use super::{NotifyError, ReminderAction};

    /// The AppUserModelID the installer registers (the bundle identifier).
    const APP_ID: &str = "app.zoomdesk.desktop";

    pub fn show_reminder(
        reminder: &Reminder,
        tx: &UnboundedSender<ReminderAction>,
    ) -> Result<(), NotifyError> {
        let r = reminder.clone();
        let tx = tx.clone();
        let words = zoomdesk_core::shell_words::words(reminder.text.language);
        Toast::new(APP_ID)
            .title(&reminder.text.summary)
            .text1(&reminder.text.body)
            .scenario(Scenario::Reminder)
            .duration(Duration::Long)
            .add_button(words.start_meeting, "start")
            .add_button(words.snooze, "snooze")
            .on_activated(move |action| {
                // A click on the toast itself carries no argument.
                let key = action.unwrap_or_else(|| "default".into());
                if let Some(a) = ReminderAction::from_key(&key, r.clone()) {
                    let _ = tx.send(a);
                }
                Ok(())
            })
            .show()
            .map_err(|e| NotifyError(e.to_string()))
    }

    pub fn show_recording(
        alert: &RecordingAlert,
        tx: &UnboundedSender<ReminderAction>,
    ) -> Result<(), NotifyError> {
        let uuid = alert.uuid.clone();
        let tx = tx.clone();
        let words = zoomdesk_core::shell_words::words(alert.text.language);
        Toast::new(APP_ID)
            .title(&alert.text.summary)
            .text1(&alert.text.body)
            .add_button(words.play, "play")
            .add_button(words.details, "details")
            .on_activated(move |action| {
                let a = match action.as_deref() {
                    Some("play") => ReminderAction::RecordingPlay(uuid.clone()),
                    _ => ReminderAction::RecordingDetails(uuid.clone()),
                };
                let _ = tx.send(a);
                Ok(())
            })
            .show()
            .map_err(|e| NotifyError(e.to_string()))
    }
}

#[cfg(target_os = "macos")]
mod platform {
    use mac_notification_sys::{MainButton, Notification, NotificationResponse};
    use tokio::sync::mpsc::UnboundedSender;
    use zoomdesk_core::recording_alerts::RecordingAlert;
    use zoomdesk_core::reminders::poller::Reminder;

    use super::{NotifyError, ReminderAction};

    pub fn show_reminder(
        reminder: &Reminder,
        tx: &UnboundedSender<ReminderAction>,
    ) -> Result<(), NotifyError> {
        let words = zoomdesk_core::shell_words::words(reminder.text.language);
        let answer = Notification::new()
            .title(&reminder.text.summary)
            .message(&reminder.text.body)
            .main_button(MainButton::SingleAction(words.start_meeting))
            .close_button(words.snooze)
            .wait_for_click(true)
            .send()
            .map_err(|e| NotifyError(e.to_string()))?;
        let key = match answer {
            NotificationResponse::ActionButton(_) => "start",
            NotificationResponse::CloseButton(_) => "snooze",
            NotificationResponse::Click => "default",
            _ => return Ok(()),
        };
        if let Some(a) = ReminderAction::from_key(key, reminder.clone()) {
            let _ = tx.send(a);
        }
        Ok(())
    }

    pub fn show_recording(
        alert: &RecordingAlert,
        tx: &UnboundedSender<ReminderAction>,
    ) -> Result<(), NotifyError> {
        let words = zoomdesk_core::shell_words::words(alert.text.language);
        let answer = Notification::new()
            .title(&alert.text.summary)
            .message(&alert.text.body)
            .main_button(MainButton::SingleAction(words.play))
            .wait_for_click(true)
            .send()
            .map_err(|e| NotifyError(e.to_string()))?;
        let action = match answer {
            NotificationResponse::ActionButton(_) => {
                ReminderAction::RecordingPlay(alert.uuid.clone())
            }
            NotificationResponse::Click => ReminderAction::RecordingDetails(alert.uuid.clone()),
            _ => return Ok(()),
        };
        let _ = tx.send(action);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use zoomdesk_core::reminders::wording::Text;

    use super::*;

    #[test]
    fn only_our_action_keys_mean_something() {
        let r = Reminder {
            meeting_id: 1,
            occurrence_id: String::new(),
            key: String::from("1::0:lead"),
            recurring: false,
            text: Text {
                summary: String::new(),
                body: String::new(),
                language: zoomdesk_core::locale::Language::En,
            },
        };
        assert_eq!(
            ReminderAction::from_key("start", r.clone()),
            Some(ReminderAction::Start(r.clone()))
        );
        assert_eq!(
            ReminderAction::from_key("default", r.clone()),
            Some(ReminderAction::Open(r.clone()))
        );
        assert_eq!(
            ReminderAction::from_key("snooze", r.clone()),
            Some(ReminderAction::Snooze(r.clone()))
        );
        // Closing (or anything a server invents) does nothing.
        assert_eq!(ReminderAction::from_key("__closed", r.clone()), None);
        assert_eq!(ReminderAction::from_key("delete", r), None);
    }
}

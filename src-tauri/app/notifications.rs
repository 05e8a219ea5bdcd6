//! Desktop notifications through the OS's own service (D-Bus on Linux) via notify-rust.
//!
//! Reminders and recording alerts arrive in later work; this is the one door they go through.

/// Why a notification could not be shown.
#[derive(Debug, thiserror::Error)]
#[error("the desktop refused the notification: {0}")]
pub struct NotifyError(String);

/// Shows a plain notification with the app's name.
pub fn show(summary: &str, body: &str) -> Result<(), NotifyError> {
    notify_rust::Notification::new()
        .appname("Zoomdesk")
        .summary(summary)
        .body(body)
        .show()
        .map(|_| ())
        .map_err(|e| NotifyError(e.to_string()))
}

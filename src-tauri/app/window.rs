//! The main window's life: closing it hides it to the tray when the user wants Zoomdesk to keep
//! running (reminders keep coming), and says so the first time.

use tauri::{AppHandle, Manager, Window, WindowEvent};
use zoomdesk_core::config::Settings;

use crate::state::AppState;

/// The argument autostart passes: start in the tray, without the window.
pub const HIDDEN_ARG: &str = "--hidden";

/// Hides the main window.
pub fn hide(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.hide();
    }
}

/// Handles window events: close to the tray.
pub fn on_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    if window.label() != "main" {
        return;
    }
    let app = window.app_handle();
    let state = app.state::<AppState>();
    let settings = state.desk.try_read().map(|d| d.settings().clone()).ok();
    let keep = settings.as_ref().is_none_or(|s| s.keep_in_tray);
    if !keep || !state.has_tray() {
        return;
    }
    api.prevent_close();
    let _ = window.hide();
    if settings.is_some_and(|s| !s.tray_notice_shown) {
        let shown = Settings::edit_file(&state.dirs.config, |s| s.tray_notice_shown = true);
        if let Err(e) = shown {
            tracing::warn!("could not remember the tray notice: {e}");
        }
        if let Err(e) = crate::notifications::show(
            "Zoomdesk is still running",
            "Reminders keep coming. Open Zoomdesk or quit it from the tray icon.",
        ) {
            tracing::warn!("{e}");
        }
        // The next settings reload picks the flag up; until then, keep it in memory too.
        if let Ok(desk) = state.desk.try_read() {
            if let Ok(again) = desk.reload() {
                drop(desk);
                if let Ok(mut slot) = state.desk.try_write() {
                    *slot = std::sync::Arc::new(again);
                }
            }
        }
    }
}

/// Turns starting at login on or off (tauri-plugin-autostart: an XDG autostart entry, a
/// LaunchAgent, or the Run registry key).
pub fn set_autostart(app: &AppHandle, on: bool) -> Result<(), zoomdesk_core::Error> {
    use tauri_plugin_autostart::ManagerExt;
    let launcher = app.autolaunch();
    let result = if on {
        launcher.enable()
    } else if launcher.is_enabled().unwrap_or(false) {
        launcher.disable()
    } else {
        Ok(())
    };
    result.map_err(|e| {
        zoomdesk_core::Error::Config(format!("could not change start at login: {e}").into())
    })
}

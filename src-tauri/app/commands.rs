//! The commands the UI may call. Each is thin: it hands over to core and returns its answer.

use tauri::State;
use zoomdesk_core::AppInfo;

use crate::state::AppState;

/// Version and folders of the running app.
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    state.info.clone()
}

/// The UI has painted its first screen. Logged (and printed for the benchmark script)
/// with the time since launch.
#[tauri::command]
pub fn ui_ready(state: State<'_, AppState>) {
    if !state.first_ready() {
        return;
    }
    let ms = state.launched.elapsed().as_millis();
    tracing::info!(ms, "first paint");
    if std::env::var_os("ZOOMDESK_BENCH").is_some() {
        println!("ZOOMDESK_READY {ms}");
    }
}

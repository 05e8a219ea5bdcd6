//! The Tauri shell of Zoomdesk: builder, commands, tray, notifications, deep links.
//!
//! Everything that is not about the desktop lives in `zoomdesk_core`; this crate adapts it.

mod browser;
mod commands;
mod deep_links;
mod events;
#[cfg(test)]
mod ipc_surface;
pub mod notifications;
mod recording_commands;
mod recordings;
mod reminders;
mod startup;
mod state;
mod supervise;
mod sync_loop;
mod tray;
mod window;

use std::sync::atomic::Ordering;
use tauri::Manager;
use zoomdesk_core::AppDirs;

use crate::state::AppState;

/// Starts the desktop app and blocks until it quits.
pub fn run() {
    let launched = startup::launched();
    startup::mark("main");
    let dirs = match AppDirs::resolve().and_then(|d| d.create().map(|()| d)) {
        Ok(dirs) => dirs,
        Err(err) => {
            eprintln!("Zoomdesk cannot start: {err}");
            std::process::exit(1);
        }
    };
    // Without a log file the app still runs; the reason goes to stderr.
    let _log_guard = zoomdesk_core::logging::init(&dirs.logs)
        .map_err(|err| eprintln!("logging to file is off: {err}"))
        .ok();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), data = %dirs.data.display(), "starting");

    // Core (settings, the keychain, the cache) and the download client open on a thread of their
    // own while GTK, the window and WebKit start; the setup hook takes them. Nothing can ask for
    // them earlier: the page is served from this (the main) thread once the hook has returned.
    let opening = std::thread::Builder::new()
        .name("open-core".into())
        .spawn(move || open_state(dirs, launched));
    let opening = match opening {
        Ok(handle) => handle,
        Err(err) => {
            eprintln!("Zoomdesk cannot start: {err}");
            std::process::exit(1);
        }
    };
    // The player's server is bound before the window, so the CSP names its exact origin.
    let mut context = tauri::generate_context!();
    let media = recordings::bind()
        .map_err(|e| tracing::warn!("no stream server, recordings will not play here: {e}"))
        .ok();
    if let Some(origin) = media
        .as_ref()
        .and_then(|l| l.local_addr().ok())
        .map(|a| format!("http://{a}"))
    {
        recordings::allow_media_from(&mut context, &origin);
    }
    // Started at login with `--hidden`: straight to the tray.
    let hidden = std::env::args().any(|a| a == window::HIDDEN_ARG);
    let result = tauri::Builder::default()
        // Registered first: a second launch (e.g. a zoomdesk:// link) is handed to this one.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            tracing::info!(args = argv.len(), "second launch forwarded");
            focus_main_window(app);
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec![window::HIDDEN_ARG]),
        ))
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::ui_ready,
            commands::session_state,
            commands::sign_in,
            commands::cancel_sign_in,
            commands::sign_out,
            commands::get_settings,
            commands::save_settings,
            commands::timezones,
            commands::sync_now,
            commands::week,
            commands::office_hours_month,
            commands::meeting,
            commands::refresh_meeting,
            commands::create_meeting,
            commands::update_meeting,
            commands::update_occurrence,
            commands::delete_meeting,
            commands::start_meeting,
            commands::open_join_url,
            commands::copy_invitation,
            commands::copy_text,
            commands::preview_meeting,
            commands::export_ics,
            recording_commands::recordings,
            recording_commands::recording,
            recording_commands::play_recording,
            recording_commands::save_play_position,
            recording_commands::download_recording,
            recording_commands::cancel_download,
            recording_commands::show_in_folder,
            recording_commands::open_recording_in_browser,
        ])
        .on_window_event(window::on_event)
        .on_page_load(|_webview, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => startup::mark("page load started"),
            tauri::webview::PageLoadEvent::Finished => startup::mark("page load finished"),
        })
        .setup(move |app| {
            // Tauri has just created the window of tauri.conf.json.
            startup::mark("window created");
            let Ok((state, reminder_actions)) = opening.join() else {
                eprintln!("Zoomdesk cannot start: opening core failed");
                std::process::exit(1);
            };
            app.manage(state);
            startup::mark("core ready");
            match tray::setup(app) {
                Ok(()) => app.state::<AppState>().tray.store(true, Ordering::SeqCst),
                // Some Linux desktops have no tray; the window still works, and closing it quits.
                Err(err) => tracing::warn!("no tray icon: {err}"),
            }
            startup::mark("tray ready");
            deep_links::setup(app)?;
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let state = handle.state::<AppState>();
                let signed_in = state.desk().await.session().is_signed_in().await;
                state.poller.set_active(signed_in);
            });
            reminders::spawn(app.handle(), reminder_actions);
            if let Some(listener) = media {
                match recordings::start_server(app.handle(), listener) {
                    Ok(server) => {
                        let _ = app.state::<AppState>().stream.set(server);
                    }
                    Err(err) => tracing::warn!("no stream server: {err}"),
                }
            }
            // What can wait keeps out of the first paint's way (two cores share it with WebKit,
            // and the tray menu is built on the main thread): the first sync, the tray's list
            // of meetings and registering the link scheme start once the week is on screen.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                handle
                    .state::<AppState>()
                    .after_first_paint(AFTER_FIRST_PAINT_AT_MOST)
                    .await;
                sync_loop::spawn(handle.clone());
                tray::spawn(handle.clone());
                deep_links::register_scheme(&handle);
            });
            if hidden && app.state::<AppState>().has_tray() {
                window::hide(app.handle());
            }
            startup::mark("setup done");
            Ok(())
        })
        .run(context);
    if let Err(err) = result {
        tracing::error!("the app stopped with an error: {err}");
        eprintln!("Zoomdesk stopped with an error: {err}");
        std::process::exit(1);
    }
}

/// How long the work that waits for the first paint waits at most (a window started hidden
/// paints nothing).
const AFTER_FIRST_PAINT_AT_MOST: std::time::Duration = std::time::Duration::from_secs(3);

/// Opens core, the reminder poller and the download client: the app's state, and the receiver
/// of what the user does with reminders. Exits when core cannot open.
fn open_state(
    dirs: AppDirs,
    launched: std::time::Instant,
) -> (
    AppState,
    tokio::sync::mpsc::UnboundedReceiver<notifications::ReminderAction>,
) {
    let desk = match zoomdesk_core::desk::Desk::open(dirs.clone()) {
        Ok(desk) => desk,
        Err(err) => {
            tracing::error!("cannot open core: {err}");
            eprintln!("Zoomdesk cannot start: {err}");
            std::process::exit(1);
        }
    };
    startup::mark("core opened");
    let (poller, notice_actions, reminder_actions) = reminders::poller(&desk);
    let downloads = match zoomdesk_core::download::Downloader::new() {
        Ok(d) => std::sync::Arc::new(d),
        Err(err) => {
            eprintln!("Zoomdesk cannot start: {err}");
            std::process::exit(1);
        }
    };
    let state = AppState::new(
        env!("CARGO_PKG_VERSION"),
        dirs,
        desk,
        poller,
        downloads,
        notice_actions,
        launched,
    );
    (state, reminder_actions)
}

/// Shows, unminimizes and focuses the main window.
pub(crate) fn focus_main_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

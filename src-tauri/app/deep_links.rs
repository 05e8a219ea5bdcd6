//! `zoomdesk://` links: registered with the OS, checked by core before anything acts on them,
//! then opened in the running window (single-instance forwards a second launch's link here).

use tauri::{App, AppHandle, Manager};
use tauri_plugin_deep_link::DeepLinkExt;
use zoomdesk_core::desk::Notice;
use zoomdesk_core::links;
use zoomdesk_core::messages;

use crate::state::AppState;

/// Registers the scheme (Linux and Windows need it at run time) and listens for links.
pub fn setup(app: &mut App) -> Result<(), Box<dyn std::error::Error>> {
    #[cfg(any(target_os = "linux", windows))]
    if let Err(err) = app.deep_link().register_all() {
        tracing::warn!("could not register the zoomdesk:// scheme: {err}");
    }
    let handle = app.handle().clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            open(&handle, url.as_str());
        }
    });
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        tracing::info!(count = urls.len(), "started from a deep link");
        for url in urls {
            open(app.handle(), url.as_str());
        }
    }
    Ok(())
}

/// Opens one link: its page, or a notice saying it was refused.
pub fn open(app: &AppHandle, link: &str) {
    let state = app.state::<AppState>();
    crate::focus_main_window(app);
    match links::parse(link) {
        Ok(destination) => {
            // Only the route is logged: ids are the user's business.
            let route = match &destination {
                links::Destination::Meeting { .. } => "meeting",
                links::Destination::Reminder { .. } => "reminder",
                links::Destination::Recording { .. } => "recording",
            };
            tracing::info!(route, "deep link");
            if state.ui_ready() {
                crate::events::navigate(app, &destination);
            } else {
                state.set_pending(destination);
            }
        }
        Err(why) => {
            tracing::warn!("refused a deep link: {why}");
            crate::events::notice(app, &Notice::new(messages::LINK_INVALID, &[]));
        }
    }
}

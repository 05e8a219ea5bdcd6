//! `zoomdesk://` links: registered with the OS, checked by core before anything acts on them,
//! then opened in the running window (single-instance forwards a second launch's link here).

use tauri::{App, AppHandle, Manager};
use tauri_plugin_deep_link::DeepLinkExt;
use zoomdesk_core::desk::Notice;
use zoomdesk_core::links;
use zoomdesk_core::messages;

use crate::state::AppState;

/// Listens for links (the scheme is registered by [`register_scheme`]).
pub fn setup(app: &mut App) -> Result<(), Box<dyn std::error::Error>> {
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

/// Registers the scheme with the OS (Linux and Windows need it at run time), on a thread of its
/// own: on Linux it runs `update-desktop-database` and `xdg-mime`, which take a while.
pub fn register_scheme(app: &AppHandle) {
    #[cfg(any(target_os = "linux", windows))]
    {
        let app = app.clone();
        let spawned = std::thread::Builder::new()
            .name("register-scheme".into())
            .spawn(move || {
                if let Err(err) = app.deep_link().register_all() {
                    tracing::warn!("could not register the zoomdesk:// scheme: {err}");
                }
            });
        if let Err(err) = spawned {
            tracing::warn!("could not register the zoomdesk:// scheme: {err}");
        }
    }
    #[cfg(not(any(target_os = "linux", windows)))]
    let _ = app;
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

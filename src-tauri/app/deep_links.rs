//! `zoomdesk://` links: registered with the OS and checked before anything acts on them.

use tauri::App;
use tauri_plugin_deep_link::DeepLinkExt;

/// Registers the scheme (Linux and Windows need it at run time) and listens for links.
pub fn setup(app: &mut App) -> Result<(), Box<dyn std::error::Error>> {
    #[cfg(any(target_os = "linux", windows))]
    if let Err(err) = app.deep_link().register_all() {
        tracing::warn!("could not register the zoomdesk:// scheme: {err}");
    }
    let handle = app.handle().clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            if url.scheme() == "zoomdesk" {
                // Only the route is logged: links may one day carry ids users consider private.
                tracing::info!(route = url.host_str().unwrap_or(""), "deep link");
                crate::focus_main_window(&handle);
            } else {
                tracing::warn!(
                    scheme = url.scheme(),
                    "ignored a link with a foreign scheme"
                );
            }
        }
    });
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        tracing::info!(count = urls.len(), "started from a deep link");
    }
    Ok(())
}

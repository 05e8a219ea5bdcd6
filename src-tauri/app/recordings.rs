//! Recordings in the app: the stream server the player plays from (bound before the window so
//! the CSP can name its exact origin), downloads, and "new recording" notifications.

use std::sync::Arc;

use tauri::{AppHandle, Manager};
use zoomdesk_core::error::{Error, Result};
use zoomdesk_core::player::{BoxFuture, StreamServer, Upstream};
use zoomdesk_core::redact::Secret;
use zoomdesk_core::store::Store;

use crate::state::AppState;

/// Files come from the cache (the same store whatever the settings), tokens from the current
/// sign-in.
pub struct AppUpstream {
    store: Arc<Store>,
    app: AppHandle,
}

impl AppUpstream {
    /// An upstream over `store` and the app's current core.
    pub fn new(store: Arc<Store>, app: AppHandle) -> Self {
        AppUpstream { store, app }
    }
}

impl Upstream for AppUpstream {
    fn download_url(&self, uuid: &str, file_key: &str) -> Option<String> {
        self.store
            .recording(uuid)
            .ok()
            .flatten()?
            .files
            .into_iter()
            .find(|f| f.key == file_key)?
            .download_url
    }

    fn token(&self) -> BoxFuture<'_, Result<Secret<String>>> {
        Box::pin(async move {
            let desk = self.app.state::<AppState>().desk().await;
            desk.session().access_token().await
        })
    }
}

/// The loopback listener for the stream server, bound before the window exists.
pub fn bind() -> std::io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// Names exactly the stream server's origin in the CSP's `media-src`, nothing wider.
pub fn allow_media_from(context: &mut tauri::Context<tauri::Wry>, origin: &str) {
    use tauri::utils::config::{Csp, CspDirectiveSources};
    let csp = &mut context.config_mut().app.security.csp;
    if let Some(Csp::DirectiveMap(map)) = csp {
        map.insert(
            "media-src".into(),
            CspDirectiveSources::List(vec!["'self'".into(), origin.to_string()]),
        );
    }
}

/// Starts the stream server on `listener` (inside Tauri's runtime).
pub fn start_server(app: &AppHandle, listener: std::net::TcpListener) -> Result<StreamServer> {
    let store = app.state::<AppState>().store.clone();
    let upstream: Arc<dyn Upstream> = Arc::new(AppUpstream::new(store, app.clone()));
    tauri::async_runtime::block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        StreamServer::serve(listener, upstream)
    })
}

/// The upstream for downloads.
pub fn upstream(app: &AppHandle) -> Arc<dyn Upstream> {
    Arc::new(AppUpstream::new(
        app.state::<AppState>().store.clone(),
        app.clone(),
    ))
}

/// Checks a recording UUID from the UI: Zoom's are base64 (`+`, `/`, `=`), at most 64.
pub fn check_uuid(uuid: &str) -> std::result::Result<&str, Error> {
    let ok = !uuid.is_empty()
        && uuid.len() <= 64
        && uuid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'));
    if ok {
        Ok(uuid)
    } else {
        Err(Error::invalid("uuid", "That is not a Zoom recording id.")
            .key(zoomdesk_core::messages::Key::UuidInvalid))
    }
}

/// Checks a file key from the UI (Zoom's file ids, or `~TYPE.EXT`).
pub fn check_file_key(key: &str) -> std::result::Result<&str, Error> {
    let ok = !key.is_empty()
        && key.len() <= 80
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'~' | b'.' | b'-' | b'_'));
    if ok {
        Ok(key)
    } else {
        Err(Error::invalid("fileKey", "That is not a recording file.")
            .key(zoomdesk_core::messages::Key::FileKeyInvalid))
    }
}

//! Opening links from the app: only Zoom's hosts (or the simulator the app is pointed at),
//! through the system browser, or the command in `ZOOMDESK_BROWSER` (tests play the user).

use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;
use zoomdesk_core::auth::browser::CommandBrowser;
use zoomdesk_core::auth::Browser;
use zoomdesk_core::error::{Error, Result};

/// Opens URLs for the app.
pub struct AppBrowser {
    app: AppHandle,
    allowed_hosts: Vec<String>,
}

impl AppBrowser {
    /// A browser that opens Zoom's hosts and those of `extra_bases` (the configured sign-in and
    /// API origins, e.g. zoom-sim on loopback).
    pub fn new(app: &AppHandle, extra_bases: &[&str]) -> Self {
        let allowed_hosts = extra_bases
            .iter()
            .filter_map(|b| url::Url::parse(b).ok())
            .filter_map(|u| u.host_str().map(str::to_string))
            .collect();
        AppBrowser {
            app: app.clone(),
            allowed_hosts,
        }
    }

    fn check(&self, url: &str) -> Result<()> {
        let parsed = url::Url::parse(url).map_err(|_| {
            Error::invalid("url", "That is not a web address.")
                .key(zoomdesk_core::messages::Key::UrlInvalid)
        })?;
        if allowed(&parsed, &self.allowed_hosts) {
            Ok(())
        } else {
            let host = parsed.host_str().unwrap_or("");
            tracing::warn!(host, "refused to open a link to a host that is not Zoom's");
            Err(
                Error::invalid("url", "Zoomdesk only opens Zoom's own links.")
                    .key(zoomdesk_core::messages::Key::UrlNotZoom),
            )
        }
    }
}

/// Whether Zoomdesk opens `url`: https to Zoom's hosts (Zoom for Government too) or to the
/// configured servers; plain http only to a configured server on this machine (zoom-sim).
fn allowed(url: &url::Url, allowed_hosts: &[String]) -> bool {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let zoom = host == "zoom.us"
        || host.ends_with(".zoom.us")
        || host == "zoomgov.com"
        || host.ends_with(".zoomgov.com");
    let configured = allowed_hosts.contains(&host);
    let loopback = matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]");
    match url.scheme() {
        "https" => zoom || configured,
        "http" => loopback && configured,
        _ => false,
    }
}

impl Browser for AppBrowser {
    fn open(&self, url: &str) -> Result<()> {
        self.check(url)?;
        match std::env::var("ZOOMDESK_BROWSER") {
            Ok(cmd) if !cmd.trim().is_empty() => CommandBrowser::new(&cmd).open(url),
            _ => self
                .app
                .opener()
                .open_url(url, None::<&str>)
                .map_err(|e| Error::Config(format!("could not open the browser: {e}").into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::allowed;

    fn ok(url: &str, hosts: &[&str]) -> bool {
        let hosts: Vec<String> = hosts.iter().map(|h| (*h).to_string()).collect();
        allowed(&url::Url::parse(url).expect("url"), &hosts)
    }

    #[test]
    fn only_zoom_and_the_configured_servers_open_and_http_only_on_this_machine() {
        assert!(ok("https://zoom.us/s/1?zak=x", &[]));
        assert!(ok("https://us02web.zoom.us/j/1", &[]));
        assert!(ok("https://api.zoomgov.com/x", &[]));
        assert!(!ok("https://zoom.us.evil.test/j/1", &[]));
        assert!(!ok("http://zoom.us/j/1", &[]), "Zoom over plain http");
        assert!(ok("http://127.0.0.1/s/1", &["127.0.0.1"]));
        assert!(
            !ok("http://127.0.0.1/s/1", &[]),
            "a loopback server not configured"
        );
        assert!(
            !ok("http://proxy.corp.test/s/1", &["proxy.corp.test"]),
            "http off this machine"
        );
        assert!(ok("https://proxy.corp.test/s/1", &["proxy.corp.test"]));
        assert!(!ok("file:///etc/passwd", &[]));
        assert!(!ok("javascript:alert(1)", &[]));
    }
}

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
        let parsed = url::Url::parse(url)
            .map_err(|_| Error::invalid("url", "That is not a web address.").key("url.invalid"))?;
        let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
        let zoom = host == "zoom.us"
            || host.ends_with(".zoom.us")
            || host == "zoomgov.com"
            || host.ends_with(".zoomgov.com");
        let ok = match parsed.scheme() {
            "https" => zoom || self.allowed_hosts.contains(&host),
            "http" => self.allowed_hosts.contains(&host),
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            tracing::warn!(host, "refused to open a link to a host that is not Zoom's");
            Err(Error::invalid("url", "Zoomdesk only opens Zoom's own links.").key("url.notZoom"))
        }
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
                .map_err(|e| Error::Config(format!("could not open the browser: {e}"))),
        }
    }
}

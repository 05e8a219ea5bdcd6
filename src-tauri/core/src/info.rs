//! What the app reports about itself.

use serde::Serialize;
use ts_rs::TS;

use crate::paths::AppDirs;

/// Version and folders of the running app, shown in Settings and used by support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppInfo {
    /// Product name.
    pub name: String,
    /// Semantic version of the app.
    pub version: String,
    /// Folder of the cache database.
    pub data_dir: String,
    /// Folder of the rolling logs.
    pub log_dir: String,
    /// Operating system family (`linux`, `macos`, `windows`).
    pub os: String,
}

impl AppInfo {
    /// Builds the info for `version` running with `dirs`.
    pub fn new(version: &str, dirs: &AppDirs) -> Self {
        AppInfo {
            name: "Zoomdesk".into(),
            version: version.into(),
            data_dir: dirs.data.display().to_string(),
            log_dir: dirs.logs.display().to_string(),
            os: std::env::consts::OS.into(),
        }
    }
}

//! Where Zoomdesk keeps its files: data (the cache), config (settings) and logs.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The reverse-DNS identifier of the app, also the name of its folders.
pub const IDENTIFIER: &str = "app.zoomdesk.desktop";

/// The app's folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    /// The SQLite cache and other data.
    pub data: PathBuf,
    /// Settings.
    pub config: PathBuf,
    /// Rolling logs.
    pub logs: PathBuf,
}

impl AppDirs {
    /// All folders under one root (tests, portable installs, `ZOOMDESK_DATA_DIR`).
    pub fn under(root: &Path) -> Self {
        AppDirs {
            data: root.to_path_buf(),
            config: root.join("config"),
            logs: root.join("logs"),
        }
    }

    /// The folders for this user: `ZOOMDESK_DATA_DIR` when set, else the OS's usual places
    /// (the same ones Tauri's path resolver gives for our identifier).
    pub fn resolve() -> Result<Self> {
        if let Some(root) = std::env::var_os("ZOOMDESK_DATA_DIR").filter(|v| !v.is_empty()) {
            return Ok(Self::under(Path::new(&root)));
        }
        let missing = || Error::Config("the system has no folder for application data".into());
        let data = dirs::data_dir().ok_or_else(missing)?.join(IDENTIFIER);
        let config = dirs::config_dir().ok_or_else(missing)?.join(IDENTIFIER);
        let logs = if cfg!(target_os = "macos") {
            dirs::home_dir()
                .ok_or_else(missing)?
                .join("Library/Logs")
                .join(IDENTIFIER)
        } else if cfg!(windows) {
            dirs::data_local_dir()
                .ok_or_else(missing)?
                .join(IDENTIFIER)
                .join("logs")
        } else {
            data.join("logs")
        };
        Ok(AppDirs { data, config, logs })
    }

    /// Creates the folders that do not exist yet, private to the user (0700 on Unix): they
    /// hold the cache of meetings, logs and, without a keychain, the sign-in.
    pub fn create(&self) -> Result<()> {
        for dir in [&self.data, &self.config, &self.logs] {
            crate::private_files::private_dir(dir)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_root_holds_every_folder() {
        let dirs = AppDirs::under(Path::new("/tmp/zd"));
        assert_eq!(dirs.data, PathBuf::from("/tmp/zd"));
        assert_eq!(dirs.config, PathBuf::from("/tmp/zd/config"));
        assert_eq!(dirs.logs, PathBuf::from("/tmp/zd/logs"));
    }

    #[test]
    fn create_makes_the_folders() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dirs = AppDirs::under(&tmp.path().join("nested"));
        dirs.create().expect("created");
        assert!(dirs.config.is_dir() && dirs.logs.is_dir());
        #[cfg(unix)]
        for dir in [&dirs.data, &dirs.config, &dirs.logs] {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o700, "{}", dir.display());
        }
    }
}

//! Managed deployment: what an administrator set for every user of this computer, in a file
//! only they can write. It presets the Zoom app's client id (and, for Zoom for Government,
//! the sign-in and API bases); the app then hides those fields and says who set them.
//!
//! Where it is read:
//! - Linux and other Unix: `/etc/zoomdesk/config.json`
//! - Windows: `%ProgramData%\Zoomdesk\config.json`
//! - macOS: `/Library/Application Support/Zoomdesk/config.json`
//!
//! `ZOOMDESK_MANAGED_CONFIG` names another file (tests, and packagers checking their file).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The environment variable that names the managed file instead of the system's.
pub const PATH_VAR: &str = "ZOOMDESK_MANAGED_CONFIG";

/// The file's contents. Unknown fields are refused, so a misspelt key is said, not ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagedConfig {
    /// The organisation's Zoom app client id.
    #[serde(default)]
    pub client_id: Option<String>,
    /// Sign-in origin (Zoom for Government: `https://zoomgov.com`).
    #[serde(default)]
    pub oauth_base: Option<String>,
    /// API base (Zoom for Government: `https://api.zoomgov.com/v2`).
    #[serde(default)]
    pub api_base: Option<String>,
    /// Who set it, as the app names them ("Acme IT").
    #[serde(default)]
    pub managed_by: Option<String>,
}

/// The managed configuration in force, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Managed {
    /// What it sets.
    pub config: ManagedConfig,
    /// The file it was read from.
    pub path: PathBuf,
}

impl Managed {
    /// "Acme IT (/etc/zoomdesk/config.json)", or "your administrator (...)" when unnamed.
    pub fn who(&self) -> String {
        let name = self
            .config
            .managed_by
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or("your administrator");
        format!("{name} ({})", self.path.display())
    }
}

/// The system's managed file for this OS.
pub fn system_path() -> PathBuf {
    if cfg!(windows) {
        let base = std::env::var_os("ProgramData")
            .map_or_else(|| PathBuf::from(r"C:\ProgramData"), PathBuf::from);
        base.join("Zoomdesk").join("config.json")
    } else if cfg!(target_os = "macos") {
        PathBuf::from("/Library/Application Support/Zoomdesk/config.json")
    } else {
        PathBuf::from("/etc/zoomdesk/config.json")
    }
}

/// The file to read: `ZOOMDESK_MANAGED_CONFIG` when set, else [`system_path`].
pub fn path_from(get: impl Fn(&str) -> Option<String>) -> PathBuf {
    get(PATH_VAR)
        .filter(|p| !p.trim().is_empty())
        .map_or_else(system_path, PathBuf::from)
}

/// Reads the managed file at `path`: `None` when there is none. A file that is not valid
/// (not JSON, an unknown key, a base that is not https) is an error naming it: the user
/// cannot fix it, so the app says whom to ask and starts without it.
pub fn read(path: &Path) -> Result<Option<Managed>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::Storage(format!(
                "cannot read the managed configuration {}: {e}",
                path.display()
            )))
        }
    };
    let invalid = |why: String| {
        Error::Config(
            format!(
                "the managed configuration {} is not valid ({why}); ask your administrator",
                path.display()
            )
            .into(),
        )
    };
    let config: ManagedConfig = serde_json::from_str(&text).map_err(|e| invalid(e.to_string()))?;
    if let Some(id) = &config.client_id {
        if id.trim().is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid("client_id is not one word".into()));
        }
    }
    for (name, base) in [
        ("oauth_base", &config.oauth_base),
        ("api_base", &config.api_base),
    ] {
        if let Some(base) = base {
            let ok = url::Url::parse(base.trim())
                .is_ok_and(|u| u.scheme() == "https" && u.host_str().is_some());
            if !ok {
                return Err(invalid(format!("{name} must be an https address")));
            }
        }
    }
    Ok(Some(Managed {
        config,
        path: path.to_path_buf(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("config.json");
        std::fs::write(&path, text).expect("write");
        (dir, path)
    }

    #[test]
    fn an_administrators_file_presets_the_client_id_and_says_who() {
        let (_dir, path) = file(
            r#"{"client_id": "OrgClient123", "api_base": "https://api.zoomgov.com/v2",
                "oauth_base": "https://zoomgov.com", "managed_by": "Acme IT"}"#,
        );
        let m = read(&path).expect("valid").expect("present");
        assert_eq!(m.config.client_id.as_deref(), Some("OrgClient123"));
        assert_eq!(m.who(), format!("Acme IT ({})", path.display()));
    }

    #[test]
    fn no_file_is_no_management() {
        let dir = tempfile::tempdir().expect("tmp");
        assert_eq!(read(&dir.path().join("config.json")).expect("fine"), None);
    }

    #[test]
    fn a_bad_file_is_an_error_that_names_it() {
        for bad in [
            "not json",
            r#"{"clientid": "typo"}"#,
            r#"{"client_id": "two words"}"#,
            r#"{"api_base": "http://api.example.com/v2"}"#,
        ] {
            let (_dir, path) = file(bad);
            let err = read(&path).expect_err(bad).to_string();
            assert!(err.contains(&path.display().to_string()), "{err}");
        }
    }

    #[test]
    fn the_environment_can_name_another_file() {
        let p = path_from(|k| (k == PATH_VAR).then(|| "/tmp/x.json".to_string()));
        assert_eq!(p, PathBuf::from("/tmp/x.json"));
        assert_eq!(path_from(|_| None), system_path());
    }
}

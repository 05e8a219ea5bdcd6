//! Where the client secret of a confidential Zoom app is kept: the system keychain, or where it
//! does not answer (or `ZOOMDESK_VAULT=file`), a file only the user can read in the settings
//! folder. Never in `settings.json`, which earlier versions used: a secret found there is moved.

use std::path::{Path, PathBuf};

use crate::auth::vault::SERVICE;
use crate::error::{Error, Result};
use crate::redact::Secret;

/// Keychain account of the client secret.
pub const ACCOUNT: &str = "zoom-client-secret";
/// The file it goes to without a keychain, in the settings folder.
pub const FILE: &str = "client-secret";

fn file(config_dir: &Path) -> PathBuf {
    config_dir.join(FILE)
}

/// The keychain entry, unless the keychain is not to be used here.
fn entry() -> Option<keyring::Entry> {
    if std::env::var("ZOOMDESK_VAULT").is_ok_and(|v| v == "file") {
        return None;
    }
    keyring::Entry::new(SERVICE, ACCOUNT).ok()
}

/// The saved client secret, if any.
pub fn load(config_dir: &Path) -> Result<Option<Secret<String>>> {
    if let Some(entry) = entry() {
        match entry.get_password() {
            Ok(s) => return Ok(Some(Secret::new(s))),
            Err(keyring::Error::NoEntry) => {}
            Err(e) => tracing::debug!("keychain: {e}; reading the client secret file"),
        }
    }
    match std::fs::read_to_string(file(config_dir)) {
        Ok(s) => Ok(Some(Secret::new(s.trim().to_string())).filter(|s| !s.expose().is_empty())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::Storage(format!(
            "cannot read the client secret: {e}"
        ))),
    }
}

/// Saves `secret` (or forgets it when `None`).
pub fn store(config_dir: &Path, secret: Option<&str>) -> Result<()> {
    let path = file(config_dir);
    let Some(secret) = secret else {
        if let Some(entry) = entry() {
            match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => {}
                Err(e) => tracing::debug!("keychain: {e}"),
            }
        }
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        };
    };
    if let Some(entry) = entry() {
        match entry.set_password(secret) {
            Ok(()) => {
                // The keychain has it now: no copy stays on disk.
                let _ = std::fs::remove_file(&path);
                return Ok(());
            }
            Err(e) => tracing::warn!("keychain: {e}; keeping the client secret in a private file"),
        }
    }
    crate::private_files::private_dir(config_dir)?;
    crate::private_files::replace(&path, secret.as_bytes())
}

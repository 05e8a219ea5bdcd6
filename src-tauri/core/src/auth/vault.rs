//! Where tokens live: the OS keychain, or (where there is none) a file only the user can read.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::auth::tokens::Tokens;
use crate::error::{Error, Result};

/// Keychain service name.
pub const SERVICE: &str = "app.zoomdesk.desktop";
/// Keychain account name.
pub const ACCOUNT: &str = "zoom-oauth";
/// The file tokens go to when there is no keychain, in the data folder.
pub const TOKENS_FILE: &str = "tokens.json";

/// Storage for one token pair.
pub trait TokenVault: Send + Sync {
    /// The saved pair, if any.
    fn load(&self) -> Result<Option<Tokens>>;
    /// Replaces the saved pair (atomically: the old pair or the new one, never half).
    fn save(&self, tokens: &Tokens) -> Result<()>;
    /// Forgets the pair.
    fn clear(&self) -> Result<()>;
    /// Where the tokens are kept, for Settings ("OS keychain" or the file's path).
    fn describe(&self) -> String;
}

/// The vault the app uses: the keychain when it works here, else a private file.
pub struct Vault;

impl Vault {
    /// Opens the keychain, or falls back to `tokens.json` in `data_dir` and says why.
    ///
    /// `ZOOMDESK_VAULT=file` forces the file (useful on headless machines).
    pub fn open(data_dir: &Path) -> (Box<dyn TokenVault>, Option<String>) {
        let file = || Box::new(FileVault::new(data_dir.join(TOKENS_FILE))) as Box<dyn TokenVault>;
        if std::env::var("ZOOMDESK_VAULT").is_ok_and(|v| v == "file") {
            return (
                file(),
                Some("the file vault was chosen with ZOOMDESK_VAULT".into()),
            );
        }
        match KeyringVault::probe() {
            Ok(k) => (Box::new(k), None),
            Err(reason) => {
                tracing::warn!("no usable keychain ({reason}); keeping tokens in a private file");
                (file(), Some(reason))
            }
        }
    }
}

/// The OS keychain through `keyring` (Secret Service on Linux, Keychain, Credential Manager).
pub struct KeyringVault {
    entry: keyring::Entry,
}

impl KeyringVault {
    /// Opens the entry and checks the keychain answers.
    pub fn probe() -> std::result::Result<Self, String> {
        let entry = keyring::Entry::new(SERVICE, ACCOUNT).map_err(|e| e.to_string())?;
        match entry.get_password() {
            Ok(_) | Err(keyring::Error::NoEntry) => Ok(KeyringVault { entry }),
            Err(e) => Err(e.to_string()),
        }
    }
}

impl TokenVault for KeyringVault {
    fn load(&self) -> Result<Option<Tokens>> {
        match self.entry.get_password() {
            Ok(json) => serde_json::from_str(&json).map(Some).map_err(|_| {
                Error::Storage("the saved sign-in is unreadable; sign in again".into())
            }),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(Error::Storage(format!("keychain: {e}"))),
        }
    }

    fn save(&self, tokens: &Tokens) -> Result<()> {
        let json = serde_json::to_string(tokens).map_err(|e| Error::Internal(e.to_string()))?;
        self.entry
            .set_password(&json)
            .map_err(|e| Error::Storage(format!("keychain: {e}")))
    }

    fn clear(&self) -> Result<()> {
        match self.entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(Error::Storage(format!("keychain: {e}"))),
        }
    }

    fn describe(&self) -> String {
        "the system keychain".into()
    }
}

/// A JSON file readable only by the user (0600), replaced atomically.
pub struct FileVault {
    path: PathBuf,
}

impl FileVault {
    /// A vault in `path`.
    pub fn new(path: PathBuf) -> Self {
        FileVault { path }
    }
}

impl TokenVault for FileVault {
    fn load(&self) -> Result<Option<Tokens>> {
        match std::fs::read_to_string(&self.path) {
            Ok(json) => serde_json::from_str(&json).map(Some).map_err(|_| {
                Error::Storage("the saved sign-in is unreadable; sign in again".into())
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::Storage(format!("cannot read the sign-in file: {e}"))),
        }
    }

    fn save(&self, tokens: &Tokens) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_string(tokens).map_err(|e| Error::Internal(e.to_string()))?;
        let tmp = self.path.with_extension("tmp");
        write_private(&tmp, json.as_bytes())?;
        std::fs::rename(&tmp, &self.path)?;
        Ok(())
    }

    fn clear(&self) -> Result<()> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    fn describe(&self) -> String {
        format!("a private file ({})", self.path.display())
    }
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    // The user's profile folder is already private on Windows.
    std::fs::write(path, bytes)?;
    Ok(())
}

/// Tokens in memory only (tests).
#[derive(Default)]
pub struct MemoryVault(Mutex<Option<Tokens>>);

impl TokenVault for MemoryVault {
    fn load(&self) -> Result<Option<Tokens>> {
        Ok(self
            .0
            .lock()
            .map_err(|_| Error::Internal("vault lock".into()))?
            .clone())
    }
    fn save(&self, tokens: &Tokens) -> Result<()> {
        *self
            .0
            .lock()
            .map_err(|_| Error::Internal("vault lock".into()))? = Some(tokens.clone());
        Ok(())
    }
    fn clear(&self) -> Result<()> {
        *self
            .0
            .lock()
            .map_err(|_| Error::Internal("vault lock".into()))? = None;
        Ok(())
    }
    fn describe(&self) -> String {
        "memory".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::Secret;

    fn tokens(n: &str) -> Tokens {
        Tokens {
            access_token: Secret::new(format!("access-{n}")),
            refresh_token: Secret::new(format!("refresh-{n}")),
            expires_at: chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("valid time"),
            scopes: vec!["meeting:read:meeting".into()],
        }
    }

    #[test]
    fn file_vault_round_trips_and_is_private() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let v = FileVault::new(tmp.path().join("tokens.json"));
        assert_eq!(v.load().expect("load"), None);
        v.save(&tokens("1")).expect("save");
        v.save(&tokens("2")).expect("save");
        assert_eq!(v.load().expect("load"), Some(tokens("2")));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(tmp.path().join("tokens.json"))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        v.clear().expect("clear");
        assert_eq!(v.load().expect("load"), None);
    }

    #[test]
    fn a_corrupt_file_is_reported_not_panicked_on() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(tmp.path().join("t.json"), "garbage").expect("write");
        let v = FileVault::new(tmp.path().join("t.json"));
        assert!(matches!(v.load(), Err(Error::Storage(_))));
    }
}

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

/// The most a keychain entry may hold: Windows' Credential Manager takes 2,560 bytes (1,280
/// UTF-16 characters); the other keychains take more. Checked everywhere, so a sign-in that
/// works here works on Windows too.
pub const KEYCHAIN_MAX_BYTES: usize = 2560;

/// What is kept across restarts: the refresh token alone (with when it was saved). The access
/// token lives in memory only; after a restart the first call refreshes it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Saved {
    refresh_token: crate::redact::Secret<String>,
    saved_at: chrono::DateTime<chrono::Utc>,
}

/// A saved sign-in in the form written today, or in the earlier full form.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum SavedForm {
    Now(Saved),
    Earlier(Tokens),
}

/// The text a vault writes for `tokens`; an error when it would not fit a keychain entry.
fn saved_text(tokens: &Tokens) -> Result<String> {
    let text = serde_json::to_string(&Saved {
        refresh_token: tokens.refresh_token.clone(),
        saved_at: chrono::Utc::now(),
    })
    .map_err(|e| Error::Internal(e.to_string()))?;
    let bytes = text.encode_utf16().count() * 2;
    if bytes > KEYCHAIN_MAX_BYTES {
        return Err(Error::Storage(format!(
            "the Zoom sign-in is too long for the system keychain ({bytes} bytes, at most {KEYCHAIN_MAX_BYTES})"
        )));
    }
    Ok(text)
}

/// The tokens of a saved text: the refresh token, and an access token that must be refreshed.
fn from_saved_text(text: &str) -> Result<Tokens> {
    let form: SavedForm = serde_json::from_str(text)
        .map_err(|_| Error::Storage("the saved sign-in is unreadable; sign in again".into()))?;
    Ok(match form {
        SavedForm::Now(saved) => Tokens {
            access_token: crate::redact::Secret::new(String::new()),
            refresh_token: saved.refresh_token,
            // Expired: the first call refreshes it.
            expires_at: chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
            scopes: Vec::new(),
        },
        SavedForm::Earlier(tokens) => tokens,
    })
}

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

/// Where the sign-in went when a vault was opened, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultStatus {
    /// The system keychain.
    Keychain,
    /// A private file, as `ZOOMDESK_VAULT=file` asks.
    FileByEnvironment,
    /// A private file, as the user chose when the keychain did not answer.
    FileByChoice,
    /// A private file written by an earlier Zoomdesk while the keychain did not answer (which
    /// still does not: the reason); it moves into the keychain once the keychain works.
    FileFromBefore(String),
    /// The keychain did not answer (the reason) and the user has not chosen a file: nothing is
    /// saved until the keychain answers or the user chooses.
    KeychainUnavailable(String),
}

/// Tries to reach the keychain this many times before asking the user.
const PROBES: u32 = 3;

/// The vault the app uses: the keychain when it answers, else a private file only when the
/// user (or `ZOOMDESK_VAULT=file`) chose it. A keychain that is locked or not started yet is
/// tried again, then reported, never silently replaced by a file.
pub struct Vault;

impl Vault {
    /// Opens the vault for the data folder `data_dir`; `file_chosen` is the user's choice of a
    /// private file (Settings).
    pub fn open(data_dir: &Path, file_chosen: bool) -> (Box<dyn TokenVault>, VaultStatus) {
        let path = data_dir.join(TOKENS_FILE);
        let file = || Box::new(FileVault::new(path.clone())) as Box<dyn TokenVault>;
        if std::env::var("ZOOMDESK_VAULT").is_ok_and(|v| v == "file") {
            return (file(), VaultStatus::FileByEnvironment);
        }
        if file_chosen {
            return (file(), VaultStatus::FileByChoice);
        }
        let mut reason = String::new();
        for attempt in 0..PROBES {
            if attempt > 0 {
                // A keychain started with the session may need a moment.
                std::thread::sleep(std::time::Duration::from_millis(250 << attempt));
            }
            match KeyringVault::probe() {
                Ok(keychain) => {
                    move_file_into(&FileVault::new(path.clone()), &keychain);
                    return (Box::new(keychain), VaultStatus::Keychain);
                }
                Err(why) => reason = why,
            }
        }
        tracing::warn!("the system keychain does not answer: {reason}");
        if path.exists() {
            return (file(), VaultStatus::FileFromBefore(reason));
        }
        (
            Box::new(Unavailable {
                reason: reason.clone(),
            }),
            VaultStatus::KeychainUnavailable(reason),
        )
    }
}

/// Moves a sign-in an earlier run kept in a file into the keychain, then deletes the file.
fn move_file_into(file: &FileVault, keychain: &KeyringVault) {
    let Ok(Some(tokens)) = file.load() else {
        return;
    };
    let moved = match keychain.load() {
        // The keychain's own sign-in is the newer one.
        Ok(Some(_)) => Ok(()),
        _ => keychain.save(&tokens),
    };
    match moved.and_then(|()| file.clear()) {
        Ok(()) => tracing::info!("the sign-in moved from its file into the system keychain"),
        Err(e) => tracing::warn!("the sign-in file stays for now: {e}"),
    }
}

/// The vault while the keychain does not answer and no file was chosen: holds nothing and
/// refuses to save, so nothing ends up in plaintext without the user's say.
pub struct Unavailable {
    reason: String,
}

impl TokenVault for Unavailable {
    fn load(&self) -> Result<Option<Tokens>> {
        Ok(None)
    }

    fn save(&self, _tokens: &Tokens) -> Result<()> {
        Err(Error::Storage(format!(
            "the system keychain does not answer ({}); unlock it and try again, or choose to keep the sign-in in a private file",
            self.reason
        )))
    }

    fn clear(&self) -> Result<()> {
        Ok(())
    }

    fn describe(&self) -> String {
        "the system keychain (not answering)".into()
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
            Ok(text) => from_saved_text(&text).map(Some),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(Error::Storage(format!("keychain: {e}"))),
        }
    }

    fn save(&self, tokens: &Tokens) -> Result<()> {
        let text = saved_text(tokens)?;
        self.entry
            .set_password(&text)
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
            Ok(text) => from_saved_text(&text).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::Storage(format!("cannot read the sign-in file: {e}"))),
        }
    }

    fn save(&self, tokens: &Tokens) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            crate::private_files::private_dir(dir)?;
        }
        let text = saved_text(tokens)?;
        crate::private_files::replace(&self.path, text.as_bytes())
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
        let back = v.load().expect("load").expect("saved");
        assert_eq!(back.refresh_token, tokens("2").refresh_token);
        assert!(
            back.needs_refresh(chrono::Utc::now()),
            "only the refresh token is kept: the first call refreshes"
        );
        let text = std::fs::read_to_string(tmp.path().join("tokens.json")).expect("read");
        assert!(!text.contains("access-2"), "no access token at rest");
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

    #[test]
    fn what_is_kept_fits_windows_credential_manager_and_too_much_is_refused() {
        // Zoom's refresh tokens are JWTs of about 700 to 1,000 characters.
        let mut t = tokens("x");
        t.refresh_token = Secret::new(format!("eyJ{}", "a".repeat(1000)));
        t.access_token = Secret::new(format!("eyJ{}", "b".repeat(1000)));
        let text = saved_text(&t).expect("fits");
        assert!(
            text.encode_utf16().count() * 2 <= KEYCHAIN_MAX_BYTES,
            "{}",
            text.len()
        );
        t.refresh_token = Secret::new("r".repeat(1300));
        assert!(matches!(saved_text(&t), Err(Error::Storage(_))));
    }

    #[test]
    fn a_sign_in_saved_by_an_earlier_version_still_loads() {
        let earlier = serde_json::to_string(&tokens("old")).expect("json");
        let back = from_saved_text(&earlier).expect("loads");
        assert_eq!(back, tokens("old"));
    }
}

//! The signed-in session: hands out a valid access token, refreshing it one at a time.
//!
//! Zoom rotates refresh tokens (only the newest works), so two refreshes racing would sign
//! the user out. Every refresh happens under one async mutex: whoever waits behind it gets
//! the token the first caller obtained. The new pair is saved to the vault before it is used
//! (tried again briefly); when it cannot be saved the session goes on in memory and the user
//! is told, since Zoom has already retired the old refresh token.
//!
//! The app and the command line share one vault but are two processes: a lock file in the
//! data folder serialises their refreshes, and each re-reads the vault under it, so whoever
//! refreshes second uses the newest refresh token instead of the one the first just spent.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Mutex as SyncMutex;

use chrono::Utc;
use tokio::sync::Mutex;

use crate::auth::browser::Browser;
use crate::auth::oauth::OAuthClient;
use crate::auth::tokens::Tokens;
use crate::auth::vault::TokenVault;
use crate::error::{Error, Result};
use crate::messages::Said;
use crate::redact::Secret;

/// The user's Zoom sign-in.
pub struct Session {
    oauth: OAuthClient,
    vault: Box<dyn TokenVault>,
    tokens: Mutex<Option<Tokens>>,
    ended_because: SyncMutex<Option<Said>>,
    refresh_lock: Option<PathBuf>,
    /// A refreshed sign-in could not be saved (why), not yet told to the user.
    unsaved: SyncMutex<Option<String>>,
}

/// Attempts to save a refreshed sign-in before giving up on it.
const SAVE_ATTEMPTS: u32 = 3;

impl Session {
    /// A session with whatever the vault holds (signed out when it holds nothing).
    pub fn new(oauth: OAuthClient, vault: Box<dyn TokenVault>) -> Self {
        let tokens = match vault.load() {
            Ok(t) => t,
            Err(e) => {
                tracing::warn!("saved sign-in unusable: {e}");
                None
            }
        };
        Session {
            oauth,
            vault,
            tokens: Mutex::new(tokens),
            ended_because: SyncMutex::new(None),
            refresh_lock: None,
            unsaved: SyncMutex::new(None),
        }
    }

    /// Serialises refreshes with other processes through the lock file `path` (in the data
    /// folder the vault belongs to).
    pub fn with_refresh_lock(mut self, path: PathBuf) -> Self {
        self.refresh_lock = Some(path);
        self
    }

    /// Takes the cross-process refresh lock, if there is one; released when dropped.
    async fn lock_other_processes(&self) -> Option<std::fs::File> {
        let path = self.refresh_lock.clone()?;
        let taken = tokio::task::spawn_blocking(move || {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)?;
            file.lock()?;
            Ok::<_, std::io::Error>(file)
        })
        .await;
        match taken {
            Ok(Ok(file)) => Some(file),
            Ok(Err(e)) => {
                tracing::warn!("refreshing without the cross-process lock: {e}");
                None
            }
            Err(e) => {
                tracing::warn!("refreshing without the cross-process lock: {e}");
                None
            }
        }
    }

    /// True when tokens are held (they may still turn out to be revoked).
    pub async fn is_signed_in(&self) -> bool {
        self.tokens.lock().await.is_some()
    }

    /// Why the last session ended on its own (refresh refused, revoked), for the UI.
    pub fn ended_because(&self) -> Option<Said> {
        self.ended_because.lock().ok().and_then(|g| g.clone())
    }

    /// Why a refreshed sign-in could not be saved, once (the app tells the user): the session
    /// goes on in memory, but the next start will ask to sign in again.
    pub fn take_unsaved(&self) -> Option<String> {
        self.unsaved.lock().ok().and_then(|mut g| g.take())
    }

    /// Saves a refreshed pair, trying again briefly: Zoom already spent the old refresh token,
    /// so a pair not saved means signing in again after a restart.
    async fn save_refreshed(&self, tokens: &Tokens) {
        let mut last = None;
        for attempt in 0..SAVE_ATTEMPTS {
            if attempt > 0 {
                tokio::time::sleep(std::time::Duration::from_millis(200 << attempt)).await;
            }
            match self.vault.save(tokens) {
                Ok(()) => return,
                Err(e) => last = Some(e),
            }
        }
        if let Some(e) = last {
            tracing::error!("the refreshed sign-in could not be saved: {e}");
            if let Ok(mut g) = self.unsaved.lock() {
                *g = Some(e.to_string());
            }
        }
    }

    /// Where the tokens are kept.
    pub fn vault_description(&self) -> String {
        self.vault.describe()
    }

    /// Runs the browser sign-in and keeps the tokens.
    pub async fn sign_in(
        &self,
        browser: &dyn Browser,
        cancel: impl Future<Output = ()>,
    ) -> Result<()> {
        let tokens = self.oauth.sign_in(browser, cancel).await?;
        self.adopt(tokens).await
    }

    /// Keeps `tokens` as the session (after a sign-in done elsewhere, or in tests).
    pub async fn adopt(&self, tokens: Tokens) -> Result<()> {
        let mut guard = self.tokens.lock().await;
        self.vault.save(&tokens)?;
        *guard = Some(tokens);
        if let Ok(mut reason) = self.ended_because.lock() {
            *reason = None;
        }
        Ok(())
    }

    /// Signs out: revokes at Zoom (best effort) and forgets the tokens. The cache stays.
    pub async fn sign_out(&self) -> Result<()> {
        let mut guard = self.tokens.lock().await;
        if let Some(tokens) = guard.take() {
            self.oauth.revoke(&tokens).await;
        }
        self.vault.clear()
    }

    /// A valid access token, refreshed first when it is about to expire.
    pub async fn access_token(&self) -> Result<Secret<String>> {
        let mut guard = self.tokens.lock().await;
        let tokens = guard.as_ref().ok_or_else(not_signed_in)?;
        if !tokens.needs_refresh(Utc::now()) {
            return Ok(tokens.access_token.clone());
        }
        self.refresh_locked(&mut guard).await
    }

    /// Zoom refused `rejected` (401, code 124): refresh, unless another caller already did.
    pub async fn after_unauthorized(&self, rejected: &Secret<String>) -> Result<Secret<String>> {
        let mut guard = self.tokens.lock().await;
        let tokens = guard.as_ref().ok_or_else(not_signed_in)?;
        if tokens.access_token != *rejected {
            return Ok(tokens.access_token.clone());
        }
        self.refresh_locked(&mut guard).await
    }

    /// Zoom says the grant is gone (4741 revoked, or the refresh was refused): sign out here
    /// too, keeping the cache, and remember why.
    pub async fn end(&self, why: Said) {
        let mut guard = self.tokens.lock().await;
        self.end_locked(&mut guard, why);
    }

    fn end_locked(&self, guard: &mut Option<Tokens>, why: Said) {
        *guard = None;
        if let Err(e) = self.vault.clear() {
            tracing::warn!("could not forget the tokens: {e}");
        }
        tracing::warn!("signed out: {why}");
        if let Ok(mut reason) = self.ended_because.lock() {
            *reason = Some(why);
        }
    }

    async fn refresh_locked(&self, guard: &mut Option<Tokens>) -> Result<Secret<String>> {
        let _other_processes = self.lock_other_processes().await;
        let mine = guard
            .as_ref()
            .ok_or_else(not_signed_in)?
            .refresh_token
            .clone();
        // Another process (the command line, a second window) may have refreshed meanwhile:
        // its refresh token is the live one now.
        let refresh = match self.vault.load() {
            Ok(Some(saved)) if saved.refresh_token != mine => {
                tracing::info!("another process refreshed the sign-in; using its refresh token");
                saved.refresh_token
            }
            _ => mine,
        };
        match self.oauth.refresh(&refresh).await {
            Ok(new) => {
                // Saved before anyone uses it: the old refresh token is already dead at Zoom.
                self.save_refreshed(&new).await;
                let access = new.access_token.clone();
                *guard = Some(new);
                tracing::info!("access token refreshed");
                Ok(access)
            }
            Err(Error::SignedOut(why)) => {
                // Forget the saved sign-in only if it is the one Zoom refused: another process
                // may have saved a newer, good one.
                let saved_is_newer = matches!(
                    self.vault.load(),
                    Ok(Some(saved)) if saved.refresh_token != refresh
                );
                if saved_is_newer {
                    *guard = None;
                    if let Ok(mut reason) = self.ended_because.lock() {
                        *reason = Some(why.clone());
                    }
                    tracing::warn!("this sign-in was refused; a newer one is saved: {why}");
                } else {
                    self.end_locked(guard, why.clone());
                }
                Err(Error::SignedOut(why))
            }
            Err(other) => Err(other),
        }
    }
}

fn not_signed_in() -> Error {
    Error::SignedOut(crate::messages::NOT_SIGNED_IN.into())
}

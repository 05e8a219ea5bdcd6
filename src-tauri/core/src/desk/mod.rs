//! The running core as the app and the command line use it: settings, sign-in, the Zoom
//! client and the cache, with the operations every front end needs. Every front end goes
//! through these methods; the view types they return are in [`views`].

mod meetings;
mod office_hours;
mod recordings;
mod session;
pub mod views;

use std::sync::Arc;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::auth::vault::{Vault, VaultStatus};
use crate::auth::{OAuthClient, Session};
use crate::config::Settings;
use crate::error::Result;
use crate::messages;
use crate::paths::AppDirs;
use crate::schedule::zones;
use crate::store::Store;
use crate::zoom::client::ZoomClient;
use crate::zoom::limiter::{Bucket, Plan, RateLimiter};

pub use recordings::{media_of, playable};
pub use views::*;

/// The lock file that serialises token refreshes between the app and the command line.
pub const REFRESH_LOCK_FILE: &str = "refresh.lock";

/// Core, opened.
pub struct Desk {
    /// The app's folders.
    dirs: AppDirs,
    /// Settings in force.
    settings: Settings,
    /// The sign-in.
    session: Arc<Session>,
    /// Zoom's API.
    zoom: ZoomClient,
    /// The cache.
    store: Arc<Store>,
    /// Things the user should know about how the app runs here (no keychain, cache rebuilt).
    notices: Vec<Notice>,
    /// Where the sign-in is kept, and why.
    vault_status: VaultStatus,
}

impl Desk {
    /// Opens settings, the vault and the cache in `dirs`. A corrupt cache is set aside and
    /// rebuilt; a missing keychain falls back to a private file. Both are reported in `notices`.
    pub fn open(dirs: AppDirs) -> Result<Self> {
        dirs.create()?;
        let (settings, set_aside) = Settings::load_or_set_aside(&dirs.config)?;
        let mut notices = Vec::new();
        if let Some(aside) = set_aside {
            let path = aside.display().to_string();
            notices.push(Notice::new(messages::SETTINGS_RESET, &[("path", &path)]));
        }
        if let Some(why) = &settings.managed_problem {
            notices.push(Notice::new(messages::MANAGED_INVALID, &[("reason", why)]));
        }
        let (vault, vault_status) = Vault::open(&dirs.data, settings.tokens_in_file);
        let tokens_path = dirs.data.join(crate::auth::vault::TOKENS_FILE);
        let path = tokens_path.display().to_string();
        match &vault_status {
            VaultStatus::FileByEnvironment | VaultStatus::FileByChoice => {
                notices.push(Notice::new(messages::VAULT_CHOSEN, &[("path", &path)]));
            }
            VaultStatus::FileFromBefore(why) => notices.push(Notice::new(
                messages::VAULT_FALLBACK,
                &[("path", &path), ("reason", why)],
            )),
            // Asked on the sign-in page (`SessionState::keychain_problem`).
            VaultStatus::Keychain | VaultStatus::KeychainUnavailable(_) => {}
        }
        let (store, report) = Store::open(&dirs.data.join(crate::store::FILE_NAME))?;
        if report.recovered {
            notices.push(Notice::new(messages::CACHE_REBUILT, &[]));
        }
        let session = Arc::new(
            Session::new(OAuthClient::new(&settings)?, vault)
                .with_refresh_lock(dirs.data.join(REFRESH_LOCK_FILE)),
        );
        let store = Arc::new(store);
        let zoom = zoom_client(&settings, session.clone(), &store)?;
        Ok(Desk {
            dirs,
            settings,
            session,
            zoom,
            store,
            notices,
            vault_status,
        })
    }

    /// Core with the settings file read again. The cache is shared, and so is the session
    /// when the sign-in settings did not change (two sessions refreshing the same rotating
    /// token would sign each other out).
    pub fn reload(&self) -> Result<Desk> {
        let settings = Settings::load(&self.dirs.config)?;
        let same_sign_in = settings.client_id == self.settings.client_id
            && settings.client_secret == self.settings.client_secret
            && settings.oauth_base == self.settings.oauth_base
            && settings.scopes == self.settings.scopes;
        // The vault is opened again when the user chose where the sign-in goes, or to try a
        // keychain that did not answer.
        let same_vault = settings.tokens_in_file == self.settings.tokens_in_file
            && !matches!(self.vault_status, VaultStatus::KeychainUnavailable(_));
        let (session, vault_status) = if same_sign_in && same_vault {
            (self.session.clone(), self.vault_status.clone())
        } else {
            let (vault, status) = Vault::open(&self.dirs.data, settings.tokens_in_file);
            let session = Arc::new(
                Session::new(OAuthClient::new(&settings)?, vault)
                    .with_refresh_lock(self.dirs.data.join(REFRESH_LOCK_FILE)),
            );
            (session, status)
        };
        let zoom = zoom_client(&settings, session.clone(), &self.store)?;
        Ok(Desk {
            dirs: self.dirs.clone(),
            settings,
            session,
            zoom,
            store: self.store.clone(),
            notices: self.notices.clone(),
            vault_status,
        })
    }

    /// The zone times are shown in: the setting, else the system's, else the Zoom user's, else UTC.
    pub fn display_zone(&self) -> Tz {
        let candidates = [
            self.settings.display_timezone.clone(),
            Some(zones::system_zone_name()),
            self.store.user().ok().flatten().and_then(|u| u.timezone),
        ];
        candidates
            .into_iter()
            .flatten()
            .find_map(|name| zones::zone(&name).ok())
            .unwrap_or(chrono_tz::UTC)
    }

    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The sign-in.
    pub fn session(&self) -> &Arc<Session> {
        &self.session
    }

    /// The cache.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// Things the user should know about how the app runs here.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }
}

/// Where the moment a Zoom daily limit lifts is kept in the cache's facts.
fn block_key(bucket: Bucket) -> String {
    format!("blocked_until.{}", bucket.name())
}

/// The Zoom client of `settings`: our global cap, the category limits of the plan the cached
/// user is on (the most conservative when unknown), and the daily limits Zoom reported,
/// restored from the cache and saved to it, so a restart does not call a closed category.
fn zoom_client(
    settings: &Settings,
    session: Arc<Session>,
    store: &Arc<Store>,
) -> Result<ZoomClient> {
    let plan = store
        .user()
        .ok()
        .flatten()
        .map_or(Plan::Free, |u| Plan::for_user_type(u.user_type));
    let saver = store.clone();
    let limiter = RateLimiter::new(settings.rate_limit_per_second, plan).on_block(Arc::new(
        move |bucket, until| {
            if let Err(e) = saver.set_meta(&block_key(bucket), until.timestamp()) {
                tracing::warn!("could not keep Zoom's daily limit: {e}");
            }
        },
    ));
    for bucket in Bucket::ALL {
        let saved = store.meta(&block_key(bucket)).ok().flatten();
        if let Some(until) = saved.and_then(|t| DateTime::from_timestamp(t, 0)) {
            limiter.restore_block(bucket, until);
        }
    }
    ZoomClient::new(&settings.api_base, session, limiter)
}

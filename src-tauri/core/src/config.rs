//! Settings: the Zoom app's client id (and optional secret), base URLs, scopes, display zone,
//! reminder lead time and rate limit.
//!
//! Read from `settings.json` in the config folder, then overridden by an administrator's
//! managed file (see [`crate::managed`]), then by environment variables (tests and
//! development): `ZOOMDESK_CLIENT_ID`, `ZOOMDESK_CLIENT_SECRET`, `ZOOMDESK_OAUTH_BASE`,
//! `ZOOMDESK_API_BASE`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::redact::Secret;
use crate::schedule::zones;

/// Zoom's sign-in origin.
pub const ZOOM_OAUTH_BASE: &str = "https://zoom.us";
/// Zoom's API base.
pub const ZOOM_API_BASE: &str = "https://api.zoom.us/v2";
/// Requests per second the integration guide asks us to stay under.
pub const DEFAULT_RATE_LIMIT: u32 = 55;
/// Minutes before a meeting that its reminder appears.
pub const DEFAULT_REMINDER_LEAD: u32 = 60;

/// Granular scopes (apps made in Zoom's current build flow).
pub const GRANULAR_SCOPES: &[&str] = &[
    "user:read:user",
    "meeting:read:list_meetings",
    "meeting:read:meeting",
    "meeting:read:list_upcoming_meetings",
    "meeting:read:invitation",
    "meeting:write:meeting",
    "meeting:update:meeting",
    "meeting:delete:meeting",
    "cloud_recording:read:list_user_recordings",
    "cloud_recording:read:list_recording_files",
];
/// Classic scopes (older Zoom apps).
pub const CLASSIC_SCOPES: &[&str] = &[
    "user:read",
    "meeting:read",
    "meeting:write",
    "recording:read",
];

/// Which scope family the Zoom app uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ScopeStyle {
    /// `meeting:read:meeting` and friends.
    #[default]
    Granular,
    /// `meeting:read` and friends.
    Classic,
}

/// Everything configurable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The Zoom OAuth app's client id (public PKCE client or confidential).
    pub client_id: Option<String>,
    /// Secret of a confidential client; absent for public clients. Kept in the keychain (see
    /// [`crate::auth::client_secret`]), never written to the settings file; read from one
    /// only to move it out.
    #[serde(skip_serializing)]
    pub client_secret: Option<Secret<String>>,
    /// Origin of `/oauth/authorize` and `/oauth/token`.
    pub oauth_base: String,
    /// API base, ending in `/v2`.
    pub api_base: String,
    /// Scope family.
    pub scopes: ScopeStyle,
    /// Zone to show times in; the system's when absent.
    pub display_timezone: Option<String>,
    /// Language (`en`, `es`); the system's when absent.
    pub language: Option<String>,
    /// Reminder lead time in minutes.
    pub reminder_lead_minutes: u32,
    /// A second notice when the meeting starts.
    pub reminder_at_start: bool,
    /// Closing the window hides it to the tray (where there is one) and reminders keep coming.
    pub keep_in_tray: bool,
    /// Start Zoomdesk when the user logs in.
    pub start_at_login: bool,
    /// The "still running in the tray" notice was shown once.
    pub tray_notice_shown: bool,
    /// Requests per second, shared by every caller.
    pub rate_limit_per_second: u32,
    /// The user chose to keep the sign-in in a private file (the keychain did not answer).
    pub tokens_in_file: bool,
    /// What an administrator preset (never written to the user's file).
    #[serde(skip)]
    pub managed: Option<crate::managed::Managed>,
    /// Why the administrator's file was not used (it is not valid), to say so.
    #[serde(skip)]
    pub managed_problem: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            client_id: None,
            client_secret: None,
            oauth_base: ZOOM_OAUTH_BASE.into(),
            api_base: ZOOM_API_BASE.into(),
            scopes: ScopeStyle::Granular,
            display_timezone: None,
            language: None,
            reminder_lead_minutes: DEFAULT_REMINDER_LEAD,
            reminder_at_start: false,
            keep_in_tray: true,
            start_at_login: false,
            tray_notice_shown: false,
            rate_limit_per_second: DEFAULT_RATE_LIMIT,
            tokens_in_file: false,
            managed: None,
            managed_problem: None,
        }
    }
}

/// The settings file in a config folder.
pub fn settings_path(config_dir: &Path) -> PathBuf {
    config_dir.join("settings.json")
}

impl Settings {
    /// Reads `settings.json` (defaults when absent), then applies the environment.
    pub fn load(config_dir: &Path) -> Result<Self> {
        let mut s = Self::read_file(&settings_path(config_dir))?;
        if !s.move_secret_out(config_dir)? {
            s.client_secret = crate::auth::client_secret::load(config_dir)?;
        }
        s.apply_managed(&crate::managed::path_from(|k| std::env::var(k).ok()));
        s.apply_env(|k| std::env::var(k).ok());
        Ok(s)
    }

    /// Applies the administrator's file at `path`, if there is one and it is valid; a file
    /// that is not valid is reported in `managed_problem` and left out.
    pub fn apply_managed(&mut self, path: &Path) {
        match crate::managed::read(path) {
            Ok(Some(m)) => {
                let c = &m.config;
                if let Some(id) = &c.client_id {
                    self.client_id = Some(id.trim().to_string());
                }
                if let Some(base) = &c.oauth_base {
                    self.oauth_base = base.trim().trim_end_matches('/').to_string();
                }
                if let Some(base) = &c.api_base {
                    self.api_base = base.trim().trim_end_matches('/').to_string();
                }
                self.managed = Some(m);
            }
            Ok(None) => {}
            Err(e) => {
                tracing::warn!("{e}");
                self.managed_problem = Some(e.to_string());
            }
        }
    }

    /// The client id is not the user's to change: an administrator's file or the environment
    /// (`ZOOMDESK_CLIENT_ID`) set it.
    pub fn is_managed(&self) -> bool {
        std::env::var("ZOOMDESK_CLIENT_ID").is_ok_and(|v| !v.trim().is_empty())
            || self.managed_by().is_some()
    }

    /// Who set the client id, when an administrator's file did ("Acme IT (/etc/...)").
    pub fn managed_by(&self) -> Option<String> {
        self.managed
            .as_ref()
            .filter(|m| m.config.client_id.is_some())
            .map(crate::managed::Managed::who)
    }

    fn read_file(path: &Path) -> Result<Self> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                Error::Config(
                    format!("the settings file {} is not valid: {e}", path.display()).into(),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(Error::Storage(format!(
                "cannot read {}: {e}",
                path.display()
            ))),
        }
    }

    /// A client secret read from the settings file (an earlier version wrote it there) goes to
    /// the keychain, and the file is written again without it. True when there was one.
    pub(crate) fn move_secret_out(&self, config_dir: &Path) -> Result<bool> {
        let Some(secret) = &self.client_secret else {
            return Ok(false);
        };
        crate::auth::client_secret::store(config_dir, Some(secret.expose()))?;
        self.save(config_dir)?;
        tracing::info!("the client secret moved out of the settings file");
        Ok(true)
    }

    /// Applies `ZOOMDESK_*` overrides read through `get`.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) {
        let get = |k: &str| get(k).filter(|v| !v.trim().is_empty());
        if let Some(v) = get("ZOOMDESK_CLIENT_ID") {
            self.client_id = Some(v.trim().to_string());
        }
        if let Some(v) = get("ZOOMDESK_CLIENT_SECRET") {
            self.client_secret = Some(Secret::new(v));
        }
        if let Some(v) = get("ZOOMDESK_OAUTH_BASE") {
            self.oauth_base = v.trim().trim_end_matches('/').to_string();
        }
        if let Some(v) = get("ZOOMDESK_API_BASE") {
            self.api_base = v.trim().trim_end_matches('/').to_string();
        }
    }

    /// Writes the settings file atomically (a crash leaves the old file or the new one).
    pub fn save(&self, config_dir: &Path) -> Result<()> {
        crate::private_files::private_dir(config_dir)?;
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::Internal(format!("settings do not serialize: {e}")))?;
        crate::private_files::replace(&settings_path(config_dir), text.as_bytes())
    }

    /// Like [`Settings::load`], but an unreadable file (not JSON, wrong types) is moved aside
    /// to `settings.json.unreadable` and the defaults are used: the app still starts. Returns
    /// where the file went when that happened. Other failures (no permission) are errors.
    pub fn load_or_set_aside(config_dir: &Path) -> Result<(Self, Option<PathBuf>)> {
        match Self::load(config_dir) {
            Ok(s) => Ok((s, None)),
            Err(Error::Config(why)) => {
                let path = settings_path(config_dir);
                let aside = path.with_extension("json.unreadable");
                std::fs::rename(&path, &aside).map_err(|e| {
                    Error::Storage(format!(
                        "cannot move the unreadable {}: {e}",
                        path.display()
                    ))
                })?;
                tracing::warn!(
                    "{why}; it was moved to {} and defaults are used",
                    aside.display()
                );
                let mut s = Self::default();
                s.apply_managed(&crate::managed::path_from(|k| std::env::var(k).ok()));
                s.apply_env(|k| std::env::var(k).ok());
                Ok((s, Some(aside)))
            }
            Err(e) => Err(e),
        }
    }

    /// Changes the settings file (not the environment's overrides) with `change`, atomically.
    /// An unreadable file is an error, never silently replaced by the defaults.
    pub fn edit_file(config_dir: &Path, change: impl FnOnce(&mut Settings)) -> Result<Settings> {
        let mut file = Self::read_file(&settings_path(config_dir))?;
        file.move_secret_out(config_dir)?;
        change(&mut file);
        file.save(config_dir)?;
        Ok(file)
    }

    /// The language in force (the setting, else the system's).
    pub fn language(&self) -> crate::locale::Language {
        crate::locale::Language::resolve(self.language.as_deref())
    }

    /// The scopes to request.
    pub fn scope_list(&self) -> &'static [&'static str] {
        match self.scopes {
            ScopeStyle::Granular => GRANULAR_SCOPES,
            ScopeStyle::Classic => CLASSIC_SCOPES,
        }
    }

    /// True when pointed at a host other than Zoom's own (zoom-sim, a proxy); Zoom for
    /// Government (`zoomgov.com`) is Zoom's.
    pub fn is_simulator(&self) -> bool {
        let zoom = |host: &str| {
            ["zoom.us", "zoomgov.com"]
                .iter()
                .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        };
        let https_zoom = |base: &str| {
            url::Url::parse(base).is_ok_and(|u| {
                u.scheme() == "https" && u.host_str().is_some_and(|h| zoom(&h.to_ascii_lowercase()))
            })
        };
        !(https_zoom(&self.api_base) && https_zoom(&self.oauth_base))
    }
}

/// A change from the Settings page; absent fields stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SettingsUpdate {
    /// New client id ("" clears it).
    #[ts(optional)]
    pub client_id: Option<String>,
    /// New client secret ("" clears it).
    #[ts(optional)]
    pub client_secret: Option<String>,
    /// New display zone ("" follows the system).
    #[ts(optional)]
    pub display_timezone: Option<String>,
    /// New language (`en`, `es`; "" follows the system).
    #[ts(optional)]
    pub language: Option<String>,
    /// New reminder lead, 1..=240 minutes.
    #[ts(optional)]
    pub reminder_lead_minutes: Option<u32>,
    /// A second notice when the meeting starts.
    #[ts(optional)]
    pub reminder_at_start: Option<bool>,
    /// Keep running in the tray when the window closes.
    #[ts(optional)]
    pub keep_in_tray: Option<bool>,
    /// Start at login.
    #[ts(optional)]
    pub start_at_login: Option<bool>,
    /// Keep the sign-in in a private file instead of the system keychain.
    #[ts(optional)]
    pub tokens_in_file: Option<bool>,
}

/// Applies `update` to the settings file in `config_dir` after checking it; returns the new
/// file contents. (Environment overrides are applied on top when the app reopens core.)
pub fn apply_settings_update(
    config_dir: &std::path::Path,
    update: &SettingsUpdate,
) -> Result<Settings> {
    // Strict: an unreadable file is an error here, never silently replaced by the defaults
    // (the app sets such a file aside when it starts, and says so).
    let path = crate::config::settings_path(config_dir);
    let mut file: Settings = match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| {
            Error::Config(format!("the settings file {} is not valid: {e}", path.display()).into())
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
        Err(e) => {
            return Err(Error::Storage(format!(
                "cannot read {}: {e}",
                path.display()
            )))
        }
    };
    if let Some(id) = &update.client_id {
        let id = id.trim();
        if id.chars().any(|c| c.is_whitespace() || c.is_control()) || id.len() > 200 {
            return Err(Error::invalid(
                "clientId",
                "A client id is one word of letters and digits, as Zoom shows it.",
            )
            .key(crate::messages::Key::ClientIdInvalid));
        }
        file.client_id = (!id.is_empty()).then(|| id.to_string());
    }
    if update.client_secret.is_none() {
        file.move_secret_out(config_dir)?;
    }
    if let Some(secret) = &update.client_secret {
        let secret = secret.trim();
        crate::auth::client_secret::store(config_dir, (!secret.is_empty()).then_some(secret))?;
        file.client_secret = (!secret.is_empty()).then(|| Secret::new(secret.to_string()));
    }
    if let Some(in_file) = update.tokens_in_file {
        file.tokens_in_file = in_file;
    }
    if let Some(zone) = &update.display_timezone {
        let zone = zone.trim();
        if zone.is_empty() {
            file.display_timezone = None;
        } else {
            zones::zone(zone).map_err(|_| {
                Error::invalid("displayTimezone", "Pick a time zone from the list.")
                    .key(crate::messages::Key::DisplayTimezoneUnknown)
            })?;
            file.display_timezone = Some(zone.to_string());
        }
    }
    if let Some(lang) = &update.language {
        let lang = lang.trim();
        file.language = if lang.is_empty() {
            None
        } else {
            let known = crate::locale::Language::ALL
                .into_iter()
                .find(|l| l.tag() == lang)
                .ok_or_else(|| {
                    Error::invalid("language", "Pick a language from the list.")
                        .key(crate::messages::Key::LanguageUnknown)
                })?;
            Some(known.tag().to_string())
        };
    }
    if let Some(lead) = update.reminder_lead_minutes {
        if !(1..=240).contains(&lead) {
            return Err(Error::invalid(
                "reminderLeadMinutes",
                "Reminders come 1 to 240 minutes before a meeting.",
            )
            .key(crate::messages::Key::ReminderLeadMinutesRange));
        }
        file.reminder_lead_minutes = lead;
    }
    if let Some(on) = update.reminder_at_start {
        file.reminder_at_start = on;
    }
    if let Some(on) = update.keep_in_tray {
        file.keep_in_tray = on;
    }
    if let Some(on) = update.start_at_login {
        file.start_at_login = on;
    }
    if file.reminder_lead_minutes == 0 {
        file.reminder_lead_minutes = DEFAULT_REMINDER_LEAD;
    }
    file.save(config_dir)?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_administrators_file_wins_over_the_users_and_a_bad_one_is_reported() {
        let tmp = tempfile::tempdir().expect("tmp");
        let managed = tmp.path().join("config.json");
        std::fs::write(
            &managed,
            r#"{"client_id": "OrgClient", "api_base": "https://api.zoomgov.com/v2/",
                "oauth_base": "https://zoomgov.com", "managed_by": "Acme IT"}"#,
        )
        .expect("write");
        let mut s = Settings {
            client_id: Some("mine".into()),
            ..Settings::default()
        };
        s.apply_managed(&managed);
        assert_eq!(s.client_id.as_deref(), Some("OrgClient"));
        assert_eq!(s.api_base, "https://api.zoomgov.com/v2");
        assert_eq!(s.oauth_base, "https://zoomgov.com");
        // Zoom for Government is Zoom's own, not a simulator.
        assert!(!s.is_simulator());
        assert!(s
            .managed
            .as_ref()
            .is_some_and(|m| m.who().starts_with("Acme IT (")));
        assert_eq!(s.managed_problem, None);

        std::fs::write(&managed, r#"{"client_id": "OrgClient", "colour": "red"}"#).expect("write");
        let mut s = Settings {
            client_id: Some("mine".into()),
            ..Settings::default()
        };
        s.apply_managed(&managed);
        assert_eq!(
            s.client_id.as_deref(),
            Some("mine"),
            "a bad file is not used"
        );
        assert!(s
            .managed_problem
            .is_some_and(|why| why.contains("config.json")));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn on_linux_the_administrators_file_is_in_etc() {
        assert_eq!(
            crate::managed::system_path(),
            std::path::PathBuf::from("/etc/zoomdesk/config.json")
        );
    }

    #[test]
    fn defaults_point_at_zoom_with_the_guides_limits() {
        let s = Settings::default();
        assert_eq!(s.api_base, "https://api.zoom.us/v2");
        assert_eq!(s.oauth_base, "https://zoom.us");
        assert_eq!(s.rate_limit_per_second, 55);
        assert_eq!(s.reminder_lead_minutes, 60);
        assert!(!s.reminder_at_start && !s.start_at_login);
        assert!(s.keep_in_tray);
        assert!(!s.is_simulator());
    }

    #[test]
    fn environment_overrides_the_file() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let saved = Settings {
            client_id: Some("from-file".into()),
            reminder_lead_minutes: 15,
            ..Settings::default()
        };
        saved.save(tmp.path()).expect("saved");
        let mut s = Settings::read_file(&settings_path(tmp.path())).expect("read");
        assert_eq!(s, saved);
        s.apply_env(|k| match k {
            "ZOOMDESK_CLIENT_ID" => Some("from-env".into()),
            "ZOOMDESK_API_BASE" => Some("http://127.0.0.1:9/v2/".into()),
            "ZOOMDESK_CLIENT_SECRET" => Some("   ".into()),
            _ => None,
        });
        assert_eq!(s.client_id.as_deref(), Some("from-env"));
        assert_eq!(s.api_base, "http://127.0.0.1:9/v2");
        assert!(s.client_secret.is_none(), "blank variables are ignored");
        assert_eq!(s.reminder_lead_minutes, 15);
        assert!(s.is_simulator());
    }

    #[test]
    fn zoom_for_government_is_zoom_and_anything_else_is_not() {
        let with = |oauth: &str, api: &str| Settings {
            oauth_base: oauth.into(),
            api_base: api.into(),
            ..Settings::default()
        };
        assert!(!with("https://zoomgov.com", "https://api.zoomgov.com/v2").is_simulator());
        assert!(with("http://127.0.0.1:9", "http://127.0.0.1:9/v2").is_simulator());
        assert!(with("https://zoom.us", "https://zoom.us.example.com/v2").is_simulator());
        assert!(with("https://evil.test", "https://api.zoom.us/v2").is_simulator());
        assert!(with("https://zoom.us", "http://api.zoom.us/v2").is_simulator());
    }

    #[test]
    fn an_unreadable_settings_file_is_set_aside_and_the_defaults_used() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(settings_path(tmp.path()), "{ not json").expect("write");
        let (s, aside) = Settings::load_or_set_aside(tmp.path()).expect("starts anyway");
        assert_eq!(s.reminder_lead_minutes, DEFAULT_REMINDER_LEAD);
        let aside = aside.expect("moved aside");
        assert_eq!(std::fs::read_to_string(aside).expect("kept"), "{ not json");
        assert!(!settings_path(tmp.path()).exists());
        // A readable file is used as it is.
        Settings::default().save(tmp.path()).expect("save");
        assert_eq!(Settings::load_or_set_aside(tmp.path()).expect("ok").1, None);
    }

    #[test]
    fn a_broken_settings_file_is_a_clear_config_error() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(settings_path(tmp.path()), "{ not json").expect("write");
        let err = Settings::read_file(&settings_path(tmp.path())).expect_err("invalid");
        assert!(matches!(err, Error::Config(_)), "{err:?}");
    }

    #[test]
    fn a_secret_in_the_settings_file_moves_out_and_is_never_written_back() {
        std::env::set_var("ZOOMDESK_VAULT", "file");
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path();
        std::fs::write(
            settings_path(dir),
            r#"{"client_id":"abc","client_secret":"s3cr3t-value"}"#,
        )
        .expect("write");
        let s = Settings::load(dir).expect("load");
        assert_eq!(
            s.client_secret.as_ref().map(|x| x.expose().as_str()),
            Some("s3cr3t-value")
        );
        let text = std::fs::read_to_string(settings_path(dir)).expect("read");
        assert!(!text.contains("s3cr3t"), "{text}");
        assert!(text.contains("abc"));
        // Loaded again from where it went; saving settings never writes it back.
        let again = Settings::load(dir).expect("load");
        assert_eq!(again.client_secret, s.client_secret);
        again.save(dir).expect("save");
        assert!(!std::fs::read_to_string(settings_path(dir))
            .expect("read")
            .contains("s3cr3t"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let file = dir.join(crate::auth::client_secret::FILE);
            let mode = std::fs::metadata(file).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "without a keychain: a private file");
        }
        crate::auth::client_secret::store(dir, None).expect("forget");
        assert_eq!(Settings::load(dir).expect("load").client_secret, None);
    }

    #[test]
    fn the_secret_never_shows_in_debug() {
        let s = Settings {
            client_secret: Some(Secret::new("demo-secret".into())),
            ..Settings::default()
        };
        assert!(!format!("{s:?}").contains("demo-secret"));
    }

    #[test]
    fn settings_updates_are_checked_and_saved() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let saved = apply_settings_update(
            tmp.path(),
            &SettingsUpdate {
                client_id: Some(" abcDEF123 ".into()),
                display_timezone: Some("Europe/Madrid".into()),
                reminder_lead_minutes: Some(15),
                ..SettingsUpdate::default()
            },
        )
        .expect("valid");
        assert_eq!(saved.client_id.as_deref(), Some("abcDEF123"));
        let again = Settings::load(tmp.path()).expect("loads");
        assert_eq!(again.reminder_lead_minutes, 15);
        let bad = apply_settings_update(
            tmp.path(),
            &SettingsUpdate {
                display_timezone: Some("Atlantis".into()),
                ..Default::default()
            },
        );
        assert_eq!(bad.expect_err("invalid").field(), Some("displayTimezone"));
        let bad = apply_settings_update(
            tmp.path(),
            &SettingsUpdate {
                reminder_lead_minutes: Some(0),
                ..Default::default()
            },
        );
        assert_eq!(
            bad.expect_err("invalid").field(),
            Some("reminderLeadMinutes")
        );
        // A failed update changed nothing.
        assert_eq!(
            Settings::load(tmp.path())
                .expect("loads")
                .display_timezone
                .as_deref(),
            Some("Europe/Madrid")
        );
    }

    #[test]
    fn saving_never_silently_replaces_an_unreadable_settings_file() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = crate::config::settings_path(tmp.path());
        std::fs::write(&path, r#"{"client_id": 42"#).expect("write");
        let err = apply_settings_update(
            tmp.path(),
            &SettingsUpdate {
                reminder_lead_minutes: Some(15),
                ..SettingsUpdate::default()
            },
        )
        .expect_err("refused");
        assert!(matches!(err, Error::Config(_)), "{err:?}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            r#"{"client_id": 42"#,
            "the file is as it was"
        );
    }
}

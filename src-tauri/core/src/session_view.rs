//! What the UI shows about the sign-in and the settings, and what it may change.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::vault::VaultStatus;
use crate::config::{Settings, DEFAULT_REMINDER_LEAD};
use crate::desk::Desk;
use crate::error::{Error, Result};
use crate::redact::Secret;
use crate::schedule::zones;
use crate::store::user::CachedUser;

/// Sign-in state for the status area and the welcome page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SessionState {
    /// Tokens are held.
    pub signed_in: bool,
    /// Who, when known.
    #[ts(optional)]
    pub user: Option<CachedUser>,
    /// A client id is set (else the welcome page asks for one).
    pub client_id_configured: bool,
    /// The client id comes from the environment (managed install): the user only signs in.
    pub managed: bool,
    /// Talking to a simulator rather than zoom.us.
    pub simulator: bool,
    /// The API base in use (shown when it is not Zoom's).
    pub api_base: String,
    /// Why the last session ended on its own, to say so once.
    #[ts(optional)]
    pub ended_because: Option<String>,
    /// Catalog key (under `backend.`) of `ended_because`.
    #[ts(optional)]
    pub ended_because_key: Option<String>,
    /// Where tokens are kept ("the system keychain" or a file).
    pub vault: String,
    /// How the app runs here that the user should know.
    pub notices: Vec<crate::desk::Notice>,
    /// The keychain does not answer (why): the user is asked to unlock it and try again, or
    /// to keep the sign-in in a private file. Nothing is saved meanwhile.
    #[ts(optional)]
    pub keychain_problem: Option<String>,
}

/// Settings as the Settings page shows them (the secret itself never leaves core).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SettingsView {
    /// The Zoom app's client id.
    #[ts(optional)]
    pub client_id: Option<String>,
    /// A client secret is stored (confidential app).
    pub has_secret: bool,
    /// Set by the environment: read-only in the UI.
    pub managed: bool,
    /// Zone to show times in; `None` follows the system.
    #[ts(optional)]
    pub display_timezone: Option<String>,
    /// The system's zone, for "System (Europe/Madrid)".
    pub system_timezone: String,
    /// Minutes before a meeting that its reminder appears.
    pub reminder_lead_minutes: u32,
    /// A second notice when the meeting starts.
    pub reminder_at_start: bool,
    /// Closing the window keeps Zoomdesk running in the tray.
    pub keep_in_tray: bool,
    /// Zoomdesk starts when the user logs in.
    pub start_at_login: bool,
    /// This desktop shows a tray icon (else closing the window quits).
    pub tray_available: bool,
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

impl Desk {
    /// The sign-in state now.
    pub async fn session_state(&self) -> SessionState {
        SessionState {
            signed_in: self.session.is_signed_in().await,
            user: self.store.user().ok().flatten(),
            client_id_configured: self
                .settings
                .client_id
                .as_deref()
                .is_some_and(|c| !c.is_empty()),
            managed: std::env::var("ZOOMDESK_CLIENT_ID").is_ok_and(|v| !v.trim().is_empty()),
            simulator: self.settings.is_simulator(),
            api_base: self.settings.api_base.clone(),
            ended_because: self.session.ended_because(),
            ended_because_key: self
                .session
                .ended_because()
                .and_then(|why| crate::messages::key_of(&why))
                .map(str::to_string),
            vault: self.session.vault_description(),
            notices: self.notices.clone(),
            keychain_problem: match &self.vault_status {
                VaultStatus::KeychainUnavailable(why) => Some(crate::redact::redact_text(why)),
                _ => None,
            },
        }
    }

    /// The settings as the page shows them.
    pub fn settings_view(&self) -> SettingsView {
        SettingsView {
            client_id: self.settings.client_id.clone(),
            has_secret: self.settings.client_secret.is_some(),
            managed: std::env::var("ZOOMDESK_CLIENT_ID").is_ok_and(|v| !v.trim().is_empty()),
            display_timezone: self.settings.display_timezone.clone(),
            system_timezone: zones::system_zone_name(),
            reminder_lead_minutes: self.settings.reminder_lead_minutes,
            reminder_at_start: self.settings.reminder_at_start,
            keep_in_tray: self.settings.keep_in_tray,
            start_at_login: self.settings.start_at_login,
            // The app knows; it fills this in.
            tray_available: false,
        }
    }
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
            Error::Config(format!(
                "the settings file {} is not valid: {e}",
                path.display()
            ))
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
            .key("clientId.invalid"));
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
                    .key("displayTimezone.unknown")
            })?;
            file.display_timezone = Some(zone.to_string());
        }
    }
    if let Some(lead) = update.reminder_lead_minutes {
        if !(1..=240).contains(&lead) {
            return Err(Error::invalid(
                "reminderLeadMinutes",
                "Reminders come 1 to 240 minutes before a meeting.",
            )
            .key("reminderLeadMinutes.range"));
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

/// Every IANA zone name, sorted, for the zone pickers.
pub fn all_timezones() -> Vec<String> {
    let mut names: Vec<String> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name().to_string())
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_zone_list_is_complete_and_sorted() {
        let zones = all_timezones();
        assert!(zones.len() > 400);
        assert!(zones.windows(2).all(|w| w[0] <= w[1]));
        assert!(zones.iter().any(|z| z == "America/Argentina/Buenos_Aires"));
    }
}

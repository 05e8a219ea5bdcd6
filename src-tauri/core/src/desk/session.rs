//! What the UI shows about the sign-in and the settings.

use crate::auth::vault::VaultStatus;
use crate::schedule::zones;

use super::{Desk, SessionState, SettingsView};

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
            managed: self.settings.is_managed(),
            managed_by: self.settings.managed_by(),
            simulator: self.settings.is_simulator(),
            api_base: self.settings.api_base.clone(),
            ended_because: self.session.ended_because().map(|why| why.text),
            ended_because_key: self
                .session
                .ended_because()
                .and_then(|why| why.key)
                .map(str::to_string),
            vault: self.session.vault_description(),
            language: self.settings.language(),
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
            managed: self.settings.is_managed(),
            managed_by: self.settings.managed_by(),
            display_timezone: self.settings.display_timezone.clone(),
            language: self
                .settings
                .language
                .as_deref()
                .and_then(crate::locale::Language::from_locale),
            system_language: crate::locale::Language::of_system(),
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

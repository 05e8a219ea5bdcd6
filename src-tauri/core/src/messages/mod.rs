//! The sentences of errors that are not about one form field, each with the key of its
//! message in the UI's catalog (`errors.<key>`), so the UI can say them in the user's language.
//! The English text here is what logs, the command line and an untranslated UI show.

mod keys;

pub use keys::Key;

/// A sentence and its catalog key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg {
    /// Catalog key under `errors.`.
    pub key: &'static str,
    /// English text.
    pub text: &'static str,
}

/// Declares each sentence as a [`Msg`] constant, and [`ALL`] listing them.
macro_rules! sentences {
    ($($(#[$doc:meta])* $name:ident = $key:literal, $text:literal;)*) => {
        $(
            $(#[$doc])*
            pub const $name: Msg = Msg { key: $key, text: $text };
        )*

        /// Every sentence, for checking the UI's catalog against.
        pub const ALL: &[Msg] = &[$($name,)*];
    };
}

sentences! {
    /// The user cancelled the sign-in.
    SIGN_IN_CANCELLED = "signIn.cancelled", "Sign-in was cancelled.";
    /// The browser never came back.
    SIGN_IN_TIMED_OUT = "signIn.timedOut", "Sign-in timed out: the browser never came back. Try again.";
    /// The user pressed Deny.
    SIGN_IN_DECLINED = "signIn.declined", "You declined access in Zoom, so Zoomdesk is not signed in.";
    /// The refresh token was refused (used elsewhere, expired).
    SIGN_IN_ENDED = "signIn.ended", "Your Zoom sign-in has ended (perhaps you signed in on another computer). Sign in again.";
    /// Zoom says the grant was revoked (4741).
    SIGN_IN_REVOKED = "signIn.revoked", "Your Zoom sign-in was revoked (perhaps you signed in on another computer). Sign in again.";
    /// Zoom refuses the token even after a refresh.
    SIGN_IN_REJECTED = "signIn.rejected", "Zoom no longer accepts this sign-in. Sign in again.";
    /// No tokens.
    NOT_SIGNED_IN = "signIn.needed", "Sign in to Zoom first.";
    /// Zoom does not know the client id or the secret is wrong.
    CLIENT_REJECTED = "clientId.rejected", "Zoom does not know this client id (or its secret is wrong). Check Settings.";
    /// Keys for whole kinds of error whose detail is technical (network, storage, bugs).
    NETWORK = "network", "Zoom could not be reached.";
    /// A long rate limit; the catalog message takes `{time}`.
    RATE_LIMITED = "rateLimited", "Zoom's rate limit was reached.";
    /// A create whose answer was lost and whose meeting was not found within a minute.
    UNCONFIRMED_CREATE = "unconfirmedCreate", "Zoom did not confirm the new meeting, and it may have been created.";
    /// Something is gone from Zoom.
    NOT_FOUND = "notFound", "It is no longer in Zoom.";
    /// Local files or the cache failed.
    STORAGE = "storage", "Zoomdesk could not read or write its files.";
    /// A bug.
    INTERNAL = "internal", "Something went wrong inside Zoomdesk.";
    /// Notice: tokens are in a file because ZOOMDESK_VAULT asks (`{path}`).
    VAULT_CHOSEN = "notice.vaultChosen", "Your Zoom sign-in is kept in a private file, as ZOOMDESK_VAULT asks.";
    /// Notice: no keychain answered (`{reason}`), tokens are in a file (`{path}`).
    VAULT_FALLBACK = "notice.vaultFallback", "No system keychain is available, so your Zoom sign-in is kept in a private file.";
    /// Notice: the cache was unreadable and is being rebuilt.
    CACHE_REBUILT = "notice.cacheRebuilt", "The offline cache was unreadable; it was set aside and will be rebuilt from Zoom.";
    /// Notice: the settings file was unreadable; it was set aside (`{path}`) and defaults are used.
    SETTINGS_RESET = "notice.settingsReset", "Your settings file could not be read, so it was set aside and the defaults are used.";
    /// Notice: a refreshed sign-in could not be saved (`{reason}`); it works until Zoomdesk quits.
    SIGN_IN_NOT_SAVED = "notice.signInNotSaved", "Your renewed Zoom sign-in could not be saved, so you will need to sign in again after Zoomdesk restarts.";
    /// Notice: the administrator's managed configuration is not valid (`{reason}`) and is not used.
    MANAGED_INVALID = "notice.managedInvalid", "The configuration your administrator set for Zoomdesk is not valid, so it is not used. Tell them.";
    /// Notice: a `zoomdesk://` link was not one Zoomdesk knows, or its id was not valid.
    LINK_INVALID = "notice.linkInvalid", "That zoomdesk:// link is not one Zoomdesk can open, so nothing was done.";
}

/// A sentence for the user, with its catalog key when it is one of ours ([`Msg`]); Zoom's
/// own words (an OAuth error description) have none and are shown as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// Catalog key under `errors.`/`backend.`, when there is one.
    pub key: Option<&'static str>,
    /// The English sentence.
    pub text: String,
}

impl From<Msg> for Said {
    fn from(m: Msg) -> Self {
        Said {
            key: Some(m.key),
            text: m.text.to_string(),
        }
    }
}

impl From<String> for Said {
    fn from(text: String) -> Self {
        Said { key: None, text }
    }
}

impl From<&str> for Said {
    fn from(text: &str) -> Self {
        Said::from(text.to_string())
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_of_ours_keeps_its_key_and_zooms_words_have_none() {
        let ours = Said::from(SIGN_IN_ENDED);
        assert_eq!(ours.key, Some("signIn.ended"));
        assert_eq!(ours.to_string(), SIGN_IN_ENDED.text);
        let theirs = Said::from("Zoom refused the sign-in (server_error).".to_string());
        assert_eq!(theirs.key, None);
    }
}

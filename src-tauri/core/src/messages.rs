//! The sentences of errors that are not about one form field, each with the key of its
//! message in the UI's catalog (`errors.<key>`), so the UI can say them in the user's language.
//! The English text here is what logs, the command line and an untranslated UI show.

/// A sentence and its catalog key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg {
    /// Catalog key under `errors.`.
    pub key: &'static str,
    /// English text.
    pub text: &'static str,
}

/// The user cancelled the sign-in.
pub const SIGN_IN_CANCELLED: Msg = Msg {
    key: "signIn.cancelled",
    text: "Sign-in was cancelled.",
};
/// The browser never came back.
pub const SIGN_IN_TIMED_OUT: Msg = Msg {
    key: "signIn.timedOut",
    text: "Sign-in timed out: the browser never came back. Try again.",
};
/// The user pressed Deny.
pub const SIGN_IN_DECLINED: Msg = Msg {
    key: "signIn.declined",
    text: "You declined access in Zoom, so Zoomdesk is not signed in.",
};
/// The refresh token was refused (used elsewhere, expired).
pub const SIGN_IN_ENDED: Msg = Msg {
    key: "signIn.ended",
    text: "Your Zoom sign-in has ended (perhaps you signed in on another computer). Sign in again.",
};
/// Zoom says the grant was revoked (4741).
pub const SIGN_IN_REVOKED: Msg = Msg {
    key: "signIn.revoked",
    text:
        "Your Zoom sign-in was revoked (perhaps you signed in on another computer). Sign in again.",
};
/// Zoom refuses the token even after a refresh.
pub const SIGN_IN_REJECTED: Msg = Msg {
    key: "signIn.rejected",
    text: "Zoom no longer accepts this sign-in. Sign in again.",
};
/// No tokens.
pub const NOT_SIGNED_IN: Msg = Msg {
    key: "signIn.needed",
    text: "Sign in to Zoom first.",
};
/// Zoom does not know the client id or the secret is wrong.
pub const CLIENT_REJECTED: Msg = Msg {
    key: "clientId.rejected",
    text: "Zoom does not know this client id (or its secret is wrong). Check Settings.",
};

/// Keys for whole kinds of error whose detail is technical (network, storage, bugs).
pub const NETWORK: Msg = Msg {
    key: "network",
    text: "Zoom could not be reached.",
};
/// A long rate limit; the catalog message takes `{time}`.
pub const RATE_LIMITED: Msg = Msg {
    key: "rateLimited",
    text: "Zoom's rate limit was reached.",
};
/// A create whose answer was lost and whose meeting was not found within a minute.
pub const UNCONFIRMED_CREATE: Msg = Msg {
    key: "unconfirmedCreate",
    text: "Zoom did not confirm the new meeting, and it may have been created.",
};
/// Something is gone from Zoom.
pub const NOT_FOUND: Msg = Msg {
    key: "notFound",
    text: "It is no longer in Zoom.",
};
/// Local files or the cache failed.
pub const STORAGE: Msg = Msg {
    key: "storage",
    text: "Zoomdesk could not read or write its files.",
};
/// A bug.
pub const INTERNAL: Msg = Msg {
    key: "internal",
    text: "Something went wrong inside Zoomdesk.",
};

/// Notice: tokens are in a file because ZOOMDESK_VAULT asks (`{path}`).
pub const VAULT_CHOSEN: Msg = Msg {
    key: "notice.vaultChosen",
    text: "Your Zoom sign-in is kept in a private file, as ZOOMDESK_VAULT asks.",
};
/// Notice: no keychain answered (`{reason}`), tokens are in a file (`{path}`).
pub const VAULT_FALLBACK: Msg = Msg {
    key: "notice.vaultFallback",
    text: "No system keychain is available, so your Zoom sign-in is kept in a private file.",
};
/// Notice: the cache was unreadable and is being rebuilt.
pub const CACHE_REBUILT: Msg = Msg {
    key: "notice.cacheRebuilt",
    text: "The offline cache was unreadable; it was set aside and will be rebuilt from Zoom.",
};

/// Notice: the settings file was unreadable; it was set aside (`{path}`) and defaults are used.
pub const SETTINGS_RESET: Msg = Msg {
    key: "notice.settingsReset",
    text: "Your settings file could not be read, so it was set aside and the defaults are used.",
};
/// Notice: a refreshed sign-in could not be saved (`{reason}`); it works until Zoomdesk quits.
pub const SIGN_IN_NOT_SAVED: Msg = Msg {
    key: "notice.signInNotSaved",
    text: "Your renewed Zoom sign-in could not be saved, so you will need to sign in again after Zoomdesk restarts.",
};
/// Notice: a `zoomdesk://` link was not one Zoomdesk knows, or its id was not valid.
pub const LINK_INVALID: Msg = Msg {
    key: "notice.linkInvalid",
    text: "That zoomdesk:// link is not one Zoomdesk can open, so nothing was done.",
};
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

//! Tokens in the real OS keychain (Secret Service on Linux), and the fallback to a private file
//! where no keychain answers. Each case re-runs this test binary inside a private D-Bus session
//! so the user's own keyring is never touched.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

use std::process::Command;

use zoomdesk_core::auth::vault::{FileVault, KeyringVault, Vault, VaultStatus};
use zoomdesk_core::auth::{TokenVault, Tokens};
use zoomdesk_core::redact::Secret;

const CHILD: &str = "ZOOMDESK_KEYCHAIN_CHILD";

/// A pair as long as Zoom's (JWTs of about 1,000 characters each).
fn tokens(n: u32) -> Tokens {
    Tokens {
        access_token: Secret::new(format!("eyJaccess{n}.{}", "a".repeat(990))),
        refresh_token: Secret::new(format!("eyJrefresh{n}.{}", "r".repeat(990))),
        expires_at: chrono::DateTime::from_timestamp(1_900_000_000, 0).unwrap(),
        scopes: vec!["meeting:read:meeting".into()],
    }
}

/// Runs `test` of this binary in a fresh D-Bus session after `setup` (a shell snippet).
fn in_private_session(test: &str, setup: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let script = format!(
        "{setup} exec '{}' --exact {test} --nocapture --test-threads=1",
        exe.display()
    );
    let out = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", &script])
        .env(CHILD, "1")
        .env("HOME", tmp.path())
        .env("XDG_DATA_HOME", tmp.path().join("data"))
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .env("XDG_RUNTIME_DIR", tmp.path())
        .env_remove("ZOOMDESK_VAULT")
        .output()
        .expect("dbus-run-session runs (package dbus)");
    assert!(
        out.status.success(),
        "child failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 passed"), "the child test ran: {stdout}");
}

#[test]
fn tokens_round_trip_through_the_secret_service() {
    if std::env::var_os(CHILD).is_none() {
        return in_private_session(
            "tokens_round_trip_through_the_secret_service",
            "echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&",
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    let (vault, status) = Vault::open(tmp.path(), false);
    assert_eq!(status, VaultStatus::Keychain, "an unlocked keyring is used");
    assert_eq!(vault.describe(), "the system keychain");
    assert_eq!(vault.load().unwrap(), None);
    vault.save(&tokens(1)).unwrap();
    vault.save(&tokens(2)).unwrap();
    // A second handle (the app after a restart) reads the newest refresh token; the access
    // token was never written, so the first call refreshes.
    let again = KeyringVault::probe().unwrap();
    let back = again.load().unwrap().unwrap();
    assert_eq!(back.refresh_token, tokens(2).refresh_token);
    assert!(back.needs_refresh(chrono::Utc::now()));
    assert!(!tmp.path().join("tokens.json").exists(), "nothing on disk");
    vault.clear().unwrap();
    assert_eq!(again.load().unwrap(), None);
    // A confidential app's client secret goes there too, not to a file.
    use zoomdesk_core::auth::client_secret;
    client_secret::store(tmp.path(), Some("confidential-secret")).unwrap();
    assert!(!tmp.path().join(client_secret::FILE).exists());
    assert_eq!(
        client_secret::load(tmp.path()).unwrap().unwrap().expose(),
        "confidential-secret"
    );
    client_secret::store(tmp.path(), None).unwrap();
    assert!(client_secret::load(tmp.path()).unwrap().is_none());
}

#[test]
fn a_keychain_that_does_not_answer_is_reported_and_nothing_goes_to_a_file_unless_chosen() {
    if std::env::var_os(CHILD).is_none() {
        // No keyring daemon runs in this session: like a keychain not started yet.
        return in_private_session(
            "a_keychain_that_does_not_answer_is_reported_and_nothing_goes_to_a_file_unless_chosen",
            "",
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    let (vault, status) = Vault::open(tmp.path(), false);
    assert!(
        matches!(status, VaultStatus::KeychainUnavailable(_)),
        "{status:?}"
    );
    assert!(vault.save(&tokens(3)).is_err(), "no silent plaintext");
    assert!(!tmp.path().join("tokens.json").exists());
    // The user chose the private file.
    let (vault, status) = Vault::open(tmp.path(), true);
    assert_eq!(status, VaultStatus::FileByChoice);
    vault.save(&tokens(3)).unwrap();
    assert_eq!(
        vault.load().unwrap().unwrap().refresh_token,
        tokens(3).refresh_token
    );
    // Without the choice, a file an earlier run wrote is still used (and said so).
    let (vault, status) = Vault::open(tmp.path(), false);
    assert!(
        matches!(status, VaultStatus::FileFromBefore(_)),
        "{status:?}"
    );
    assert!(vault.load().unwrap().is_some());
}

#[test]
fn once_the_keychain_answers_the_file_moves_into_it_and_is_deleted() {
    if std::env::var_os(CHILD).is_none() {
        return in_private_session(
            "once_the_keychain_answers_the_file_moves_into_it_and_is_deleted",
            "echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&",
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    FileVault::new(tmp.path().join("tokens.json"))
        .save(&tokens(4))
        .unwrap();
    let (vault, status) = Vault::open(tmp.path(), false);
    assert_eq!(status, VaultStatus::Keychain);
    assert!(!tmp.path().join("tokens.json").exists(), "the file is gone");
    assert_eq!(
        vault.load().unwrap().unwrap().refresh_token,
        tokens(4).refresh_token,
        "1 KB tokens read back through the Secret Service"
    );
    vault.clear().unwrap();
}

//! Sign-in, refresh and sign-out against zoom-sim over real HTTP.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use chrono::Duration;
use common::*;
use zoom_sim::{RatePlan, Seed};
use zoomdesk_core::auth::vault::MemoryVault;
use zoomdesk_core::auth::{OAuthClient, Session, TokenVault};
use zoomdesk_core::error::Error;
use zoomdesk_core::zoom::client::ZoomClient;
use zoomdesk_core::zoom::limiter::RateLimiter;

#[tokio::test]
async fn sign_in_through_the_consent_page_then_the_api_answers() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    let me = env.zoom.me().await.unwrap();
    assert_eq!(me.email, zoom_sim::DEMO_USER_EMAIL);
    // The token exchange used PKCE and the public client (no secret anywhere).
    assert_eq!(count(&env.sim, "POST", "/oauth/token"), 1);
}

#[tokio::test]
async fn a_refused_consent_leaves_the_user_signed_out_with_a_reason() {
    let sim = sim(Seed::Empty, RatePlan::Pro).await;
    let settings = settings_for(&sim);
    let session = memory_session(&settings);
    let err = session
        .sign_in(&TestBrowser(Decision::Deny), std::future::pending())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::SignedOut(m) if m.text.contains("declined") && m.key.is_some()),
        "{err:?}"
    );
    assert!(!session.is_signed_in().await);
    assert_eq!(
        count(&sim, "POST", "/oauth/token"),
        0,
        "no code was exchanged"
    );
}

#[tokio::test]
async fn a_redirect_with_a_forged_state_is_refused() {
    let sim = sim(Seed::Empty, RatePlan::Pro).await;
    let settings = settings_for(&sim);
    let session = memory_session(&settings);
    // A redirect with another state is refused by the listener and ignored: the sign-in keeps
    // waiting for ours (here it never comes, so it times out) and never trades that code.
    let oauth = OAuthClient::new(&settings).unwrap();
    let err = oauth
        .sign_in_within(
            &TestBrowser(Decision::ForgeState),
            std::future::pending(),
            std::time::Duration::from_secs(2),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::SignedOut(m) if m.text.contains("timed out") && m.key.is_some()),
        "{err:?}"
    );
    assert_eq!(
        count(&sim, "POST", "/oauth/token"),
        0,
        "the code was not exchanged"
    );
    // A forged redirect first does not stop the real one that follows.
    session
        .sign_in(
            &TestBrowser(Decision::ForgeThenApprove),
            std::future::pending(),
        )
        .await
        .unwrap();
    assert!(session.is_signed_in().await);
}

#[tokio::test]
async fn sign_in_can_be_cancelled_and_times_out() {
    let sim = sim(Seed::Empty, RatePlan::Pro).await;
    let settings = settings_for(&sim);
    let oauth = OAuthClient::new(&settings).unwrap();
    struct Nobody;
    impl zoomdesk_core::auth::Browser for Nobody {
        fn open(&self, _url: &str) -> zoomdesk_core::error::Result<()> {
            Ok(())
        }
    }
    let err = oauth.sign_in(&Nobody, async {}).await.unwrap_err();
    assert!(err.to_string().contains("cancelled"));
    let err = oauth
        .sign_in_within(
            &Nobody,
            std::future::pending(),
            std::time::Duration::from_millis(200),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("timed out"));
}

#[tokio::test]
async fn fifty_requests_with_an_expired_token_make_exactly_one_refresh() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    env.sim.advance(Duration::hours(2));
    env.sim.clear_requests();
    let calls = (0..50).map(|_| {
        let zoom = env.zoom.clone();
        tokio::spawn(async move { zoom.me().await })
    });
    for call in calls {
        call.await.unwrap().unwrap();
    }
    let refreshes = count(&env.sim, "POST", "/oauth/token");
    println!("RELIABILITY 50 concurrent calls with an expired token: {refreshes} refresh");
    assert_eq!(refreshes, 1, "one refresh for all fifty");
    let ok = env
        .sim
        .requests()
        .iter()
        .filter(|r| r.path == "/v2/users/me" && r.status == 200)
        .count();
    assert_eq!(ok, 50);
}

#[tokio::test]
async fn a_refresh_token_used_elsewhere_signs_out_cleanly() {
    let sim = sim(Seed::Empty, RatePlan::Pro).await;
    let settings = settings_for(&sim);
    let vault = Arc::new(MemoryVault::default());
    struct Shared(Arc<MemoryVault>);
    impl TokenVault for Shared {
        fn load(&self) -> zoomdesk_core::error::Result<Option<zoomdesk_core::auth::Tokens>> {
            self.0.load()
        }
        fn save(&self, t: &zoomdesk_core::auth::Tokens) -> zoomdesk_core::error::Result<()> {
            self.0.save(t)
        }
        fn clear(&self) -> zoomdesk_core::error::Result<()> {
            self.0.clear()
        }
        fn describe(&self) -> String {
            "shared".into()
        }
    }
    let oauth = OAuthClient::new(&settings).unwrap();
    let session = Arc::new(Session::new(oauth.clone(), Box::new(Shared(vault.clone()))));
    session
        .sign_in(&TestBrowser(Decision::Approve), std::future::pending())
        .await
        .unwrap();
    // Another install holding the same refresh token uses it first: Zoom rotates it.
    let stolen = vault.load().unwrap().unwrap();
    oauth.refresh(&stolen.refresh_token).await.unwrap();
    let zoom = ZoomClient::new(
        &settings.api_base,
        session.clone(),
        RateLimiter::per_second(55),
    )
    .unwrap();
    sim.advance(Duration::hours(2));
    let err = zoom.me().await.unwrap_err();
    assert!(matches!(err, Error::SignedOut(_)), "{err:?}");
    assert!(!session.is_signed_in().await);
    assert!(
        vault.load().unwrap().is_none(),
        "the dead tokens are forgotten"
    );
    assert_eq!(
        session.ended_because().and_then(|why| why.key),
        Some("signIn.ended"),
        "the app can say why, in the user's language"
    );
}

#[tokio::test]
async fn sign_out_revokes_the_grant() {
    let env = signed_in(Seed::Empty, RatePlan::Pro, 55).await;
    env.session.sign_out().await.unwrap();
    assert!(!env.session.is_signed_in().await);
    assert_eq!(count(&env.sim, "POST", "/oauth/revoke"), 1);
    assert!(matches!(env.zoom.me().await, Err(Error::SignedOut(_))));
}

#[tokio::test]
async fn a_confidential_client_with_classic_scopes_signs_in_and_refreshes() {
    let sim = sim(Seed::Empty, RatePlan::Pro).await;
    let settings = zoomdesk_core::config::Settings {
        client_id: Some(zoom_sim::CONFIDENTIAL_CLIENT_ID.into()),
        client_secret: Some(zoomdesk_core::redact::Secret::new(
            zoom_sim::CONFIDENTIAL_CLIENT_SECRET.into(),
        )),
        scopes: zoomdesk_core::config::ScopeStyle::Classic,
        ..settings_for(&sim)
    };
    let (_session, zoom) = sign_in_client(&settings, memory_session(&settings), 55).await;
    zoom.me().await.unwrap();
    sim.advance(Duration::hours(2));
    zoom.me().await.unwrap();
    assert_eq!(
        count(&sim, "POST", "/oauth/token"),
        2,
        "code exchange, then one refresh"
    );
}

#[tokio::test]
async fn a_wrong_secret_is_reported_as_a_settings_problem() {
    let sim = sim(Seed::Empty, RatePlan::Pro).await;
    let settings = zoomdesk_core::config::Settings {
        client_id: Some(zoom_sim::CONFIDENTIAL_CLIENT_ID.into()),
        client_secret: Some(zoomdesk_core::redact::Secret::new("not-the-secret".into())),
        ..settings_for(&sim)
    };
    let session = memory_session(&settings);
    let err = session
        .sign_in(&TestBrowser(Decision::Approve), std::future::pending())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[tokio::test]
async fn changing_settings_keeps_the_sign_in_unless_the_zoom_app_changes() {
    let sim = sim(Seed::Empty, RatePlan::Pro).await;
    let tmp = tempfile::tempdir().unwrap();
    let dirs = zoomdesk_core::AppDirs::under(tmp.path());
    settings_for(&sim).save(&dirs.config).unwrap();
    std::env::set_var("ZOOMDESK_VAULT", "file");
    let desk = zoomdesk_core::desk::Desk::open(dirs.clone()).unwrap();
    desk.sign_in(&TestBrowser(Decision::Approve), std::future::pending())
        .await
        .unwrap();

    let update = zoomdesk_core::config::SettingsUpdate {
        display_timezone: Some("Asia/Tokyo".into()),
        ..Default::default()
    };
    zoomdesk_core::config::apply_settings_update(&dirs.config, &update).unwrap();
    let same = desk.reload().unwrap();
    assert!(
        Arc::ptr_eq(same.session(), desk.session()),
        "one session, one refresh token"
    );
    assert_eq!(same.display_zone(), chrono_tz::Asia::Tokyo);
    assert!(same.session().is_signed_in().await);

    let update = zoomdesk_core::config::SettingsUpdate {
        client_id: Some("another-app".into()),
        ..Default::default()
    };
    zoomdesk_core::config::apply_settings_update(&dirs.config, &update).unwrap();
    let other = same.reload().unwrap();
    assert!(
        !Arc::ptr_eq(other.session(), desk.session()),
        "a new Zoom app gets its own sign-in"
    );
}

#[tokio::test]
async fn the_app_and_the_command_line_refresh_in_turn_without_signing_each_other_out() {
    // Access tokens that live 60 s: every call refreshes (the margin is two minutes), and each
    // refresh rotates the refresh token.
    let sim = zoom_sim::Sim::start(zoom_sim::SimConfig {
        seed: Seed::Empty,
        rate_plan: RatePlan::Pro,
        timezone: "Europe/Madrid".into(),
        token_ttl_secs: 60,
        ..zoom_sim::SimConfig::default()
    })
    .await
    .unwrap();
    let settings = settings_for(&sim);
    let data = tempfile::tempdir().unwrap();
    let vault_file = data.path().join("tokens.json");
    let lock = data.path().join(zoomdesk_core::desk::REFRESH_LOCK_FILE);
    let open = || {
        Session::new(
            OAuthClient::new(&settings).unwrap(),
            Box::new(zoomdesk_core::auth::vault::FileVault::new(
                vault_file.clone(),
            )),
        )
        .with_refresh_lock(lock.clone())
    };
    let app = open();
    app.sign_in(&TestBrowser(Decision::Approve), std::future::pending())
        .await
        .unwrap();
    // The command line starts later and reads the same saved sign-in.
    let cli = open();
    for round in 0..20 {
        for (who, session) in [("app", &app), ("cli", &cli)] {
            if let Err(e) = session.access_token().await {
                panic!("the {who} was signed out in round {round}: {e:?}");
            }
        }
    }
    assert!(app.is_signed_in().await && cli.is_signed_in().await);
    assert_eq!(
        count(&sim, "POST", "/oauth/token"),
        41,
        "one exchange, then a refresh for each of the 40 calls"
    );
}

/// A vault whose saves fail while `failures` is above zero (a keychain busy for a moment).
struct Flaky {
    inner: MemoryVault,
    failures: Arc<std::sync::atomic::AtomicU32>,
}

impl TokenVault for Flaky {
    fn load(&self) -> zoomdesk_core::error::Result<Option<zoomdesk_core::auth::Tokens>> {
        self.inner.load()
    }
    fn save(&self, t: &zoomdesk_core::auth::Tokens) -> zoomdesk_core::error::Result<()> {
        use std::sync::atomic::Ordering;
        if self
            .failures
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
        {
            return Err(Error::Storage("keychain: busy".into()));
        }
        self.inner.save(t)
    }
    fn clear(&self) -> zoomdesk_core::error::Result<()> {
        self.inner.clear()
    }
    fn describe(&self) -> String {
        "flaky".into()
    }
}

#[tokio::test]
async fn a_refreshed_sign_in_that_fails_to_save_is_retried_and_else_told() {
    for (failures, saved) in [(2, true), (100, false)] {
        let sim = sim(Seed::Empty, RatePlan::Pro).await;
        let settings = settings_for(&sim);
        let counter = Arc::new(std::sync::atomic::AtomicU32::new(0));
        let flaky = Session::new(
            OAuthClient::new(&settings).unwrap(),
            Box::new(Flaky {
                inner: MemoryVault::default(),
                failures: counter.clone(),
            }),
        );
        let (session, zoom) = sign_in_client(&settings, flaky, 55).await;
        // The access token expires; the refresh's save fails `failures` times.
        counter.store(failures, std::sync::atomic::Ordering::SeqCst);
        sim.advance(Duration::hours(2));
        zoom.me()
            .await
            .expect("the refreshed session works either way");
        let told = session.take_unsaved();
        assert_eq!(told.is_none(), saved, "failures {failures}: {told:?}");
        assert!(session.take_unsaved().is_none(), "told once");
    }
}

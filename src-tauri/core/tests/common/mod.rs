//! Shared set-up of core's integration tests: a zoom-sim on loopback and core pointed at it.
#![allow(dead_code, clippy::unwrap_used)]

use std::sync::Arc;

use zoom_sim::{RatePlan, Seed, Sim, SimConfig, SimHandle};
use zoomdesk_core::auth::vault::MemoryVault;
use zoomdesk_core::auth::{Browser, OAuthClient, Session};
use zoomdesk_core::config::Settings;
use zoomdesk_core::zoom::client::ZoomClient;
use zoomdesk_core::zoom::limiter::RateLimiter;

/// What the user does on Zoom's consent page.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Deny,
    /// Approve, but the redirect that reaches the app carries a forged state.
    ForgeState,
    /// A forged redirect reaches the app first, then the real one.
    ForgeThenApprove,
}

/// Plays the user in the browser: loads the consent page and submits it, then follows the
/// redirect to the app's loopback listener, like a browser would.
pub struct TestBrowser(pub Decision);

impl Browser for TestBrowser {
    fn open(&self, url: &str) -> zoomdesk_core::error::Result<()> {
        let url = url.to_string();
        let decision = self.0;
        tokio::spawn(async move {
            let http = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let page = http.get(&url).send().await.unwrap();
            assert_eq!(page.status(), 200, "the consent page shows");
            let query: Vec<(String, String)> = url::Url::parse(&url)
                .unwrap()
                .query_pairs()
                .into_owned()
                .collect();
            let mut form = query.clone();
            let choice = if decision == Decision::Deny {
                "deny"
            } else {
                "approve"
            };
            form.push(("decision".into(), choice.into()));
            let origin = url.split("/oauth/").next().unwrap().to_string();
            let resp = http
                .post(format!("{origin}/oauth/authorize"))
                .form(&form)
                .send()
                .await
                .unwrap();
            let mut location = resp.headers()["location"].to_str().unwrap().to_string();
            if matches!(decision, Decision::ForgeState | Decision::ForgeThenApprove) {
                let real = location.clone();
                let mut u = url::Url::parse(&location).unwrap();
                let pairs: Vec<(String, String)> = u
                    .query_pairs()
                    .into_owned()
                    .map(|(k, v)| {
                        if k == "state" {
                            (k, "forged".into())
                        } else {
                            (k, v)
                        }
                    })
                    .collect();
                u.query_pairs_mut().clear().extend_pairs(pairs);
                let forged = http.get(u.to_string()).send().await.unwrap();
                assert_eq!(forged.status(), 400, "the listener refuses a foreign state");
                if decision == Decision::ForgeThenApprove {
                    location = real;
                } else {
                    return;
                }
            }
            let _ = http.get(location).send().await;
        });
        Ok(())
    }
}

pub struct Env {
    pub sim: SimHandle,
    pub settings: Settings,
    pub session: Arc<Session>,
    pub zoom: ZoomClient,
}

pub async fn sim(seed: Seed, plan: RatePlan) -> SimHandle {
    sim_at(seed, plan, None).await
}

/// A sim whose clock starts at `at` (the demo seed is placed around it).
pub async fn sim_at(
    seed: Seed,
    plan: RatePlan,
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> SimHandle {
    Sim::start(SimConfig {
        seed,
        rate_plan: plan,
        timezone: "Europe/Madrid".into(),
        start_at: at,
        ..SimConfig::default()
    })
    .await
    .unwrap()
}

pub fn settings_for(sim: &SimHandle) -> Settings {
    Settings {
        client_id: Some(zoom_sim::PUBLIC_CLIENT_ID.into()),
        oauth_base: sim.base_url(),
        api_base: format!("{}/v2", sim.base_url()),
        ..Settings::default()
    }
}

/// A signed-out session for `settings` whose tokens live in memory.
pub fn memory_session(settings: &Settings) -> Session {
    Session::new(
        OAuthClient::new(settings).unwrap(),
        Box::new(MemoryVault::default()),
    )
}

/// Signs `session` in through the consent page and gives a client on it at `rate` a second.
pub async fn sign_in_client(
    settings: &Settings,
    session: Session,
    rate: u32,
) -> (Arc<Session>, ZoomClient) {
    let session = Arc::new(session);
    session
        .sign_in(&TestBrowser(Decision::Approve), std::future::pending())
        .await
        .unwrap();
    let zoom = ZoomClient::new(
        &settings.api_base,
        session.clone(),
        RateLimiter::per_second(rate),
    )
    .unwrap();
    (session, zoom)
}

/// A signed-in core against a fresh sim.
pub async fn signed_in(seed: Seed, plan: RatePlan, rate: u32) -> Env {
    signed_in_at(seed, plan, rate, None).await
}

/// [`signed_in`] with the sim clock starting at `at`.
pub async fn signed_in_at(
    seed: Seed,
    plan: RatePlan,
    rate: u32,
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> Env {
    let sim = sim_at(seed, plan, at).await;
    let settings = settings_for(&sim);
    let (session, zoom) = sign_in_client(&settings, memory_session(&settings), rate).await;
    Env {
        sim,
        settings,
        session,
        zoom,
    }
}

/// How many requests the sim saw for `method path`.
pub fn count(sim: &SimHandle, method: &str, path: &str) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.method == method && r.path == path)
        .count()
}

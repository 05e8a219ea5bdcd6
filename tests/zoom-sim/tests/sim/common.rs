//! Shared helpers: start a sim, call it with a bearer token, run the OAuth dance.

use base64::Engine;
use reqwest::{Client, Response};
use serde_json::Value;
use sha2::{Digest, Sha256};
use zoom_sim::{Seed, Sim, SimConfig, SimHandle};

pub struct Env {
    pub sim: SimHandle,
    pub http: Client,
    pub base: String,
    pub token: String,
}

pub fn http() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// An empty sim whose tokens outlive the clock jumps tests make.
pub fn empty() -> SimConfig {
    SimConfig {
        seed: Seed::Empty,
        token_ttl_secs: 10 * 366 * 24 * 3600,
        ..SimConfig::default()
    }
}

pub async fn start(config: SimConfig) -> Env {
    let sim = Sim::start(config).await.unwrap();
    let token = sim.issue_token(None).access_token;
    Env {
        base: sim.base_url(),
        sim,
        http: http(),
        token,
    }
}

impl Env {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.http
            .get(self.url(path))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    pub async fn get_with(&self, path: &str, token: &str) -> Response {
        self.http
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.http
            .post(self.url(path))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Response {
        self.http
            .patch(self.url(path))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.http
            .delete(self.url(path))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    /// Creates a meeting and returns the 201 body.
    pub async fn create(&self, body: Value) -> Value {
        let resp = self.post("/v2/users/me/meetings", &body).await;
        let status = resp.status();
        let v: Value = resp.json().await.unwrap();
        assert_eq!(status, 201, "create failed: {v}");
        v
    }

    pub async fn meeting(&self, id: i64, query: &str) -> Value {
        let resp = self.get(&format!("/v2/meetings/{id}{query}")).await;
        assert_eq!(resp.status(), 200);
        resp.json().await.unwrap()
    }

    /// Runs authorize (auto-approve) and returns the redirect `Location`.
    pub async fn authorize(&self, params: &[(&str, &str)]) -> Response {
        self.http
            .get(self.url("/oauth/authorize"))
            .query(params)
            .send()
            .await
            .unwrap()
    }

    pub async fn token_request(
        &self,
        form: &[(&str, &str)],
        basic: Option<(&str, &str)>,
    ) -> Response {
        let mut req = self.http.post(self.url("/oauth/token")).form(form);
        if let Some((id, secret)) = basic {
            req = req.basic_auth(id, Some(secret));
        }
        req.send().await.unwrap()
    }
}

pub fn pkce() -> (String, String) {
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk_zoomdesk_test".to_string();
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(Sha256::digest(verifier.as_bytes()));
    (verifier, challenge)
}

pub fn location(resp: &Response) -> String {
    resp.headers()
        .get("location")
        .expect("a Location header")
        .to_str()
        .unwrap()
        .to_string()
}

pub fn query_param(url: &str, key: &str) -> Option<String> {
    let u = url::Url::parse(url).unwrap();
    u.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

pub async fn json(resp: Response) -> Value {
    resp.json().await.unwrap()
}

/// Asserts a Zoom error: status and code.
pub async fn assert_zoom_error(resp: Response, status: u16, code: i64) -> Value {
    assert_eq!(resp.status().as_u16(), status);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["code"], code, "body: {v}");
    assert!(v["message"].is_string(), "body: {v}");
    v
}

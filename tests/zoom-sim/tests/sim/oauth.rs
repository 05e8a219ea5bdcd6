//! OAuth: PKCE, code reuse and expiry, refresh rotation, loopback redirects, client auth, revoke, scopes.

use crate::common::*;
use serde_json::Value;
use zoom_sim::{SimConfig, CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, PUBLIC_CLIENT_ID};

const REDIRECT: &str = "http://127.0.0.1:53682/callback";

fn auto() -> SimConfig {
    SimConfig {
        auto_approve: true,
        token_ttl_secs: 3600,
        ..empty()
    }
}

async fn code_for(env: &Env, redirect: &str, challenge: &str, method: Option<&str>) -> String {
    let mut params = vec![
        ("response_type", "code"),
        ("client_id", PUBLIC_CLIENT_ID),
        ("redirect_uri", redirect),
        ("state", "xyz"),
        ("code_challenge", challenge),
    ];
    if let Some(m) = method {
        params.push(("code_challenge_method", m));
    }
    let resp = env.authorize(&params).await;
    assert_eq!(resp.status(), 302);
    let loc = location(&resp);
    assert!(loc.starts_with(redirect), "{loc}");
    assert_eq!(query_param(&loc, "state").as_deref(), Some("xyz"));
    query_param(&loc, "code").unwrap()
}

async fn exchange(env: &Env, code: &str, redirect: &str, verifier: &str) -> reqwest::Response {
    env.token_request(
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect),
            ("client_id", PUBLIC_CLIENT_ID),
            ("code_verifier", verifier),
        ],
        None,
    )
    .await
}

async fn refresh(env: &Env, token: &str) -> reqwest::Response {
    env.token_request(
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", token),
            ("client_id", PUBLIC_CLIENT_ID),
        ],
        None,
    )
    .await
}

async fn sign_in(env: &Env) -> Value {
    let (verifier, challenge) = pkce();
    let code = code_for(env, REDIRECT, &challenge, Some("S256")).await;
    let resp = exchange(env, &code, REDIRECT, &verifier).await;
    assert_eq!(resp.status(), 200);
    json(resp).await
}

#[tokio::test]
async fn pkce_s256_code_exchange_gives_working_tokens() {
    let env = start(auto()).await;
    let tokens = sign_in(&env).await;
    assert_eq!(tokens["token_type"], "bearer");
    assert_eq!(tokens["expires_in"], 3600);
    assert!(tokens["scope"]
        .as_str()
        .unwrap()
        .contains("meeting:read:meeting"));
    let access = tokens["access_token"].as_str().unwrap();
    let me = env.get_with("/v2/users/me", access).await;
    assert_eq!(me.status(), 200);
    let me = json(me).await;
    assert_eq!(me["type"], 2);
    assert!(me["pmi"].is_i64());
}

#[tokio::test]
async fn wrong_pkce_verifier_is_invalid_grant() {
    let env = start(auto()).await;
    let (_, challenge) = pkce();
    let code = code_for(&env, REDIRECT, &challenge, Some("S256")).await;
    let resp = exchange(
        &env,
        &code,
        REDIRECT,
        "not-the-verifier-not-the-verifier-not-the-verifier",
    )
    .await;
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp).await["error"], "invalid_grant");
}

#[tokio::test]
async fn plain_pkce_applies_when_method_omitted() {
    let env = start(auto()).await;
    let verifier = "plain-verifier-plain-verifier-plain-verifier-0123";
    let code = code_for(&env, REDIRECT, verifier, None).await;
    // The S256 transform of the verifier must not match a plain challenge.
    let (v2, _) = pkce();
    let bad = exchange(&env, &code, REDIRECT, &v2).await;
    assert_eq!(bad.status(), 400);
    let code = code_for(&env, REDIRECT, verifier, None).await;
    assert_eq!(
        exchange(&env, &code, REDIRECT, verifier).await.status(),
        200
    );
}

#[tokio::test]
async fn public_client_without_challenge_is_refused() {
    let env = start(auto()).await;
    let resp = env
        .authorize(&[
            ("response_type", "code"),
            ("client_id", PUBLIC_CLIENT_ID),
            ("redirect_uri", REDIRECT),
            ("state", "s1"),
        ])
        .await;
    assert_eq!(resp.status(), 302);
    let loc = location(&resp);
    assert_eq!(
        query_param(&loc, "error").as_deref(),
        Some("invalid_request")
    );
    assert_eq!(query_param(&loc, "state").as_deref(), Some("s1"));
    assert!(query_param(&loc, "code").is_none());
}

#[tokio::test]
async fn code_is_single_use() {
    let env = start(auto()).await;
    let (verifier, challenge) = pkce();
    let code = code_for(&env, REDIRECT, &challenge, Some("S256")).await;
    assert_eq!(
        exchange(&env, &code, REDIRECT, &verifier).await.status(),
        200
    );
    let again = exchange(&env, &code, REDIRECT, &verifier).await;
    assert_eq!(again.status(), 400);
    assert_eq!(json(again).await["error"], "invalid_grant");
}

#[tokio::test]
async fn code_expires_after_five_minutes() {
    let env = start(auto()).await;
    let (verifier, challenge) = pkce();
    let code = code_for(&env, REDIRECT, &challenge, Some("S256")).await;
    env.sim.advance(chrono::Duration::seconds(301));
    let resp = exchange(&env, &code, REDIRECT, &verifier).await;
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp).await["error"], "invalid_grant");
}

#[tokio::test]
async fn refresh_rotates_and_the_old_refresh_token_stops_working() {
    let env = start(auto()).await;
    let first = sign_in(&env).await;
    let old_refresh = first["refresh_token"].as_str().unwrap();
    let resp = refresh(&env, old_refresh).await;
    assert_eq!(resp.status(), 200);
    let second = json(resp).await;
    let new_refresh = second["refresh_token"].as_str().unwrap();
    assert_ne!(new_refresh, old_refresh);
    let reused = refresh(&env, old_refresh).await;
    assert_eq!(reused.status(), 400);
    let body = json(reused).await;
    assert_eq!(body["error"], "invalid_grant");
    assert_eq!(body["reason"], "Invalid Token!");
    let access = second["access_token"].as_str().unwrap();
    assert_eq!(env.get_with("/v2/users/me", access).await.status(), 200);
    assert_eq!(refresh(&env, new_refresh).await.status(), 200);
}

#[tokio::test]
async fn loopback_redirect_accepts_any_port_and_refuses_others() {
    let env = start(auto()).await;
    let (verifier, challenge) = pkce();
    for redirect in [
        "http://127.0.0.1:1234/cb",
        "http://127.0.0.1:61000/oauth/done",
    ] {
        let code = code_for(&env, redirect, &challenge, Some("S256")).await;
        assert_eq!(
            exchange(&env, &code, redirect, &verifier).await.status(),
            200
        );
    }
    for redirect in [
        "http://localhost:1234/cb",
        "https://example.com/cb",
        "zoomdesk://oauth",
        "http://127.0.0.2:1234/cb",
    ] {
        let resp = env
            .authorize(&[
                ("response_type", "code"),
                ("client_id", PUBLIC_CLIENT_ID),
                ("redirect_uri", redirect),
                ("code_challenge", &challenge),
                ("code_challenge_method", "S256"),
            ])
            .await;
        assert_eq!(resp.status(), 400, "{redirect} should be refused");
        assert!(resp.text().await.unwrap().contains("4709"));
    }
}

#[tokio::test]
async fn token_redirect_uri_must_equal_the_authorize_one() {
    let env = start(auto()).await;
    let (verifier, challenge) = pkce();
    let code = code_for(&env, REDIRECT, &challenge, Some("S256")).await;
    let resp = exchange(&env, &code, "http://127.0.0.1:53683/callback", &verifier).await;
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp).await["error"], "invalid_grant");
}

#[tokio::test]
async fn confidential_client_uses_basic_auth() {
    let env = start(auto()).await;
    let resp = env
        .authorize(&[
            ("response_type", "code"),
            ("client_id", CONFIDENTIAL_CLIENT_ID),
            ("redirect_uri", REDIRECT),
        ])
        .await;
    let code = query_param(&location(&resp), "code").unwrap();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    let wrong = env
        .token_request(&form, Some((CONFIDENTIAL_CLIENT_ID, "nope")))
        .await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(json(wrong).await["error"], "invalid_client");
    let in_body = env
        .token_request(
            &[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", REDIRECT),
                ("client_id", CONFIDENTIAL_CLIENT_ID),
            ],
            None,
        )
        .await;
    assert_eq!(in_body.status(), 401);
    let ok = env
        .token_request(
            &form,
            Some((CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET)),
        )
        .await;
    assert_eq!(ok.status(), 200);
}

#[tokio::test]
async fn access_token_expires_by_the_sim_clock() {
    let env = start(SimConfig {
        token_ttl_secs: 60,
        ..auto()
    })
    .await;
    let tokens = sign_in(&env).await;
    assert_eq!(tokens["expires_in"], 60);
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(env.get_with("/v2/users/me", access).await.status(), 200);
    env.sim.advance(chrono::Duration::seconds(61));
    let body = assert_zoom_error(env.get_with("/v2/users/me", access).await, 401, 124).await;
    assert!(body["message"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn revoke_ends_the_grant() {
    let env = start(auto()).await;
    let tokens = sign_in(&env).await;
    let resp = env
        .http
        .post(env.url("/oauth/revoke"))
        .form(&[
            ("token", tokens["refresh_token"].as_str().unwrap()),
            ("client_id", PUBLIC_CLIENT_ID),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(json(resp).await["status"], "success");
    let access = tokens["access_token"].as_str().unwrap();
    assert_zoom_error(env.get_with("/v2/users/me", access).await, 401, 124).await;
    let r = refresh(&env, tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn reauthorizing_revokes_the_earlier_tokens() {
    let env = start(auto()).await;
    let first = sign_in(&env).await;
    let _second = sign_in(&env).await;
    let r = refresh(&env, first["refresh_token"].as_str().unwrap()).await;
    assert_eq!(r.status(), 400);
    assert_eq!(json(r).await["error"], "invalid_grant");
}

#[tokio::test]
async fn consent_page_authorizes_or_denies() {
    let env = start(empty()).await;
    let (_, challenge) = pkce();
    let params = [
        ("response_type", "code"),
        ("client_id", PUBLIC_CLIENT_ID),
        ("redirect_uri", REDIRECT),
        ("state", "st8"),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    let page = env.authorize(&params).await;
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'none'"));
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Authorize")
            && html.contains("Deny")
            && html.contains("dana.demo@zoomdesk.test")
    );
    assert!(!html.contains("<script"));
    let mut form: Vec<(&str, &str)> = params.to_vec();
    form.push(("decision", "deny"));
    let denied = env
        .http
        .post(env.url("/oauth/authorize"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(denied.status(), 302);
    let loc = location(&denied);
    assert_eq!(query_param(&loc, "error").as_deref(), Some("access_denied"));
    assert_eq!(query_param(&loc, "state").as_deref(), Some("st8"));
    form.pop();
    form.push(("decision", "approve"));
    let approved = env
        .http
        .post(env.url("/oauth/authorize"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(approved.status(), 302);
    assert!(query_param(&location(&approved), "code").is_some());
    let css = env
        .http
        .get(env.url("/oauth/consent.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(css.status(), 200);
}

#[tokio::test]
async fn token_in_query_string_is_refused() {
    let env = start(empty()).await;
    let resp = env
        .http
        .get(env.url(&format!("/v2/users/me?access_token={}", env.token)))
        .send()
        .await
        .unwrap();
    assert_zoom_error(resp, 401, 124).await;
    let with_both = env
        .get(&format!("/v2/users/me?access_token={}", env.token))
        .await;
    assert_zoom_error(with_both, 401, 124).await;
    let missing = env.http.get(env.url("/v2/users/me")).send().await.unwrap();
    assert_zoom_error(missing, 401, 124).await;
}

#[tokio::test]
async fn missing_scope_is_4700() {
    let env = start(empty()).await;
    let narrow = env.sim.issue_token(Some(&["user:read:user"])).access_token;
    assert_eq!(env.get_with("/v2/users/me", &narrow).await.status(), 200);
    let body = assert_zoom_error(
        env.get_with("/v2/users/me/meetings", &narrow).await,
        403,
        4700,
    )
    .await;
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("meeting:read:list_meetings"));
    let classic = env.sim.issue_token(Some(&["meeting:read"])).access_token;
    assert_eq!(
        env.get_with("/v2/users/me/meetings", &classic)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn unsupported_grant_type() {
    let env = start(empty()).await;
    let resp = env
        .token_request(
            &[("grant_type", "password"), ("client_id", PUBLIC_CLIENT_ID)],
            None,
        )
        .await;
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp).await["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn tokens_are_shaped_and_sized_like_zooms() {
    let env = start(auto()).await;
    let a = env.sim.issue_token(None);
    let b = env.sim.issue_token(None);
    for t in [&a.access_token, &a.refresh_token, &b.access_token] {
        assert!(t.starts_with("eyJ"), "JWT-shaped: {}", &t[..10]);
        assert_eq!(t.split('.').count(), 3, "header.payload.signature");
        assert!(
            (700..=1000).contains(&t.len()),
            "as long as Zoom's: {}",
            t.len()
        );
    }
    assert_ne!(a.access_token, b.access_token);
    assert_ne!(a.refresh_token, a.access_token);
}

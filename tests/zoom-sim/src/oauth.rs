//! `/oauth/token` (authorization code + PKCE, rotating refresh tokens) and `/oauth/revoke`.

use crate::errors::OAuthError;
use crate::state::{random_token, AccessToken, Grant, Shared, State as SimState};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use chrono::Duration;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;

/// How long an authorization code lives.
const CODE_TTL_MINUTES: i64 = 5;

/// Identifies the client: HTTP Basic for a confidential client, `client_id` in the body for a public one.
fn client_auth(
    st: &SimState,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Result<String, OAuthError> {
    if let Some(basic) = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Basic "))
    {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(basic.trim())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or_else(OAuthError::invalid_client)?;
        let (id, secret) = decoded
            .split_once(':')
            .ok_or_else(OAuthError::invalid_client)?;
        return st
            .clients
            .iter()
            .find(|c| c.id == id && c.secret == Some(secret))
            .map(|c| c.id.to_string())
            .ok_or_else(OAuthError::invalid_client);
    }
    let id = form
        .get("client_id")
        .ok_or_else(OAuthError::invalid_client)?;
    st.clients
        .iter()
        .find(|c| c.id == id && c.secret.is_none())
        .map(|c| c.id.to_string())
        .ok_or_else(OAuthError::invalid_client)
}

fn pkce_ok(challenge: &(String, String), verifier: Option<&String>) -> bool {
    let Some(verifier) = verifier else {
        return false;
    };
    match challenge.1.as_str() {
        "S256" => {
            let digest = Sha256::digest(verifier.as_bytes());
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest) == challenge.0
        }
        _ => verifier == &challenge.0,
    }
}

/// Issues an access/refresh pair for a grant and returns the token response body.
pub(crate) fn issue_tokens(shared: &Shared, st: &mut SimState, grant_id: u64) -> serde_json::Value {
    let mut rng = rand::rng();
    let ttl = shared.config.token_ttl_secs;
    let now = shared.now();
    let access = jwt_shaped(&mut rng, "access", now.timestamp(), ttl as i64);
    let refresh = jwt_shaped(&mut rng, "refresh", now.timestamp(), 90 * 24 * 3600);
    st.access.insert(
        access.clone(),
        AccessToken {
            grant: grant_id,
            expires_at: shared.now() + Duration::seconds(ttl as i64),
        },
    );
    st.refresh.insert(refresh.clone(), grant_id);
    let scope = match st.grants.get_mut(&grant_id) {
        Some(g) => {
            g.current_refresh = refresh.clone();
            g.scopes.join(" ")
        }
        None => String::new(),
    };
    json!({
        "access_token": access,
        "token_type": "bearer",
        "refresh_token": refresh,
        "expires_in": ttl,
        "scope": scope,
        "api_url": shared.base_url,
    })
}

/// A token shaped and sized like Zoom's (a signed JWT of about 700 to 1,000 characters), so
/// every test meets tokens as long as the real ones: what holds them (a keychain entry, a
/// header, a log line) must cope.
fn jwt_shaped(rng: &mut impl rand::Rng, kind: &str, iat: i64, ttl: i64) -> String {
    use base64::Engine;
    let b64 = |v: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string().as_bytes())
    };
    let header = b64(json!({"alg": "HS512", "v": "2.0", "kid": random_token(rng, 36)}));
    let payload = b64(json!({
        "ver": 10,
        "auid": random_token(rng, 64),
        "uid": random_token(rng, 22),
        "nbf": iat,
        "code": random_token(rng, 34),
        "iss": format!("zm:cid:{}", random_token(rng, 22)),
        "gno": 0,
        "type": if kind == "access" { 0 } else { 1 },
        "tid": 0,
        "aud": "https://oauth.zoom.us",
        "aid": random_token(rng, 22),
        "sid": random_token(rng, 48),
        "exp": iat + ttl,
        "iat": iat,
        "jti": random_token(rng, 36),
        "kind": kind,
    }));
    let signature = random_token(rng, 86);
    format!("{header}.{payload}.{signature}")
}

/// Opens a new grant for the user and client; earlier grants of the pair are revoked (as Zoom does on re-authorization).
pub(crate) fn new_grant(
    st: &mut SimState,
    client_id: &str,
    user_id: &str,
    scopes: Vec<String>,
) -> u64 {
    for g in st.grants.values_mut() {
        if g.client_id == client_id && g.user_id == user_id {
            g.revoked = true;
        }
    }
    open_grant(st, client_id, user_id, scopes)
}

/// Opens a grant without touching earlier ones (tokens minted by the test controls).
pub(crate) fn open_grant(
    st: &mut SimState,
    client_id: &str,
    user_id: &str,
    scopes: Vec<String>,
) -> u64 {
    let id = st.next_grant;
    st.next_grant += 1;
    st.grants.insert(
        id,
        Grant {
            client_id: client_id.to_string(),
            user_id: user_id.to_string(),
            scopes,
            revoked: false,
            current_refresh: String::new(),
        },
    );
    id
}

/// `POST /oauth/token`: authorization_code and refresh_token grants.
pub(crate) async fn token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let mut st = shared.lock();
    match token_inner(&shared, &mut st, &headers, &form) {
        Ok(v) => {
            let mut resp = Json(v).into_response();
            resp.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            resp
        }
        Err(e) => e.into_response(),
    }
}

fn token_inner(
    shared: &Shared,
    st: &mut SimState,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Result<serde_json::Value, OAuthError> {
    let grant_type = form
        .get("grant_type")
        .ok_or_else(|| OAuthError::invalid_request("Missing grant_type"))?;
    let client_id = client_auth(st, headers, form)?;
    let now = shared.now();
    match grant_type.as_str() {
        "authorization_code" => {
            let code_value = form.get("code").cloned().unwrap_or_default();
            let code = st
                .codes
                .get_mut(&code_value)
                .filter(|c| c.client_id == client_id)
                .ok_or_else(|| OAuthError::invalid_grant("Invalid authorization code"))?;
            if code.used {
                return Err(OAuthError::invalid_grant("Invalid authorization code"));
            }
            code.used = true;
            if now - code.issued_at > Duration::minutes(CODE_TTL_MINUTES) {
                return Err(OAuthError::invalid_grant("Authorization code has expired"));
            }
            if form.get("redirect_uri") != Some(&code.redirect_uri) {
                return Err(OAuthError::invalid_grant("Redirect URI mismatch."));
            }
            if let Some(challenge) = &code.challenge {
                if !pkce_ok(challenge, form.get("code_verifier")) {
                    return Err(OAuthError::invalid_grant("Invalid code verifier"));
                }
            }
            let (user_id, scopes) = (code.user_id.clone(), code.scopes.clone());
            let grant = new_grant(st, &client_id, &user_id, scopes);
            Ok(issue_tokens(shared, st, grant))
        }
        "refresh_token" => {
            let presented = form.get("refresh_token").cloned().unwrap_or_default();
            let grant_id = *st
                .refresh
                .get(&presented)
                .ok_or_else(|| OAuthError::invalid_grant("Invalid Token!"))?;
            let grant = st
                .grants
                .get(&grant_id)
                .filter(|g| g.client_id == client_id)
                .ok_or_else(|| OAuthError::invalid_grant("Invalid Token!"))?;
            if grant.revoked {
                return Err(OAuthError::invalid_grant("Token has been revoked (4741)"));
            }
            if grant.current_refresh != presented {
                return Err(OAuthError::invalid_grant("Invalid Token!"));
            }
            Ok(issue_tokens(shared, st, grant_id))
        }
        _ => Err(OAuthError::unsupported_grant()),
    }
}

/// `POST /oauth/revoke`: revokes the grant behind an access or refresh token.
pub(crate) async fn revoke(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let mut st = shared.lock();
    let client_id = match client_auth(&st, &headers, &form) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let Some(token) = form.get("token") else {
        return OAuthError::invalid_request("Missing token").into_response();
    };
    let grant_id = st
        .access
        .get(token)
        .map(|a| a.grant)
        .or_else(|| st.refresh.get(token).copied());
    if let Some(g) = grant_id.and_then(|id| st.grants.get_mut(&id)) {
        if g.client_id == client_id {
            g.revoked = true;
        }
    }
    Json(json!({ "status": "success" })).into_response()
}

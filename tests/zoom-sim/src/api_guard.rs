//! The gate in front of `/v2`: bearer-token authentication, scopes and rate limits.

use crate::errors::ApiError;
use crate::limits::classify;
use crate::state::{Shared, State as SimState};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Who is calling, from the access token.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    pub user_id: String,
    pub scopes: Vec<String>,
}

impl Caller {
    /// Succeeds when the token holds any of `accepted` (the granular scope first, then its classic form).
    pub(crate) fn require(&self, accepted: &[&str]) -> Result<(), ApiError> {
        if accepted
            .iter()
            .any(|s| self.scopes.iter().any(|have| have == s))
        {
            Ok(())
        } else {
            Err(ApiError::missing_scope(accepted))
        }
    }
}

/// True when the query string carries an access token (refused since 2023).
pub(crate) fn token_in_query(query: Option<&str>) -> bool {
    query.is_some_and(|q| {
        url::form_urlencoded::parse(q.as_bytes()).any(|(k, _)| k == "access_token" || k == "token")
    })
}

/// Checks `Authorization: Bearer` against the issued tokens.
pub(crate) fn authenticate(
    state: &SimState,
    headers: &HeaderMap,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Caller, ApiError> {
    let header = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .ok_or_else(|| ApiError::invalid_token("Invalid access token."))?;
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .map(str::trim)
        .ok_or_else(|| ApiError::invalid_token("Invalid access token."))?;
    let access = state
        .access
        .get(token)
        .ok_or_else(|| ApiError::invalid_token("Invalid access token."))?;
    let grant = state
        .grants
        .get(&access.grant)
        .filter(|g| !g.revoked)
        .ok_or_else(|| ApiError::invalid_token("Invalid access token."))?;
    if now >= access.expires_at {
        return Err(ApiError::invalid_token("Access token is expired."));
    }
    Ok(Caller {
        user_id: grant.user_id.clone(),
        scopes: grant.scopes.clone(),
    })
}

/// Middleware for every `/v2` route.
pub(crate) async fn guard(
    State(shared): State<Arc<Shared>>,
    mut req: Request,
    next: Next,
) -> Response {
    if token_in_query(req.uri().query()) {
        return ApiError::invalid_token("Invalid access token.").into_response();
    }
    let now = shared.now();
    let path = req.uri().path().to_string();
    let path = path.strip_prefix("/v2").unwrap_or(&path);
    let class = classify(req.method(), path);
    let caller = {
        let mut st = shared.lock();
        let caller = match authenticate(&st, req.headers(), now) {
            Ok(c) => c,
            Err(e) => return e.into_response(),
        };
        if let Err(e) = st
            .limits
            .check(shared.config.rate_plan, now, &caller.user_id, &class)
        {
            return e.into_response();
        }
        caller
    };
    req.extensions_mut().insert(caller);
    let mut resp = next.run(req).await;
    resp.headers_mut().insert(
        "x-ratelimit-category",
        HeaderValue::from_static(class.category.as_str()),
    );
    resp
}

/// Resolves the `{userId}` path parameter: `me`, the user's id or email.
pub(crate) fn check_user(state: &SimState, caller: &Caller, user_id: &str) -> Result<(), ApiError> {
    let u = &state.user;
    let matches = user_id == "me" || user_id == u.id || user_id.eq_ignore_ascii_case(&u.email);
    if matches && caller.user_id == u.id {
        Ok(())
    } else {
        Err(ApiError::user_not_found(user_id))
    }
}

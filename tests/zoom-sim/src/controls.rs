//! Test controls (not part of Zoom): clock, faults, recordings, reset, request log, tokens, limits.

use crate::config::Seed;
use crate::faults::Fault;
use crate::limits::Category;
use crate::oauth::{issue_tokens, open_grant};
use crate::recordings::make_recording;
use crate::request_log::LoggedRequest;
use crate::seed::seed_demo;
use crate::state::{Shared, ALL_SCOPES};
use crate::timefmt::zulu;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

impl Shared {
    /// Clears meetings, recordings, counters, faults and the log, then seeds again. OAuth grants stay.
    pub(crate) fn reset(&self, seed: Seed) {
        let now = self.now();
        let mut st = self.lock();
        st.meetings.clear();
        st.deleted_meetings.clear();
        st.recordings.clear();
        st.page_tokens.clear();
        st.limits.clear_counters();
        st.limits.daily_override.clear();
        st.faults.clear();
        st.log.clear();
        if seed == Seed::Demo {
            seed_demo(&mut st, now);
        }
    }

    /// Adds a just-completed recording (for a stored meeting, or an ad-hoc one) and returns it as listed.
    pub(crate) fn complete_recording(
        &self,
        meeting_id: Option<i64>,
        topic: Option<String>,
    ) -> Value {
        let now = self.now();
        let mut st = self.lock();
        let stored = meeting_id.and_then(|id| st.meetings.get(&id).cloned());
        let (id, topic, kind, duration, zone) = match stored {
            Some(m) => (
                m.id,
                topic.unwrap_or(m.topic),
                m.kind,
                m.duration.clamp(1, 120),
                m.timezone,
            ),
            None => {
                let id = match meeting_id {
                    Some(id) => id,
                    None => st.new_meeting_id(),
                };
                (
                    id,
                    topic.unwrap_or_else(|| "Ad-hoc meeting".to_string()),
                    2,
                    30,
                    st.user.timezone.clone(),
                )
            }
        };
        let rec = make_recording(
            &mut st,
            id,
            &topic,
            kind,
            now - Duration::minutes(duration),
            duration,
            &zone,
        );
        let v = rec.to_json(&st, &self.base_url);
        st.recordings.push(rec);
        v
    }

    /// Issues a token pair for the demo user without the OAuth dance.
    pub(crate) fn mint_token(&self, client_id: &str, scopes: Option<Vec<String>>) -> Value {
        let mut st = self.lock();
        let scopes = scopes.unwrap_or_else(|| ALL_SCOPES.iter().map(|s| s.to_string()).collect());
        let user = st.user.id.clone();
        // Minted grants revoke nothing: not the app's sign-ins, not each other.
        let grant = open_grant(&mut st, client_id, &user, scopes);
        issue_tokens(self, &mut st, grant)
    }
}

#[derive(Deserialize)]
struct ClockBody {
    now: Option<DateTime<Utc>>,
    advance_seconds: Option<i64>,
    frozen: Option<bool>,
}

fn clock_json(shared: &Shared) -> Json<Value> {
    Json(json!({ "now": zulu(shared.now()), "frozen": shared.clock.is_frozen() }))
}

async fn get_clock(State(shared): State<Arc<Shared>>) -> Json<Value> {
    clock_json(&shared)
}

async fn set_clock(State(shared): State<Arc<Shared>>, Json(body): Json<ClockBody>) -> Json<Value> {
    if let Some(f) = body.frozen {
        shared.clock.freeze(f);
    }
    if let Some(t) = body.now {
        shared.clock.set(t);
    }
    if let Some(s) = body.advance_seconds {
        shared.clock.advance(Duration::seconds(s));
    }
    clock_json(&shared)
}

async fn list_faults(State(shared): State<Arc<Shared>>) -> Json<Vec<Fault>> {
    Json(shared.lock().faults.clone())
}

async fn add_fault(State(shared): State<Arc<Shared>>, Json(fault): Json<Fault>) -> StatusCode {
    shared.lock().faults.push(fault);
    StatusCode::NO_CONTENT
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.lock().faults.clear();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize, Default)]
struct RecordingBody {
    meeting_id: Option<i64>,
    topic: Option<String>,
}

async fn add_recording(
    State(shared): State<Arc<Shared>>,
    body: Option<Json<RecordingBody>>,
) -> Response {
    let body = body.map(|Json(b)| b).unwrap_or_default();
    (
        StatusCode::CREATED,
        Json(shared.complete_recording(body.meeting_id, body.topic)),
    )
        .into_response()
}

#[derive(Deserialize, Default)]
struct ResetBody {
    seed: Option<String>,
}

async fn reset(State(shared): State<Arc<Shared>>, body: Option<Json<ResetBody>>) -> Response {
    let seed = match body.and_then(|Json(b)| b.seed) {
        None => shared.config.seed,
        Some(s) => match s.parse::<Seed>() {
            Ok(seed) => seed,
            Err(e) => {
                return (StatusCode::BAD_REQUEST, Json(json!({ "error": e }))).into_response()
            }
        },
    };
    shared.reset(seed);
    StatusCode::NO_CONTENT.into_response()
}

async fn get_requests(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<HashMap<String, String>>,
) -> Json<Vec<LoggedRequest>> {
    let prefix = q.get("path_prefix").cloned().unwrap_or_default();
    Json(
        shared
            .lock()
            .log
            .iter()
            .filter(|r| r.path.starts_with(&prefix))
            .cloned()
            .collect(),
    )
}

async fn clear_requests(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.lock().log.clear();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize, Default)]
struct TokenBody {
    scopes: Option<Vec<String>>,
}

async fn mint(State(shared): State<Arc<Shared>>, body: Option<Json<TokenBody>>) -> Json<Value> {
    let scopes = body.and_then(|Json(b)| b.scopes);
    Json(shared.mint_token("zoom-sim-test", scopes))
}

#[derive(Deserialize)]
struct LimitBody {
    category: Category,
    daily: Option<u32>,
}

async fn set_limit(State(shared): State<Arc<Shared>>, Json(body): Json<LimitBody>) -> StatusCode {
    let mut st = shared.lock();
    match body.daily {
        Some(n) => st.limits.daily_override.insert(body.category, n),
        None => st.limits.daily_override.remove(&body.category),
    };
    StatusCode::NO_CONTENT
}

/// The `/_sim` routes.
pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/clock", get(get_clock).post(set_clock))
        .route(
            "/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/recordings", post(add_recording))
        .route("/reset", post(reset))
        .route("/requests", get(get_requests).delete(clear_requests))
        .route("/tokens", post(mint))
        .route("/limits", post(set_limit))
}

/// `/rec/play/{id}` and `/rec/share/{id}`: stand-ins for Zoom's web player.
pub(crate) async fn player_page(Path(id): Path<String>) -> Response {
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Recording - zoom-sim</title>\
         <link rel=\"stylesheet\" href=\"/oauth/consent.css\"></head><body><main class=\"card\"><p class=\"brand\">zoom-sim</p>\
         <h1>Recording {id}</h1><p class=\"user\">On the real Zoom, this is the web player. Download the file through its download_url instead.</p></main></body></html>"
    ))
    .into_response()
}

/// `/s/{id}?zak=`: the host's start link; like Zoom's, it stops working 2 hours after it was issued.
pub(crate) async fn start_page(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let now = shared.now();
    let valid = {
        let st = shared.lock();
        q.get("zak")
            .and_then(|z| st.zaks.get(z))
            .is_some_and(|(m, issued)| m.to_string() == id && now - *issued < Duration::hours(2))
    };
    if !valid {
        let body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in - zoom-sim</title>\
            <link rel=\"stylesheet\" href=\"/oauth/consent.css\"></head><body><main class=\"card\"><p class=\"brand\">zoom-sim</p>\
            <h1>This start link has expired</h1><p class=\"user\">Start links work for 2 hours. Fetch the meeting again for a fresh one, or sign in.</p></main></body></html>";
        return (StatusCode::UNAUTHORIZED, Html(body)).into_response();
    }
    launch_page(Path(id)).await
}

/// `/j/{id}`: where the real Zoom would hand over to the desktop client.
pub(crate) async fn launch_page(Path(id): Path<String>) -> Response {
    let id: String = id.chars().filter(char::is_ascii_digit).collect();
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Meeting {id} - zoom-sim</title>\
         <link rel=\"stylesheet\" href=\"/oauth/consent.css\"></head><body><main class=\"card\"><p class=\"brand\">zoom-sim</p>\
         <h1>Meeting {id}</h1><p class=\"user\">On the real Zoom, this page opens the Zoom client. The simulator stops here.</p></main></body></html>"
    ))
    .into_response()
}

//! Meeting endpoints: create, list, upcoming, get, update, delete.

use crate::api_guard::{check_user, Caller};
use crate::errors::{ApiError, FieldError};
use crate::meeting_model::{default_settings, Meeting, Occurrence, OccurrenceOverride, Render};
use crate::state::{Shared, State as SimState};
use crate::timefmt::{parse_start_time, parse_zone};
use crate::validate::{parse_meeting, MeetingInput};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

type Params = Query<HashMap<String, String>>;

const READ_MEETING: &[&str] = &["meeting:read:meeting", "meeting:read"];
const WRITE_MEETING: &[&str] = &["meeting:write:meeting", "meeting:write"];
const UPDATE_MEETING: &[&str] = &["meeting:update:meeting", "meeting:write"];
const DELETE_MEETING: &[&str] = &["meeting:delete:meeting", "meeting:write"];
/// Scopes for the invitation endpoint.
pub(crate) const READ_INVITATION: &[&str] = &["meeting:read:invitation", "meeting:read"];

fn json_body(body: &Bytes) -> Result<Value, ApiError> {
    if body.is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    serde_json::from_slice(body)
        .map_err(|_| ApiError::bad_request("Request Body should be a valid JSON object."))
}

/// Finds a meeting by number (or instance UUID).
pub(crate) fn find_meeting<'a>(
    st: &'a mut SimState,
    id: &str,
) -> Result<&'a mut Meeting, ApiError> {
    let key = match id.parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => st.meetings.values().find(|m| m.uuid == id).map(|m| m.id),
    };
    key.and_then(|k| st.meetings.get_mut(&k))
        .ok_or_else(|| ApiError::meeting_not_found(id))
}

fn start_field_error(raw: &str) -> ApiError {
    ApiError::validation(vec![FieldError::new(
        "start_time",
        format!("Invalid start_time: {raw}. Use yyyy-MM-ddTHH:mm:ssZ (UTC) or yyyy-MM-ddTHH:mm:ss with a timezone."),
    )])
}

/// Builds a new meeting from a validated body.
pub(crate) fn build_meeting(
    st: &mut SimState,
    input: MeetingInput,
    now: DateTime<Utc>,
) -> Result<Meeting, ApiError> {
    let kind = input.kind.unwrap_or(2);
    if kind == 8 && input.recurrence.is_none() {
        return Err(ApiError::validation(vec![FieldError::new(
            "recurrence",
            "A recurring meeting with a fixed time (type 8) needs a recurrence object.",
        )]));
    }
    let timezone = input
        .timezone
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| st.user.timezone.clone());
    let tz = parse_zone(&timezone).unwrap_or(chrono_tz::UTC);
    let start_time = match kind {
        3 => None,
        1 => Some(now),
        _ => match &input.start_time {
            Some(raw) => Some(parse_start_time(raw, tz).ok_or_else(|| start_field_error(raw))?),
            None => Some(now),
        },
    };
    let recurrence = if kind == 8 { input.recurrence } else { None };
    if let (Some(rec), Some(start)) = (&recurrence, start_time) {
        if rec.end_date_time.is_some_and(|e| e < start) {
            return Err(ApiError::validation(vec![FieldError::new(
                "recurrence.end_date_time",
                "end_date_time must be after start_time.",
            )]));
        }
    }
    let mut settings = default_settings();
    for (k, v) in input.settings.unwrap_or_default() {
        settings.insert(k, v);
    }
    let password = match (input.password, input.default_password) {
        (Some(p), _) => p,
        (None, Some(false)) => String::new(),
        (None, _) => st.token(6),
    };
    let id = st.new_meeting_id();
    Ok(Meeting {
        id,
        uuid: st.new_uuid(),
        host_id: st.user.id.clone(),
        host_email: st.user.email.clone(),
        topic: input.topic.unwrap_or_else(|| "Zoom meeting".to_string()),
        agenda: input.agenda.unwrap_or_default(),
        kind,
        start_time,
        duration: input.duration.unwrap_or(60),
        timezone,
        password,
        created_at: now,
        settings,
        recurrence,
        overrides: BTreeMap::new(),
    })
}

fn render<'a>(
    shared: &'a Shared,
    zak: &'a str,
    now: DateTime<Utc>,
    show_previous: bool,
) -> Render<'a> {
    Render {
        base_url: &shared.base_url,
        now,
        zak,
        show_previous,
    }
}

/// `POST /users/{userId}/meetings`: 201 with the full meeting.
pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(user_id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require(WRITE_MEETING)?;
    let body = json_body(&body)?;
    let now = shared.now();
    let mut st = shared.lock();
    check_user(&st, &caller, &user_id)?;
    let input = parse_meeting(&body)?;
    let meeting = build_meeting(&mut st, input, now)?;
    let zak = st.new_zak(meeting.id, now);
    let v = meeting.to_json(&render(&shared, &zak, now, false), None);
    st.meetings.insert(meeting.id, meeting);
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

fn find_occurrence(m: &Meeting, id: &str, now: DateTime<Utc>) -> Result<Occurrence, ApiError> {
    m.occurrences(now)
        .into_iter()
        .find(|o| o.id == id)
        .ok_or_else(|| ApiError::bad_request(format!("Invalid occurrence_id: {id}.")))
}

/// `GET /meetings/{meetingId}`: a fresh `start_url` every time.
pub(crate) async fn get(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(q): Params,
) -> Result<Json<Value>, ApiError> {
    caller.require(READ_MEETING)?;
    let now = shared.now();
    let mut st = shared.lock();
    let key = find_meeting(&mut st, &id)?.id;
    let zak = st.new_zak(key, now);
    let m = find_meeting(&mut st, &id)?;
    let show_previous = q
        .get("show_previous_occurrences")
        .is_some_and(|v| v == "true");
    let occurrence = match q.get("occurrence_id").filter(|s| !s.is_empty()) {
        Some(oid) => Some(find_occurrence(m, oid, now)?),
        None => None,
    };
    Ok(Json(m.to_json(
        &render(&shared, &zak, now, show_previous),
        occurrence.as_ref(),
    )))
}

const OCCURRENCE_SETTINGS: &[&str] = &[
    "host_video",
    "participant_video",
    "join_before_host",
    "mute_upon_entry",
    "waiting_room",
    "watermark",
    "auto_recording",
];

/// `PATCH /meetings/{meetingId}` (with `occurrence_id` for one occurrence): 204.
pub(crate) async fn update(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(q): Params,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    caller.require(UPDATE_MEETING)?;
    let body = json_body(&body)?;
    let input = parse_meeting(&body)?;
    let now = shared.now();
    let mut st = shared.lock();
    let m = find_meeting(&mut st, &id)?;
    match q.get("occurrence_id").filter(|s| !s.is_empty()) {
        Some(oid) => update_occurrence(m, oid, input, now)?,
        None => update_series(m, input, now)?,
    }
    Ok(StatusCode::NO_CONTENT)
}

fn future_start(
    raw: &Option<String>,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    match raw {
        None => Ok(None),
        Some(raw) => {
            let t = parse_start_time(raw, tz).ok_or_else(|| start_field_error(raw))?;
            // Zoom silently ignores a start_time in the past.
            Ok((t > now).then_some(t))
        }
    }
}

fn update_occurrence(
    m: &mut Meeting,
    oid: &str,
    input: MeetingInput,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let occ = find_occurrence(m, oid, now)?;
    if m.kind != 8 || occ.deleted {
        return Err(ApiError::bad_request(format!(
            "Invalid occurrence_id: {oid}."
        )));
    }
    let tz = m.tz();
    let start = future_start(&input.start_time, tz, now)?;
    let ov: &mut OccurrenceOverride = m.overrides.entry(oid.to_string()).or_default();
    if let Some(t) = start {
        ov.start_time = Some(t);
    }
    if let Some(d) = input.duration {
        ov.duration = Some(d);
    }
    if let Some(a) = input.agenda {
        ov.agenda = Some(a);
    }
    for (k, v) in input.settings.unwrap_or_default() {
        if OCCURRENCE_SETTINGS.contains(&k.as_str()) {
            ov.settings.insert(k, v);
        }
    }
    Ok(())
}

fn update_series(m: &mut Meeting, input: MeetingInput, now: DateTime<Utc>) -> Result<(), ApiError> {
    if let Some(tz) = input.timezone.filter(|t| !t.is_empty()) {
        m.timezone = tz;
    }
    let new_kind = input.kind.unwrap_or(m.kind);
    if new_kind == 8 && input.recurrence.is_none() && m.recurrence.is_none() {
        return Err(ApiError::validation(vec![FieldError::new(
            "recurrence",
            "A recurring meeting with a fixed time (type 8) needs a recurrence object.",
        )]));
    }
    let start = if new_kind == 3 {
        None
    } else {
        future_start(&input.start_time, m.tz(), now)?
    };
    let mut schedule_changed = false;
    if let Some(t) = start {
        m.start_time = Some(t);
        schedule_changed = true;
    }
    if new_kind != 3 && m.start_time.is_none() {
        m.start_time = Some(now);
    }
    if let Some(rec) = input.recurrence {
        m.recurrence = Some(rec);
        schedule_changed = true;
    }
    if new_kind != m.kind {
        schedule_changed = true;
        m.kind = new_kind;
        if new_kind == 3 {
            m.start_time = None;
        }
    }
    if schedule_changed {
        m.overrides.clear();
    }
    if let Some(t) = input.topic {
        m.topic = t;
    }
    if let Some(a) = input.agenda {
        m.agenda = a;
    }
    if let Some(d) = input.duration {
        m.duration = d;
    }
    if let Some(p) = input.password {
        m.password = p;
    }
    for (k, v) in input.settings.unwrap_or_default() {
        m.settings.insert(k, v);
    }
    Ok(())
}

/// `DELETE /meetings/{meetingId}` (with `occurrence_id` for one occurrence): 204.
pub(crate) async fn delete(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(q): Params,
) -> Result<StatusCode, ApiError> {
    caller.require(DELETE_MEETING)?;
    let now = shared.now();
    let mut st = shared.lock();
    let m = find_meeting(&mut st, &id)?;
    match q.get("occurrence_id").filter(|s| !s.is_empty()) {
        Some(oid) => {
            let occ = find_occurrence(m, oid, now)?;
            if occ.deleted {
                return Err(ApiError::bad_request(format!(
                    "Invalid occurrence_id: {oid}."
                )));
            }
            m.overrides.entry(oid.to_string()).or_default().deleted = true;
        }
        None => {
            let key = m.id;
            if let Some(gone) = st.meetings.remove(&key) {
                st.deleted_meetings.insert(key, gone);
            }
        }
    }
    Ok(StatusCode::NO_CONTENT)
}

const UPDATE_STATUS: &[&str] = &["meeting:update:status", "meeting:write"];

/// `PUT /meetings/{meetingId}/status`: `{"action":"end"}` or `{"action":"recover"}`; 204.
pub(crate) async fn status(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    caller.require(UPDATE_STATUS)?;
    let body = json_body(&body)?;
    let mut st = shared.lock();
    match body.get("action").and_then(Value::as_str) {
        Some("end") => {
            find_meeting(&mut st, &id)?;
        }
        Some("recover") => {
            let key = id
                .parse::<i64>()
                .map_err(|_| ApiError::meeting_not_found(&id))?;
            let m = st
                .deleted_meetings
                .remove(&key)
                .ok_or_else(|| ApiError::meeting_not_found(&id))?;
            st.meetings.insert(key, m);
        }
        _ => {
            return Err(ApiError::validation(vec![FieldError::new(
                "action",
                "action must be end or recover.",
            )]))
        }
    }
    Ok(StatusCode::NO_CONTENT)
}

//! Meeting lists: `GET /users/{userId}/meetings` and `GET /users/{userId}/upcoming_meetings`.

use crate::api_guard::{check_user, Caller};
use crate::errors::ApiError;
use crate::meeting_model::Meeting;
use crate::paging::{next_token, page_offset, page_size};
use crate::state::Shared;
use crate::timefmt::{parse_zone, resolve_local, zulu};
use axum::extract::{Path, Query, State};
use axum::{Extension, Json};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

const LIST_MEETINGS: &[&str] = &["meeting:read:list_meetings", "meeting:read"];
const LIST_UPCOMING: &[&str] = &["meeting:read:list_upcoming_meetings", "meeting:read"];

fn listed(m: &Meeting, kind: &str, now: DateTime<Utc>) -> bool {
    let ended = |start: DateTime<Utc>, dur: i64| start + Duration::minutes(dur) <= now;
    match (kind, m.kind) {
        (_, 1) => false,
        ("live", _) => false,
        ("scheduled", 2) => m.start_time.is_some_and(|s| s + Duration::days(30) > now),
        ("scheduled", _) => true,
        ("upcoming" | "upcoming_meetings", 2) => {
            m.start_time.is_some_and(|s| !ended(s, m.duration))
        }
        ("upcoming" | "upcoming_meetings", 8) => m
            .occurrences(now)
            .iter()
            .any(|o| !o.deleted && o.ends_after(now)),
        ("upcoming" | "upcoming_meetings", _) => true,
        ("previous_meetings", 2) => m.start_time.is_some_and(|s| ended(s, m.duration)),
        ("previous_meetings", 8) => m
            .occurrences(now)
            .iter()
            .any(|o| !o.deleted && !o.ends_after(now)),
        _ => false,
    }
}

fn in_window(
    m: &Meeting,
    now: DateTime<Utc>,
    window: Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> bool {
    let Some((from, to)) = window else {
        return true;
    };
    match m.kind {
        8 => m
            .occurrences(now)
            .iter()
            .any(|o| !o.deleted && o.start >= from && o.start < to),
        3 => false,
        _ => m.start_time.is_some_and(|s| s >= from && s < to),
    }
}

fn parse_date(q: &HashMap<String, String>, key: &str) -> Result<Option<NaiveDate>, ApiError> {
    match q.get(key).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::bad_request(format!("Invalid field: {key}. Use yyyy-mm-dd."))),
    }
}

/// `GET /users/{userId}/meetings`.
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(user_id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    caller.require(LIST_MEETINGS)?;
    let now = shared.now();
    let mut st = shared.lock();
    check_user(&st, &caller, &user_id)?;
    let kind = q.get("type").map(String::as_str).unwrap_or("scheduled");
    if ![
        "scheduled",
        "live",
        "upcoming",
        "upcoming_meetings",
        "previous_meetings",
    ]
    .contains(&kind)
    {
        return Err(ApiError::bad_request(format!(
            "Invalid field: type {kind}."
        )));
    }
    let size = page_size(&q)?;
    let tz_name = q
        .get("timezone")
        .cloned()
        .unwrap_or_else(|| st.user.timezone.clone());
    let tz = parse_zone(&tz_name).unwrap_or(chrono_tz::UTC);
    let (from, to) = (parse_date(&q, "from")?, parse_date(&q, "to")?);
    let window = match (from, to) {
        (None, None) => None,
        (f, t) => {
            let f = f.map_or(DateTime::<Utc>::MIN_UTC, |d| {
                resolve_local(tz, d.and_time(chrono::NaiveTime::MIN))
            });
            let t = t.map_or(DateTime::<Utc>::MAX_UTC, |d| {
                resolve_local(tz, (d + Duration::days(1)).and_time(chrono::NaiveTime::MIN))
            });
            Some((f, t))
        }
    };
    let fingerprint = format!("meetings|{kind}|{from:?}|{to:?}|{tz_name}");
    let offset = page_offset(&st, &q, &fingerprint, now)?;
    let mut items: Vec<&Meeting> = st
        .meetings
        .values()
        .filter(|m| listed(m, kind, now) && in_window(m, now, window))
        .collect();
    items.sort_by_key(|m| (m.next_start(now).is_none(), m.next_start(now), m.id));
    let total = items.len();
    let pmi = st.user.pmi;
    let page: Vec<Value> = items
        .iter()
        .skip(offset)
        .take(size)
        .map(|m| m.list_item_json(&shared.base_url, pmi, now))
        .collect();
    let next = next_token(&mut st, &fingerprint, offset + size, total, now);
    Ok(Json(json!({
        "page_count": total.div_ceil(size),
        "page_number": offset / size + 1,
        "page_size": size,
        "total_records": total,
        "next_page_token": next,
        "meetings": page,
    })))
}

/// `GET /users/{userId}/upcoming_meetings`: what starts in the next 24 hours (or is running).
pub(crate) async fn upcoming(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(user_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require(LIST_UPCOMING)?;
    let now = shared.now();
    let st = shared.lock();
    check_user(&st, &caller, &user_id)?;
    let horizon = now + Duration::hours(24);
    let mut items: Vec<(DateTime<Utc>, Value)> = Vec::new();
    for m in st.meetings.values() {
        let starts: Vec<(DateTime<Utc>, i64)> = match m.kind {
            2 => m.start_time.map(|s| (s, m.duration)).into_iter().collect(),
            8 => m
                .occurrences(now)
                .into_iter()
                .filter(|o| !o.deleted)
                .map(|o| (o.start, o.duration))
                .collect(),
            _ => Vec::new(),
        };
        for (start, duration) in starts {
            if start + Duration::minutes(duration) > now && start < horizon {
                items.push((
                    start,
                    json!({
                        "id": m.id,
                        "topic": m.topic,
                        "type": m.kind,
                        "start_time": zulu(start),
                        "duration": duration,
                        "timezone": m.timezone,
                        "join_url": m.join_url(&shared.base_url),
                        "passcode": m.password,
                        "use_pmi": false,
                        "created_at": zulu(m.created_at),
                    }),
                ));
            }
        }
    }
    items.sort_by_key(|(s, _)| *s);
    let meetings: Vec<Value> = items.into_iter().map(|(_, v)| v).collect();
    Ok(Json(
        json!({ "total_records": meetings.len(), "meetings": meetings }),
    ))
}

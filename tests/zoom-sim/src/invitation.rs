//! `GET /v2/meetings/{meetingId}/invitation`: Zoom's ready-made plain-text invite.

use crate::api_guard::Caller;
use crate::dialin;
use crate::errors::ApiError;
use crate::meetings::{find_meeting, READ_INVITATION};
use crate::state::Shared;
use axum::extract::{Path, State};
use axum::{Extension, Json};
use serde_json::{json, Value};
use std::fmt::Write;
use std::sync::Arc;

fn spaced_id(id: i64) -> String {
    let s = id.to_string();
    match s.len() {
        11 => format!("{} {} {}", &s[..3], &s[3..7], &s[7..]),
        10 => format!("{} {} {}", &s[..3], &s[3..6], &s[6..]),
        _ => s,
    }
}

/// The invitation text and SIP links.
pub(crate) async fn invitation(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require(READ_INVITATION)?;
    let now = shared.now();
    let mut st = shared.lock();
    let host = format!("{} {}", st.user.first_name, st.user.last_name);
    let m = find_meeting(&mut st, &id)?;
    let tz = m.tz();
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{host} is inviting you to a scheduled Zoom meeting.\r\n"
    );
    let _ = writeln!(text, "Topic: {}", m.topic);
    if let Some(start) = m.next_start(now) {
        let local = start.with_timezone(&tz);
        let _ = writeln!(
            text,
            "Time: {} {}",
            local.format("%b %-d, %Y %I:%M %p"),
            m.timezone
        );
    }
    if let Some(rec) = &m.recurrence {
        let every = match rec.kind {
            1 => "day",
            2 => "week",
            _ => "month",
        };
        let _ = writeln!(text, "        Every {} {every}(s)", rec.repeat_interval);
    }
    let _ = writeln!(
        text,
        "\r\nJoin Zoom Meeting\r\n{}\r\n",
        m.join_url(&shared.base_url)
    );
    let _ = writeln!(text, "Meeting ID: {}", spaced_id(m.id));
    if !m.password.is_empty() {
        let _ = writeln!(text, "Passcode: {}", m.password);
    }
    let countries: Vec<String> = m
        .settings
        .get("global_dial_in_countries")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|c| c.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let numbers = dialin::numbers_for(&countries);
    if !numbers.is_empty() {
        let _ = writeln!(text, "\r\n---\r\n\r\nDial by your location");
        for n in &numbers {
            let number = n["number"].as_str().unwrap_or_default();
            let city = n.get("city").and_then(Value::as_str).unwrap_or("Toll-free");
            let country = n["country"].as_str().unwrap_or_default();
            let _ = writeln!(text, "• {number} {country} ({city})");
        }
        let _ = writeln!(text, "\r\nMeeting ID: {}", spaced_id(m.id));
        if !m.password.is_empty() {
            let _ = writeln!(text, "Passcode: {}", m.pstn_password());
        }
    }
    Ok(Json(json!({
        "invitation": text,
        "sip_links": [format!("{}@zoomcrc.com", m.id)],
    })))
}

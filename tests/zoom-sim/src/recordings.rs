//! Cloud recordings: the stored recordings, the user's list and the per-meeting recordings.

use crate::api_guard::{check_user, Caller};
use crate::errors::ApiError;
use crate::paging::{next_token, page_offset, page_size};
use crate::state::{Shared, State as SimState};
use crate::timefmt::zulu;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// The demo recording's video: a real, playable H.264/AAC MP4 of 3 seconds.
pub(crate) const DEMO_MP4: &[u8] = include_bytes!("../assets/demo.mp4");
/// The matching audio-only file.
pub(crate) const DEMO_M4A: &[u8] = include_bytes!("../assets/demo.m4a");
/// The matching transcript.
pub(crate) const DEMO_VTT: &[u8] = include_bytes!("../assets/demo.vtt");

const LIST_RECORDINGS: &[&str] = &[
    "cloud_recording:read:list_user_recordings",
    "recording:read",
];
/// Scopes that allow reading and downloading a meeting's recording files.
pub(crate) const MEETING_RECORDINGS: &[&str] = &[
    "cloud_recording:read:list_recording_files",
    "recording:read",
];

/// What a file holds.
#[derive(Debug, Clone)]
pub(crate) enum Content {
    Mp4,
    M4a,
    Vtt,
    Text(String),
    /// `n` bytes made as they are sent (a large recording, for memory and resume tests).
    Generated(u64),
}

/// Byte `i` of a generated file: a pattern that is cheap to make and hard to mistake.
pub(crate) fn generated_byte(i: u64) -> u8 {
    ((i % 251) as u8) ^ ((i >> 16) as u8)
}

/// One file of a recording.
#[derive(Debug, Clone)]
pub(crate) struct RecordingFile {
    pub id: String,
    pub file_type: &'static str,
    pub extension: &'static str,
    pub recording_type: &'static str,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub content: Content,
}

impl RecordingFile {
    /// The file's bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        match &self.content {
            Content::Mp4 => DEMO_MP4,
            Content::M4a => DEMO_M4A,
            Content::Vtt => DEMO_VTT,
            Content::Text(t) => t.as_bytes(),
            Content::Generated(_) => &[],
        }
    }

    /// The file's size in bytes.
    pub(crate) fn len(&self) -> u64 {
        match self.content {
            Content::Generated(n) => n,
            _ => self.bytes().len() as u64,
        }
    }

    /// The Content-Type it is served with.
    pub(crate) fn mime(&self) -> &'static str {
        match self.content {
            Content::Mp4 | Content::Generated(_) => "video/mp4",
            Content::M4a => "audio/mp4",
            Content::Vtt => "text/vtt; charset=utf-8",
            Content::Text(_) => "text/plain; charset=utf-8",
        }
    }
}

/// A recorded meeting instance.
#[derive(Debug, Clone)]
pub(crate) struct Recording {
    pub(crate) meeting_id: i64,
    pub(crate) uuid: String,
    pub(crate) topic: String,
    pub(crate) kind: u8,
    pub(crate) start_time: DateTime<Utc>,
    pub(crate) duration: i64,
    pub(crate) timezone: String,
    pub(crate) passcode: String,
    pub(crate) files: Vec<RecordingFile>,
}

impl Recording {
    /// The item of the recordings list (and the per-meeting response).
    pub(crate) fn to_json(&self, st: &SimState, base_url: &str) -> Value {
        let files: Vec<Value> = self
            .files
            .iter()
            .map(|f| {
                json!({
                    "id": f.id,
                    "meeting_id": self.uuid,
                    "recording_start": zulu(f.start),
                    "recording_end": zulu(f.end),
                    "file_type": f.file_type,
                    "file_extension": f.extension,
                    "file_size": f.len(),
                    "play_url": format!("{base_url}/rec/play/{}", f.id),
                    "download_url": format!("{base_url}/rec/download/{}", f.id),
                    "status": "completed",
                    "recording_type": f.recording_type,
                })
            })
            .collect();
        let total: u64 = self.files.iter().map(RecordingFile::len).sum();
        json!({
            "uuid": self.uuid,
            "id": self.meeting_id,
            "account_id": st.user.account_id,
            "host_id": st.user.id,
            "topic": self.topic,
            "type": self.kind,
            "start_time": zulu(self.start_time),
            "timezone": self.timezone,
            "duration": self.duration,
            "total_size": total,
            "recording_count": self.files.len(),
            "share_url": format!("{base_url}/rec/share/{}", self.meeting_id),
            "password": self.passcode,
            "recording_play_passcode": self.passcode,
            "auto_delete": false,
            "recording_files": files,
        })
    }
}

/// Builds a recording with MP4, M4A, transcript and chat files.
pub(crate) fn make_recording(
    st: &mut SimState,
    meeting_id: i64,
    topic: &str,
    kind: u8,
    start: DateTime<Utc>,
    duration: i64,
    timezone: &str,
) -> Recording {
    let uuid = st.new_uuid();
    let end = start + Duration::minutes(duration.max(1));
    let host = format!("{} {}", st.user.first_name, st.user.last_name);
    let chat = format!(
        "00:00:12 From {host} to Everyone:\n\tWelcome to {topic}!\n00:01:05 From Sam Lee to Everyone:\n\tThanks, slides are in the channel.\n"
    );
    let files = vec![
        (
            "MP4",
            "MP4",
            "shared_screen_with_speaker_view",
            Content::Mp4,
        ),
        ("M4A", "M4A", "audio_only", Content::M4a),
        ("TRANSCRIPT", "VTT", "audio_transcript", Content::Vtt),
        ("CHAT", "TXT", "chat_file", Content::Text(chat)),
    ]
    .into_iter()
    .map(
        |(file_type, extension, recording_type, content)| RecordingFile {
            id: format!(
                "{}-{}",
                st.token(8).to_lowercase(),
                st.token(12).to_lowercase()
            ),
            file_type,
            extension,
            recording_type,
            start,
            end,
            content,
        },
    )
    .collect();
    Recording {
        meeting_id,
        uuid,
        topic: topic.to_string(),
        kind,
        start_time: start,
        duration,
        timezone: timezone.to_string(),
        passcode: st.token(8),
        files,
    }
}

fn date_param(q: &HashMap<String, String>, key: &str) -> Result<Option<NaiveDate>, ApiError> {
    match q.get(key).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::bad_request(format!("Invalid field: {key}. Use yyyy-mm-dd."))),
    }
}

/// The effective `from`/`to`: today..tomorrow when omitted, at most one month (the start moves up).
pub(crate) fn effective_range(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let (from, to) = match (from, to) {
        (None, None) => (today, today + Duration::days(1)),
        (Some(f), None) => (f, today.max(f)),
        (None, Some(t)) => (today.min(t), t),
        (Some(f), Some(t)) => (f, t),
    };
    if from > to {
        return Err(ApiError::bad_request(
            "The from date must be on or before the to date.",
        ));
    }
    let earliest = to.checked_sub_months(Months::new(1)).unwrap_or(to);
    Ok((from.max(earliest), to))
}

/// `GET /users/{userId}/recordings`.
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(user_id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    caller.require(LIST_RECORDINGS)?;
    let now = shared.now();
    let mut st = shared.lock();
    check_user(&st, &caller, &user_id)?;
    let (from, to) = effective_range(
        date_param(&q, "from")?,
        date_param(&q, "to")?,
        now.date_naive(),
    )?;
    let size = page_size(&q)?;
    let trash = q.get("trash").is_some_and(|t| t == "true");
    let meeting_filter = q.get("meeting_id").and_then(|m| m.parse::<i64>().ok());
    let fingerprint = format!("recordings|{from}|{to}|{trash}|{meeting_filter:?}");
    let offset = page_offset(&st, &q, &fingerprint, now)?;
    let mut items: Vec<&crate::recordings::Recording> = st
        .recordings
        .iter()
        .filter(|_| !trash)
        .filter(|r| meeting_filter.is_none_or(|m| m == r.meeting_id))
        .filter(|r| {
            let d = r.start_time.date_naive();
            d >= from && d <= to
        })
        .collect();
    items.sort_by_key(|r| std::cmp::Reverse(r.start_time));
    let total = items.len();
    let page: Vec<Value> = items
        .iter()
        .skip(offset)
        .take(size)
        .map(|r| r.to_json(&st, &shared.base_url))
        .collect();
    let next = next_token(&mut st, &fingerprint, offset + size, total, now);
    Ok(Json(json!({
        "from": from.to_string(),
        "to": to.to_string(),
        "page_count": total.div_ceil(size),
        "page_size": size,
        "total_records": total,
        "next_page_token": next,
        "meetings": page,
    })))
}

/// `GET /meetings/{meetingId}/recordings`: the latest instance's recording (or the instance by UUID).
pub(crate) async fn for_meeting(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require(MEETING_RECORDINGS)?;
    let st = shared.lock();
    let number = id.parse::<i64>().ok();
    let found = st
        .recordings
        .iter()
        .filter(|r| Some(r.meeting_id) == number || r.uuid == id)
        .max_by_key(|r| r.start_time)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                3301,
                "There is no recording for this meeting.",
            )
        })?;
    Ok(Json(found.to_json(&st, &shared.base_url)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn range_defaults_and_clamp() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let (f, t) = effective_range(None, None, today).unwrap();
        assert_eq!(
            (f.to_string(), t.to_string()),
            ("2026-06-30".into(), "2026-07-01".into())
        );
        let from = NaiveDate::from_ymd_opt(2025, 1, 1);
        let (f, t) = effective_range(from, Some(today), today).unwrap();
        assert_eq!(
            (f.to_string(), t.to_string()),
            ("2026-05-30".into(), "2026-06-30".into())
        );
    }
}

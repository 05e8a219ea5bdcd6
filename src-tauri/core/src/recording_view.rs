//! What the Recordings pages show and ask: the last seven days from the cache, one recording,
//! what the player plays, and how a download is going.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::desk::Desk;
use crate::error::{Error, Result};
use crate::store::meetings::fold;
use crate::store::recordings::{CachedRecording, CachedRecordingFile};
use crate::sync::{RECORDINGS_KEY, RECORDING_DAYS};
use crate::UiError;

/// The recordings of the last seven days, newest first, and how old that list is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecordingsView {
    /// Newest first.
    pub items: Vec<CachedRecording>,
    /// When recordings were last synced; `None` if never.
    #[ts(type = "string | null")]
    pub synced_at: Option<DateTime<Utc>>,
    /// The zone dates are shown in.
    pub zone: String,
}

/// What the player shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MediaKind {
    /// A `<video>`.
    Video,
    /// An `<audio>` (audio-only recordings).
    Audio,
}

/// A file ready to play in the window, served by the local stream server.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PlaySource {
    /// The file played (its key in the recording's files).
    pub file_key: String,
    /// `http://127.0.0.1:<port>/media/<token>/...`: seekable (Range), never carries Zoom's token.
    pub url: String,
    /// Video or audio.
    pub kind: MediaKind,
    /// The file's MIME type.
    pub mime: String,
    /// WebVTT captions from the transcript, when the recording has one.
    #[ts(optional)]
    pub captions_url: Option<String>,
    /// Where the user stopped last time, in seconds (0 the first time).
    pub position: f64,
}

/// Where a download is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DownloadState {
    /// Receiving.
    Running,
    /// The connection dropped; resuming from where it stopped.
    Retrying,
    /// Saved at `path`.
    Done,
    /// Stopped with `error`; the partial file is kept for a later resume.
    Failed,
    /// Cancelled by the user; the partial file is removed.
    Cancelled,
}

/// How a download is going (the `zoomdesk://download` event, about twice a second).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DownloadProgress {
    /// The download's id (for Cancel).
    pub id: String,
    /// The recording.
    pub uuid: String,
    /// The file.
    pub file_key: String,
    /// Bytes on disk so far.
    #[ts(type = "number")]
    pub received: u64,
    /// Bytes in all, when known.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    /// Recent speed.
    #[ts(type = "number")]
    pub bytes_per_second: u64,
    /// Running, done, failed...
    pub state: DownloadState,
    /// Where the file is (or will be) saved.
    pub path: String,
    /// Why it failed.
    #[ts(optional)]
    pub error: Option<UiError>,
}

/// The file a player should open first: a shared-screen-with-speaker video, another video, or
/// audio only; completed files only.
pub fn playable(rec: &CachedRecording) -> Option<&CachedRecordingFile> {
    let ready = |f: &&CachedRecordingFile| {
        f.status
            .as_deref()
            .is_none_or(|s| s == crate::store::recordings::COMPLETED)
            && f.download_url.is_some()
    };
    let kind = |f: &CachedRecordingFile| f.file_type.as_deref().unwrap_or("").to_ascii_uppercase();
    let by_type = |t: &str, rt: Option<&str>| {
        rec.files
            .iter()
            .filter(ready)
            .find(|f| kind(f) == t && rt.is_none_or(|rt| f.recording_type.as_deref() == Some(rt)))
    };
    by_type("MP4", Some("shared_screen_with_speaker_view"))
        .or_else(|| by_type("MP4", None))
        .or_else(|| by_type("M4A", None))
}

/// The media kind and MIME type of a file.
pub fn media_of(file: &CachedRecordingFile) -> Option<(MediaKind, &'static str)> {
    match file
        .file_type
        .as_deref()
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        Some("MP4") => Some((MediaKind::Video, "video/mp4")),
        Some("M4A") => Some((MediaKind::Audio, "audio/mp4")),
        _ => None,
    }
}

impl Desk {
    /// The last seven days of recordings from the cache; `search` keeps topics containing it.
    pub fn recordings_view(&self, search: Option<&str>) -> Result<RecordingsView> {
        let since = Utc::now() - Duration::days(RECORDING_DAYS);
        let mut items = self.store.recordings(since)?;
        if let Some(needle) = search.map(str::trim).filter(|s| !s.is_empty()).map(fold) {
            items.retain(|r| fold(&r.topic).contains(&needle));
        }
        Ok(RecordingsView {
            items,
            synced_at: self.store.sync_age(RECORDINGS_KEY)?,
            zone: self.display_zone().name().to_string(),
        })
    }

    /// One recording from the cache.
    pub fn cached_recording(&self, uuid: &str) -> Result<CachedRecording> {
        self.store
            .recording(uuid)?
            .ok_or_else(|| Error::NotFound("The recording".into()))
    }
}

//! What the Recordings pages show and ask: the last seven days from the cache, one recording,
//! what the player plays.

use chrono::{Duration, Utc};

use crate::error::{Error, Result};
use crate::store::meetings::fold;
use crate::store::recordings::{CachedRecording, CachedRecordingFile};
use crate::sync::{RECORDINGS_KEY, RECORDING_DAYS};

use super::{Desk, MediaKind, RecordingsView};

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

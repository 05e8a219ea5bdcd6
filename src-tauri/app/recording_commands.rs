//! The commands of the Recordings pages. Thin: they check their arguments and hand over to
//! core (the cache, the stream server, the downloader).

use tauri::{AppHandle, Emitter, State};
use tauri_plugin_opener::OpenerExt;
use zoomdesk_core::desk::{self, PlaySource, RecordingsView};
use zoomdesk_core::download::Job;
use zoomdesk_core::error::Error;
use zoomdesk_core::files;
use zoomdesk_core::store::recordings::CachedRecording;
use zoomdesk_core::UiError;

use crate::events;
use crate::recordings::{check_file_key, check_uuid};
use crate::state::AppState;

type Res<T> = Result<T, UiError>;

/// The last seven days of recordings from the cache (never waits on the network).
#[tauri::command]
pub async fn recordings(state: State<'_, AppState>, search: Option<String>) -> Res<RecordingsView> {
    let search = search.map(|s| s.chars().take(200).collect::<String>());
    Ok(state.desk().await.recordings_view(search.as_deref())?)
}

/// One recording from the cache.
#[tauri::command]
pub async fn recording(state: State<'_, AppState>, uuid: String) -> Res<CachedRecording> {
    Ok(state.desk().await.cached_recording(check_uuid(&uuid)?)?)
}

/// What the player plays: a stream-server URL for the file (the best video, else audio, when
/// none is named), its captions, and where the user stopped.
#[tauri::command]
pub async fn play_recording(
    state: State<'_, AppState>,
    uuid: String,
    file_key: Option<String>,
) -> Res<PlaySource> {
    let uuid = check_uuid(&uuid)?;
    let rec = state.desk().await.cached_recording(uuid)?;
    let file = match file_key.as_deref() {
        Some(key) => {
            let key = check_file_key(key)?;
            rec.files.iter().find(|f| f.key == key)
        }
        None => desk::playable(&rec),
    }
    .ok_or_else(|| Error::NotFound("A playable file of this recording".into()))?;
    let (kind, mime) = desk::media_of(file).ok_or_else(|| {
        Error::invalid("fileKey", "That file is not audio or video.")
            .key(zoomdesk_core::messages::Key::FileKeyNotMedia)
    })?;
    let server = state
        .stream
        .get()
        .ok_or_else(|| Error::Internal("the stream server is not running".into()))?;
    let captions = rec.files.iter().find(|f| {
        f.extension
            .as_deref()
            .is_some_and(|e| e.eq_ignore_ascii_case("vtt"))
            && f.download_url.is_some()
            && f.status.as_deref().is_none_or(|s| s == "completed")
    });
    Ok(PlaySource {
        file_key: file.key.clone(),
        url: server.media_url(uuid, &file.key),
        kind,
        mime: mime.to_string(),
        captions_url: captions.map(|c| server.captions_url(uuid, &c.key)),
        position: state.store.play_position(uuid, &file.key)?,
    })
}

/// Remembers where the user stopped playing.
#[tauri::command]
pub fn save_play_position(
    state: State<'_, AppState>,
    uuid: String,
    file_key: String,
    seconds: f64,
) -> Res<()> {
    let (uuid, key) = (check_uuid(&uuid)?, check_file_key(&file_key)?);
    if !seconds.is_finite() || !(0.0..=86_400.0).contains(&seconds) {
        return Err(
            Error::invalid("seconds", "That is not a position in a recording.")
                .key(zoomdesk_core::messages::Key::SecondsInvalid)
                .into(),
        );
    }
    Ok(state.store.set_play_position(uuid, key, seconds)?)
}

/// Downloads a file to the Downloads folder; progress comes as `zoomdesk://download` events.
#[tauri::command]
pub async fn download_recording(
    app: AppHandle,
    state: State<'_, AppState>,
    uuid: String,
    file_key: String,
) -> Res<zoomdesk_core::desk::DownloadProgress> {
    let (uuid, key) = (check_uuid(&uuid)?, check_file_key(&file_key)?);
    let desk = state.desk().await;
    let rec = desk.cached_recording(uuid)?;
    let file = rec
        .files
        .iter()
        .find(|f| f.key == key)
        .ok_or_else(|| Error::NotFound("The recording file".into()))?;
    let date = rec
        .start_time
        .with_timezone(&desk.display_zone())
        .format("%Y-%m-%d");
    let what = file
        .recording_type
        .as_deref()
        .or(file.file_type.as_deref())
        .unwrap_or("file")
        .replace('_', " ");
    let stem = files::safe_stem(&format!("{} {date} {what}", rec.topic), "Zoom recording");
    let extension = files::safe_stem(
        &file
            .extension
            .clone()
            .unwrap_or_else(|| "bin".into())
            .to_ascii_lowercase(),
        "bin",
    );
    let folder = files::downloads_folder().unwrap_or_else(|| state.dirs.data.join("downloads"));
    let job = Job {
        uuid: uuid.to_string(),
        file_key: key.to_string(),
        folder,
        stem,
        extension,
        size: file.size,
    };
    let emitter = app.clone();
    let report = std::sync::Arc::new(move |p: &zoomdesk_core::desk::DownloadProgress| {
        let _ = emitter.emit(events::DOWNLOAD, p);
    });
    Ok(state
        .downloads
        .start(job, crate::recordings::upstream(&app), report)?)
}

/// Cancels a download.
#[tauri::command]
pub fn cancel_download(state: State<'_, AppState>, id: String) -> Res<()> {
    if id.len() > 200 || !state.downloads.cancel(&id) {
        return Err(Error::NotFound("That download".into()).into());
    }
    Ok(())
}

/// Shows a downloaded file in the file manager (only files in the Downloads folder).
#[tauri::command]
pub fn show_in_folder(app: AppHandle, state: State<'_, AppState>, path: String) -> Res<()> {
    let path = std::path::PathBuf::from(path);
    let folder = files::downloads_folder().unwrap_or_else(|| state.dirs.data.join("downloads"));
    let inside = path.parent().is_some_and(|p| p == folder) && path.is_file();
    if !inside {
        return Err(
            Error::invalid("path", "Zoomdesk only shows files it downloaded.")
                .key(zoomdesk_core::messages::Key::PathNotDownload)
                .into(),
        );
    }
    app.opener().reveal_item_in_dir(&path).map_err(|e| {
        UiError::from(Error::Config(
            format!("could not open the folder: {e}").into(),
        ))
    })
}

/// Opens the recording in Zoom's web player (its share link).
#[tauri::command]
pub async fn open_recording_in_browser(
    app: AppHandle,
    state: State<'_, AppState>,
    uuid: String,
) -> Res<()> {
    let desk = state.desk().await;
    let rec = desk.cached_recording(check_uuid(&uuid)?)?;
    let url = desk::playable(&rec)
        .and_then(|f| f.play_url.clone())
        .or_else(|| rec.share_url.clone())
        .ok_or_else(|| Error::NotFound("Zoom's link to this recording".into()))?;
    zoomdesk_core::auth::Browser::open(&crate::commands::browser(&app, &desk), &url)?;
    Ok(())
}

//! The commands the UI may call. Each is thin: it checks its arguments, hands over to core
//! and returns core's answer or a typed [`UiError`].

use tauri::{AppHandle, Manager, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use zoomdesk_core::config::{self, SettingsUpdate};
use zoomdesk_core::desk::{Desk, MeetingView, OccurrenceEdit, OfficeHoursMonth, WeekView};
use zoomdesk_core::desk::{SessionState, SettingsView};
use zoomdesk_core::error::Error;
use zoomdesk_core::schedule::input::MeetingInput;
use zoomdesk_core::sync::SyncReport;
use zoomdesk_core::{AppInfo, UiError};

use crate::browser::AppBrowser;
use zoomdesk_core::ids::MeetingId;

use crate::events;
use crate::state::AppState;

type Res<T> = Result<T, UiError>;

/// A meeting id from the UI, checked (digits only, as Zoom's int64 ids).
fn meeting_id(id: &str) -> Result<MeetingId, Error> {
    id.parse()
}

/// An occurrence id from the UI: Zoom's are digits; refuse anything else before it reaches a URL.
fn occurrence_id(id: &str) -> Result<&str, Error> {
    let id = id.trim();
    if id.len() > 32 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(
            Error::invalid("occurrenceId", "That is not a Zoom occurrence id.")
                .key(zoomdesk_core::messages::Key::OccurrenceIdInvalid),
        );
    }
    Ok(id)
}

pub(crate) fn browser(app: &AppHandle, desk: &Desk) -> AppBrowser {
    AppBrowser::new(
        app,
        &[&desk.settings().oauth_base, &desk.settings().api_base],
    )
}

/// Version and folders of the running app.
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    state.info.clone()
}

/// The UI has painted its first screen (and listens to events). Logged (and printed for the
/// benchmark script) with the time since launch, after the page's own steps (`marks`: step name
/// to ms since the epoch); a link the app was started with opens now.
#[tauri::command]
pub fn ui_ready(
    app: AppHandle,
    state: State<'_, AppState>,
    marks: Option<std::collections::BTreeMap<String, f64>>,
) {
    if !state.first_ready() {
        return;
    }
    let mut marks: Vec<_> = marks.unwrap_or_default().into_iter().collect();
    marks.sort_by(|a, b| a.1.total_cmp(&b.1));
    for (step, at) in marks {
        let step: String = step
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(32)
            .collect();
        crate::startup::mark_at(&format!("ui {step}"), at);
    }
    if let Some(destination) = state.take_pending() {
        events::navigate(&app, &destination);
    }
    let ms = state.launched.elapsed().as_millis();
    tracing::info!(ms, "first paint");
    if crate::startup::bench() {
        println!("ZOOMDESK_READY {ms}");
    }
}

/// Sign-in state for the status area and the welcome page.
#[tauri::command]
pub async fn session_state(state: State<'_, AppState>) -> Res<SessionState> {
    Ok(state.desk().await.session_state().await)
}

/// Signs in through the browser; resolves when the user comes back (or cancels, or it times out).
#[tauri::command]
pub async fn sign_in(app: AppHandle, state: State<'_, AppState>) -> Res<SessionState> {
    let desk = state.desk().await;
    let cancel = state.cancel_sign_in.notified();
    desk.sign_in(&browser(&app, &desk), cancel).await?;
    state.poller.set_active(true);
    crate::focus_main_window(&app);
    state.sync_now.notify_one();
    let s = desk.session_state().await;
    events::session_changed(&app, &s);
    Ok(s)
}

/// Cancels a sign-in waiting for the browser.
#[tauri::command]
pub fn cancel_sign_in(state: State<'_, AppState>) {
    state.cancel_sign_in.notify_waiters();
}

/// Signs out (revokes at Zoom); the cache stays for offline reading.
#[tauri::command]
pub async fn sign_out(app: AppHandle, state: State<'_, AppState>) -> Res<SessionState> {
    let desk = state.desk().await;
    desk.sign_out().await?;
    state.poller.set_active(false);
    let s = desk.session_state().await;
    events::session_changed(&app, &s);
    Ok(s)
}

/// The settings as the Settings page shows them.
#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Res<SettingsView> {
    let mut view = state.desk().await.settings_view();
    view.tray_available = state.has_tray();
    Ok(view)
}

/// Saves settings and reopens core with them.
#[tauri::command]
pub async fn save_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    update: SettingsUpdate,
) -> Res<SettingsView> {
    let saved = config::apply_settings_update(&state.dirs.config, &update)?;
    if update.start_at_login.is_some() {
        crate::window::set_autostart(&app, saved.start_at_login)?;
    }
    let desk = state.desk().await.reload()?;
    let mut view = desk.settings_view();
    view.tray_available = state.has_tray();
    let session = desk.session_state().await;
    state.poller.set_rules(desk.reminder_rules());
    *state.desk.write().await = std::sync::Arc::new(desk);
    events::session_changed(&app, &session);
    crate::tray::refresh(&app).await;
    Ok(view)
}

/// Every IANA time zone, sorted.
#[tauri::command]
pub fn timezones() -> Vec<String> {
    zoomdesk_core::schedule::zones::all_timezones()
}

/// Syncs now and reports what changed.
#[tauri::command]
pub async fn sync_now(app: AppHandle, state: State<'_, AppState>) -> Res<SyncReport> {
    let desk = state.desk().await;
    crate::sync_loop::run_once(&app, &desk, true).await
}

/// This week's meetings from the cache (never waits on the network).
#[tauri::command]
pub async fn week(state: State<'_, AppState>, search: Option<String>) -> Res<WeekView> {
    let search = search.map(|s| s.chars().take(200).collect::<String>());
    Ok(state.desk().await.week(search.as_deref())?)
}

/// A month of office hours (`YYYY-MM`; this month when absent) from the cache.
#[tauri::command]
pub async fn office_hours_month(
    state: State<'_, AppState>,
    month: Option<String>,
) -> Res<OfficeHoursMonth> {
    let month = month
        .map(|m| m.parse::<zoomdesk_core::office_hours::Month>())
        .transpose()?;
    Ok(state.desk().await.office_hours_month(month)?)
}

/// A meeting: from the cache when it holds the details, else from Zoom.
#[tauri::command]
pub async fn meeting(state: State<'_, AppState>, id: String) -> Res<MeetingView> {
    let id = meeting_id(&id)?;
    let desk = state.desk().await;
    Ok(MeetingView::from(&desk.meeting_details(id).await?))
}

/// A meeting fetched fresh from Zoom.
#[tauri::command]
pub async fn refresh_meeting(state: State<'_, AppState>, id: String) -> Res<MeetingView> {
    let id = meeting_id(&id)?;
    Ok(MeetingView::from(
        &state.desk().await.refresh_meeting(id).await?,
    ))
}

/// Creates a meeting.
#[tauri::command]
pub async fn create_meeting(
    app: AppHandle,
    state: State<'_, AppState>,
    input: MeetingInput,
) -> Res<MeetingView> {
    let m = state.desk().await.create_meeting(&input).await?;
    events::meetings_changed(&app);
    Ok(MeetingView::from(&m))
}

/// Changes a one-time meeting or every occurrence of a recurring one.
#[tauri::command]
pub async fn update_meeting(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: MeetingInput,
) -> Res<MeetingView> {
    let id = meeting_id(&id)?;
    let m = state.desk().await.update_meeting(id, &input).await?;
    events::meetings_changed(&app);
    Ok(MeetingView::from(&m))
}

/// Changes one occurrence of a recurring meeting.
#[tauri::command]
pub async fn update_occurrence(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    occurrence_id: String,
    edit: OccurrenceEdit,
) -> Res<MeetingView> {
    let id = meeting_id(&id)?;
    let occ = self::occurrence_id(&occurrence_id)?;
    let m = state.desk().await.update_occurrence(id, occ, &edit).await?;
    events::meetings_changed(&app);
    Ok(MeetingView::from(&m))
}

/// Deletes a meeting, or one occurrence of it.
#[tauri::command]
pub async fn delete_meeting(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    occurrence_id: Option<String>,
) -> Res<()> {
    let id = meeting_id(&id)?;
    let occ = occurrence_id
        .as_deref()
        .map(self::occurrence_id)
        .transpose()?;
    state
        .desk()
        .await
        .delete_meeting(id, occ.filter(|o| !o.is_empty()))
        .await?;
    events::meetings_changed(&app);
    Ok(())
}

/// Starts a meeting: a fresh start link, opened in the browser (the Zoom client takes over).
#[tauri::command]
pub async fn start_meeting(app: AppHandle, state: State<'_, AppState>, id: String) -> Res<()> {
    let id = meeting_id(&id)?;
    Ok(start(&app, &*state.desk().await, id).await?)
}

/// Starts meeting `id` from outside the window (a notification, the tray); when that fails,
/// shows `instead` with the reason in a toast, where the user can act on it.
pub async fn start_or_show(
    app: &AppHandle,
    id: MeetingId,
    instead: &zoomdesk_core::links::Destination,
) {
    let desk = app.state::<AppState>().desk().await;
    if let Err(e) = start(app, &desk, id).await {
        tracing::warn!(meeting = id.get(), "could not start the meeting: {e}");
        crate::focus_main_window(app);
        events::navigate(app, instead);
        events::notice(app, &events::notice_of(&UiError::from(&e)));
    }
}

/// Starts meeting `id`: a fresh start link from Zoom (never a cached one), opened in the
/// browser. Shared by the command, the reminders and the tray.
pub async fn start(app: &AppHandle, desk: &Desk, id: MeetingId) -> Result<(), Error> {
    let url = desk.start_url(id).await?;
    zoomdesk_core::auth::Browser::open(&browser(app, desk), url.expose())
}

/// Opens the participants' join link in the browser.
#[tauri::command]
pub async fn open_join_url(app: AppHandle, state: State<'_, AppState>, id: String) -> Res<()> {
    let id = meeting_id(&id)?;
    let desk = state.desk().await;
    let m = desk.meeting_details(id).await?;
    let url = m
        .join_url
        .ok_or_else(|| Error::NotFound("The join link".into()))?;
    zoomdesk_core::auth::Browser::open(&browser(&app, &desk), url.expose())?;
    Ok(())
}

/// Zoom's invitation text, copied to the clipboard; returned for display too.
#[tauri::command]
pub async fn copy_invitation(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Res<String> {
    let id = meeting_id(&id)?;
    let text = state.desk().await.invitation(id).await?;
    app.clipboard()
        .write_text(text.expose().clone())
        .map_err(|e| Error::Internal(format!("clipboard: {e}")))?;
    Ok(text.expose().clone())
}

/// Copies text (a join link, a meeting id) to the clipboard.
#[tauri::command]
pub fn copy_text(app: AppHandle, text: String) -> Res<()> {
    if text.len() > 10_000 {
        return Err(Error::invalid("text", "That is too much to copy.")
            .key(zoomdesk_core::messages::Key::TextTooLong)
            .into());
    }
    app.clipboard()
        .write_text(text)
        .map_err(|e| UiError::from(Error::Internal(format!("clipboard: {e}"))))
}

/// The next occurrences of what the form holds and what they overlap; a validation error
/// while the form is incomplete.
#[tauri::command]
pub async fn preview_meeting(
    state: State<'_, AppState>,
    input: MeetingInput,
    ignore_meeting_id: Option<String>,
) -> Res<zoomdesk_core::schedule::preview::Preview> {
    let ignore = ignore_meeting_id.as_deref().map(meeting_id).transpose()?;
    Ok(state
        .desk()
        .await
        .preview(&input, ignore.map(MeetingId::get))?)
}

/// Saves the meeting as an `.ics` file in Downloads; returns the file's path.
#[tauri::command]
pub async fn export_ics(state: State<'_, AppState>, id: String) -> Res<String> {
    let id = meeting_id(&id)?;
    let path = state.desk().await.export_ics(id).await?;
    Ok(path.display().to_string())
}

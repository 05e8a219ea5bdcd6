//! The tray icon and its menu: today's next meetings (each starts its meeting), Open
//! Zoomdesk, Sync now and Quit; the tooltip names the next meeting. Linux trays send no click
//! events, so everything is in the menu.

use chrono::Utc;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{App, AppHandle, Manager, Wry};
use zoomdesk_core::shell_words::{self, ShellWords};
use zoomdesk_core::store::meetings::WeekItem;

use crate::state::AppState;

const TRAY_ID: &str = "main";
/// Meetings listed in the menu.
const LISTED: usize = 5;
/// Longest topic shown in a menu item.
const TOPIC_CHARS: usize = 40;

/// Adds the tray icon; its menu is filled by [`refresh`].
pub fn setup(app: &mut App) -> tauri::Result<()> {
    let menu = menu(
        app.handle(),
        &[],
        shell_words::words(zoomdesk_core::locale::Language::of_system()),
    )?;
    let mut tray = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("Zoomdesk")
        .menu(&menu)
        .on_menu_event(|app, event| on_menu(app, event.id().as_ref()));
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

fn on_menu(app: &AppHandle, id: &str) {
    match id {
        "open" => crate::focus_main_window(app),
        "quit" => app.exit(0),
        "sync" => app.state::<AppState>().sync_now.notify_one(),
        other => {
            let Some(meeting) = other
                .strip_prefix("start:")
                .and_then(|rest| rest.split(':').next())
                .and_then(|id| id.parse::<i64>().ok())
            else {
                return;
            };
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                let details = zoomdesk_core::links::Destination::Meeting {
                    id: meeting.to_string(),
                    occurrence_id: None,
                };
                match zoomdesk_core::ids::MeetingId::try_from(meeting) {
                    Ok(id) => crate::commands::start_or_show(&app, id, &details).await,
                    Err(e) => tracing::warn!("a tray item with no meeting: {e}"),
                }
            });
        }
    }
}

/// A menu line: "10:00  Design review" (or "Now" for one that started); office hours say so
/// when their topic does not already.
pub fn label(
    item: &WeekItem,
    now: chrono::DateTime<Utc>,
    zone: chrono_tz::Tz,
    words: &ShellWords,
) -> String {
    let when = if item.start <= now {
        words.now.to_string()
    } else {
        item.start.with_timezone(&zone).format("%H:%M").to_string()
    };
    let mut topic: String = item.topic.chars().take(TOPIC_CHARS).collect();
    if item.topic.chars().count() > TOPIC_CHARS {
        topic.push('…');
    }
    if item.office_hours && !item.topic.to_lowercase().contains(words.office_hours_words) {
        topic.push(' ');
        topic.push_str(words.office_hours_tag);
    }
    format!("{when}  {topic}")
}

fn menu(app: &AppHandle, lines: &[(i64, String)], words: &ShellWords) -> tauri::Result<Menu<Wry>> {
    let menu = Menu::new(app)?;
    if lines.is_empty() {
        menu.append(&MenuItem::with_id(
            app,
            "none",
            words.no_more_today,
            false,
            None::<&str>,
        )?)?;
    }
    for (i, (id, text)) in lines.iter().enumerate() {
        menu.append(&MenuItem::with_id(
            app,
            format!("start:{id}:{i}"),
            // Menu labels take '&' as a mnemonic mark (muda escapes '_'); topics must not.
            text.replace('&', "&&"),
            true,
            None::<&str>,
        )?)?;
    }
    for items in [
        [("open", words.open), ("sync", words.sync_now)].as_slice(),
        [("quit", words.quit)].as_slice(),
    ] {
        menu.append(&PredefinedMenuItem::separator(app)?)?;
        for (id, label) in items {
            menu.append(&MenuItem::with_id(app, *id, *label, true, None::<&str>)?)?;
        }
    }
    Ok(menu)
}

/// Fills the menu and tooltip from the cache (after each sync and every minute).
pub async fn refresh(app: &AppHandle) {
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let desk = app.state::<AppState>().desk().await;
    let now = Utc::now();
    let zone = desk.display_zone();
    let words = shell_words::words(desk.settings().language());
    let items = desk.next_today(now, LISTED).unwrap_or_else(|e| {
        tracing::warn!("tray: {e}");
        Vec::new()
    });
    let lines: Vec<(i64, String)> = items
        .iter()
        .map(|i| (i.meeting_id, label(i, now, zone, words)))
        .collect();
    let tooltip = match items.first() {
        Some(next) => format!("{} {}", words.tooltip_next, label(next, now, zone, words)),
        None => words.tooltip_none.to_string(),
    };
    let result = menu(app, &lines, words).and_then(|m| tray.set_menu(Some(m)));
    if let Err(e) = result.and_then(|()| tray.set_tooltip(Some(&tooltip))) {
        tracing::warn!("tray: {e}");
    }
}

/// Keeps the tray's list current as meetings start and end.
pub fn spawn(app: AppHandle) {
    crate::supervise::spawn("tray", move || {
        let app = app.clone();
        async move {
            loop {
                refresh(&app).await;
                tokio::time::sleep(std::time::Duration::from_secs(60)).await;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use zoomdesk_core::locale::Language;

    fn en() -> &'static ShellWords {
        shell_words::words(Language::En)
    }

    fn item(topic: &str, start: chrono::DateTime<Utc>) -> WeekItem {
        WeekItem {
            meeting_id: 1,
            occurrence_id: String::new(),
            topic: topic.into(),
            start,
            duration: Some(30),
            timezone: None,
            recurring: false,
            office_hours: false,
        }
    }

    #[test]
    fn menu_lines_read_time_then_topic_in_the_users_zone() {
        let zone: chrono_tz::Tz = "Europe/Madrid".parse().expect("zone");
        let start = Utc
            .with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
            .single()
            .expect("t");
        let now = start - chrono::Duration::minutes(30);
        assert_eq!(
            label(&item("Design review", start), now, zone, en()),
            "10:00  Design review"
        );
        assert_eq!(
            label(&item("Design review", start), start, zone, en()),
            "Now  Design review"
        );
        let long = "A very long topic that goes on and on past forty characters";
        assert_eq!(
            label(&item(long, start), now, zone, en()),
            "10:00  A very long topic that goes on and on pa…"
        );
        let mut drop_in = item("Drop-in", start);
        drop_in.office_hours = true;
        assert_eq!(
            label(&drop_in, now, zone, en()),
            "10:00  Drop-in (office hours)"
        );
        let mut named = item("Office hours: Ana", start);
        named.office_hours = true;
        assert_eq!(label(&named, now, zone, en()), "10:00  Office hours: Ana");
        let es = shell_words::words(Language::Es);
        assert_eq!(
            label(&drop_in, now, zone, es),
            "10:00  Drop-in (horario de atención)"
        );
        assert_eq!(
            label(&item("Revisión", start), start, zone, es),
            "Ahora  Revisión"
        );
    }
}

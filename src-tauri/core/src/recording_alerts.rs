//! "New recording" notifications: once per recording, when a sync finds it completed and the
//! cache had not announced it; none for what was already there at the first sync of a cache (a
//! first sign-in, a rebuilt cache), so the user is never flooded.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::error::Result;
use crate::locale::Language;
use crate::reminders::wording::{span, Text};
use crate::store::notified::NoticeKind;
use crate::store::recordings::RecordingChanges;
use crate::store::Store;

/// A recording to announce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordingAlert {
    /// The recording's UUID (its details page).
    pub uuid: String,
    /// The words.
    pub text: Text,
}

/// The recordings of `changes` to announce, each marked in the cache first. With `first_sync`
/// (the cache had never synced recordings) everything is marked and nothing announced.
pub fn announce(
    store: &Store,
    changes: &RecordingChanges,
    first_sync: bool,
    zone: Tz,
    lang: Language,
) -> Result<Vec<RecordingAlert>> {
    let mut out = Vec::new();
    for uuid in changes.new.iter().chain(&changes.updated) {
        let Some(rec) = store.recording(uuid)? else {
            continue;
        };
        if !rec.completed || store.was_notified(NoticeKind::Recording, uuid)? {
            continue;
        }
        let first = store.mark_notified(NoticeKind::Recording, uuid)?;
        if first && !first_sync {
            out.push(RecordingAlert {
                uuid: uuid.clone(),
                text: text(&rec.topic, rec.duration, rec.start_time, zone, lang),
            });
        }
    }
    Ok(out)
}

/// "New recording: Design review (45 min)" and when it was recorded, in `lang`.
pub fn text(
    topic: &str,
    minutes: Option<u32>,
    start: DateTime<Utc>,
    zone: Tz,
    lang: Language,
) -> Text {
    let topic = topic.trim();
    let new = lang.pick("New recording", "Nueva grabación");
    let summary = match minutes.filter(|m| *m > 0) {
        Some(m) => format!("{new}: {topic} ({})", span(i64::from(m))),
        None => format!("{new}: {topic}"),
    };
    let body = format!(
        "{} {}",
        lang.pick("Recorded", "Grabada el"),
        lang.short_date_time(&start.with_timezone(&zone))
    );
    Text {
        summary,
        body,
        language: lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::recordings::tests::recorded;
    use crate::store::test_support::at;

    fn madrid() -> Tz {
        "Europe/Madrid".parse().expect("zone")
    }

    fn sync(store: &Store, list: &[crate::zoom::models::RecordingMeeting]) -> RecordingChanges {
        let to = at(2026, 12, 2, 0, 0);
        store
            .replace_recordings(to - chrono::Duration::days(8), to, list)
            .expect("stores")
    }

    #[test]
    fn the_first_sync_announces_nothing_and_a_new_one_is_announced_once() {
        let store = Store::open_in_memory().expect("opens");
        let old = recorded("old==", 1, at(2026, 11, 27, 10, 0));
        let changes = sync(&store, std::slice::from_ref(&old));
        assert!(announce(&store, &changes, true, madrid(), Language::En)
            .expect("ok")
            .is_empty());

        let new = recorded("new==", 2, at(2026, 12, 1, 9, 0));
        let changes = sync(&store, &[old.clone(), new.clone()]);
        let alerts = announce(&store, &changes, false, madrid(), Language::En).expect("ok");
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].uuid, "new==");
        assert_eq!(alerts[0].text.summary, "New recording: Meeting 2 (30 min)");
        assert_eq!(alerts[0].text.body, "Recorded Tue 1 Dec, 10:00");
        let es = text(
            "Reunión 2",
            Some(30),
            at(2026, 12, 1, 9, 0),
            madrid(),
            Language::Es,
        );
        assert_eq!(es.summary, "Nueva grabación: Reunión 2 (30 min)");
        assert_eq!(es.body, "Grabada el mar 1 dic, 10:00");
        // The same changes seen again (a restart re-reading them) announce nothing.
        assert!(announce(&store, &changes, false, madrid(), Language::En)
            .expect("ok")
            .is_empty());
    }

    #[test]
    fn a_recording_is_announced_when_it_finishes_processing() {
        let store = Store::open_in_memory().expect("opens");
        sync(&store, &[]);
        let mut rec = recorded("r==", 3, at(2026, 12, 1, 9, 0));
        rec.recording_files[0].status = Some("processing".into());
        let changes = sync(&store, std::slice::from_ref(&rec));
        assert!(announce(&store, &changes, false, madrid(), Language::En)
            .expect("ok")
            .is_empty());
        rec.recording_files[0].status = Some("completed".into());
        let changes = sync(&store, std::slice::from_ref(&rec));
        let alerts = announce(&store, &changes, false, madrid(), Language::En).expect("ok");
        assert_eq!(alerts.len(), 1, "announced once it can be played");
    }
}

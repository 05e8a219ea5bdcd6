//! The words of the desktop shell (tray menu and tooltip, notification buttons) in each
//! language. The notices' own sentences are in [`crate::reminders::wording`] and
//! [`crate::recording_alerts`].

use crate::locale::Language;

/// One language's tray and notification words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShellWords {
    /// A menu line's time for a meeting that already started.
    pub now: &'static str,
    /// The menu's line when nothing is left today.
    pub no_more_today: &'static str,
    /// The tooltip when nothing is left today.
    pub tooltip_none: &'static str,
    /// The tooltip's words before the next meeting's line.
    pub tooltip_next: &'static str,
    /// Menu: show the window.
    pub open: &'static str,
    /// Menu: sync now.
    pub sync_now: &'static str,
    /// Menu: quit.
    pub quit: &'static str,
    /// Said after an office-hours topic that does not say so itself.
    pub office_hours_tag: &'static str,
    /// What a topic holds when it already says it is office hours (lowercase).
    pub office_hours_words: &'static str,
    /// Reminder: a click on the notice.
    pub open_reminder: &'static str,
    /// Reminder button.
    pub start_meeting: &'static str,
    /// Reminder button.
    pub snooze: &'static str,
    /// Recording button.
    pub play: &'static str,
    /// Recording button.
    pub details: &'static str,
}

const EN: ShellWords = ShellWords {
    now: "Now",
    no_more_today: "No more meetings today",
    tooltip_none: "Zoomdesk: no more meetings today",
    tooltip_next: "Zoomdesk: next,",
    open: "Open Zoomdesk",
    sync_now: "Sync now",
    quit: "Quit Zoomdesk",
    office_hours_tag: "(office hours)",
    office_hours_words: "office hours",
    open_reminder: "Open reminder",
    start_meeting: "Start meeting",
    snooze: "Snooze 5 min",
    play: "Play",
    details: "Details",
};

const ES: ShellWords = ShellWords {
    now: "Ahora",
    no_more_today: "No quedan reuniones hoy",
    tooltip_none: "Zoomdesk: no quedan reuniones hoy",
    tooltip_next: "Zoomdesk: la próxima,",
    open: "Abrir Zoomdesk",
    sync_now: "Sincronizar ahora",
    quit: "Salir de Zoomdesk",
    office_hours_tag: "(horario de atención)",
    office_hours_words: "horario de atención",
    open_reminder: "Abrir el recordatorio",
    start_meeting: "Iniciar reunión",
    snooze: "Posponer 5 min",
    play: "Reproducir",
    details: "Detalles",
};

/// The words of `lang`.
pub fn words(lang: Language) -> &'static ShellWords {
    match lang {
        Language::En => &EN,
        Language::Es => &ES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_word() {
        for lang in Language::ALL {
            let w = words(lang);
            for word in [
                w.now,
                w.no_more_today,
                w.tooltip_none,
                w.tooltip_next,
                w.open,
                w.sync_now,
                w.quit,
                w.office_hours_tag,
                w.office_hours_words,
                w.open_reminder,
                w.start_meeting,
                w.snooze,
                w.play,
                w.details,
            ] {
                assert!(!word.trim().is_empty(), "{lang:?}");
            }
        }
        assert_ne!(words(Language::En), words(Language::Es));
    }
}

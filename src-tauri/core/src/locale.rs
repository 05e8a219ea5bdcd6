//! The language Zoomdesk speaks: the one the user chose in Settings, else the system's
//! (LANG/LC_* on Linux, the UI language on Windows and macOS), else English.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language Zoomdesk has a catalog for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Language {
    /// English (what Zoomdesk speaks when it has no catalog for the system's language).
    #[default]
    En,
    /// Spanish.
    Es,
}

impl Language {
    /// Every language, in the order Settings lists them.
    pub const ALL: [Language; 2] = [Language::En, Language::Es];

    /// Its BCP 47 tag, as the UI's `Intl` takes it.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }

    /// The language of a locale name: `es`, `es-ES`, `es_MX.UTF-8`, `ES`; `None` when
    /// Zoomdesk has no catalog for it (`C`, `POSIX`, `fr_FR`).
    pub fn from_locale(name: &str) -> Option<Language> {
        let primary = name
            .trim()
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Language::En),
            "es" => Some(Language::Es),
            _ => None,
        }
    }

    /// The first of `locales` (the system's, most preferred first) Zoomdesk speaks, else
    /// English.
    pub fn first_of<I: IntoIterator<Item = S>, S: AsRef<str>>(locales: I) -> Language {
        locales
            .into_iter()
            .find_map(|l| Language::from_locale(l.as_ref()))
            .unwrap_or(Language::En)
    }

    /// The system's language.
    pub fn of_system() -> Language {
        Language::first_of(sys_locale::get_locales())
    }

    /// The language in force: `chosen` (a Settings value such as `"es"`) when it names one,
    /// else the system's.
    pub fn resolve(chosen: Option<&str>) -> Language {
        chosen
            .and_then(Language::from_locale)
            .unwrap_or_else(Language::of_system)
    }

    /// "Wed 2 Dec, 10:00" / "mié 2 dic, 10:00": a short date and time as notifications write
    /// them.
    pub fn short_date_time<Z: chrono::TimeZone>(self, t: &chrono::DateTime<Z>) -> String
    where
        Z::Offset: std::fmt::Display,
    {
        use chrono::{Datelike, Timelike};
        const EN_DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const ES_DAYS: [&str; 7] = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"];
        const EN_MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        const ES_MONTHS: [&str; 12] = [
            "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
        ];
        let (days, months) = match self {
            Language::En => (EN_DAYS, EN_MONTHS),
            Language::Es => (ES_DAYS, ES_MONTHS),
        };
        let day = days[t.weekday().num_days_from_monday() as usize];
        let month = months[t.month0() as usize];
        format!(
            "{day} {} {month}, {:02}:{:02}",
            t.day(),
            t.hour(),
            t.minute()
        )
    }

    /// English or Spanish text, whichever is this language's.
    pub fn pick<'a>(self, en: &'a str, es: &'a str) -> &'a str {
        match self {
            Language::En => en,
            Language::Es => es,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_map_to_the_languages_we_speak() {
        for (name, lang) in [
            ("es", Some(Language::Es)),
            ("es-ES", Some(Language::Es)),
            ("es_MX.UTF-8", Some(Language::Es)),
            ("ES", Some(Language::Es)),
            ("en_GB.UTF-8", Some(Language::En)),
            ("en-US", Some(Language::En)),
            ("C", None),
            ("POSIX", None),
            ("fr_FR.UTF-8", None),
            ("", None),
        ] {
            assert_eq!(Language::from_locale(name), lang, "{name}");
        }
    }

    #[test]
    fn the_first_system_language_we_speak_wins_else_english() {
        assert_eq!(
            Language::first_of(["fr-FR", "es-ES", "en-US"]),
            Language::Es
        );
        assert_eq!(Language::first_of(["de-DE"]), Language::En);
        assert_eq!(Language::first_of(Vec::<String>::new()), Language::En);
    }

    #[test]
    fn short_dates_read_naturally_in_each_language() {
        use chrono::TimeZone;
        let t = chrono_tz::Europe::Madrid
            .with_ymd_and_hms(2026, 12, 2, 10, 5, 0)
            .single()
            .expect("valid");
        assert_eq!(Language::En.short_date_time(&t), "Wed 2 Dec, 10:05");
        assert_eq!(Language::Es.short_date_time(&t), "mié 2 dic, 10:05");
    }

    #[test]
    fn a_setting_overrides_the_system() {
        assert_eq!(Language::resolve(Some("es")), Language::Es);
        assert_eq!(Language::resolve(Some("en")), Language::En);
    }
}

//! The catalog keys of error messages tied to a form field or an input (`errors.`/`backend.`
//! in the UI's catalog): one list, which the catalog is checked against.

/// Declares [`Key`] with each variant's catalog key, and [`Key::ALL`].
macro_rules! keys {
    ($($variant:ident = $key:literal,)*) => {
        /// The catalog key of a message, e.g. `passcode.tooLong`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key {
            $(
                #[doc = $key]
                $variant,
            )*
        }

        impl Key {
            /// Every key.
            pub const ALL: &'static [Key] = &[$(Key::$variant,)*];

            /// The key as the catalog writes it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Key::$variant => $key,)*
                }
            }
        }
    };
}

keys! {
    AgendaTooLong = "agenda.tooLong",
    AlternativeHostsNotEmail = "alternativeHosts.notEmail",
    ClientIdInvalid = "clientId.invalid",
    ClientIdMissing = "clientId.missing",
    DaysEmpty = "days.empty",
    DaysInvalid = "days.invalid",
    DialInCountriesNotCountry = "dialInCountries.notCountry",
    DisplayTimezoneUnknown = "displayTimezone.unknown",
    DownloadDiskFull = "download.diskFull",
    LanguageUnknown = "language.unknown",
    DownloadFolder = "download.folder",
    DownloadRunning = "download.running",
    DurationRange = "duration.range",
    EndCountRange = "endCount.range",
    EndDateBeforeStart = "endDate.beforeStart",
    EveryRangeDays = "every.rangeDays",
    EveryRangeMonths = "every.rangeMonths",
    EveryRangeWeeks = "every.rangeWeeks",
    FileKeyInvalid = "fileKey.invalid",
    FileKeyNotMedia = "fileKey.notMedia",
    IdInvalid = "id.invalid",
    MonthDayRange = "monthDay.range",
    MonthWeekRange = "monthWeek.range",
    OccurrenceIdInvalid = "occurrenceId.invalid",
    PasscodeBadChar = "passcode.badChar",
    PasscodeTooLong = "passcode.tooLong",
    PathNotDownload = "path.notDownload",
    ReminderLeadMinutesRange = "reminderLeadMinutes.range",
    SecondsInvalid = "seconds.invalid",
    TextTooLong = "text.tooLong",
    TimeMissing = "time.missing",
    TimePast = "time.past",
    TimeRepeated = "time.repeated",
    TimezoneUnknown = "timezone.unknown",
    TopicEmpty = "topic.empty",
    TopicTooLong = "topic.tooLong",
    UrlInvalid = "url.invalid",
    UrlNotZoom = "url.notZoom",
    UuidInvalid = "uuid.invalid",
}

//! The command line: subcommands and the meeting fields they take.

use chrono::{NaiveDate, NaiveDateTime, Weekday};
use clap::{Args, Parser, Subcommand, ValueEnum};
use zoomdesk_core::desk::OccurrenceEdit;
use zoomdesk_core::error::{Error, Result};
use zoomdesk_core::ids::MeetingId;
use zoomdesk_core::schedule::input::{MeetingInput, Repeat, SeriesEnd};
use zoomdesk_core::schedule::saved;
use zoomdesk_core::schedule::zones::Fold;
use zoomdesk_core::store::meetings::CachedMeeting;

/// Zoomdesk from the command line.
#[derive(Parser, Debug)]
#[command(name = "zoomdesk-cli", version, about)]
pub struct Cli {
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Top-level commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Sign in to Zoom in the browser.
    Login,
    /// Sign out (revokes the sign-in; keeps the offline cache).
    Logout,
    /// Show the signed-in user.
    Whoami,
    /// Pull this week's meetings and recent recordings into the cache.
    Sync,
    /// This week's meetings from the cache.
    Week {
        /// Only meetings whose topic contains this text.
        #[arg(long)]
        search: Option<String>,
    },
    /// A month of office hours from the cache (this month unless --month YYYY-MM).
    OfficeHours {
        /// The month, YYYY-MM.
        #[arg(long)]
        month: Option<zoomdesk_core::office_hours::Month>,
    },
    /// Meetings.
    #[command(subcommand)]
    Meeting(MeetingCommand),
    /// Cloud recordings of the last 7 days, from the cache.
    Recordings,
}

/// `meeting ...` commands.
#[derive(Subcommand, Debug)]
pub enum MeetingCommand {
    /// Details of a meeting (fetched from Zoom).
    Show {
        /// Meeting id.
        id: MeetingId,
    },
    /// Schedule a meeting.
    Create(Box<Fields>),
    /// Change a meeting, or one occurrence of a recurring one.
    Update {
        /// Meeting id.
        id: MeetingId,
        /// Change only this occurrence (start, duration and agenda only).
        #[arg(long)]
        occurrence: Option<String>,
        /// New values (omitted ones stay as they are).
        #[command(flatten)]
        fields: Box<Fields>,
    },
    /// Delete a meeting, or one occurrence.
    Delete {
        /// Meeting id.
        id: MeetingId,
        /// Delete only this occurrence.
        #[arg(long)]
        occurrence: Option<String>,
    },
    /// Print Zoom's invitation text.
    Invitation {
        /// Meeting id.
        id: MeetingId,
    },
    /// Open a fresh host start link in the browser.
    Start {
        /// Meeting id.
        id: MeetingId,
    },
}

/// Recurrence on the command line.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepeatKind {
    /// One-time.
    Once,
    /// Every N days.
    Daily,
    /// Every N weeks on --days.
    Weekly,
    /// Every N months on --month-day, or on --month-week + --month-weekday.
    Monthly,
}

/// Meeting fields.
#[derive(Args, Debug, Default)]
pub struct Fields {
    /// Title.
    #[arg(long)]
    pub topic: Option<String>,
    /// Start, as "YYYY-MM-DD HH:MM" in --zone.
    #[arg(long)]
    pub start: Option<String>,
    /// IANA time zone (default: the system's).
    #[arg(long)]
    pub zone: Option<String>,
    /// When the start time happens twice (clocks going back): earlier or later.
    #[arg(long)]
    pub fold: Option<String>,
    /// Minutes.
    #[arg(long)]
    pub duration: Option<u32>,
    /// Recurrence.
    #[arg(long, value_enum)]
    pub repeat: Option<RepeatKind>,
    /// Repeat every N days, weeks or months.
    #[arg(long, default_value_t = 1)]
    pub every: u32,
    /// Weekly: days such as mon,wed.
    #[arg(long, value_delimiter = ',')]
    pub days: Vec<String>,
    /// Monthly: day of the month.
    #[arg(long)]
    pub month_day: Option<u32>,
    /// Monthly: week of the month (1-4, or -1 for the last).
    #[arg(long, allow_negative_numbers = true)]
    pub month_week: Option<i32>,
    /// Monthly: weekday of that week, such as fri.
    #[arg(long)]
    pub month_weekday: Option<String>,
    /// End after N occurrences.
    #[arg(long)]
    pub count: Option<u32>,
    /// End on this date (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// Passcode (letters, digits, @ - _ * !; at most 10).
    #[arg(long)]
    pub passcode: Option<String>,
    /// Alternative host email (repeat for several).
    #[arg(long = "alt-host")]
    pub alt_hosts: Vec<String>,
    /// Dial-in country code such as US (repeat for several).
    #[arg(long = "dial-in")]
    pub dial_in: Vec<String>,
    /// Description.
    #[arg(long)]
    pub agenda: Option<String>,
    /// Mark it as office hours (only when creating: a change keeps the meeting's mark).
    #[arg(long)]
    pub office_hours: bool,
}

fn weekday(s: &str, field: &str) -> Result<u8> {
    s.trim()
        .parse::<Weekday>()
        .map(|d| d.num_days_from_sunday() as u8)
        .map_err(|_| {
            Error::invalid(
                field,
                format!("“{s}” is not a day of the week (mon, tue, ...)."),
            )
        })
}

fn date(s: &str, field: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("“{s}” is not a date like 2026-12-01.")))
}

fn start(s: &str) -> Result<NaiveDateTime> {
    let s = s.trim().replace('T', " ");
    NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M:%S"))
        .map_err(|_| {
            Error::invalid(
                "time",
                format!("“{s}” is not a start like \"2026-12-01 09:30\"."),
            )
        })
}

fn fold(s: &Option<String>) -> Result<Option<Fold>> {
    match s.as_deref() {
        None => Ok(None),
        Some("earlier") => Ok(Some(Fold::Earlier)),
        Some("later") => Ok(Some(Fold::Later)),
        Some(other) => Err(Error::invalid(
            "fold",
            format!("--fold is earlier or later, not “{other}”."),
        )),
    }
}

fn system_zone() -> String {
    zoomdesk_core::schedule::zones::system_zone_name()
}

impl Fields {
    /// True when a recurrence option was given (so the rule changes).
    fn changes_repeat(&self) -> bool {
        self.repeat.is_some()
            || self.every != 1
            || !self.days.is_empty()
            || self.month_day.is_some()
            || self.month_week.is_some()
            || self.month_weekday.is_some()
            || self.count.is_some()
            || self.until.is_some()
    }

    /// The meeting these fields describe; `current` (an update) supplies what they leave out,
    /// through core's own reading of the saved meeting: a monthly series stays monthly, its
    /// end stays its end.
    pub fn to_input(&self, current: Option<&CachedMeeting>) -> Result<MeetingInput> {
        let base = current.and_then(|c| saved::input_of(c, None, system_tz()));
        let zone = self
            .zone
            .clone()
            .or_else(|| base.as_ref().map(|b| b.timezone.clone()))
            .unwrap_or_else(system_zone);
        zoomdesk_core::schedule::zones::zone(&zone)?;
        let begins = match (&self.start, &base) {
            (Some(s), _) => start(s)?,
            (None, Some(b)) => b.date.and_time(b.time),
            (None, None) => {
                return Err(Error::invalid(
                    "time",
                    "Give a start with --start \"YYYY-MM-DD HH:MM\".",
                ))
            }
        };
        let topic = self
            .topic
            .clone()
            .or_else(|| base.as_ref().map(|b| b.topic.clone()))
            .ok_or_else(|| Error::invalid("topic", "Give a title with --topic."))?;
        let repeat = match &base {
            Some(b) if !self.changes_repeat() => b.repeat.clone(),
            _ => self.repeat_from_flags(begins.date(), base.as_ref().map(|b| &b.repeat))?,
        };
        Ok(MeetingInput {
            topic,
            date: begins.date(),
            time: begins.time(),
            fold: fold(&self.fold)?,
            timezone: zone,
            duration: self
                .duration
                .or(base.as_ref().map(|b| b.duration))
                .unwrap_or(60),
            repeat,
            passcode: self
                .passcode
                .clone()
                .or_else(|| base.as_ref().map(|b| b.passcode.clone()))
                .unwrap_or_default(),
            alternative_hosts: if self.alt_hosts.is_empty() {
                base.as_ref()
                    .map(|b| b.alternative_hosts.clone())
                    .unwrap_or_default()
            } else {
                self.alt_hosts.clone()
            },
            dial_in_countries: self.dial_in.clone(),
            agenda: self
                .agenda
                .clone()
                .or_else(|| base.as_ref().map(|b| b.agenda.clone()))
                .unwrap_or_default(),
            office_hours: self.office_hours || base.is_some_and(|b| b.office_hours),
        })
    }

    /// The repeat the recurrence options describe; what they leave out comes from `current`
    /// (its kind, its end), else a weekly-or-once default and ten occurrences.
    fn repeat_from_flags(&self, first: NaiveDate, current: Option<&Repeat>) -> Result<Repeat> {
        let current_end = current.and_then(|r| match r {
            Repeat::Once => None,
            Repeat::Daily { end, .. }
            | Repeat::Weekly { end, .. }
            | Repeat::MonthlyByDay { end, .. }
            | Repeat::MonthlyByWeekday { end, .. } => Some(end.clone()),
        });
        let end = match (&self.until, self.count) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid(
                    "endCount",
                    "Use --count or --until, not both.",
                ))
            }
            (Some(u), None) => SeriesEnd::On {
                date: date(u, "endDate")?,
            },
            (None, Some(n)) => SeriesEnd::After { count: n },
            (None, None) => current_end.unwrap_or(SeriesEnd::After {
                count: saved::DEFAULT_COUNT,
            }),
        };
        let kind = self.repeat.unwrap_or(match current {
            Some(Repeat::Daily { .. }) => RepeatKind::Daily,
            Some(Repeat::Weekly { .. }) => RepeatKind::Weekly,
            Some(Repeat::MonthlyByDay { .. } | Repeat::MonthlyByWeekday { .. }) => {
                RepeatKind::Monthly
            }
            Some(Repeat::Once) | None => RepeatKind::Once,
        });
        Ok(match kind {
            RepeatKind::Once => Repeat::Once,
            RepeatKind::Daily => Repeat::Daily {
                every: self.every,
                end,
            },
            RepeatKind::Weekly => {
                let days = if !self.days.is_empty() {
                    self.days
                        .iter()
                        .map(|d| weekday(d, "days"))
                        .collect::<Result<_>>()?
                } else if let Some(Repeat::Weekly { days, .. }) = current {
                    days.clone()
                } else {
                    vec![first.weekday().num_days_from_sunday() as u8]
                };
                Repeat::Weekly {
                    every: self.every,
                    days,
                    end,
                }
            }
            RepeatKind::Monthly => match (self.month_week, &self.month_weekday, current) {
                (Some(week), Some(day), _) => Repeat::MonthlyByWeekday {
                    every: self.every,
                    week,
                    weekday: weekday(day, "monthWeekday")?,
                    end,
                },
                (None, None, Some(Repeat::MonthlyByWeekday { week, weekday, .. }))
                    if self.month_day.is_none() =>
                {
                    Repeat::MonthlyByWeekday {
                        every: self.every,
                        week: *week,
                        weekday: *weekday,
                        end,
                    }
                }
                _ => Repeat::MonthlyByDay {
                    every: self.every,
                    day: self.month_day.unwrap_or_else(|| match current {
                        Some(Repeat::MonthlyByDay { day, .. }) => *day,
                        _ => first.day(),
                    }),
                    end,
                },
            },
        })
    }

    /// A change of occurrence `occurrence` of `current`: what the options leave out stays as
    /// the occurrence has it (its start, its own duration, the meeting's zone and agenda).
    pub fn to_occurrence_edit(
        &self,
        current: &CachedMeeting,
        occurrence: &str,
    ) -> Result<OccurrenceEdit> {
        let base = saved::input_of(current, Some(occurrence), system_tz()).ok_or_else(|| {
            Error::invalid("occurrence", "That meeting has no occurrence with this id.")
        })?;
        if !current
            .occurrences
            .iter()
            .flatten()
            .any(|o| o.occurrence_id == occurrence)
        {
            return Err(Error::invalid(
                "occurrence",
                "That meeting has no occurrence with this id.",
            ));
        }
        let begins = match &self.start {
            Some(s) => start(s)?,
            None => base.date.and_time(base.time),
        };
        Ok(OccurrenceEdit {
            date: begins.date(),
            time: begins.time(),
            fold: fold(&self.fold)?,
            timezone: self.zone.clone().unwrap_or(base.timezone),
            duration: self.duration.unwrap_or(base.duration),
            agenda: self.agenda.clone().unwrap_or(base.agenda),
        })
    }
}

fn system_tz() -> chrono_tz::Tz {
    zoomdesk_core::schedule::zones::zone(&system_zone()).unwrap_or(chrono_tz::UTC)
}

use chrono::Datelike;

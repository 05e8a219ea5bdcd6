//! A saved meeting as the form would submit it: Zoom's recurrence rule turned into the typed
//! [`Repeat`] once, here, for the modify form, the command line's updates and office hours.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::schedule::input::{MeetingInput, Repeat, SeriesEnd};
use crate::schedule::recurrence::zoom_day;
use crate::schedule::zones;
use crate::store::meetings::CachedMeeting;
use crate::zoom::models::Recurrence;

/// Occurrences a series is given when nothing says how many (Zoom's own default is 1; a
/// form offering 1 would make a series of one).
pub const DEFAULT_COUNT: u32 = 10;

/// Zoom's rule as the form's typed repeat; `None` when the rule is one Zoomdesk cannot
/// express (an unknown type), so the caller can keep it as it is.
pub fn repeat_of(rule: &Recurrence, tz: Tz, occurrences: usize) -> Option<Repeat> {
    let every = rule.repeat_interval.unwrap_or(1).max(1);
    let end = match (rule.end_date_time, rule.end_times) {
        (Some(at), _) => SeriesEnd::On {
            date: at.with_timezone(&tz).date_naive(),
        },
        (None, Some(n)) if n > 0 => SeriesEnd::After { count: n },
        _ => SeriesEnd::After {
            count: u32::try_from(occurrences).unwrap_or(DEFAULT_COUNT).max(1),
        },
    };
    Some(match rule.recurrence_type {
        1 => Repeat::Daily { every, end },
        2 => Repeat::Weekly {
            every,
            days: rule
                .weekly_days
                .as_deref()
                .unwrap_or("")
                .split(',')
                .filter_map(|d| d.trim().parse::<u32>().ok())
                .filter_map(zoom_day)
                .map(|d| d.num_days_from_sunday() as u8)
                .collect(),
            end,
        },
        3 => match (rule.monthly_day, rule.monthly_week, rule.monthly_week_day) {
            (Some(day), _, _) => Repeat::MonthlyByDay { every, day, end },
            (None, Some(week), Some(weekday)) => Repeat::MonthlyByWeekday {
                every,
                week,
                weekday: zoom_day(weekday)?.num_days_from_sunday() as u8,
                end,
            },
            _ => return None,
        },
        _ => return None,
    })
}

/// The meeting (or, with `occurrence_id`, that occurrence's start and duration) as the form
/// would submit it. `None` for meetings without a fixed time. The zone is the meeting's, else
/// `fallback`.
pub fn input_of(
    m: &CachedMeeting,
    occurrence_id: Option<&str>,
    fallback: Tz,
) -> Option<MeetingInput> {
    let tz = m
        .timezone
        .as_deref()
        .and_then(|z| zones::zone(z).ok())
        .unwrap_or(fallback);
    let occurrences = m.occurrences.as_deref().unwrap_or_default();
    let occurrence =
        occurrence_id.and_then(|id| occurrences.iter().find(|o| o.occurrence_id == id));
    let start: DateTime<Utc> = occurrence
        .map(|o| o.start_time)
        .or(m.start_time)
        .or_else(|| occurrences.first().map(|o| o.start_time))?;
    let local = start.with_timezone(&tz).naive_local();
    let repeat = match &m.recurrence {
        Some(rule) if m.is_recurring() => repeat_of(rule, tz, occurrences.len())?,
        _ => Repeat::Once,
    };
    Some(MeetingInput {
        topic: m.topic.clone(),
        date: local.date(),
        time: local.time(),
        fold: None,
        timezone: tz.name().to_string(),
        duration: occurrence
            .and_then(|o| o.duration)
            .or(m.duration)
            .unwrap_or(60),
        repeat,
        passcode: m
            .passcode
            .as_ref()
            .map(|p| p.expose().clone())
            .unwrap_or_default(),
        alternative_hosts: m.host_list(),
        dial_in_countries: Vec::new(),
        agenda: m.agenda.clone().unwrap_or_default(),
        office_hours: m.office_hours.unwrap_or(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::meetings::CachedOccurrence;
    use crate::store::test_support::at;

    fn rule(kind: u8) -> Recurrence {
        Recurrence {
            recurrence_type: kind,
            repeat_interval: Some(2),
            weekly_days: None,
            monthly_day: None,
            monthly_week: None,
            monthly_week_day: None,
            end_times: Some(6),
            end_date_time: None,
        }
    }

    #[test]
    fn zoom_rules_become_the_forms_repeat() {
        let tz = chrono_tz::Europe::Madrid;
        let weekly = Recurrence {
            weekly_days: Some("2,4".into()),
            ..rule(2)
        };
        assert_eq!(
            repeat_of(&weekly, tz, 0),
            Some(Repeat::Weekly {
                every: 2,
                days: vec![1, 3],
                end: SeriesEnd::After { count: 6 }
            })
        );
        let monthly = Recurrence {
            monthly_week: Some(-1),
            monthly_week_day: Some(6),
            end_times: None,
            // 23:30 UTC on the 30th is already the 31st in Madrid.
            end_date_time: Some(at(2027, 3, 30, 23, 30)),
            ..rule(3)
        };
        assert_eq!(
            repeat_of(&monthly, tz, 0),
            Some(Repeat::MonthlyByWeekday {
                every: 2,
                week: -1,
                weekday: 5,
                end: SeriesEnd::On {
                    date: chrono::NaiveDate::from_ymd_opt(2027, 3, 31).expect("date")
                }
            })
        );
        let by_day = Recurrence {
            monthly_day: Some(15),
            end_times: None,
            ..rule(3)
        };
        assert_eq!(
            repeat_of(&by_day, tz, 4),
            Some(Repeat::MonthlyByDay {
                every: 2,
                day: 15,
                end: SeriesEnd::After { count: 4 }
            }),
            "no end in the rule: as many as Zoom listed"
        );
        assert_eq!(repeat_of(&rule(9), tz, 0), None);
    }

    #[test]
    fn an_occurrence_keeps_its_own_start_and_duration() {
        let m = CachedMeeting {
            id: 1,
            topic: "Sync".into(),
            meeting_type: 8,
            start_time: Some(at(2026, 12, 7, 9, 0)),
            duration: Some(30),
            timezone: Some("Europe/Madrid".into()),
            agenda: None,
            join_url: None,
            passcode: None,
            recurrence: Some(Recurrence {
                monthly_day: Some(7),
                ..rule(3)
            }),
            alternative_hosts: Some("a@example.com;b@example.com".into()),
            dial_in_numbers: vec![],
            details: true,
            office_hours: None,
            occurrences: Some(vec![CachedOccurrence {
                occurrence_id: "1800".into(),
                start_time: at(2027, 2, 7, 16, 0),
                duration: Some(45),
                status: "available".into(),
            }]),
        };
        let series = input_of(&m, None, chrono_tz::UTC).expect("input");
        assert_eq!(series.time.to_string(), "10:00:00");
        assert_eq!(series.duration, 30);
        assert!(matches!(series.repeat, Repeat::MonthlyByDay { day: 7, .. }));
        assert_eq!(series.alternative_hosts.len(), 2);
        let one = input_of(&m, Some("1800"), chrono_tz::UTC).expect("input");
        assert_eq!(one.date.to_string(), "2027-02-07");
        assert_eq!(one.time.to_string(), "17:00:00");
        assert_eq!(one.duration, 45);
    }
}

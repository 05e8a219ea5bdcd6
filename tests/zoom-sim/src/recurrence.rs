//! Zoom recurrence rules and their occurrences, computed in the meeting's own time zone.

use crate::timefmt::{resolve_local, zulu};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

/// A validated `recurrence` object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Recurrence {
    /// 1 daily, 2 weekly, 3 monthly.
    pub kind: u8,
    pub repeat_interval: u32,
    /// Weekly: day numbers 1 = Sunday .. 7 = Saturday, sorted.
    pub weekly_days: Vec<u32>,
    pub monthly_day: Option<u32>,
    pub monthly_week: Option<i32>,
    pub monthly_week_day: Option<u32>,
    /// Number of occurrences; 0 means no end.
    pub end_times: Option<u32>,
    pub end_date_time: Option<DateTime<Utc>>,
}

/// Most occurrences generated for a series without a fixed end.
const ENDLESS_CAP: usize = 400;

impl Recurrence {
    /// The object as Zoom returns it.
    pub(crate) fn to_json(&self) -> Value {
        let mut v = json!({ "type": self.kind, "repeat_interval": self.repeat_interval });
        if self.kind == 2 && !self.weekly_days.is_empty() {
            let days: Vec<String> = self.weekly_days.iter().map(|d| d.to_string()).collect();
            v["weekly_days"] = json!(days.join(","));
        }
        if let Some(d) = self.monthly_day {
            v["monthly_day"] = json!(d);
        }
        if let Some(w) = self.monthly_week {
            v["monthly_week"] = json!(w);
        }
        if let Some(d) = self.monthly_week_day {
            v["monthly_week_day"] = json!(d);
        }
        match (self.end_times, self.end_date_time) {
            (_, Some(t)) => v["end_date_time"] = json!(zulu(t)),
            (Some(n), None) => v["end_times"] = json!(n),
            (None, None) => v["end_times"] = json!(1),
        }
        v
    }

    /// Start instants of the series whose first occurrence is at or after `first`,
    /// keeping `first`'s wall-clock time in `tz` on every date (DST-correct).
    pub(crate) fn starts(
        &self,
        first: DateTime<Utc>,
        tz: Tz,
        horizon: DateTime<Utc>,
    ) -> Vec<DateTime<Utc>> {
        let local = first.with_timezone(&tz).naive_local();
        let (d0, t0) = (local.date(), local.time());
        let max_count = match (self.end_times, self.end_date_time) {
            (_, Some(_)) => ENDLESS_CAP,
            (Some(0), None) => ENDLESS_CAP,
            (Some(n), None) => n as usize,
            (None, None) => 1,
        };
        let until = match (self.end_times, self.end_date_time) {
            (_, Some(t)) => Some(t),
            (Some(0), None) => Some(horizon),
            _ => None,
        };
        let interval = self.repeat_interval.max(1) as i64;
        let mut out = Vec::new();
        let push = |date: NaiveDate, out: &mut Vec<DateTime<Utc>>| -> bool {
            if date < d0 {
                return true;
            }
            let t = resolve_local(tz, date.and_time(t0));
            if until.is_some_and(|u| t > u) || out.len() >= max_count {
                return false;
            }
            out.push(t);
            out.len() < max_count
        };
        match self.kind {
            1 => {
                for k in 0..ENDLESS_CAP as i64 {
                    if !push(d0 + Duration::days(k * interval), &mut out) {
                        break;
                    }
                }
            }
            2 => {
                let days = if self.weekly_days.is_empty() {
                    vec![d0.weekday().num_days_from_sunday() + 1]
                } else {
                    self.weekly_days.clone()
                };
                let week0 = d0 - Duration::days(d0.weekday().num_days_from_sunday() as i64);
                'weeks: for w in 0..ENDLESS_CAP as i64 {
                    let week = week0 + Duration::days(7 * w * interval);
                    for day in &days {
                        if !push(week + Duration::days(*day as i64 - 1), &mut out) {
                            break 'weeks;
                        }
                    }
                }
            }
            _ => {
                for k in 0..ENDLESS_CAP as i32 {
                    let months = d0.year() * 12 + d0.month0() as i32 + k * interval as i32;
                    let (y, m) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
                    let Some(date) = self.monthly_date(y, m, d0) else {
                        continue;
                    };
                    if !push(date, &mut out) {
                        break;
                    }
                }
            }
        }
        out
    }

    fn monthly_date(&self, y: i32, m: u32, d0: NaiveDate) -> Option<NaiveDate> {
        let last = last_day_of_month(y, m)?;
        if let (Some(week), Some(wd)) = (self.monthly_week, self.monthly_week_day) {
            let want = (wd as i64 - 1).rem_euclid(7); // 0 = Sunday
            if week == -1 {
                let back = (last.weekday().num_days_from_sunday() as i64 - want).rem_euclid(7);
                return Some(last - Duration::days(back));
            }
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            let fwd = (want - first.weekday().num_days_from_sunday() as i64).rem_euclid(7);
            let date = first + Duration::days(fwd + 7 * (week as i64 - 1));
            return (date.month() == m).then_some(date);
        }
        let day = self.monthly_day.unwrap_or(d0.day()).min(last.day());
        NaiveDate::from_ymd_opt(y, m, day)
    }
}

fn last_day_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).map(|d| d - Duration::days(1))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Timelike};

    fn weekly(days: Vec<u32>, n: u32) -> Recurrence {
        Recurrence {
            kind: 2,
            repeat_interval: 1,
            weekly_days: days,
            monthly_day: None,
            monthly_week: None,
            monthly_week_day: None,
            end_times: Some(n),
            end_date_time: None,
        }
    }

    #[test]
    fn weekly_keeps_wall_clock_across_spring_forward_in_madrid() {
        let tz: Tz = "Europe/Madrid".parse().unwrap();
        let first = tz
            .with_ymd_and_hms(2026, 3, 16, 9, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        let starts = weekly(vec![2], 4).starts(first, tz, first);
        assert_eq!(starts.len(), 4);
        for s in &starts {
            assert_eq!(s.with_timezone(&tz).hour(), 9);
        }
        assert_eq!(starts[0].hour(), 8); // CET
        assert_eq!(starts[3].hour(), 7); // CEST after 29 March
    }

    #[test]
    fn times_in_the_gap_move_forward_and_repeated_times_take_the_first() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let first = tz
            .with_ymd_and_hms(2027, 3, 7, 2, 30, 0)
            .unwrap()
            .with_timezone(&Utc);
        let starts = weekly(vec![1], 2).starts(first, tz, first);
        // 2027-03-14 02:30 does not exist in New York: 03:30 EDT.
        assert_eq!(
            starts[1],
            Utc.with_ymd_and_hms(2027, 3, 14, 7, 30, 0).unwrap()
        );
        let first = tz
            .with_ymd_and_hms(2027, 10, 31, 1, 30, 0)
            .unwrap()
            .with_timezone(&Utc);
        let starts = weekly(vec![1], 2).starts(first, tz, first);
        // 2027-11-07 01:30 happens twice: the first one (EDT, UTC-4).
        assert_eq!(
            starts[1],
            Utc.with_ymd_and_hms(2027, 11, 7, 5, 30, 0).unwrap()
        );
    }

    #[test]
    fn monthly_last_friday() {
        let tz: Tz = "UTC".parse().unwrap();
        let first = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap();
        let rec = Recurrence {
            kind: 3,
            monthly_week: Some(-1),
            monthly_week_day: Some(6),
            ..weekly(vec![], 3)
        };
        let starts = rec.starts(first, tz, first);
        let days: Vec<u32> = starts.iter().map(|s| s.day()).collect();
        assert_eq!(days, vec![30, 27, 27]);
    }
}

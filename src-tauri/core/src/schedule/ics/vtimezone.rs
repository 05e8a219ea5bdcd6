//! The `VTIMEZONE` of a meeting's zone over the series' span, built from chrono-tz's
//! transitions (found by searching for changes of offset).

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::lines::escape_text;

/// The `VTIMEZONE` of `tz` valid over `[from, to]`: the rules in force at `from`, then one
/// `STANDARD` or `DAYLIGHT` part per change of offset until `to`.
pub(super) fn vtimezone(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    let initial = tz.offset_from_utc_datetime(&from.naive_utc());
    let mut part = |at_local: NaiveDateTime, before: i32, offset: &<Tz as TimeZone>::Offset| {
        let kind = if offset.dst_offset() > Duration::zero() {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", at_local.format("%Y%m%dT%H%M%S")));
        lines.push(format!("TZOFFSETFROM:{}", utc_offset(before)));
        lines.push(format!(
            "TZOFFSETTO:{}",
            utc_offset(offset.fix().local_minus_utc())
        ));
        if let Some(name) = offset.abbreviation() {
            lines.push(format!("TZNAME:{}", escape_text(name)));
        }
        lines.push(format!("END:{kind}"));
    };
    let initial_secs = initial.fix().local_minus_utc();
    part(
        from.with_timezone(&tz).naive_local(),
        initial_secs,
        &initial,
    );
    for (at, before) in transitions(tz, from, to) {
        let offset = tz.offset_from_utc_datetime(&at.naive_utc());
        // A part's DTSTART is the wall-clock time of the change on the clock before it.
        let local = at.naive_utc() + Duration::seconds(i64::from(before));
        part(local, before, &offset);
    }
    lines.push("END:VTIMEZONE".into());
    lines
}

/// The instants in `(from, to]` at which `tz` changes its UTC offset, each with the offset
/// (seconds east of UTC) in force just before.
fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(DateTime<Utc>, i32)> {
    let offset_at = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    let mut out = Vec::new();
    let mut t = from;
    // Zones change at most a few times a year, never twice in 12 hours.
    let step = Duration::hours(12);
    while t < to {
        let next = t + step;
        let before = offset_at(t);
        if offset_at(next) != before {
            // Bisect to the second: `lo` still has the old offset, `hi` the new one.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let same = DateTime::from_timestamp(mid, 0).is_some_and(|m| offset_at(m) == before);
                if same {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            if let Some(at) = DateTime::from_timestamp(hi, 0) {
                out.push((at, before.local_minus_utc()));
            }
        }
        t = next;
    }
    out
}

/// `+HHMM` (or `+HHMMSS`) for an offset in seconds east of UTC; zero is `+0000`.
pub(super) fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

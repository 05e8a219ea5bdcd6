//! The demo seed, placed relative to the sim clock.

use crate::meetings::build_meeting;
use crate::recordings::make_recording;
use crate::state::State as SimState;
use crate::timefmt::{parse_zone, resolve_local};
use crate::validate::parse_meeting;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use serde_json::{json, Value};

fn create(st: &mut SimState, body: Value, now: DateTime<Utc>) -> Option<i64> {
    let input = parse_meeting(&body).ok()?;
    let mut meeting = build_meeting(st, input, now).ok()?;
    meeting.created_at = now - Duration::days(10);
    let id = meeting.id;
    st.meetings.insert(id, meeting);
    Some(id)
}

fn local(date: NaiveDate, h: u32, m: u32) -> String {
    let t = NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
    date.and_time(t).format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Fills the state with this week's meetings, this month's office hours and last week's recordings.
pub(crate) fn seed_demo(st: &mut SimState, now: DateTime<Utc>) {
    let zone = st.user.timezone.clone();
    let tz = parse_zone(&zone).unwrap_or(chrono_tz::UTC);
    let today = now.with_timezone(&tz).date_naive();
    let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);

    // Starts within the hour.
    let soon = now + Duration::minutes(25 - (now.minute() % 5) as i64);
    create(
        st,
        json!({
            "topic": "Design review: reminders page",
            "type": 2,
            "start_time": soon.format("%Y-%m-%dT%H:%M:00Z").to_string(),
            "duration": 30,
            "timezone": zone,
            "agenda": "Walk through the reminder flow end to end: the tray menu entry, the notification and its Start and Snooze actions, what happens after sleep, and how a meeting that moved is announced again. Bring screenshots from Linux, macOS and Windows. We will also decide the default lead time and whether to announce meetings that have alternative hosts only.",
        }),
        now,
    );

    // Weekly standup with one edited occurrence this week.
    if let Some(id) = create(
        st,
        json!({
            "topic": "Team standup",
            "type": 8,
            "start_time": local(monday, 9, 0),
            "timezone": zone,
            "duration": 15,
            "agenda": "Yesterday, today, blockers.",
            "recurrence": { "type": 2, "repeat_interval": 1, "weekly_days": "2,4,6", "end_times": 24 },
            "settings": { "join_before_host": true, "waiting_room": false },
        }),
        now,
    ) {
        if let Some(m) = st.meetings.get_mut(&id) {
            let wednesday = monday + Duration::days(2);
            if let Some(occ) = m
                .occurrences(now)
                .into_iter()
                .find(|o| o.start.with_timezone(&tz).date_naive() == wednesday)
            {
                let ov = m.overrides.entry(occ.id).or_default();
                ov.start_time = Some(resolve_local(
                    tz,
                    wednesday
                        .and_time(NaiveTime::from_hms_opt(10, 30, 0).unwrap_or(NaiveTime::MIN)),
                ));
                ov.duration = Some(30);
                ov.agenda =
                    Some("Moved for the all-hands; longer slot for the release plan.".to_string());
            }
        }
    }

    // One-time meeting with alternative hosts and dial-in countries.
    create(
        st,
        json!({
            "topic": "Quarterly planning",
            "type": 2,
            "start_time": local(today + Duration::days(2), 15, 0),
            "timezone": zone,
            "duration": 90,
            "agenda": "Roadmap for next quarter.",
            "settings": {
                "alternative_hosts": "alex.kim@zoomdesk.test;sam.lee@zoomdesk.test",
                "global_dial_in_countries": ["US", "GB", "ES"],
                "meeting_invitees": [{ "email": "alex.kim@zoomdesk.test" }, { "email": "partner@example.com" }],
            },
        }),
        now,
    );

    // A weekly 1:1 kept in another zone.
    create(
        st,
        json!({
            "topic": "1:1 with Sam",
            "type": 8,
            "start_time": local(monday + Duration::days(1), 16, 0),
            "timezone": "Europe/London",
            "duration": 30,
            "recurrence": { "type": 2, "repeat_interval": 1, "weekly_days": "3", "end_times": 10 },
        }),
        now,
    );

    // A recurring meeting with no fixed time.
    create(
        st,
        json!({ "topic": "Team room (no fixed time)", "type": 3, "duration": 60 }),
        now,
    );

    // This month's office hours: Thursdays at 17:00.
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    let mut day = first;
    while day.month() == today.month() {
        if day.weekday() == chrono::Weekday::Thu {
            create(
                st,
                json!({
                    "topic": "Office hours: ask me anything",
                    "type": 2,
                    "start_time": local(day, 17, 0),
                    "timezone": zone,
                    "duration": 60,
                    "agenda": "Drop in with questions. No agenda needed.",
                    // Set up from Zoomdesk's Office hours page: it carries Zoomdesk's mark.
                    "settings": {
                        "waiting_room": true,
                        "custom_keys": [{ "key": "zoomdesk", "value": "office-hours" }]
                    },
                }),
                now,
            );
        }
        day += Duration::days(1);
    }

    // Three recordings from the last 7 days.
    for (topic, days_ago, minutes) in [
        ("Sprint demo", 1, 42),
        ("Customer call: Acme onboarding", 3, 28),
        ("All hands", 6, 55),
    ] {
        let start = resolve_local(
            tz,
            (today - Duration::days(days_ago))
                .and_time(NaiveTime::from_hms_opt(11, 0, 0).unwrap_or(NaiveTime::MIN)),
        );
        let id = st.new_meeting_id();
        let rec = make_recording(st, id, topic, 2, start, minutes, &zone);
        st.recordings.push(rec);
    }
}

/// Adds a large account for benchmarks: `one_time` meetings spread over four weeks around the
/// sim clock, `recurring` weekly series (10 occurrences each) and `recordings` over the last
/// 7 days. Bypasses the API (and so its daily limits).
pub(crate) fn seed_bulk(
    st: &mut SimState,
    now: DateTime<Utc>,
    one_time: usize,
    recurring: usize,
    recordings: usize,
) {
    let zone = st.user.timezone.clone();
    let tz = parse_zone(&zone).unwrap_or(chrono_tz::UTC);
    let today = now.with_timezone(&tz).date_naive();
    for i in 0..one_time {
        let day = today + Duration::days((i % 28) as i64 - 7);
        create(
            st,
            json!({
                "topic": format!("Bulk meeting {i}"),
                "type": 2,
                "start_time": local(day, 8 + (i % 10) as u32, (i % 4) as u32 * 15),
                "timezone": zone,
                "duration": 30,
            }),
            now,
        );
    }
    for i in 0..recurring {
        let day = today - Duration::days((i % 7) as i64);
        create(
            st,
            json!({
                "topic": format!("Bulk series {i}"),
                "type": 8,
                "start_time": local(day, 9 + (i % 8) as u32, 0),
                "timezone": zone,
                "duration": 30,
                "recurrence": {
                    "type": 2,
                    "repeat_interval": 1,
                    "weekly_days": (day.weekday().num_days_from_sunday() + 1).to_string(),
                    "end_times": 10,
                },
            }),
            now,
        );
    }
    for i in 0..recordings {
        let start =
            now - Duration::minutes(60 + (i as i64 * 7 * 24 * 60) / recordings.max(1) as i64);
        let rec = make_recording(
            st,
            80_000_000_000 + i as i64,
            &format!("Bulk recording {i}"),
            2,
            start,
            30,
            &zone,
        );
        st.recordings.push(rec);
    }
}

//! How long the week view takes to read from the cache with 2,000 meetings stored
//! (goal: under 5 ms). Run: `cargo bench -p zoomdesk-core --bench week_view`.
//!
//! The cache is a real file (WAL) holding 1,800 one-time meetings spread over five weeks and
//! 200 weekly series of 10 occurrences each, written the way a sync writes them.

use std::hint::black_box;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use zoomdesk_core::redact::Secret;
use zoomdesk_core::store::{CachedMeeting, Store};
use zoomdesk_core::zoom::models::{
    Meeting, MeetingListItem, Occurrence, MEETING_RECURRING, MEETING_SCHEDULED,
};

const WORDS: &[&str] = &[
    "Standup",
    "Planning",
    "Retro",
    "Café con clientes",
    "1:1",
    "Design review",
    "Budget",
    "Hiring sync",
    "Demo",
    "Support rota",
    "Roadmap",
    "Onboarding",
];

/// Monday of the benchmarked week, 00:00 UTC.
fn week_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0)
        .single()
        .expect("valid date")
}

fn topic(i: usize) -> String {
    format!("{} #{i}", WORDS[i % WORDS.len()])
}

fn one_time(i: usize, start: DateTime<Utc>) -> CachedMeeting {
    let id = 80_000_000_000 + i as i64;
    CachedMeeting::from(&MeetingListItem {
        id,
        uuid: None,
        topic: topic(i),
        meeting_type: MEETING_SCHEDULED,
        start_time: Some(start),
        duration: Some(30),
        timezone: Some("Europe/Madrid".into()),
        agenda: Some("Agenda".into()),
        join_url: Some(Secret::new(format!("https://zoom.us/j/{id}?pwd=abc"))),
        created_at: None,
    })
}

fn series(i: usize, first: DateTime<Utc>) -> CachedMeeting {
    let id = 90_000_000_000 + i as i64;
    let occurrences = (0..10)
        .map(|k| {
            let start = first + Duration::weeks(k);
            Occurrence {
                occurrence_id: (start.timestamp() * 1000).to_string(),
                start_time: start,
                duration: Some(45),
                status: Some("available".into()),
            }
        })
        .collect();
    CachedMeeting::from(&Meeting {
        id,
        uuid: None,
        host_id: None,
        topic: topic(i),
        meeting_type: MEETING_RECURRING,
        start_time: Some(first),
        duration: Some(45),
        timezone: Some("America/New_York".into()),
        agenda: None,
        created_at: None,
        password: Some(Secret::new("abc123".into())),
        join_url: Some(Secret::new(format!("https://zoom.us/j/{id}"))),
        start_url: None,
        status: None,
        recurrence: None,
        occurrences: Some(occurrences),
        settings: None,
    })
}

/// 1,800 one-time meetings over five weeks (two before, this one, two after) during office
/// hours, and 200 weekly series of 10 that started within the last eight weeks.
fn meetings() -> Vec<CachedMeeting> {
    let base = week_start() - Duration::weeks(2);
    let mut all = Vec::with_capacity(2000);
    for i in 0..1800 {
        let day = (i % 35) as i64;
        let slot = ((i / 35) % 18) as i64; // 08:00 .. 16:30 in half hours
        all.push(one_time(
            i,
            base + Duration::days(day) + Duration::minutes(480 + 30 * slot),
        ));
    }
    let series_base = week_start() - Duration::weeks(8);
    for i in 0..200 {
        let offset = Duration::days((i % 56) as i64) + Duration::hours(9 + (i % 8) as i64);
        all.push(series(1800 + i, series_base + offset));
    }
    all
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, _) = Store::open(&dir.path().join("bench.sqlite3")).expect("opens");
    let all = meetings();
    let window = (
        week_start() - Duration::weeks(10),
        week_start() + Duration::weeks(10),
    );
    let changes = store.replace_meetings(window, &all).expect("stores");
    assert_eq!(changes.added.len(), 2000);

    let (from, to) = (week_start(), week_start() + Duration::weeks(1));
    let week = store.week(from, to, None).expect("reads");
    let found = store.week(from, to, Some("retro")).expect("reads");
    let cafe = store.week(from, to, Some("CAFÉ")).expect("reads");
    println!(
        "this week: {} occurrences; \"retro\": {}; \"CAFÉ\": {}",
        week.len(),
        found.len(),
        cafe.len()
    );

    c.bench_function("week_view/2000_meetings/no_search", |b| {
        b.iter(|| store.week(black_box(from), black_box(to), None))
    });
    c.bench_function("week_view/2000_meetings/search_retro", |b| {
        b.iter(|| store.week(black_box(from), black_box(to), black_box(Some("retro"))))
    });
    c.bench_function("week_view/2000_meetings/search_cafe_upper", |b| {
        b.iter(|| store.week(black_box(from), black_box(to), black_box(Some("CAFÉ"))))
    });
    c.bench_function("sync/replace_2000_meetings_unchanged", |b| {
        b.iter(|| store.replace_meetings(window, black_box(&all)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

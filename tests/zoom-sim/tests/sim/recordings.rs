//! Recordings: date-range defaults and clamping, paging, download auth, redirect to a signed URL, Range.

use crate::common::*;
use chrono::{DateTime, Duration, Utc};
use zoom_sim::{Seed, SimConfig};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

async fn env_at(now: &str) -> Env {
    start(SimConfig {
        start_at: Some(at(now)),
        ..empty()
    })
    .await
}

#[tokio::test]
async fn list_defaults_to_today_only() {
    let env = env_at("2027-03-10T09:00:00Z").await;
    env.sim.complete_recording(None, Some("Three days ago"));
    env.sim.advance(Duration::days(3));
    let today = env.sim.complete_recording(None, Some("Today"));
    assert_eq!(today["recording_files"].as_array().unwrap().len(), 4);
    let v = json(env.get("/v2/users/me/recordings").await).await;
    assert_eq!(v["from"], "2027-03-13");
    assert_eq!(v["to"], "2027-03-14");
    let topics: Vec<&str> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["topic"].as_str().unwrap())
        .collect();
    assert_eq!(topics, ["Today"]);
    let week = json(
        env.get("/v2/users/me/recordings?from=2027-03-06&to=2027-03-13")
            .await,
    )
    .await;
    assert_eq!(week["total_records"], 2);
    assert_eq!(week["meetings"][0]["topic"], "Today");
}

#[tokio::test]
async fn ranges_over_a_month_are_clamped() {
    let env = env_at("2027-03-10T09:00:00Z").await;
    env.sim.complete_recording(None, Some("January"));
    let v = json(
        env.get("/v2/users/me/recordings?from=2026-01-01&to=2027-06-30")
            .await,
    )
    .await;
    assert_eq!(v["from"], "2027-05-30");
    assert_eq!(v["to"], "2027-06-30");
    assert_eq!(v["total_records"], 0);
    let bad = env
        .get("/v2/users/me/recordings?from=2027-03-10&to=2027-03-01")
        .await;
    assert_zoom_error(bad, 400, 300).await;
}

#[tokio::test]
async fn recordings_page_with_next_page_token() {
    let env = env_at("2027-03-10T09:00:00Z").await;
    for i in 0..5 {
        env.sim.complete_recording(None, Some(&format!("R{i}")));
        env.sim.advance(Duration::minutes(40));
    }
    let p1 = json(env.get("/v2/users/me/recordings?page_size=2").await).await;
    assert_eq!(p1["total_records"], 5);
    assert_eq!(p1["meetings"].as_array().unwrap().len(), 2);
    assert_eq!(p1["meetings"][0]["topic"], "R4");
    let mut token = p1["next_page_token"].as_str().unwrap().to_string();
    let mut count = 2;
    while !token.is_empty() {
        let p = json(
            env.get(&format!(
                "/v2/users/me/recordings?page_size=2&next_page_token={token}"
            ))
            .await,
        )
        .await;
        count += p["meetings"].as_array().unwrap().len();
        token = p["next_page_token"].as_str().unwrap().to_string();
    }
    assert_eq!(count, 5);
}

#[tokio::test]
async fn download_needs_bearer_redirects_to_signed_url_and_serves_ranges() {
    let env = env_at("2027-03-10T09:00:00Z").await;
    let rec = env.sim.complete_recording(None, Some("Demo"));
    let mp4 = rec["recording_files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file_type"] == "MP4")
        .unwrap()
        .clone();
    let url = mp4["download_url"].as_str().unwrap().to_string();
    let size = mp4["file_size"].as_u64().unwrap();
    assert!(url.starts_with(&env.base));

    let anonymous = env.http.get(&url).send().await.unwrap();
    assert_zoom_error(anonymous, 401, 124).await;
    let in_query = env
        .http
        .get(format!("{url}?access_token={}", env.token))
        .send()
        .await
        .unwrap();
    assert_zoom_error(in_query, 401, 124).await;

    let redirected = env
        .http
        .get(&url)
        .bearer_auth(&env.token)
        .send()
        .await
        .unwrap();
    assert_eq!(redirected.status(), 302);
    let signed = location(&redirected);
    assert!(signed.starts_with(&env.base) && signed.contains("signature="));

    let full = env.http.get(&signed).send().await.unwrap();
    assert_eq!(full.status(), 200);
    assert_eq!(full.headers()["accept-ranges"], "bytes");
    assert_eq!(full.headers()["content-type"], "video/mp4");
    let bytes = full.bytes().await.unwrap();
    assert_eq!(bytes.len() as u64, size);
    assert_eq!(&bytes[4..8], b"ftyp");

    let part = env
        .http
        .get(&signed)
        .header("range", "bytes=0-99")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 0-99/{size}").as_str()
    );
    assert_eq!(part.bytes().await.unwrap(), bytes.slice(0..100));

    let tail = env
        .http
        .get(&signed)
        .header("range", "bytes=-10")
        .send()
        .await
        .unwrap();
    assert_eq!(tail.status(), 206);
    assert_eq!(tail.bytes().await.unwrap(), bytes.slice(bytes.len() - 10..));

    let beyond = env
        .http
        .get(&signed)
        .header("range", format!("bytes={size}-"))
        .send()
        .await
        .unwrap();
    assert_eq!(beyond.status(), 416);
    assert_eq!(
        beyond.headers()["content-range"],
        format!("bytes */{size}").as_str()
    );

    let tampered = signed.replace("signature=", "signature=0");
    assert_eq!(env.http.get(&tampered).send().await.unwrap().status(), 403);
    env.sim.advance(Duration::minutes(61));
    assert_eq!(env.http.get(&signed).send().await.unwrap().status(), 403);
}

#[tokio::test]
async fn demo_seed_has_three_recordings_with_files_last_week() {
    let env = start(SimConfig {
        seed: Seed::Demo,
        ..empty()
    })
    .await;
    let today = env.sim.now().date_naive();
    let from = today - Duration::days(7);
    let v = json(
        env.get(&format!("/v2/users/me/recordings?from={from}&to={today}"))
            .await,
    )
    .await;
    assert_eq!(v["total_records"], 3);
    for m in v["meetings"].as_array().unwrap() {
        let types: Vec<&str> = m["recording_files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["file_type"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["MP4", "M4A", "TRANSCRIPT", "CHAT"]);
    }
    let vtt = v["meetings"][0]["recording_files"][2]["download_url"]
        .as_str()
        .unwrap()
        .to_string();
    let r = env
        .http
        .get(&vtt)
        .bearer_auth(&env.token)
        .send()
        .await
        .unwrap();
    let signed = location(&r);
    let text = env
        .http
        .get(&signed)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.starts_with("WEBVTT"));
    let id = v["meetings"][0]["id"].as_i64().unwrap();
    let per_meeting = json(env.get(&format!("/v2/meetings/{id}/recordings")).await).await;
    assert_eq!(per_meeting["id"], id);
    assert_zoom_error(env.get("/v2/meetings/1234/recordings").await, 404, 3301).await;
}

#[tokio::test]
async fn demo_seed_meetings_this_week() {
    let env = start(SimConfig::default()).await;
    let now = env.sim.now();
    let list = json(env.get("/v2/users/me/meetings?page_size=300").await).await;
    let meetings = list["meetings"].as_array().unwrap();
    assert!(meetings
        .iter()
        .any(|m| m["topic"].as_str().unwrap().starts_with("Office hours")));
    let upcoming = json(env.get("/v2/users/me/upcoming_meetings").await).await;
    let soon = upcoming["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["topic"] == "Design review: reminders page")
        .unwrap();
    let start: DateTime<Utc> = soon["start_time"].as_str().unwrap().parse().unwrap();
    assert!(start > now && start <= now + Duration::hours(1));
    let mut edited = false;
    let mut alt_hosts = false;
    for m in meetings {
        let full = env
            .meeting(m["id"].as_i64().unwrap(), "?show_previous_occurrences=true")
            .await;
        if full["type"] == 8 && full["recurrence"]["type"] == 2 {
            let durations: Vec<i64> = full["occurrences"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["duration"].as_i64().unwrap())
                .collect();
            edited |= durations
                .iter()
                .any(|d| *d != full["duration"].as_i64().unwrap());
        }
        alt_hosts |= full["settings"]["alternative_hosts"]
            .as_str()
            .unwrap()
            .contains(';');
    }
    assert!(edited, "a weekly meeting has an edited occurrence");
    assert!(alt_hosts, "a meeting has alternative hosts");
}

#[tokio::test]
async fn a_large_generated_video_streams_and_serves_ranges() {
    let env = env_at("2027-03-10T09:00:00Z").await;
    let len: u64 = 200 * 1024 * 1024;
    let rec = env.sim.complete_large_recording("Big all-hands", len);
    let mp4 = rec["recording_files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file_type"] == "MP4")
        .unwrap()
        .clone();
    assert_eq!(mp4["file_size"].as_u64(), Some(len));
    let url = mp4["download_url"].as_str().unwrap().to_string();
    let redirected = env
        .http
        .get(&url)
        .bearer_auth(&env.token)
        .send()
        .await
        .unwrap();
    let signed = location(&redirected);
    // The same pattern the sim makes: byte i is (i mod 251) xor (i >> 16).
    let byte = |i: u64| ((i % 251) as u8) ^ ((i >> 16) as u8);
    let at = 150 * 1024 * 1024 + 12_345;
    let part = env
        .http
        .get(&signed)
        .header("range", format!("bytes={at}-{}", at + 99_999))
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes {at}-{}/{len}", at + 99_999).as_str()
    );
    let body = part.bytes().await.unwrap();
    assert_eq!(body.len(), 100_000);
    assert!(body
        .iter()
        .enumerate()
        .all(|(k, b)| *b == byte(at + k as u64)));
    // A whole GET announces the length and starts streaming at once.
    let mut whole = env.http.get(&signed).send().await.unwrap();
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.headers()["content-length"], len.to_string().as_str());
    let first = whole.chunk().await.unwrap().unwrap();
    assert!(first.iter().enumerate().all(|(k, b)| *b == byte(k as u64)));
}

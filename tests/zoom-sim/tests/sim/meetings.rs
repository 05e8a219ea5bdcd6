//! Meetings: create (Z vs wall clock), DST-correct occurrences, occurrence PATCH/DELETE, paging, validation.

use crate::common::*;
use chrono::{DateTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};
use zoom_sim::{RatePlan, SimConfig};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Meeting tests make many calls in a burst; rate limits have their own tests.
async fn env_at(now: &str) -> Env {
    start(SimConfig {
        start_at: Some(at(now)),
        rate_plan: RatePlan::Off,
        ..empty()
    })
    .await
}

fn starts(meeting: &Value) -> Vec<DateTime<Utc>> {
    meeting["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| at(o["start_time"].as_str().unwrap()))
        .collect()
}

#[tokio::test]
async fn start_time_with_z_is_utc_and_without_is_wall_clock() {
    let env = env_at("2027-01-01T12:00:00Z").await;
    let z = env
        .create(json!({"topic": "Z", "type": 2, "start_time": "2027-01-15T10:00:00Z", "timezone": "America/Los_Angeles"}))
        .await;
    assert_eq!(z["start_time"], "2027-01-15T10:00:00Z");
    assert_eq!(z["timezone"], "America/Los_Angeles");
    let local = env
        .create(json!({"topic": "Local", "type": 2, "start_time": "2027-01-15T10:00:00", "timezone": "America/Los_Angeles"}))
        .await;
    assert_eq!(local["start_time"], "2027-01-15T18:00:00Z");
    // Without a timezone the user's zone (America/New_York by default) applies.
    let default_zone = env
        .create(json!({"topic": "Default", "type": 2, "start_time": "2027-01-15T10:00:00"}))
        .await;
    assert_eq!(default_zone["start_time"], "2027-01-15T15:00:00Z");
    assert_eq!(default_zone["timezone"], "America/New_York");
    assert!(local["start_url"].as_str().unwrap().contains("zak="));
    assert!(local["join_url"].as_str().unwrap().contains("pwd="));
}

/// A weekly series across a DST change keeps its wall-clock time while its UTC offset changes.
#[tokio::test]
async fn weekly_occurrences_keep_wall_clock_across_dst_in_several_zones() {
    let env = env_at("2027-01-01T00:00:00Z").await;
    // (zone, first local start, weekday number, label)
    let cases = [
        (
            "Europe/Madrid",
            "2027-03-15T09:00:00",
            "2",
            "spring forward",
        ),
        ("Europe/Madrid", "2027-10-18T09:00:00", "2", "fall back"),
        (
            "America/New_York",
            "2027-03-01T09:00:00",
            "2",
            "spring forward",
        ),
        ("America/New_York", "2027-10-25T09:00:00", "2", "fall back"),
        (
            "Australia/Sydney",
            "2027-03-22T09:00:00",
            "2",
            "DST ends (April)",
        ),
        (
            "Australia/Sydney",
            "2027-09-20T09:00:00",
            "2",
            "DST starts (October)",
        ),
        ("America/Santiago", "2027-03-22T09:00:00", "2", "DST ends"),
    ];
    for (zone, start, day, label) in cases {
        let m = env
            .create(json!({
                "topic": format!("Weekly {zone} {label}"),
                "type": 8,
                "start_time": start,
                "timezone": zone,
                "duration": 30,
                "recurrence": {"type": 2, "repeat_interval": 1, "weekly_days": day, "end_times": 5},
            }))
            .await;
        let tz: Tz = zone.parse().unwrap();
        let s = starts(&m);
        assert_eq!(s.len(), 5, "{zone} {label}");
        for t in &s {
            let local = t.with_timezone(&tz);
            assert_eq!(
                (local.hour(), local.minute()),
                (9, 0),
                "{zone} {label}: {t}"
            );
        }
        assert_ne!(
            s[0].hour(),
            s[4].hour(),
            "{zone} {label}: UTC hour should move with the offset"
        );
        let ids: Vec<&str> = m["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["occurrence_id"].as_str().unwrap())
            .collect();
        assert_eq!(ids[0], s[0].timestamp_millis().to_string());
    }
}

#[tokio::test]
async fn daily_and_monthly_recurrence() {
    let env = env_at("2027-01-01T00:00:00Z").await;
    let daily = env
        .create(json!({"topic": "Daily", "type": 8, "start_time": "2027-03-26T08:00:00", "timezone": "Europe/Madrid",
            "recurrence": {"type": 1, "repeat_interval": 2, "end_times": 3}}))
        .await;
    assert_eq!(
        starts(&daily),
        vec![
            at("2027-03-26T07:00:00Z"),
            at("2027-03-28T06:00:00Z"),
            at("2027-03-30T06:00:00Z")
        ]
    );
    let monthly = env
        .create(json!({"topic": "Monthly", "type": 8, "start_time": "2027-01-04T10:00:00", "timezone": "UTC",
            "recurrence": {"type": 3, "repeat_interval": 1, "monthly_week": 1, "monthly_week_day": 2, "end_date_time": "2027-04-30T00:00:00Z"}}))
        .await;
    assert_eq!(
        starts(&monthly),
        vec![
            at("2027-01-04T10:00:00Z"),
            at("2027-02-01T10:00:00Z"),
            at("2027-03-01T10:00:00Z"),
            at("2027-04-05T10:00:00Z")
        ]
    );
    assert_eq!(
        monthly["recurrence"]["end_date_time"],
        "2027-04-30T00:00:00Z"
    );
}

async fn weekly(env: &Env) -> Value {
    env.create(json!({
        "topic": "Standup",
        "type": 8,
        "start_time": "2027-02-01T09:00:00",
        "timezone": "Europe/Madrid",
        "duration": 15,
        "agenda": "Series agenda",
        "recurrence": {"type": 2, "weekly_days": "2,4", "end_times": 6},
    }))
    .await
}

#[tokio::test]
async fn patch_one_occurrence_changes_only_that_one() {
    let env = env_at("2027-01-10T00:00:00Z").await;
    let m = weekly(&env).await;
    let id = m["id"].as_i64().unwrap();
    let before = starts(&m);
    let occ = m["occurrences"][2]["occurrence_id"]
        .as_str()
        .unwrap()
        .to_string();
    let resp = env
        .patch(
            &format!("/v2/meetings/{id}?occurrence_id={occ}"),
            &json!({"start_time": "2027-02-08T11:30:00", "duration": 45, "agenda": "Moved", "topic": "ignored for one occurrence"}),
        )
        .await;
    assert_eq!(resp.status(), 204);
    assert!(resp.bytes().await.unwrap().is_empty());
    let after = env.meeting(id, "").await;
    let s = starts(&after);
    assert_eq!(s[2], at("2027-02-08T10:30:00Z"));
    assert_eq!(after["occurrences"][2]["occurrence_id"], occ.as_str());
    assert_eq!(after["occurrences"][2]["duration"], 45);
    for i in [0, 1, 3, 4, 5] {
        assert_eq!(s[i], before[i]);
    }
    assert_eq!(after["topic"], "Standup");
    let one = env.meeting(id, &format!("?occurrence_id={occ}")).await;
    assert_eq!(one["start_time"], "2027-02-08T10:30:00Z");
    assert_eq!(one["agenda"], "Moved");
    assert_eq!(one["duration"], 45);
    let unknown = env
        .patch(
            &format!("/v2/meetings/{id}?occurrence_id=123"),
            &json!({"duration": 5}),
        )
        .await;
    assert_zoom_error(unknown, 400, 300).await;
}

#[tokio::test]
async fn delete_one_occurrence_then_the_series() {
    let env = env_at("2027-01-10T00:00:00Z").await;
    let m = weekly(&env).await;
    let id = m["id"].as_i64().unwrap();
    let occ = m["occurrences"][1]["occurrence_id"]
        .as_str()
        .unwrap()
        .to_string();
    let resp = env
        .delete(&format!("/v2/meetings/{id}?occurrence_id={occ}"))
        .await;
    assert_eq!(resp.status(), 204);
    let after = env.meeting(id, "").await;
    assert_eq!(after["occurrences"][1]["status"], "deleted");
    assert_eq!(after["occurrences"][0]["status"], "available");
    let again = env
        .delete(&format!("/v2/meetings/{id}?occurrence_id={occ}"))
        .await;
    assert_zoom_error(again, 400, 300).await;
    assert_eq!(
        env.delete(&format!("/v2/meetings/{id}")).await.status(),
        204
    );
    assert_zoom_error(env.get(&format!("/v2/meetings/{id}")).await, 404, 3001).await;
    assert_zoom_error(env.delete(&format!("/v2/meetings/{id}")).await, 404, 3001).await;
}

#[tokio::test]
async fn previous_occurrences_only_on_request() {
    let env = env_at("2027-01-10T00:00:00Z").await;
    let m = weekly(&env).await;
    let id = m["id"].as_i64().unwrap();
    env.sim.set_now(at("2027-02-09T12:00:00Z"));
    let current = env.meeting(id, "").await;
    assert_eq!(current["occurrences"].as_array().unwrap().len(), 3);
    let all = env.meeting(id, "?show_previous_occurrences=true").await;
    assert_eq!(all["occurrences"].as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn series_patch_and_past_start_time_is_ignored() {
    let env = env_at("2027-01-10T00:00:00Z").await;
    let m = env
        .create(json!({"topic": "One", "type": 2, "start_time": "2027-01-20T10:00:00Z", "duration": 30}))
        .await;
    let id = m["id"].as_i64().unwrap();
    let resp = env
        .patch(
            &format!("/v2/meetings/{id}"),
            &json!({"topic": "Renamed", "start_time": "2026-01-01T10:00:00Z"}),
        )
        .await;
    assert_eq!(resp.status(), 204);
    let after = env.meeting(id, "").await;
    assert_eq!(after["topic"], "Renamed");
    assert_eq!(after["start_time"], "2027-01-20T10:00:00Z");
    env.patch(
        &format!("/v2/meetings/{id}"),
        &json!({"start_time": "2027-01-21T10:00:00Z"}),
    )
    .await;
    assert_eq!(
        env.meeting(id, "").await["start_time"],
        "2027-01-21T10:00:00Z"
    );
}

#[tokio::test]
async fn get_gives_a_new_start_url_each_time_and_it_expires_after_two_hours() {
    let env = env_at("2027-01-10T00:00:00Z").await;
    let m = env
        .create(json!({"topic": "S", "type": 2, "start_time": "2027-01-20T10:00:00Z"}))
        .await;
    let id = m["id"].as_i64().unwrap();
    let a = env.meeting(id, "").await["start_url"].clone();
    let b = env.meeting(id, "").await["start_url"].clone();
    assert_ne!(a, b);
    assert_ne!(a, m["start_url"]);
    let start_url = b.as_str().unwrap().to_string();
    assert_eq!(env.http.get(&start_url).send().await.unwrap().status(), 200);
    env.sim.advance(chrono::Duration::minutes(121));
    assert_eq!(env.http.get(&start_url).send().await.unwrap().status(), 401);
    let join = m["join_url"].as_str().unwrap();
    assert_eq!(env.http.get(join).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn validation_errors_are_code_300_with_fields() {
    let env = env_at("2027-01-10T00:00:00Z").await;
    let cases = [
        (
            json!({"type": 8, "start_time": "2027-02-01T09:00:00", "recurrence": {"type": 2, "repeat_interval": 13}}),
            "recurrence.repeat_interval",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 1, "repeat_interval": 91}}),
            "recurrence.repeat_interval",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 3, "repeat_interval": 4, "monthly_day": 1}}),
            "recurrence.repeat_interval",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 1, "end_times": 61}}),
            "recurrence.end_times",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 1, "end_times": 3, "end_date_time": "2027-03-01T00:00:00Z"}}),
            "recurrence.end_times",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 2, "weekly_days": "Mon"}}),
            "recurrence.weekly_days",
        ),
        (
            json!({"type": 8, "recurrence": {"repeat_interval": 1}}),
            "recurrence.type",
        ),
        (json!({"type": 8}), "recurrence"),
        (
            json!({"type": 2, "timezone": "Mars/Olympus_Mons"}),
            "timezone",
        ),
        (
            json!({"type": 2, "start_time": "next tuesday"}),
            "start_time",
        ),
        (json!({"type": 2, "topic": "x".repeat(201)}), "topic"),
        (json!({"type": 2, "password": "has space"}), "password"),
        (
            json!({"type": 2, "settings": {"alternative_hosts": "a@zoomdesk.test,b@zoomdesk.test"}}),
            "settings.alternative_hosts",
        ),
        (json!({"type": 5}), "type"),
    ];
    for (body, field) in cases {
        let resp = env.post("/v2/users/me/meetings", &body).await;
        let v = assert_zoom_error(resp, 400, 300).await;
        let fields: Vec<&str> = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&field), "{body} -> {v}");
    }
    let bad_json = env
        .http
        .post(env.url("/v2/users/me/meetings"))
        .bearer_auth(&env.token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_zoom_error(bad_json, 400, 300).await;
}

#[tokio::test]
async fn list_pages_with_next_page_token() {
    let env = env_at("2027-01-10T00:00:00Z").await;
    for i in 0..7 {
        env.create(json!({"topic": format!("M{i}"), "type": 2, "start_time": format!("2027-01-2{i}T10:00:00Z")}))
            .await;
    }
    let mut seen = Vec::new();
    let mut token = String::new();
    let mut pages = 0;
    loop {
        let v = json(
            env.get(&format!(
                "/v2/users/me/meetings?page_size=3&next_page_token={token}"
            ))
            .await,
        )
        .await;
        assert_eq!(v["total_records"], 7);
        assert_eq!(v["page_size"], 3);
        for m in v["meetings"].as_array().unwrap() {
            seen.push(m["topic"].as_str().unwrap().to_string());
        }
        pages += 1;
        token = v["next_page_token"].as_str().unwrap().to_string();
        if token.is_empty() {
            break;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, (0..7).map(|i| format!("M{i}")).collect::<Vec<_>>());
    let big = json(env.get("/v2/users/me/meetings?page_size=1000").await).await;
    assert_eq!(big["page_size"], 300);
    let first = json(env.get("/v2/users/me/meetings?page_size=2").await).await;
    let t = first["next_page_token"].as_str().unwrap().to_string();
    env.sim.advance(chrono::Duration::minutes(16));
    let expired = env
        .get(&format!(
            "/v2/users/me/meetings?page_size=2&next_page_token={t}"
        ))
        .await;
    assert_zoom_error(expired, 400, 300).await;
}

#[tokio::test]
async fn list_item_shape_truncates_agenda_and_has_no_occurrences() {
    let env = env_at("2027-01-10T00:00:00Z").await;
    let agenda = "a".repeat(600);
    let m = weekly(&env).await;
    let one = env
        .create(json!({"topic": "Long", "type": 2, "start_time": "2027-01-20T10:00:00Z", "agenda": agenda}))
        .await;
    assert_eq!(one["agenda"].as_str().unwrap().len(), 600);
    let list = json(env.get("/v2/users/me/meetings?type=upcoming").await).await;
    for item in list["meetings"].as_array().unwrap() {
        assert!(item.get("occurrences").is_none());
        assert!(item.get("start_url").is_none());
        assert!(item["agenda"].as_str().unwrap().chars().count() <= 250);
        assert!(item["pmi"].is_string());
    }
    assert_eq!(list["total_records"], 2);
    let full = env.meeting(one["id"].as_i64().unwrap(), "").await;
    assert_eq!(full["agenda"].as_str().unwrap().len(), 600);
    let _ = m;
}

#[tokio::test]
async fn list_types_and_date_window() {
    let env = env_at("2027-01-10T12:00:00Z").await;
    env.create(json!({"topic": "Past", "type": 2, "start_time": "2027-01-09T10:00:00Z"}))
        .await;
    env.create(json!({"topic": "Next", "type": 2, "start_time": "2027-01-11T10:00:00Z"}))
        .await;
    env.create(json!({"topic": "Later", "type": 2, "start_time": "2027-01-25T10:00:00Z"}))
        .await;
    env.create(json!({"topic": "Instant", "type": 1})).await;
    let topics = |v: Value| -> Vec<String> {
        v["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["topic"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        topics(json(env.get("/v2/users/me/meetings").await).await),
        ["Past", "Next", "Later"]
    );
    assert_eq!(
        topics(json(env.get("/v2/users/me/meetings?type=upcoming").await).await),
        ["Next", "Later"]
    );
    assert_eq!(
        topics(
            json(
                env.get("/v2/users/me/meetings?type=previous_meetings")
                    .await
            )
            .await
        ),
        ["Past"]
    );
    let week = json(
        env.get("/v2/users/me/meetings?type=upcoming&from=2027-01-10&to=2027-01-16&timezone=UTC")
            .await,
    )
    .await;
    assert_eq!(topics(week), ["Next"]);
    assert_zoom_error(env.get("/v2/users/me/meetings?type=bogus").await, 400, 300).await;
}

#[tokio::test]
async fn upcoming_meetings_cover_the_next_24_hours() {
    let env = env_at("2027-01-10T12:00:00Z").await;
    env.create(json!({"topic": "Soon", "type": 2, "start_time": "2027-01-10T12:30:00Z"}))
        .await;
    env.create(
        json!({"topic": "Tomorrow morning", "type": 2, "start_time": "2027-01-11T09:00:00Z"}),
    )
    .await;
    env.create(json!({"topic": "In two days", "type": 2, "start_time": "2027-01-12T13:00:00Z"}))
        .await;
    env.create(
        json!({"topic": "Daily", "type": 8, "start_time": "2027-01-05T18:00:00Z", "timezone": "UTC",
        "recurrence": {"type": 1, "end_times": 20}}),
    )
    .await;
    let v = json(env.get("/v2/users/me/upcoming_meetings").await).await;
    let topics: Vec<&str> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["topic"].as_str().unwrap())
        .collect();
    assert_eq!(topics, ["Soon", "Daily", "Tomorrow morning"]);
    assert_eq!(v["total_records"], 3);
    assert_eq!(v["meetings"][1]["start_time"], "2027-01-10T18:00:00Z");
}

#[tokio::test]
async fn alternative_hosts_dial_in_and_invitation() {
    let env = env_at("2027-01-10T12:00:00Z").await;
    let m = env
        .create(json!({"topic": "Planning", "type": 2, "start_time": "2027-01-12T15:00:00", "timezone": "Europe/Berlin",
            "password": "abc123",
            "settings": {"alternative_hosts": "alex.kim@zoomdesk.test; sam.lee@zoomdesk.test", "global_dial_in_countries": ["US", "DE", "XX"]}}))
        .await;
    assert_eq!(
        m["settings"]["alternative_hosts"],
        "alex.kim@zoomdesk.test;sam.lee@zoomdesk.test"
    );
    let numbers = m["settings"]["global_dial_in_numbers"].as_array().unwrap();
    assert!(numbers.iter().any(|n| n["country"] == "DE"));
    assert!(numbers
        .iter()
        .any(|n| n["country"] == "US" && n["type"] == "tollfree"));
    assert!(numbers.iter().all(|n| n["country"] != "XX"));
    let id = m["id"].as_i64().unwrap();
    let inv = json(env.get(&format!("/v2/meetings/{id}/invitation")).await).await;
    let text = inv["invitation"].as_str().unwrap();
    assert!(text.contains(m["join_url"].as_str().unwrap()));
    assert!(text.contains("Passcode: abc123"));
    assert!(text.contains("+49 69"));
    assert!(inv["sip_links"][0]
        .as_str()
        .unwrap()
        .starts_with(&id.to_string()));
    assert_zoom_error(
        env.get("/v2/meetings/1234567890/invitation").await,
        404,
        3001,
    )
    .await;
}

#[tokio::test]
async fn type_3_has_no_start_time_or_occurrences() {
    let env = env_at("2027-01-10T12:00:00Z").await;
    let m = env
        .create(json!({"topic": "Room", "type": 3, "start_time": "2027-01-12T15:00:00Z"}))
        .await;
    assert!(m.get("start_time").is_none());
    assert!(m.get("occurrences").is_none());
    let _ = Utc.timestamp_opt(0, 0);
}

#[tokio::test]
async fn unknown_user_is_1001() {
    let env = env_at("2027-01-10T12:00:00Z").await;
    assert_zoom_error(env.get("/v2/users/someone-else/meetings").await, 404, 1001).await;
}

#[tokio::test]
async fn deleted_meeting_can_be_recovered_and_default_password_false() {
    let env = env_at("2027-01-10T12:00:00Z").await;
    let m = env
        .create(json!({"topic": "Oops", "type": 2, "start_time": "2027-01-12T15:00:00Z", "default_password": false}))
        .await;
    assert_eq!(m["password"], "");
    assert!(!m["join_url"].as_str().unwrap().contains("pwd="));
    let id = m["id"].as_i64().unwrap();
    assert_eq!(
        env.delete(&format!("/v2/meetings/{id}")).await.status(),
        204
    );
    let put = env
        .http
        .put(env.url(&format!("/v2/meetings/{id}/status")))
        .bearer_auth(&env.token)
        .json(&json!({"action": "recover"}))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 204);
    assert_eq!(env.meeting(id, "").await["topic"], "Oops");
    let zak = json(env.get("/v2/users/me/zak").await).await;
    assert!(zak["token"].is_string());
}

/// Office hours are marked with a custom key: Zoom keeps it with the meeting, returns it from
/// GET (not in list items), and refuses more than its spec allows.
#[tokio::test]
async fn custom_keys_are_kept_returned_by_get_and_checked() {
    let env = env_at("2027-01-01T12:00:00Z").await;
    let mark = json!([{"key": "zoomdesk", "value": "office-hours"}]);
    let created = env
        .create(json!({"topic": "Office hours", "type": 8, "start_time": "2027-01-15T10:00:00",
            "timezone": "Europe/Madrid", "recurrence": {"type": 2, "weekly_days": "6", "end_times": 4},
            "settings": {"custom_keys": mark}}))
        .await;
    let id = created["id"].as_i64().unwrap();
    assert_eq!(env.meeting(id, "").await["settings"]["custom_keys"], mark);
    let list = json(env.get("/v2/users/me/meetings?type=scheduled").await).await;
    let item = list["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap()
        .clone();
    assert!(item.get("settings").is_none(), "{item}");
    // A PATCH of other settings keeps the mark.
    let resp = env
        .patch(
            &format!("/v2/meetings/{id}"),
            &json!({"settings": {"waiting_room": false}}),
        )
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(env.meeting(id, "").await["settings"]["custom_keys"], mark);
    // Too many, a key too long, a value too long.
    let eleven: Vec<Value> = (0..11)
        .map(|i| json!({"key": format!("k{i}"), "value": "v"}))
        .collect();
    for bad in [
        json!(eleven),
        json!([{"key": "k".repeat(65), "value": "v"}]),
        json!([{"key": "k", "value": "v".repeat(257)}]),
    ] {
        let resp = env
            .post(
                "/v2/users/me/meetings",
                &json!({"topic": "Bad", "type": 2, "start_time": "2027-01-15T10:00:00Z",
                    "settings": {"custom_keys": bad}}),
            )
            .await;
        let body = assert_zoom_error(resp, 400, 300).await;
        assert_eq!(body["errors"][0]["field"], "settings.custom_keys");
    }
}

//! Rate limits: per-second bursts, the daily cap with an ISO Retry-After, and 100 create/update a day per user.

use crate::common::*;
use chrono::{DateTime, Utc};
use serde_json::json;
use zoom_sim::{Category, RatePlan, SimConfig};

#[tokio::test]
async fn light_burst_over_30_per_second_gets_429_with_headers() {
    let env = start(empty()).await;
    env.sim.freeze_clock(true);
    for _ in 0..30 {
        let r = env.get("/v2/users/me").await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["x-ratelimit-category"], "Light");
    }
    let r = env.get("/v2/users/me").await;
    assert_eq!(r.status(), 429);
    let h = r.headers().clone();
    assert_eq!(h["x-ratelimit-category"], "Light");
    assert_eq!(h["x-ratelimit-type"], "QPS");
    assert_eq!(h["x-ratelimit-limit"], "30");
    assert_eq!(h["x-ratelimit-remaining"], "0");
    let body = json(r).await;
    assert_eq!(body["code"], 429);
    assert_eq!(
        body["message"],
        "You have reached the maximum per-second rate limit for this API. Try again later."
    );
    env.sim.advance(chrono::Duration::seconds(1));
    assert_eq!(env.get("/v2/users/me").await.status(), 200);
}

#[tokio::test]
async fn medium_burst_over_20_per_second_gets_429() {
    let env = start(empty()).await;
    env.sim.freeze_clock(true);
    let mut statuses = Vec::new();
    for _ in 0..22 {
        statuses.push(env.get("/v2/users/me/meetings").await.status().as_u16());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 20);
    assert_eq!(&statuses[20..], &[429, 429]);
    // Light operations have their own budget.
    assert_eq!(env.get("/v2/users/me").await.status(), 200);
}

#[tokio::test]
async fn daily_cap_answers_429_with_iso_retry_after() {
    let env = start(empty()).await;
    env.sim
        .set_now("2027-05-30T15:00:00Z".parse::<DateTime<Utc>>().unwrap());
    env.sim.set_daily_limit(Category::Medium, Some(2));
    assert_eq!(env.get("/v2/users/me/meetings").await.status(), 200);
    assert_eq!(env.get("/v2/users/me/meetings").await.status(), 200);
    let r = env.get("/v2/users/me/meetings").await;
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["x-ratelimit-type"], "Daily-limit");
    assert_eq!(r.headers()["retry-after"], "2027-05-31T00:00:00Z");
    let body = json(r).await;
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("daily rate limit"));
    env.sim
        .set_now("2027-05-31T00:00:01Z".parse::<DateTime<Utc>>().unwrap());
    assert_eq!(env.get("/v2/users/me/meetings").await.status(), 200);
}

#[tokio::test]
async fn per_user_limit_of_100_creates_and_updates_a_day() {
    let env = start(SimConfig {
        rate_plan: RatePlan::Off,
        start_at: Some("2027-05-30T10:00:00Z".parse().unwrap()),
        ..empty()
    })
    .await;
    let m = env
        .create(json!({"topic": "T", "type": 2, "start_time": "2027-06-01T10:00:00Z"}))
        .await;
    let id = m["id"].as_i64().unwrap();
    for i in 0..99 {
        let r = env
            .patch(
                &format!("/v2/meetings/{id}"),
                &json!({"topic": format!("T{i}")}),
            )
            .await;
        assert_eq!(r.status(), 204, "update {i}");
    }
    let r = env
        .patch(
            &format!("/v2/meetings/{id}"),
            &json!({"topic": "one too many"}),
        )
        .await;
    assert_eq!(r.status(), 429);
    let body = json(r).await;
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("daily rate limit (100) of Meeting Create/Update"));
    let create = env
        .post("/v2/users/me/meetings", &json!({"topic": "blocked"}))
        .await;
    assert_eq!(create.status(), 429);
    // Reads and deletes are not counted.
    assert_eq!(env.get(&format!("/v2/meetings/{id}")).await.status(), 200);
    env.sim.set_now("2027-05-31T00:00:00Z".parse().unwrap());
    let r = env
        .patch(&format!("/v2/meetings/{id}"), &json!({"topic": "next day"}))
        .await;
    assert_eq!(r.status(), 204);
}

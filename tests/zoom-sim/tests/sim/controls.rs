//! Test controls: fault injection, the request log, reset, and the same controls over HTTP.

use crate::common::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use zoom_sim::{Fault, FaultKind, Seed};

#[tokio::test]
async fn injected_429_and_500_then_normal_answers() {
    let env = start(empty()).await;
    env.sim
        .inject_fault(Fault::new("/v2/users/me", FaultKind::TooManyRequests, 2));
    env.sim
        .inject_fault(Fault::new("/v2/users/me/meetings", FaultKind::ServerError, 1).method("GET"));
    for _ in 0..2 {
        let r = env.get("/v2/users/me").await;
        assert_eq!(r.status(), 429);
        assert_eq!(r.headers()["x-ratelimit-type"], "QPS");
    }
    assert_eq!(env.get("/v2/users/me").await.status(), 200);
    assert_eq!(env.get("/v2/users/me/meetings").await.status(), 500);
    assert_eq!(env.get("/v2/users/me/meetings").await.status(), 200);
}

#[tokio::test]
async fn injected_drop_closes_the_connection() {
    let env = start(empty()).await;
    env.sim
        .inject_fault(Fault::new("/v2/*", FaultKind::Drop, 1));
    let err = env
        .http
        .get(env.url("/v2/users/me"))
        .bearer_auth(&env.token)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.is_request() || err.is_connect() || err.is_body(),
        "{err:?}"
    );
    assert_eq!(env.get("/v2/users/me").await.status(), 200);
    let log = env.sim.requests();
    assert_eq!(log[0].status, 0);
    assert_eq!(log[1].status, 200);
}

#[tokio::test]
async fn drop_after_handling_carries_out_the_create_but_loses_the_answer() {
    let env = start(empty()).await;
    env.sim.inject_fault(
        Fault::new("/v2/users/me/meetings", FaultKind::DropAfterHandling, 1).method("POST"),
    );
    let body = serde_json::json!({"topic": "Lost answer", "type": 2,
        "start_time": "2030-01-10T10:00:00Z", "duration": 30});
    let err = env
        .http
        .post(env.url("/v2/users/me/meetings"))
        .bearer_auth(&env.token)
        .json(&body)
        .send()
        .await
        .unwrap_err();
    assert!(
        err.is_request() || err.is_connect() || err.is_body(),
        "{err:?}"
    );
    let list = json(env.get("/v2/users/me/meetings?type=scheduled").await).await;
    let topics: Vec<&str> = list["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["topic"].as_str())
        .collect();
    assert_eq!(
        topics,
        vec!["Lost answer"],
        "the meeting exists although its answer was lost"
    );
}

#[tokio::test]
async fn injected_slowness_delays_the_answer() {
    let env = start(empty()).await;
    env.sim
        .inject_fault(Fault::new("/v2/users/me", FaultKind::Slow, 1).delay_ms(300));
    let t = Instant::now();
    assert_eq!(env.get("/v2/users/me").await.status(), 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    env.sim
        .inject_fault(Fault::new("/v2/users/me", FaultKind::Slow, 1).delay_ms(1000));
    let err = client
        .get(env.url("/v2/users/me"))
        .bearer_auth(&env.token)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout());
}

#[tokio::test]
async fn request_log_counts_api_calls() {
    let env = start(empty()).await;
    env.get("/v2/users/me").await;
    env.get("/v2/meetings/42").await;
    env.http.get(env.url("/_sim/clock")).send().await.unwrap();
    let log = env.sim.requests();
    let seen: Vec<(String, String, u16)> = log
        .iter()
        .map(|r| (r.method.clone(), r.path.clone(), r.status))
        .collect();
    assert_eq!(
        seen,
        [
            ("GET".to_string(), "/v2/users/me".to_string(), 200),
            ("GET".to_string(), "/v2/meetings/42".to_string(), 404)
        ]
    );
    env.sim.clear_requests();
    assert!(env.sim.requests().is_empty());
}

#[tokio::test]
async fn reset_reseeds_and_keeps_tokens() {
    let env = start(empty()).await;
    env.create(json!({"topic": "temp", "type": 2, "start_time": "2030-01-01T10:00:00Z"}))
        .await;
    env.sim.reset(Seed::Empty);
    let v = json(env.get("/v2/users/me/meetings").await).await;
    assert_eq!(v["total_records"], 0);
    env.sim.reset(Seed::Demo);
    let v = json(env.get("/v2/users/me/meetings").await).await;
    assert!(v["total_records"].as_u64().unwrap() >= 6);
}

#[tokio::test]
async fn controls_over_http() {
    let env = start(empty()).await;
    let http = &env.http;
    let clock: Value = json(http.get(env.url("/_sim/clock")).send().await.unwrap()).await;
    assert!(clock["now"].is_string());
    let set: Value = json(
        http.post(env.url("/_sim/clock"))
            .json(&json!({"now": "2030-01-01T12:00:00Z", "frozen": true}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(set["now"], "2030-01-01T12:00:00Z");
    let moved: Value = json(
        http.post(env.url("/_sim/clock"))
            .json(&json!({"advance_seconds": 90}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(moved["now"], "2030-01-01T12:01:30Z");

    let r = http
        .post(env.url("/_sim/faults"))
        .json(&json!({"path": "/v2/users/me", "kind": "server_error", "count": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(env.get("/v2/users/me").await.status(), 500);

    let rec: Value = json(
        http.post(env.url("/_sim/recordings"))
            .json(&json!({"topic": "Fresh"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(rec["topic"], "Fresh");
    let listed = json(env.get("/v2/users/me/recordings").await).await;
    assert_eq!(listed["meetings"][0]["topic"], "Fresh");

    let log: Value = json(
        http.get(env.url("/_sim/requests?path_prefix=/v2/users/me"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(log.as_array().unwrap().len(), 2);
    assert_eq!(log[0]["status"], 500);

    let token: Value = json(
        http.post(env.url("/_sim/tokens"))
            .json(&json!({"scopes": ["user:read:user"]}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let narrow = token["access_token"].as_str().unwrap();
    assert_eq!(env.get_with("/v2/users/me", narrow).await.status(), 200);

    let r = http
        .post(env.url("/_sim/limits"))
        .json(&json!({"category": "Light", "daily": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(env.get("/v2/users/me").await.status(), 429);

    let r = http
        .post(env.url("/_sim/reset"))
        .json(&json!({"seed": "demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(env.get("/v2/users/me").await.status(), 200);
    let r = http.delete(env.url("/_sim/requests")).send().await.unwrap();
    assert_eq!(r.status(), 204);
}

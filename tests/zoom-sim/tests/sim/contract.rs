//! Contract tests: responses validated against the response schemas in Zoom's OpenAPI specs
//! (`specs/*.json` in this crate, copied from the sources in `specs/SOURCE.md`), converted from
//! OpenAPI 3.0 to JSON Schema (draft 7).
//! Deviations where FACTS.md overrides the spec are applied in `deviations` and listed in the README.

use crate::common::*;
use serde_json::{json, Map, Value};
use std::path::PathBuf;
use std::sync::OnceLock;
use zoom_sim::SimConfig;

fn spec_dir() -> PathBuf {
    match std::env::var_os("ZOOM_API_SPECS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("specs"),
    }
}

fn load(name: &str) -> Value {
    let path = spec_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} (set ZOOM_API_SPECS to the folder of Zoom's OpenAPI specs): {e}",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap()
}

fn meetings_spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| load("zoom-meetings-openapi.json"))
}

fn users_spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| load("zoom-users-openapi.json"))
}

/// Inlines `$ref`s and turns OpenAPI's `nullable` into a JSON Schema type union.
fn convert(doc: &Value, node: &Value, depth: usize, patch: bool) -> Value {
    if depth > 40 {
        return json!({});
    }
    match node {
        Value::Object(map) => {
            if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                let name = r.rsplit('/').next().unwrap();
                let target = &doc["components"]["schemas"][name];
                return convert(doc, target, depth + 1, patch);
            }
            let mut out = Map::new();
            for (k, v) in map {
                if k == "example" || k == "examples" {
                    continue;
                }
                out.insert(k.clone(), convert(doc, v, depth + 1, patch));
            }
            if out.remove("nullable") == Some(Value::Bool(true)) {
                if let Some(t) = out.get("type").cloned() {
                    out.insert("type".into(), json!([t, "null"]));
                }
            }
            if patch {
                deviations(&mut out);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| convert(doc, v, depth + 1, patch))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Where FACTS.md overrides the spec (see the README's deviations list).
fn deviations(schema: &mut Map<String, Value>) {
    let Some(Value::Object(props)) = schema.get_mut("properties") else {
        return;
    };
    // weekly_days: the spec enumerates single days; Zoom takes and returns comma-separated lists ("2,4").
    if let Some(Value::Object(w)) = props.get_mut("weekly_days") {
        w.remove("enum");
        w.insert("pattern".into(), json!("^[1-7](,[1-7])*$"));
    }
    // recordings meetings[].type: a string enum in the spec, a number from the live API.
    if let Some(Value::Object(t)) = props.get_mut("type") {
        let is_recording_type = t
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|e| e.contains(&json!("99")));
        if is_recording_type {
            t.clear();
            t.insert("type".into(), json!(["integer", "string"]));
        }
    }
}

fn response_schema(doc: &Value, path: &str, method: &str, code: &str, patch: bool) -> Value {
    let raw =
        &doc["paths"][path][method]["responses"][code]["content"]["application/json"]["schema"];
    assert!(!raw.is_null(), "no schema for {method} {path} {code}");
    convert(doc, raw, 0, patch)
}

fn errors_against(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(schema)
        .unwrap();
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

fn check(doc: &Value, path: &str, method: &str, code: &str, instance: &Value) {
    let schema = response_schema(doc, path, method, code, true);
    let errors = errors_against(&schema, instance);
    assert!(
        errors.is_empty(),
        "{method} {path} {code} does not match the spec:\n{}\n{instance:#}",
        errors.join("\n")
    );
}

fn check_error(body: &Value) {
    let schema = convert(
        users_spec(),
        &json!({"$ref": "#/components/schemas/ErrorResponse"}),
        0,
        true,
    );
    let errors = errors_against(&schema, body);
    assert!(
        errors.is_empty(),
        "error body does not match ErrorResponse: {errors:?} {body}"
    );
    assert!(
        body["code"].is_i64() && body["message"].is_string(),
        "{body}"
    );
}

async fn demo() -> Env {
    start(SimConfig::default()).await
}

#[tokio::test]
async fn users_me_matches_spec() {
    let env = demo().await;
    let me = json(env.get("/v2/users/me").await).await;
    check(users_spec(), "/users/{userId}", "get", "200", &me);
}

#[tokio::test]
async fn meeting_create_and_get_match_spec() {
    let env = demo().await;
    let bodies = [
        json!({"topic": "One", "type": 2, "start_time": "2031-01-15T10:00:00", "timezone": "Europe/Madrid",
            "settings": {"alternative_hosts": "a@zoomdesk.test;b@zoomdesk.test", "global_dial_in_countries": ["US", "ES"],
                "meeting_invitees": [{"email": "x@example.com"}],
                "custom_keys": [{"key": "zoomdesk", "value": "office-hours"}]}}),
        json!({"topic": "Weekly", "type": 8, "start_time": "2031-01-15T10:00:00", "timezone": "America/New_York",
            "recurrence": {"type": 2, "weekly_days": "2,4", "end_times": 6}}),
        json!({"topic": "Monthly", "type": 8, "start_time": "2031-01-15T10:00:00Z",
            "recurrence": {"type": 3, "monthly_week": -1, "monthly_week_day": 6, "end_date_time": "2031-06-30T00:00:00Z"}}),
        json!({"topic": "Room", "type": 3}),
        json!({"topic": "Now", "type": 1}),
    ];
    for body in bodies {
        let created = env.create(body).await;
        check(
            meetings_spec(),
            "/users/{userId}/meetings",
            "post",
            "201",
            &created,
        );
        let id = created["id"].as_i64().unwrap();
        let got = env.meeting(id, "").await;
        check(meetings_spec(), "/meetings/{meetingId}", "get", "200", &got);
        if let Some(occ) = created["occurrences"][0]["occurrence_id"].as_str() {
            let one = env.meeting(id, &format!("?occurrence_id={occ}")).await;
            check(meetings_spec(), "/meetings/{meetingId}", "get", "200", &one);
        }
        let inv = json(env.get(&format!("/v2/meetings/{id}/invitation")).await).await;
        check(
            meetings_spec(),
            "/meetings/{meetingId}/invitation",
            "get",
            "200",
            &inv,
        );
    }
}

#[tokio::test]
async fn meeting_lists_match_spec() {
    let env = demo().await;
    for query in [
        "",
        "?type=upcoming",
        "?type=previous_meetings",
        "?page_size=2",
    ] {
        let list = json(env.get(&format!("/v2/users/me/meetings{query}")).await).await;
        assert!(list["meetings"].is_array());
        check(
            meetings_spec(),
            "/users/{userId}/meetings",
            "get",
            "200",
            &list,
        );
    }
    let upcoming = json(env.get("/v2/users/me/upcoming_meetings").await).await;
    assert!(upcoming["total_records"].as_u64().unwrap() >= 1);
    check(
        meetings_spec(),
        "/users/{userId}/upcoming_meetings",
        "get",
        "200",
        &upcoming,
    );
}

#[tokio::test]
async fn recordings_match_spec() {
    let env = demo().await;
    let today = env.sim.now().date_naive();
    let from = today - chrono::Duration::days(7);
    let list = json(
        env.get(&format!("/v2/users/me/recordings?from={from}&to={today}"))
            .await,
    )
    .await;
    assert_eq!(list["total_records"], 3);
    check(
        meetings_spec(),
        "/users/{userId}/recordings",
        "get",
        "200",
        &list,
    );
    let id = list["meetings"][0]["id"].as_i64().unwrap();
    let one = json(env.get(&format!("/v2/meetings/{id}/recordings")).await).await;
    check(
        meetings_spec(),
        "/meetings/{meetingId}/recordings",
        "get",
        "200",
        &one,
    );
}

#[tokio::test]
async fn deviations_are_needed() {
    // The unpatched spec rejects what the live API returns (numeric recording type, "2,4" weekly days).
    let env = demo().await;
    let today = env.sim.now().date_naive();
    let list = json(
        env.get(&format!(
            "/v2/users/me/recordings?from={}&to={today}",
            today - chrono::Duration::days(7)
        ))
        .await,
    )
    .await;
    let raw = response_schema(
        meetings_spec(),
        "/users/{userId}/recordings",
        "get",
        "200",
        false,
    );
    assert!(!errors_against(&raw, &list).is_empty());
    let weekly = env
        .create(json!({"topic": "W", "type": 8, "start_time": "2031-01-15T10:00:00Z", "recurrence": {"type": 2, "weekly_days": "2,4", "end_times": 2}}))
        .await;
    let raw = response_schema(
        meetings_spec(),
        "/meetings/{meetingId}",
        "get",
        "200",
        false,
    );
    assert!(!errors_against(&raw, &weekly).is_empty());
}

#[tokio::test]
async fn error_bodies_match_spec() {
    let env = demo().await;
    let mut bodies = Vec::new();
    bodies.push(
        assert_zoom_error(
            env.http.get(env.url("/v2/users/me")).send().await.unwrap(),
            401,
            124,
        )
        .await,
    );
    bodies.push(assert_zoom_error(env.get("/v2/meetings/99").await, 404, 3001).await);
    bodies.push(assert_zoom_error(env.get("/v2/users/nobody").await, 404, 1001).await);
    let invalid = env
        .post(
            "/v2/users/me/meetings",
            &json!({"type": 8, "recurrence": {"type": 2, "repeat_interval": 40}}),
        )
        .await;
    let v = assert_zoom_error(invalid, 400, 300).await;
    assert_eq!(v["errors"][0]["field"], "recurrence.repeat_interval");
    bodies.push(v);
    let narrow = env.sim.issue_token(Some(&["user:read:user"])).access_token;
    bodies.push(
        assert_zoom_error(
            env.get_with("/v2/users/me/recordings", &narrow).await,
            403,
            4700,
        )
        .await,
    );
    env.sim.inject_fault(zoom_sim::Fault::new(
        "/v2/users/me",
        zoom_sim::FaultKind::TooManyRequests,
        1,
    ));
    bodies.push(assert_zoom_error(env.get("/v2/users/me").await, 429, 429).await);
    for b in &bodies {
        check_error(b);
    }
}

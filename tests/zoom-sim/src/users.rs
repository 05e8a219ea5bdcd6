//! `GET /v2/users/{userId}`.

use crate::api_guard::{check_user, Caller};
use crate::errors::ApiError;
use crate::state::Shared;
use crate::timefmt::zulu;
use axum::extract::{Path, State};
use axum::{Extension, Json};
use serde_json::{json, Value};
use std::sync::Arc;

/// The licensed demo user.
pub(crate) async fn get_user(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(user_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&["user:read:user", "user:read"])?;
    let st = shared.lock();
    check_user(&st, &caller, &user_id)?;
    let u = &st.user;
    let now = shared.now();
    Ok(Json(json!({
        "id": u.id,
        "first_name": u.first_name,
        "last_name": u.last_name,
        "display_name": format!("{} {}", u.first_name, u.last_name),
        "email": u.email,
        "type": 2,
        "role_name": "Owner",
        "role_id": "0",
        "pmi": u.pmi,
        "use_pmi": false,
        "personal_meeting_url": format!("{}/j/{}", shared.base_url, u.pmi),
        "timezone": u.timezone,
        "verified": 1,
        "dept": "",
        "created_at": zulu(u.created_at),
        "user_created_at": zulu(u.created_at),
        "last_login_time": zulu(now),
        "last_client_version": "6.2.0.40000(mac)",
        "pic_url": "",
        "language": "en-US",
        "phone_number": "",
        "status": "active",
        "account_id": u.account_id,
        "account_number": 8_155_123_456_i64,
        "cluster": "us05",
        "login_types": [100],
        "group_ids": [],
        "im_group_ids": [],
        "zoom_one_type": 16,
        "plan_united_type": "1",
        "jid": format!("{}@xmpp.zoom.us", u.id.to_lowercase()),
    })))
}

/// `GET /v2/users/{userId}/zak`: a host key that lives 5 minutes.
pub(crate) async fn zak(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(user_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&["user:read:zak", "user_zak:read"])?;
    let mut st = shared.lock();
    check_user(&st, &caller, &user_id)?;
    Ok(Json(
        json!({ "token": format!("zsim_zak_{}", st.token(40)) }),
    ))
}

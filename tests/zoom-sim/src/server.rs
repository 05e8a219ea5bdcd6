//! The HTTP server: routes, and an accept loop that can apply faults (including dropping a connection).

use crate::errors::ApiError;
use crate::faults::{self, FaultKind};
use crate::limits::{classify, qps_error};
use crate::request_log::LoggedRequest;
use crate::state::Shared;
use crate::timefmt::zulu;
use crate::{
    api_guard, authorize, controls, downloads, invitation, meeting_lists, meetings, oauth,
    recordings, users,
};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower::ServiceExt;

async fn api_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        404,
        "Not found: this API is not simulated.",
    )
}

/// All routes.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let api = Router::new()
        .route("/users/{user_id}", get(users::get_user))
        .route(
            "/users/{user_id}/meetings",
            get(meeting_lists::list).post(meetings::create),
        )
        .route(
            "/users/{user_id}/upcoming_meetings",
            get(meeting_lists::upcoming),
        )
        .route("/users/{user_id}/recordings", get(recordings::list))
        .route(
            "/meetings/{id}",
            get(meetings::get)
                .patch(meetings::update)
                .delete(meetings::delete),
        )
        .route("/meetings/{id}/invitation", get(invitation::invitation))
        .route(
            "/meetings/{id}/status",
            axum::routing::put(meetings::status),
        )
        .route("/users/{user_id}/zak", get(users::zak))
        .route("/meetings/{id}/recordings", get(recordings::for_meeting))
        .fallback(api_not_found)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            api_guard::guard,
        ));
    Router::new()
        .nest("/v2", api)
        .route(
            "/oauth/authorize",
            get(authorize::authorize).post(authorize::decide),
        )
        .route("/oauth/consent.css", get(authorize::consent_css))
        .route("/oauth/token", post(oauth::token))
        .route("/oauth/revoke", post(oauth::revoke))
        .route("/rec/download/{file_id}", get(downloads::download))
        .route("/rec/signed/{file_id}", get(downloads::signed_file))
        .route("/rec/play/{id}", get(controls::player_page))
        .route("/rec/share/{id}", get(controls::player_page))
        .route("/j/{id}", get(controls::launch_page))
        .route("/s/{id}", get(controls::start_page))
        .nest("/_sim", controls::router())
        .with_state(shared)
}

/// Returned to hyper to close a connection without an answer.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by an injected fault")]
pub(crate) struct DropConnection;

async fn dispatch(
    shared: Arc<Shared>,
    app: Router,
    req: Request<hyper::body::Incoming>,
) -> Result<Response, DropConnection> {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let at = zulu(shared.now());
    let logged = !path.starts_with("/_sim");
    let log = |status: u16| {
        if logged {
            shared.lock().log.push(LoggedRequest {
                method: method.to_string(),
                path: path.clone(),
                status,
                at: at.clone(),
            });
        }
    };
    let fault = if logged {
        faults::take(&mut shared.lock().faults, method.as_str(), &path)
    } else {
        None
    };
    if let Some(f) = &fault {
        tracing::debug!(kind = ?f.kind, %method, %path, "injected fault");
        match f.kind {
            FaultKind::Drop => {
                log(0);
                return Err(DropConnection);
            }
            FaultKind::TooManyRequests => {
                let category =
                    classify(&method, path.strip_prefix("/v2").unwrap_or(&path)).category;
                let resp = qps_error(category, 30).into_response();
                log(resp.status().as_u16());
                return Ok(resp);
            }
            FaultKind::ServerError => {
                let resp = ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    500,
                    "Internal server error.",
                )
                .into_response();
                log(resp.status().as_u16());
                return Ok(resp);
            }
            FaultKind::BadGateway => {
                let resp = (
                    StatusCode::BAD_GATEWAY,
                    [(axum::http::header::CONTENT_TYPE, "text/html")],
                    "<html><body><h1>502 Bad Gateway</h1></body></html>",
                )
                    .into_response();
                log(resp.status().as_u16());
                return Ok(resp);
            }
            FaultKind::Unavailable => {
                let resp = (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [(axum::http::header::RETRY_AFTER, "1")],
                    "Service Unavailable",
                )
                    .into_response();
                log(resp.status().as_u16());
                return Ok(resp);
            }
            FaultKind::Slow => {
                tokio::time::sleep(std::time::Duration::from_millis(f.delay_ms)).await
            }
            FaultKind::DropAfterHandling => {}
        }
    }
    let resp = match app.oneshot(req.map(Body::new)).await {
        Ok(r) => r,
        Err(never) => match never {},
    };
    if fault.is_some_and(|f| f.kind == FaultKind::DropAfterHandling) {
        log(0);
        return Err(DropConnection);
    }
    log(resp.status().as_u16());
    Ok(resp)
}

/// Accepts connections until `shutdown` resolves; open connections are closed with the loop.
pub(crate) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let app = router(shared.clone());
    let mut conns = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let (shared, app) = (shared.clone(), app.clone());
                conns.spawn(async move {
                    let service = hyper::service::service_fn(move |req| dispatch(shared.clone(), app.clone(), req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
    conns.shutdown().await;
}

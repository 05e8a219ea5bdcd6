//! Background tasks that survive their own panics: the panic is logged (redacted) and the
//! task starts again after a pause, so one bug never takes reminders or sync down for good.

use std::future::Future;
use std::time::Duration;

/// Runs the task `make()` builds, again and again if it panics, until it returns.
pub fn spawn<F, Fut>(name: &'static str, make: F)
where
    F: Fn() -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    tauri::async_runtime::spawn(async move {
        let mut pause = Duration::from_secs(1);
        loop {
            // Inside Tauri's runtime, so tokio's spawn gives the panic's message back.
            match tokio::spawn(make()).await {
                Ok(()) => return,
                Err(err) if err.is_cancelled() => return,
                Err(err) => {
                    let why = panic_text(err.into_panic());
                    tracing::error!(
                        task = name,
                        "background task panicked: {}; restarting",
                        zoomdesk_core::redact::redact_text(&why)
                    );
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(60));
                }
            }
        }
    });
}

fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".into()
    }
}

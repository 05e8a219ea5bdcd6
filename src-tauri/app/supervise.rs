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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    use super::*;

    #[test]
    fn a_task_that_panics_is_started_again() {
        let runs = Arc::new(AtomicU32::new(0));
        let (done, finished) = std::sync::mpsc::channel();
        let counter = runs.clone();
        spawn("test", move || {
            let counter = counter.clone();
            let done = done.clone();
            async move {
                if counter.fetch_add(1, Ordering::SeqCst) == 0 {
                    panic!("a bug in a background task");
                }
                let _ = done.send(());
            }
        });
        assert_eq!(
            finished.recv_timeout(std::time::Duration::from_secs(20)),
            Ok(())
        );
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }
}

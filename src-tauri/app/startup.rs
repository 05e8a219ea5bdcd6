//! Startup timing: each step from `main` to the UI's first paint is logged with the time since
//! launch, and with `ZOOMDESK_BENCH` set also printed on stdout as `ZOOMDESK_MARK <step> <epoch
//! ms>` for scripts/bench.sh, which lines the steps up against the moment it started the process.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

static LAUNCHED: OnceLock<Instant> = OnceLock::new();

/// When `main` started (the first call fixes it).
pub fn launched() -> Instant {
    *LAUNCHED.get_or_init(Instant::now)
}

/// Whether the benchmark script runs the app.
pub fn bench() -> bool {
    std::env::var_os("ZOOMDESK_BENCH").is_some()
}

fn epoch_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Marks a step of the startup, now.
pub fn mark(step: &str) {
    let ms = launched().elapsed().as_millis();
    tracing::info!(ms, "startup: {step}");
    if bench() {
        println!("ZOOMDESK_MARK {step} {:.1}", epoch_ms());
    }
}

/// Marks a step the page took at `at` (ms since the epoch, the page's clock).
pub fn mark_at(step: &str, at: f64) {
    let ms = (at - (epoch_ms() - launched().elapsed().as_secs_f64() * 1000.0)).round();
    tracing::info!(ms, "startup: {step}");
    if bench() {
        println!("ZOOMDESK_MARK {step} {at:.1}");
    }
}

//! A minimal Tauri 2 app: one window, one page that says hello, and the `ui_ready` command
//! that reports the first paint the way Zoomdesk does (see `zoomdesk_lib::commands::ui_ready`).
//!
//! With `ZOOMDESK_BENCH` set it prints, on stdout, `ZOOMDESK_MARK <name> <epoch ms>` for each
//! step of the startup and `ZOOMDESK_READY <ms since main>` at the first paint.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

static LAUNCHED: OnceLock<Instant> = OnceLock::new();
static READY: AtomicBool = AtomicBool::new(false);

fn bench() -> bool {
    std::env::var_os("ZOOMDESK_BENCH").is_some()
}

fn epoch_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

fn mark_at(name: &str, at: f64) {
    if bench() {
        println!("ZOOMDESK_MARK {name} {at:.1}");
    }
}

fn mark(name: &str) {
    mark_at(name, epoch_ms());
}

/// The page has painted: `marks` are the page's own steps (epoch ms).
#[tauri::command]
fn ui_ready(marks: Option<BTreeMap<String, f64>>) {
    if READY.swap(true, Ordering::SeqCst) {
        return;
    }
    for (name, at) in marks.unwrap_or_default() {
        mark_at(&format!("ui {name}"), at);
    }
    let ms = LAUNCHED.get().map_or(0, |l| l.elapsed().as_millis());
    if bench() {
        println!("ZOOMDESK_READY {ms}");
    }
}

fn main() {
    LAUNCHED.get_or_init(Instant::now);
    mark("main");
    tauri::Builder::default()
        .on_page_load(|_webview, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => mark("page load started"),
            tauri::webview::PageLoadEvent::Finished => mark("page load finished"),
        })
        .invoke_handler(tauri::generate_handler![ui_ready])
        .setup(|_app| {
            // Runs right after the window from the config is created.
            mark("window created");
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running the minimal app");
}

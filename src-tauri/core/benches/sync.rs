//! Sync of a large account from zoom-sim with Pro rate limits on: wall time, API calls made
//! against the fewest possible, and peak memory. Prints a table; numbers, not pass/fail.
//!
//! `cargo bench -p zoomdesk-core --bench sync`
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use zoom_sim::{RatePlan, Seed, Sim, SimConfig};
use zoomdesk_core::auth::vault::MemoryVault;
use zoomdesk_core::auth::{Browser, OAuthClient, Session};
use zoomdesk_core::config::Settings;
use zoomdesk_core::store::Store;
use zoomdesk_core::sync;
use zoomdesk_core::zoom::client::ZoomClient;
use zoomdesk_core::zoom::limiter::RateLimiter;

const ONE_TIME: usize = 1800;
const RECURRING: usize = 200;
const RECORDINGS: usize = 500;

/// Follows the sim's auto-approve redirect back to the loopback listener.
struct Follow;

impl Browser for Follow {
    fn open(&self, url: &str) -> zoomdesk_core::error::Result<()> {
        let url = url.to_string();
        tokio::spawn(async move {
            let _ = reqwest::get(url).await;
        });
        Ok(())
    }
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<f64>().ok())
            })
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

#[tokio::main]
async fn main() {
    let now = Utc.with_ymd_and_hms(2027, 3, 10, 9, 0, 0).single().unwrap();
    let sim = Sim::start(SimConfig {
        seed: Seed::Empty,
        auto_approve: true,
        rate_plan: RatePlan::Pro,
        timezone: "Europe/Madrid".into(),
        start_at: Some(now),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    sim.seed_bulk(ONE_TIME, RECURRING, RECORDINGS);
    let settings = Settings {
        client_id: Some(zoom_sim::PUBLIC_CLIENT_ID.into()),
        oauth_base: sim.base_url(),
        api_base: format!("{}/v2", sim.base_url()),
        ..Settings::default()
    };
    let session = Arc::new(Session::new(
        OAuthClient::new(&settings).unwrap(),
        Box::new(MemoryVault::default()),
    ));
    session
        .sign_in(&Follow, std::future::pending())
        .await
        .unwrap();
    let zoom = ZoomClient::new(
        &settings.api_base,
        session,
        RateLimiter::per_second(settings.rate_limit_per_second),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("bench.sqlite3")).unwrap();
    sim.clear_requests();

    let rss_before = peak_rss_mib();
    let t = Instant::now();
    let report = sync::sync_all(&zoom, &store, now, chrono_tz::Europe::Madrid, true)
        .await
        .unwrap();
    let wall = t.elapsed();
    let log = sim.requests();
    let ok = log.iter().filter(|r| r.status == 200).count();
    let throttled = log.iter().filter(|r| r.status == 429).count();
    let pages = |n: usize| n.div_ceil(300);
    let minimum = pages(ONE_TIME + RECURRING) + RECURRING + pages(RECORDINGS);

    let t = Instant::now();
    let again = sync::sync_all(&zoom, &store, now, chrono_tz::Europe::Madrid, true)
        .await
        .unwrap();
    let wall_again = t.elapsed();

    println!("| measure | value |");
    println!("|---|---|");
    println!("| account | {ONE_TIME} one-time + {RECURRING} weekly series, {RECORDINGS} recordings; Pro limits (Light 30/s, Medium 20/s), client limit {}/s |", settings.rate_limit_per_second);
    println!("| first sync, wall time | {:.2} s |", wall.as_secs_f64());
    println!("| API calls answered 200 / fewest possible | {ok} / {minimum} |");
    println!("| 429s met and waited out | {throttled} |");
    println!(
        "| meetings cached this week / recordings | {} / {} |",
        report.meetings.added.len(),
        report.recordings.new.len()
    );
    println!(
        "| second sync (nothing changed), wall time | {:.2} s (reported empty: {}) |",
        wall_again.as_secs_f64(),
        again.is_empty()
    );
    println!(
        "| peak memory of the process (VmHWM) | {:.0} MiB (before sync {:.0} MiB) |",
        peak_rss_mib(),
        rss_before
    );
}

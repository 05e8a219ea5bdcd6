//! Starting the simulator in-process and controlling it from tests.

use crate::clock::Clock;
use crate::config::{Seed, SimConfig};
use crate::faults::Fault;
use crate::limits::Category;
use crate::request_log::LoggedRequest;
use crate::server::serve;
use crate::state::{Shared, State};
use chrono::{DateTime, Utc};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Entry point: `Sim::start(config)`.
pub struct Sim;

/// An access/refresh token pair.
#[derive(Debug, Clone)]
pub struct TokenPair {
    /// Bearer token for `/v2`.
    pub access_token: String,
    /// Refresh token (rotates on use).
    pub refresh_token: String,
    /// Lifetime of the access token in seconds.
    pub expires_in: u64,
    /// Space-separated granted scopes.
    pub scope: String,
}

/// A running simulator; dropping it stops the server.
pub struct SimHandle {
    shared: Arc<Shared>,
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Sim {
    /// Binds `config.addr`, seeds the state and starts serving.
    pub async fn start(config: SimConfig) -> std::io::Result<SimHandle> {
        let listener = tokio::net::TcpListener::bind(config.addr).await?;
        let addr = listener.local_addr()?;
        let clock = Clock::new(config.start_at);
        let now = clock.now();
        let seed = config.seed;
        let shared = Arc::new(Shared {
            state: Mutex::new(State::new(&config, now)),
            clock,
            config,
            base_url: base_url(addr),
        });
        shared.reset(seed);
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, shared.clone(), async move {
            let _ = rx.await;
        }));
        Ok(SimHandle {
            shared,
            addr,
            shutdown: Some(tx),
            task: Some(task),
        })
    }
}

/// The origin clients use: an unspecified bind address (0.0.0.0) is reached through loopback.
fn base_url(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("http://127.0.0.1:{}", addr.port())
    } else {
        format!("http://{addr}")
    }
}

impl SimHandle {
    /// `http://127.0.0.1:PORT`: OAuth lives at `{base}/oauth/...`, the API at `{base}/v2/...`.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The sim-clock time.
    pub fn now(&self) -> DateTime<Utc> {
        self.shared.now()
    }

    /// Sets the sim clock (it keeps ticking from there).
    pub fn set_now(&self, t: DateTime<Utc>) {
        self.shared.clock.set(t);
    }

    /// Freezes the sim clock where it is (`true`) or lets it tick again (`false`).
    pub fn freeze_clock(&self, frozen: bool) {
        self.shared.clock.freeze(frozen);
    }

    /// Moves the sim clock.
    pub fn advance(&self, d: chrono::Duration) {
        self.shared.clock.advance(d);
    }

    /// Adds a fault rule.
    pub fn inject_fault(&self, fault: Fault) {
        self.shared.lock().faults.push(fault);
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    /// Adds a just-completed recording with files; returns it as the recordings list shows it.
    pub fn complete_recording(
        &self,
        meeting_id: Option<i64>,
        topic: Option<&str>,
    ) -> serde_json::Value {
        self.shared
            .complete_recording(meeting_id, topic.map(str::to_string))
    }

    /// Adds a large account for benchmarks (see the crate README): `one_time` meetings over
    /// four weeks, `recurring` weekly series and `recordings` over the last week.
    pub fn seed_bulk(&self, one_time: usize, recurring: usize, recordings: usize) {
        let now = self.shared.now();
        crate::seed::seed_bulk(
            &mut self.shared.lock(),
            now,
            one_time,
            recurring,
            recordings,
        );
    }

    /// Clears meetings, recordings, counters, faults and the request log, then seeds (OAuth grants stay).
    pub fn reset(&self, seed: Seed) {
        self.shared.reset(seed);
    }

    /// The requests answered so far (controls under `/_sim` excluded).
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.lock().log.clone()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        self.shared.lock().log.clear();
    }

    /// Issues tokens for the demo user without the OAuth dance (all scopes when `None`).
    pub fn issue_token(&self, scopes: Option<&[&str]>) -> TokenPair {
        let v = self.shared.mint_token(
            "zoom-sim-test",
            scopes.map(|s| s.iter().map(|x| x.to_string()).collect()),
        );
        TokenPair {
            access_token: v["access_token"].as_str().unwrap_or_default().to_string(),
            refresh_token: v["refresh_token"].as_str().unwrap_or_default().to_string(),
            expires_in: v["expires_in"].as_u64().unwrap_or_default(),
            scope: v["scope"].as_str().unwrap_or_default().to_string(),
        }
    }

    /// Sets (or clears) a daily cap for a rate-limit category.
    pub fn set_daily_limit(&self, category: Category, limit: Option<u32>) {
        let mut st = self.shared.lock();
        match limit {
            Some(n) => st.limits.daily_override.insert(category, n),
            None => st.limits.daily_override.remove(&category),
        };
    }

    /// Stops the server and waits for it.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

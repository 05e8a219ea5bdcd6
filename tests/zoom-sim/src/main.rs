//! `zoom-sim`: run the Zoom API simulator standalone.

use clap::Parser;
use std::io::Write;
use std::net::SocketAddr;
use zoom_sim::{RatePlan, Seed, Sim, SimConfig};

/// A Zoom OAuth + REST API v2 simulator for Zoomdesk's demo and tests.
#[derive(Parser, Debug)]
#[command(name = "zoom-sim", version)]
struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,
    /// Initial data: demo or empty.
    #[arg(long, default_value = "demo")]
    seed: Seed,
    /// Skip the consent page and redirect straight back with a code.
    #[arg(long)]
    auto_approve: bool,
    /// Access-token lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    token_ttl: u64,
    /// Rate-limit plan: pro, free or off.
    #[arg(long, default_value = "pro")]
    rate_limits: RatePlan,
    /// The demo user's IANA time zone.
    #[arg(long, default_value = "America/New_York")]
    timezone: String,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    if args.timezone.parse::<chrono_tz::Tz>().is_err() {
        eprintln!("zoom-sim: unknown time zone {:?}", args.timezone);
        return std::process::ExitCode::from(2);
    }
    let config = SimConfig {
        addr: args.addr,
        seed: args.seed,
        auto_approve: args.auto_approve,
        token_ttl_secs: args.token_ttl,
        rate_plan: args.rate_limits,
        timezone: args.timezone,
        start_at: None,
    };
    let signals = Signals::install();
    let handle = match Sim::start(config).await {
        Ok(h) => h,
        Err(e) => {
            eprintln!("zoom-sim: cannot listen on {}: {e}", args.addr);
            return std::process::ExitCode::from(1);
        }
    };
    let mut out = std::io::stdout();
    let _ = writeln!(out, "zoom-sim listening on {}", handle.base_url());
    let _ = out.flush();
    signals.wait().await;
    handle.shutdown().await;
    std::process::ExitCode::SUCCESS
}

/// Signal handlers, installed before the listening line is printed so that no signal is missed.
struct Signals {
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    int: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    fn install() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Signals {
                term: signal(SignalKind::terminate()).ok(),
                int: signal(SignalKind::interrupt()).ok(),
            }
        }
        #[cfg(not(unix))]
        {
            Signals {}
        }
    }

    /// Waits for SIGTERM or SIGINT (Ctrl-C elsewhere).
    async fn wait(mut self) {
        #[cfg(unix)]
        {
            let term = async {
                match self.term.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            let int = async {
                match self.int.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = term => {}
                _ = int => {}
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

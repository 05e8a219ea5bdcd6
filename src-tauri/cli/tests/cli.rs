//! The command line front end against zoom-sim: sign in, sync, list, create, change, delete,
//! start; JSON output and errors with the field at fault.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use zoom_sim::{RatePlan, Seed, Sim, SimConfig, SimHandle};

struct Cli {
    home: tempfile::TempDir,
    sim: SimHandle,
}

impl Cli {
    async fn start() -> Cli {
        let sim = Sim::start(SimConfig {
            seed: Seed::Demo,
            auto_approve: true,
            rate_plan: RatePlan::Pro,
            timezone: "Europe/Madrid".into(),
            ..SimConfig::default()
        })
        .await
        .unwrap();
        Cli {
            home: tempfile::tempdir().unwrap(),
            sim,
        }
    }

    fn browser_log(&self) -> PathBuf {
        self.home.path().join("opened.txt")
    }

    /// Runs `zoomdesk-cli args...` in a blocking task so the in-process sim keeps serving.
    async fn run(&self, args: &[&str]) -> Output {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let home = self.home.path().to_path_buf();
        let base = self.sim.base_url();
        let browser = write_browser(&home);
        tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_zoomdesk-cli"))
                .args(&args)
                .env("ZOOMDESK_DATA_DIR", home.join("data"))
                .env("ZOOMDESK_CLIENT_ID", zoom_sim::PUBLIC_CLIENT_ID)
                .env("ZOOMDESK_OAUTH_BASE", &base)
                .env("ZOOMDESK_API_BASE", format!("{base}/v2"))
                .env("ZOOMDESK_VAULT", "file")
                .env("ZOOMDESK_BROWSER", browser)
                .env("ZOOMDESK_LOG", "debug")
                .env("TZ", "Europe/Madrid")
                .output()
                .unwrap()
        })
        .await
        .unwrap()
    }

    async fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run(&all).await;
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

/// A "browser" that records the URL it was given and, for sign-in, follows the redirects
/// (the sim approves at once) back to the CLI's loopback listener.
fn write_browser(home: &Path) -> String {
    let script = home.join("browser.sh");
    if !script.exists() {
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\necho \"$1\" >> '{}'\ncase \"$1\" in */oauth/authorize*) curl -s -L -o /dev/null \"$1\";; esac\n",
                home.join("opened.txt").display()
            ),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    script.display().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_whole_round_trip_from_the_command_line() {
    let cli = Cli::start().await;

    let login = cli.json(&["login"]).await;
    assert_eq!(login["signedIn"], true);
    assert_eq!(
        cli.json(&["whoami"]).await["email"],
        zoom_sim::DEMO_USER_EMAIL
    );

    let report = cli.json(&["sync"]).await;
    assert!(
        !report["meetings"]["added"].as_array().unwrap().is_empty(),
        "{report}"
    );

    // Create, then find it in this week's view with search.
    let start = (chrono::Utc::now() + chrono::Duration::hours(26))
        .with_timezone(&chrono_tz::Europe::Madrid)
        .format("%Y-%m-%d %H:00")
        .to_string();
    let created = cli
        .json(&[
            "meeting",
            "create",
            "--topic",
            "CLI check-in",
            "--start",
            &start,
            "--zone",
            "Europe/Madrid",
            "--duration",
            "25",
            "--passcode",
            "abc123",
            "--alt-host",
            "ana@example.com",
            "--dial-in",
            "US",
        ])
        .await;
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["passcode"], "abc123");
    assert_eq!(created["alternativeHosts"][0], "ana@example.com");
    assert!(!created["dialIn"].as_array().unwrap().is_empty());

    // A weekly series, then change one occurrence only.
    let series = cli
        .json(&[
            "meeting",
            "create",
            "--topic",
            "CLI weekly",
            "--start",
            &start,
            "--zone",
            "Europe/Madrid",
            "--duration",
            "30",
            "--repeat",
            "weekly",
            "--count",
            "4",
        ])
        .await;
    let series_id = series["id"].as_str().unwrap().to_string();
    let occurrences = series["occurrences"].as_array().unwrap().clone();
    assert_eq!(occurrences.len(), 4);
    let second = occurrences[1]["id"].as_str().unwrap().to_string();
    let moved = (chrono::Utc::now() + chrono::Duration::days(9))
        .with_timezone(&chrono_tz::Europe::Madrid)
        .format("%Y-%m-%d 18:15")
        .to_string();
    let after = cli
        .json(&[
            "meeting",
            "update",
            &series_id,
            "--occurrence",
            &second,
            "--start",
            &moved,
            "--zone",
            "Europe/Madrid",
            "--duration",
            "45",
        ])
        .await;
    let starts: Vec<&str> = after["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["start"].as_str().unwrap())
        .collect();
    assert_eq!(starts.len(), 4);
    assert_eq!(
        starts[0],
        occurrences[0]["start"].as_str().unwrap(),
        "the first is unchanged"
    );
    assert_eq!(
        starts[2],
        occurrences[2]["start"].as_str().unwrap(),
        "the third is unchanged"
    );

    // Delete one occurrence, then the one-time meeting.
    let third = occurrences[2]["id"].as_str().unwrap().to_string();
    cli.json(&["meeting", "delete", &series_id, "--occurrence", &third])
        .await;
    let shown = cli.json(&["meeting", "show", &series_id]).await;
    assert_eq!(shown["occurrences"].as_array().unwrap().len(), 3);
    cli.json(&["meeting", "delete", &id]).await;
    let missing = cli.run(&["meeting", "show", &id]).await;
    assert_eq!(missing.status.code(), Some(4), "not found exits 4");

    let week = cli.json(&["week", "--search", "cli weekly"]).await;
    assert!(
        week["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["topic"] == "CLI weekly"),
        "{week}"
    );

    // Start opens a fresh start link in the browser, and never prints it.
    let started = cli.run(&["meeting", "start", &series_id]).await;
    assert!(started.status.success());
    let opened = std::fs::read_to_string(cli.browser_log()).unwrap();
    assert!(opened.lines().last().unwrap().contains("/s/"), "{opened}");
    let printed = String::from_utf8_lossy(&started.stdout).to_string()
        + &String::from_utf8_lossy(&started.stderr);
    assert!(
        !printed.contains("/s/") && !printed.contains("zak"),
        "{printed}"
    );

    // After all that: no secret in the logs, the cache or what the command line printed.
    let start_url = opened.lines().last().unwrap().trim().to_string();
    let refresh = saved_refresh_token(&cli);
    let mut said = printed;
    said += &String::from_utf8_lossy(&missing.stderr);
    let found = secrets_found(&cli, &[&refresh, &start_url, "zak=", "eyJ"], &said);
    println!(
        "RELIABILITY secrets found in logs, cache and messages: {}",
        found.len()
    );
    assert!(found.is_empty(), "{found:?}");
    let logs = read_all(&cli.home.path().join("data/logs"));
    assert!(!logs.is_empty(), "the logs were written");
    assert!(!logs.contains("abc123"), "no passcode in the logs");
}

/// The refresh token the command line saved (its file vault).
fn saved_refresh_token(cli: &Cli) -> String {
    let text = std::fs::read_to_string(cli.home.path().join("data/tokens.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let token = v["refresh_token"].as_str().unwrap().to_string();
    assert!(token.len() > 500, "Zoom-sized tokens");
    token
}

/// Every file under `dir`, as text (lossy), concatenated.
fn read_all(dir: &Path) -> String {
    let mut out = String::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out += &read_all(&path);
        } else if let Ok(bytes) = std::fs::read(&path) {
            out += &String::from_utf8_lossy(&bytes);
        }
    }
    out
}

/// Which of `secrets` appear in the logs, the cache files or `said` (what was printed).
fn secrets_found(cli: &Cli, secrets: &[&str], said: &str) -> Vec<String> {
    let data = cli.home.path().join("data");
    let places = [
        ("logs", read_all(&data.join("logs"))),
        ("cache", {
            let mut all = String::new();
            for suffix in ["", "-wal"] {
                let name = format!("{}{suffix}", zoomdesk_core::store::FILE_NAME);
                if let Ok(bytes) = std::fs::read(data.join(name)) {
                    all += &String::from_utf8_lossy(&bytes);
                }
            }
            all
        }),
        ("messages", said.to_string()),
    ];
    let mut found = Vec::new();
    for (place, text) in &places {
        for secret in secrets {
            if text.contains(secret) {
                found.push(format!("{} in {place}", &secret[..secret.len().min(12)]));
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_during_sync_twenty_times_the_cache_is_never_lost_or_corrupt() {
    let cli = Cli::start().await;
    // Enough meetings that a sync takes a while and a kill lands in the middle of it.
    cli.sim.seed_bulk(300, 40, 60);
    cli.json(&["login"]).await;
    cli.json(&["sync"]).await;
    let path = cli
        .home
        .path()
        .join("data")
        .join(zoomdesk_core::store::FILE_NAME);
    let rows = |path: &Path| -> Result<usize, String> {
        let (store, report) = zoomdesk_core::store::Store::open(path).map_err(|e| e.to_string())?;
        if report.recovered {
            return Err(format!("set aside: {:?}", report.reason));
        }
        let from = chrono::Utc::now() - chrono::Duration::days(8);
        let to = chrono::Utc::now() + chrono::Duration::days(400);
        store
            .week(from, to, None)
            .map(|w| w.len())
            .map_err(|e| e.to_string())
    };
    let before = rows(&path).unwrap();
    assert!(before > 100, "{before}");
    let mut bad = Vec::new();
    let base = cli.sim.base_url();
    for i in 0..20u64 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_zoomdesk-cli"))
            .arg("sync")
            .env("ZOOMDESK_DATA_DIR", cli.home.path().join("data"))
            .env("ZOOMDESK_CLIENT_ID", zoom_sim::PUBLIC_CLIENT_ID)
            .env("ZOOMDESK_OAUTH_BASE", &base)
            .env("ZOOMDESK_API_BASE", format!("{base}/v2"))
            .env("ZOOMDESK_VAULT", "file")
            .env("TZ", "Europe/Madrid")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Spread over the sync: before the list, during the GETs, during the write.
        tokio::time::sleep(std::time::Duration::from_millis(30 + (i * 137) % 900)).await;
        child.kill().unwrap(); // SIGKILL on Unix: no destructor, no rollback runs
        child.wait().unwrap();
        match rows(&path) {
            Ok(n) if n == before => {}
            Ok(n) => bad.push(format!("kill {i}: {n} rows instead of {before}")),
            Err(e) => bad.push(format!("kill {i}: {e}")),
        }
    }
    println!(
        "RELIABILITY kill -9 during sync x20, caches lost or corrupt: {}",
        bad.len()
    );
    assert!(bad.is_empty(), "{bad:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_names_the_field_and_exits_2() {
    let cli = Cli::start().await;
    cli.json(&["login"]).await;
    let out = cli
        .run(&[
            "meeting",
            "create",
            "--topic",
            "X",
            "--start",
            "2031-03-30 02:30",
            "--zone",
            "Europe/Madrid",
        ])
        .await;
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error (time)") && err.contains("does not exist"),
        "{err}"
    );
    let out = cli
        .run(&[
            "meeting",
            "create",
            "--topic",
            "X",
            "--start",
            "2031-01-10 10:00",
            "--passcode",
            "way-too-long-1",
        ])
        .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error (passcode)"));
}

#[tokio::test(flavor = "multi_thread")]
async fn signed_out_commands_say_so_and_the_cache_still_reads() {
    let cli = Cli::start().await;
    cli.json(&["login"]).await;
    cli.json(&["sync"]).await;
    let before = cli.json(&["week"]).await;
    cli.json(&["logout"]).await;
    let out = cli.run(&["whoami"]).await;
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Sign in"));
    let after = cli.json(&["week"]).await;
    assert_eq!(
        before["items"], after["items"],
        "the cache survives sign-out"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn tokens_and_start_links_never_reach_logs_or_the_cache() {
    let cli = Cli::start().await;
    let run = |args: &'static [&'static str]| {
        let cli = &cli;
        async move {
            let mut env_args = vec!["--json"];
            env_args.extend_from_slice(args);
            cli.run(&env_args).await
        }
    };
    assert!(run(&["login"]).await.status.success());
    assert!(run(&["sync"]).await.status.success());
    let week = cli.json(&["week"]).await;
    let id = week["items"][0]["meetingId"].as_str().unwrap().to_string();
    assert!(cli.run(&["meeting", "start", &id]).await.status.success());
    assert!(cli.run(&["meeting", "show", &id]).await.status.success());

    let data = cli.home.path().join("data");
    let tokens: Value =
        serde_json::from_str(&std::fs::read_to_string(data.join("tokens.json")).unwrap()).unwrap();
    // Only the refresh token is kept at rest; the access tokens (JWT-shaped, like Zoom's) live
    // in memory, so any JWT in a file is a leak.
    assert!(
        tokens.get("access_token").is_none(),
        "no access token at rest"
    );
    let secrets = [tokens["refresh_token"].as_str().unwrap().to_string()];
    let jwt = regex::Regex::new(r"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}").unwrap();
    let mut scanned = 0;
    for dir in [data.join("logs"), data.clone()] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if !path.is_file() || path.file_name().unwrap() == "tokens.json" {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(!jwt.is_match(&text), "a token is in {}", path.display());
            for s in &secrets {
                assert!(
                    !text.contains(s.as_str()),
                    "a token is in {}",
                    path.display()
                );
            }
            assert!(
                !text.contains("zak="),
                "a start link is in {}",
                path.display()
            );
            scanned += 1;
        }
    }
    assert!(scanned >= 2, "the log and the cache were both scanned");
}

#[tokio::test(flavor = "multi_thread")]
async fn updates_keep_what_they_do_not_name_a_monthly_series_and_an_occurrences_duration() {
    let cli = Cli::start().await;
    cli.json(&["login"]).await;
    let first = (chrono::Utc::now() + chrono::Duration::days(3))
        .with_timezone(&chrono_tz::Europe::Madrid)
        .date_naive();
    let start = format!("{} 11:00", first.format("%Y-%m-%d"));
    let day = first.format("%-d").to_string();
    let series = cli
        .json(&[
            "meeting",
            "create",
            "--topic",
            "Monthly review",
            "--start",
            &start,
            "--zone",
            "Europe/Madrid",
            "--duration",
            "40",
            "--repeat",
            "monthly",
            "--month-day",
            &day,
            "--count",
            "3",
        ])
        .await;
    let id = series["id"].as_str().unwrap().to_string();
    assert_eq!(series["occurrences"].as_array().unwrap().len(), 3);

    // Only the topic: the series stays monthly with its three occurrences.
    let renamed = cli
        .json(&[
            "meeting",
            "update",
            &id,
            "--topic",
            "Monthly review (room 2)",
        ])
        .await;
    assert_eq!(renamed["topic"], "Monthly review (room 2)");
    assert_eq!(
        renamed["form"]["repeat"]["kind"], "monthly_by_day",
        "{renamed}"
    );
    assert_eq!(renamed["form"]["repeat"]["end"]["count"], 3);
    assert_eq!(renamed["occurrences"].as_array().unwrap().len(), 3);
    assert_eq!(renamed["duration"], 40);

    // One occurrence moved without --duration: it keeps its 40 minutes.
    let second = renamed["occurrences"][1]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let moved = cli
        .json(&[
            "meeting",
            "update",
            &id,
            "--occurrence",
            &second,
            "--start",
            &format!(
                "{} 15:30",
                (first + chrono::Duration::days(40)).format("%Y-%m-%d")
            ),
        ])
        .await;
    let occ = moved["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == second.as_str())
        .unwrap()
        .clone();
    assert!(
        occ["duration"].is_null() || occ["duration"] == 40,
        "the occurrence kept its duration: {occ}"
    );
    assert_eq!(moved["duration"], 40);
}

#[tokio::test]
async fn office_hours_keep_their_mark_through_a_change_and_show_in_their_month() {
    let cli = Cli::start().await;
    cli.json(&["login"]).await;
    let first = (chrono::Utc::now() + chrono::Duration::days(3))
        .with_timezone(&chrono_tz::Europe::Madrid)
        .date_naive();
    let created = cli
        .json(&[
            "meeting",
            "create",
            "--office-hours",
            "--topic",
            "Office hours: Ana",
            "--start",
            &format!("{} 10:00", first.format("%Y-%m-%d")),
            "--zone",
            "Europe/Madrid",
            "--repeat",
            "weekly",
            "--count",
            "3",
        ])
        .await;
    assert_eq!(created["officeHours"], true, "{created}");
    let id = created["id"].as_str().unwrap().to_string();

    // A change of the whole series leaves Zoom's mark alone: `show` reads it back from Zoom.
    cli.json(&["meeting", "update", &id, "--duration", "30"])
        .await;
    let shown = cli.json(&["meeting", "show", &id]).await;
    assert_eq!(shown["officeHours"], true, "{shown}");
    assert_eq!(shown["duration"], 30);

    // A plain meeting is not office hours.
    let plain = cli
        .json(&[
            "meeting",
            "create",
            "--topic",
            "Team sync",
            "--start",
            &format!("{} 12:00", first.format("%Y-%m-%d")),
            "--zone",
            "Europe/Madrid",
        ])
        .await;
    assert_eq!(plain["officeHours"], false);

    // The month of the first occurrence lists it, after a sync, and not the plain meeting
    // (the demo's own office hours are listed too: they carry the mark).
    cli.json(&["sync"]).await;
    let month = first.format("%Y-%m").to_string();
    let view = cli.json(&["office-hours", "--month", &month]).await;
    let items = view["items"].as_array().unwrap();
    let ours: Vec<_> = items
        .iter()
        .filter(|i| i["meetingId"] == id.as_str())
        .collect();
    assert!(!ours.is_empty(), "{view}");
    assert!(
        ours.iter().all(|i| i["repeat"]["kind"] == "weekly"),
        "{view}"
    );
    assert!(
        !items.iter().any(|i| i["meetingId"] == plain["id"]),
        "the plain meeting is not office hours: {view}"
    );
    assert!(items.iter().all(|i| i["officeHours"] == true), "{view}");

    let bad = cli.run(&["office-hours", "--month", "2026-13"]).await;
    assert_eq!(bad.status.code(), Some(2));
}

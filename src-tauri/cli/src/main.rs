//! `zoomdesk-cli`: Zoomdesk's core from the command line, for scripting and for testing
//! core without the window. Same settings and environment variables as the app.

mod args;
mod output;

use std::process::ExitCode;

use clap::Parser;
use zoomdesk_core::auth::browser;
use zoomdesk_core::desk::{Desk, MeetingView};
use zoomdesk_core::error::{Error, Result};
use zoomdesk_core::AppDirs;

use crate::args::{Cli, Command, MeetingCommand};
use crate::output::Out;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Out { json: cli.json };
    match run(cli.command, &out).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            out.error(&err);
            ExitCode::from(match err {
                Error::Validation { .. } => 2,
                Error::SignedOut(_) => 3,
                Error::NotFound(_) => 4,
                _ => 1,
            })
        }
    }
}

async fn run(command: Command, out: &Out) -> Result<()> {
    let dirs = AppDirs::resolve()?;
    dirs.create()?;
    // Logs go to the same rolling, redacted files as the app's; the terminal stays clean.
    let _log = zoomdesk_core::logging::init_with(&dirs.logs, false).ok();
    let desk = Desk::open(dirs)?;
    for notice in desk.notices() {
        eprintln!("note: {}", notice.text);
    }
    match command {
        Command::Login => {
            let cancel = async {
                let _ = tokio::signal::ctrl_c().await;
            };
            let me = desk.sign_in(browser::from_env().as_ref(), cancel).await?;
            out.value(
                &serde_json::json!({"signedIn": true, "email": me.email, "name": me.name()}),
                || format!("Signed in as {} <{}>.", me.name(), me.email),
            );
        }
        Command::Logout => {
            desk.sign_out().await?;
            out.value(&serde_json::json!({"signedIn": false}), || {
                "Signed out. The offline cache was kept.".into()
            });
        }
        Command::Whoami => {
            let me = desk.whoami().await?;
            out.value(&serde_json::json!({"email": me.email, "name": me.name(), "timezone": me.timezone, "type": me.user_type}), || {
                format!("{} <{}>", me.name(), me.email)
            });
        }
        Command::Sync => {
            let report = desk.sync(true).await?;
            out.value(&report, || output::sync_text(&report));
        }
        Command::Week { search } => {
            let week = desk.week(search.as_deref())?;
            out.value(&week, || output::week_text(&week, desk.display_zone()));
        }
        Command::OfficeHours { month } => {
            let view = desk.office_hours_month(month)?;
            out.value(&view, || {
                output::office_hours_text(&view, desk.display_zone())
            });
        }
        Command::Recordings => {
            let list = desk.recordings_view(None)?.items;
            out.value(&list, || {
                output::recordings_text(&list, desk.display_zone())
            });
        }
        Command::Meeting(cmd) => meeting(&desk, cmd, out).await?,
    }
    Ok(())
}

async fn meeting(desk: &Desk, cmd: MeetingCommand, out: &Out) -> Result<()> {
    match cmd {
        MeetingCommand::Show { id } => {
            let m = MeetingView::from(&desk.refresh_meeting(id).await?);
            out.value(&m, || output::meeting_text(&m, desk.display_zone()));
        }
        MeetingCommand::Create(fields) => {
            let input = fields.to_input(None)?;
            let m = MeetingView::from(&desk.create_meeting(&input).await?);
            out.value(&m, || {
                format!(
                    "Created meeting {}.\n{}",
                    m.id,
                    output::meeting_text(&m, desk.display_zone())
                )
            });
        }
        MeetingCommand::Update {
            id,
            occurrence,
            fields,
        } => {
            let m = MeetingView::from(&match occurrence {
                Some(occ) => {
                    let current = desk.refresh_meeting(id).await?;
                    let edit = fields.to_occurrence_edit(&current, &occ)?;
                    desk.update_occurrence(id, &occ, &edit).await?
                }
                None => {
                    let current = desk.refresh_meeting(id).await?;
                    let input = fields.to_input(Some(&current))?;
                    desk.update_meeting(id, &input).await?
                }
            });
            out.value(&m, || {
                format!(
                    "Updated meeting {}.\n{}",
                    m.id,
                    output::meeting_text(&m, desk.display_zone())
                )
            });
        }
        MeetingCommand::Delete { id, occurrence } => {
            desk.delete_meeting(id, occurrence.as_deref()).await?;
            out.value(
                &serde_json::json!({"deleted": id.to_string(), "occurrence": occurrence}),
                || match &occurrence {
                    Some(o) => format!("Deleted occurrence {o} of meeting {id}."),
                    None => format!("Deleted meeting {id}."),
                },
            );
        }
        MeetingCommand::Invitation { id } => {
            let text = desk.invitation(id).await?;
            out.value(&serde_json::json!({"invitation": text.expose()}), || {
                text.expose().clone()
            });
        }
        MeetingCommand::Start { id } => {
            let url = desk.start_url(id).await?;
            browser::from_env().open(url.expose())?;
            out.value(&serde_json::json!({"started": id.to_string()}), || {
                format!("Opened the start link of meeting {id} in the browser.")
            });
        }
    }
    Ok(())
}

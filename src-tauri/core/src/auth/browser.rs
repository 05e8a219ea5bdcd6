//! Opening a URL for the user: the system browser, or the command in `ZOOMDESK_BROWSER`
//! (tests and kiosk setups use it to play the user's part).

use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// Something that can show a URL to the user.
pub trait Browser: Send + Sync {
    /// Opens `url`. Must not block until the page is closed.
    fn open(&self, url: &str) -> Result<()>;
}

/// The browser chosen by the environment: `ZOOMDESK_BROWSER` when set, else the OS default.
pub fn from_env() -> Box<dyn Browser> {
    match std::env::var("ZOOMDESK_BROWSER") {
        Ok(cmd) if !cmd.trim().is_empty() => Box::new(CommandBrowser::new(&cmd)),
        _ => Box::new(SystemBrowser),
    }
}

/// The OS's default browser (`xdg-open`, `open`, `start`).
pub struct SystemBrowser;

impl Browser for SystemBrowser {
    fn open(&self, url: &str) -> Result<()> {
        let mut cmd = if cfg!(target_os = "macos") {
            Command::new("open")
        } else if cfg!(windows) {
            let mut c = Command::new("rundll32");
            c.arg("url.dll,FileProtocolHandler");
            c
        } else {
            Command::new("xdg-open")
        };
        spawn(cmd.arg(url))
    }
}

/// A command line; the URL is passed as its last argument (never through a shell).
pub struct CommandBrowser {
    program: String,
    args: Vec<String>,
}

impl CommandBrowser {
    /// Splits `command` on whitespace: program, then arguments.
    pub fn new(command: &str) -> Self {
        let mut parts = command.split_whitespace().map(str::to_string);
        CommandBrowser {
            program: parts.next().unwrap_or_default(),
            args: parts.collect(),
        }
    }
}

impl Browser for CommandBrowser {
    fn open(&self, url: &str) -> Result<()> {
        spawn(Command::new(&self.program).args(&self.args).arg(url))
    }
}

fn spawn(cmd: &mut Command) -> Result<()> {
    let mut child = cmd
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| Error::Config(format!("could not open the browser: {e}").into()))?;
    // Reap it when it exits so no zombie is left behind.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

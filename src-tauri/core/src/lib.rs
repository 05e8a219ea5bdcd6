//! zoomdesk-core: everything in Zoomdesk that is not UI.
//!
//! This crate never depends on Tauri: the desktop shell, the command line front end and the
//! tests all drive it the same way.

pub mod auth;
pub mod config;
pub mod desk;
pub mod download;
pub mod error;
pub mod files;
pub mod ids;
pub mod info;
pub mod links;
pub mod locale;
pub mod logging;
pub mod managed;
pub mod messages;
pub mod office_hours;
pub mod paths;
pub mod player;
pub mod private_files;
pub mod recording_alerts;
pub mod redact;
pub mod reminders;
pub mod schedule;
pub mod shell_words;
pub mod store;
pub mod sync;
pub mod zoom;

pub use error::{Error, ErrorKind, UiError};
pub use info::AppInfo;
pub use paths::AppDirs;

//! Logging: `tracing` to a rolling file (one per hour, 24 kept) and to stderr, redacted.

use std::io::{self, Write};
use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

use crate::error::{Error, Result};
use crate::redact::redact_text;

/// Hourly files, 24 of them: the last day is kept for support, nothing older.
pub const KEPT_LOG_FILES: usize = 24;

/// A writer that scrubs secrets out of each formatted event before passing it on.
#[derive(Clone)]
pub struct Redacting<M>(pub M);

/// The writer made by [`Redacting`] for one event.
pub struct RedactingWriter<W: Write>(W);

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // The fmt layer hands over each event in one piece, so a line is redacted whole.
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(redact_text(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacting<M> {
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter(self.0.make_writer())
    }
}

/// Starts logging into `log_dir`. Keep the guard alive for the life of the process:
/// dropping it flushes and stops the file writer.
///
/// The level comes from `ZOOMDESK_LOG` (same syntax as `RUST_LOG`), `info` by default.
pub fn init(log_dir: &Path) -> Result<WorkerGuard> {
    init_with(log_dir, true)
}

/// [`init`], choosing whether log lines also go to stderr (the command line keeps it quiet).
pub fn init_with(log_dir: &Path, to_stderr: bool) -> Result<WorkerGuard> {
    let appender = Builder::new()
        .rotation(Rotation::HOURLY)
        .filename_prefix("zoomdesk")
        .filename_suffix("log")
        .max_log_files(KEPT_LOG_FILES)
        .build(log_dir)
        .map_err(|e| Error::Storage(format!("cannot open the log folder: {e}")))?;
    let (file, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("ZOOMDESK_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,hyper=warn,reqwest=warn,tao=warn,wry=warn"));
    tracing_subscriber::registry()
        .with(filter)
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(Redacting(file)),
        )
        .with(
            to_stderr.then(|| tracing_subscriber::fmt::layer().with_writer(Redacting(io::stderr))),
        )
        .try_init()
        .map_err(|e| Error::Internal(format!("logging already started: {e}")))?;
    install_panic_hook();
    Ok(guard)
}

/// Sends panics to the log and stderr redacted: a panic message may quote a value that holds a
/// token (the default hook prints it as it is).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let line = redact_text(&format!("panic: {info}"));
        tracing::error!("{line}");
        eprintln!("{line}");
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| io::Error::other("poisoned"))?
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl<'a> MakeWriter<'a> for Captured {
        type Writer = Captured;
        fn make_writer(&'a self) -> Self::Writer {
            self.clone()
        }
    }

    #[test]
    fn a_panic_is_logged_without_the_secret_it_quotes() {
        let captured = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(Redacting(captured.clone()))
            .finish();
        let before = std::panic::take_hook();
        install_panic_hook();
        let result = tracing::subscriber::with_default(subscriber, || {
            std::panic::catch_unwind(|| {
                panic!("refresh failed for refresh_token=rt-SECRET-999 at session.rs")
            })
        });
        std::panic::set_hook(before);
        assert!(result.is_err());
        let out = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf8");
        assert!(out.contains("panic: "), "the panic was logged: {out}");
        assert!(out.contains("refresh failed"), "{out}");
        assert!(!out.contains("rt-SECRET-999"), "the secret leaked: {out}");
    }

    #[test]
    fn log_lines_never_carry_tokens_or_start_urls() {
        let captured = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(Redacting(captured.clone()))
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(
                url = "https://zoom.us/s/8123?zak=secretzak",
                "token refreshed: {}",
                r#"{"access_token":"at-123","refresh_token":"rt-456"}"#
            );
        });
        let bytes = captured.0.lock().expect("lock").clone();
        let out = String::from_utf8(bytes).expect("utf8");
        assert!(out.contains("token refreshed"), "{out}");
        for secret in ["secretzak", "at-123", "rt-456"] {
            assert!(!out.contains(secret), "{secret} leaked: {out}");
        }
    }
}

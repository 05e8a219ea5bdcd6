//! Downloads of recording files to the user's folder: written as `name.part` and renamed when
//! complete, resumed with `Range` after a dropped connection, cancellable, reported about twice
//! a second (received, total, speed), with a clear error on a full disk or an unusable folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::io::AsyncWriteExt;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::files;
use crate::player::{fetch_file, file_client, Refusal, Upstream};
use crate::UiError;

/// Where a download is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DownloadState {
    /// Receiving.
    Running,
    /// The connection dropped; resuming from where it stopped.
    Retrying,
    /// Saved at `path`.
    Done,
    /// Stopped with `error`; the partial file is kept for a later resume.
    Failed,
    /// Cancelled by the user; the partial file is removed.
    Cancelled,
}

/// How a download is going (the `zoomdesk://download` event, about twice a second).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DownloadProgress {
    /// The download's id (for Cancel).
    pub id: String,
    /// The recording.
    pub uuid: String,
    /// The file.
    pub file_key: String,
    /// Bytes on disk so far.
    #[ts(type = "number")]
    pub received: u64,
    /// Bytes in all, when known.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    /// Recent speed.
    #[ts(type = "number")]
    pub bytes_per_second: u64,
    /// Running, done, failed...
    pub state: DownloadState,
    /// Where the file is (or will be) saved.
    pub path: String,
    /// Why it failed.
    #[ts(optional)]
    pub error: Option<UiError>,
}

/// Attempts after the connection drops before the download fails.
const ATTEMPTS: u32 = 5;
/// How often progress is reported while bytes come in.
const REPORT_EVERY: Duration = Duration::from_millis(500);

/// What to download and where.
#[derive(Debug, Clone)]
pub struct Job {
    /// The recording.
    pub uuid: String,
    /// The file.
    pub file_key: String,
    /// The folder to save into.
    pub folder: PathBuf,
    /// File name without extension (made safe by the caller with [`files::safe_stem`]).
    pub stem: String,
    /// Extension, e.g. `mp4`.
    pub extension: String,
    /// Bytes, when Zoom said.
    pub size: Option<u64>,
}

/// Receives progress.
pub type Report = Arc<dyn Fn(&DownloadProgress) + Send + Sync>;

/// Runs downloads; one per file at a time.
pub struct Downloader {
    http: reqwest::Client,
    running: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

impl Downloader {
    /// A downloader.
    pub fn new() -> Result<Self> {
        Ok(Downloader {
            http: file_client()?,
            running: Mutex::new(HashMap::new()),
        })
    }

    /// Starts `job` in the background; returns its first progress (or an error when the folder
    /// cannot be used). Reports go to `report` until it is done, failed or cancelled.
    pub fn start(
        self: &Arc<Self>,
        job: Job,
        upstream: Arc<dyn Upstream>,
        report: Report,
    ) -> Result<DownloadProgress> {
        std::fs::create_dir_all(&job.folder).map_err(|e| folder_error(&job.folder, &e))?;
        let id = format!("{}:{}", job.uuid, job.file_key);
        let cancel = Arc::new(AtomicBool::new(false));
        {
            let mut running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
            if running.contains_key(&id) {
                return Err(
                    Error::invalid("download", "That file is already downloading.")
                        .key(crate::messages::Key::DownloadRunning),
                );
            }
            running.insert(id.clone(), cancel.clone());
        }
        let path = files::unused_path(&job.folder, &job.stem, &job.extension);
        let first = DownloadProgress {
            id: id.clone(),
            uuid: job.uuid.clone(),
            file_key: job.file_key.clone(),
            received: 0,
            total: job.size,
            bytes_per_second: 0,
            state: DownloadState::Running,
            path: path.display().to_string(),
            error: None,
        };
        let me = self.clone();
        let mut progress = first.clone();
        tokio::spawn(async move {
            let outcome = me
                .run(&job, &path, &*upstream, &cancel, &report, &mut progress)
                .await;
            match outcome {
                Ok(final_path) => {
                    progress.state = DownloadState::Done;
                    progress.path = final_path.display().to_string();
                    progress.bytes_per_second = 0;
                }
                Err(_) if cancel.load(Ordering::SeqCst) => {
                    let _ = tokio::fs::remove_file(files::part_of(&path)).await;
                    progress.state = DownloadState::Cancelled;
                }
                Err(e) => {
                    tracing::warn!("download failed: {e}");
                    progress.state = DownloadState::Failed;
                    progress.error = Some(UiError::from(&e));
                }
            }
            me.running
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&progress.id);
            report(&progress);
        });
        Ok(first)
    }

    /// Cancels a running download; false when there is none with that id.
    pub fn cancel(&self, id: &str) -> bool {
        match self
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(id)
        {
            Some(flag) => {
                flag.store(true, Ordering::SeqCst);
                true
            }
            None => false,
        }
    }

    async fn run(
        &self,
        job: &Job,
        path: &Path,
        upstream: &dyn Upstream,
        cancel: &AtomicBool,
        report: &Report,
        progress: &mut DownloadProgress,
    ) -> Result<PathBuf> {
        let part = files::part_of(path);
        let mut attempt = 0;
        loop {
            match self
                .attempt(job, &part, upstream, cancel, report, progress)
                .await
            {
                Ok(()) => break,
                Err(Attempt::Fatal(e)) => return Err(e),
                Err(Attempt::Dropped(why)) => {
                    attempt += 1;
                    if attempt >= ATTEMPTS {
                        return Err(Error::Network(why));
                    }
                    progress.state = DownloadState::Retrying;
                    report(progress);
                    tokio::time::sleep(Duration::from_millis(500 * u64::from(attempt))).await;
                    progress.state = DownloadState::Running;
                }
            }
        }
        // Another download may have taken the name meanwhile: never overwrite.
        let target = if path.exists() {
            files::unused_path(&job.folder, &job.stem, &job.extension)
        } else {
            path.to_path_buf()
        };
        tokio::fs::rename(&part, &target)
            .await
            .map_err(|e| write_error(&job.folder, &e))?;
        Ok(target)
    }

    async fn attempt(
        &self,
        job: &Job,
        part: &Path,
        upstream: &dyn Upstream,
        cancel: &AtomicBool,
        report: &Report,
        progress: &mut DownloadProgress,
    ) -> std::result::Result<(), Attempt> {
        let have = tokio::fs::metadata(part)
            .await
            .map(|m| m.len())
            .unwrap_or(0);
        let range = (have > 0).then(|| format!("bytes={have}-"));
        let resp = fetch_file(
            &self.http,
            upstream,
            &job.uuid,
            &job.file_key,
            range.as_deref().map(str::as_bytes),
        )
        .await
        .map_err(|r| match r {
            Refusal::Unreachable => Attempt::Dropped("Zoom could not be reached".into()),
            Refusal::SignedOut => {
                Attempt::Fatal(Error::SignedOut(crate::messages::NOT_SIGNED_IN.into()))
            }
            Refusal::UnknownFile | Refusal::BadRedirect => {
                Attempt::Fatal(Error::NotFound("The recording file".into()))
            }
        })?;
        let status = resp.status().as_u16();
        let append = match status {
            206 => true,
            200 => false,
            // Asked from the end: the file is complete already.
            416 if have > 0 && job.size.is_some_and(|s| s == have) => return Ok(()),
            401 => {
                return Err(Attempt::Fatal(Error::SignedOut(
                    crate::messages::SIGN_IN_REJECTED.into(),
                )))
            }
            403 | 404 => return Err(Attempt::Fatal(Error::NotFound("The recording file".into()))),
            s if s >= 500 => return Err(Attempt::Dropped(format!("Zoom answered {s}"))),
            s => {
                return Err(Attempt::Fatal(Error::Zoom {
                    status: s,
                    code: 0,
                    message: "Zoom did not send the recording file".into(),
                }))
            }
        };
        let mut file = tokio::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(part)
            .await
            .map_err(|e| Attempt::Fatal(write_error(&job.folder, &e)))?;
        let mut received = if append { have } else { 0 };
        if let Some(len) = resp.content_length() {
            progress.total = Some(received + len);
        }
        progress.received = received;
        let mut resp = resp;
        let mut last = Instant::now();
        let mut since_last = 0u64;
        loop {
            if cancel.load(Ordering::SeqCst) {
                return Err(Attempt::Fatal(Error::Internal("cancelled".into())));
            }
            let chunk = match resp.chunk().await {
                Ok(Some(c)) => c,
                Ok(None) => break,
                Err(e) => {
                    let _ = file.flush().await;
                    return Err(Attempt::Dropped(format!("the connection dropped: {e}")));
                }
            };
            file.write_all(&chunk)
                .await
                .map_err(|e| Attempt::Fatal(write_error(&job.folder, &e)))?;
            received += chunk.len() as u64;
            since_last += chunk.len() as u64;
            if last.elapsed() >= REPORT_EVERY {
                let secs = last.elapsed().as_secs_f64();
                let now_rate = (since_last as f64 / secs) as u64;
                // Smoothed, so "time left" does not jump about.
                progress.bytes_per_second = if progress.bytes_per_second == 0 {
                    now_rate
                } else {
                    (progress.bytes_per_second * 7 + now_rate * 3) / 10
                };
                progress.received = received;
                report(progress);
                last = Instant::now();
                since_last = 0;
            }
        }
        file.flush()
            .await
            .map_err(|e| Attempt::Fatal(write_error(&job.folder, &e)))?;
        file.sync_all()
            .await
            .map_err(|e| Attempt::Fatal(write_error(&job.folder, &e)))?;
        progress.received = received;
        if progress.total.is_some_and(|t| t != received) {
            return Err(Attempt::Dropped("the file ended early".into()));
        }
        Ok(())
    }
}

enum Attempt {
    /// Try again from where it stopped.
    Dropped(String),
    /// Stop.
    Fatal(Error),
}

fn is_disk_full(e: &std::io::Error) -> bool {
    // ENOSPC on Unix, ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.
    matches!(e.raw_os_error(), Some(28)) && cfg!(unix)
        || matches!(e.raw_os_error(), Some(112 | 39)) && cfg!(windows)
}

fn write_error(folder: &Path, e: &std::io::Error) -> Error {
    if is_disk_full(e) {
        Error::invalid(
            "download",
            format!(
                "The disk holding {} is full: free some space and try again.",
                folder.display()
            ),
        )
        .key(crate::messages::Key::DownloadDiskFull)
        .arg("folder", folder.display())
    } else {
        folder_error(folder, e)
    }
}

fn folder_error(folder: &Path, e: &std::io::Error) -> Error {
    Error::invalid(
        "download",
        format!("The folder {} cannot be written to: {e}", folder.display()),
    )
    .key(crate::messages::Key::DownloadFolder)
    .arg("folder", folder.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_says_so() {
        let full = std::io::Error::from_raw_os_error(if cfg!(windows) { 112 } else { 28 });
        let msg = write_error(Path::new("/home/u/Downloads"), &full).to_string();
        assert!(msg.contains("is full"), "{msg}");
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let msg = write_error(Path::new("/x"), &denied).to_string();
        assert!(msg.contains("cannot be written"), "{msg}");
    }
}

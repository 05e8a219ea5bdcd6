//! Files Zoomdesk writes for the user (a meeting's `.ics`, a downloaded recording): names made
//! safe from untrusted topics, never overwriting what is there, in the Downloads folder.

use std::path::{Path, PathBuf};

/// Names Windows keeps for devices, with or without an extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A safe file stem from untrusted text: letters, digits, spaces and dashes, at most 60
/// characters, never a Windows device name; `fallback` when nothing is left.
pub fn safe_stem(text: &str, fallback: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(60)
        .collect::<String>()
        .trim()
        .to_string();
    if cleaned.is_empty() {
        fallback.to_string()
    } else if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(&cleaned)) {
        format!("{cleaned} file")
    } else {
        cleaned
    }
}

/// `dir/stem.ext`, or `dir/stem (2).ext`, `(3)`... the first that does not exist (a `.part`
/// of it counts as existing: another download is writing it).
pub fn unused_path(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let candidate = |n: u32| {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem} ({n}).{ext}")
        };
        dir.join(name)
    };
    let taken = |p: &Path| p.exists() || part_of(p).exists();
    (1..10_000)
        .map(candidate)
        .find(|p| !taken(p))
        .unwrap_or_else(|| candidate(10_000))
}

/// Where a file is written until it is complete.
pub fn part_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

/// The user's Downloads folder (`~/Downloads` when the system names none).
pub fn downloads_folder() -> Option<PathBuf> {
    dirs::download_dir().or_else(|| dirs::home_dir().map(|h| h.join("Downloads")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_hostile_topics_stay_in_their_folder() {
        assert_eq!(safe_stem("../../etc/passwd", "x"), "etc passwd");
        assert_eq!(safe_stem("Retro: Q4 / planning", "x"), "Retro Q4 planning");
        assert_eq!(safe_stem("///", "Zoom meeting 42"), "Zoom meeting 42");
        assert_eq!(safe_stem(&"x".repeat(100), "x").len(), 60);
        assert_eq!(safe_stem("con", "x"), "con file");
        assert_eq!(safe_stem("LPT1", "x"), "LPT1 file");
        assert_eq!(safe_stem("Console", "x"), "Console");
    }

    #[test]
    fn an_existing_file_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = unused_path(dir.path(), "Standup 2026-12-01", "mp4");
        assert_eq!(first, dir.path().join("Standup 2026-12-01.mp4"));
        std::fs::write(&first, b"x").expect("write");
        let second = unused_path(dir.path(), "Standup 2026-12-01", "mp4");
        assert_eq!(second, dir.path().join("Standup 2026-12-01 (2).mp4"));
        std::fs::write(part_of(&second), b"x").expect("write");
        assert_eq!(
            unused_path(dir.path(), "Standup 2026-12-01", "mp4"),
            dir.path().join("Standup 2026-12-01 (3).mp4")
        );
    }
}

//! Meeting reminders: which are due (`plan`), what they say (`wording`), and the poller that
//! shows each exactly once through a [`Notifier`] the app implements (`poller`).
//!
//! The rules: every occurrence the user hosts is announced `lead` minutes before it starts
//! (60 by default, the brief's "less than an hour"), and once more when it starts if the user
//! asks. A notice whose moment came while the app was closed or the machine slept is shown at
//! once, unless its meeting is over. Each notice is marked in SQLite before it is shown, under a
//! key that holds the occurrence's start, so a moved meeting is announced again at its new time
//! and nothing else ever is twice.

pub mod plan;
pub mod poller;
pub mod wording;

#[cfg(test)]
mod tests;

pub use plan::{plan, Due, NoticeTime, Plan, Rules};
pub use poller::{Clock, Notifier, Poller, SystemClock};

/// How long a snooze lasts.
pub const SNOOZE: chrono::Duration = chrono::Duration::minutes(5);

//! Time and recurrence rules: turning what the user typed into what Zoom must receive.

pub mod ics;
pub mod input;
pub mod preview;
pub mod recurrence;
pub mod saved;
pub mod zones;

//! zoom-sim: an in-memory simulator of the parts of Zoom's OAuth and REST API v2 that Zoomdesk uses.
//!
//! Start it with [`Sim::start`]; the returned [`SimHandle`] gives the base URL and the test controls.
//! The behaviour follows `shared/zoom-api/FACTS.md`; see the crate README for the deviations.

mod api_guard;
mod authorize;
mod clock;
mod config;
mod controls;
mod dialin;
mod downloads;
mod errors;
mod faults;
mod handle;
mod invitation;
mod limits;
mod meeting_lists;
mod meeting_model;
mod meetings;
mod oauth;
mod paging;
mod recordings;
mod recurrence;
mod request_log;
mod seed;
mod server;
mod state;
mod timefmt;
mod users;
mod validate;

pub use config::{RatePlan, Seed, SimConfig};
pub use faults::{Fault, FaultKind};
pub use handle::{Sim, SimHandle, TokenPair};
pub use limits::Category;
pub use request_log::LoggedRequest;
pub use state::{
    CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, DEMO_USER_EMAIL, PUBLIC_CLIENT_ID,
};

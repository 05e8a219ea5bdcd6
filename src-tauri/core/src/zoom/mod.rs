//! Zoom's REST API: typed models, the client every call goes through, its rate limits and
//! its retry policy.

pub mod client;
pub mod limiter;
pub mod models;
pub mod retry;

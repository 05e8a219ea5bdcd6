//! Zoom's REST API: typed models and (later) the client that every call goes through.

pub mod client;
pub mod limiter;
pub mod models;
pub mod retry;

//! Zoom's REST API: typed models and (later) the client that every call goes through.

pub mod models;

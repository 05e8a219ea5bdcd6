//! Behaviour and contract tests: each test starts its own simulator in-process on 127.0.0.1:0.
#![allow(clippy::unwrap_used)]

mod binary;
mod common;
mod contract;
mod controls;
mod limits;
mod meetings;
mod oauth;
mod recordings;

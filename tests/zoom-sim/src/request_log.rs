//! The request log tests read to count API calls.

use serde::Serialize;

/// One request the simulator answered (or dropped: status 0).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LoggedRequest {
    /// HTTP method.
    pub method: String,
    /// Path without the query string.
    pub path: String,
    /// Response status; 0 when the connection was dropped by a fault.
    pub status: u16,
    /// Sim-clock time the request arrived, `yyyy-MM-ddTHH:mm:ssZ`.
    pub at: String,
}

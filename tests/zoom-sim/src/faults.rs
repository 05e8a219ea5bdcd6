//! Fault injection: the next N requests to a path fail in a chosen way.

use serde::{Deserialize, Serialize};

/// How an injected fault answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// 429 with Zoom's per-second body and headers.
    TooManyRequests,
    /// 500 with a Zoom-shaped body.
    ServerError,
    /// 502 with a load balancer's HTML page (not Zoom's JSON).
    BadGateway,
    /// 503 with `Retry-After: 1`, as a service being restarted answers.
    Unavailable,
    /// Wait `delay_ms` before answering normally.
    Slow,
    /// Close the connection without answering.
    Drop,
    /// Carry the request out, then close the connection without answering (a lost answer:
    /// the client cannot tell whether a create happened).
    DropAfterHandling,
}

/// A fault rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// Path to match: exact, or a prefix when it ends with `*`.
    pub path: String,
    /// Method to match (any when `None`).
    #[serde(default)]
    pub method: Option<String>,
    /// What happens.
    pub kind: FaultKind,
    /// How many matching requests it applies to.
    #[serde(default = "one")]
    pub count: u32,
    /// Delay for [`FaultKind::Slow`], in milliseconds.
    #[serde(default = "default_delay")]
    pub delay_ms: u64,
}

fn one() -> u32 {
    1
}

fn default_delay() -> u64 {
    3000
}

impl Fault {
    /// A fault for the next `count` requests to `path`.
    pub fn new(path: impl Into<String>, kind: FaultKind, count: u32) -> Self {
        Fault {
            path: path.into(),
            method: None,
            kind,
            count,
            delay_ms: default_delay(),
        }
    }

    /// Restricts the fault to one HTTP method.
    pub fn method(mut self, method: &str) -> Self {
        self.method = Some(method.to_ascii_uppercase());
        self
    }

    /// Sets the delay of a [`FaultKind::Slow`] fault.
    pub fn delay_ms(mut self, ms: u64) -> Self {
        self.delay_ms = ms;
        self
    }

    pub(crate) fn matches(&self, method: &str, path: &str) -> bool {
        let path_ok = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.path,
        };
        let method_ok = self
            .method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method));
        path_ok && method_ok && self.count > 0
    }
}

/// Takes one use of the first fault matching the request, if any.
pub(crate) fn take(faults: &mut Vec<Fault>, method: &str, path: &str) -> Option<Fault> {
    let idx = faults.iter().position(|f| f.matches(method, path))?;
    let fault = &mut faults[idx];
    fault.count -= 1;
    let hit = fault.clone();
    if fault.count == 0 {
        faults.remove(idx);
    }
    Some(hit)
}

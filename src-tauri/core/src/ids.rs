//! A Zoom meeting id, checked once where it enters (the window, a link, the command line).

use std::fmt;
use std::str::FromStr;

use crate::error::Error;
use crate::messages::Key;

/// A Zoom meeting number: 1 to 19 digits, positive, fitting an `i64` (Zoom's own type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeetingId(i64);

impl MeetingId {
    /// The number, as Zoom's API and the cache take it.
    pub fn get(self) -> i64 {
        self.0
    }
}

impl FromStr for MeetingId {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        let digits = !s.is_empty() && s.len() <= 19 && s.bytes().all(|b| b.is_ascii_digit());
        match s.parse::<i64>() {
            Ok(n) if digits && n > 0 => Ok(MeetingId(n)),
            _ => Err(Error::invalid("id", "That is not a Zoom meeting id.").key(Key::IdInvalid)),
        }
    }
}

impl TryFrom<i64> for MeetingId {
    type Error = Error;

    /// A number from the cache or Zoom's answers: any positive one.
    fn try_from(n: i64) -> Result<Self, Error> {
        if n > 0 {
            Ok(MeetingId(n))
        } else {
            Err(Error::invalid("id", "That is not a Zoom meeting id.").key(Key::IdInvalid))
        }
    }
}

impl From<MeetingId> for i64 {
    fn from(id: MeetingId) -> i64 {
        id.0
    }
}

impl fmt::Display for MeetingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_zooms_numbers_are_meeting_ids() {
        assert_eq!(
            " 89509664689 "
                .parse::<MeetingId>()
                .map(MeetingId::get)
                .ok(),
            Some(89_509_664_689)
        );
        for bad in ["", "0", "-5", "12a", "1e9", "99999999999999999999", "1 2"] {
            let err = bad.parse::<MeetingId>().expect_err(bad);
            assert_eq!(err.field(), Some("id"), "{bad}");
        }
    }
}

//! `zoomdesk://` links: parsed and checked here, before anything acts on them.
//!
//! The routes: `zoomdesk://meeting/<id>`, `zoomdesk://meeting/<id>/occurrence/<occurrence>`,
//! `zoomdesk://reminder/<id>/<occurrence>` (`-` for a one-time meeting's single occurrence) and
//! `zoomdesk://recording/<uuid>`. Anything else is refused with a typed reason; nothing in a
//! link is trusted beyond the shape checked here.

use serde::Serialize;
use ts_rs::TS;

/// The longest link accepted (a recording UUID with percent-encoding fits easily).
const MAX_LEN: usize = 300;

/// Where a link (or a notification click) takes the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "page")]
#[ts(export)]
pub enum Destination {
    /// A meeting's details page, optionally for one occurrence.
    #[serde(rename = "meeting")]
    Meeting {
        /// Meeting id (a string: JavaScript numbers lose digits).
        id: String,
        /// Occurrence id, for one occurrence of a series.
        #[serde(rename = "occurrenceId", skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        occurrence_id: Option<String>,
    },
    /// The reminder page of one occurrence (`""` for a one-time meeting).
    #[serde(rename = "reminder")]
    Reminder {
        /// Meeting id.
        id: String,
        /// Occurrence id; `""` for a one-time meeting.
        #[serde(rename = "occurrenceId")]
        occurrence_id: String,
    },
    /// A recording's details.
    #[serde(rename = "recording")]
    Recording {
        /// The recording's (meeting instance's) UUID.
        uuid: String,
        /// Start playing at once (the notification's Play); links never do.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        play: Option<bool>,
    },
}

/// Why a link was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Not a URL, or too long.
    #[error("not a link")]
    Malformed,
    /// Another scheme than `zoomdesk`.
    #[error("not a zoomdesk:// link")]
    ForeignScheme,
    /// A route Zoomdesk does not have.
    #[error("unknown route")]
    UnknownRoute,
    /// The route is known but an id in it is not valid.
    #[error("invalid id")]
    InvalidId,
}

/// A Zoom meeting id: 1 to 19 digits that fit an i64 ([`crate::ids::MeetingId`]).
pub fn valid_meeting_id(id: &str) -> bool {
    id == id.trim() && id.parse::<crate::ids::MeetingId>().is_ok()
}

/// A Zoom occurrence id: up to 32 letters and digits (Zoom's are digits).
pub fn valid_occurrence_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 32 && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A recording UUID as Zoom writes it: base64 (`+`, `/`, `=`) up to 64 characters.
fn valid_uuid(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'))
}

/// Parses and checks a `zoomdesk://` link.
pub fn parse(link: &str) -> Result<Destination, LinkError> {
    let link = link.trim();
    if link.len() > MAX_LEN {
        return Err(LinkError::Malformed);
    }
    let url = url::Url::parse(link).map_err(|_| LinkError::Malformed)?;
    if url.scheme() != "zoomdesk" {
        return Err(LinkError::ForeignScheme);
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(LinkError::UnknownRoute);
    }
    let route = url.host_str().unwrap_or("");
    let path = url.path().trim_start_matches('/').trim_end_matches('/');
    let parts: Vec<&str> = if path.is_empty() {
        Vec::new()
    } else {
        path.split('/').collect()
    };
    match (route, parts.as_slice()) {
        ("meeting", [id]) => {
            check(valid_meeting_id(id))?;
            Ok(Destination::Meeting {
                id: (*id).to_string(),
                occurrence_id: None,
            })
        }
        ("meeting", [id, "occurrence", occ]) => {
            check(valid_meeting_id(id) && valid_occurrence_id(occ))?;
            Ok(Destination::Meeting {
                id: (*id).to_string(),
                occurrence_id: Some((*occ).to_string()),
            })
        }
        ("reminder", [id, occ]) => {
            let occ = if *occ == "-" { "" } else { *occ };
            check(valid_meeting_id(id) && (occ.is_empty() || valid_occurrence_id(occ)))?;
            Ok(Destination::Reminder {
                id: (*id).to_string(),
                occurrence_id: occ.to_string(),
            })
        }
        ("recording", [uuid]) => {
            let uuid = percent_decode(uuid).ok_or(LinkError::InvalidId)?;
            check(valid_uuid(&uuid))?;
            Ok(Destination::Recording { uuid, play: None })
        }
        ("meeting" | "reminder" | "recording", _) => Err(LinkError::InvalidId),
        _ => Err(LinkError::UnknownRoute),
    }
}

fn check(ok: bool) -> Result<(), LinkError> {
    if ok {
        Ok(())
    } else {
        Err(LinkError::InvalidId)
    }
}

/// Decodes `%XX` escapes (UUIDs may hold `/` and `+`, escaped in links); `None` when broken.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The link that opens `destination` (used for the reminder's own route and in tests).
pub fn link_for(destination: &Destination) -> String {
    match destination {
        Destination::Meeting {
            id,
            occurrence_id: None,
        } => format!("zoomdesk://meeting/{id}"),
        Destination::Meeting {
            id,
            occurrence_id: Some(occ),
        } => format!("zoomdesk://meeting/{id}/occurrence/{occ}"),
        Destination::Reminder { id, occurrence_id } if occurrence_id.is_empty() => {
            format!("zoomdesk://reminder/{id}/-")
        }
        Destination::Reminder { id, occurrence_id } => {
            format!("zoomdesk://reminder/{id}/{occurrence_id}")
        }
        Destination::Recording { uuid, .. } => {
            let escaped: String = uuid
                .chars()
                .map(|c| match c {
                    '/' => "%2F".to_string(),
                    '+' => "%2B".to_string(),
                    '=' => "%3D".to_string(),
                    c => c.to_string(),
                })
                .collect();
            format!("zoomdesk://recording/{escaped}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(id: &str, occ: Option<&str>) -> Destination {
        Destination::Meeting {
            id: id.into(),
            occurrence_id: occ.map(str::to_string),
        }
    }

    #[test]
    fn the_routes_open_their_pages() {
        assert_eq!(
            parse("zoomdesk://meeting/85746065432"),
            Ok(meeting("85746065432", None))
        );
        assert_eq!(
            parse("zoomdesk://meeting/85746065432/"),
            Ok(meeting("85746065432", None)),
            "a trailing slash is what some launchers add"
        );
        assert_eq!(
            parse("zoomdesk://meeting/85746065432/occurrence/1764576000000"),
            Ok(meeting("85746065432", Some("1764576000000")))
        );
        assert_eq!(
            parse("zoomdesk://reminder/85746065432/1764576000000"),
            Ok(Destination::Reminder {
                id: "85746065432".into(),
                occurrence_id: "1764576000000".into()
            })
        );
        assert_eq!(
            parse("zoomdesk://reminder/85746065432/-"),
            Ok(Destination::Reminder {
                id: "85746065432".into(),
                occurrence_id: String::new()
            })
        );
        assert_eq!(
            parse("zoomdesk://recording/4444AAAiAAAAAiAiAiiAii%3D%3D"),
            Ok(Destination::Recording {
                uuid: "4444AAAiAAAAAiAiAiiAii==".into(),
                play: None,
            })
        );
    }

    #[test]
    fn anything_else_is_refused_with_its_reason() {
        let refused = [
            ("", LinkError::Malformed),
            ("meeting/1", LinkError::Malformed),
            ("https://zoom.us/j/1", LinkError::ForeignScheme),
            ("zoomdesk://settings", LinkError::UnknownRoute),
            ("zoomdesk://meeting/1?start=1", LinkError::UnknownRoute),
            ("zoomdesk://meeting/abc", LinkError::InvalidId),
            ("zoomdesk://meeting/-5", LinkError::InvalidId),
            (
                "zoomdesk://meeting/99999999999999999999",
                LinkError::InvalidId,
            ),
            (
                "zoomdesk://meeting/1/occurrence/..%2F..",
                LinkError::InvalidId,
            ),
            ("zoomdesk://meeting/1/delete", LinkError::InvalidId),
            ("zoomdesk://reminder/1", LinkError::InvalidId),
            ("zoomdesk://recording/%ZZ", LinkError::InvalidId),
            ("zoomdesk://recording/a%3Cscript%3E", LinkError::InvalidId),
        ];
        for (link, why) in refused {
            assert_eq!(parse(link), Err(why), "{link}");
        }
        assert_eq!(
            parse(&format!("zoomdesk://meeting/{}", "1".repeat(400))),
            Err(LinkError::Malformed)
        );
    }

    #[test]
    fn links_made_here_parse_back_to_the_same_place() {
        for d in [
            meeting("1", None),
            meeting("85746065432", Some("1764576000000")),
            Destination::Reminder {
                id: "85746065432".into(),
                occurrence_id: String::new(),
            },
            Destination::Recording {
                uuid: "ab/+cd==".into(),
                play: None,
            },
        ] {
            assert_eq!(parse(&link_for(&d)), Ok(d.clone()));
        }
    }

    #[test]
    fn the_ui_gets_the_page_and_camel_case_ids() {
        let json = serde_json::to_value(Destination::Reminder {
            id: "1".into(),
            occurrence_id: String::new(),
        })
        .expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({"page": "reminder", "id": "1", "occurrenceId": ""})
        );
    }
}

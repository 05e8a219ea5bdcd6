//! Content lines: escaping untrusted text and folding at 75 octets with CRLF endings.

/// Longest content line, in octets, before it is folded (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// A TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` escaped, line breaks as `\n`, other
/// control characters (except tab) dropped.
pub(super) fn escape_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (never inside a UTF-8 character), each piece ending in
/// CRLF and each continuation starting with one space.
pub(super) fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut room = MAX_LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = MAX_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

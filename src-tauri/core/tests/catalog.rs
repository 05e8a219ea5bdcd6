//! The backend's message keys are two lists in Rust: `messages::Key` (messages tied to an
//! input) and `messages::ALL` (sentences such as "Sign-in was cancelled."). Every one of them
//! has a message in the UI's catalog (`"backend.<key>"` in ui/src/lib/i18n/en.ts), and every
//! `backend.*` message there is one of them: the catalog and the code cannot drift apart.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use zoomdesk_core::messages::{Key, ALL};

#[test]
fn backend_error_keys_and_the_ui_catalog_match() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut emitted: BTreeSet<&str> = Key::ALL.iter().map(|k| k.as_str()).collect();
    emitted.extend(ALL.iter().map(|m| m.key));
    assert_eq!(
        emitted.len(),
        Key::ALL.len() + ALL.len(),
        "a key is declared twice"
    );
    let catalog = std::fs::read_to_string(root.join("ui/src/lib/i18n/en.ts")).unwrap();
    let translated: BTreeSet<&str> = catalog
        .match_indices("\"backend.")
        .filter_map(|(i, m)| {
            let rest = &catalog[i + m.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect();
    let missing: Vec<_> = emitted.difference(&translated).collect();
    assert!(
        missing.is_empty(),
        "keys without a message in en.ts: {missing:?}"
    );
    let unused: Vec<_> = translated.difference(&emitted).collect();
    assert!(
        unused.is_empty(),
        "messages in en.ts no error uses: {unused:?}"
    );
}

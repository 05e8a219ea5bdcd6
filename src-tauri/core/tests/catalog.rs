//! The backend's message keys are two lists in Rust: `messages::Key` (messages tied to an
//! input) and `messages::ALL` (sentences such as "Sign-in was cancelled."). Every one of them
//! has a message in each of the UI's catalogs (`"backend.<key>"` in ui/src/lib/i18n/en.ts and
//! es.ts), and every `backend.*` message there is one of them: the catalogs and the code
//! cannot drift apart.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use zoomdesk_core::locale::Language;
use zoomdesk_core::messages::{Key, ALL};

/// The `backend.*` keys of one catalog file (without the prefix).
fn backend_keys(catalog: &str) -> BTreeSet<String> {
    catalog
        .match_indices("\"backend.")
        .filter_map(|(i, m)| {
            let rest = &catalog[i + m.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

#[test]
fn backend_error_keys_and_every_ui_catalog_match() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut emitted: BTreeSet<String> = Key::ALL.iter().map(|k| k.as_str().to_string()).collect();
    emitted.extend(ALL.iter().map(|m| m.key.to_string()));
    assert_eq!(
        emitted.len(),
        Key::ALL.len() + ALL.len(),
        "a key is declared twice"
    );
    for lang in Language::ALL {
        let file = format!("ui/src/lib/i18n/{}.ts", lang.tag());
        let catalog = std::fs::read_to_string(root.join(&file)).unwrap();
        let translated = backend_keys(&catalog);
        let missing: Vec<_> = emitted.difference(&translated).collect();
        assert!(
            missing.is_empty(),
            "keys without a message in {file}: {missing:?}"
        );
        let unused: Vec<_> = translated.difference(&emitted).collect();
        assert!(
            unused.is_empty(),
            "messages in {file} no error uses: {unused:?}"
        );
    }
}

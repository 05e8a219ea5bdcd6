//! Every message key the backend gives its errors (`.key("...")`) has a message in the UI's
//! catalog (`"backend.<key>"` in ui/src/lib/i18n/en.ts), and every `backend.*` message there is
//! one the backend can send: the catalog and the code cannot drift apart.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The quoted strings that follow `marker` in `text`.
fn quoted_after(text: &str, marker: &str) -> Vec<String> {
    text.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &text[i + marker.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

#[test]
fn backend_error_keys_and_the_ui_catalog_match() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    rust_files(&root.join("src-tauri/core/src"), &mut files);
    rust_files(&root.join("src-tauri/app"), &mut files);
    let mut emitted = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for key in quoted_after(&text, ".key(\"") {
            emitted.insert(key);
        }
        // Sentences of non-field errors (src/messages.rs): `key: "signIn.declined"`.
        for key in quoted_after(&text, "key: \"") {
            emitted.insert(key);
        }
        // Keys chosen from a list, e.g. the repeat unit: `["", "every.rangeDays", ...]`.
        for key in quoted_after(&text, "\"every.range") {
            emitted.insert(format!("every.range{key}"));
        }
    }
    emitted.retain(|k| !k.is_empty());
    let catalog = std::fs::read_to_string(root.join("ui/src/lib/i18n/en.ts")).unwrap();
    let translated: BTreeSet<String> = quoted_after(&catalog, "\"backend.").into_iter().collect();
    assert!(emitted.len() >= 35, "the scan found the keys: {emitted:?}");
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

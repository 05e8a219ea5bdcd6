//! The window's IPC surface is written down in six places: the command functions, the handler
//! list, `build.rs` (one permission per command), the capability in `tauri.conf.json`, the
//! UI's `api.ts` and its fake backend; the event names in `events.rs` and `api.ts`. This test
//! fails, naming the difference, as soon as any two disagree.

use std::collections::BTreeSet;
use std::path::Path;

use regex::Regex;

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn names(re: &str, text: &str) -> BTreeSet<String> {
    Regex::new(re)
        .expect("pattern")
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let to = text[from..].find(end).unwrap_or_else(|| panic!("no {end}")) + from;
    &text[from..to]
}

#[test]
fn every_place_names_the_same_commands_and_events() {
    let functions = names(
        r"#\[tauri::command\]\s*pub (?:async )?fn (\w+)",
        &(read("src-tauri/app/commands.rs") + &read("src-tauri/app/recording_commands.rs")),
    );
    let lib = read("src-tauri/app/lib.rs");
    let handlers = names(r"\w+::(\w+)", between(&lib, "generate_handler![", "]"));
    let build = read("src-tauri/app/build.rs");
    let permissions = names(r#""(\w+)""#, between(&build, ".commands(&[", "])"));
    let conf: serde_json::Value =
        serde_json::from_str(&read("tauri.conf.json")).expect("tauri.conf.json is JSON");
    let capability: BTreeSet<String> = conf["app"]["security"]["capabilities"][0]["permissions"]
        .as_array()
        .expect("a permission list")
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    let api = read("ui/src/lib/api.ts");
    let ui_calls = names(r#"call(?:<[^(]*>)?\(\s*"(\w+)""#, &api);
    let fake = names(r#"case "(\w+)":"#, &read("ui/src/test/fakeBackend.ts"));

    for (place, set) in [
        ("the handler list in lib.rs", &handlers),
        ("build.rs", &permissions),
        ("the capability in tauri.conf.json", &capability),
        ("ui/src/lib/api.ts", &ui_calls),
        ("the fake backend", &fake),
    ] {
        let missing: Vec<_> = functions.difference(set).collect();
        let extra: Vec<_> = set.difference(&functions).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{place} disagrees with the #[tauri::command] functions: missing {missing:?}, extra {extra:?}"
        );
    }
    assert!(functions.len() >= 30, "{functions:?}");

    let rust_events = names(
        r#"pub const \w+: &str = "(zoomdesk://\w+)""#,
        &read("src-tauri/app/events.rs"),
    );
    let ui_events = names(
        r#""(zoomdesk://\w+)""#,
        between(&api, "export const EVENTS", "as const"),
    );
    assert_eq!(
        rust_events, ui_events,
        "events.rs and api.ts EVENTS disagree"
    );
    assert!(!rust_events.is_empty());
}

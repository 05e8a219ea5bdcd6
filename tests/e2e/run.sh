#!/usr/bin/env bash
# Real-window tests: starts Xvfb and a private D-Bus session, runs the harness inside them
# (which starts and stops tauri-driver), and leaves no process behind.
#
#   tests/e2e/run.sh [path/to/zoomdesk]
#
# Screenshots of every page land in tests/e2e/screenshots/ (ignored by git).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
app="${1:-${ZOOMDESK_APP:-$target/debug/zoomdesk}}"
[ -x "$app" ] || { echo "e2e: no app binary at $app (build it with: cargo build --features custom-protocol)" >&2; exit 1; }
sim="${ZOOM_SIM_BIN:-$(dirname "$app")/zoom-sim}"
[ -x "$sim" ] || { echo "e2e: no zoom-sim binary at $sim (build it with: cargo build -p zoom-sim)" >&2; exit 1; }
export ZOOM_SIM_BIN="$sim"
command -v tauri-driver >/dev/null || { echo "e2e: tauri-driver is missing (cargo install tauri-driver --locked)" >&2; exit 1; }
{ [ -d "$here/node_modules/webdriverio" ] && [ -d "$here/node_modules/dbus-next" ]; } \
  || (cd "$here" && npm ci --no-audit --no-fund)

export ZOOMDESK_APP="$(cd "$(dirname "$app")" && pwd)/$(basename "$app")"
export E2E_SCREENSHOTS="${E2E_SCREENSHOTS:-$here/screenshots}"
mkdir -p "$E2E_SCREENSHOTS"

# A private home for everything the app, WebKit and the plugins write.
sandbox="$(mktemp -d -t zoomdesk-e2e.XXXXXX)"
trap 'rm -rf "$sandbox"' EXIT
export HOME="$sandbox/home" XDG_DATA_HOME="$sandbox/data" XDG_CONFIG_HOME="$sandbox/config" \
  XDG_CACHE_HOME="$sandbox/cache" XDG_RUNTIME_DIR="$sandbox/run" ZOOMDESK_DATA_DIR="$sandbox/zoomdesk"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export NO_AT_BRIDGE=1
# The app signs in to zoom-sim (started by the harness) and opens links through the fake browser.
export TZ=Europe/Madrid ZOOMDESK_VAULT=file E2E_BROWSER_LOG="$sandbox/browser.log"
# The harness's notification server (notify-server.mjs) records every Notify call here.
export E2E_NOTIFY_LOG="$sandbox/notifications.jsonl"
export ZOOMDESK_BROWSER="node $here/fake-browser.mjs"

exec xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- node "$here/harness.mjs"

#!/usr/bin/env bash
# Startup, memory and size of the release build, written to docs/BENCHMARKS.md.
#   scripts/bench.sh [runs]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
ensure_setup
step "release build with the .deb bundle"
TAURI_FRONTEND_PATH=ui ui/node_modules/.bin/tauri build --bundles deb
deb="$(ls -t "$target"/release/bundle/deb/*.deb | head -n 1)"
step "measuring"
export NO_AT_BRIDGE=1
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  python3 scripts/bench_startup.py --binary "$target/release/zoomdesk" --deb "$deb" --runs "${1:-6}"

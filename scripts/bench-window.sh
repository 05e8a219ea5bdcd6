#!/usr/bin/env bash
# Benchmarks of the release app in the real-window harness (zoom-sim, the test's notification
# server), written to docs/BENCHMARKS.md:
#   scripts/bench-window.sh reminders    idle CPU signed in, reminder due time to notification
#   scripts/bench-window.sh recordings   Play to first frame, memory while streaming 200 MB,
#                                        the Recordings table with 500 recordings
set -euo pipefail
which="${1:-}"
case "$which" in
  reminders | recordings) ;;
  *) echo "usage: $0 reminders|recordings" >&2; exit 2 ;;
esac
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
ensure_setup
ensure_npm "$root/tests/e2e"
ensure_tauri_driver
build_ui
step "release build of the app and zoom-sim"
cargo build --release --features zoomdesk/custom-protocol -p zoomdesk -p zoom-sim
step "measuring $which (a few minutes)"
BENCH_BUILD=release E2E_SPEC_DIR=bench E2E_ONLY="$which" tests/e2e/run.sh "$target/release/zoomdesk"

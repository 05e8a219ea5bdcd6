#!/usr/bin/env bash
# Idle CPU of the signed-in app and the delay from a reminder's due time to its notification,
# measured on the release build in the real-window harness; written to docs/BENCHMARKS.md.
#   scripts/bench-reminders.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
ensure_setup
ensure_npm "$root/tests/e2e"
ensure_tauri_driver
build_ui
step "release build of the app and zoom-sim"
cargo build --release --features zoomdesk/custom-protocol -p zoomdesk -p zoom-sim
step "measuring (about 3 minutes)"
BENCH_BUILD=release E2E_SPEC_DIR=bench E2E_ONLY=reminders tests/e2e/run.sh "$target/release/zoomdesk"

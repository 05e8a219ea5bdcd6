#!/usr/bin/env bash
# Recordings: Play to first frame, memory while streaming 200 MB, the table with 500 recordings,
# measured on the release build in the real-window harness; written to docs/BENCHMARKS.md.
#   scripts/bench-recordings.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
ensure_setup
ensure_npm "$root/tests/e2e"
ensure_tauri_driver
build_ui
step "release build of the app and zoom-sim"
cargo build --release --features zoomdesk/custom-protocol -p zoomdesk -p zoom-sim
step "measuring (about 2 minutes)"
BENCH_BUILD=release E2E_SPEC_DIR=bench E2E_ONLY=recordings tests/e2e/run.sh "$target/release/zoomdesk"

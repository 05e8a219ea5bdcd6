#!/usr/bin/env bash
# Builds and runs Zoomdesk. Installs what is missing first (see scripts/lib.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
ensure_setup
build_ui
step "building the app"
cargo build --features zoomdesk/custom-protocol --bin zoomdesk
step "starting Zoomdesk"
exec "$target/debug/zoomdesk" "$@"

#!/usr/bin/env bash
# Startup, memory and size of the release build against a minimal Tauri 2 app (bench/minimal),
# measured in the same run, launches alternating; written to docs/BENCHMARKS.md.
#   scripts/bench.sh [runs]
# The UI is built into the target folder ($CARGO_TARGET_DIR/ui-dist), never into ui/dist.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
ensure_setup
tauri="$root/ui/node_modules/.bin/tauri"
ui_dist="$target/ui-dist"
step "UI build into ${ui_dist}"
(cd ui && node_modules/.bin/vite build --outDir "$ui_dist" --emptyOutDir)
step "release build of Zoomdesk with the .deb bundle"
# Same --config every time, so the build reuses what it compiled before.
TAURI_FRONTEND_PATH=ui "$tauri" build --bundles deb \
  --config "{\"build\":{\"frontendDist\":\"$ui_dist\",\"beforeBuildCommand\":\"true\"}}"
deb="$(ls -t "$target"/release/bundle/deb/*.deb | head -n 1)"
step "release build of zoom-sim and the CLI (to seed the cache)"
cargo build --release --locked -p zoom-sim -p zoomdesk-cli
step "release build of the minimal Tauri app"
(cd bench/minimal && "$tauri" build --no-bundle -- --locked)
step "measuring"
export NO_AT_BRIDGE=1
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  python3 scripts/bench_startup.py --binary "$target/release/zoomdesk" \
  --minimal "$target/release/zoomdesk-bench-minimal" \
  --sim "$target/release/zoom-sim" --cli "$target/release/zoomdesk-cli" \
  --deb "$deb" --runs "${1:-6}" --command "scripts/bench.sh${1:+ $1}"

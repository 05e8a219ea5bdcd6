#!/usr/bin/env bash
# Builds and runs Zoomdesk. Installs what is missing first (see scripts/lib.sh).
#
# Without Zoom settings (no ZOOMDESK_CLIENT_ID and no client id saved in Settings) it starts
# zoom-sim, our Zoom simulator, with demo data, and points the app at it with a data folder
# of its own, so a newcomer can sign in (the simulator's consent page) and try every page.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
ensure_setup
build_ui
step "building the app"
cargo build --features zoomdesk/custom-protocol -p zoomdesk -p zoom-sim

config_file="${XDG_CONFIG_HOME:-$HOME/.config}/app.zoomdesk.desktop/settings.json"
if [ -z "${ZOOMDESK_CLIENT_ID:-}" ] && ! grep -qs '"client_id": *"[^"]' "$config_file"; then
  step "no Zoom settings: starting zoom-sim with demo data"
  sim_out="$(mktemp -t zoom-sim.XXXXXX)"
  "$target/debug/zoom-sim" --addr 127.0.0.1:0 --seed demo --timezone "$(cat /etc/timezone 2>/dev/null || echo UTC)" >"$sim_out" 2>&1 &
  sim_pid=$!
  trap 'kill "$sim_pid" 2>/dev/null; rm -f "$sim_out"' EXIT
  for _ in $(seq 1 100); do
    grep -q "listening on" "$sim_out" && break
    sleep 0.1
  done
  sim_url="$(sed -n 's/^zoom-sim listening on //p' "$sim_out" | head -n 1)"
  [ -n "$sim_url" ] || { cat "$sim_out"; echo "zoom-sim did not start"; exit 1; }
  echo "zoom-sim at $sim_url (demo user: sign in on its consent page)"
  export ZOOMDESK_CLIENT_ID=zoomdesk-demo ZOOMDESK_OAUTH_BASE="$sim_url" ZOOMDESK_API_BASE="$sim_url/v2"
  # Demo data never mixes with a real account's cache or sign-in.
  export ZOOMDESK_DATA_DIR="${ZOOMDESK_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/app.zoomdesk.desktop-demo}"
  export ZOOMDESK_VAULT="${ZOOMDESK_VAULT:-file}"
  step "starting Zoomdesk against the simulator"
  "$target/debug/zoomdesk" "$@"
else
  step "starting Zoomdesk"
  exec "$target/debug/zoomdesk" "$@"
fi

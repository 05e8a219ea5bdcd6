#!/usr/bin/env bash
# Every test and check of Zoomdesk. Installs what is missing first (see scripts/lib.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
start=$SECONDS

ensure_setup
ensure_npm "$root/tests/e2e"
ensure_tauri_driver

step "cargo fmt --check"
cargo fmt --all -- --check

# The UI must be built before Rust compiles: the app embeds ui/dist.
build_ui

# One feature set everywhere, so clippy, tests and the e2e binary share compiled dependencies.
features=(--features zoomdesk/custom-protocol)

step "cargo clippy"
cargo clippy --workspace --all-targets "${features[@]}" -- -D warnings

step "cargo test"
cargo test --workspace "${features[@]}"

step "TypeScript bindings generated from Rust are committed and fresh"
if ! git diff --quiet -- ui/src/lib/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/lib/bindings)" ]; then
  git status --short ui/src/lib/bindings
  echo "The bindings in ui/src/lib/bindings are stale: 'cargo test -p zoomdesk-core' rewrote them; commit the result."
  exit 1
fi

step "UI: svelte-check, lint, format, unit tests"
(cd ui && npm run check && npm run lint && npm test)

step "UI: every page in Chromium (light, dark, small window) with axe"
(cd ui && npm run test:pages)

step "building the app for the real-window tests"
cargo build "${features[@]}" -p zoomdesk -p zoom-sim

step "Linux packages (debug build): built, unpacked and checked"
ZOOMDESK_UI_BUILT=1 "$root/scripts/package.sh" --debug

# Where it may (CI sets ZOOMDESK_INSTALL_TEST=1 and runs as root), the .deb is installed the
# way a user installs it, and the real-window tests also drive the installed program.
if [ "${ZOOMDESK_INSTALL_TEST:-}" = 1 ] && [ "$(id -u)" -eq 0 ]; then
  step "installing the .deb"
  deb="$(ls -t "$target"/debug/bundle/deb/*.deb | head -n 1)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb"
  export ZOOMDESK_INSTALLED_APP=/usr/bin/zoomdesk
fi

step "end-to-end tests in the real window"
tests/e2e/run.sh "$target/debug/zoomdesk"

echo
echo "All checks passed in $((SECONDS - start)) s."

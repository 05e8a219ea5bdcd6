#!/usr/bin/env bash
# Builds Zoomdesk's Linux packages (.deb and .rpm) and checks them.
#
#   scripts/package.sh            release build: target/release/bundle/{deb,rpm}/
#   scripts/package.sh --debug    the same from the debug build (fast; what the tests use)
#
# Windows (msi, nsis) and macOS (dmg) packages are made by .github/workflows/release.yml on
# those systems; see README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

profile=release
args=()
if [ "${1:-}" = "--debug" ]; then
  profile=debug
  args+=(--debug)
fi
# The test command has built the UI already (ZOOMDESK_UI_BUILT=1): do not build it twice.
if [ "${ZOOMDESK_UI_BUILT:-}" = 1 ]; then
  args+=(--config '{"build":{"beforeBuildCommand":""}}')
fi

ensure_setup
step "building the .deb and .rpm ($profile)"
# tauri's own CLI (an npm dependency of the UI) runs the UI build, compiles the app with the
# bundled UI, and writes the packages.
(cd "$root" && ui/node_modules/.bin/tauri build "${args[@]}" --bundles deb,rpm --ci)

step "checking the packages"
"$root/scripts/check-packages.sh" "$target/$profile/bundle"

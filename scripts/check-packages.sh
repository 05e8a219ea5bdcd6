#!/usr/bin/env bash
# Unpacks the .deb and .rpm under a bundle folder and checks what a user's system needs of
# them: the program, a valid desktop entry that handles zoomdesk:// links, the icons at every
# size, and the run-time dependencies (WebKitGTK, GStreamer decoders for playback, the tray's
# indicator library).
#
#   scripts/check-packages.sh target/release/bundle
set -euo pipefail
bundle="$(cd "${1:?usage: check-packages.sh BUNDLE_DIR}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "package check failed: $*" >&2; exit 1; }

sizes=(16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512)

# Checks an unpacked file tree in $1 (a package's files), named $2 in messages.
check_tree() {
  local tree="$1" name="$2"
  [ -x "$tree/usr/bin/zoomdesk" ] || fail "$name: no executable usr/bin/zoomdesk"
  local entry
  entry="$(find "$tree/usr/share/applications" -name '*.desktop' | head -n1)"
  [ -n "$entry" ] || fail "$name: no desktop entry under usr/share/applications"
  desktop-file-validate "$entry" || fail "$name: $(basename "$entry") is not a valid desktop entry"
  grep -qx 'MimeType=x-scheme-handler/zoomdesk;' "$entry" || fail "$name: the entry does not register x-scheme-handler/zoomdesk"
  grep -q '^Exec=zoomdesk %u$' "$entry" || fail "$name: the entry does not pass the link to zoomdesk (%u): $(grep ^Exec= "$entry")"
  grep -q '^Icon=zoomdesk$' "$entry" || fail "$name: the entry's icon is not zoomdesk"
  for s in "${sizes[@]}"; do
    [ -f "$tree/usr/share/icons/hicolor/$s/apps/zoomdesk.png" ] || fail "$name: no $s icon"
  done
  echo "$name: program, desktop entry (x-scheme-handler/zoomdesk) and ${#sizes[@]} icon sizes present"
}

# Fails unless every word in "$2" (comma/space list of needed names) is in the dependency text $1.
check_depends() {
  local have="$1" name="$2"; shift 2
  for need in "$@"; do
    grep -qE "(^|[ ,(|])$need([ ,()|]|$)" <<<"$have" || fail "$name: does not depend on $need (depends: $have)"
  done
  echo "$name: depends on $*"
}

deb="$(find "$bundle/deb" -maxdepth 1 -name '*.deb' | head -n1)"
[ -n "$deb" ] || fail "no .deb under $bundle/deb"
mkdir "$work/deb"
dpkg-deb -x "$deb" "$work/deb"
check_tree "$work/deb" "$(basename "$deb")"
check_depends "$(dpkg-deb -f "$deb" Depends | tr '\n' ' ')" "$(basename "$deb")" \
  libwebkit2gtk-4.1-0 libgtk-3-0 gstreamer1.0-plugins-good gstreamer1.0-libav libayatana-appindicator3-1

rpm="$(find "$bundle/rpm" -maxdepth 1 -name '*.rpm' | head -n1)"
[ -n "$rpm" ] || fail "no .rpm under $bundle/rpm"
mkdir "$work/rpm"
# rpm2cpio 4.18 exits 1 on the payloads tauri writes although it extracts them whole; what
# was extracted is checked file by file below, so its status is not the test.
rpm2cpio "$rpm" >"$work/payload.cpio" || true
(cd "$work/rpm" && cpio -idm --quiet <"$work/payload.cpio")
check_tree "$work/rpm" "$(basename "$rpm")"
check_depends "$(rpm -qp --requires "$rpm" 2>/dev/null | tr '\n' ' ')" "$(basename "$rpm")" \
  'libwebkit2gtk-4\.1\.so\.0' 'libgtk-3\.so\.0' gstreamer1-plugins-good libayatana-appindicator-gtk3
echo "packages OK"

# Shared by the scripts in this folder: paths and the set-up steps.
# shellcheck shell=bash
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
target="${CARGO_TARGET_DIR:-$root/target}"

step() { printf '\n==> %s\n' "$*"; }

# Debian/Ubuntu packages the app needs to build, run and be tested.
APT_PACKAGES=(
  # build
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev
  libssl-dev libxdo-dev pkg-config build-essential file curl ca-certificates
  # run: video playback in WebKitGTK
  gstreamer1.0-plugins-good gstreamer1.0-libav
  # test: a real window under Xvfb, a private D-Bus session, WebDriver, notifications, keychain
  xvfb xauth dbus dbus-x11 webkit2gtk-driver imagemagick xdotool dunst libnotify-bin
  gnome-keyring libsecret-tools desktop-file-utils xdg-utils at-spi2-core
  # page tests of the web build with axe
  chromium
  # unpacking and checking the .rpm (scripts/check-packages.sh)
  rpm rpm2cpio cpio
)

ensure_apt_packages() {
  command -v dpkg-query >/dev/null || { echo "not a Debian/Ubuntu system: install the packages of README.md by hand"; return 0; }
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    step "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Some system packages are missing. Install them with:"
    echo "  sudo apt-get install --no-install-recommends ${missing[*]}"
    exit 1
  fi
}

# npm ci when node_modules is missing or older than the lock file.
ensure_npm() {
  local dir="$1"
  command -v npm >/dev/null || { echo "Node.js 20+ and npm are required (https://nodejs.org)"; exit 1; }
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    step "npm ci in ${dir#"$root"/}"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
}

ensure_tauri_driver() {
  command -v tauri-driver >/dev/null && return 0
  export PATH="$HOME/.cargo/bin:$PATH"
  command -v tauri-driver >/dev/null && return 0
  step "installing tauri-driver"
  cargo install tauri-driver --locked
}

ensure_setup() {
  ensure_apt_packages
  ensure_npm "$root/ui"
  step "cargo fetch"
  (cd "$root" && cargo fetch --locked)
}

build_ui() {
  step "building the UI"
  (cd "$root/ui" && npm run build)
}

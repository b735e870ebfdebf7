#!/usr/bin/env bash
# Installs what building, serving and testing need, skipping whatever is already there.
# Usage: scripts/setup.sh [build|browser|all]
#   build   — wasm32 target, Trunk, wasm-bindgen-cli, wasm-opt (npm binaryen)
#   browser — Debian Chromium + ChromeDriver + CJK fonts, playwright-core and axe-core from npm
#   all     — both (default)
# Versions are pinned to what is measured to work on these machines (see DEVELOPERS guide):
# Trunk 0.22 needs a newer rustc; wasm-bindgen-cli must match the crate pin in Cargo.toml exactly.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
what=${1:-all}

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

install_build_tools() {
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      say "adding the $component component"
      rustup component add "$component"
    fi
  done
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (about 9 minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once)"
    # Not --locked: its lock file names a crate version that the registry lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
  install_npm_packages
}

install_npm_packages() {
  # binaryen gives node_modules/.bin/wasm-opt (version_132); terser minifies and
  # @gfx/zopfli precompresses the release build; playwright-core drives the Debian
  # Chromium; axe-core checks accessibility. Pinned in package-lock.json.
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/terser ] || [ ! -d node_modules/@gfx/zopfli ] \
     || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
    say "installing npm packages (binaryen, terser, zopfli, playwright-core, axe-core)"
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
  fi
}

install_browser() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! fc-list 2>/dev/null | grep -ci 'Noto Sans CJK' >/dev/null; then
    say "installing Debian chromium, chromium-driver and CJK fonts"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
  fi
  install_npm_packages
}

case "$what" in
  build) install_build_tools ;;
  browser) install_browser ;;
  all) install_build_tools; install_browser ;;
  *) echo "usage: $0 [build|browser|all]" >&2; exit 2 ;;
esac

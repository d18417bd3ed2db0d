#!/usr/bin/env bash
# Installs what building and testing Redress needs and is missing on a fresh Debian machine:
# Debian's rustc-web (the wasm32 target, see docs/client-build.md), libpq, Chromium and its
# driver, Debian's aiosmtpd (the tests' real SMTP server), wasm-bindgen-cli at the version
# Cargo.lock pins, cargo-nextest, and axe-core.
# Anything already present is skipped. Usage: scripts/setup.sh [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

missing=()
[ -x /usr/bin/rustc ] || missing+=(rustc-web cargo-web rust-web-src)
dpkg -s libpq-dev >/dev/null 2>&1 || missing+=(libpq-dev)
if $want_browser; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  dpkg -s python3-aiosmtpd >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

bindgen_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  echo "installing wasm-bindgen-cli $bindgen_version"
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

if $want_browser; then
  command -v cargo-nextest >/dev/null 2>&1 || cargo install cargo-nextest --locked
  if [ ! -f tests/node_modules/axe-core/axe.min.js ]; then
    (cd tests && npm ci --no-audit --no-fund)
  fi
fi

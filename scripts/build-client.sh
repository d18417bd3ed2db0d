#!/usr/bin/env bash
# Builds the WebAssembly client into target/site/pkg, the way shared/TOOLCHAIN.md describes:
# Debian's rustc-web with -Zbuild-std, rust-lld from the rustup toolchain, then wasm-bindgen.
# Usage: scripts/build-client.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-debug}"

lld="$(rustc --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
cargo_profile_args=()
profile_dir=debug
if [ "$profile" = release ]; then
  cargo_profile_args=(--profile wasm-release)
  profile_dir=wasm-release
fi

env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$lld" RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
  RUSTFLAGS='--cfg getrandom_backend="wasm_js"' \
  /usr/bin/cargo build -p app --lib --features hydrate --no-default-features \
  --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort --target-dir target/wasm \
  "${cargo_profile_args[@]}"

mkdir -p target/site/pkg target/site/style
wasm-bindgen --target web --out-dir target/site/pkg --out-name redress \
  "target/wasm/wasm32-unknown-unknown/$profile_dir/app.wasm"
if [ "$profile" = release ] && command -v wasm-opt >/dev/null 2>&1; then
  wasm-opt -Oz target/site/pkg/redress_bg.wasm -o target/site/pkg/redress_bg.wasm
fi
cp style/*.css target/site/style/
echo "client built into target/site ($profile)"

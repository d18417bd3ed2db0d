#!/usr/bin/env bash
# Builds the WebAssembly client into target/site/pkg, as docs/client-build.md explains:
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
bindgen_args=()
# The name section alone is larger than the code: citizens on slow links should not download it.
[ "$profile" = release ] && bindgen_args=(--remove-name-section --remove-producers-section)
wasm-bindgen --target web --out-dir target/site/pkg --out-name redress "${bindgen_args[@]}" \
  "target/wasm/wasm32-unknown-unknown/$profile_dir/app.wasm"
if [ "$profile" = release ]; then
  # binaryen from npm (Debian's is too old: its output breaks in the browser, see docs/client-build.md).
  wasm_opt=target/tools/node_modules/.bin/wasm-opt
  if [ ! -x "$wasm_opt" ]; then
    npm install --silent --no-audit --no-fund --prefix target/tools binaryen@132 >/dev/null 2>&1 \
      || echo "binaryen could not be installed: the client is served without wasm-opt"
  fi
  if [ -x "$wasm_opt" ]; then
    "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      target/site/pkg/redress_bg.wasm -o target/site/pkg/redress_bg.wasm
  fi
fi
# Compressed copies the server sends as they are (server/src/web/assets.rs): brotli at its
# highest quality is too slow to do per request. Debug builds drop stale copies, so the server
# never sends an old release client in place of a new debug one.
find target/site/pkg \( -name '*.br' -o -name '*.gz' \) -delete
if [ "$profile" = release ]; then
  find target/site/pkg -type f \( -name '*.js' -o -name '*.wasm' \) -print0 | xargs -0 node -e '
    const fs = require("fs"), zlib = require("zlib");
    for (const file of process.argv.slice(1)) {
      const data = fs.readFileSync(file);
      fs.writeFileSync(file + ".br", zlib.brotliCompressSync(data, { params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
      fs.writeFileSync(file + ".gz", zlib.gzipSync(data, { level: 9 }));
    }'
fi
cp style/*.css target/site/style/
echo "client built into target/site ($profile)"

#!/usr/bin/env bash
# The README's first command: set up what is missing, build the client and the server,
# migrate the embedded database, seed demo data on first run, and serve on 127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build-client.sh release
cargo build --release -p server --bin redress

bin=target/release/redress
"$bin" migrate
if [ ! -f data/.demo-seeded ]; then
  "$bin" seed-demo
  mkdir -p data && date -u +%FT%TZ > data/.demo-seeded
else
  echo "demo data was seeded on first run; demo sign-ins are listed in the README"
fi
echo "Redress: open http://127.0.0.1:3000"
exec "$bin" serve --bind "${REDRESS_BIND:-127.0.0.1:3000}"

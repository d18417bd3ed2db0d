#!/usr/bin/env bash
# The README's first command: set up what is missing, build the client and the server,
# migrate the embedded database, seed demo data (first run only; it is idempotent), and serve
# on 127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build-client.sh release
cargo build --release -p server --bin redress

bin=target/release/redress
"$bin" migrate
# Seeding is idempotent: the first run creates the demo data, with three years of history for the
# statistics (30,000 decisions and 3,000 appeals), later runs only print the sign-ins. It refuses
# a database holding anything but demo data (its accounts' passwords are published); the portal
# then serves that database as it is.
if ! "$bin" seed-demo --scale 30000; then
  echo "Redress: no demo data added (see above); serving the database as it is"
fi
echo "Redress: open http://127.0.0.1:3000"
exec "$bin" serve --bind "${REDRESS_BIND:-127.0.0.1:3000}"

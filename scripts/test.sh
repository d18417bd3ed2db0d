#!/usr/bin/env bash
# The README's second command: set up what the tests need, build the client, then run every
# test (unit, integration on SQLite and PostgreSQL, browser) with the lint gates.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --browser
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
if ! pg_isready -d "$TEST_DATABASE_URL" -q 2>/dev/null; then
  echo "PostgreSQL at $TEST_DATABASE_URL is unreachable: the integration tests need it" >&2
  exit 1
fi

cargo fmt --all -- --check
scripts/build-client.sh release
cargo clippy --workspace --all-targets -- -D warnings
# The mail tests run `redress worker` as separate processes and kill one mid-batch.
cargo build -p server --bin redress
cargo nextest run --workspace --no-fail-fast

#!/usr/bin/env bash
# The statistics at volume (docs/performance.md, "Statistics at volume"): on SQLite and on
# PostgreSQL, seeds the demo with SCALE load decisions and SCALE/10 appeals
# (`redress seed-demo --scale`, timed), starts the release server, and times the statistics
# pages and the API against /healthz: 3 requests to warm up, then ROUNDS sequential requests
# each, curl's time_total, median and p90 in ms, and the median's ratio to /healthz's.
# Usage: [SCALE=1000000] [ROUNDS=30] scripts/bench-stats.sh [postgres-admin-url]
#        (default postgres://postgres@127.0.0.1:5432/test; SCALE=20000 for a quick run)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${SCALE:-1000000}
rounds=${ROUNDS:-30}
admin_url="${1:-postgres://postgres@127.0.0.1:5432/test}"
cargo build --release -p server --bin redress >/dev/null
bin="$PWD/target/release/redress"
work=$(mktemp -d)
pg_db=redress_bench_stats
pg_created=
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_created" ]; then psql "$admin_url" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The months of the whole load (36, this one last) and this month, as the pages take them.
this_month=$(date +%Y-%m)
first_month=$(date -d "$(date +%Y-%m-01) -35 months" +%Y-%m)

# measure NAME URL [curl options]: prints "<median ms> <p90 ms>"; fails unless every answer is 200.
measure() {
  local name=$1 url=$2; shift 2
  local out="$work/times-$name" code
  for _ in 1 2 3; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url")
    [ "$code" = 200 ] || { echo "$name: $url answered $code" >&2; return 1; }
  done
  : > "$out"
  for _ in $(seq "$rounds"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@" "$url" >> "$out"
  done
  python3 - "$out" "$name" <<'PY'
import math, sys
rows = [line.split() for line in open(sys.argv[1])]
bad = [code for code, _ in rows if code != "200"]
if bad:
    sys.exit(f"{sys.argv[2]}: {len(bad)} answers were not 200 ({bad[0]})")
times = sorted(float(t) * 1000 for _, t in rows)
def rank(p):  # nearest rank
    return times[max(0, math.ceil(p * len(times)) - 1)]
print(f"{rank(0.5):.2f} {rank(0.9):.2f}")
PY
}

run_backend() {
  local name=$1 url=$2
  local dir="$work/$name"; mkdir -p "$dir"
  export DATABASE_URL="$url" REDRESS__DATA_DIR="$dir" REDRESS_LOG=warn
  export REDRESS__SECRETS__SIGNING_KEY="bench-signing-key-0123456789abcdef0123456789"
  # The benchmark signs the demo ombudsman in with the password alone.
  export REDRESS__TWO_FACTOR__REQUIRED_ROLES='[]'
  echo "== $name: seed-demo --scale $scale"
  (cd "$dir" && "$bin" migrate >/dev/null)
  local seeded; seeded=$(cd "$dir" && "$bin" seed-demo --allow-demo --scale "$scale")
  echo "$seeded" | grep -E '^(decisions|appeals|load data):' | sed 's/^/  /'
  echo "$seeded" | sed -n 's/^scale_/'"$name"'_scale_/p'
  local du; du=$(du -sm "$dir" | cut -f1)
  if [ "$name" = sqlite ]; then echo "${name}_database_mb=$du"; fi

  local client id secret
  client=$(cd "$dir" && "$bin" create-client --agency social-benefits --scopes stats:read 2>/dev/null)
  id=$(echo "$client" | sed -n 's/^client_id=//p'); secret=$(echo "$client" | sed -n 's/^client_secret=//p')

  local port; port=$(free_port)
  (cd "$dir" && exec "$bin" serve --bind "127.0.0.1:$port" 2>"$dir/serve.log") &
  server_pid=$!
  local base="http://127.0.0.1:$port" up=
  for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && { up=1; break; }; sleep 0.2; done
  [ -n "$up" ] || { echo "the server did not start:"; tail -20 "$dir/serve.log"; return 1; }
  # Housekeeping runs once at start (the deadline digest reads every open appeal): let it finish.
  sleep 5

  # The demo ombudsman: the sign-in form wants its CSRF cookie and token.
  local jar="$dir/jar" csrf location
  curl -s -c "$jar" -b "$jar" "$base/staff/signin" -o "$dir/signin.html"
  csrf=$(grep -o 'name="csrf_token" value="[^"]*"' "$dir/signin.html" | head -1 | sed 's/.*value="//;s/"$//')
  location=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
    --data-urlencode "email=ombudsman@ombudsman.demo.gov.kz" --data-urlencode "password=demo-ombudsman-2026" \
    --data-urlencode "csrf_token=$csrf" "$base/staff/signin")
  case "$location" in */staff) ;; *) echo "ombudsman sign-in failed (redirected to '$location')"; return 1 ;; esac

  local system=housing-benefit-eligibility
  local names=(healthz stats_public stats_public_36_months staff_stats staff_stats_system api_stats_month)
  local paths=("/healthz" "/stats" "/stats?from=$first_month&to=$this_month" "/staff/stats"
    "/staff/stats?system=$system" "/api/v1/stats?group_by=month")
  local results=() i health=
  for i in "${!names[@]}"; do
    local args=(-H "Accept-Language: ru")
    case ${names[$i]} in
      staff_*) args+=(-b "$jar") ;;
      api_*)
        # A token lives 15 minutes: fetched just before it is used.
        local token
        token=$(curl -s -H 'content-type: application/json' -d "{\"client_id\":\"$id\",\"client_secret\":\"$secret\"}" \
          "$base/api/v1/token" | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
        args+=(-H "authorization: Bearer $token") ;;
    esac
    local result
    if ! result=$(measure "${names[$i]}" "$base${paths[$i]}" "${args[@]}"); then
      results+=("${names[$i]}|${paths[$i]}|failed")
      echo "${name}_${names[$i]}=failed"
      continue
    fi
    local median=${result% *} p90=${result#* }
    [ -z "$health" ] && health=$median
    local ratio; ratio=$(python3 -c "print(f'{$median / max(${health:-0}, 0.001):.1f}')")
    echo "${name}_${names[$i]}_median_ms=$median"
    echo "${name}_${names[$i]}_p90_ms=$p90"
    echo "${name}_${names[$i]}_ratio_to_healthz=$ratio"
    results+=("${names[$i]}|${paths[$i]}|$median|$p90|$ratio")
  done
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
  echo
  printf '  %-24s %-48s %10s %10s %10s\n' "$name" "path ($scale decisions)" "median ms" "p90 ms" "÷ healthz"
  local row
  for row in "${results[@]}"; do
    IFS='|' read -r key path median p90 ratio <<< "$row"
    printf '  %-24s %-48s %10s %10s %10s\n' "$key" "$path" "$median" "${p90:-}" "${ratio:-}"
  done
  echo
}

run_backend sqlite "$work/sqlite/redress.db"

psql "$admin_url" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1
psql "$admin_url" -qc "CREATE DATABASE $pg_db" >/dev/null
pg_created=1
pg_url=$(python3 -c "import sys,urllib.parse as u;p=u.urlparse(sys.argv[1]);print(p._replace(path='/$pg_db').geturl())" "$admin_url")
run_backend postgres "$pg_url"
echo "postgres_database_mb=$(psql "$admin_url" -Atc "SELECT pg_database_size('$pg_db') / 1048576")"

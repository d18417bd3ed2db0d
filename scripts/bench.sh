#!/usr/bin/env bash
# Measures, on loopback with the release build: the client's size (gzip and brotli), requests
# per second of /privacy, a citizen's explanation page and /register (100 systems) as ratios of
# /healthz with p99 latency at half of each page's peak (wrk, see scripts/bench/pages.sh), and
# decisions per second ingested in 1,000-decision batches against the same rows inserted
# directly with diesel (`redress bench-ingest`), with their ratio, on SQLite and on PostgreSQL.
# Usage: scripts/bench.sh [postgres-admin-url]   (default postgres://postgres@127.0.0.1:5432/test)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get install -y -qq wrk; }
cargo build --release -p server --bin redress >/dev/null
scripts/build-client.sh release >/dev/null
source scripts/bench/pages.sh
client_sizes || echo "client size: not measured (no release client build)"
bin="$PWD/target/release/redress"
admin_url="${1:-postgres://postgres@127.0.0.1:5432/test}"
port=3900
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

batch_file="$work/batch.json"
python3 - "$batch_file" <<'PY'
import json, sys, random
random.seed(7)
# A denial whose largest reason counted against the citizen (f0, which the counterfactual
# changes), as ingest's quality checks require.
def contribution(k):
    return -round(random.uniform(1.0, 1.5), 3) if k == 0 else round(random.uniform(-0.9, 0.9), 3)
items = []
for i in range(1000):
    items.append({
        "external_id": f"BENCH-{i:06d}", "system": "housing-benefit-eligibility", "outcome": "denied",
        "outcome_label": {"en": "Application denied", "ru": "Заявление отклонено", "kk": "Өтініш қабылданбады"},
        "decided_at": "2026-11-02T10:15:00Z", "legal_basis": {"en": "Law on Housing Relations, Article 97"},
        "summary": {"en": "Your declared monthly income is above the limit for your household size."},
        "factors": [{"key": f"f{k}", "label": {"en": f"Factor {k}", "ru": f"Фактор {k}"}, "value": str(random.randint(1, 900000)),
                     "unit": "KZT", "contribution": contribution(k), "citizen_can_change": True} for k in range(8)],
        "counterfactuals": [{"changes": [{"key": "f0", "to": "350000"}], "outcome": "approved", "outcome_label": {"en": "Application approved"}}],
        "data_sources": [{"category": {"en": "Income"}, "source": {"en": "State revenue committee"}}],
        "human_involvement": "none", "human_reviewer": None, "model_version": "hb-2026.10.1",
        "subject": {"email": f"c{i}@example.kz", "national_id": f"{900101300000 + i}", "language": "ru"},
    })
json.dump({"decisions": items}, open(sys.argv[1], "w"))
PY

run_backend() {
  local name=$1 url=$2
  local dir="$work/$name"; mkdir -p "$dir"
  export DATABASE_URL="$url" REDRESS__DATA_DIR="$dir" REDRESS__SECRETS__SIGNING_KEY="bench-signing-key-0123456789abcdef0123456789" REDRESS_LOG=warn
  export REDRESS__RATE_LIMIT__FIND_PER_IP=100000
  (cd "$dir" && "$bin" seed-demo --allow-demo >/dev/null)
  local client; client=$(cd "$dir" && "$bin" create-client --agency social-benefits --scopes decisions:write 2>/dev/null)
  local id secret; id=$(echo "$client" | sed -n 's/^client_id=//p'); secret=$(echo "$client" | sed -n 's/^client_secret=//p')
  (cd "$dir" && exec "$bin" serve --bind "127.0.0.1:$port" 2>"$dir/serve.log") &
  local pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

  local jar="$dir/jar"
  curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/find" -o "$dir/find.html"
  local csrf; csrf=$(grep -o 'name="csrf_token" value="[^"]*"' "$dir/find.html" | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data "reference=RD-DEM0-0001&access_code=K4Q9-2MZT&csrf_token=$csrf" "http://127.0.0.1:$port/find"
  local cookie; cookie=$(awk '$6=="redress_decision"{print $6"="$7}' "$jar")
  echo "== $name"
  local credentials=() agency
  for agency in social-benefits state-revenue land-permits; do
    local made; made=$(cd "$dir" && "$bin" create-client --agency "$agency" --scopes systems:write,register:publish 2>/dev/null)
    credentials+=("$agency=$(echo "$made" | sed -n 's/^client_id=//p'):$(echo "$made" | sed -n 's/^client_secret=//p')")
  done
  # The page part must not stop the ingest measurement below if it fails.
  if ! { python3 scripts/bench/register_systems.py "http://127.0.0.1:$port" server/src/cli/demo/systems.json "${credentials[@]}" \
      && pages_bench "$port" "$cookie"; }; then
    echo "  page benchmark failed"
  fi

  local token; token=$(curl -s -H 'content-type: application/json' -d "{\"client_id\":\"$id\",\"client_secret\":\"$secret\"}" "http://127.0.0.1:$port/api/v1/token" | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
  local rounds=10 total=0 start end round code
  for round in $(seq $rounds); do
    sed "s/BENCH-/BENCH-$round-/g" "$batch_file" > "$dir/batch-$round.json"
  done
  start=$(date +%s.%N)
  for round in $(seq $rounds); do
    code=$(curl -s -o "$dir/out.json" -w '%{http_code}' -H "authorization: Bearer $token" -H 'content-type: application/json' --data-binary "@$dir/batch-$round.json" "http://127.0.0.1:$port/api/v1/decisions")
    [ "$code" = 200 ] || { echo "batch $round failed: $code $(head -c 300 "$dir/out.json")"; break; }
    total=$((total + 1000))
  done
  end=$(date +%s.%N)
  kill $pid; wait $pid 2>/dev/null || true

  # The baseline, with the server stopped: the same rows inserted directly with diesel, one
  # multi-row insert and one transaction per 1,000 (the rows are deleted again afterwards).
  local direct; direct=$(cd "$dir" && "$bin" bench-ingest --batch "$batch_file" --rounds $rounds | sed -n 's/^decisions_per_second=//p')
  python3 - "$total" "$start" "$end" "$direct" <<'PY'
import sys
total, start, end, direct = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
api = total / (end - start) if total else 0.0
print(f"ingest: {api:.0f} decisions/s via the API, {direct:.0f} decisions/s direct, ratio {api / direct:.2f}"
      f" (goal: at least 0.50; API: {total} decisions in 1,000-decision batches in {end - start:.2f} s)")
PY
}

run_backend sqlite "$work/sqlite/redress.db"
port=3901
db="redress_bench_$$"
psql "$admin_url" -qc "CREATE DATABASE $db" >/dev/null
pg_url=$(python3 -c "import sys,urllib.parse as u;p=u.urlparse(sys.argv[1]);print(p._replace(path='/$db').geturl())" "$admin_url")
run_backend postgres "$pg_url"
psql "$admin_url" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null

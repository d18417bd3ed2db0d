# The page part of scripts/bench.sh (sourced): the client's size, each page's requests per
# second as a ratio of /healthz in the same run, and p99 latency at half of each page's peak.
# The machine is shared and noisy: compare ratios, not absolute figures.

bench_dir="$(dirname "${BASH_SOURCE[0]}")"

# Raw, gzip and brotli bytes of the client as the server sends it (the precompressed copies).
client_sizes() {
  python3 - target/site/pkg <<'PY'
import os, sys
pkg = sys.argv[1]
files = ["redress.js", "redress_bg.wasm"]
def size(suffix):
    return sum(os.path.getsize(os.path.join(pkg, f + suffix)) for f in files)
raw, gz, br = size(""), size(".gz"), size(".br")
print(f"client (redress.js + redress_bg.wasm): {raw / 1000:.0f} KB raw, {gz / 1000:.0f} KB gzip, {br / 1000:.0f} KB brotli (1 KB = 1,000 bytes)")
PY
}

# wrk_measure URL [wrk options] [-- script arguments]: one thread; prints
# "<req/s> <p99 ms> <mean ms> <non-2xx>". wrk reads the first word after its options as the URL
# and hands the words after the URL to the script, so the URL goes between the two.
wrk_measure() {
  local url=$1; shift
  local options=() script_args=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then shift; script_args=("$@"); break; fi
    options+=("$1"); shift
  done
  wrk -t1 --latency "${options[@]}" "$url" "${script_args[@]}" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(value):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", value)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)]
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
mean = ms(re.search(r"Latency\s+(\S+)", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
print(f"{rate:.1f} {p99:.2f} {mean:.2f} {bad.group(1) if bad else 0}")'
}

# p99 at half the peak rate. wrk keeps a fixed number of connections busy, so it measures
# the peak, not latency at a chosen rate (Debian's wrk has no -R). Here each of N connections
# pauses before every request (paced.lua): N connections offer N * 1000 / (pause + latency)
# requests per second. N is picked so the pause is about 20 ms (whole milliseconds keep the
# rate within a few per cent), a first run measures the latency, and the second, whose pause
# subtracts it, is the one reported (with the rate it reached).
half_rate_p99() {
  local url=$1 peak=$2; shift 2
  local target conns pause result
  target=$(python3 -c "print($peak / 2)")
  conns=$(python3 -c "print(max(2, round($target * 0.020)))")
  pause=$(python3 -c "print(max(1, round($conns * 1000 / $target)))")
  result=$(wrk_measure "$url" -c"$conns" -d6s "$@" -s "$bench_dir/paced.lua" -- "$pause")
  local mean; mean=$(echo "$result" | cut -d' ' -f3)
  pause=$(python3 -c "print(max(1, round($conns * 1000 / $target - $mean)))")
  result=$(wrk_measure "$url" -c"$conns" -d8s "$@" -s "$bench_dir/paced.lua" -- "$pause")
  echo "$result $conns $pause"
}

# pages_bench PORT COOKIE: healthz and the three pages, each against /healthz.
pages_bench() {
  local port=$1 cookie=$2 base="http://127.0.0.1:$1"
  local health; health=$(wrk_measure "$base/healthz" -c16 -d10s)
  local health_rate=${health%% *}
  printf '  %-34s %9s req/s\n' "/healthz" "$health_rate"
  local name path args
  for name in privacy explanation register; do
    case $name in
      privacy) path=/privacy; args=() ;;
      explanation) path=/d/RD-DEM0-0001; args=(-H "Cookie: $cookie") ;;
      register) path=/register; args=() ;;
    esac
    local peak; peak=$(wrk_measure "$base$path" -c16 -d10s -H "Accept-Language: ru" "${args[@]}")
    local rate=${peak%% *} bad=${peak##* }
    local half; half=$(half_rate_p99 "$base$path" "$rate" -H "Accept-Language: ru" "${args[@]}")
    python3 - "$path" "$rate" "$health_rate" "$peak" "$half" "$bad" <<'PY'
import sys
path, rate, health, peak, half, bad = sys.argv[1:]
rate, health = float(rate), float(health)
p_rate, p_p99, p_mean, p_bad, conns, pause = half.split()
print(f"  {path:<34} {rate:9.1f} req/s = {rate / health:.4f} of /healthz;"
      f" p99 {float(peak.split()[1]):.1f} ms at peak (16 connections);"
      f" p99 {float(p_p99):.1f} ms at {float(p_rate):.0f} req/s ({conns} connections, {pause} ms pause)"
      + (f"  NON-2XX: {bad}" if bad != "0" else ""))
PY
  done
}

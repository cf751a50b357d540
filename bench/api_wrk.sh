#!/usr/bin/env bash
# Requests per second of GET /api/v1/accounts/{id} on loopback, with wrk (issue #2).
#   bench/api_wrk.sh [--accounts N] [--duration 10s] [--connections 64] [--db sqlite|postgres]
# Builds the release preset, loads the demo data into a fresh database, starts `hover serve`
# with 2 threads, warms up, runs wrk over a spread of account ids and prints wrk's report and the
# server's resident memory. Not a test: run on demand and copy the figures to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

accounts=30 duration=10s connections=64 backend=sqlite
while [ $# -gt 0 ]; do
  case "$1" in
    --accounts) accounts=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --db) backend=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

scripts/bootstrap.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
hover=build/release/src/cli/hover

work=$(mktemp -d /tmp/hover-bench.XXXXXX)
pg_port=55441
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ "$backend" = postgres ] && scripts/pg-throwaway.sh stop $pg_port || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$backend" = postgres ]; then
  db=$(scripts/pg-throwaway.sh start $pg_port)
else
  db=$work/bench.db
fi
start=$(date +%s%N)
"$hover" --db "$db" demo --accounts "$accounts" >/dev/null
echo "demo data ($accounts accounts) loaded in $(( ($(date +%s%N) - start) / 1000000 )) ms"

port=18090
"$hover" --db "$db" serve --listen 127.0.0.1:$port --threads 2 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# Spread the requests over the accounts of the first page.
ids=$("$hover" --db "$db" accounts list --per-page 500 --json |
      grep -oE '"id": ?[0-9]+' | grep -oE '[0-9]+' | sort -un | head -1000 | paste -sd, -)
cat >"$work/ids.lua" <<LUA
local ids = { $ids }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/accounts/" .. ids[(i % #ids) + 1])
end
LUA
curl -fs "http://127.0.0.1:$port/api/v1/accounts/${ids%%,*}" -o "$work/one.json"
echo "response size: $(wc -c <"$work/one.json") bytes"

wrk -t2 -c"$connections" -d2s -s "$work/ids.lua" "http://127.0.0.1:$port" >/dev/null  # warm-up
echo "== wrk -t2 -c$connections -d$duration GET /api/v1/accounts/{id} ($backend) =="
wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/ids.lua" "http://127.0.0.1:$port"
echo "server resident memory: $(awk '/VmRSS/ {print $2, $3}' /proc/$server_pid/status)"

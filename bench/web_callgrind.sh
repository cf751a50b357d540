#!/usr/bin/env bash
# Instructions per request of Hover's routes from bench/web_wrk.sh, counted by callgrind: a figure
# that does not move with the machine's load, unlike requests per second (issue #3, "Speed").
#
#   bench/web_callgrind.sh [--accounts 10000] [--ids 50] [--seconds 10] [--keep DIR]
#
# For each route: the release server runs under callgrind with one thread; wrk (one connection)
# first warms every one of --ids accounts (the phone-number memo, SQLite's page cache), then the
# counters are zeroed, wrk runs for --seconds, and the instructions counted are divided by the
# requests served. Routes: the static stylesheet (the HTTP layer alone, no database),
# GET /api/v1/accounts/{id} and GET /accounts/{id}. Also prints how many of the account page's
# instructions are SQLite's own (sqlite3_step and what it calls).
# Not a test: run on demand and copy the figures to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

accounts=10000 ids_wanted=50 seconds=10 keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --accounts) accounts=$2; shift 2 ;;
    --ids) ids_wanted=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

scripts/bootstrap.sh >/dev/null
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 69; }
cmake --preset release >/dev/null
cmake --build --preset release --target hover >/dev/null
hover=$PWD/build/release/src/cli/hover

work=$(mktemp -d /tmp/hover-callgrind.XXXXXX)
port=18192
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "$keep" ]; then
  mkdir -p "$keep"
  db=$keep/bench-$accounts.db
else
  db=$work/bench.db
fi
[ -f "$db" ] || "$hover" --db "$db" demo --accounts "$accounts" >/dev/null
token=$("$hover" --db "$db" user token create wade@reddirt.example --name callgrind |
        grep -oE 'hover_[A-Za-z0-9_-]+' | head -1)
ids=$("$hover" --db "$db" accounts list --per-page 500 --page 1 --json |
      grep -oE '"id": ?[0-9]+' | grep -oE '[0-9]+' | sort -un | head -"$ids_wanted" | paste -sd, -)

measure() {  # key name path_prefix use_ids
  local name=$2 prefix=$3 use_ids=$4 out=$work/$1.callgrind
  local target='"'$prefix'"'
  [ "$use_ids" = 1 ] && target='"'$prefix'" .. ids[(i % #ids) + 1]'
  cat >"$work/req.lua" <<LUA
local ids = { $ids }
local i = 0
wrk.headers["Authorization"] = "Bearer $token"
request = function()
  i = i + 1
  return wrk.format("GET", $target)
end
LUA
  valgrind --tool=callgrind --callgrind-out-file="$out" "$hover" --db "$db" serve \
    --listen 127.0.0.1:$port --threads 1 >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  # Warm until every account has been read at least twice.
  local n=0
  while [ "$n" -lt $((2 * ids_wanted)) ]; do
    n=$((n + $(wrk -t1 -c1 -d3s -s "$work/req.lua" "http://127.0.0.1:$port" |
                awk '/requests in/ {print $1}')))
  done
  callgrind_control -z "$server_pid" >/dev/null 2>&1
  local requests
  requests=$(wrk -t1 -c1 -d"${seconds}s" -s "$work/req.lua" "http://127.0.0.1:$port" |
             awk '/requests in/ {print $1}')
  callgrind_control -d "$server_pid" >/dev/null 2>&1
  sleep 1
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  server_pid=""
  local dump total sqlite
  dump=$(ls "$out".* | tail -1)
  # awk reads to the end (no `exit`): an early exit would fail the pipe under pipefail.
  callgrind_annotate --inclusive=yes --threshold=100 "$dump" >"$work/annotated" 2>/dev/null
  total=$(awk '/PROGRAM TOTALS/ && !t {gsub(",", "", $1); t = $1} END {print t}' "$work/annotated")
  sqlite=$(awk '/:sqlite3_step / && !t {gsub(",", "", $1); t = $1} END {print t}' "$work/annotated")
  printf '| %s | %s | %s | %s |\n' "$name" "$requests" \
    "$(awk -v t="$total" -v n="$requests" 'BEGIN { printf "%.0f", t / n }')" \
    "$(awk -v t="${sqlite:-0}" -v n="$requests" 'BEGIN { printf "%.0f", t / n }')"
}

echo "| Route | Requests counted | Instructions per request | of which SQLite (sqlite3_step) |"
echo "|---|---|---|---|"
measure static "GET /static/hover.css (no database)" /static/hover.css 0
measure json "GET /api/v1/accounts/{id}" /api/v1/accounts/ 1
measure html "GET /accounts/{id} (HTML)" /accounts/ 1

#!/usr/bin/env bash
# Hover against nginx on loopback, in one run (issue #3, "Speed"):
#   1. nginx serving a static file of the size of the JSON response,
#   2. Hover's GET /api/v1/accounts/{id} (JSON),
#   3. nginx serving a static file of the size of the account page,
#   4. Hover's GET /accounts/{id} (the HTML account page),
#   5. and 6. the floor: nginx and Hover serving the same stylesheet (Hover's from memory, no
#      database), which shows how much of nginx's rate Hover's HTTP layer alone reaches,
# each with the same wrk settings, signed in with an API token (Authorization: Bearer), over the
# demo data scaled to 10,000 accounts in a fresh SQLite file. Prints req/s, p50, p99 per target,
# Hover's share of nginx's requests per second, and the server's resident memory.
#
#   bench/web_wrk.sh [--accounts 10000] [--duration 10s] [--threads 1] [--connections 8]
#                    [--keep DIR]   # keep (and reuse) the loaded database in DIR
#
# Why `wrk -t1 -c8` by default: the machine has 2 cores and wrk shares them with the server.
# One wrk thread (about one core at these rates) leaves Hover's 2 server threads and nginx's 2
# workers the other core and the gaps; 8 connections keep every server thread busy with a short
# queue, so p99 shows the server's latency rather than wrk's own queueing (with -c64 on 2 cores,
# p99 mostly measures how long a request waits for a core). Every target gets the same settings.
# Not a test: run on demand and copy the figures to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

accounts=10000 duration=10s threads=1 connections=8 keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --accounts) accounts=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

scripts/bootstrap.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release --target hover >/dev/null
hover=$PWD/build/release/src/cli/hover
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d /tmp/hover-web-bench.XXXXXX)
hover_port=18190
nginx_port=18191
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "${nginx_pid:-}" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- data -------------------------------------------------------------------------------------
if [ -n "$keep" ]; then
  mkdir -p "$keep"
  db=$keep/bench-$accounts.db
else
  db=$work/bench.db
fi
if [ ! -f "$db" ]; then
  start=$(date +%s%N)
  "$hover" --db "$db" demo --accounts "$accounts" >/dev/null
  echo "demo data ($accounts accounts) loaded in $(( ($(date +%s%N) - start) / 1000000 )) ms"
fi
token=$("$hover" --db "$db" user token create wade@reddirt.example --name bench |
        grep -oE 'hover_[A-Za-z0-9_-]+' | head -1)

# --- Hover -----------------------------------------------------------------------------------
"$hover" --db "$db" serve --listen 127.0.0.1:$hover_port --threads 2 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$hover_port/healthz" >/dev/null && break; sleep 0.1; done

# 1,000 account ids spread over the whole data set (the first two pages by name).
ids=$( { "$hover" --db "$db" accounts list --per-page 500 --page 1 --json
         "$hover" --db "$db" accounts list --per-page 500 --page 2 --json; } |
      grep -oE '"id": ?[0-9]+' | grep -oE '[0-9]+' | sort -un | paste -sd, -)
first=${ids%%,*}
auth="Authorization: Bearer $token"
status_of() { curl -s -o "$2" -w '%{http_code}' -H "$auth" "http://127.0.0.1:$hover_port$1"; }
json_status=$(status_of "/api/v1/accounts/$first" "$work/one.json")
html_status=$(status_of "/accounts/$first" "$work/one.html")
json_size=$(wc -c <"$work/one.json")
html_size=$(wc -c <"$work/one.html")
echo "GET /api/v1/accounts/$first: HTTP $json_status, $json_size bytes"
echo "GET /accounts/$first: HTTP $html_status, $html_size bytes"

# --- nginx (its own prefix, pid, logs and temp dirs; a high port; no root paths) --------------
mkdir -p "$work/nginx/www" "$work/nginx/logs" "$work/nginx/tmp"
head -c "$json_size" /dev/zero | tr '\0' 'x' >"$work/nginx/www/account.json"
head -c "$html_size" /dev/zero | tr '\0' 'x' >"$work/nginx/www/account.html"
# The floor: the same stylesheet from both servers. Hover serves it from memory through the same
# request path as every page (routing, request log, metrics, security headers), without reading
# the database, so the share it gets is what Hover's HTTP layer alone allows.
curl -fs "http://127.0.0.1:$hover_port/static/hover.css" >"$work/nginx/www/hover.css"
css_size=$(wc -c <"$work/nginx/www/hover.css")
user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user $(id -un) $(id -gn);"
cat >"$work/nginx/nginx.conf" <<CONF
$user_line
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  types { application/json json; text/html html; text/css css; }
  sendfile on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/www;
  }
}
CONF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" &
nginx_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$nginx_port/account.json" >/dev/null && break; sleep 0.1; done

# --- wrk ---------------------------------------------------------------------------------------
cat >"$work/ids.lua" <<LUA
local ids = { $ids }
local i = 0
local prefix = os.getenv("HOVER_BENCH_PREFIX")
wrk.headers["Authorization"] = "Bearer $token"
request = function()
  i = i + 1
  return wrk.format("GET", prefix .. ids[(i % #ids) + 1])
end
LUA

declare -A rps p50 p99
run() {  # name url [prefix]
  local name=$1 url=$2 prefix=${3:-}
  local out
  if [ -n "$prefix" ]; then
    HOVER_BENCH_PREFIX=$prefix wrk -t"$threads" -c"$connections" -d2s -s "$work/ids.lua" "$url" >/dev/null
    out=$(HOVER_BENCH_PREFIX=$prefix wrk -t"$threads" -c"$connections" -d"$duration" --latency \
          -s "$work/ids.lua" "$url")
  else
    wrk -t"$threads" -c"$connections" -d2s "$url" >/dev/null
    out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$url")
  fi
  echo "== $name: wrk -t$threads -c$connections -d$duration =="
  echo "$out" | grep -E 'Requests/sec|Non-2xx|Socket errors|50%|99%'
  rps[$name]=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50[$name]=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99[$name]=$(echo "$out" | awk '$1 == "99%" {print $2}')
}
run nginx-json "http://127.0.0.1:$nginx_port/account.json"
run hover-json "http://127.0.0.1:$hover_port" /api/v1/accounts/
run nginx-html "http://127.0.0.1:$nginx_port/account.html"
run hover-html "http://127.0.0.1:$hover_port" /accounts/
run nginx-css "http://127.0.0.1:$nginx_port/hover.css"
run hover-css "http://127.0.0.1:$hover_port/static/hover.css"

share() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "n/a" }'; }
echo
echo "| Target | Body | Requests/s | p50 | p99 | Share of nginx |"
echo "|---|---|---|---|---|---|"
echo "| nginx static | $json_size B | ${rps[nginx-json]} | ${p50[nginx-json]} | ${p99[nginx-json]} | |"
echo "| Hover GET /api/v1/accounts/{id} | $json_size B | ${rps[hover-json]} | ${p50[hover-json]} | ${p99[hover-json]} | $(share "${rps[hover-json]}" "${rps[nginx-json]}") (target ≥ 50 %) |"
echo "| nginx static | $html_size B | ${rps[nginx-html]} | ${p50[nginx-html]} | ${p99[nginx-html]} | |"
echo "| Hover GET /accounts/{id} (HTTP $html_status) | $html_size B | ${rps[hover-html]} | ${p50[hover-html]} | ${p99[hover-html]} | $(share "${rps[hover-html]}" "${rps[nginx-html]}") (target ≥ 30 %) |"
echo "| nginx static | $css_size B | ${rps[nginx-css]} | ${p50[nginx-css]} | ${p99[nginx-css]} | |"
echo "| Hover GET /static/hover.css (the floor: no database) | $css_size B | ${rps[hover-css]} | ${p50[hover-css]} | ${p99[hover-css]} | $(share "${rps[hover-css]}" "${rps[nginx-css]}") |"
echo
echo "Hover server memory: $(awk '/VmHWM|VmRSS/ {printf "%s %s %s  ", $1, $2, $3}' /proc/$server_pid/status)(target < 100 MB)"
[ "$html_status" = 200 ] || echo "NOTE: the HTML account page answered HTTP $html_status; its row measures that answer."

#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests and benchmarks, on loopback.
#   scripts/pg-throwaway.sh start [PORT]   # prints the URL: postgresql://postgres@127.0.0.1:PORT/hover_test
#   scripts/pg-throwaway.sh stop  [PORT]
# Data lives in /tmp/hover-pg-PORT and is deleted on stop. fsync is off: never use it for real data.
set -euo pipefail

cmd=${1:-}
port=${2:-55432}
pgdata=/tmp/hover-pg-$port
pgbin=$(pg_config --bindir 2>/dev/null || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  pgbin=/usr/lib/postgresql/15/bin
fi

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd /tmp && runuser -u postgres -- "$@")
  else
    (cd /tmp && "$@")
  fi
}

case "$cmd" in
  start)
    if [ -f "$pgdata/postmaster.pid" ] && as_postgres "$pgbin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
      echo "postgresql://postgres@127.0.0.1:$port/hover_test"
      exit 0
    fi
    rm -rf "$pgdata"
    if [ "$(id -u)" -eq 0 ]; then
      install -d -o postgres -g postgres -m 700 "$pgdata"
    else
      install -d -m 700 "$pgdata"
    fi
    as_postgres "$pgbin/initdb" -D "$pgdata" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$pgdata.init.log" 2>&1 \
      || { cat "$pgdata.init.log" >&2; exit 1; }
    as_postgres "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
      -o "-k /tmp -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 30
    psql "host=127.0.0.1 port=$port user=postgres dbname=postgres" -qAt -v ON_ERROR_STOP=1 \
      -c "CREATE DATABASE hover_test" >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port/hover_test"
    ;;
  stop)
    if [ -d "$pgdata" ]; then
      as_postgres "$pgbin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$pgdata" "$pgdata.init.log"
    fi
    ;;
  *)
    echo "usage: $0 start|stop [PORT]" >&2
    exit 64
    ;;
esac

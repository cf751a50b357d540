#!/usr/bin/env bash
# Runs Hover on a fresh Debian 12 machine: installs what is missing, builds the release binary,
# loads the demo data into an embedded SQLite file (once) and serves it on 127.0.0.1:8080.
#   scripts/run.sh                      # demo data in var/hover.db
#   HOVER_DB=postgresql://u@h/db scripts/run.sh
#   HOVER_LISTEN=127.0.0.1:9090 scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release

hover=build/release/src/cli/hover
db=${HOVER_DB:-var/hover.db}
listen=${HOVER_LISTEN:-127.0.0.1:8080}

if [[ "$db" != postgres* ]]; then
  mkdir -p "$(dirname "$db")"
fi
# Load the demo data once; a database that already has it is served as it is.
if ! "$hover" --db "$db" accounts list --org red-dirt --per-page 1 >/dev/null 2>&1; then
  echo "Loading the demo data into $db ..."
  "$hover" --db "$db" demo
fi
cat <<'USERS'
Demo users (org red-dirt) and their demo passwords:
  wade@reddirt.example        admin       demo-admin-2026
  darlene@reddirt.example     manager     demo-manager-2026
  dale@reddirt.example        technician  demo-tech-2026
  rosa@reddirt.example        technician  demo-tech-2026
  tyler@reddirt.example       technician  demo-tech-2026
USERS
echo "Open http://$listen/ and sign in as one of them."
exec "$hover" --db "$db" serve --listen "$listen"

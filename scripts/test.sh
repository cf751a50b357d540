#!/usr/bin/env bash
# Runs every test on a fresh Debian 12 machine: installs what is missing, builds the dev preset
# (warnings as errors) and runs ctest against SQLite and a throwaway PostgreSQL 15 cluster, then
# builds and runs the same suite under AddressSanitizer + UndefinedBehaviorSanitizer, then the
# format and SQL-placement checks.
#   scripts/test.sh              # everything
#   HOVER_SKIP_ASAN=1 scripts/test.sh   # a quicker local run
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh

pg_port=${HOVER_TEST_PG_PORT:-55439}
HOVER_TEST_POSTGRES_URL=$(scripts/pg-throwaway.sh start "$pg_port")
export HOVER_TEST_POSTGRES_URL
trap 'scripts/pg-throwaway.sh stop "$pg_port"' EXIT
echo "test.sh: PostgreSQL at $HOVER_TEST_POSTGRES_URL"

mkdir -p test-output

echo "== dev build (warnings as errors) =="
cmake --preset dev >/dev/null
cmake --build --preset dev
ctest --preset dev --output-junit ../../test-output/dev-junit.xml

if [ "${HOVER_SKIP_ASAN:-0}" != "1" ]; then
  echo "== asan build (address + undefined sanitizers) =="
  cmake --preset asan >/dev/null
  cmake --build --preset asan
  ctest --preset asan --output-junit ../../test-output/asan-junit.xml
fi

echo "== checks =="
scripts/check.sh
echo "test.sh: all tests passed"

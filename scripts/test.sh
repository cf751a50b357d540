#!/usr/bin/env bash
# Runs every test on a fresh Debian 12 machine: installs what is missing, builds the asan preset
# (AddressSanitizer + UndefinedBehaviorSanitizer, warnings as errors, unity build) and runs the
# whole suite against SQLite and a throwaway PostgreSQL 15 cluster, then the format and
# SQL-placement checks. One build, not two: see docs/decisions/0013-one-sanitized-build-in-ci.md.
#   scripts/test.sh                      # everything
#   HOVER_TEST_PRESET=dev scripts/test.sh   # the same suite on the plain dev build
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh

pg_port=${HOVER_TEST_PG_PORT:-55439}
HOVER_TEST_POSTGRES_URL=$(scripts/pg-throwaway.sh start "$pg_port")
export HOVER_TEST_POSTGRES_URL
trap 'scripts/pg-throwaway.sh stop "$pg_port"' EXIT
echo "test.sh: PostgreSQL at $HOVER_TEST_POSTGRES_URL"

mkdir -p test-output

preset=${HOVER_TEST_PRESET:-asan}
echo "== $preset build (warnings as errors) =="
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset" --output-junit "../../test-output/$preset-junit.xml"

echo "== checks =="
scripts/check.sh
echo "test.sh: all tests passed"

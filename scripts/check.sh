#!/usr/bin/env bash
# Static checks that keep the house style: formatting, and SQL only in src/storage/.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
files=$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')
if ! clang-format --dry-run --Werror $files; then
  echo "check: run clang-format -i on the files above" >&2
  status=1
fi

# SQL lives only in src/storage/ (STYLE.md). Look for statements in string literals elsewhere.
sql=$(git grep -nE '"[^"]*\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM)\b' -- 'src/*.cpp' 'src/*.hpp' \
      ':!src/storage/*' ':!*_test.cpp' || true)
if [ -n "$sql" ]; then
  echo "check: SQL outside src/storage/:" >&2
  echo "$sql" >&2
  status=1
fi
[ $status -eq 0 ] && echo "check: format and SQL placement ok"
exit $status

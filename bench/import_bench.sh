#!/usr/bin/env bash
# Importing 100,000 contacts from CSV (issue #6): `hover import contacts` into a fresh SQLite file
# against the sqlite3 shell's `.import` of the same file into a bare table, in the same run.
#   bench/import_bench.sh [--rows N] [--db sqlite|postgres] [--no-build]   (HOVER_BENCH_PG_PORT: 55442)
# The file is generated (first and last name, mobile, email, job title; no duplicates). Builds
# the release preset's `hover` only. Prints wall times and the CPU time (user + system) of
# sqlite3 and of hover, with the load average, since the machine may be shared. On SQLite it also
# times the sqlite3 shell writing the rows Hover keeps (contacts, phones, emails, the FTS5 search
# document) with INSERT ... SELECT from the bare table into Hover's schema: the database's own
# share, with no parsing or checking (docs/decisions/0014), and the same rows without the search
# documents. Not a test: run on demand and copy the figures to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=100000 backend=sqlite build=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --db) backend=$2; shift 2 ;;
    --no-build) build=no; shift ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

if [ "$build" = yes ]; then
  cmake --preset release >/dev/null
  cmake --build build/release --target hover >/dev/null
fi
hover=$PWD/build/release/src/cli/hover

work=$(mktemp -d /tmp/hover-import-bench.XXXXXX)
pg_port=${HOVER_BENCH_PG_PORT:-55442}
cleanup() {
  [ "$backend" = postgres ] && scripts/pg-throwaway.sh stop $pg_port >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

csv=$work/contacts.csv
python3 - "$rows" "$csv" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
first = ["Dana", "Lee", "Ana", "Bo", "Cy", "Di", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo"]
last = ["Whitfield", "Ortiz", "Ruiz", "Lin", "Park", "Shaw", "Nguyen", "Okafor", "Berg"]
titles = ["Office manager", "Owner", "IT lead", "Receptionist", "Controller", ""]
random.seed(6)
with open(path, "w", newline="") as f:
    f.write("first_name,last_name,mobile,email,job_title\r\n")
    for i in range(rows):
        fn, ln = random.choice(first), random.choice(last)
        # 405-2xx-xxxx: valid Oklahoma City numbers, unique per row.
        phone = f"(405) {200 + i // 10000:03d}-{i % 10000:04d}"
        f.write(f"{fn},{ln} {i},{phone},{fn.lower()}.{i}@example.com,{random.choice(titles)}\r\n")
PY
size=$(du -h "$csv" | cut -f1)

seconds() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }

# The baseline: sqlite3's .import into a bare table, same file, same disk.
t0=$(seconds)
/usr/bin/time -f "%U %S" -o "$work/bare.cpu" sqlite3 "$work/bare.db" <<SQL
CREATE TABLE contacts (first_name TEXT, last_name TEXT, mobile TEXT, email TEXT, job_title TEXT);
.mode csv
.import --skip 1 $csv contacts
SQL
t1=$(seconds)
bare=$(python3 -c "print(f'{$t1 - $t0:.2f}')")

if [ "$backend" = postgres ]; then
  db=$(scripts/pg-throwaway.sh start $pg_port)
else
  db=$work/hover.db
fi
"$hover" init --db "$db" --org-slug bench >/dev/null
t0=$(seconds)
/usr/bin/time -f "%U %S" -o "$work/hover.cpu" "$hover" import contacts "$csv" --db "$db" \
  >"$work/import.log"
t1=$(seconds)
ours=$(python3 -c "print(f'{$t1 - $t0:.2f}')")
tail -1 "$work/import.log"
ratio=$(python3 -c "print(f'{$ours / $bare:.1f}')")
if [ "$backend" = sqlite ]; then
  # The rows Hover keeps, written by the sqlite3 shell from the bare table into Hover's schema
  # (phones in E.164 from the generated "(405) 2xx-xxxx" form), no parsing or checks:
  #   floor NAME [EXTRA_SQL]   prints NAME=<wall>s (<ratio>x the .import) cpu=<cpu>s
  floor() {
    local name=$1 extra=${2:-}
    "$hover" init --db "$work/$name.db" --org-slug bench >/dev/null
    local t0 t1 wall
    t0=$(seconds)
    /usr/bin/time -f "%U %S" -o "$work/$name.cpu" sqlite3 "$work/$name.db" <<SQL
ATTACH '$work/bare.db' AS bare;
BEGIN IMMEDIATE;
INSERT INTO contacts (id, org_id, first_name, last_name, job_title, created_at, updated_at)
  SELECT rowid, 1, first_name, last_name, job_title, '2026-11-22T00:00:00Z',
         '2026-11-22T00:00:00Z' FROM bare.contacts;
INSERT INTO contact_phones (org_id, contact_id, position, label, e164, extension, as_typed)
  SELECT 1, rowid, 0, 'mobile',
         '+1' || substr(mobile, 2, 3) || substr(mobile, 7, 3) || substr(mobile, 11, 4), '', mobile
  FROM bare.contacts;
INSERT INTO contact_emails (org_id, contact_id, position, label, address)
  SELECT 1, rowid, 0, '', email FROM bare.contacts;
$extra
COMMIT;
SQL
    t1=$(seconds)
    wall=$(python3 -c "print(f'{$t1 - $t0:.2f}')")
    echo "$name=${wall}s ($(python3 -c "print(f'{$wall / $bare:.1f}')")x the .import) cpu=$(awk '{printf "%.2f", $1 + $2}' "$work/$name.cpu")s"
  }
  # With the search document as storage/records/search_index.cpp builds it.
  floor sqlite3_same_rows_by_sql "INSERT INTO search_fts (rowid, org, title, body, keywords, kind, ref_id, account_id)
  SELECT rowid * 8 + 1, 'o1', first_name || ' ' || last_name,
         job_title || '     ' || mobile || ' ' || email,
         ' 1405' || substr(mobile, 7, 3) || substr(mobile, 11, 4) || ' 405' || substr(mobile, 7, 3)
         || substr(mobile, 11, 4) || ' 405 ' || substr(mobile, 7, 3) || ' ' || substr(mobile, 11, 4)
         || ' ' || replace(replace(email, '.', ' '), '@', ' '), 1, rowid, NULL
  FROM bare.contacts;"
  # Without it: only the contact, phone and email rows with the indexes that duplicate
  # detection and caller lookup need (E.164, address, name).
  floor sqlite3_rows_without_search
fi
cpu() { awk '{printf "%.2f", $1 + $2}' "$1"; }  # user + system seconds of the process
echo "rows=$rows file=$size backend=$backend sqlite3_import=${bare}s hover_import=${ours}s ratio=${ratio}x"
echo "cpu: sqlite3=$(cpu "$work/bare.cpu")s hover=$(cpu "$work/hover.cpu")s (user+sys; on PostgreSQL the server's CPU is not in hover's) load: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# `hover review` against the baselines of ../shared/tools/baselines on the same generated files,
# in the same run (issue 5's speed and memory target). Not a test: run on demand and copy the
# table into docs/benchmarks.md.
#   bench/review_bench.sh [--rows N] [--runs R] [--tools "count_newlines duckdb hover"]
# Defaults: 2,000,000 CDR rows (about 0.5 GB; the issue's full size is --rows 10000000, 2.5 GB),
# 3 timed runs per tool after one untimed warm-up (warm page cache). Data goes to
# $BENCH_DIR (default /tmp/hover-review-bench), generated once per size with gen_telecom.py.
# Each run is timed with /usr/bin/time -v (wall clock, peak resident memory); every answer is
# checked against truth.json with check_findings.py. DuckDB comes from npm (@duckdb/node-api,
# pinned in bench/package.json, installed into bench/node_modules, never globally).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=$root/../shared/tools
baselines=$shared/baselines

rows=2000000 runs=3 tools="count_newlines duckdb hover"
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --tools) tools=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

work=${BENCH_DIR:-/tmp/hover-review-bench}
data=$work/rows-$rows
mkdir -p "$work"
if [ ! -f "$data/truth.json" ]; then
  echo "generating $rows CDR rows into $data ..." >&2
  python3 "$shared/gen_telecom.py" --lines 400 --cdrs "$rows" --seed 1 --out "$data"
fi
floor_bin=$work/count_newlines
[ -x "$floor_bin" ] || g++ -O2 -o "$floor_bin" "$baselines/count_newlines.cpp"
if [[ " $tools " == *" duckdb "* ]] && [ ! -d bench/node_modules/@duckdb/node-api ]; then
  # npm ci refuses this lock file (the optional per-platform bindings are not listed in it);
  # npm install keeps to the pinned version and the lock file.
  (cd bench && npm install --no-audit --no-fund >/dev/null)
fi
hover=$root/build/release/src/cli/hover
if [[ " $tools " == *" hover "* ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target hover >/dev/null
fi
export NODE_PATH=$root/bench/node_modules

to_csv() {  # hover's JSON findings -> type,number,monthly_amount (truth.json's 10-digit numbers)
  python3 -c '
import json, sys
d = json.load(sys.stdin)
print("type,number,monthly_amount")
for f in d["findings"]:
    n = f["number"]
    n = n[2:] if n.startswith("+1") else n
    print("%s,%s,%.2f" % (f["type"], n, f["monthly_amount_cents"] / 100))'
}

cmd() {  # the timed command of a tool; its stdout is the tool's answer
  case $1 in
    count_newlines) echo "$floor_bin $data/Master.csv" ;;
    duckdb) echo "node $baselines/duckdb_reconcile.cjs $data" ;;
    python) echo "python3 $baselines/ref_python.py $data" ;;
    hover) echo "$hover review --bill $data/bill.csv --verified $data/verified.csv --cdr $data/Master.csv --json" ;;
  esac
}

results=$(mktemp)
tmp=$(mktemp -d)
size_mb=$(du -m "$data/Master.csv" | cut -f1)
for t in $tools; do
  $(cmd "$t") > "$tmp/$t.out"            # warm-up, untimed
  for i in $(seq "$runs"); do
    /usr/bin/time -v -o "$tmp/time" $(cmd "$t") > "$tmp/$t.out"
    if [ "$t" = hover ]; then            # JSON -> the baselines' CSV, outside the timing
      mv "$tmp/$t.out" "$tmp/$t.json" && to_csv < "$tmp/$t.json" > "$tmp/$t.out"
    fi
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(k=1;k<=n;k++) s=s*60+a[k]; print s}' "$tmp/time")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")
    cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$tmp/time")
    check=-
    if [ "$t" != count_newlines ]; then
      python3 "$baselines/check_findings.py" "$data/truth.json" "$tmp/$t.out" > "$tmp/check" \
        && check=OK || check=FAIL
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$i" "$wall" "$rss" "$cpu" "$check" | tee -a "$results" >&2
  done
done

python3 - "$results" "$rows" "$size_mb" <<'PY'
import statistics, sys
from collections import defaultdict
path, rows, mb = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
runs = defaultdict(list)
for line in open(path):
    t, i, wall, rss, cpu, check = line.split("\t")
    runs[t].append((float(wall), int(rss), float(cpu), check.strip()))
med = {t: statistics.median(r[0] for r in v) for t, v in runs.items()}
print(f"\n{rows:,} CDR rows, Master.csv {mb:,.0f} MB, warm cache, median of {len(next(iter(runs.values())))} runs\n")
print("| tool | wall s | MB/s | peak RSS MB | CPU s | x count_newlines | DuckDB / tool | findings = truth.json |")
print("|---|---:|---:|---:|---:|---:|---:|---|")
for t in ["count_newlines", "python", "duckdb", "hover"]:
    if t not in runs:
        continue
    v = runs[t]
    w = med[t]
    rss = max(r[1] for r in v) / 1024
    cpu = statistics.median(r[2] for r in v)
    checks = {r[3] for r in v}
    ok = "-" if checks == {"-"} else ("yes" if checks == {"OK"} else "NO")
    floor = med.get("count_newlines")
    duck = med.get("duckdb")
    xf = f"{w / floor:.1f}" if floor else "-"
    xd = f"{duck / w:.1f}" if duck else "-"
    print(f"| {t} | {w:.2f} | {mb / w:,.0f} | {rss:,.0f} | {cpu:.2f} | {xf} | {xd} | {ok} |")
PY
rm -rf "$tmp" "$results"

#!/usr/bin/env bash
# The agenda at scale (issue 4, "Speed"): an organisation of 100,000 accounts in which one
# technician owns 2,000, then that technician's agenda for one day computed again and again
# (`hover agenda --timing N`: one warm-up run, then N timed runs of the whole computation, reads
# and ranking, as the home page and the API do it), on SQLite and on a throwaway PostgreSQL.
#
#   bench/agenda_bench.sh [--accounts 100000] [--owned 2000] [--runs 30] [--db sqlite|postgres|both]
#                         [--no-build] [--keep DIR] [--pg-port PORT]
#
# --keep DIR keeps the SQLite file in DIR and leaves the throwaway PostgreSQL (port --pg-port,
# default 55442) running with its data, so the next run with --keep skips the loading; stop it
# with `scripts/pg-throwaway.sh stop PORT`.
#
# The data is written in bulk, in one transaction per database, by SQL generated here (the
# normal service path writes about 80 rows per account with validation and the search index and
# would take most of an hour at 100,000 accounts): 50 technicians; accounts (75 % customers,
# 20 % prospects, 5 % former) created over eight years; two contacts each with a birthday spread
# over the year (2 % do-not-contact); five interactions each over two years (calls to the first
# contact with reached / voicemail / no-answer outcomes, emails, visits, texts); one closed and,
# for 90 % of the active accounts, one open follow-up (due from 10 days ago to 20 days ahead;
# phone calls name a contact; 1 % planned against the policy with a written reason); account
# overrides of the contact policy on 1 % of accounts and contact overrides on 0.5 % of contacts.
# The search index is not filled (the agenda does not read it).
#
# Not a test: run on demand and copy the figures to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

accounts=100000 owned=2000 runs=30 backend=both build=yes keep="" pg_port=55442
day=2026-11-23
while [ $# -gt 0 ]; do
  case "$1" in
    --accounts) accounts=$2; shift 2 ;;
    --owned) owned=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --db) backend=$2; shift 2 ;;
    --no-build) build=no; shift ;;
    --keep) keep=$2; shift 2 ;;
    --pg-port) pg_port=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

if [ "$build" = yes ]; then
  cmake --preset release >/dev/null
  cmake --build build/release --target hover >/dev/null
fi
hover=$PWD/build/release/src/cli/hover

work=$(mktemp -d /tmp/hover-agenda-bench.XXXXXX)
cleanup() {
  if [ "$backend" != sqlite ] && [ -z "$keep" ]; then scripts/pg-throwaway.sh stop $pg_port >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- the data, as SQL for one dialect ---------------------------------------------------------
# Expressions that differ: a timestamp `days` days before the base day at `hour`, a date `days`
# after a base date, and setting the identity sequences after explicit ids (PostgreSQL).
generate_sql() {  # dialect
  local dialect=$1
  local base="2026-11-22"
  ts() {  # days-expression hour-expression
    if [ "$dialect" = sqlite ]; then
      echo "strftime('%Y-%m-%dT%H:%M:%SZ', '$base 00:00:00', '-' || ($1) || ' days', '+' || ($2) || ' hours')"
    else
      echo "to_char(timestamp '$base 00:00:00' - ($1) * interval '1 day' + ($2) * interval '1 hour', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    fi
  }
  day_after() {  # base-date days-expression
    if [ "$dialect" = sqlite ]; then
      echo "date('$1', '+' || ($2) || ' days')"
    else
      echo "to_char(date '$1' + ($2)::int, 'YYYY-MM-DD')"
    fi
  }
  local series="WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $accounts)"
  local org="(SELECT id FROM organisations WHERE slug = 'bench')"
  # The technician of account i: the first $owned accounts are technician 1's.
  local tech="CASE WHEN i <= $owned THEN 1001 ELSE 1002 + i % 49 END"
  cat <<SQL
BEGIN;
WITH RECURSIVE t(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM t WHERE k < 50)
INSERT INTO users (id, org_id, email, display_name, role, created_at)
SELECT 1000 + k, $org, 'tech' || k || '@bench.example', 'Technician ' || k, 'technician',
       '2018-01-01T00:00:00Z' FROM t;

$series
INSERT INTO accounts (id, org_id, name, status, industry, region, technician_id, created_at, updated_at)
SELECT i, $org, 'Account ' || i,
       CASE WHEN i % 20 = 0 THEN 'former' WHEN i % 4 = 1 THEN 'prospect' ELSE 'customer' END,
       'Retail', 'Region ' || (i % 12), $tech,
       $(ts "(i * 13) % 2900 + 1" "i % 24"), $(ts "1" "0")
FROM n;

$series
INSERT INTO contacts (id, org_id, first_name, last_name, job_title, birthday, do_not_contact, created_at, updated_at)
SELECT 2 * i - 1 + j, $org, 'First' || (2 * i - 1 + j), 'Contact', CASE WHEN j = 0 THEN 'Owner' ELSE 'Office manager' END,
       $(day_after 1975-01-01 "((2 * i - 1 + j) * 37) % 365"),
       CASE WHEN (2 * i - 1 + j) % 50 = 0 THEN 1 ELSE 0 END,
       '2018-01-01T00:00:00Z', '2018-01-01T00:00:00Z'
FROM n CROSS JOIN (SELECT 0 AS j UNION ALL SELECT 1) AS jj;

$series
INSERT INTO account_contacts (org_id, account_id, contact_id, position, role, decision_maker)
SELECT $org, i, 2 * i - 1 + j, j, CASE WHEN j = 0 THEN 'Owner' ELSE 'Office manager' END, 1 - j
FROM n CROSS JOIN (SELECT 0 AS j UNION ALL SELECT 1) AS jj;

$series
INSERT INTO interactions (id, org_id, account_id, contact_id, user_id, kind, direction, outcome, occurred_at, duration_minutes, summary, created_at)
SELECT 5 * (i - 1) + k + 1, $org, i, CASE WHEN k IN (0, 3) THEN 2 * i - 1 ELSE 2 * i END, $tech,
       CASE k WHEN 0 THEN 'call' WHEN 1 THEN 'email' WHEN 2 THEN 'visit' WHEN 3 THEN 'call' ELSE 'text' END,
       CASE WHEN k = 4 THEN 'inbound' ELSE 'outbound' END,
       CASE WHEN k IN (0, 3) THEN CASE (i + k) % 3 WHEN 0 THEN 'reached' WHEN 1 THEN 'voicemail' ELSE 'no_answer' END ELSE 'none' END,
       $(ts "(i * 7 + k * 41) % 730 + 1" "13 + (i + k) % 8"), 5, 'Bench interaction',
       $(ts "(i * 7 + k * 41) % 730 + 1" "13 + (i + k) % 8")
FROM n CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS kk;

-- One closed follow-up per account (history), then an open one for 90 % of the active accounts.
$series
INSERT INTO followups (id, org_id, account_id, contact_id, assigned_to, due_on, channel, reason, status, created_by, created_at, closed_at, closed_by, outcome, no_next_reason)
SELECT i, $org, i, NULL, $tech, $(day_after 2026-06-01 "i % 120"), 'email', 'Earlier check-in', 'done',
       $tech, $(ts "200" "9"), $(ts "(i % 120) + 30" "10"), $tech, 'Spoke to them', 'Planned later'
FROM n;

$series
INSERT INTO followups (id, org_id, account_id, contact_id, assigned_to, due_on, channel, reason, status, created_by, created_at, policy_override_reason, policy_overridden_rules)
SELECT $accounts + i, $org, i, CASE WHEN i % 3 = 0 THEN 2 * i - 1 ELSE NULL END, $tech,
       $(day_after 2026-11-12 "i % 31"),
       CASE i % 3 WHEN 0 THEN 'phone' WHEN 1 THEN 'email' ELSE 'visit' END,
       'Ask how the new handsets are working out', 'open', $tech, $(ts "i % 20 + 1" "9"),
       CASE WHEN i % 100 = 7 THEN 'The customer asked for this day' ELSE '' END,
       CASE WHEN i % 100 = 7 THEN 'min_days_between_touches' ELSE '' END
FROM n WHERE i % 20 <> 0 AND i % 10 <> 3;

$series
INSERT INTO contact_policies (org_id, scope, target_id, ideal_interval_days, max_interval_days, updated_at)
SELECT $org, 'account', i, 14, 45, '2026-11-01T00:00:00Z' FROM n WHERE i % 100 = 0;

$series
INSERT INTO contact_policies (org_id, scope, target_id, time_zone, min_days_between_touches, updated_at)
SELECT $org, 'contact', 2 * i - 1, 'America/Denver', 1, '2026-11-01T00:00:00Z' FROM n WHERE i % 200 = 0;
SQL
  if [ "$dialect" = postgres ]; then
    for table in users accounts contacts interactions followups; do
      echo "SELECT setval(pg_get_serial_sequence('$table', 'id'), (SELECT MAX(id) FROM $table));"
    done
  fi
  echo "COMMIT;"
  # PostgreSQL's autovacuum would analyse the new tables within a minute; do it now.
  if [ "$dialect" = postgres ]; then echo "ANALYZE;"; fi
}

load() {  # dialect url
  local dialect=$1 url=$2
  "$hover" --db "$url" init --org-name "Bench Telecom" --org-slug bench \
    --admin-email admin@bench.example --admin-name Admin >/dev/null
  generate_sql "$dialect" >"$work/$dialect.sql"
  local start
  start=$(date +%s%N)
  if [ "$dialect" = sqlite ]; then
    sqlite3 -bail "${url#sqlite://}" <"$work/$dialect.sql"
  else
    psql "$url" -qAt -v ON_ERROR_STOP=1 -f "$work/$dialect.sql" >/dev/null
  fi
  echo "$dialect: $accounts accounts loaded in $(( ($(date +%s%N) - start) / 1000000 )) ms"
}

counts() {  # dialect url
  local q="SELECT (SELECT COUNT(*) FROM accounts), (SELECT COUNT(*) FROM accounts WHERE technician_id = 1001), (SELECT COUNT(*) FROM contacts), (SELECT COUNT(*) FROM interactions), (SELECT COUNT(*) FROM followups)"
  if [ "$1" = sqlite ]; then sqlite3 "${2#sqlite://}" "$q"; else psql "$2" -qAt -c "$q"; fi
}

run() {  # dialect url
  local dialect=$1 url=$2
  echo "$dialect: accounts|of technician 1|contacts|interactions|follow-ups = $(counts "$dialect" "$url")"
  for i in 1 2 3; do
    echo "$dialect run $i: $("$hover" --db "$url" --org bench agenda --user tech1@bench.example --date $day --timing "$runs")"
  done
  # What the technician sees first (a sanity check of the data, not timed).
  # (`|| true`: head closing the pipe early is not a failure under pipefail)
  "$hover" --db "$url" --org bench agenda --user tech1@bench.example --date $day | head -4 || true
}

dir=${keep:-$work}
mkdir -p "$dir"
if [ "$backend" = sqlite ] || [ "$backend" = both ]; then
  db=$dir/agenda-bench-$accounts.db
  if [ ! -f "$db" ]; then load sqlite "sqlite://$db"; fi
  run sqlite "sqlite://$db"
fi
if [ "$backend" = postgres ] || [ "$backend" = both ]; then
  url=$(scripts/pg-throwaway.sh start $pg_port)
  # A kept cluster that already holds the bench organisation is used as it is (if it has as
  # many accounts as asked for).
  loaded=$(psql "$url" -qAt -c "SELECT COUNT(*) FROM accounts a JOIN organisations o ON o.id = a.org_id WHERE o.slug = 'bench'" 2>/dev/null || true)
  if [ -z "$keep" ] || [ -z "$loaded" ] || [ "$loaded" = 0 ]; then
    load postgres "$url"
  elif [ "$loaded" != "$accounts" ]; then
    echo "the kept PostgreSQL on port $pg_port holds $loaded bench accounts, not $accounts:" \
      "stop it first (scripts/pg-throwaway.sh stop $pg_port)" >&2
    exit 1
  fi
  run postgres "$url"
fi

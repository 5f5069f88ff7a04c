#!/usr/bin/env bash
# SLA benchmark (issue #3): with 1,000,000 tickets of which 200,000 open (SQLite, release build),
#   - one breach-scanner pass over the due tickets  (target ≤ 1 s)
#   - the service KPI report for a month             (target ≤ 2 s)
#
#   swift build -c release --product kefu      # this script never builds
#   bash bench/sla/run.sh
#
# Overrides: KEFU_BIN (.build/release/kefu), COUNT (1000000), OPEN (200000), DUE (1000 tickets whose clock has
# just run out at each measured pass), AGENTS (20), REPEATS (5), RESULTS_FILE (bench/results/sla-latest.txt), KEEP_DB=1,
# ESCALATION_PATH=1 (#15.6: the root unit gets a two-level escalation path, so every breach starts it and is timed with it).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BENCH_DIR/../lib.sh" # paths, binary check, temp database, cleanup trap
COUNT=${COUNT:-1000000}
OPEN=${OPEN:-200000}
DUE=${DUE:-1000}
AGENTS=${AGENTS:-20}
REPEATS=${REPEATS:-5}
RESULTS_FILE=${RESULTS_FILE:-$REPO_DIR/bench/results/sla-latest.txt}
PORT=${PORT:-18089}

echo "== set-up: $AGENTS agents, $COUNT tickets ($OPEN open)"
"$KEFU_BIN" migrate >/dev/null
for i in $(seq -w 1 "$AGENTS"); do
  "$KEFU_BIN" user create --username "bench-agent-$i" --password "Ticket-Queue-Load-77" --display-name "坐席$i" --roles cs_agent >/dev/null
done
"$KEFU_BIN" user create --username bench-supervisor --password Breach-Watch-Load-78 --display-name 主管 --roles cs_supervisor >/dev/null
seed_start=$(now_ms)
sqlite3 "$DB" <<SQL
.param set :count $COUNT
.param set :open $OPEN
.param set :due $DUE
.param set :now $(now_ms)
.read $BENCH_DIR/seed.sql
SQL
seed_ms=$(( $(now_ms) - seed_start ))
rows=$(sqlite3 "$DB" "SELECT COUNT(*) FROM tickets")
open_rows=$(sqlite3 "$DB" "SELECT COUNT(*) FROM tickets WHERE status = 'open'")
echo "seeded $rows tickets ($open_rows open) in ${seed_ms} ms"

if [[ ${ESCALATION_PATH:-0} == 1 ]]; then
  # #15.6: level 1 at the breach (supervisors of the owner's unit), level 2 after 30 working minutes (managers).
  sqlite3 "$DB" "INSERT INTO escalation_paths (org_unit_id, levels, updated_by, updated_at)
                 SELECT id, '[{\"afterMinutes\":0,\"recipients\":[{\"kind\":\"role\",\"role\":\"cs_supervisor\"}]},{\"afterMinutes\":30,\"recipients\":[{\"kind\":\"role\",\"role\":\"cs_manager\"}]}]', NULL, 0
                 FROM org_units WHERE parent_id IS NULL"
  echo "escalation path on the root unit: $(sqlite3 "$DB" "SELECT levels FROM escalation_paths")"
fi
echo "== scanner: one pass with $DUE tickets just due, then an idle pass ($REPEATS rounds)"
busy=(); idle=()
for r in $(seq 1 "$REPEATS"); do
  # A fresh set of open tickets whose clock ran out seconds ago (never breached before).
  sqlite3 "$DB" "UPDATE tickets SET sla_next_at = $(now_ms) - 5000, resolution_due_at = $(now_ms) - 5000
                 WHERE rid IN (SELECT rid FROM tickets WHERE status = 'open' AND escalation_level = 0 ORDER BY rid DESC LIMIT $DUE)"
  out=$("$KEFU_BIN" sla-scan)
  echo "  pass: $out"
  busy+=("$(sed -E 's/.*ms=([0-9]+).*/\1/' <<<"$out")")
  out=$("$KEFU_BIN" sla-scan)
  echo "  idle: $out"
  idle+=("$(sed -E 's/.*ms=([0-9]+).*/\1/' <<<"$out")")
done
busy_median=$(printf '%s\n' "${busy[@]}" | median)
idle_median=$(printf '%s\n' "${idle[@]}" | median)
plan=$(sqlite3 "$DB" "EXPLAIN QUERY PLAN SELECT t.id FROM tickets t WHERE t.sla_next_at <= 0 ORDER BY t.sla_next_at LIMIT 500" | tr '\n' ' ')

echo "== KPI report over HTTP (release server)"
start_server 100
TOKEN=$(curl -fs -X POST "http://127.0.0.1:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-admin-2026"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
TO=$(TZ=Asia/Shanghai date +%Y-%m-%d)
FROM=$(TZ=Asia/Shanghai date -d '-29 days' +%Y-%m-%d)
month_rows=$(sqlite3 "$DB" "SELECT COUNT(*) FROM tickets WHERE received_at >= $(TZ=Asia/Shanghai date -d "$FROM" +%s)000")
declare -A kpi
for group in agent team day; do
  times=()
  for _ in $(seq 1 "$REPEATS"); do
    t=$(curl -fs -o "$TMP/kpi.json" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:$PORT/api/v1/reports/service-kpis?from=$FROM&to=$TO&groupBy=$group")
    times+=("$(awk -v t="$t" 'BEGIN {printf "%d", t * 1000}')")
  done
  kpi[$group]=$(printf '%s\n' "${times[@]}" | median)
  echo "  groupBy=$group: ${kpi[$group]} ms (median of $REPEATS); $(head -c 160 "$TMP/kpi.json")…"
done
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")

{
  echo "# SLA benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ) — commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); SQLite WAL, $(basename "$(dirname "$KEFU_BIN")") build; escalation path: ${ESCALATION_PATH:-0}"
  echo "tickets: $rows ($open_rows open), seeded in ${seed_ms} ms; report period $FROM..$TO: $month_rows tickets received"
  echo "scanner pass with $DUE tickets due (breach, escalation, timeline, notifications): median ${busy_median} ms (runs: ${busy[*]}) — target ≤ 1000 ms"
  echo "scanner idle pass (nothing due): median ${idle_median} ms (runs: ${idle[*]})"
  echo "scanner query plan: $plan"
  echo "KPI report, 30 days, groupBy=agent: ${kpi[agent]} ms, team: ${kpi[team]} ms, day: ${kpi[day]} ms (median of $REPEATS, curl time_total) — target ≤ 2000 ms"
  echo "server peak RSS after the reports: $(( rss_kb / 1024 )) MB"
} | tee "$RESULTS_FILE"

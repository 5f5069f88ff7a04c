#!/usr/bin/env bash
# Queue pages at a million tickets with years of history (issue #17.7), SQLite or PostgreSQL, release build.
#
#   swift build -c release --product kefu      # this script never builds
#   bash bench/queues/run.sh                    # SQLite, about 2 min
#   bash bench/queues/run.sh --engine postgres  # PostgreSQL: database kefu_bench_queues (re-created, dropped after
#                                               # unless KEEP_DB=1); another benchmark database: DATABASE_URL=postgres://…
#
# Seeds COUNT tickets straight into a migrated database (bench/queues/seed.sql or seed-postgres.sql): 20 departments, one of
# them (D00) holding 60,000 open tickets, the others about 7,400 open and 42,100 closed each; one ticket in four has a
# breach on record (since 2026-12-06, desk-016). Then times each queue
# page one request at a time (bench/queues/pages.py) as the administrator (every ticket), as an agent of D01 (a unit
# with its history) and as an agent of D00 (the dense unit). Target (#17.7): p95 ≤ 50 ms server time.
#
# Overrides: KEFU_BIN (.build/release/kefu), COUNT (1000000), REQUESTS (20), PORT (18093),
# RESULTS_FILE (bench/results/queues-<engine>.txt), KEEP_DB=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../engine.sh" "$@"
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PG_URL=${DATABASE_URL:-postgres://kefu:kefu@127.0.0.1:5432/kefu_bench_queues?tlsmode=disable}
source "$BENCH_DIR/../lib.sh"
COUNT=${COUNT:-1000000}
REQUESTS=${REQUESTS:-20}
PORT=${PORT:-18093}
RESULTS_FILE=${RESULTS_FILE:-$REPO_DIR/bench/results/queues-$ENGINE.txt}
[[ $COUNT -ge 1000000 ]] || { echo "bench: COUNT is at least 1000000 (the dense unit takes 600,000 of them)" >&2; exit 64; }
PGDB="python3 $BENCH_DIR/../pgdb.py"
if [[ $ENGINE == postgres ]]; then
  export DATABASE_URL=$PG_URL
  $PGDB recreate "$DATABASE_URL"
  drop_pg() { cleanup; [[ ${KEEP_DB:-0} == 1 ]] || $PGDB drop "$DATABASE_URL"; }
  trap drop_pg EXIT
fi
# sql STATEMENT: one statement's rows, on either engine.
sql() { if [[ $ENGINE == sqlite ]]; then sqlite3 "$DB" "$1"; else $PGDB psql "$DATABASE_URL" -Atq -c "$1"; fi; }

echo "== set-up: $COUNT tickets"
"$KEFU_BIN" migrate >/dev/null
# The first user created makes the root unit and the administrator.
"$KEFU_BIN" user create --username bench-supervisor --password bench-super-2026 --display-name 主管 --roles cs_supervisor >/dev/null
ROOT=$(sql "SELECT id FROM org_units WHERE parent_id IS NULL")
ROOT_PATH=$(sql "SELECT path FROM org_units WHERE parent_id IS NULL")
NOW=$(now_ms)
for i in $(seq 0 19); do
  d=$(printf %02d "$i")
  sql "INSERT INTO org_units (id, code, name, kind, parent_id, path, active, created_at, updated_at)
                 VALUES ('dept-$d', 'D$d', '客服${i}部', 'department', '$ROOT', '${ROOT_PATH}dept-$d/', 1, $NOW, $NOW)"
done
for user in dense:D00 dense2:D00 small:D01; do
  "$KEFU_BIN" user create --username "${user%%:*}" --password bench-agent-2026 --display-name "${user%%:*}" --roles cs_agent \
    --org-unit "${user##*:}" >/dev/null
done
AGENT1=$(sql "SELECT id FROM users WHERE username = 'dense'")
AGENT2=$(sql "SELECT id FROM users WHERE username = 'dense2'")
seed_start=$(now_ms)
YEAR=$(TZ=Asia/Shanghai date +%Y)
if [[ $ENGINE == sqlite ]]; then
  sqlite3 "$DB" <<SQL
.param set :count $COUNT
.param set :year $YEAR
.param set :now $NOW
.param set :agent1 '$AGENT1'
.param set :agent2 '$AGENT2'
.read $BENCH_DIR/seed.sql
SQL
else
  $PGDB psql "$DATABASE_URL" -q -v ON_ERROR_STOP=1 -v count="$COUNT" -v year="$YEAR" -v now="$NOW" -v agent1="$AGENT1" \
    -v agent2="$AGENT2" -f "$BENCH_DIR/seed-postgres.sql"
fi
echo "seeded in $(( ($(now_ms) - seed_start) / 1000 )) s"

start_server 100
{
  echo "# bench/queues/run.sh --engine $ENGINE $(date -u '+%Y-%m-%d %H:%M UTC') commit $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "# $COUNT tickets; D00 holds 60,000 open; D01..D19 about 7,400 open and 42,100 closed each; $REQUESTS requests a page"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 "$BENCH_DIR/pages.py" "$PORT" admin "$KEFU_ADMIN_PASSWORD" "$REQUESTS"
  python3 "$BENCH_DIR/pages.py" "$PORT" small bench-agent-2026 "$REQUESTS"
  python3 "$BENCH_DIR/pages.py" "$PORT" dense bench-agent-2026 "$REQUESTS"
  echo "# server VmHWM: $(grep VmHWM "/proc/$SERVER_PID/status" | awk '{print $2, $3}')"
} | tee "$RESULTS_FILE"

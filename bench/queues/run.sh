#!/usr/bin/env bash
# Queue pages at a million tickets with years of history (issue #17.7), SQLite, release build.
#
#   swift build -c release --product kefu      # this script never builds
#   bash bench/queues/run.sh                    # about 2 min
#
# Seeds COUNT tickets straight into a migrated database (bench/queues/seed.sql, about 20 s): 20 departments, one of
# them (D00) holding 60,000 open tickets, the others about 7,400 open and 42,100 closed each. Then times each queue
# page one request at a time (bench/queues/pages.py) as the administrator (every ticket), as an agent of D01 (a unit
# with its history) and as an agent of D00 (the dense unit). Target (#17.7): p95 ≤ 50 ms server time.
#
# Overrides: KEFU_BIN (.build/release/kefu), COUNT (1000000), REQUESTS (20), PORT (18093),
# RESULTS_FILE (bench/results/queues-sqlite.txt), KEEP_DB=1.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BENCH_DIR/../lib.sh"
COUNT=${COUNT:-1000000}
REQUESTS=${REQUESTS:-20}
PORT=${PORT:-18093}
RESULTS_FILE=${RESULTS_FILE:-$REPO_DIR/bench/results/queues-sqlite.txt}
[[ $COUNT -ge 1000000 ]] || { echo "bench: COUNT is at least 1000000 (the dense unit takes 600,000 of them)" >&2; exit 64; }

echo "== set-up: $COUNT tickets"
"$KEFU_BIN" migrate >/dev/null
# The first user created makes the root unit and the administrator.
"$KEFU_BIN" user create --username bench-supervisor --password bench-super-2026 --display-name 主管 --roles cs_supervisor >/dev/null
ROOT=$(sqlite3 "$DB" "SELECT id FROM org_units WHERE parent_id IS NULL")
ROOT_PATH=$(sqlite3 "$DB" "SELECT path FROM org_units WHERE parent_id IS NULL")
NOW=$(now_ms)
for i in $(seq 0 19); do
  d=$(printf %02d "$i")
  sqlite3 "$DB" "INSERT INTO org_units (id, code, name, kind, parent_id, path, active, created_at, updated_at)
                 VALUES ('dept-$d', 'D$d', '客服${i}部', 'department', '$ROOT', '${ROOT_PATH}dept-$d/', 1, $NOW, $NOW)"
done
for user in dense:D00 dense2:D00 small:D01; do
  "$KEFU_BIN" user create --username "${user%%:*}" --password bench-agent-2026 --display-name "${user%%:*}" --roles cs_agent \
    --org-unit "${user##*:}" >/dev/null
done
AGENT1=$(sqlite3 "$DB" "SELECT id FROM users WHERE username = 'dense'")
AGENT2=$(sqlite3 "$DB" "SELECT id FROM users WHERE username = 'dense2'")
seed_start=$(now_ms)
sqlite3 "$DB" <<SQL
.param set :count $COUNT
.param set :year $(TZ=Asia/Shanghai date +%Y)
.param set :now $NOW
.param set :agent1 '$AGENT1'
.param set :agent2 '$AGENT2'
.read $BENCH_DIR/seed.sql
SQL
echo "seeded in $(( ($(now_ms) - seed_start) / 1000 )) s"

start_server 100
{
  echo "# bench/queues/run.sh $(date -u '+%Y-%m-%d %H:%M UTC') commit $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "# $COUNT tickets; D00 holds 60,000 open; D01..D19 about 7,400 open and 42,100 closed each; $REQUESTS requests a page"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 "$BENCH_DIR/pages.py" "$PORT" admin "$KEFU_ADMIN_PASSWORD" "$REQUESTS"
  python3 "$BENCH_DIR/pages.py" "$PORT" small bench-agent-2026 "$REQUESTS"
  python3 "$BENCH_DIR/pages.py" "$PORT" dense bench-agent-2026 "$REQUESTS"
  echo "# server VmHWM: $(grep VmHWM "/proc/$SERVER_PID/status" | awk '{print $2, $3}')"
} | tee "$RESULTS_FILE"

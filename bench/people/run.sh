#!/usr/bin/env bash
# People benchmark (#15.9): a 200-agent centre with 3 years of rosters, swaps and tickets (SQLite):
#   (a) a shift-swap request checked (POST /api/v1/shift-swaps, accepted 201 and refused 422), client-timed p50/p95 — target ≤ 10 ms
#   (b) the monthly agent scorecard of all 200 agents (GET /api/v1/reports/agent-scorecards?per=200)             — target ≤ 1 s
#
#   swift build -c release --product kefu      # this script never builds
#   bash bench/people/run.sh
#
# Overrides: KEFU_BIN (.build/release/kefu), AGENTS (200), DAYS (1095 = 3 years), COUNT (tickets, 1000000),
# SWAPS (accepted requests to time, 100; as many refused), REPEATS (scorecard runs, 5), RESULTS_FILE
# (bench/results/people-latest.txt), PORT (18090), KEEP_DB=1.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BENCH_DIR/../lib.sh" # paths, binary check, temp database, cleanup trap
AGENTS=${AGENTS:-200}
DAYS=${DAYS:-1095}
COUNT=${COUNT:-1000000}
SWAPS=${SWAPS:-100}
REPEATS=${REPEATS:-5}
RESULTS_FILE=${RESULTS_FILE:-$REPO_DIR/bench/results/people-latest.txt}
PORT=${PORT:-18090}

echo "== set-up: $AGENTS agents, $DAYS days of rosters, $COUNT tickets"
"$KEFU_BIN" migrate >/dev/null
"$KEFU_BIN" user create --username bench-agent-001 --password Swap-Check-Load-2026 --display-name 坐席001 --roles cs_agent >/dev/null
TODAY=$(( $(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-%d) 00:00 UTC" +%s) / 86400 ))
seed_start=$(now_ms)
sqlite3 "$DB" <<SQL
.param set :agents $AGENTS
.param set :days $DAYS
.param set :count $COUNT
.param set :today $TODAY
.param set :now $(now_ms)
.read $BENCH_DIR/seed.sql
SQL
seed_ms=$(( $(now_ms) - seed_start ))
counts=$(sqlite3 "$DB" "SELECT (SELECT COUNT(*) FROM users WHERE username LIKE 'bench-agent-%') || ' agents, ' || (SELECT COUNT(*) FROM roster_entries) || ' roster entries, '
  || (SELECT COUNT(*) FROM shift_swaps) || ' swaps, ' || (SELECT COUNT(*) FROM tickets) || ' tickets, ' || (SELECT COUNT(*) FROM ticket_escalations) || ' escalations, '
  || (SELECT COUNT(*) FROM survey_responses) || ' surveys, ' || (SELECT COUNT(*) FROM complaints) || ' complaints'")
echo "seeded $counts in ${seed_ms} ms"

start_server 150
python3 "$BENCH_DIR/people.py" --base "http://127.0.0.1:$PORT" --today "$TODAY" --agents "$AGENTS" --swaps "$SWAPS" --repeats "$REPEATS" \
  --admin-password bench-admin-2026 --agent-password Swap-Check-Load-2026 >"$TMP/people.txt"
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
{
  echo "# People benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ) — commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); SQLite WAL; binary $KEFU_BIN ($(basename "$(dirname "$KEFU_BIN")") build)"
  echo "data: $counts (seeded by SQL in ${seed_ms} ms; $DAYS days)"
  cat "$TMP/people.txt"
  echo "server peak RSS: $(( rss_kb / 1024 )) MB"
} | tee "$RESULTS_FILE"

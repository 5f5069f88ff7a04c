#!/usr/bin/env bash
# Intake efficiency benchmark (#17 item 4): the server's CPU per request for a ticket create, a reply (an internal
# note) and a 50-row ticket list, each sent one at a time over one connection (wrk -c1), and the create rate at 32
# connections; SQLite (WAL, synchronous=FULL), release build, the administrator's token.
# CPU per request = the server process's user+system CPU during the phase / requests answered.
#
#   swift build -c release --product kefu      # this script never builds
#   bash bench/intake/run.sh
#
# Overrides: KEFU_BIN (.build/release/kefu), WARMUP (seconds of creates at 4 connections before measuring, 20),
# DURATION (seconds per measured phase, 15), CONNECTIONS (the rate phase, 32), RESULTS_FILE
# (bench/results/intake-sqlite.txt), KEEP_DB=1, PERF=create|reply|list|rate (record `perf record -g` of the server
# during that phase and append the top of its report to the results), AFTER_MIGRATE_SQL (a file of SQL run on the
# migrated database before the server starts, e.g. bench/intake/without-desk014.sql for an A/B of indexes).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BENCH_DIR/../lib.sh" # paths, binary check, temp database, cleanup trap
command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install wrk)" >&2; exit 1; }
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-32}
RESULTS_FILE=${RESULTS_FILE:-$REPO_DIR/bench/results/intake-sqlite.txt}
PORT=${PORT:-18093}
PERF=${PERF:-}
BASE=http://127.0.0.1:$PORT
LUA=$REPO_DIR/bench/lua
CLK_TCK=$(getconf CLK_TCK)

cpu_ticks() { local s; s=$(<"/proc/$SERVER_PID/stat"); s=${s##*) }; local f; read -r -a f <<<"$s"; echo $((f[11] + f[12])); }
report=()
say() { echo "$*"; report+=("$*"); }

# phase NAME CONNECTIONS SECONDS SCRIPT ARGS…: one wrk run; prints its RESULT line with the CPU per request.
phase() {
  local name=$1 conns=$2 secs=$3 script=$4; shift 4
  local out=$TMP/wrk-$name.txt c0 c1 perf_pid=
  if [[ $PERF == "$name" ]]; then
    perf record -g -o "$TMP/perf-$name.data" -p "$SERVER_PID" >/dev/null 2>&1 & perf_pid=$!
    sleep 0.5
  fi
  c0=$(cpu_ticks)
  wrk -t1 -c"$conns" -d"${secs}s" --latency -s "$LUA/$script" "$BASE" -- "$TOKEN" "$@" >"$out" 2>&1 ||
    { cat "$out" >&2; exit 1; }
  c1=$(cpu_ticks)
  if [[ -n $perf_pid ]]; then kill -INT "$perf_pid"; wait "$perf_pid" 2>/dev/null || true; fi
  local result requests
  result=$(grep '^RESULT ' "$out" | tail -n 1) || { cat "$out" >&2; exit 1; }
  grep -q 'unexpected' "$out" && { grep 'unexpected' "$out" >&2; }
  requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")
  say "$name: ${result#RESULT } server_cpu_ms_per_request=$(awk -v t=$((c1 - c0)) -v h="$CLK_TCK" -v n="$requests" 'BEGIN{printf "%.3f", t * 1000 / h / (n > 0 ? n : 1)}')"
  if [[ -n $perf_pid ]]; then
    report+=("" "---- perf report (server, phase $name, self) ----"
      "$(perf report -i "$TMP/perf-$name.data" --no-children --percent-limit 0.7 --stdio 2>/dev/null | grep -v '^#' | grep '%' | head -n 60)")
  fi
}

say "intake benchmark $(date -u +%FT%TZ), commit $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$KEFU_BIN" migrate >/dev/null
if [[ -n ${AFTER_MIGRATE_SQL:-} ]]; then
  sqlite3 -bail "$DB" <"$AFTER_MIGRATE_SQL"
  say "after migrating: $AFTER_MIGRATE_SQL"
fi
start_server 150
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$KEFU_ADMIN_PASSWORD\"}" \
  "$BASE/api/v1/auth/token" | sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
[[ -n $TOKEN ]] || { echo "bench: no token (server log: $TMP/server.log)" >&2; exit 1; }

phase warmup 4 "$WARMUP" create.lua 11 >/dev/null
# The replies go to the newest 2,000 tickets in turn, a few notes each, as on a working day (a note re-indexes its
# ticket's whole text, so piling hundreds on one ticket would measure something else).
for page in $(seq 1 10); do
  curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/tickets?per=200&page=$page" |
    python3 -c 'import json, sys; print("\n".join(t["id"] for t in json.load(sys.stdin)["items"]))'
done >"$TMP/ids.txt"
say "tickets before measuring: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM tickets'); reply targets: $(wc -l <"$TMP/ids.txt")"
phase create 1 "$DURATION" create.lua 23
phase reply 1 "$DURATION" reply.lua "$TMP/ids.txt"
phase list 1 "$DURATION" list.lua 5
phase rate "$CONNECTIONS" "$DURATION" create.lua 37
say "tickets after: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM tickets'); server VmHWM $(awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status") kB"
printf '%s\n' "${report[@]}" >"$RESULTS_FILE"
echo "written $RESULTS_FILE"

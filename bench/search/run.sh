#!/usr/bin/env bash
# Quick-search benchmark (issue #11.1): GET /api/v1/search with 1,000,000 tickets (SQLite, release build).
# Target: p95 ≤ 50 ms at 32 connections.
#
#   swift build -c release --product kefu      # this script never builds
#   bash bench/search/run.sh                    # SQLite, a fresh file in a temp dir
#   bash bench/search/run.sh --engine postgres  # PostgreSQL, database kefu_bench_search (re-created, dropped after;
#                                               # DATABASE_URL may name another benchmark database, see bench/pgdb.py)
#
# Seeds COUNT tickets (numbered KF<year>-000001 … as the service desk numbers them) and CUSTOMERS customers straight
# into the database with sqlite3 (bench/search/seed.sql), then runs wrk (bench/lua/find.lua) for DURATION seconds per
# caller over a rotation of queries: whole ticket numbers, running numbers alone ("123456": that number in each of the
# last ten years), customer name prefixes, whole phone numbers and e-mails — first as the administrator of the root
# unit (every kind, no scope), then as a CS supervisor of the unit 客服部 (the unit's scope on tickets and customers).
#
# Overrides: KEFU_BIN (.build/release/kefu), COUNT (1000000), CUSTOMERS (100000), DURATION (20), CONNECTIONS (32),
# THREADS (2), RESULTS_FILE (bench/results/search-<engine>.txt), KEEP_DB=1.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../engine.sh" "$@"

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/../.." && pwd)
cd "$REPO_DIR"
KEFU_BIN=${KEFU_BIN:-.build/release/kefu}
COUNT=${COUNT:-1000000}
CUSTOMERS=${CUSTOMERS:-100000}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
RESULTS_FILE=${RESULTS_FILE:-$REPO_DIR/bench/results/search-$ENGINE.txt}
PORT=${PORT:-18091}

[[ -x $KEFU_BIN ]] || { echo "bench: $KEFU_BIN not found; swift build -c release --product kefu" >&2; exit 1; }
for tool in sqlite3 wrk curl python3; do command -v $tool >/dev/null || { echo "bench: $tool is needed (apt-get install $tool)" >&2; exit 1; }; done
KEFU_BIN=$(cd "$(dirname "$KEFU_BIN")" && pwd)/$(basename "$KEFU_BIN")
TMP=$(mktemp -d)
DB=$TMP/kefu.sqlite
SERVER_PID=
PG_URL=
if [[ $ENGINE == postgres ]]; then
  PG_URL=${DATABASE_URL:-postgres://kefu:kefu@127.0.0.1:5432/kefu_bench_search?tlsmode=disable}
  [[ $PG_URL == postgres* ]] || { echo "bench: DATABASE_URL is not a postgres:// URL" >&2; exit 64; }
  python3 "$BENCH_DIR/../pgdb.py" is-bench "$PG_URL" || { echo "bench: $PG_URL is not a benchmark database (bench/pgdb.py)" >&2; exit 64; }
fi
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  if [[ ${KEEP_DB:-0} == 1 ]]; then echo "kept $TMP ${PG_URL}"; else rm -rf "$TMP"; [[ -n $PG_URL ]] && python3 "$BENCH_DIR/../pgdb.py" drop "$PG_URL" >/dev/null || true; fi
}
trap cleanup EXIT
export DATABASE_URL="sqlite://$DB" KEFU_ADMIN_PASSWORD=bench-admin-2026 KEFU_BCRYPT_COST=4 KEFU_LOG_LEVEL=warning
[[ $ENGINE == postgres ]] && { DATABASE_URL=$PG_URL; python3 "$BENCH_DIR/../pgdb.py" recreate "$PG_URL" >/dev/null; }
# One SQL statement's single-value answer, on either engine.
sql() { if [[ $ENGINE == postgres ]]; then python3 "$BENCH_DIR/../pgdb.py" psql "$PG_URL" -Atq -c "$1"; else sqlite3 "$DB" "$1"; fi; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
YEAR=$(TZ=Asia/Shanghai date +%Y)

echo "== set-up: $COUNT tickets, $CUSTOMERS customers"
"$KEFU_BIN" migrate >/dev/null
"$KEFU_BIN" user create --username bench-supervisor --password bench-super-2026 --display-name 主管 --roles cs_supervisor >/dev/null
seed_start=$(now_ms)
if [[ $ENGINE == postgres ]]; then
  python3 "$BENCH_DIR/../pgdb.py" psql "$PG_URL" -q -v count="$COUNT" -v customers="$CUSTOMERS" -v year="$YEAR" -v now="$(now_ms)" \
    -f "$BENCH_DIR/seed-postgres.sql" >/dev/null
else
  sqlite3 "$DB" <<SQL
.param set :count $COUNT
.param set :customers $CUSTOMERS
.param set :year $YEAR
.param set :now $(now_ms)
.read $BENCH_DIR/seed.sql
SQL
fi
seed_ms=$(( $(now_ms) - seed_start ))
rows=$(sql "SELECT COUNT(*) FROM tickets")
echo "seeded $rows tickets in ${seed_ms} ms"

# The rotation: 400 queries, 80 of each form, spread over the whole range.
QUERIES=$TMP/queries.txt
python3 - "$COUNT" "$CUSTOMERS" "$YEAR" >"$QUERIES" <<'PY'
import random, sys, urllib.parse
count, customers, year = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(11)
farms = ["达坂城风电场", "张北风电场", "酒泉二期风电场", "乌兰察布风电场", "哈密东南风电场", "如东海上风电场", "定边风电场", "康保风电场"]
out = []
for _ in range(80):
    out.append(f"KF{year}-{random.randint(1, count):06d}")                       # whole ticket number
    out.append(str(random.randint(1, count)))                                     # running number alone
    c = random.randint(1, customers)
    out.append(farms[c % 8] + "运维" + str(c)[:3])                                # name prefix (≈ 1 in 10,000 names)
    out.append(f"139{random.randint(1, customers):08d}")                          # whole phone number
    out.append(f"c{random.randint(1, customers)}@farm.example")                   # e-mail
random.shuffle(out)
print("\n".join(urllib.parse.quote(q, safe="") for q in out))
PY

"$KEFU_BIN" serve --port "$PORT" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
token() {
  curl -fs -X POST "http://127.0.0.1:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/'
}
ADMIN=$(token admin bench-admin-2026)
SUPERVISOR=$(token bench-supervisor bench-super-2026)
sample=$(curl -fs -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$PORT/api/v1/search?q=KF$YEAR-000004")
echo "sample: ${sample:0:300}"
[[ $sample == *"KF$YEAR-000004"* ]] || { echo "bench: the sample search did not find KF$YEAR-000004" >&2; exit 1; }

# CPU ticks of a process (utime + stime), of the benchmark database's PostgreSQL backends (the server's pool: the
# cluster's other clients do not count), and the database's committed transactions (on PostgreSQL one per statement
# run outside BEGIN … COMMIT: the statements of a search, plus the sign-in look-up).
CLK_TCK=$(getconf CLK_TCK)
proc_ticks() { local stat rest f; stat=$(<"/proc/$1/stat") 2>/dev/null || { echo 0; return; }; rest=${stat##*) }; read -r -a f <<<"$rest"; echo $((f[11] + f[12])); }
db_ticks() {
  [[ $ENGINE == postgres ]] || { echo 0; return; }
  local total=0 pid
  for pid in $(sql "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"); do total=$((total + $(proc_ticks "$pid"))); done
  echo $total
}
db_xacts() { [[ $ENGINE == postgres ]] && sql "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()" || echo 0; }
per_request() { awk -v t="$1" -v h="$CLK_TCK" -v n="$2" 'BEGIN{printf "%.3f", (n > 0 ? t / h * 1000 / n : 0)}'; }

declare -A result
for who in admin supervisor; do
  tok=$ADMIN; [[ $who == supervisor ]] && tok=$SUPERVISOR
  # A short warm-up, then the measured run.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$BENCH_DIR/../lua/find.lua" "http://127.0.0.1:$PORT" -- "$tok" "$QUERIES" >/dev/null 2>&1 || true
  echo "== $who: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
  sleep 1; c0=$(proc_ticks "$SERVER_PID"); p0=$(db_ticks); x0=$(db_xacts)
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$BENCH_DIR/../lua/find.lua" "http://127.0.0.1:$PORT" -- "$tok" "$QUERIES")
  c1=$(proc_ticks "$SERVER_PID"); p1=$(db_ticks); load=$(cut -d' ' -f1 /proc/loadavg); sleep 2; x1=$(db_xacts)
  result[$who]=$(grep '^RESULT' <<<"$out" | sed "s/phase=find/phase=find-$who/")
  n=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"${result[$who]}")
  result[$who]="${result[$who]} load1=$load server_cpu_ms_per_req=$(per_request $((c1 - c0)) "$n")"
  [[ $ENGINE == postgres ]] && result[$who]="${result[$who]} postgres_cpu_ms_per_req=$(per_request $((p1 - p0)) "$n") statements_per_req=$(awk -v x=$((x1 - x0)) -v n="$n" 'BEGIN{printf "%.2f", (n > 0 ? x / n : 0)}')"
  echo "${result[$who]}"
done
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
explain="EXPLAIN QUERY PLAN"; [[ $ENGINE == postgres ]] && explain="EXPLAIN"
plan_number=$(sql "$explain SELECT id FROM tickets WHERE number IN ('KF$YEAR-000004', 'KF$((YEAR-1))-000004')" | tr '\n' ' ')
plan_name=$(sql "$explain SELECT id FROM customers c WHERE c.name >= '张北' AND c.name < '张匈' ORDER BY c.name LIMIT 5" | tr '\n' ' ')

{
  echo "# Quick-search benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ) — commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); engine $ENGINE; binary $KEFU_BIN"
  echo "tickets: $rows, customers: $CUSTOMERS, seeded in ${seed_ms} ms; queries: $(wc -l <"$QUERIES") (ticket numbers, running numbers, name prefixes, phones, e-mails)"
  echo "${result[admin]}"
  echo "${result[supervisor]}"
  echo "server peak RSS: $(( rss_kb / 1024 )) MB"
  echo "plan, ticket by number: $plan_number"
  echo "plan, customer by name prefix: $plan_name"
  echo "target: p95 ≤ 50 ms"
} | tee "$RESULTS_FILE"

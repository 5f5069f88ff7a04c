#!/usr/bin/env bash
# Kefu benchmark: release build, SQLite (WAL, synchronous=FULL) or PostgreSQL,
# 100,000 seeded tickets with Chinese text, wrk at 32 connections.  See bench/README.md.
#
#   swift build -c release --product kefu      # this script never builds
#   bash bench/run.sh                          # SQLite, a fresh file in a temp dir
#   bash bench/run.sh --engine postgres        # PostgreSQL, database kefu_bench_tickets (re-created)
#   DATABASE_URL=postgres://u:p@host:5432/kefu_bench_x bash bench/run.sh
#
# The engine: --engine sqlite|postgres, else the scheme of DATABASE_URL, else sqlite.
#   sqlite    DATABASE_URL=sqlite:///path names a file that must not exist yet (it is
#             created and kept); without it a fresh file in the temp dir (removed).
#   postgres  DATABASE_URL (default postgres://kefu:kefu@127.0.0.1:5432/kefu_bench_tickets?tlsmode=disable).
#             A benchmark database (named kefu_bench… or …_bench, see bench/pgdb.py)
#             is dropped and re-created before the run and dropped after it (KEEP_DB=1
#             keeps it). Any other database is never dropped or created: the script
#             refuses it unless BENCH_REUSE_DB=1, and then seeds into it as it is and
#             leaves what it wrote there.
#
# Everything below can be overridden from the environment:
#   KEFU_BIN         server binary                      (.build/release/kefu)
#   SEED_COUNT       tickets seeded before measuring    (100000)
#   CONNECTIONS      wrk connections                    (32)
#   THREADS          wrk threads                        (2)
#   DURATION         seconds per measured phase         (30)
#   SEARCH_TERMS     comma-separated search terms       (风机,漏油,齿轮,叶片,振动,偏航,来电,雷击)
#   SQLITE_COMMITS   single-row commits in the raw sqlite3 test (2000)
#   SQLITE_REPEATS   how many times that test runs; the median is reported (3)
#   SEED_TIMEOUT     safety bound for one seeding round, seconds (1800)
#   STARTUP_TIMEOUT  seconds to wait for /healthz       (60)
#   WRK_TIMEOUT      wrk per-request timeout            (10s)
#   RESULTS_FILE     where the full report goes         (bench/results/tickets-<engine>.txt)
#   KEEP_DB=1        keep the temp dir (database, server log, wrk output) and the
#                    PostgreSQL benchmark database
#   BENCH_REUSE_DB=1 allow a PostgreSQL database that is not a benchmark database
#   BENCH_PG_COLLATE=C  create the benchmark database with LC_COLLATE 'C' (LC_CTYPE
#                    'C.UTF-8'); unset, it takes template1's locale (bench/pgdb.py)
#   PG_RAW_SECONDS   seconds of the raw PostgreSQL commit-rate test (pgbench; 10; 0 skips)
#   STRICT=1         exit 2 when a target is missed
#   SQLITE_ONLY=1    only run the raw sqlite3 commit-rate test (no server needed;
#                    prints its result, does not touch RESULTS_FILE)
set -euo pipefail

ENGINE=
while (($#)); do
  case $1 in
    --engine) ENGINE=${2:-}; shift 2 || { echo "bench: --engine needs sqlite or postgres" >&2; exit 64; } ;;
    --engine=*) ENGINE=${1#--engine=}; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument '$1' (try --help)" >&2; exit 64 ;;
  esac
done

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
START_DIR=$PWD
cd "$REPO_DIR"

KEFU_BIN=${KEFU_BIN:-.build/release/kefu}
SEED_COUNT=${SEED_COUNT:-100000}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30}
SEARCH_TERMS=${SEARCH_TERMS:-风机,漏油,齿轮,叶片,振动,偏航,来电,雷击}
SQLITE_COMMITS=${SQLITE_COMMITS:-2000}
SQLITE_REPEATS=${SQLITE_REPEATS:-3}
SEED_TIMEOUT=${SEED_TIMEOUT:-1800}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-60}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
KEEP_DB=${KEEP_DB:-0}
BENCH_REUSE_DB=${BENCH_REUSE_DB:-0}
PG_RAW_SECONDS=${PG_RAW_SECONDS:-10}
PG_DEFAULT_URL='postgres://kefu:kefu@127.0.0.1:5432/kefu_bench_tickets?tlsmode=disable'
STRICT=${STRICT:-0}
SQLITE_ONLY=${SQLITE_ONLY:-0}

# targets (from the issue)
TARGET_CREATE_RPS=1500
TARGET_CREATE_P99_MS=50
TARGET_SEARCH_P95_MS=50
TARGET_RSS_MB=250

BUILD_HINT="build it first with:  swift build -c release --product kefu   (or set KEFU_BIN=/path/to/kefu)"

die() { echo "bench: $*" >&2; exit 1; }

# ---------------------------------------------------------------- engine and database
URL_GIVEN=${DATABASE_URL:-}
case $URL_GIVEN in
  "") URL_ENGINE= ;;
  sqlite://*) URL_ENGINE=sqlite ;;
  postgres://* | postgresql://*) URL_ENGINE=postgres ;;
  *) die "DATABASE_URL '$URL_GIVEN' is neither sqlite:// nor postgres://" ;;
esac
ENGINE=${ENGINE:-${URL_ENGINE:-sqlite}}
[[ $ENGINE == sqlite || $ENGINE == postgres ]] || die "--engine must be sqlite or postgres, not '$ENGINE'"
[[ -z $URL_ENGINE || $URL_ENGINE == "$ENGINE" ]] || die "--engine $ENGINE but DATABASE_URL is a $URL_ENGINE URL"
RESULTS_FILE=${RESULTS_FILE:-$BENCH_DIR/results/tickets-$ENGINE.txt}
PGDB=(python3 "$BENCH_DIR/pgdb.py")
PG_OWNED=0 # 1 once the script has created the benchmark database (it then drops it at the end)
if [[ $ENGINE == postgres ]]; then
  DB_URL=${URL_GIVEN:-$PG_DEFAULT_URL}
  command -v python3 >/dev/null && command -v psql >/dev/null || die "the postgres engine needs python3 and psql (apt-get install -y postgresql-client)"
  if "${PGDB[@]}" is-bench "$DB_URL"; then
    PG_BENCH_DB=1
  elif [[ $BENCH_REUSE_DB == 1 ]]; then
    PG_BENCH_DB=0
  else
    die "DATABASE_URL names a database that is not a benchmark database (named kefu_bench… or …_bench); the script drops and re-creates only those. Use such a name, or BENCH_REUSE_DB=1 to seed into this one as it is (never dropped; the tickets stay)"
  fi
elif [[ -n $URL_GIVEN ]]; then
  DB_URL=$URL_GIVEN
  DB_FILE=${URL_GIVEN#sqlite://}
  [[ $DB_FILE != ":memory:" && $URL_GIVEN != "sqlite::memory:" ]] || die "an in-memory SQLite database measures no disk; give a file"
  [[ $DB_FILE == /* ]] || DB_FILE=$START_DIR/$DB_FILE
  DB_URL=sqlite://$DB_FILE
  [[ ! -e $DB_FILE ]] || die "DATABASE_URL names an existing file '$DB_FILE'; the benchmark wants a fresh database and never overwrites one"
fi

# ---------------------------------------------------------------- preflight
if [[ $SQLITE_ONLY != 1 ]]; then
  [[ -x $KEFU_BIN && -f $KEFU_BIN ]] || die "server binary '$KEFU_BIN' not found or not executable; $BUILD_HINT"
  KEFU_BIN=$(cd "$(dirname "$KEFU_BIN")" && pwd)/$(basename "$KEFU_BIN")
  case $KEFU_BIN in
    */debug/*) echo "bench: WARNING: $KEFU_BIN looks like a debug build; the targets are for a release build" >&2 ;;
  esac
fi
missing=()
for tool in wrk curl sqlite3 awk sed; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
  die "missing tools: ${missing[*]} (apt-get install -y wrk sqlite3 curl)"
fi
for n in "$SEED_COUNT" "$CONNECTIONS" "$THREADS" "$DURATION" "$SQLITE_COMMITS" "$SQLITE_REPEATS" "$SEED_TIMEOUT" "$STARTUP_TIMEOUT"; do
  [[ $n =~ ^[0-9]+$ ]] || die "numeric setting expected, got '$n'"
done
((THREADS >= 1 && CONNECTIONS >= THREADS)) || die "need CONNECTIONS >= THREADS >= 1"
((SQLITE_COMMITS >= 1 && SQLITE_REPEATS >= 1 && DURATION >= 1)) || die "SQLITE_COMMITS, SQLITE_REPEATS and DURATION must be >= 1"

# The temp dir lives inside the repo (bench/results/tmp/ is git-ignored) so the
# database sits on the same disk as the repo, and so does the raw sqlite3 test.
mkdir -p "$BENCH_DIR/results/tmp"
WORK=$(mktemp -d "$BENCH_DIR/results/tmp/run.XXXXXX")
if [[ $ENGINE == sqlite ]]; then
  DB_PATH=${DB_FILE:-$WORK/kefu.sqlite}
  DB_URL=sqlite://$DB_PATH
fi
SERVER_LOG=$WORK/server.log
REPORT=$WORK/report.txt
: >"$REPORT"
SERVER_PID=
WRK_PID=

stop_server() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "bench: server did not stop within 10 s of SIGTERM; sending SIGKILL" >&2
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $WRK_PID ]]; then
    kill -TERM "$WRK_PID" 2>/dev/null || true
    wait "$WRK_PID" 2>/dev/null || true
  fi
  stop_server
  if ((rc != 0)); then
    echo "bench: FAILED (exit $rc)" >&2
    if [[ -s $SERVER_LOG ]]; then
      echo "---- last 30 lines of server log ($SERVER_LOG) ----" >&2
      tail -n 30 "$SERVER_LOG" >&2 || true
    fi
    if [[ -s $REPORT ]]; then
      cp "$REPORT" "$RESULTS_FILE.failed" 2>/dev/null && echo "bench: partial report in $RESULTS_FILE.failed" >&2
    fi
    KEEP_DB=1
  fi
  if [[ $KEEP_DB == 1 ]]; then
    echo "bench: kept $WORK" >&2
    ((PG_OWNED)) && echo "bench: kept PostgreSQL database $(redact "$DB_URL")" >&2
  else
    rm -rf "$WORK"
    if ((PG_OWNED)); then "${PGDB[@]}" drop "$DB_URL" || echo "bench: could not drop $(redact "$DB_URL")" >&2; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# log to the report and to stdout
log() { printf '%s\n' "$*" | tee -a "$REPORT"; }
# log to the report only
note() { printf '%s\n' "$@" >>"$REPORT"; }

# a URL without its password
redact() { sed 's#://\([^:/@]*\):[^@]*@#://\1:***@#' <<<"$1"; }
# the machine's load (other builds share these cores): one LOAD line
LOADS=
load_sample() {
  local l
  l=$(sed 's/.*load average: *//' <<<"$(uptime)")
  log "LOAD at=$1 load average: $l"
  LOADS+="${LOADS:+, }$1 ${l%%,*}"
}

# value of key=value in a RESULT line
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1" | head -n 1; }

now_ns() { date +%s%N; }
secs_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }

free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' && return 0
  fi
  local p n
  for ((p = 20000 + RANDOM % 20000, n = 0; n < 200; n++, p++)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

CURL=(curl -sS --noproxy '*' --max-time 30)

# total number of tickets matching an optional query ("" = all)
count_tickets() {
  local q=${1:-} url="$BASE/api/v1/tickets?per=1"
  if [[ -n $q ]]; then
    url+="&q=$(printf '%s' "$q" | od -An -tx1 -v | tr -d ' \n' | sed 's/\(..\)/%\1/g')"
  fi
  local body n
  body=$("${CURL[@]}" -H "Authorization: Bearer $TOKEN" "$url" || true)
  n=$(printf '%s' "$body" | sed -n 's/.*"total"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p' | head -n 1)
  # a search counts exactly up to a limit; beyond it the API says totalExact=false ("at least N")
  if [[ $body == *'"totalExact":false'* ]]; then n+="+"; fi
  printf '%s\n' "$n"
}

CLK_TCK=$(getconf CLK_TCK)
server_cpu_ticks() {
  local stat rest f
  stat=$(<"/proc/$SERVER_PID/stat")
  rest=${stat##*) }
  read -r -a f <<<"$rest"
  echo $((f[11] + f[12]))
}

# CPU ticks of every postgres process of the cluster (the server's backends and the WAL writer; other
# clients of the same cluster count too)
pg_cpu_ticks() {
  local pid stat rest f total=0
  for pid in $(pgrep -x postgres 2>/dev/null); do
    stat=$(<"/proc/$pid/stat") 2>/dev/null || continue
    rest=${stat##*) }
    read -r -a f <<<"$rest"
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}

HWM_KB=0
# sample server memory; prints and records one MEM line
mem_sample() {
  local label=$1 rss hwm thr
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status")
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status")
  thr=$(awk '/^Threads:/ {print $2}' "/proc/$SERVER_PID/status")
  HWM_KB=$hwm
  local dbsize=0 f
  if [[ $ENGINE == postgres ]]; then
    dbsize=$("${PGDB[@]}" size "$DB_URL" 2>/dev/null || echo 0)
  else
    for f in "$DB_PATH" "$DB_PATH-wal" "$DB_PATH-shm"; do
      [[ -f $f ]] && dbsize=$((dbsize + $(stat -c %s "$f")))
    done
  fi
  log "$(printf 'MEM after=%-7s VmRSS=%.1fMB VmHWM=%.1fMB threads=%s db_files=%.1fMB' \
    "$label" "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "$(awk -v k="$hwm" 'BEGIN{print k/1024}')" \
    "$thr" "$(awk -v b="$dbsize" 'BEGIN{print b/1048576}')")"
}

# run one wrk phase; sets RESULT_LINE
run_wrk() {
  local phase=$1 script=$2
  shift 2
  local out=$WORK/wrk-$phase.txt t0 c0 c1 p0 p1 pg_note=
  load_sample "$phase"
  t0=$(now_ns)
  c0=$(server_cpu_ticks)
  p0=$(pg_cpu_ticks)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout "$WRK_TIMEOUT" --latency \
    -s "$BENCH_DIR/lua/$script" "$BASE" -- "${WRK_TOKEN:-$TOKEN}" "$@" >"$out" 2>"$WORK/wrk-$phase.err" ||
    { cat "$WORK/wrk-$phase.err" >&2; die "wrk failed in phase $phase"; }
  c1=$(server_cpu_ticks)
  p1=$(pg_cpu_ticks)
  note "" "---- wrk: $phase ----" "$(cat "$out")"
  if [[ -s $WORK/wrk-$phase.err ]]; then note "(stderr)" "$(head -n 20 "$WORK/wrk-$phase.err")"; fi
  RESULT_LINE=$(grep '^RESULT ' "$out" | tail -n 1) || die "no RESULT line from wrk in phase $phase (see $out)"
  [[ $ENGINE == postgres ]] && pg_note=" postgres_cpu_s=$(awk -v t=$((p1 - p0)) -v h="$CLK_TCK" 'BEGIN{printf "%.1f", t/h}')"
  log "CPU phase=$phase server_cpu_s=$(awk -v t=$((c1 - c0)) -v h="$CLK_TCK" 'BEGIN{printf "%.1f", t/h}')$pg_note wall_s=$(secs_since "$t0")"
}

# ---------------------------------------------------------------- raw sqlite3 commit rate
# Same disk, WAL, synchronous=FULL, one sqlite3 process, one INSERT per
# transaction (autocommit), a row about the size of a ticket.  Sets RAW_RATE
# and RAW_ALL.
raw_sqlite_test() {
  local rep rate raw_s t_raw raw_out raw_rows raw_db raw_rates=()
  echo "bench: raw sqlite3 single-row commit rate ($SQLITE_COMMITS commits)"
  # Repeated SQLITE_REPEATS times (fresh file each time) because fsync latency on
  # a virtual disk varies a lot from minute to minute; the median is reported.
  awk -v n="$SQLITE_COMMITS" 'BEGIN {
    print ".bail on"
    print "PRAGMA synchronous=FULL;"
    print "SELECT \x27check\x27, (SELECT journal_mode FROM pragma_journal_mode), (SELECT synchronous FROM pragma_synchronous);"
    d = "客户来电反映，达坂城风电场12号风机齿轮箱出现漏油现象。SCADA显示齿轮箱温度86℃，报警阈值75℃。该机组于2015年投运，累计运行61234小时。请尽快安排人员到场处理，现场联系人王伟，电话13812345678。"
    for (i = 1; i <= n; i++)
      printf "INSERT INTO t(subject, description, created_at) VALUES(\x27%d号风机齿轮箱漏油\x27, \x27%s\x27, strftime(\x27%%Y-%%m-%%dT%%H:%%M:%%f\x27, \x27now\x27));\n", i % 66 + 1, d
  }' >"$WORK/raw.sql"
  for ((rep = 1; rep <= SQLITE_REPEATS; rep++)); do
    raw_db=$WORK/raw-$rep.sqlite
    sqlite3 "$raw_db" 'PRAGMA journal_mode=WAL;' >/dev/null
    sqlite3 "$raw_db" 'CREATE TABLE t(id INTEGER PRIMARY KEY, subject TEXT NOT NULL, description TEXT NOT NULL, created_at TEXT NOT NULL);'
    t_raw=$(now_ns)
    raw_out=$(sqlite3 "$raw_db" <"$WORK/raw.sql")
    raw_s=$(secs_since "$t_raw")
    [[ $raw_out == "check|wal|2" ]] || die "raw sqlite3 test did not run in WAL + synchronous=FULL: '$raw_out'"
    raw_rows=$(sqlite3 "$raw_db" 'SELECT count(*) FROM t;')
    ((raw_rows == SQLITE_COMMITS)) || die "raw sqlite3 test inserted $raw_rows rows, expected $SQLITE_COMMITS"
    rate=$(awk -v n="$SQLITE_COMMITS" -v s="$raw_s" 'BEGIN{printf "%.0f", n / s}')
    raw_rates+=("$rate")
    log "SQLITE3 run=$rep commits=$SQLITE_COMMITS seconds=$raw_s commits_per_s=$rate"
    rm -f "$raw_db" "$raw_db-wal" "$raw_db-shm"
  done
  RAW_RATE=$(printf '%s\n' "${raw_rates[@]}" | sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2))}')
  RAW_ALL=$(IFS=/; echo "${raw_rates[*]}")
  log "SQLITE3 median commits_per_s=$RAW_RATE (runs: $RAW_ALL; WAL, synchronous=FULL, one row per transaction, one sqlite3 process, same disk)"
}

# ---------------------------------------------------------------- raw PostgreSQL commit rate
# The database's own ceiling for small durable transactions on this machine: pgbench, CONNECTIONS clients,
# one ticket-sized INSERT per transaction, PG_RAW_SECONDS seconds, in a table of its own that is dropped
# again. Only in a benchmark database (never in one the script was merely given). Sets RAW_PG.
raw_postgres_test() {
  ((PG_RAW_SECONDS > 0)) || return 0
  if ((!PG_BENCH_DB)); then note "raw postgres test skipped: not a benchmark database"; return 0; fi
  command -v pgbench >/dev/null || { note "raw postgres test skipped: no pgbench"; return 0; }
  echo "bench: raw PostgreSQL single-row commit rate (pgbench, $CONNECTIONS clients, ${PG_RAW_SECONDS}s)"
  "${PGDB[@]}" psql "$DB_URL" -q -v ON_ERROR_STOP=1 -c \
    "CREATE TABLE bench_raw_commits (id BIGSERIAL PRIMARY KEY, subject TEXT NOT NULL, description TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL)" ||
    { note "raw postgres test skipped: could not create its table"; return 0; }
  printf '%s\n' "INSERT INTO bench_raw_commits (subject, description, created_at) VALUES ('12号风机齿轮箱漏油', '客户来电反映，达坂城风电场12号风机齿轮箱出现漏油现象。SCADA显示齿轮箱温度86℃，报警阈值75℃。该机组于2015年投运，累计运行61234小时。请尽快安排人员到场处理，现场联系人王伟，电话13812345678。', now());" >"$WORK/raw-pg.sql"
  local out
  out=$("${PGDB[@]}" exec "$DB_URL" pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$PG_RAW_SECONDS" -f "$WORK/raw-pg.sql" 2>&1) ||
    { note "raw postgres test failed:" "$out"; }
  note "" "---- pgbench: raw commits ----" "$out"
  RAW_PG=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | head -n 1 | awk '{printf "%.0f", $1}')
  local lat
  lat=$(sed -n 's/^latency average = \(.*\)$/\1/p' <<<"$out" | head -n 1)
  log "POSTGRES raw commits_per_s=${RAW_PG:-?} latency_avg=${lat:-?} (pgbench, $CONNECTIONS clients, one row per transaction, synchronous_commit as configured)"
  "${PGDB[@]}" psql "$DB_URL" -q -c "DROP TABLE IF EXISTS bench_raw_commits" >/dev/null 2>&1 || true
}

# ---------------------------------------------------------------- metadata
GIT_REV=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$REPO_DIR" status --porcelain --untracked-files=no 2>/dev/null) ]]; then GIT_REV+="-dirty"; fi
log "Kefu benchmark  $(date -u '+%Y-%m-%dT%H:%M:%SZ')  commit $GIT_REV"
note "machine: $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), RAM $(awk '/^MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), kernel $(uname -r)"
note "disk: $(df -hT "$WORK" | awk 'NR == 2 {print $1, $2, "size", $3, "avail", $5}')"
if [[ $SQLITE_ONLY == 1 ]]; then
  raw_sqlite_test
  exit 0
fi
load_sample start
note "binary: $KEFU_BIN ($(stat -c '%s bytes, modified %y' "$KEFU_BIN"))"
note "tools: $(wrk -v 2>&1 | head -n 1 | cut -c1-60); sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
note "settings: SEED_COUNT=$SEED_COUNT CONNECTIONS=$CONNECTIONS THREADS=$THREADS DURATION=${DURATION}s WRK_TIMEOUT=$WRK_TIMEOUT SEARCH_TERMS=$SEARCH_TERMS SQLITE_COMMITS=$SQLITE_COMMITS SQLITE_REPEATS=$SQLITE_REPEATS"
note "work dir: $WORK"

# ---------------------------------------------------------------- start server
PORT=$(free_port) || die "no free port found"
BASE=http://127.0.0.1:$PORT
ADMIN_PASSWORD=${KEFU_ADMIN_PASSWORD:-Bench-${RANDOM}${RANDOM}-Kefu}
if [[ $ENGINE == postgres ]]; then
  if ((PG_BENCH_DB)); then
    "${PGDB[@]}" recreate "$DB_URL" || die "could not re-create the benchmark database of $(redact "$DB_URL")"
    PG_OWNED=1
    log "database: PostgreSQL $(redact "$DB_URL"), dropped and re-created for this run"
  else
    log "database: PostgreSQL $(redact "$DB_URL"), used as it is (BENCH_REUSE_DB=1; never dropped)"
  fi
  note "postgres: $("${PGDB[@]}" psql "$DB_URL" -Atc "SELECT version()" 2>&1 | head -n 1)"
  note "postgres settings: $("${PGDB[@]}" psql "$DB_URL" -AtF= -c "SELECT name, setting FROM pg_settings WHERE name IN ('max_connections','shared_buffers','synchronous_commit','fsync','commit_delay','wal_buffers','max_wal_size','gin_pending_list_limit','work_mem','lc_collate','lc_ctype') ORDER BY name" 2>&1 | tr '\n' ' ')"
else
  log "database: SQLite $DB_PATH"
fi
echo "bench: starting $KEFU_BIN on $BASE (engine $ENGINE)"
t_start=$(now_ns)
DATABASE_URL="$DB_URL" KEFU_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  "$KEFU_BIN" serve --hostname 127.0.0.1 --port "$PORT" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

ready=0
for ((i = 0; i < STARTUP_TIMEOUT * 5; i++)); do
  kill -0 "$SERVER_PID" 2>/dev/null || die "server exited during startup"
  if "${CURL[@]}" --max-time 2 -fo /dev/null "$BASE/healthz" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.2
done
((ready)) || die "server not healthy after ${STARTUP_TIMEOUT}s"
log "server ready in $(secs_since "$t_start") s (pid $SERVER_PID, port $PORT)"

login=$("${CURL[@]}" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "$BASE/api/v1/auth/token") ||
  die "login request failed"
TOKEN=$(sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$login" | head -n 1)
[[ -n $TOKEN ]] || die "no token in login answer: ${login:0:300}"
mem_sample start

# ---------------------------------------------------------------- seed
base_count=$(count_tickets "")
[[ $base_count =~ ^[0-9]+$ ]] || die "GET /api/v1/tickets?per=1 gave no \"total\""
echo "bench: seeding $SEED_COUNT tickets through POST /api/v1/tickets (wrk, $CONNECTIONS connections)"
load_sample seed
t_seed=$(now_ns)
seed_c0=$(server_cpu_ticks)
seed_p0=$(pg_cpu_ticks)
have=$base_count
seed_failed=0
for round in 1 2 3; do
  want=$((base_count + SEED_COUNT - have))
  ((want > 0)) || break
  conns=$CONNECTIONS
  ((want < conns)) && conns=$want
  ((conns < THREADS)) && conns=$THREADS
  out=$WORK/wrk-seed-$round.txt
  marks=$WORK/seed-marks-$round
  mkdir -p "$marks"
  # wrk's main thread sleeps for all of -d even when every worker thread has
  # stopped itself (seed.lua), so run it in the background, wait for one marker
  # file per thread, then SIGINT it: that ends the sleep and prints the summary.
  wrk -t"$THREADS" -c"$conns" -d"${SEED_TIMEOUT}s" --timeout 30s \
    -s "$BENCH_DIR/lua/seed.lua" "$BASE" -- "$TOKEN" "$want" "$THREADS" "$round" "$marks" \
    >"$out" 2>"$WORK/wrk-seed-$round.err" &
  WRK_PID=$!
  for ((i = 0; i < SEED_TIMEOUT * 10 + 100; i++)); do
    kill -0 "$WRK_PID" 2>/dev/null || break
    marks_n=$(find "$marks" -name 'seed-done.*' | wc -l)
    if ((marks_n >= THREADS)); then
      kill -INT "$WRK_PID" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  wrk_rc=0
  wait "$WRK_PID" || wrk_rc=$?
  WRK_PID=
  ((wrk_rc == 0)) || { cat "$WORK/wrk-seed-$round.err" >&2; die "wrk failed while seeding (exit $wrk_rc)"; }
  line=$(grep '^RESULT ' "$out" | tail -n 1) || die "no RESULT line from seeding wrk (see $out)"
  note "" "---- wrk: seed round $round ($want tickets) ----" "$(cat "$out")"
  if [[ -s $WORK/wrk-seed-$round.err ]]; then note "(stderr)" "$(head -n 20 "$WORK/wrk-seed-$round.err")"; fi
  seed_failed=$((seed_failed + $(field "$line" seed_failed)))
  have=$(count_tickets "")
  [[ $have =~ ^[0-9]+$ ]] || die "could not read the ticket count after seeding"
  if (($(field "$line" seed_created) == 0)); then
    die "seeding created no tickets in round $round (see $out and the server log)"
  fi
done
seed_s=$(secs_since "$t_seed")
seed_pg_note=
[[ $ENGINE == postgres ]] && seed_pg_note=" postgres_cpu_s=$(awk -v t=$(($(pg_cpu_ticks) - seed_p0)) -v h="$CLK_TCK" 'BEGIN{printf "%.1f", t/h}')"
log "CPU phase=seed server_cpu_s=$(awk -v t=$(($(server_cpu_ticks) - seed_c0)) -v h="$CLK_TCK" 'BEGIN{printf "%.1f", t/h}')$seed_pg_note wall_s=$seed_s"
seeded=$((have - base_count))
log "$(printf 'SEED tickets=%d in %ss (%.0f tickets/s incl. waits) failed_posts=%d' "$seeded" "$seed_s" \
  "$(awk -v n="$seeded" -v s="$seed_s" 'BEGIN{print (s > 0 ? n / s : 0)}')" "$seed_failed")"
((seeded == SEED_COUNT)) || log "WARNING: seeded $seeded tickets, wanted $SEED_COUNT"
mem_sample seed

# ---------------------------------------------------------------- an agent in one unit
# The create phase runs as a customer-service agent of a department (客服部), so that the database holds the
# seeded tickets of the whole organisation plus the department's own; the scoped search phase then searches
# as that agent, who sees only the department's tickets.
api_post() { "${CURL[@]}" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d "$2" "$BASE$1"; }
json_field() { sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p" | head -n 1; }
root_unit=$("${CURL[@]}" -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/org-units?per=1" | json_field id)
dept_unit=$(api_post /api/v1/org-units "{\"code\":\"BENCH-CS\",\"name\":\"客服部\",\"kind\":\"department\",\"parentId\":\"$root_unit\"}" | json_field id)
[[ -n $dept_unit ]] || die "could not create the department for the agent"
api_post /api/v1/users "{\"username\":\"bench-agent\",\"password\":\"$ADMIN_PASSWORD\",\"displayName\":\"张三\",\"orgUnitId\":\"$dept_unit\",\"roles\":[\"cs_agent\"]}" >/dev/null
AGENT_TOKEN=$("${CURL[@]}" -H 'Content-Type: application/json' -d "{\"username\":\"bench-agent\",\"password\":\"$ADMIN_PASSWORD\"}" \
  "$BASE/api/v1/auth/token" | json_field token)
[[ -n $AGENT_TOKEN ]] || die "could not sign in the agent"

# ---------------------------------------------------------------- create
echo "bench: POST /api/v1/tickets for ${DURATION}s at $CONNECTIONS connections (as the department's agent)"
WRK_TOKEN=$AGENT_TOKEN run_wrk create create.lua "$RANDOM"
CREATE_LINE=$RESULT_LINE
echo "$CREATE_LINE"
mem_sample create

# ---------------------------------------------------------------- search
total_now=$(count_tickets "")
log "tickets in database before search: $total_now"
IFS=, read -r -a terms <<<"$SEARCH_TERMS"
for term in "${terms[@]}"; do
  t0=$(now_ns)
  n=$(count_tickets "$term")
  log "$(printf 'TERM q=%s total=%s (%.1f%%) single_request_s=%s' "$term" "${n:-?}" \
    "$(awk -v n="${n%+}" -v t="$total_now" 'BEGIN{print (t > 0 ? 100 * n / t : 0)}')" "$(secs_since "$t0")")"
done
echo "bench: GET /api/v1/tickets?q=<term>&per=20 for ${DURATION}s at $CONNECTIONS connections"
run_wrk search search.lua "$SEARCH_TERMS"
SEARCH_LINE=$RESULT_LINE
echo "$SEARCH_LINE"
mem_sample search
echo "bench: the same search for ${DURATION}s as the department's agent (scope: the department's tickets)"
WRK_TOKEN=$AGENT_TOKEN run_wrk search-scoped search.lua "$SEARCH_TERMS"
SCOPED_LINE=$RESULT_LINE
echo "$SCOPED_LINE"
mem_sample scoped
# The department's tickets were the newest so far. Here the rest of the organisation goes on logging tickets for
# another DURATION seconds, so that the department's lie behind the newest (a unit's share of an organisation's
# tickets is usually small, and spread), and its agent searches again (desk-017).
echo "bench: POST /api/v1/tickets for ${DURATION}s as the administrator, then the department's search again"
run_wrk create-org create.lua "$RANDOM"
log "ORG-CREATE ${RESULT_LINE#RESULT }"
WRK_TOKEN=$AGENT_TOKEN run_wrk search-scoped-later search.lua "$SEARCH_TERMS"
LATER_LINE=$RESULT_LINE
echo "$LATER_LINE"
mem_sample later
FINAL_RSS_KB=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status")

log "server log: $(wc -l <"$SERVER_LOG") lines"
stop_server
load_sample end
raw_sqlite_test
RAW_PG=
if [[ $ENGINE == postgres ]]; then raw_postgres_test; fi

# ---------------------------------------------------------------- summary
verdict() { if awk "BEGIN{exit !($1)}"; then echo PASS; else echo FAIL; fi; }
# failed requests of a RESULT line: other statuses and connection errors
errors() { echo $(($(field "$1" status_other) + $(field "$1" err_connect) + $(field "$1" err_read) + $(field "$1" err_write) + $(field "$1" err_timeout))); }
c_rps=$(field "$CREATE_LINE" rps)
c_p50=$(field "$CREATE_LINE" p50_ms)
c_p99=$(field "$CREATE_LINE" p99_ms)
c_err=$(errors "$CREATE_LINE")
s_rps=$(field "$SEARCH_LINE" rps)
s_p50=$(field "$SEARCH_LINE" p50_ms)
s_p95=$(field "$SEARCH_LINE" p95_ms)
s_p99=$(field "$SEARCH_LINE" p99_ms)
s_err=$(errors "$SEARCH_LINE")
d_rps=$(field "$SCOPED_LINE" rps)
d_p50=$(field "$SCOPED_LINE" p50_ms)
d_p95=$(field "$SCOPED_LINE" p95_ms)
d_p99=$(field "$SCOPED_LINE" p99_ms)
d_err=$(errors "$SCOPED_LINE")
l_rps=$(field "$LATER_LINE" rps)
l_p50=$(field "$LATER_LINE" p50_ms)
l_p95=$(field "$LATER_LINE" p95_ms)
l_p99=$(field "$LATER_LINE" p99_ms)
l_err=$(errors "$LATER_LINE")
mem_mb=$(awk -v k="$HWM_KB" 'BEGIN{printf "%.1f", k/1024}')
rss_mb=$(awk -v k="$FINAL_RSS_KB" 'BEGIN{printf "%.1f", k/1024}')

v_create=$(verdict "$c_rps >= $TARGET_CREATE_RPS && $c_p99 <= $TARGET_CREATE_P99_MS && $c_err == 0")
v_search=$(verdict "$s_p95 <= $TARGET_SEARCH_P95_MS && $s_err == 0")
v_scoped=$(verdict "$d_p95 <= $TARGET_SEARCH_P95_MS && $d_err == 0")
v_later=$(verdict "$l_p95 <= $TARGET_SEARCH_P95_MS && $l_err == 0")
v_mem=$(verdict "$mem_mb <= $TARGET_RSS_MB")

summary=$(
  cat <<EOF

==== Summary (engine $ENGINE, commit $GIT_REV, $(nproc) cores, $seeded seeded tickets, $CONNECTIONS connections, ${DURATION}s per phase) ====
seed    $seeded tickets in ${seed_s}s = $(awk -v n="$seeded" -v s="$seed_s" 'BEGIN{printf "%.0f", (s > 0 ? n / s : 0)}') tickets/s, failed POSTs $seed_failed
create  POST /api/v1/tickets     $(printf '%8.1f' "$c_rps") req/s  p50 $(printf '%6.2f' "$c_p50") ms  p99 $(printf '%6.2f' "$c_p99") ms  errors $c_err   target >= $TARGET_CREATE_RPS req/s, p99 <= $TARGET_CREATE_P99_MS ms: $v_create
search  GET  /api/v1/tickets?q=  $(printf '%8.1f' "$s_rps") req/s  p50 $(printf '%6.2f' "$s_p50") ms  p95 $(printf '%6.2f' "$s_p95") ms  p99 $(printf '%6.2f' "$s_p99") ms  errors $s_err   target p95 <= $TARGET_SEARCH_P95_MS ms: $v_search
search  as a department agent     $(printf '%8.1f' "$d_rps") req/s  p50 $(printf '%6.2f' "$d_p50") ms  p95 $(printf '%6.2f' "$d_p95") ms  p99 $(printf '%6.2f' "$d_p99") ms  errors $d_err   target p95 <= $TARGET_SEARCH_P95_MS ms: $v_scoped
search  the agent, after others'  $(printf '%8.1f' "$l_rps") req/s  p50 $(printf '%6.2f' "$l_p50") ms  p95 $(printf '%6.2f' "$l_p95") ms  p99 $(printf '%6.2f' "$l_p99") ms  errors $l_err   target p95 <= $TARGET_SEARCH_P95_MS ms: $v_later
memory  VmHWM (peak RSS) $mem_mb MB, VmRSS at end $rss_mb MB   target <= $TARGET_RSS_MB MB: $v_mem
sqlite3 raw single-row commits (WAL, synchronous=FULL, same disk): $RAW_RATE commits/s median (runs: $RAW_ALL)${RAW_PG:+
postgres raw single-row commits (pgbench, $CONNECTIONS clients): $RAW_PG commits/s}
load    1-minute load average when each phase began: $LOADS
EOF
)
log "$summary"
note "" "report: $RESULTS_FILE"

mkdir -p "$(dirname "$RESULTS_FILE")"
cp "$REPORT" "$RESULTS_FILE"
rm -f "$RESULTS_FILE.failed"
echo "bench: full report written to $RESULTS_FILE"

if [[ $STRICT == 1 && "$v_create$v_search$v_scoped$v_later$v_mem" == *FAIL* ]]; then
  exit 2
fi

# Shared set-up of the single-binary SQLite benchmarks (bench/sla/run.sh, bench/people/run.sh), sourced after the
# script has set BENCH_DIR to its own directory. It moves to the repository, checks the binary (KEFU_BIN, default
# .build/release/kefu: the scripts never build) and sqlite3, makes a temporary directory with the database file
# ($TMP, $DB) that is removed on exit unless KEEP_DB=1 (the server started by start_server is stopped first), and
# exports the server's environment for that file.
REPO_DIR=$(cd "$BENCH_DIR/../.." && pwd)
cd "$REPO_DIR"
KEFU_BIN=${KEFU_BIN:-.build/release/kefu}

[[ -x $KEFU_BIN ]] || { echo "bench: $KEFU_BIN not found; swift build -c release --product kefu" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is needed (apt-get install sqlite3)" >&2; exit 1; }
KEFU_BIN=$(cd "$(dirname "$KEFU_BIN")" && pwd)/$(basename "$KEFU_BIN")
TMP=$(mktemp -d)
DB=$TMP/kefu.sqlite
SERVER_PID=
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [[ ${KEEP_DB:-0} == 1 ]] && echo "kept $TMP" || rm -rf "$TMP"
}
trap cleanup EXIT
export DATABASE_URL="sqlite://$DB" KEFU_ADMIN_PASSWORD=bench-admin-2026 KEFU_BCRYPT_COST=4 KEFU_LOG_LEVEL=warning

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start_server TRIES: `kefu serve` on $PORT (log in $TMP/server.log), waiting up to TRIES × 0.2 s for /healthz.
start_server() {
  "$KEFU_BIN" serve --port "$PORT" >"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 "$1"); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
}

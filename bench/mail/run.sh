#!/usr/bin/env bash
# Mail benchmark (#16 item 8) on SQLite (WAL, synchronous=FULL), release build:
#   (a) inbound through LMTP: a corpus of COUNT realistic Chinese messages (UTF-8 and GBK, 30 % with attachments, one in
#       ten a reply) delivered over LMTP_CONNECTIONS connections at once          — target ≥ 500 messages/s
#   (b) inbound through `kefu mail ingest` (one process per message, as an MTA pipe runs it), INGEST_PARALLEL at once
#   (c) outbound: the acknowledgements (a) queued, sent again from the outbox to a local SMTP sink — target ≥ 500/s
# The server runs with the LMTP listener and KEFU_SMTP_URL pointing at bench/mail/smtpsink.py; during (a) the outbox
# drains as the mail comes in. For (c) the server is stopped, every outbox row is set back to pending by SQL, the sink
# restarted, and the server started again: the figure is the drain of a backlog from the database to the relay.
#
#   swift build -c release --product kefu      # this script never builds
#   bash bench/mail/run.sh
#
# Overrides: KEFU_BIN (.build/release/kefu), COUNT (5000), LMTP_CONNECTIONS (20, Postfix's default), INGEST_COUNT (300),
# INGEST_PARALLEL (4), PORT (18094), LMTP_PORT (18095), SINK_PORT (18096), RESULTS_FILE
# (bench/results/mail-latest.txt), KEEP_DB=1.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BENCH_DIR/../lib.sh" # paths, binary check, temp database, cleanup trap
COUNT=${COUNT:-5000}
LMTP_CONNECTIONS=${LMTP_CONNECTIONS:-20}
INGEST_COUNT=${INGEST_COUNT:-300}
INGEST_PARALLEL=${INGEST_PARALLEL:-4}
PORT=${PORT:-18094}
LMTP_PORT=${LMTP_PORT:-18095}
SINK_PORT=${SINK_PORT:-18096}
RESULTS_FILE=${RESULTS_FILE:-$REPO_DIR/bench/results/mail-latest.txt}
BASE="http://127.0.0.1:$PORT"
SINK_PID=
stop_all() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  [[ -n $SINK_PID ]] && kill "$SINK_PID" 2>/dev/null && wait "$SINK_PID" 2>/dev/null || true
  SINK_PID=
}
trap 'stop_all; cleanup' EXIT
start_sink() {
  rm -f "$TMP/sink.json"
  python3 "$BENCH_DIR/smtpsink.py" --port "$SINK_PORT" --status "$TMP/sink.json" &
  SINK_PID=$!
  for _ in $(seq 1 50); do [[ -f $TMP/sink.json ]] && break; sleep 0.1; done
}
serve_mail() {
  "$KEFU_BIN" serve --port "$PORT" --lmtp-port "$LMTP_PORT" >>"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
}
count() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }

"$KEFU_BIN" migrate >/dev/null
start_server 150
token=$(python3 "$BENCH_DIR/mailbench.py" setup --base "$BASE")
stop_all

export KEFU_MAIL_TOKEN=$token KEFU_SMTP_URL="smtp://127.0.0.1:$SINK_PORT?tls=none" KEFU_MAIL_FROM="客服中心 <service@bench.example>"
start_sink
serve_mail
python3 "$BENCH_DIR/mailbench.py" lmtp --port "$LMTP_PORT" --count "$COUNT" --connections "$LMTP_CONNECTIONS" >"$TMP/lmtp.txt"
tickets=$(count "SELECT COUNT(*) FROM tickets")
queued=$(count "SELECT COUNT(*) FROM mail_outbox")
python3 "$BENCH_DIR/mailbench.py" ingest --base "$BASE" --bin "$KEFU_BIN" --token "$token" --count "$INGEST_COUNT" --parallel "$INGEST_PARALLEL" \
  --skip 0 >"$TMP/ingest.txt"
for _ in $(seq 1 600); do [[ $(count "SELECT COUNT(*) FROM mail_outbox WHERE status = 'pending'") == 0 ]] && break; sleep 0.2; done
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
stop_all

# (c) the whole outbox again, as a backlog.
outbox=$(count "SELECT COUNT(*) FROM mail_outbox")
count "UPDATE mail_outbox SET status = 'pending', attempts = 0, next_attempt_at = 0, sent_at = NULL" >/dev/null
start_sink
since=$(python3 -c 'import time; print(time.time())')
serve_mail
python3 "$BENCH_DIR/mailbench.py" wait-sink --status "$TMP/sink.json" --count "$outbox" --since "$since" >"$TMP/outbound.txt"
sent=$(count "SELECT COUNT(*) FROM mail_outbox WHERE status = 'sent'")
stop_all

{
  echo "# Mail benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ) — commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load before: $(cut -d' ' -f1-3 /proc/loadavg); SQLite WAL synchronous=FULL; binary $KEFU_BIN ($(basename "$(dirname "$KEFU_BIN")") build)"
  cat "$TMP/lmtp.txt"
  echo "  → $tickets tickets, $queued acknowledgements queued (replies join their ticket and get none)"
  cat "$TMP/ingest.txt"
  cat "$TMP/outbound.txt"
  echo "  → $sent of $outbox outbox messages marked sent"
  echo "server peak RSS during (a) and (b): $(( rss_kb / 1024 )) MB"
} | tee "$RESULTS_FILE"

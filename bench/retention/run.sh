#!/usr/bin/env bash
# Retention archive benchmark (#17.6, RET-04): `kefu retention archive --kind ticket` over COUNT closed tickets past
# their period (SQLite, release build), each with two replies and three timeline events; 20 % are named by a work
# order or a mail still to be sent, so the archive leaves them (`TicketRetentionSource`). Measures the dry run's count
# (what the report's ticket line costs) and the archive: tickets per second and the time of one batch of 50, which
# is one write transaction (the time the database's writer is held).
#
#   swift build -c release --product kefu      # this script never builds
#   bash bench/retention/run.sh
#
# Overrides: KEFU_BIN (.build/release/kefu), COUNT (100000), KEEP_DB=1.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BENCH_DIR/../lib.sh" # paths, binary check, temp database, cleanup trap
COUNT=${COUNT:-100000}

echo "== set-up: $COUNT closed tickets, four years old"
"$KEFU_BIN" migrate >/dev/null
python3 "$BENCH_DIR/seed.py" "$DB" --tickets "$COUNT"
mkdir -p "$TMP/archive"

start=$(now_ms)
due=$("$KEFU_BIN" retention archive --to "$TMP/archive" --kind ticket --dry-run | awk '{print $4}')
dry_ms=$(( $(now_ms) - start ))
echo "dry run: $due due, counted in $dry_ms ms"

start=$(now_ms)
"$KEFU_BIN" retention archive --to "$TMP/archive" --kind ticket
archive_ms=$(( $(now_ms) - start ))
left=$(sqlite3 "$DB" "SELECT COUNT(*) FROM tickets")
bytes=$(stat -c %s "$TMP"/archive/ticket-*.jsonl)
echo "archive: $due tickets in $archive_ms ms = $(( due * 1000 / (archive_ms > 0 ? archive_ms : 1) )) tickets/s," \
     "$(( archive_ms * 50 / (due > 0 ? due : 1) )) ms per batch of 50; $left tickets left; file $(( bytes / 1024 / 1024 )) MiB"

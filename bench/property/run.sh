#!/usr/bin/env bash
# Property-fee benchmark (#14 item 2, PRP-01/PRP-02/RPT-10) on SQLite:
#   (a) the month's fee notices of an estate of 20,000 units generated (POST /api/v1/property/estates/{id}/notices) — target ≤ 2 s
#   (b) the collection rate over 3 years of monthly fees of those units, per fee and month, quarter and year
#       (GET /api/v1/property/estates/{id}/collection-rate)                                                        — target ≤ 500 ms
# The estate, its fee table and units are made through the API (all 20,000 units in 4 requests); 36 months of notices
# are generated through the API (month 1 is timed, the others too, as the table grows); then ~90% of the lines are
# marked paid by SQL (with one payment row per paid notice, and PRP-02's monthly figures recomputed), and the reports timed.
#
#   swift build -c release --product kefu      # this script never builds
#   bash bench/property/run.sh
#
# Overrides: KEFU_BIN (.build/release/kefu), UNITS (20000), MONTHS (36), REPEATS (report runs, 5),
# RESULTS_FILE (bench/results/property-latest.txt), PORT (18092), KEEP_DB=1.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BENCH_DIR/../lib.sh" # paths, binary check, temp database, cleanup trap
UNITS=${UNITS:-20000}
MONTHS=${MONTHS:-36}
REPEATS=${REPEATS:-5}
RESULTS_FILE=${RESULTS_FILE:-$REPO_DIR/bench/results/property-latest.txt}
PORT=${PORT:-18092}

"$KEFU_BIN" migrate >/dev/null
start_server 150
BASE="http://127.0.0.1:$PORT"
python3 "$BENCH_DIR/property.py" --base "$BASE" --phase generate --units "$UNITS" --months "$MONTHS" --admin-password bench-admin-2026 \
  --state "$TMP/state.json" >"$TMP/generate.txt"

pay_start=$(now_ms)
sqlite3 "$DB" <<'SQL'
PRAGMA busy_timeout = 10000;
BEGIN;
UPDATE property_notice_lines SET paid_fen = amount_fen WHERE (abs(random()) % 10) < 9;
UPDATE property_notices SET paid_fen = (SELECT COALESCE(SUM(l.paid_fen), 0) FROM property_notice_lines l WHERE l.notice_id = property_notices.id);
UPDATE property_notices SET settled = CASE WHEN paid_fen >= billed_fen THEN 1 ELSE 0 END;
INSERT INTO property_payments (id, notice_id, amount_fen, method, receipt_no, paid_on, note, recorded_at, recorded_by)
  SELECT 'bench-' || id, id, paid_fen, 'wechat', NULL, month || '-15', NULL, created_at, created_by FROM property_notices WHERE paid_fen > 0;
DELETE FROM property_collection;
INSERT INTO property_collection (estate_id, fee, month, billed_fen, paid_fen, items, paid_items)
  SELECT n.estate_id, l.fee, n.month, SUM(l.amount_fen), SUM(l.paid_fen), COUNT(*), SUM(CASE WHEN l.paid_fen >= l.amount_fen THEN 1 ELSE 0 END)
  FROM property_notice_lines l JOIN property_notices n ON n.id = l.notice_id GROUP BY n.estate_id, l.fee, n.month;
INSERT INTO property_collection (estate_id, fee, month, billed_fen, paid_fen, items, paid_items)
  SELECT estate_id, '', month, SUM(billed_fen), SUM(paid_fen), COUNT(*), SUM(settled) FROM property_notices GROUP BY estate_id, month;
COMMIT;
SQL
pay_ms=$(( $(now_ms) - pay_start ))
counts=$(sqlite3 "$DB" "SELECT (SELECT COUNT(*) FROM property_units) || ' units, ' || (SELECT COUNT(*) FROM property_notices) || ' notices, '
  || (SELECT COUNT(*) FROM property_notice_lines) || ' lines, ' || (SELECT COUNT(*) FROM property_payments) || ' payments, '
  || (SELECT SUM(settled) FROM property_notices) || ' settled'")

python3 "$BENCH_DIR/property.py" --base "$BASE" --phase report --repeats "$REPEATS" --admin-password bench-admin-2026 --state "$TMP/state.json" >"$TMP/report.txt"
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
{
  echo "# Property-fee benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ) — commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); SQLite WAL; binary $KEFU_BIN ($(basename "$(dirname "$KEFU_BIN")") build)"
  echo "data: $counts (payments seeded by SQL in ${pay_ms} ms)"
  cat "$TMP/generate.txt" "$TMP/report.txt"
  echo "server peak RSS: $(( rss_kb / 1024 )) MB"
} | tee "$RESULTS_FILE"

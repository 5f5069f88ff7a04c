#!/usr/bin/env bash
# Live chat benchmark (#16 item 8) on SQLite, release build: CHATS (2000) visitor WebSockets held at once — target ≤ 100 MB
# more server memory — and WATCHED (100) of them followed by agent WebSockets, each visitor sending MESSAGES (10) messages
# 1.5 s apart, timed from the visitor's send to the agent's receipt — target p99 ≤ 50 ms. PACE=spread (default) starts
# each watched chat at its own moment within the first 1.5 s, a steady ~67 messages/s as visitors type; PACE=burst has all
# 100 send in the same millisecond (the harsher figure recorded before).
#
#   swift build -c release --product kefu      # this script never builds
#   bash bench/chat/run.sh
#
# Overrides: KEFU_BIN (.build/release/kefu), CHATS, WATCHED, MESSAGES, PACE, PORT (18097), RESULTS_FILE
# (bench/results/chat-latest.txt), KEEP_DB=1.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BENCH_DIR/../lib.sh" # paths, binary check, temp database, cleanup trap
CHATS=${CHATS:-2000}
WATCHED=${WATCHED:-100}
MESSAGES=${MESSAGES:-10}
PACE=${PACE:-spread}
PORT=${PORT:-18097}
RESULTS_FILE=${RESULTS_FILE:-$REPO_DIR/bench/results/chat-latest.txt}
export KEFU_CHAT_HOURS=always
export KEFU_CHAT_STARTS_PER_ADDRESS=0 # 2,000 chats come from one address here
ulimit -n 65536 2>/dev/null || true

"$KEFU_BIN" migrate >/dev/null
start_server 150
{
  echo "# Live chat benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ) — commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg); SQLite WAL synchronous=FULL; binary $KEFU_BIN ($(basename "$(dirname "$KEFU_BIN")") build)"
  python3 "$BENCH_DIR/chatbench.py" --port "$PORT" --pid "$SERVER_PID" --chats "$CHATS" --watched "$WATCHED" --messages "$MESSAGES" --pace "$PACE"
} | tee "$RESULTS_FILE"

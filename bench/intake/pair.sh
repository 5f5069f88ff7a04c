#!/usr/bin/env bash
# Two builds side by side (#17.4): an A/B of the server's CPU per request that holds on a machine whose speed drifts.
# Each binary serves its own fresh SQLite database (WAL, synchronous=FULL) filled by WARMUP seconds of creates at 4
# connections; then, for each path, ROUNDS rounds of one BURST-second wrk run (one connection, one request at a time)
# against A and then against B. CPU per request = the server process's user+system CPU in the burst / requests answered.
# Outside load slows both servers within a round alike, so the rounds' differences are the builds' own.
#
#   bash bench/intake/pair.sh BEFORE_BIN AFTER_BIN
#
# Overrides: PATHS (space-separated, default the 50-row list's second page), ROUNDS (8), BURST (3), WARMUP (8),
# RESULTS_FILE (bench/results/intake-pair.txt).
set -euo pipefail
[[ $# -eq 2 && -x $1 && -x $2 ]] || { echo "usage: bash bench/intake/pair.sh BEFORE_BIN AFTER_BIN" >&2; exit 2; }
command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install wrk)" >&2; exit 1; }
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO_DIR"
BIN_A=$(realpath "$1") BIN_B=$(realpath "$2")
read -r -a PATHS <<<"${PATHS:-/api/v1/tickets?per=50&page=2}"
ROUNDS=${ROUNDS:-8} BURST=${BURST:-3} WARMUP=${WARMUP:-8}
RESULTS_FILE=${RESULTS_FILE:-$REPO_DIR/bench/results/intake-pair.txt}
CLK_TCK=$(getconf CLK_TCK)
export KEFU_ADMIN_PASSWORD=bench-admin-2026 KEFU_BCRYPT_COST=4 KEFU_LOG_LEVEL=warning
TMP=$(mktemp -d)
declare -A PID TOKEN PORT=([A]=18101 [B]=18102)
cleanup() { kill "${PID[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

cpu_ticks() { local s; s=$(<"/proc/$1/stat"); s=${s##*) }; local f; read -r -a f <<<"$s"; echo $((f[11] + f[12])); }
start() {
  local side=$1 bin=$2 base=http://127.0.0.1:${PORT[$1]}
  DATABASE_URL="sqlite://$TMP/$side.sqlite" "$bin" migrate >/dev/null
  DATABASE_URL="sqlite://$TMP/$side.sqlite" "$bin" serve --port "${PORT[$side]}" >"$TMP/$side.log" 2>&1 &
  PID[$side]=$!
  for _ in $(seq 1 150); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  TOKEN[$side]=$(curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$KEFU_ADMIN_PASSWORD\"}" \
    "$base/api/v1/auth/token" | sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
  [[ -n ${TOKEN[$side]} ]] || { echo "bench: no token from $side ($TMP/$side.log)" >&2; exit 1; }
  wrk -t1 -c4 -d"${WARMUP}s" -s bench/lua/create.lua "$base" -- "${TOKEN[$side]}" 11 >/dev/null
}

OUT=$TMP/rounds.txt
say() { echo "$*"; echo "$*" >>"$OUT"; }
say "intake pair $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), cpu pressure $(head -1 /proc/pressure/cpu 2>/dev/null || echo '?')"
say "A: $BIN_A"
say "B: $BIN_B"
start A "$BIN_A"
start B "$BIN_B"
sleep 3
for path in "${PATHS[@]}"; do
  for round in $(seq 1 "$ROUNDS"); do
    line="$path round $round"
    for side in A B; do
      c0=$(cpu_ticks "${PID[$side]}")
      out=$(wrk -t1 -c1 -d"${BURST}s" -s bench/lua/get.lua "http://127.0.0.1:${PORT[$side]}" -- "${TOKEN[$side]}" "$path")
      c1=$(cpu_ticks "${PID[$side]}")
      if grep -q 'Non-2xx' <<<"$out"; then echo "bench: $side answered $path with errors" >&2; exit 1; fi
      n=$(grep -oE '^ *[0-9]+ requests' <<<"$out" | grep -oE '[0-9]+')
      line+=" $side=$(awk -v t=$((c1 - c0)) -v h="$CLK_TCK" -v n="$n" 'BEGIN{printf "%.4f", t * 1000 / h / n}')"
    done
    say "$line"
  done
done
# Per path: the mean CPU per request of each side and the rounds in which B used less.
awk '/ round /{ split($4, a, "="); split($5, b, "="); n[$1]++; sa[$1] += a[2]; sb[$1] += b[2]; if (b[2] < a[2]) w[$1]++ }
  END { for (p in n) printf "%s: A %.3f ms, B %.3f ms a request (%+.1f %%), B lower in %d of %d rounds\n", p, sa[p]/n[p], sb[p]/n[p], (sb[p]-sa[p])*100/sa[p], w[p], n[p] }' \
  "$OUT" | tee -a "$OUT"
cp "$OUT" "$RESULTS_FILE"
echo "results: $RESULTS_FILE"

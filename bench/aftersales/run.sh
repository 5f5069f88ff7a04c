#!/usr/bin/env bash
# After-sales benchmark: complaint-ticket creation (ticket + case in one transaction), the complaint list with
# thousands of cases, public survey submissions, and the satisfaction report. Release build, SQLite, 127.0.0.1 only.
#   swift build -c release --product kefu && bash bench/aftersales/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KEFU_BIN=${KEFU_BIN:-$ROOT/.build/release/kefu}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
CAMPAIGNS=${CAMPAIGNS:-6}
OUT=${RESULTS_FILE:-$ROOT/bench/results/aftersales-latest.txt}
mkdir -p "$ROOT/bench/results/tmp"; WORK=$(mktemp -d "$ROOT/bench/results/tmp/aftersales.XXXXXX")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
PW="bench-$RANDOM-$RANDOM"
DATABASE_URL="sqlite://$WORK/kefu.sqlite" KEFU_ADMIN_PASSWORD="$PW" "$KEFU_BIN" serve --hostname 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 1; done
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
post() { curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $1" -d "$3" "$BASE$2"; }
ADMIN=$(curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PW\"}" "$BASE/api/v1/auth/token" | json 'd["token"]')
ROOTU=$(curl -fsS -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/org-units" | json '[u for u in d["items"] if not u.get("parentId")][0]["id"]')
CS=$(post "$ADMIN" /api/v1/org-units "{\"code\":\"CS\",\"name\":\"客服部\",\"kind\":\"department\",\"parentId\":\"$ROOTU\"}" | json 'd["id"]')
post "$ADMIN" /api/v1/users "{\"username\":\"bench-agent\",\"password\":\"$PW\",\"displayName\":\"坐席\",\"orgUnitId\":\"$CS\",\"roles\":[\"cs_agent\",\"cs_supervisor\"]}" >/dev/null
AGENT=$(curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"bench-agent\",\"password\":\"$PW\"}" "$BASE/api/v1/auth/token" | json 'd["token"]')
: >"$OUT"
run() { # phase script args...
  local phase=$1 script=$2; shift 2
  BENCH_PHASE=$phase wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/bench/aftersales/$script" "$BASE" -- "$@" 2>"$WORK/$phase.err" \
    | grep '^RESULT' | tee -a "$OUT"
}
run complaint-create complaint.lua "$AGENT"
CASES=$(curl -fsS -H "Authorization: Bearer $AGENT" "$BASE/api/v1/complaints?per=1" | json 'd["total"]')
echo "complaint cases in the database: $CASES" | tee -a "$OUT"
run complaint-list get.lua "$AGENT" "/api/v1/complaints?per=50"
run complaint-report get.lua "$AGENT" "/api/v1/reports/complaints"
# Survey links: campaigns of up to 1000 customers each (the customers the complaint tickets registered).
python3 - "$BASE" "$AGENT" "$CAMPAIGNS" >"$WORK/tokens.txt" <<'PY'
import json, sys, urllib.request
base, token, campaigns = sys.argv[1], sys.argv[2], int(sys.argv[3])
def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None,
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))
ids = [c["id"] for page in range(1, 6) for c in call("GET", f"/api/v1/customers?per=200&page={page}")["items"]]
for n in range(campaigns):
    for inv in call("POST", "/api/v1/survey-campaigns", {"name": f"基准{n}", "quarter": "2026-Q4", "customerIds": ids})["invitations"]:
        print(inv["token"])
PY
echo "survey links: $(wc -l <"$WORK/tokens.txt")" | tee -a "$OUT"
run survey-submit survey.lua "$WORK/tokens.txt" "$THREADS"
# wrk keeps polling /healthz after the last link; the submission rate comes from the stored submission times.
sqlite3 "$WORK/kefu.sqlite" "SELECT COUNT(*), MAX(submitted_at) - MIN(submitted_at), SUM(complaint_id IS NOT NULL) FROM survey_responses" \
  | awk -F'|' '{ printf "survey responses recorded: %d in %.2f s = %.0f submissions/s; %d of them 不满意, each opening a complaint ticket and case\n", $1, $2/1000, $1/($2/1000), $3 }' \
  | tee -a "$OUT"
run satisfaction-report get.lua "$AGENT" "/api/v1/reports/satisfaction?groupBy=department"
echo "RSS of the server at the end: $(ps -o rss= -p $PID) KiB" | tee -a "$OUT"

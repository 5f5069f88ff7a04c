"""#15.9 client of bench/people/run.sh: times shift-swap requests (accepted and refused) and the monthly scorecard of
all agents, client-side (perf_counter around one HTTP request on a kept-alive connection), against 127.0.0.1 only."""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchclient import Client  # noqa: E402


def pct(values: list[float], p: int) -> float:
    s = sorted(values)
    rank = max(1, (p * len(s) + 99) // 100)
    return s[rank - 1]


def summary(name: str, values: list[float], target: str) -> str:
    return (f"{name}: n={len(values)} p50={pct(values, 50):.1f} ms p95={pct(values, 95):.1f} ms max={max(values):.1f} ms "
            f"mean={sum(values) / len(values):.1f} ms — target {target}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--today", type=int, required=True, help="today's day number (days since 1970-01-01, Asia/Shanghai)")
    ap.add_argument("--agents", type=int, default=200)
    ap.add_argument("--swaps", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--admin-password", required=True)
    ap.add_argument("--agent-password", required=True)
    a = ap.parse_args()
    c = Client(a.base)

    # (a) Swap requests: agent 2k gives its shift on a day its partner 2k+1 is off (so neither gets two shifts a day),
    # the partner gives the next day's; days 30–110 ahead, a week apart per round so the month limit and the
    # consecutive-swap rule are not reached. A 放假 day is refused (holiday_duty) and skipped, not timed as accepted.
    accepted: list[float] = []
    refused: list[float] = []
    codes: dict[str, int] = {}
    tokens: dict[int, str] = {}
    pairs = a.agents // 2
    attempt = 0
    while len(accepted) < a.swaps and attempt < a.swaps * 4:
        k = attempt % pairs
        week = attempt // pairs
        attempt += 1
        n_a, n_b = 2 * k, 2 * k + 1
        base_day = a.today + 30 + week * 7 * 2
        d = next(x for x in range(base_day, base_day + 7) if (x + n_b) % 7 == 0)
        if n_a not in tokens:
            tokens[n_a] = c.token(f"bench-agent-{n_a + 1:03d}", a.agent_password)
        body = {"requesterShiftId": f"re-{n_a}-{d}", "counterpartShiftId": f"re-{n_b}-{d + 1}", "reason": "家中有事"}
        status, reply, ms = c.call("POST", "/api/v1/shift-swaps", body, tokens[n_a])
        code = reply.get("error", {}).get("code") if isinstance(reply, dict) and status != 201 else str(status)
        codes[code] = codes.get(code, 0) + 1
        if status == 201:
            accepted.append(ms)
            # The same two shifts again: refused at once (consecutive_swap, SHF-08).
            status2, reply2, ms2 = c.call("POST", "/api/v1/shift-swaps", body, tokens[n_a])
            code2 = reply2.get("error", {}).get("code") if isinstance(reply2, dict) else str(status2)
            codes[f"again:{code2}"] = codes.get(f"again:{code2}", 0) + 1
            if status2 == 422:
                refused.append(ms2)
    print(f"swap answers: {json.dumps(codes, ensure_ascii=False, sort_keys=True)}")
    if accepted:
        print(summary("(a) swap request accepted (201)", accepted, "≤ 10 ms"))
    if refused:
        print(summary("(a) swap request refused (422)", refused, "≤ 10 ms"))

    # (b) The monthly scorecard of all agents (the last full month, the API's default), as the head office sees it.
    admin = c.token("admin", a.admin_password)
    times: list[float] = []
    rows = total = 0
    period = ""
    for _ in range(a.repeats + 1):
        status, reply, ms = c.call("GET", f"/api/v1/reports/agent-scorecards?per={min(a.agents, 200)}", None, admin)
        assert status == 200, (status, reply)
        times.append(ms)
        rows, total, period = len(reply["items"]), reply["total"], f"{reply['from']}..{reply['to']}"
        sample = reply["items"][0]
    warm = times[1:]
    print(f"(b) scorecard {period}: {rows} rows of {total}; first call {times[0]:.0f} ms; "
          + summary(f"warm (median of {len(warm)})", warm, "≤ 1000 ms").split(": ", 1)[1])
    print(f"    sample row: {json.dumps({k: sample[k] for k in ('name', 'taken', 'firstResponse', 'resolution', 'satisfaction', 'complaints', 'score')}, ensure_ascii=False)}")


if __name__ == "__main__":
    main()

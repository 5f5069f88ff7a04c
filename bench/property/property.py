"""#14 item 2 client of bench/property/run.sh: sets up an estate of N units through the API, times the generation of
its monthly fee notices (PRP-01) and, after run.sh has seeded the payments, the collection-rate report (PRP-02,
RPT-10) over all the months, client-side (perf_counter around one HTTP request on a kept-alive connection)."""

from __future__ import annotations

import argparse
import json
import statistics
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchclient import Client  # noqa: E402


def month(first_index: int, i: int) -> str:
    m = first_index + i
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def generate(c: Client, token: str, units: int, months: int, state_file: str) -> None:
    status, estate, _ = c.call("POST", "/api/v1/property/estates", {"name": "基准小区", "address": "bench"}, token)
    assert status == 201, (status, estate)
    eid = estate["id"]
    first = 2024 * 12  # 2024-01
    for rate in ({"fee": "物业费", "kind": "property_fee", "rate": "1.85", "effectiveFrom": month(first, 0)},
                 {"fee": "公摊", "kind": "public_cost", "basis": "area_share", "rate": "20000.00", "appliesTo": "residential,shop", "effectiveFrom": month(first, 0)},
                 {"fee": "特约服务", "kind": "special_service", "rate": "30.00", "appliesTo": "residential", "effectiveFrom": month(first, 0)}):
        status, body, _ = c.call("POST", f"/api/v1/property/estates/{eid}/fee-rates", rate, token)
        assert status == 201, (status, body)
    made = 0
    unit_ms = []
    while made < units:
        batch = []
        for i in range(made, min(made + 5000, units)):
            building, room = divmod(i, 200)
            use = "shop" if room < 4 else ("vacant" if room % 50 == 49 else "residential")
            batch.append({"building": f"{building + 1}栋", "room": f"{room // 4 + 1:02d}{room % 4 + 1:02d}", "area": f"{60 + (i * 37) % 90}.{i % 100:02d}",
                          "use": use, "occupantName": f"住户{i}", "occupantPhone": f"139{i:08d}"})
        status, body, ms = c.call("POST", f"/api/v1/property/estates/{eid}/units", {"units": batch}, token)
        assert status == 201, (status, str(body)[:300])
        unit_ms.append(ms)
        made += len(batch)
    print(f"units: {units} registered in {len(unit_ms)} requests, {sum(unit_ms):.0f} ms in all")
    gen_ms = []
    for i in range(months):
        status, body, ms = c.call("POST", f"/api/v1/property/estates/{eid}/notices", {"month": month(first, i)}, token)
        assert status == 200 and body["made"] > 0, (status, body)
        gen_ms.append(ms)
    status, again, rerun_ms = c.call("POST", f"/api/v1/property/estates/{eid}/notices", {"month": month(first, 0)}, token)
    assert status == 200 and again["made"] == 0, again
    print(f"(a) notices of the first month ({units} units): {gen_ms[0]:.0f} ms — target ≤ 2000 ms: {'met' if gen_ms[0] <= 2000 else 'NOT met'}")
    print(f"    all {months} months: median {statistics.median(gen_ms):.0f} ms, max {max(gen_ms):.0f} ms (month {gen_ms.index(max(gen_ms)) + 1}); "
          f"an idempotent re-run of month 1: {rerun_ms:.0f} ms (made 0)")
    with open(state_file, "w") as f:
        json.dump({"estate": eid, "from": month(first, 0), "to": month(first, months - 1)}, f)


def report(c: Client, token: str, repeats: int, state_file: str) -> None:
    with open(state_file) as f:
        s = json.load(f)
    worst = 0.0
    for period in ("month", "quarter", "year"):
        times = []
        rows = 0
        for _ in range(repeats):
            status, body, ms = c.call("GET", f"/api/v1/property/estates/{s['estate']}/collection-rate?period={period}&from={s['from']}&to={s['to']}", token=token)
            assert status == 200, (status, body)
            rows = len(body["rows"])
            times.append(ms)
        worst = max(worst, max(times))
        print(f"(b) collection rate by {period} over {s['from']}..{s['to']} ({rows} rows): median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")
    print(f"    target ≤ 500 ms: {'met' if worst <= 500 else 'NOT met'} (worst {worst:.1f} ms)")
    times = []
    for _ in range(repeats):
        status, body, ms = c.call("GET", f"/api/v1/property/notices?estateId={s['estate']}&arrears=1&per=50", token=token)
        assert status == 200, (status, body)
        times.append(ms)
    print(f"    arrears list, first page of {body['total']}: median {statistics.median(times):.1f} ms")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--phase", choices=["generate", "report"], required=True)
    p.add_argument("--units", type=int, default=20000)
    p.add_argument("--months", type=int, default=36)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--admin-password", required=True)
    p.add_argument("--state", required=True)
    a = p.parse_args()
    c = Client(a.base, timeout=300)
    token = c.token("admin", a.admin_password)
    if a.phase == "generate":
        generate(c, token, a.units, a.months, a.state)
    else:
        report(c, token, a.repeats, a.state)


if __name__ == "__main__":
    main()

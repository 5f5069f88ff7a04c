#!/usr/bin/env python3
"""#13.1 benchmark: with N open material requests (default 50,000), the weekly open-requests report
(GET /api/v1/reports/open-requests, target <= 1 s) and a planner's filtered list
(GET /api/v1/material-requests?state=planner_review, target <= 50 ms p95), against a real `kefu serve` on 127.0.0.1
(SQLite).

    swift build -c release --product kefu          # or KEFU_BIN=.build/debug/kefu (say so in the results)
    python3 bench/requests/requests.py [--requests 50000] [--tag debug]

A few requests are written through the API (so every column is as the service writes it); the rest are copies made
by SQL with the server stopped (the way bench/materials loads its large ledger), spread over 20 sites of the
department, every state but closed. Writes bench/results/requests-sqlite[-tag].txt."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench" / "materials"))
sys.path.insert(0, str(REPO / "bench"))
import materials  # noqa: E402  (Server, Client, SiteBooks, stats)

OPEN_STATES = ["draft", "site_review", "planner_review", "supervisor_review", "manager_review", "sent_to_production",
               "shipping_from_stock", "procurement", "supplier_shipping"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=50_000)
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--tag", default="")
    args = ap.parse_args()
    out: list[str] = []

    def report(line: str):
        print(line, flush=True)
        out.append(line)

    server, workdir = materials.start_server("sqlite", "", "kefu-req-bench-", report)
    try:
        books = materials.SiteBooks(server, [("hq", ["mgmt_materials"], "root"), ("keeper", ["site_keeper"], "site"),
                                             ("plan", ["dept_planner"], "dept"), ("mgr", ["dept_manager"], "dept")])
        hq, keeper = books.clients["hq"], books.clients["keeper"]
        item = hq.call("POST", "/api/v1/items", {"code": "REQ-1", "name": "密封圈", "unit": "个", "category": "consumable", "repairClass": "I"})["id"]
        for n in range(20):
            books.admin.call("POST", "/api/v1/org-units", {"code": f"BS{n:02d}", "name": f"现场{n}", "kind": "site", "parentId": books.dept})
        template = keeper.call("POST", "/api/v1/material-requests", {"kind": "consumable", "reason": "基准", "lines": [{"itemId": item, "quantity": 3}]})["id"]
        server.stop()

        db = sqlite3.connect(str(workdir / "kefu.sqlite"))
        sites = [r for r in db.execute("SELECT id, path FROM org_units WHERE parent_id = ?", (books.dept,))]
        cols = [r[1] for r in db.execute("PRAGMA table_info(material_requests)")]
        row = dict(zip(cols, db.execute("SELECT * FROM material_requests WHERE id = ?", (template,)).fetchone()))
        now = int(time.time() * 1000)
        t0 = time.perf_counter()
        batch, lines = [], []
        for n in range(args.requests):
            site_id, site_path = sites[n % len(sites)]
            state = OPEN_STATES[n % len(OPEN_STATES)]
            r = dict(row, id=f"bench{n:07d}", number=f"LL-2026-{n + 100:07d}", org_unit_id=site_id, org_path=site_path, state=state,
                     created_at=now - (n % 60) * 86_400_000, updated_at=now,
                     planner_due_at=(now + 3_600_000 * ((n % 48) - 24)) if state == "planner_review" else None)
            batch.append(tuple(r[c] for c in cols))
            lines.append((r["id"], 1, item, 3000, ""))
        db.executemany(f"INSERT INTO material_requests ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", batch)
        db.executemany("INSERT INTO material_request_lines (request_id, line_no, item_id, quantity, note) VALUES (?, ?, ?, ?, ?)", lines)
        db.commit()
        db.close()
        report(f"loaded {args.requests} open requests over {len(sites)} sites by SQL in {time.perf_counter() - t0:.1f} s")
        server.start()
        mgr = materials.Client(server.port, server.token("mgr", "password-mgr"))
        plan = materials.Client(server.port, server.token("plan", "password-plan"))

        samples = []
        for _ in range(5):
            t, rep = mgr.timed("GET", f"/api/v1/reports/open-requests?orgUnitId={books.dept}")
            samples.append(t)
        report(f"weekly open-requests report, {rep['total']} open requests of the department (all rows in one JSON): "
               f"{materials.stats(samples)} (target <= 1000 ms)")

        samples = []
        for _ in range(args.samples):
            t, page = plan.timed("GET", "/api/v1/material-requests?state=planner_review&per=25")
            samples.append(t)
        report(f"planner's filtered list (state=planner_review, 25 per page of {page['total']}): {materials.stats(samples)} (target p95 <= 50 ms)")
    finally:
        server.stop()
    name = "requests-sqlite" + (f"-{args.tag}" if args.tag else "") + ".txt"
    (REPO / "bench/results" / name).write_text("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

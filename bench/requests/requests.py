#!/usr/bin/env python3
"""#13.1 benchmark: with N open material requests (default 50,000), the weekly open-requests report
(GET /api/v1/reports/open-requests, target <= 1 s) and a planner's filtered list
(GET /api/v1/material-requests?state=planner_review, target <= 50 ms p95), against a real `kefu serve` on 127.0.0.1
(SQLite, or PostgreSQL with `--engine postgres` in the database kefu_requests_bench, created and dropped by bench/pgdb.py).

    swift build -c release --product kefu          # or KEFU_BIN=.build/debug/kefu (say so in the results)
    python3 bench/requests/requests.py [--engine sqlite|postgres] [--requests 50000] [--tag debug]

A few requests are written through the API (so every column is as the service writes it); the rest are copies made
by SQL with the server stopped (the way bench/materials loads its large ledger), spread over 20 sites of the
department, every state but closed. Writes bench/results/requests-<engine>[-tag].txt."""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench" / "materials"))
sys.path.insert(0, str(REPO / "bench"))
import materials  # noqa: E402  (Server, Client, SiteBooks, stats)
import pgdb  # noqa: E402

PG_URL = "postgres://kefu:kefu@127.0.0.1:5432/kefu_requests_bench?tlsmode=disable"

OPEN_STATES = ["draft", "site_review", "planner_review", "supervisor_review", "manager_review", "sent_to_production",
               "shipping_from_stock", "procurement", "supplier_shipping"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--requests", type=int, default=50_000)
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--tag", default="")
    ap.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards (to look at plans)")
    args = ap.parse_args()
    out: list[str] = []

    def report(line: str):
        print(line, flush=True)
        out.append(line)

    server, workdir = materials.start_server(args.engine, PG_URL, "kefu-req-bench-", report)
    try:
        books = materials.SiteBooks(server, [("hq", ["mgmt_materials"], "root"), ("keeper", ["site_keeper"], "site"),
                                             ("plan", ["dept_planner"], "dept"), ("mgr", ["dept_manager"], "dept")])
        hq, keeper = books.clients["hq"], books.clients["keeper"]
        item = hq.call("POST", "/api/v1/items", {"code": "REQ-1", "name": "密封圈", "unit": "个", "category": "consumable", "repairClass": "I"})["id"]
        for n in range(20):
            books.admin.call("POST", "/api/v1/org-units", {"code": f"BS{n:02d}", "name": f"现场{n}", "kind": "site", "parentId": books.dept})
        template = keeper.call("POST", "/api/v1/material-requests", {"kind": "consumable", "reason": "基准", "lines": [{"itemId": item, "quantity": 3}]})["id"]
        server.stop()

        t0 = time.perf_counter()
        if args.engine == "sqlite":
            load_sqlite(workdir, books.dept, template, item, args.requests)
        else:
            load_postgres(books.dept, template, item, args.requests)
        report(f"loaded {args.requests} open requests over the department's 21 sites by SQL in {time.perf_counter() - t0:.1f} s")
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
        if args.engine == "postgres" and not args.keep:
            pgdb.drop(PG_URL)
    name = f"requests-{args.engine}" + (f"-{args.tag}" if args.tag else "") + ".txt"
    (REPO / "bench/results" / name).write_text("\n".join(out) + "\n")
    return 0


def load_sqlite(workdir: Path, dept: str, template: str, item: str, count: int) -> None:
    db = sqlite3.connect(str(workdir / "kefu.sqlite"))
    sites = [r for r in db.execute("SELECT id, path FROM org_units WHERE parent_id = ?", (dept,))]
    cols = [r[1] for r in db.execute("PRAGMA table_info(material_requests)")]
    row = dict(zip(cols, db.execute("SELECT * FROM material_requests WHERE id = ?", (template,)).fetchone()))
    now = int(time.time() * 1000)
    batch, lines = [], []
    for n in range(count):
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


def psql(statement: str) -> list[str]:
    r = subprocess.run([sys.executable, str(REPO / "bench/pgdb.py"), "psql", PG_URL, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", statement],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"psql failed: {r.stderr.strip()}")
    return [line for line in r.stdout.splitlines() if line.strip()]


def load_postgres(dept: str, template: str, item: str, count: int) -> None:
    """The same rows as load_sqlite, made by PostgreSQL itself from the template request (generate_series)."""
    sites = [line.split("|") for line in psql(f"SELECT id, path FROM org_units WHERE parent_id = '{dept}' ORDER BY code")]
    cols = psql("SELECT column_name FROM information_schema.columns WHERE table_name = 'material_requests' ORDER BY ordinal_position")
    ids = "ARRAY[" + ", ".join(f"'{s[0]}'" for s in sites) + "]"
    paths = "ARRAY[" + ", ".join(f"'{s[1]}'" for s in sites) + "]"
    states = "ARRAY[" + ", ".join(f"'{s}'" for s in OPEN_STATES) + "]"
    now = int(time.time() * 1000)
    planner = OPEN_STATES.index("planner_review")
    varied = {
        "id": "'bench' || lpad(g::text, 7, '0')",
        "number": "'LL-2026-' || lpad((g + 100)::text, 7, '0')",
        "org_unit_id": f"({ids})[g % {len(sites)} + 1]",
        "org_path": f"({paths})[g % {len(sites)} + 1]",
        "state": f"({states})[g % {len(OPEN_STATES)} + 1]",
        "created_at": f"{now}::bigint - (g % 60)::bigint * 86400000",
        "updated_at": f"{now}::bigint",
        "planner_due_at": f"CASE WHEN g % {len(OPEN_STATES)} = {planner} THEN {now}::bigint + 3600000::bigint * ((g % 48) - 24) END",
    }
    select = ", ".join(varied.get(c, f"t.{c}") for c in cols)
    psql(f"INSERT INTO material_requests ({', '.join(cols)}) SELECT {select} FROM material_requests t, generate_series(0, {count - 1}) g "
         f"WHERE t.id = '{template}'")
    psql(f"INSERT INTO material_request_lines (request_id, line_no, item_id, quantity, note) "
         f"SELECT 'bench' || lpad(g::text, 7, '0'), 1, '{item}', 3000, '' FROM generate_series(0, {count - 1}) g")
    psql("ANALYZE")


if __name__ == "__main__":
    sys.exit(main())

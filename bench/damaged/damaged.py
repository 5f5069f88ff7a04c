#!/usr/bin/env python3
"""Damaged-part return warnings benchmark (issue #13, item 9): the return status of all sites over 200,000
damaged-part rows <= 200 ms (GET /api/v1/damaged-parts/return-status, RPT-08, DMG-03).

  swift build -c release --product kefu
  python3 bench/damaged/damaged.py --engine sqlite   [--rows 200000] [--sites 100]
  python3 bench/damaged/damaged.py --engine postgres
  KEFU_BIN=.build/debug/kefu python3 bench/damaged/damaged.py --rows 50000 --tag=-debug

A business department with `--sites` sites, each with a damaged-goods warehouse. Through the API every site registers
a part, and every other site packs, ticks the checklist and ships one batch (the real code path and real rows). The
rest of the register is then written straight into the database: `--rows` parts in all, 95 % of them returned long
ago (received, in 10-part shipped batches) and 5 % still at their site (registered or packed) — the history a few
years of a large fleet leaves. The HQ materials office then asks for the status of every site, timed by the client
(HTTP round trip). The query plans of the two grouped reads are printed (they must use `damaged_parts_awaiting` and
`damaged_returns_shipped`, never scan the register). Load goes to 127.0.0.1 only; PostgreSQL: a fresh database
kefu_damaged_bench (created and dropped by bench/pgdb.py).
"""
from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "bench/materials"))
import materials as mb  # noqa: E402  (Server, Client, stats, BIN, start_server)
import pgdb  # noqa: E402

PG_URL = "postgres://kefu:kefu@127.0.0.1:5432/kefu_damaged_bench?tlsmode=disable"

AWAITING_QUERY = ("SELECT p.org_unit_id, COUNT(*) AS n, CAST(COALESCE(SUM(p.packed_volume), 0) AS BIGINT) AS volume, MIN(p.registered_on) AS first_on "
                  "FROM damaged_parts p WHERE p.status IN ('registered', 'packed') GROUP BY p.org_unit_id")
SHIPPED_QUERY = "SELECT r.org_unit_id, MAX(r.shipped_on) AS last_on FROM damaged_returns r WHERE r.shipped_on IS NOT NULL GROUP BY r.org_unit_id"


def seed_sql(engine: str, rows: int) -> list[str]:
    """Set-based inserts: parts numbered 1..rows, copying site, warehouse, path and item from the API's own rows."""
    if engine == "sqlite":
        series = f"WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {rows})"
        batches = f"WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {rows // 10})"
        day = "date('2022-01-01', '+' || ({x} % 1400) || ' days')"
        pad = "printf('%07d', {x})"
    else:
        series = f"WITH s(n) AS (SELECT generate_series(1, {rows}))"
        batches = f"WITH s(n) AS (SELECT generate_series(1, {rows // 10}))"
        day = "to_char(DATE '2022-01-01' + ({x} % 1400), 'YYYY-MM-DD')"
        pad = "lpad(({x})::text, 7, '0')"
    sites = "(SELECT org_unit_id, org_path, warehouse_id, item_id, ROW_NUMBER() OVER (ORDER BY org_unit_id) - 1 AS k FROM damaged_parts WHERE number NOT LIKE 'SH-BENCH-%')"
    nsites = "(SELECT COUNT(*) FROM damaged_parts WHERE number NOT LIKE 'SH-BENCH-%')"
    return [
        # Shipped, received history batches: one per 10 parts, spread over the sites.
        f"""INSERT INTO damaged_returns (id, number, org_unit_id, org_path, status, wooden_crate, plastic_lining, separators, note, created_by, created_at,
                shipped_on, shipped_by, shipped_at, received_by, received_at)
            {batches} SELECT 'bench-r-' || s.n, 'FH-BENCH-' || {pad.format(x='s.n')}, t.org_unit_id, t.org_path, 'received', 1, 1, 1, '', 'bench', 0,
                {day.format(x='s.n')}, 'bench', 0, 'bench', 0
            FROM s JOIN {sites} t ON t.k = s.n % {nsites}""",
        # The register: 95 % received (in those batches), 5 % still at the site.
        f"""INSERT INTO damaged_parts (id, number, warehouse_id, org_unit_id, org_path, item_id, quantity, turbine_number, replaced_by, replaced_on,
                new_serial, old_serial, cause, repair_class, ticket_id, packed_volume, status, return_id, registered_on, created_by, created_at)
            {series} SELECT 'bench-p-' || s.n, 'SH-BENCH-' || {pad.format(x='s.n')}, t.warehouse_id, t.org_unit_id, t.org_path, t.item_id, 1000,
                'T-' || (s.n % 33), '张工', {day.format(x='s.n')}, 'N' || s.n, 'O' || s.n, '磨损', CASE WHEN s.n % 3 = 0 THEN 'II' ELSE 'I' END, NULL,
                CASE WHEN s.n % 20 = 0 THEN 40 ELSE 120 END,
                CASE WHEN s.n % 20 = 0 THEN (CASE WHEN s.n % 40 = 0 THEN 'packed' ELSE 'registered' END) ELSE 'received' END,
                CASE WHEN s.n % 20 = 0 THEN NULL ELSE 'bench-r-' || (1 + (s.n - 1) % {max(1, rows // 10)}) END,
                {day.format(x='s.n')}, 'bench', 0
            FROM s JOIN {sites} t ON t.k = s.n % {nsites}""",
    ]


def run_sql(engine: str, workdir: Path, statements: list[str], fetch: bool = False) -> list[str]:
    out: list[str] = []
    if engine == "sqlite":
        con = sqlite3.connect(str(workdir / "kefu.sqlite"), timeout=60)
        for st in statements:
            rows = con.execute(st).fetchall()
            if fetch:
                out += [" | ".join(str(c) for c in r) for r in rows]
        con.commit()
        con.execute("ANALYZE")
        con.close()
    else:
        for st in statements:
            r = subprocess.run([sys.executable, str(REPO / "bench/pgdb.py"), "psql", PG_URL, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", st],
                               check=True, capture_output=True, text=True)
            if fetch:
                out += [line for line in r.stdout.splitlines() if line.strip()]
        subprocess.run([sys.executable, str(REPO / "bench/pgdb.py"), "psql", PG_URL, "-X", "-q", "-c", "ANALYZE"], check=True, capture_output=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--sites", type=int, default=100)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--tag", default="")
    args = ap.parse_args()
    out: list[str] = []

    def report(line: str):
        print(line, flush=True)
        out.append(line)

    server, workdir = mb.start_server(args.engine, PG_URL, "kefu-damaged-bench-", report)
    try:
        books = mb.SiteBooks(server, [("hq", ["mgmt_materials"], "root")])
        hq = books.clients["hq"]
        item = hq.call("POST", "/api/v1/items", {"code": "DM-GEAR", "name": "齿轮箱", "unit": "台", "category": "spare_part", "repairClass": "II"})["id"]
        for k in range(args.sites):
            site = books.admin.call("POST", "/api/v1/org-units", {"code": f"DS{k:03d}", "name": f"现场{k:03d}", "kind": "site", "parentId": books.dept})["id"]
            wh = hq.call("POST", "/api/v1/warehouses", {"code": f"DW{k:03d}", "name": f"现场{k:03d}损坏品库", "orgUnitId": site, "condition": "damaged"})["id"]
            part = hq.call("POST", "/api/v1/damaged-parts", {"warehouseId": wh, "itemId": item, "quantity": 1, "turbineNumber": f"T{k}", "replacedBy": "张工",
                                                             "newSerial": f"N{k}", "oldSerial": f"O{k}", "cause": "磨损", "packedVolume": "0.5"})["id"]
            if k % 2 == 0:
                batch = hq.call("POST", "/api/v1/damaged-returns", {"partIds": [part]})["id"]
                hq.call("PUT", f"/api/v1/damaged-returns/{batch}/checklist", {"woodenCrate": True, "plasticLining": True, "separators": True})
                hq.call("POST", f"/api/v1/damaged-returns/{batch}/ship", {})
        rest = args.rows - args.sites
        run_sql(args.engine, workdir, seed_sql(args.engine, rest))
        report(f"{args.sites} sites; {args.rows} damaged-part rows ({rest} written in bulk: 95 % received in {rest // 10} shipped batches, 5 % at their site)")
        explain = "EXPLAIN QUERY PLAN " if args.engine == "sqlite" else "EXPLAIN "
        for q in (AWAITING_QUERY, SHIPPED_QUERY):
            plan = run_sql(args.engine, workdir, [explain + q], fetch=True)
            report("plan: " + " / ".join(plan))
        samples = []
        for _ in range(args.runs):
            elapsed, status = hq.timed("GET", "/api/v1/damaged-parts/return-status")
            samples.append(elapsed)
        warned = sum(1 for s in status["items"] if s["warning"])
        report(f"return status of all {len(status['items'])} sites ({warned} warned): {mb.stats(samples)} (first {samples[0] * 1000:.2f} ms)")
        report(f"load average {mb.os.getloadavg()[0]:.1f}")
    finally:
        server.stop()
        if args.engine == "postgres":
            pgdb.drop(PG_URL)
    name = f"damaged-{args.engine}{args.tag}.txt"
    (REPO / "bench/results" / name).write_text("\n".join(out) + "\n")
    print("wrote bench/results/" + name)
    return 0


if __name__ == "__main__":
    sys.exit(main())

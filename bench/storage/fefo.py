#!/usr/bin/env python3
"""Storage benchmark (issue #12.4): FEFO pick for an item with 1,000 open batches, release build, 127.0.0.1 only.

  swift build -c release --product kefu
  python3 bench/storage/fefo.py --engine sqlite
  python3 bench/storage/fefo.py --engine postgres

One item with a shelf life lies in one warehouse in 1,000 batches (one 1,000-line receipt, each line its own batch
number and expiry, put away in 10 bins). Then, timed by the client (HTTP round trip, response included):
  1. the FEFO proposal: GET /api/v1/stock/batches?itemId=&warehouseId= (1,000 places in issue order);
  2. the FEFO pick in posting: audit of a saved one-line issue of that item (FEFO picks across the 1,000 batches and
     writes what it took; the audit also moves the balance and the ledger as every audit does), repeated;
  3. for comparison, the audit of the same one-line issue of an item without batches.
Target (#12 §9): FEFO pick ≤ 5 ms.
PostgreSQL: the fresh database kefu_storage_bench is created and dropped by bench/pgdb.py.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "bench/materials"))
import pgdb  # noqa: E402
from materials import SiteBooks, start_server, stats  # noqa: E402

PG_URL = "postgres://kefu:kefu@127.0.0.1:5432/kefu_storage_bench?tlsmode=disable"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--batches", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=100)
    ap.add_argument("--tag", default="", help="suffix of the results file name")
    args = ap.parse_args()
    out: list[str] = []

    def report(line: str):
        print(line, flush=True)
        out.append(line)

    server, workdir = start_server(args.engine, PG_URL, "kefu-storage-bench-", report)
    try:
        books = SiteBooks(server, [("hq", ["mgmt_materials"], "root"), ("acc", ["dept_accountant"], "dept")])
        hq, acc, w = books.clients["hq"], books.clients["acc"], books.warehouse
        dated = hq.call("POST", "/api/v1/items", {"code": "OIL-1", "name": "润滑油", "unit": "桶", "category": "consumable", "repairClass": "I",
                                                  "shelfLifeDays": 730})["id"]
        plain = hq.call("POST", "/api/v1/items", {"code": "BOLT-1", "name": "螺栓", "unit": "个", "category": "consumable", "repairClass": "I"})["id"]
        bins = [acc.call("POST", "/api/v1/bins", {"warehouseId": w, "rack": f"R{n}", "tier": "1", "position": "1"})["id"] for n in range(10)]
        rng = random.Random(12)
        lines = [{"itemId": dated, "quantity": 1000, "batchNo": f"B{n:05d}", "binId": bins[n % 10],
                  "expiryDate": f"20{27 + rng.randrange(3)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"} for n in range(args.batches)]
        receipt = acc.call("POST", "/api/v1/stock-documents", {"direction": "in", "reason": "spot_purchase", "warehouseId": w, "lines": lines})
        t, _ = acc.timed("POST", f"/api/v1/stock-documents/{receipt['id']}/audit")
        report(f"audit of a {args.batches}-line receipt, each line a new batch put away in a bin: {t * 1000:.0f} ms")
        plain_receipt = acc.call("POST", "/api/v1/stock-documents", {"direction": "in", "reason": "spot_purchase", "warehouseId": w,
                                                                     "lines": [{"itemId": plain, "quantity": 1_000_000}]})
        acc.call("POST", f"/api/v1/stock-documents/{plain_receipt['id']}/audit")

        proposal = []
        for _ in range(args.repeats):
            t, rows = acc.timed("GET", f"/api/v1/stock/batches?itemId={dated}&warehouseId={w}")
            proposal.append(t)
        assert len(rows) == args.batches, len(rows)
        report(f"FEFO proposal (GET /api/v1/stock/batches, {len(rows)} places in issue order): {stats(proposal)}")

        def issues(item: str, quantity: int) -> list[float]:
            ids = [acc.call("POST", "/api/v1/stock-documents", {"direction": "out", "reason": "self_use", "warehouseId": w,
                                                                 "lines": [{"itemId": item, "quantity": quantity}]})["id"] for _ in range(args.repeats)]
            return [acc.timed("POST", f"/api/v1/stock-documents/{i}/audit")[0] for i in ids]

        # 1,500 units a time: each pick empties one batch and half of the next (a batch holds 1,000).
        picked = issues(dated, 1500)
        report(f"FEFO pick in posting (audit of a 1-line issue of the item with {args.batches} open batches): {stats(picked)} (target <= 5 ms)")
        baseline = issues(plain, 1500)
        report(f"same audit, item without batches (baseline): {stats(baseline)}")
        after = acc.call("GET", f"/api/v1/stock/batches?itemId={dated}&warehouseId={w}")
        taken = sum(1 for r in after if r["quantity"] < 1000)
        report(f"after {args.repeats} issues: {len(after)} open batches, {taken} partly taken; earliest open expiry {after[0]['expiryDate']}")
    finally:
        server.stop()
        if args.engine == "postgres" and os.environ.get("KEEP_DB") != "1":
            pgdb.drop(PG_URL)
    name = f"storage-{args.engine}{('-' + args.tag) if args.tag else ''}.txt"
    (REPO / "bench/results" / name).write_text("\n".join(out) + "\n")
    print("written bench/results/" + name)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Site daily ledger benchmark (issue #12, item 9): posting a 200-line day <= 200 ms.

  swift build -c release --product kefu
  python3 bench/siteledger/siteledger.py --engine sqlite   [--days 20] [--lines 200]
  python3 bench/siteledger/siteledger.py --engine postgres

A site with 200 stocked items; each round the site keeper writes and submits a day of 200 own-use lines, and the
department accountant posts it with audit (POST /api/v1/site-ledgers/{id}/post {"audit": true}): one transaction that
drafts the issue, links it, audits it (balances and ledger rows for 200 items) and marks the day posted. The post is
timed by the client (HTTP round trip, response included). Load goes to 127.0.0.1 only.
Uses the server harness of bench/materials/materials.py (KEFU_BIN); PostgreSQL: a fresh database kefu_siteledger_bench
(created and dropped by bench/pgdb.py).
"""
from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "bench/materials"))
import materials as mb  # noqa: E402  (Server, Client, stats, BIN, PG_URL)
import pgdb  # noqa: E402

PG_URL = "postgres://kefu:kefu@127.0.0.1:5432/kefu_siteledger_bench?tlsmode=disable"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--days", type=int, default=20)
    ap.add_argument("--lines", type=int, default=200)
    ap.add_argument("--tag", default="")
    args = ap.parse_args()
    out: list[str] = []

    def report(line: str):
        print(line, flush=True)
        out.append(line)

    server, workdir = mb.start_server(args.engine, PG_URL, "kefu-siteledger-bench-", report)
    try:
        books = mb.SiteBooks(server, [("hq", ["mgmt_materials"], "root"), ("acc", ["dept_accountant"], "dept"), ("keeper", ["site_keeper"], "site")])
        hq, acc, keeper = books.clients["hq"], books.clients["acc"], books.clients["keeper"]
        wh = {"id": books.warehouse}
        items = [hq.call("POST", "/api/v1/items", {"code": f"SL-{i:05d}", "name": f"备件{i}", "unit": "个", "category": "spare_part", "repairClass": "II"})["id"]
                 for i in range(args.lines)]
        receipt = acc.call("POST", "/api/v1/stock-documents", {"direction": "in", "reason": "spot_purchase", "warehouseId": wh["id"],
                                                               "lines": [{"itemId": i, "quantity": 100000} for i in items]})
        acc.call("POST", f"/api/v1/stock-documents/{receipt['id']}/audit")
        report(f"{args.lines} items stocked; {args.days} days of {args.lines} own-use lines each")
        today = datetime.date.today()
        samples = []
        cpu = [0.0, 0.0]
        for k in range(args.days):
            date = (today - datetime.timedelta(days=k + 2)).isoformat()
            day = keeper.call("POST", "/api/v1/site-ledgers", {"warehouseId": wh["id"], "date": date, "lateReason": "补录",
                                                               "lines": [{"kind": "self_use", "itemId": i, "quantityOut": "1.5", "remark": "风机维护"} for i in items]})
            keeper.call("POST", f"/api/v1/site-ledgers/{day['id']}/submit", {"lateReason": "补录"})
            c = server.cpu()
            elapsed, posted = acc.timed("POST", f"/api/v1/site-ledgers/{day['id']}/post", {"audit": True})
            assert posted["status"] == "posted" and all(d["status"] == "audited" for d in posted["documents"]), posted
            samples.append(elapsed)
            c2 = server.cpu()
            cpu = [cpu[0] + c2[0] - c[0], cpu[1] + c2[1] - c[1]]
        report(f"post + audit of a {args.lines}-line day: {mb.stats(samples)} (first {samples[0] * 1000:.2f} ms)")
        report(f"CPU per post: server {cpu[0] / args.days * 1000:.0f} ms, postgres (whole cluster) {cpu[1] / args.days * 1000:.0f} ms; "
               f"load average {mb.os.getloadavg()[0]:.1f}")
        onhand = acc.call("GET", f"/api/v1/stock/on-hand?warehouseId={wh['id']}&itemId={items[0]}")
        report(f"check: on-hand of the first item {onhand[0]['quantity']} (expected {100000 - 1.5 * args.days:g})")
    finally:
        server.stop()
        if args.engine == "postgres":
            pgdb.drop(PG_URL)
    name = f"siteledger-{args.engine}{args.tag}.txt"
    (REPO / "bench/results" / name).write_text("\n".join(out) + "\n")
    print("wrote bench/results/" + name)
    return 0


if __name__ == "__main__":
    sys.exit(main())

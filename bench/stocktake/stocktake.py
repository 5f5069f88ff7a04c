#!/usr/bin/env python3
"""#12 benchmark: posting a 10,000-line stocktake (target <= 2 s) and importing a 10,000-line counted XLSX
(target <= 3 s), against a real `kefu serve` on 127.0.0.1 (SQLite by default, or PostgreSQL with --engine postgres).

    swift build -c release --product kefu          # or KEFU_BIN=.build/debug/kefu (say so in the results)
    python3 bench/stocktake/stocktake.py [--engine sqlite|postgres] [--lines 10000]

Needs python3 with openpyxl (the sheet is filled in by openpyxl, as a user's Excel would, deflate-compressed).
Writes bench/results/stocktake-<engine>.txt."""

from __future__ import annotations

import argparse
import http.client
import io
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench" / "materials"))
sys.path.insert(0, str(REPO / "bench"))
import materials  # noqa: E402  (Server, Client)

PG_URL = "postgres://kefu:kefu@127.0.0.1:5432/kefu_stk_bench?tlsmode=disable"


def raw(port: int, token: str, method: str, path: str, body: bytes | None = None, content_type: str | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    headers = {"Authorization": "Bearer " + token}
    if content_type:
        headers["Content-Type"] = content_type
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    if resp.status != 200:
        raise RuntimeError(f"{method} {path} -> {resp.status}: {data[:500]!r}")
    return data


def main() -> int:
    import openpyxl

    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--lines", type=int, default=10_000)
    args = ap.parse_args()
    out: list[str] = []

    def report(line: str):
        print(line, flush=True)
        out.append(line)

    server, workdir = materials.start_server(args.engine, PG_URL, "kefu-stk-bench-", report)
    try:
        books = materials.SiteBooks(server, [("hq", ["mgmt_materials"], "root"), ("acc", ["dept_accountant"], "dept"), ("mgr", ["dept_manager"], "dept")])
        hq, acc, mgr, acc_token, w = books.clients["hq"], books.clients["acc"], books.clients["mgr"], books.tokens["acc"], books.warehouse
        csv = "code,name,unit,category,repairClass\n" + "".join(f"P{n:05d},备件{n},个,spare_part,II\n" for n in range(args.lines))
        hq.call("POST", "/api/v1/items/import", {"csv": csv})
        items = []
        page = 1
        while len(items) < args.lines:
            items += [i["id"] for i in hq.call("GET", f"/api/v1/items?per=200&page={page}")["items"]]
            page += 1
        receipt = acc.call("POST", "/api/v1/stock-documents", {"direction": "in", "reason": "spot_purchase", "warehouseId": w,
                                                               "lines": [{"itemId": i, "quantity": 10} for i in items]})
        acc.call("POST", f"/api/v1/stock-documents/{receipt['id']}/audit")

        def stocktake():
            st = acc.call("POST", "/api/v1/stocktakes", {"warehouseIds": [w], "kind": "quarterly"})
            c = server.cpu()
            t, v = acc.timed("POST", f"/api/v1/stocktakes/{st['id']}/distribute")
            return st["id"], t, v, materials.cpu_split(server, c)

        # 1. Import a counted 10,000-line XLSX (exported by Kefu, filled in with openpyxl).
        sid, t_dist, _, cpu = stocktake()
        report(f"distribute (snapshot of {args.lines} lines): {t_dist * 1000:.0f} ms ({cpu})")
        sheet = raw(server.port, acc_token, "GET", f"/api/v1/stocktakes/{sid}/sheet.xlsx")
        wb = openpyxl.load_workbook(io.BytesIO(sheet))
        ws = wb.active
        headers = [c.value for c in ws[1]]
        col_counted, col_code, col_reason = headers.index("实盘数量") + 1, headers.index("差异原因") + 1, headers.index("差异说明") + 1
        for r in range(2, ws.max_row + 1):
            if r % 10 == 0:
                ws.cell(row=r, column=col_counted, value=9)
                ws.cell(row=r, column=col_code, value="盘亏")
                ws.cell(row=r, column=col_reason, value="基准")
            else:
                ws.cell(row=r, column=col_counted, value=10)
        buf = io.BytesIO()
        wb.save(buf)
        filled = buf.getvalue()
        c = server.cpu()
        t0 = time.perf_counter()
        raw(server.port, acc_token, "POST", f"/api/v1/stocktakes/{sid}/counts/import", filled,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        t_import = time.perf_counter() - t0
        report(f"import of a counted {args.lines}-line XLSX ({len(filled) // 1024} KiB, deflated by openpyxl): {t_import * 1000:.0f} ms (target <= 3000 ms) ({materials.cpu_split(server, c)})")

        # 2. Post it: 1,000 loss lines in one 盘亏 issue, the rest unchanged; all 10,000 lines frozen.
        acc.call("POST", f"/api/v1/stocktakes/{sid}/submit")
        mgr.call("POST", f"/api/v1/stocktakes/{sid}/approve")
        c = server.cpu()
        t_post, v = acc.timed("POST", f"/api/v1/stocktakes/{sid}/post")
        report(f"post of a {args.lines}-line stocktake ({v['summary']['withDifference']} differences): {t_post * 1000:.0f} ms (target <= 2000 ms) "
               f"({materials.cpu_split(server, c)})")

        # 3. Every line different: 10,000 gain lines in one 盘盈 receipt.
        sid2, _, v2, _ = stocktake()
        lines = [{"itemId": l["itemId"], "countedQuantity": str(l["snapshotQuantity"] + 1), "reasonCode": "surplus", "reason": "基准"} for l in v2["lines"]]
        for start in range(0, len(lines), 4000):
            acc.call("PUT", f"/api/v1/stocktakes/{sid2}/counts", {"lines": lines[start:start + 4000]})
        acc.call("POST", f"/api/v1/stocktakes/{sid2}/submit")
        mgr.call("POST", f"/api/v1/stocktakes/{sid2}/approve")
        c = server.cpu()
        t_post2, v2 = acc.timed("POST", f"/api/v1/stocktakes/{sid2}/post")
        report(f"post of a {args.lines}-line stocktake with every line different ({v2['summary']['withDifference']} differences): "
               f"{t_post2 * 1000:.0f} ms (target <= 2000 ms) ({materials.cpu_split(server, c)})")
    finally:
        server.stop()
    (REPO / "bench/results").mkdir(exist_ok=True)
    (REPO / f"bench/results/stocktake-{args.engine}.txt").write_text("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

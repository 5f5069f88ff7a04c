"""#18.4: every kind of record that takes a number, created concurrently on PostgreSQL through two servers.

Two `kefu serve` processes share one fresh PostgreSQL database. For each kind — tickets, complaint tickets (TS
complaint cases), repair orders (WX), returns (TH), receipts (RK) and issues (CK), transfers (DB), transfer audits
(which number an out and an in document in one transaction) — 200 requests go out from 32 client threads,
alternating between the two servers; receipts whose lines name the same items in different orders are then audited
concurrently (the balance rows must be locked in one order). Every request must succeed, every number be unique
(document numbers also gapless, DOC-11), and PostgreSQL must detect no deadlock: neither in pg_stat_database nor in
its log (only the lines written during the test, of this database).
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import pg_support as pg

COUNT = 200
THREADS = 32


def _today() -> str:
    return time.strftime("%Y-%m-%d", time.localtime())


def _fire(servers, token: str, requests, expect: int = 201):
    """Sends (method, path, body) requests from THREADS threads, alternating servers; returns the bodies."""
    def one(i_req):
        i, (method, path, body) = i_req
        return pg.call(servers[i % len(servers)].base, method, path, body, token=token)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        answers = list(pool.map(one, enumerate(requests)))
    bad = [(s, b) for s, b in answers if s != expect]
    assert not bad, f"{len(bad)} of {len(answers)} failed, e.g. {bad[:3]}"
    return [b for _, b in answers]


def _unique(numbers, what: str):
    assert len(numbers) == COUNT and all(numbers), f"{what}: {len(numbers)} numbers"
    assert len(set(numbers)) == COUNT, f"{what}: duplicate numbers"


def _gapless(numbers, what: str):
    """Document numbers of one kind and year: 1…n without a gap (DOC-11)."""
    seq = sorted(int(re.search(r"(\d+)$", n).group(1)) for n in numbers)
    assert seq == list(range(seq[0], seq[0] + len(seq))), f"{what}: gaps in {seq[:5]}…{seq[-5:]}"


def test_numbered_records_created_concurrently_on_two_servers(tmp_path):
    db = pg.FreshDatabase("kefu_e2e_conc")
    servers = []
    timings = {}
    log = pg.LogWindow(pg.server_log())
    if not log.readable():
        pg.unavailable(f"cannot read the PostgreSQL log {pg.server_log()} (set KEFU_E2E_POSTGRES_LOG)")
    by_database = "%d" in pg.psql(db.url, "SHOW log_line_prefix")
    try:
        servers.append(pg.Server(db.url, tmp_path / "a.log").wait_healthy())
        servers.append(pg.Server(db.url, tmp_path / "b.log").wait_healthy())
        base = servers[0].base
        deadlocks_before = pg.deadlocks(db.url)

        admin = pg.login(base, "admin", pg.ADMIN_PASSWORD)
        _, units = pg.call(base, "GET", "/api/v1/org-units", token=admin)
        root = units["items"][0]["id"]
        dept = pg.created(pg.call(base, "POST", "/api/v1/org-units", {"code": "CD", "name": "业务部", "kind": "business", "parentId": root}, token=admin), "dept")["id"]
        site = pg.created(pg.call(base, "POST", "/api/v1/org-units", {"code": "CS1", "name": "现场", "kind": "site", "parentId": dept}, token=admin), "site")["id"]

        def user(name, roles, unit):
            pg.created(pg.call(base, "POST", "/api/v1/users", {"username": name, "password": f"Pw-{name}-2026!", "displayName": name,
                                                               "orgUnitId": unit, "roles": roles, "locale": "zh-CN"}, token=admin), name)
            return pg.login(base, name, f"Pw-{name}-2026!")

        agent = user("concagent", ["cs_agent"], root)
        hq = user("conchq", ["mgmt_materials"], root)
        accountant = user("concacc", ["dept_accountant"], dept)
        w1 = pg.created(pg.call(base, "POST", "/api/v1/warehouses", {"code": "CW1", "name": "完好品库1", "orgUnitId": site, "condition": "good"}, token=hq), "w1")["id"]
        w2 = pg.created(pg.call(base, "POST", "/api/v1/warehouses", {"code": "CW2", "name": "完好品库2", "orgUnitId": site, "condition": "good"}, token=hq), "w2")["id"]
        items = [pg.created(pg.call(base, "POST", "/api/v1/items", {"code": f"CI-{k}", "name": f"螺栓{k}", "unit": "个", "category": "consumable",
                                                                    "repairClass": "I"}, token=hq), "item")["id"] for k in range(3)]
        supplier = pg.created(pg.call(base, "POST", "/api/v1/suppliers", {"code": "CSUP", "name": "配件厂"}, token=hq), "supplier")["id"]
        today = _today()

        def phase(name, token, requests, expect=201):
            started = time.monotonic()
            bodies = _fire(servers, token, requests, expect)
            timings[name] = time.monotonic() - started
            return bodies

        tickets = phase("tickets", agent, [("POST", "/api/v1/tickets", {
            "subject": f"并发工单 {i}", "description": "", "type": "repair", "channel": "phone", "priority": "normal",
            "customer": {"phone": f"1380000{1000 + i % 9}"}}) for i in range(COUNT)])
        _unique([t["number"] for t in tickets], "tickets")
        # #18.5: nine callers, each new, each taken by many creates at once: one customer each, on every ticket.
        assert len({t["customer"]["id"] for t in tickets}) == 9
        assert pg.psql(db.url, "SELECT count(*) FROM customers").split() == ["9"]
        assert pg.psql(db.url, "SELECT count(*) FROM tickets WHERE customer_id IS NULL").split() == ["0"]

        phase("complaint tickets", agent, [("POST", "/api/v1/tickets", {
            "subject": f"并发投诉 {i}", "description": "", "type": "complaint", "channel": "phone", "priority": "normal"}) for i in range(COUNT)])
        complaints = pg.psql(db.url, "SELECT number FROM complaints").split()
        _unique(complaints, "complaint cases (TS)")
        _gapless(complaints, "complaint cases (TS)")

        repairs = phase("repair orders", agent, [("POST", "/api/v1/repair-orders", {
            "customer": {"name": f"客户{i}"}, "model": "M1", "quantity": 1, "defect": "不开机"}) for i in range(COUNT)])
        _unique([r["number"] for r in repairs], "repair orders (WX)")
        _gapless([r["number"] for r in repairs], "repair orders (WX)")

        returns = phase("returns", agent, [("POST", "/api/v1/returns", {
            "kind": "return", "model": "SL1500", "serialNumber": f"VF-{i}", "purchaseDate": today, "shippedAt": today,
            "reason": "过热停机", "qualityIssue": True, "customerName": "某风场"}) for i in range(COUNT)])
        _unique([r["number"] for r in returns], "returns (TH)")
        _gapless([r["number"] for r in returns], "returns (TH)")

        # Receipts whose lines name the three items in rotating orders; audited concurrently below.
        receipts = phase("receipts", accountant, [("POST", "/api/v1/stock-documents", {
            "direction": "in", "reason": "purchase", "warehouseId": w1, "supplierId": supplier, "date": today,
            "lines": [{"itemId": items[(i + k) % 3], "quantity": 5} for k in range(3)]}) for i in range(COUNT)])
        _unique([d["number"] for d in receipts], "receipts (RK)")
        _gapless([d["number"] for d in receipts], "receipts (RK)")

        issues = phase("issues", accountant, [("POST", "/api/v1/stock-documents", {
            "direction": "out", "reason": "self_use", "warehouseId": w1, "date": today,
            "lines": [{"itemId": items[(i + 1) % 3], "quantity": 1}]}) for i in range(COUNT)])
        _unique([d["number"] for d in issues], "issues (CK)")
        _gapless([d["number"] for d in issues], "issues (CK)")

        transfers = phase("transfers", accountant, [("POST", "/api/v1/transfers", {
            "fromWarehouseId": w1, "toWarehouseId": w2, "date": today,
            "lines": [{"itemId": items[i % 3], "quantity": 1}]}) for i in range(COUNT)])
        _unique([t["number"] for t in transfers], "transfers (DB)")
        _gapless([t["number"] for t in transfers], "transfers (DB)")

        phase("transfer audits", accountant, [("POST", f"/api/v1/transfers/{t['id']}/audit", None) for t in transfers], expect=200)
        phase("receipt audits", accountant, [("POST", f"/api/v1/stock-documents/{d['id']}/audit", None) for d in receipts], expect=200)

        numbers = pg.psql(db.url, "SELECT number FROM stock_documents").split()
        assert len(numbers) == len(set(numbers)) == 4 * COUNT, "stock document numbers: receipts, issues, transfer out and in"
        for prefix in ("RK", "CK"):
            _gapless([n for n in numbers if n.startswith(prefix)], f"stock documents {prefix}")
        on_hand = pg.psql(db.url, f"SELECT item_id, quantity FROM stock_balances WHERE warehouse_id = '{w1}' ORDER BY item_id")
        assert [int(line.split("|")[1]) for line in on_hand.split()] == [COUNT * 5 * 1000] * 3, on_hand

        assert pg.deadlocks(db.url) == deadlocks_before, "PostgreSQL detected deadlocks (pg_stat_database)"
        lines = [l for l in log.new_text().splitlines() if "deadlock detected" in l and (not by_database or f"@{db.name} " in l)]
        assert not lines, "deadlocks in the PostgreSQL log:\n" + "\n".join(lines[:10])
        for s in servers:
            assert "rolled back by PostgreSQL" not in s.log_tail(10**7), s.log_tail()
        print("[pg concurrency] " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()))
    finally:
        for s in servers:
            s.stop()
        db.drop()

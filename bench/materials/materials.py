#!/usr/bin/env python3
"""Materials benchmark (issue #4): release build, SQLite or PostgreSQL, 127.0.0.1 only.

  swift build -c release --product kefu
  python3 bench/materials/materials.py --engine sqlite   [--ledger-rows 10000000]
  python3 bench/materials/materials.py --engine postgres [--ledger-rows 10000000]

Measures
  1. audit of one transfer with 5,000 lines: the transfer's audit (generates the out and in documents), the out
     document's audit and the in document's audit, each timed by the client (HTTP round trip, response included);
  2. sustained audit throughput of 5-line receipts: wrk (16 connections) POSTs audits of saved documents for a fixed
     time; audits/s = documents found audited afterwards / duration;
  3. after `kefu seed-ledger` bulk-loads the ledger (SQL, not HTTP): on-hand of one item (GET /api/v1/stock/on-hand?itemId=)
     and one warehouse's month of ledger (GET /api/v1/stock/ledger?warehouseId=&from=&to=), client-timed round trips,
     median and p95.
PostgreSQL: a fresh database kefu_mat_bench owned by kefu is created and dropped again by bench/pgdb.py.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))
import pgdb  # noqa: E402  (bench/pgdb.py: creates and drops benchmark databases)

BIN = Path(os.environ.get("KEFU_BIN", REPO / ".build/release/kefu"))
PG_URL = "postgres://kefu:kefu@127.0.0.1:5432/kefu_mat_bench?tlsmode=disable"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, port: int, token: str | None = None):
        self.port, self.token = port, token
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def call(self, method: str, path: str, body=None, expect=(200, 201)):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        try:
            self.conn.request(method, path, body=data, headers=headers)
            resp = self.conn.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server closed the kept-alive connection while it sat idle (a slow step of the script on a loaded
            # machine) before reading this request: send it again on a new connection.
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
            self.conn.request(method, path, body=data, headers=headers)
            resp = self.conn.getresponse()
        raw = resp.read()
        if expect and resp.status not in expect:
            raise RuntimeError(f"{method} {path} -> {resp.status}: {raw[:500]!r}")
        return json.loads(raw) if raw else None

    def timed(self, method: str, path: str, body=None):
        t = time.perf_counter()
        out = self.call(method, path, body)
        return time.perf_counter() - t, out


class Server:
    def __init__(self, url: str, workdir: Path):
        self.url, self.workdir, self.proc, self.port = url, workdir, None, None
        self.password = "bench-" + secrets.token_hex(8)

    def start(self):
        self.port = free_port()
        env = dict(os.environ, DATABASE_URL=self.url, KEFU_ADMIN_PASSWORD=self.password, KEFU_LOG_LEVEL="warning")
        self.log = open(self.workdir / "server.log", "ab")
        self.proc = subprocess.Popen([str(BIN), "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                     env=env, stdout=self.log, stderr=self.log, cwd=self.workdir)
        for _ in range(600):
            try:
                Client(self.port).call("GET", "/healthz")
                return
            except Exception:
                time.sleep(0.1)
        raise RuntimeError("server did not start; see " + str(self.workdir / "server.log"))

    def stop(self):
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                print("server did not stop within 20 s; killing it", flush=True)
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def cpu(self) -> tuple[float, float]:
        """CPU seconds so far of this server and of all `postgres` processes (the whole cluster: its other clients count too)."""
        return proc_cpu(self.proc.pid), sum(proc_cpu(int(p)) for p in os.listdir("/proc") if p.isdigit() and proc_name(int(p)) == "postgres")

    def token(self, username: str, password: str) -> str:
        return Client(self.port).call("POST", "/api/v1/auth/token", {"username": username, "password": password})["token"]


def proc_name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


def proc_cpu(pid: int) -> float:
    """User + system CPU seconds of a process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def cpu_split(server: "Server", before: tuple[float, float]) -> str:
    """`server X ms, postgres Y ms CPU` since `before` (a `Server.cpu()` reading), with the 1-minute load average."""
    now = server.cpu()
    return f"CPU: server {(now[0] - before[0]) * 1000:.0f} ms, postgres {(now[1] - before[1]) * 1000:.0f} ms; load {os.getloadavg()[0]:.1f}"


def stats(samples: list[float]) -> str:
    s = sorted(samples)
    p95 = s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]
    return f"median {statistics.median(s) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms, n={len(s)}"


def start_server(engine: str, pg_url: str, prefix: str, report) -> tuple[Server, Path]:
    """A release server on a fresh database: a SQLite file in a new work directory, or `pg_url` re-created."""
    (REPO / "bench/results/tmp").mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=prefix, dir=REPO / "bench/results/tmp"))
    if engine == "sqlite":
        url = "sqlite://" + str(workdir / "kefu.sqlite")
    else:
        pgdb.recreate(pg_url)
        url = pg_url
    server = Server(url, workdir)
    server.start()
    report(f"engine {engine}, binary {BIN}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    return server, workdir


class SiteBooks:
    """A business department (BD) with one site (BS), the site's good-item warehouse W1 and signed-in clients for the
    given users: (name, roles, "root" | "dept" | "site")."""

    def __init__(self, server: Server, users: list[tuple[str, list[str], str]]):
        self.admin = Client(server.port, server.token("admin", server.password))
        self.root = self.admin.call("GET", "/api/v1/org-units")["items"][0]["id"]
        self.dept = self.admin.call("POST", "/api/v1/org-units", {"code": "BD", "name": "基准业务部", "kind": "business", "parentId": self.root})["id"]
        self.site = self.admin.call("POST", "/api/v1/org-units", {"code": "BS", "name": "基准现场", "kind": "site", "parentId": self.dept})["id"]
        units = {"root": self.root, "dept": self.dept, "site": self.site}
        self.tokens: dict[str, str] = {}
        self.clients: dict[str, Client] = {}
        for name, roles, level in users:
            self.admin.call("POST", "/api/v1/users", {"username": name, "password": "password-" + name, "displayName": name,
                                                      "orgUnitId": units[level], "roles": roles, "locale": "zh-CN"})
            self.tokens[name] = server.token(name, "password-" + name)
            self.clients[name] = Client(server.port, self.tokens[name])
        self.warehouse = self.clients["hq"].call("POST", "/api/v1/warehouses",
                                                 {"code": "W1", "name": "现场完好品库", "orgUnitId": self.site, "condition": "good"})["id"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--items", type=int, default=5000)
    ap.add_argument("--throughput-docs", type=int, default=30000, help="5-line documents created for the throughput run")
    ap.add_argument("--duration", type=int, default=10, help="seconds of the wrk audit run")
    ap.add_argument("--ledger-rows", type=int, default=10_000_000, help="0 skips the large-ledger part")
    ap.add_argument("--tag", default="", help="suffix of the results file name")
    args = ap.parse_args()
    out: list[str] = []

    def report(line: str):
        print(line, flush=True)
        out.append(line)

    server, workdir = start_server(args.engine, PG_URL, "kefu-mat-bench-", report)
    try:
        books = SiteBooks(server, [("hq", ["mgmt_materials"], "root"), ("acc", ["dept_accountant"], "dept")])
        dept, hq, acc, acc_token, w1 = books.dept, books.clients["hq"], books.clients["acc"], books.tokens["acc"], books.warehouse
        w2 = hq.call("POST", "/api/v1/warehouses", {"code": "W2", "name": "业务部完好品库", "orgUnitId": dept, "condition": "good"})["id"]
        csv = "code,name,unit,category,repairClass\n" + "".join(f"P{n:05d},备件{n},个,spare_part,II\n" for n in range(args.items))
        t, rep = hq.timed("POST", "/api/v1/items/import", {"csv": csv})
        report(f"import of {rep['imported']} items by CSV: {t * 1000:.0f} ms")
        items = []
        page = 1
        while len(items) < args.items:
            items += [i["id"] for i in hq.call("GET", f"/api/v1/items?per=200&page={page}")["items"]]
            page += 1

        # 1. One transfer of 5,000 lines.
        lines = [{"itemId": i, "quantity": 10} for i in items[:5000]]
        receipt = acc.call("POST", "/api/v1/stock-documents", {"direction": "in", "reason": "spot_purchase", "warehouseId": w1, "lines": lines})
        t, _ = acc.timed("POST", f"/api/v1/stock-documents/{receipt['id']}/audit")
        report(f"audit of a 5,000-line receipt: {t * 1000:.0f} ms")
        transfer = acc.call("POST", "/api/v1/transfers", {"fromWarehouseId": w1, "toWarehouseId": w2, "lines": [dict(l, quantity=4) for l in lines]})
        t_tr, audited = acc.timed("POST", f"/api/v1/transfers/{transfer['id']}/audit")
        docs = {d["direction"]: d["id"] for d in audited["documents"]}
        t_out, _ = acc.timed("POST", f"/api/v1/stock-documents/{docs['out']}/audit")
        t_in, _ = acc.timed("POST", f"/api/v1/stock-documents/{docs['in']}/audit")
        report(f"5,000-line transfer: transfer audit (generates out+in) {t_tr * 1000:.0f} ms; out audit {t_out * 1000:.0f} ms; "
               f"in audit {t_in * 1000:.0f} ms; all three {(t_tr + t_out + t_in) * 1000:.0f} ms (target: each <= 1000 ms)")

        # 2. Sustained audit throughput of 5-line documents.
        rng = random.Random(4)
        bodies = [{"direction": "in", "reason": "spot_purchase", "warehouseId": w2,
                   "lines": [{"itemId": i, "quantity": 1} for i in rng.sample(items, 5)]} for _ in range(args.throughput_docs)]

        def create(chunk):
            c = Client(server.port, acc_token)
            return [c.call("POST", "/api/v1/stock-documents", b)["id"] for b in chunk]

        t0 = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            ids = [i for part in pool.map(create, [bodies[k::8] for k in range(8)]) for i in part]
        t_create = time.perf_counter() - t0
        report(f"created {len(ids)} saved 5-line documents in {t_create:.1f} s ({len(ids) / t_create:.0f}/s, Python client, 8 threads)")
        ids_file = workdir / "ids.txt"
        ids_file.write_text("\n".join(ids) + "\n")
        wrk = subprocess.run(["wrk", "-t2", "-c32", f"-d{args.duration}s", "--timeout", "30s", "-s", str(REPO / "bench/materials/audit.lua"),
                              f"http://127.0.0.1:{server.port}", "--", acc_token, str(ids_file), "2"],
                             capture_output=True, text=True, check=True)
        (workdir / "wrk-audit.txt").write_text(wrk.stdout)
        total = acc.call("GET", f"/api/v1/stock-documents?status=audited&warehouseId={w2}&per=1")["total"]
        non2xx = [l for l in wrk.stdout.splitlines() if "Non-2xx" in l]
        latency = [l.strip() for l in wrk.stdout.splitlines() if l.strip().startswith("Latency")]
        report(f"audit throughput: {total - 1} audits of 5-line documents in {args.duration} s = {(total - 1) / args.duration:.0f}/s "
               f"(wrk 2 threads, 32 connections; {latency[0] if latency else ''}; {non2xx[0].strip() if non2xx else 'all 2xx'}) (target >= 1000/s)")
        if total - 1 >= len(ids):
            report("  (every prepared document was audited: the figure is a lower bound; raise --throughput-docs)")

        # 3. Large ledger: bulk load by SQL, then query (--ledger-rows 0 skips it).
        if args.ledger_rows > 0:
            server.stop()
            env = dict(os.environ, DATABASE_URL=server.url, KEFU_ADMIN_PASSWORD=server.password)
            t0 = time.perf_counter()
            seeded = subprocess.run([str(BIN), "seed-ledger", "--rows", str(args.ledger_rows), "--warehouses", "50", "--items", "5000",
                                     "--benchmark-database"],
                                    env=env, capture_output=True, text=True, check=True, cwd=workdir)
            report(f"kefu seed-ledger: {seeded.stdout.strip()} (wall {time.perf_counter() - t0:.0f} s)")
            server.start()
            admin = Client(server.port, server.token("admin", server.password))
            rows_total = None
            samples = []
            for _ in range(5):  # warm-up
                admin.call("GET", "/api/v1/stock/on-hand?itemId=bench-i-1")
            for k in range(300):
                t, res = admin.timed("GET", f"/api/v1/stock/on-hand?itemId=bench-i-{rng.randrange(5000)}")
                samples.append(t)
                rows_total = len(res)
            report(f"on-hand of one item over {args.ledger_rows:,} ledger rows ({rows_total} warehouse rows per item): {stats(samples)} (target <= 5 ms)")
            samples = []
            months = ["2025-03", "2025-06", "2025-09", "2025-12", "2026-03", "2026-06", "2026-09"]
            n_rows = 0
            for k in range(21):
                m = months[k % len(months)]
                t, res = admin.timed("GET", f"/api/v1/stock/ledger?warehouseId=bench-w-{rng.randrange(50)}&from={m}-01&to={m}-28")
                samples.append(t)
                n_rows = max(n_rows, len(res))
            report(f"one warehouse's month of ledger (28 days, up to {n_rows} rows with running balance, JSON): {stats(samples)} (target <= 200 ms)")
            server.stop()
            t0 = time.perf_counter()
            check = subprocess.run([str(BIN), "check-ledger"], env=env, capture_output=True, text=True, cwd=workdir)
            report(f"kefu check-ledger over the whole ledger: exit {check.returncode}, {time.perf_counter() - t0:.1f} s: {check.stdout.strip()[:200]}")
    finally:
        server.stop()
    results = REPO / f"bench/results/materials-{args.engine}{'-' + args.tag if args.tag else ''}.txt"
    results.write_text("\n".join(out) + "\n")
    print("written", results)
    shutil.rmtree(workdir, ignore_errors=True)
    if args.engine == "postgres":
        pgdb.drop(PG_URL)
    return 0


if __name__ == "__main__":
    sys.exit(main())

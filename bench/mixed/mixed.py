#!/usr/bin/env python3
"""#17.7: the console's pages and a ten-minute mixed workload on a database that already holds the tickets
(seed it with bench/run.sh; see bench/README.md, "Mixed workload").

    KEFU_ADMIN_PASSWORD=… DATABASE_URL=sqlite:///path/kefu.sqlite python3 bench/mixed/mixed.py [--duration 600]

1. Pages, one kind at a time at 2 connections, so that the client's latency is the server's time: the queue views
   (my queue, team, unassigned, all, breached) and the ticket page, as the administrator (who sees every ticket)
   and as a department's agent (who sees the department's).
2. The mixed workload, all streams at once for --duration seconds, 64 connections in all: ticket creates, replies,
   `q` searches, quick searches, stock receipts saved and audited, and page views. The server's memory is sampled
   every 5 s; /metrics (KEFU_METRICS_TOKEN) gives the server's own time per route over the run.

Writes its report to bench/results/mixed-<engine>.txt (or --results). Sends traffic to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CLK_TCK = os.sysconf("SC_CLK_TCK")
TERMS = ["风机", "漏油", "齿轮", "叶片", "振动", "偏航", "来电", "雷击"]

# The mixed workload's streams: name, connections, who, script, what counts as answered.
STREAMS = [
    ("create", 12, "agent", "create", 201),
    ("reply", 8, "admin", "requests", 201),
    ("search", 12, "admin", "search", 200),
    ("find", 4, "admin", "requests", 200),
    ("documents", 8, "accountant", "documents", None),
    ("pages-admin", 10, "admin-session", "requests", 200),
    ("pages-agent", 10, "agent-session", "requests", 200),
]


class Http:
    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def send(self, method: str, path: str, body=None, headers=None, raw: bytes | None = None):
        h = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        self.conn.request(method, path, body=data, headers=h)
        r = self.conn.getresponse()
        return r.status, r.getheaders(), r.read()

    def api(self, method: str, path: str, token: str, body=None, ok=(200, 201)):
        status, _, payload = self.send(method, path, body, {"Authorization": f"Bearer {token}", "Accept": "application/json"})
        if status not in ok:
            raise SystemExit(f"bench: {method} {path} answered {status}: {payload[:300]!r}")
        return json.loads(payload) if payload else None

    def token(self, username: str, password: str) -> str:
        status, _, payload = self.send("POST", "/api/v1/auth/token", {"username": username, "password": password})
        if status != 200:
            raise SystemExit(f"bench: sign-in of {username} answered {status}: {payload[:200]!r}")
        return json.loads(payload)["token"]

    def session(self, username: str, password: str) -> str:
        """The console's sign-in form; returns the session cookie (name=value)."""
        status, headers, body = self.send("GET", "/login", headers={"Accept": "text/html"})
        cookies = [v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie"]
        csrf = re.search(r'name="_csrf" value="([^"]+)"', body.decode()).group(1)
        form = urllib.parse.urlencode({"username": username, "password": password, "_csrf": csrf}).encode()
        status, headers, _ = self.send("POST", "/login", headers={"Content-Type": "application/x-www-form-urlencoded",
                                                                  "Cookie": "; ".join(cookies), "Accept": "text/html"}, raw=form)
        names = {c.split("=", 1)[0] for c in cookies}
        session = [v.split(";", 1)[0] for k, v in headers
                   if k.lower() == "set-cookie" and "max-age=0" not in v.lower() and v.split("=", 1)[0] not in names]
        if status not in (302, 303) or not session:
            raise SystemExit(f"bench: console sign-in of {username} answered {status}")
        return "; ".join(session)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def result_fields(text: str) -> dict[str, str]:
    line = next((l for l in text.splitlines() if l.startswith("RESULT ")), None)
    if line is None:
        return {}
    return dict(kv.split("=", 1) for kv in line.split()[1:])


def histograms(text: str) -> dict[tuple[str, str], dict[float, float]]:
    """Cumulative bucket counts of the request-duration histogram per (method, route) from /metrics."""
    out: dict[tuple[str, str], dict[float, float]] = {}
    for line in text.splitlines():
        if line.startswith("#") or "_bucket{" not in line or "request" not in line.split("_bucket{")[0]:
            continue
        labels = dict(re.findall(r'([\w.]+)="([^"]*)"', line.split("{", 1)[1].rsplit("}", 1)[0]))
        route = next((v for k, v in labels.items() if "route" in k or k in ("path", "uri")), None)
        method = next((v for k, v in labels.items() if "method" in k), "")
        le = labels.get("le")
        if route is None or le is None:
            continue
        bound = float("inf") if le == "+Inf" else float(le)
        out.setdefault((method, route), {})[bound] = float(line.rsplit(" ", 1)[1])
    return out


def server_time_table(before: str, after: str) -> list[str]:
    """Per route over the run: requests, and the share answered within 25, 50 and 100 ms of server time."""
    b, a = histograms(before), histograms(after)
    rows = []
    for key, buckets in sorted(a.items(), key=lambda kv: -kv[1].get(float("inf"), 0)):
        prev = b.get(key, {})
        diff = {le: n - prev.get(le, 0) for le, n in buckets.items()}
        total = diff.get(float("inf"), 0)
        if total < 50:
            continue

        def share(limit: float) -> str:
            le = max((x for x in diff if x <= limit), default=None)
            return f"{100 * diff[le] / total:5.1f} %" if le is not None else "    –"
        rows.append(f"  {key[0]:6} {key[1]:48} {int(total):>8}   ≤25 ms {share(0.025)}   ≤50 ms {share(0.05)}   ≤100 ms {share(0.1)}")
    return rows


class Server:
    def __init__(self, binary: str, url: str, password: str, log: Path):
        self.port = free_port()
        self.metrics_token = secrets.token_hex(16)
        env = dict(os.environ, DATABASE_URL=url, KEFU_ADMIN_PASSWORD=password, KEFU_METRICS_TOKEN=self.metrics_token,
                   KEFU_LOG_LEVEL="warning")
        started = time.perf_counter()
        self.proc = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)], env=env,
                                     stdout=log.open("w"), stderr=subprocess.STDOUT)
        for _ in range(600):
            if self.proc.poll() is not None:
                raise SystemExit(f"bench: the server exited during start-up (see {log})")
            try:
                status, _, _ = Http(self.port).send("GET", "/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.05)
        else:
            raise SystemExit("bench: the server was not healthy within 30 s")
        self.start_s = time.perf_counter() - started

    def metrics(self) -> str:
        status, _, body = Http(self.port).send("GET", "/metrics", headers={"Authorization": f"Bearer {self.metrics_token}"})
        return body.decode() if status == 200 else ""

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Setup:
    """What the streams need, made through the API next to the seeded tickets: a department with an agent and 200
    tickets of its own, a business department with its accountant, a warehouse and 200 items, and the ids of
    tickets spread over the whole database for the replies and the ticket pages."""

    def __init__(self, port: int, password: str, work: Path, report, pages_agent: str | None = None):
        h = Http(port)
        tag = secrets.token_hex(3).upper()
        self.admin = h.token("admin", password)
        root = h.api("GET", "/api/v1/org-units?per=1", self.admin)["items"][0]["id"]
        dept = h.api("POST", "/api/v1/org-units", self.admin, {"code": f"MIX-CS-{tag}", "name": f"混合负载客服部{tag}", "kind": "department",
                                                               "parentId": root})["id"]
        business = h.api("POST", "/api/v1/org-units", self.admin, {"code": f"MIX-BD-{tag}", "name": f"混合负载业务部{tag}", "kind": "business",
                                                                   "parentId": root})["id"]
        users = {"agent": (dept, ["cs_agent"]), "accountant": (business, ["dept_accountant"]), "hq": (root, ["mgmt_materials"])}
        self.tokens = {"admin": self.admin}
        for role, (unit, roles) in users.items():
            name = f"mix-{role}-{tag.lower()}"
            h.api("POST", "/api/v1/users", self.admin, {"username": name, "password": password, "displayName": f"混合{role}",
                                                        "orgUnitId": unit, "roles": roles, "locale": "zh-CN"})
            self.tokens[role] = h.token(name, password)
            if role == "agent":
                # --pages-agent: part 1 signs in an agent of an earlier run, whose department holds what that run created
                self.agent_session = h.session(pages_agent or name, password)
        self.admin_session = h.session("admin", password)

        hq = self.tokens["hq"]
        self.warehouse = h.api("POST", "/api/v1/warehouses", hq, {"code": f"MIX-W-{tag}", "name": "混合负载完好品库", "orgUnitId": business,
                                                                  "condition": "good"})["id"]
        csv = "code,name,unit,category,repairClass\n" + "".join(f"MIX{tag}{n:04d},混合备件{n},个,spare_part,II\n" for n in range(200))
        h.api("POST", "/api/v1/items/import", hq, {"csv": csv})
        items = []
        for page in (1, 2, 3, 4, 5, 6):
            items += [i["id"] for i in h.api("GET", f"/api/v1/items?per=200&page={page}&q=MIX{tag}", hq)["items"]]
            if len(items) >= 200:
                break
        if len(items) < 200:
            # the item list may not filter by q: take the newest items of the catalogue instead
            items = [i["id"] for i in h.api("GET", "/api/v1/items?per=200", hq)["items"]]
        self.items_file = work / "items.txt"
        self.items_file.write_text("\n".join(items) + "\n")

        agent = self.tokens["agent"]
        body = {"subject": "混合负载 1号风机齿轮箱漏油", "description": "现场运维人员报告齿轮箱漏油，请尽快安排人员到场处理。", "type": "repair",
                "channel": "phone", "priority": "normal", "customer": {"name": "混合客户", "phone": "13900000000"}}
        self.agent_tickets = [h.api("POST", "/api/v1/tickets", agent, body)["id"] for _ in range(200)]

        total = h.api("GET", "/api/v1/tickets?per=1", self.admin)["total"]
        pages = max(1, min(total, 1_000_000) // 100)
        rng = random.Random(17)
        spread: list[dict] = []
        started = time.perf_counter()
        for page in sorted({rng.randint(1, pages) for _ in range(10)} | {1}):
            spread += h.api("GET", f"/api/v1/tickets?per=100&page={page}", self.admin)["items"]
        report(f"setup: {len(spread)} tickets sampled from {total:,} ({time.perf_counter() - started:.1f} s for 11 list pages)")
        self.tickets = [t["id"] for t in spread]
        self.numbers = [t["number"] for t in spread if t.get("number")]
        self.phones = [t["customer"]["phone"] for t in spread if isinstance(t.get("customer"), dict) and t["customer"].get("phone")]


def requests_file(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n")
    return path


def queue_pages(session_of: str) -> list[tuple[str, str]]:
    views = [("mine", "/tickets?view=mine"), ("team", "/tickets?view=team"), ("unassigned", "/tickets?view=team&unassigned=true")]
    if session_of == "admin":
        views += [("all", "/tickets?view=all"), ("breached", "/tickets?view=all&breached=true")]
    return views


def wrk(stream: str, script: str, conns: int, seconds: int, port: int, args: list[str], out: Path, ok: int | None) -> subprocess.Popen:
    env = dict(os.environ, WRK_PHASE=stream, WRK_OK_STATUS=str(ok or 200))
    lua = HERE / "documents.lua" if script == "documents" else HERE / "requests.lua" if script == "requests" else REPO / f"bench/lua/{script}.lua"
    return subprocess.Popen(["wrk", "-t1", f"-c{conns}", f"-d{seconds}s", "--timeout", "30s", "-s", str(lua), f"http://127.0.0.1:{port}", "--",
                             *args], stdout=out.open("w"), stderr=out.with_suffix(".err").open("w"), env=env)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.environ.get("KEFU_BIN", str(REPO / ".build/release/kefu")))
    ap.add_argument("--duration", type=int, default=600, help="seconds of the mixed workload (0 skips part 2)")
    ap.add_argument("--page-seconds", type=int, default=15, help="seconds per page kind in part 1 (0 skips part 1)")
    ap.add_argument("--warmup", type=int, default=60, help="seconds of the mixed run before memory counts as warmed up")
    ap.add_argument("--pages-agent", default="", help="the agent whose pages part 1 reads (default: the new one)")
    ap.add_argument("--results", default="")
    args = ap.parse_args()
    url, password = os.environ.get("DATABASE_URL", ""), os.environ.get("KEFU_ADMIN_PASSWORD", "")
    if not url or not password:
        raise SystemExit("bench: set DATABASE_URL to a seeded database and KEFU_ADMIN_PASSWORD to its administrator's password")
    engine = "postgres" if url.startswith("postgres") else "sqlite"
    results = Path(args.results or REPO / f"bench/results/mixed-{engine}.txt")
    (REPO / "bench/results/tmp").mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mixed-", dir=REPO / "bench/results/tmp"))
    out: list[str] = []

    def report(line: str = ""):
        print(line, flush=True)
        out.append(line)

    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    report(f"# Kefu mixed workload (#17.7), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, engine {engine}, commit {commit}, "
           f"binary {args.bin}, {os.cpu_count()} cores")
    server = Server(args.bin, url, password, work / "server.log")
    try:
        report(f"cold start to /healthz: {server.start_s:.2f} s")
        s = Setup(server.port, password, work, report, args.pages_agent)
        if args.pages_agent:
            report(f"agent pages as {args.pages_agent} (an earlier run's agent)")
        auth = {"admin": f"Bearer {s.admin}", "agent": f"Bearer {s.tokens['agent']}", "accountant": f"Bearer {s.tokens['accountant']}",
                "admin-session": f"Cookie {s.admin_session}", "agent-session": f"Cookie {s.agent_session}"}

        # 1. Pages, one kind at a time.
        if args.page_seconds > 0:
            report("")
            report(f"## 1. Pages at 2 connections, {args.page_seconds} s each (the latency is the server's time plus loopback)")
            report(f"  {'who':6} {'page':32} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  errors")
            for who, tickets in (("admin", s.tickets), ("agent", s.agent_tickets)):
                # an earlier run's agent may not open this run's tickets: its part has the queue pages only
                kinds = queue_pages(who) + ([] if who == "agent" and args.pages_agent else [("ticket-page", None)])
                for name, path in kinds:
                    lines = [f"GET\t{path}"] if path else [f"GET\t/tickets/{t}" for t in tickets]
                    f = requests_file(work / f"page-{who}-{name}.txt", lines)
                    o = work / f"wrk-page-{who}-{name}.txt"
                    wrk(f"{who}:{name}", "requests", 2, args.page_seconds, server.port, [auth[f"{who}-session"], str(f)], o, 200).wait()
                    r = result_fields(o.read_text())
                    if not r:
                        raise SystemExit(f"bench: no RESULT from {o}: {o.with_suffix('.err').read_text()[:300]}")
                    errors = int(r["status_other"]) + sum(int(r[k]) for k in ("err_connect", "err_read", "err_write", "err_timeout"))
                    report(f"  {who:6} {name:32} {float(r['rps']):8.1f} {float(r['p50_ms']):8.2f} {float(r['p95_ms']):8.2f} "
                           f"{float(r['p99_ms']):8.2f}  {errors}")

        # 2. The mixed workload.
        if args.duration <= 0:
            return 0
        replies = [f"POST\t/api/v1/tickets/{t}/comments\t" + json.dumps({"body": f"混合负载回复 {i}：已安排工程师到场。", "visibility": "public"},
                                                                          ensure_ascii=False) for i, t in enumerate(s.tickets)]
        finds = [urllib.parse.quote(q) for q in s.numbers[:300] + s.phones[:300] + ["张", "王工", "李"]]
        files = {
            "reply": requests_file(work / "reply.txt", replies),
            "find": requests_file(work / "find.txt", [f"GET\t/api/v1/search?q={q}&limit=5" for q in finds]),
            "pages-admin": requests_file(work / "pages-admin.txt", [f"GET\t{p}" for _, p in queue_pages("admin")]
                                         + [f"GET\t/tickets/{t}" for t in s.tickets]),
            "pages-agent": requests_file(work / "pages-agent.txt", [f"GET\t{p}" for _, p in queue_pages("agent")]
                                         + [f"GET\t/tickets/{t}" for t in s.agent_tickets]),
        }
        report("")
        total_conns = sum(c for _, c, *_ in STREAMS)
        report(f"## 2. Mixed workload: {args.duration} s, {total_conns} connections, all streams at once")
        metrics_before = server.metrics()
        cpu0, t0 = cpu_seconds(server.proc.pid), time.perf_counter()
        samples: list[tuple[float, float]] = []
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                samples.append((time.perf_counter() - t0, rss_mb(server.proc.pid)))
                stop.wait(5)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        procs = []
        for name, conns, who, script, ok in STREAMS:
            if script == "create":
                a = [s.tokens["agent"], str(random.randint(1, 99999))]
            elif script == "search":
                a = [s.admin, ",".join(TERMS)]
            elif script == "documents":
                a = [s.tokens["accountant"], s.warehouse, str(s.items_file)]
            else:
                a = [auth[who], str(files[name])]
            procs.append((name, conns, wrk(name, script, conns, args.duration, server.port, a, work / f"wrk-{name}.txt", ok)))
        for _, _, p in procs:
            p.wait()
        stop.set()
        sampler.join()
        wall = time.perf_counter() - t0
        cpu = cpu_seconds(server.proc.pid) - cpu0
        metrics_after = server.metrics()

        report(f"  {'stream':12} {'conns':>5} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}  errors")
        all_errors = 0
        for name, conns, _ in procs:
            o = work / f"wrk-{name}.txt"
            r = result_fields(o.read_text())
            if not r:
                raise SystemExit(f"bench: no RESULT from the {name} stream: {o.with_suffix('.err').read_text()[:300]}")
            errors = int(r.get("status_other", 0)) + sum(int(r[k]) for k in ("err_connect", "err_read", "err_write", "err_timeout"))
            all_errors += errors
            extra = f"   (saved {r['saved']}, audited {r['audited']})" if name == "documents" else ""
            report(f"  {name:12} {conns:5} {int(r['requests']):9} {float(r['rps']):8.1f} {float(r['p50_ms']):8.2f} {float(r['p95_ms']):8.2f} "
                   f"{float(r['p99_ms']):8.2f} {float(r['max_ms']):8.1f}  {errors}{extra}")
            err = o.with_suffix(".err").read_text().strip()
            if err:
                report("    " + err.replace("\n", "\n    ")[:600])
        report(f"  errors in all: {all_errors}; server CPU {cpu:.0f} s in {wall:.0f} s ({100 * cpu / wall:.0f} % of one core)")

        warm = [(t, m) for t, m in samples if t >= args.warmup]
        report("")
        report(f"memory (server RSS, sampled every 5 s): start {samples[0][1]:.1f} MB, peak {max(m for _, m in samples):.1f} MB")
        if len(warm) >= 3:
            n = len(warm)
            mt, mm = sum(t for t, _ in warm) / n, sum(m for _, m in warm) / n
            slope = sum((t - mt) * (m - mm) for t, m in warm) / max(1e-9, sum((t - mt) ** 2 for t, _ in warm))
            marks = [warm[0]] + [warm[k * (n - 1) // 4] for k in (1, 2, 3)] + [warm[-1]]
            report(f"  after the {args.warmup}-s warm-up: " + ", ".join(f"{t:.0f} s {m:.1f} MB" for t, m in marks)
                   + f"; least-squares slope {slope * 60:+.2f} MB/min")
        (work / "memory.txt").write_text("".join(f"{t:.1f} {m:.1f}\n" for t, m in samples))

        table = server_time_table(metrics_before, metrics_after)
        report("")
        report("server time per route during the mixed run (/metrics histogram: share of requests answered within the bound)")
        for row in table or ["  (no request histogram in /metrics)"]:
            report(row)
    finally:
        server.stop()
        report("")
        report(f"work directory: {work.relative_to(REPO)}")
        results.write_text("\n".join(out) + "\n")
        print(f"bench: report written to {results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""#17.2 several nodes on one PostgreSQL, #17.3 graceful rolling restarts: three `kefu serve` on loopback share one
fresh database; client threads send traffic to all three (ticket creates, internal notes, public replies that are
mailed, sign-ins whose token is used at once on another node, tickets whose service clock has already run out). Under
that load node 1 and then node 0 are stopped with SIGTERM and started again (a rolling restart; a request that waits on
a row lock is in flight on node 1 as it is told to stop), then node 2 is killed with SIGKILL and started again later.

With nginx installed (Debian's package; .ci/run installs it) half the client threads go through deploy/nginx-kefu.conf,
run as it is with only its ports and certificate paths replaced, over TLS with a throwaway certificate.

Checked afterwards:
- every write that was acknowledged (201 with an id and, for tickets, a number) is in the database and read back
  through the API;
- a request sent to a node that was stopped gracefully never failed: no connection broken after the request was sent,
  no 5xx. A connection refused before anything was sent (the node not listening) is counted apart and sent to the next
  node, as nginx does; through nginx every request is answered 2xx. Only the requests in flight on the killed node may
  be lost, unacknowledged;
- tokens from every node, and a browser session started on one node (sign-in form fetched on another), work on every
  node, including the restarted ones; sign-in throttling counts failures made on all three nodes together;
- each breached ticket has one breach, one automatic escalation, one notification per supervisor, and its webhook
  event is received once by a loopback receiver; each public reply is mailed once to a loopback SMTP receiver. A
  delivery or message claimed by the killed node and not finished stays claimed until its claim lapses (2 and 5
  minutes); the test makes those lapse at once and then wants them delivered too, and only those may arrive twice
  (the node may have died after sending and before recording it);
- the nodes stopped gracefully exit 0 within the grace and leave no claimed delivery or message behind.

A second test stops one node while a mail and a webhook are on their way (the receivers hold their answers): both are
finished and recorded before the node exits.
"""

from __future__ import annotations

import datetime as dt
import http.client
import http.server
import json
import os
import random
import re
import shutil
import signal
import socketserver
import ssl
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

import kefu_server
import pg_support as pg
from conftest import REPO_ROOT, in_ci, unavailable
import smtp_receiver
from smtp_receiver import SmtpReceiver

GRACE = 5
THREADS = 6
PAUSE = 0.15  # seconds between one thread's requests: some 30 requests a second in all
NGINX_CONF = REPO_ROOT / "deploy" / "nginx-kefu.conf"
UNIT_FILE = REPO_ROOT / "deploy" / "kefu.service"
ENV_EXAMPLE = REPO_ROOT / "deploy" / "kefu.env.example"


# --------------------------------------------------------------------------
# One request, classified: refused before sending, broken after sending, or answered.


class Outcome:
    def __init__(self, kind: str, status: int = 0, body=None, error: str = ""):
        self.kind, self.status, self.body, self.error = kind, status, body, error

    def ok(self, *codes) -> bool:
        return self.kind == "answered" and self.status in (codes or (200, 201))

    def __repr__(self):
        return f"{self.kind} {self.status} {self.error or str(self.body)[:200]}"


_INSECURE = ssl.create_default_context()
_INSECURE.check_hostname = False
_INSECURE.verify_mode = ssl.CERT_NONE


def send(target, method: str, path: str, body=None, token=None, headers=None, raw: bytes | None = None, timeout: float = 30) -> Outcome:
    """`target`: ("http", port) or ("https", port). No retry: the caller decides what a refusal means."""
    scheme, port = target
    conn = (http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout, context=_INSECURE) if scheme == "https"
            else http.client.HTTPConnection("127.0.0.1", port, timeout=timeout))
    hdrs = {"Accept": "application/json", "Connection": "close"}
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
        hdrs["Content-Type"] = "application/json"
    if token:
        hdrs["Authorization"] = f"Bearer {token}"
    hdrs.update(headers or {})
    try:
        try:
            conn.connect()
        except ConnectionRefusedError as err:
            return Outcome("refused", error=repr(err))
        try:
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            text = resp.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as err:
            return Outcome("broken", error=repr(err))
        try:
            payload = json.loads(text) if text else None
        except ValueError:
            payload = text
        out = Outcome("answered", resp.status, payload)
        out.headers = resp.getheaders()
        return out
    finally:
        conn.close()


# --------------------------------------------------------------------------
# Loopback receivers.


class HookReceiver(http.server.ThreadingHTTPServer):
    """Takes webhook POSTs; with `hold`, answers each only that many seconds after it arrived (`arrived` is set)."""
    daemon_threads = True

    def __init__(self, hold: float = 0):
        self.deliveries: list[tuple[str, dict]] = []
        self.lock = threading.Lock()
        self.hold, self.arrived = hold, threading.Event()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                with receiver.lock:
                    receiver.deliveries.append((self.headers.get("X-Kefu-Delivery", ""), payload))
                receiver.arrived.set()
                time.sleep(receiver.hold)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]


class _HeldSmtpHandler(smtp_receiver._Handler):
    def _send(self, line: str) -> None:
        if line.startswith("250 2.0.0 queued"):
            self.server.arrived.set()
            time.sleep(self.server.hold)
        super()._send(line)


class HeldSmtpReceiver(SmtpReceiver):
    """The loopback SMTP receiver, answering the end of each message only `hold` seconds after it arrived."""

    def __init__(self, hold: float):
        socketserver.ThreadingTCPServer.__init__(self, ("127.0.0.1", 0), _HeldSmtpHandler)
        self.messages: list[dict] = []
        self.hold, self.arrived = hold, threading.Event()
        threading.Thread(target=self.serve_forever, daemon=True).start()


# --------------------------------------------------------------------------
# The nodes.


class Node:
    """`kefu serve` on a fixed loopback port; restarted on the same port."""

    def __init__(self, index: int, db_url: str, tmp: Path, env: dict):
        self.index, self.db_url, self.tmp, self.env = index, db_url, tmp, env
        self.port = kefu_server.free_port()
        self.runs = 0
        self.server = None
        self.stops: list[dict] = []

    def start(self) -> "Node":
        self.runs += 1
        self.server = kefu_server.Server(self.db_url, self.tmp / f"node{self.index}-{self.runs}.log", pg.ADMIN_PASSWORD, self.env, port=self.port)
        return self

    def wait_healthy(self) -> "Node":
        self.server.wait_healthy(timeout=90)
        return self

    @property
    def target(self):
        return ("http", self.port)

    def terminate(self) -> dict:
        """SIGTERM; waits for the exit; returns how it went."""
        started = time.monotonic()
        self.server.proc.send_signal(signal.SIGTERM)
        try:
            code = self.server.proc.wait(timeout=GRACE + 8)
        except subprocess.TimeoutExpired:
            pytest.fail(f"node {self.index} still running {GRACE + 8} s after SIGTERM:\n{self.server.log_tail()}")
        stop = {"kind": "term", "code": code, "took": time.monotonic() - started, "at": started, "until": time.monotonic()}
        self.stops.append(stop)
        return stop

    def kill(self) -> dict:
        at = time.monotonic()
        self.server.proc.send_signal(signal.SIGKILL)
        self.server.proc.wait(timeout=10)
        stop = {"kind": "kill", "at": at, "until": time.monotonic()}
        self.stops.append(stop)
        return stop

    def stop(self):
        if self.server:
            self.server.stop()


# --------------------------------------------------------------------------
# nginx from deploy/nginx-kefu.conf (ports and certificates substituted).


class Nginx:
    def __init__(self, tmp: Path, nodes: list[Node]):
        self.dir = tmp / "nginx"
        self.dir.mkdir()
        self.https_port, self.http_port = kefu_server.free_port(), kefu_server.free_port()
        cert, key = self.dir / "cert.pem", self.dir / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=kefu.example.com",
                        "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
        site = NGINX_CONF.read_text()
        ports = iter(n.port for n in nodes)
        site, upstreams = re.subn(r"server 127\.0\.0\.1:\d+", lambda _: f"server 127.0.0.1:{next(ports)}", site)
        assert upstreams == len(nodes), f"{NGINX_CONF}: {upstreams} upstream servers, the test has {len(nodes)} nodes"
        substitutions = [
            (r"\n\s*listen \[::\]:\d+[^;]*;", ""),  # loopback IPv4 only in the test
            (r"listen 80;", f"listen 127.0.0.1:{self.http_port};"),
            (r"listen 443 ", f"listen 127.0.0.1:{self.https_port} "),
            (r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};"),
            (r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};"),
        ]
        for pattern, replacement in substitutions:
            site, n = re.subn(pattern, replacement, site)
            assert n, f"{NGINX_CONF}: no match for {pattern!r}"
        (self.dir / "kefu.conf").write_text(site)
        user = f"user {os.environ.get('USER') or 'root'};\n" if os.geteuid() == 0 else ""
        temps = "".join(f"    {name}_temp_path {self.dir / name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (self.dir / "nginx.conf").write_text(
            f"{user}worker_processes 1;\ndaemon off;\npid {self.dir / 'nginx.pid'};\nerror_log {self.dir / 'error.log'} warn;\n"
            f"events {{ worker_connections 512; }}\n"
            f"http {{\n    access_log {self.dir / 'access.log'};\n{temps}    include {self.dir / 'kefu.conf'};\n}}\n")
        conf = str(self.dir / "nginx.conf")
        checked = subprocess.run(["nginx", "-t", "-p", str(self.dir), "-c", conf], capture_output=True, text=True, timeout=30)
        assert checked.returncode == 0, f"nginx -t refused deploy/nginx-kefu.conf:\n{checked.stderr}"
        self.proc = subprocess.Popen(["nginx", "-p", str(self.dir), "-c", conf], stdout=subprocess.DEVNULL,
                                     stderr=(self.dir / "stderr.log").open("wb"))
        deadline = time.monotonic() + 15
        while send(self.target, "GET", "/healthz").kind != "answered":
            assert self.proc.poll() is None, (self.dir / "stderr.log").read_text()
            assert time.monotonic() < deadline, "nginx did not answer"
            time.sleep(0.2)

    @property
    def target(self):
        return ("https", self.https_port)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


# --------------------------------------------------------------------------
# The load.


class Load:
    """Client threads; each request is recorded with the node it went to (or "nginx")."""

    def __init__(self, nodes: list[Node], nginx: Nginx | None, agents: list[dict], hook_ticket_unit: str):
        self.nodes, self.nginx, self.agents = nodes, nginx, agents
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.attempts: list[dict] = []       # every request sent (or refused)
        self.tickets: dict[str, str] = {}    # acknowledged: id -> number
        self.comments: set[str] = set()      # acknowledged comment ids
        self.mail_markers: set[str] = set()  # acknowledged public replies on e-mail tickets (each must be mailed once)
        self.breach_tickets: set[str] = set()
        self.tokens: list[tuple[str, str]] = []  # (issued on, token)
        self.cross_node_failures: list[str] = []
        self.unacknowledged: list[dict] = []

    def _record(self, via: str, method: str, path: str, started: float, out: Outcome):
        with self.lock:
            self.attempts.append({"via": via, "method": method, "path": path, "start": started, "end": time.monotonic(),
                                  "kind": out.kind, "status": out.status, "error": out.error, "body": out.body if out.kind == "answered" and out.status >= 300 else None})

    def request(self, route: int, method: str, path: str, body=None, token=None, headers=None) -> Outcome:
        """Through nginx when the thread uses it; otherwise straight to node `route`, and on a refused connect to the
        next node (what a proxy does), a few rounds at most."""
        if self.nginx is not None and route < 0:
            started = time.monotonic()
            out = send(self.nginx.target, method, path, body, token, headers)
            self._record("nginx", method, path, started, out)
            return out
        for attempt in range(3 * len(self.nodes) * 4):
            node = self.nodes[(route + attempt) % len(self.nodes)]
            started = time.monotonic()
            out = send(node.target, method, path, body, token, headers)
            self._record(f"node{node.index}", method, path, started, out)
            if out.kind != "refused":
                return out
            if attempt % len(self.nodes) == len(self.nodes) - 1:
                time.sleep(0.2)
        return out

    def worker(self, number: int, via_nginx: bool):
        rng = random.Random(number)
        agent = self.agents[number % len(self.agents)]
        token = agent["token"]
        mine: list[str] = []
        k = 0
        while not self.stop_event.is_set():
            k += 1
            route = -1 if via_nginx else rng.randrange(len(self.nodes))
            step = k % 6
            tag = f"t{number}-{k}"
            if step in (0, 3) or not mine:
                out = self.request(route, "POST", "/api/v1/tickets", {
                    "subject": f"多节点 {tag}", "description": "负载", "type": "repair", "channel": "phone", "priority": "normal"}, token)
                if out.ok(201) and out.body.get("id") and out.body.get("number"):
                    with self.lock:
                        self.tickets[out.body["id"]] = out.body["number"]
                    mine.append(out.body["id"])
                else:
                    self._unacked("ticket", out)
            elif step == 1:
                out = self.request(route, "POST", f"/api/v1/tickets/{rng.choice(mine)}/comments", {"body": f"备注 {tag}", "visibility": "internal"}, token)
                if out.ok(201) and out.body.get("id"):
                    with self.lock:
                        self.comments.add(out.body["id"])
                else:
                    self._unacked("comment", out)
            elif step == 2:
                # A ticket of channel e-mail with a customer address: its public reply is mailed to the customer.
                out = self.request(route, "POST", "/api/v1/tickets", {
                    "subject": f"邮件工单 {tag}", "description": "", "type": "inquiry", "channel": "email", "priority": "normal",
                    "customer": {"name": f"客户{tag}", "email": f"{tag}@customer.example"}}, token)
                if not (out.ok(201) and out.body.get("id")):
                    self._unacked("ticket", out)
                    continue
                with self.lock:
                    self.tickets[out.body["id"]] = out.body["number"]
                marker = f"reply-{tag}"
                out = self.request(route if route < 0 else route + 1, "POST", f"/api/v1/tickets/{out.body['id']}/comments",
                                   {"body": f"您好，{marker}", "visibility": "public"}, token)
                if out.ok(201) and out.body.get("id"):
                    with self.lock:
                        self.comments.add(out.body["id"])
                        self.mail_markers.add(marker)
                else:
                    self._unacked("reply", out)
            elif step == 4:
                # Sign in on one node; the token at once on another.
                out = self.request(route, "POST", "/api/v1/auth/token", {"username": agent["username"], "password": agent["password"]})
                if not (out.ok(200) and out.body.get("token")):
                    self._unacked("sign-in", out)
                    continue
                with self.lock:
                    self.tokens.append((f"route{route}", out.body["token"]))
                check = self.request(route if route < 0 else route + 1, "GET", f"/api/v1/tickets/{rng.choice(mine)}", token=out.body["token"])
                if check.kind == "answered" and check.status != 200:
                    with self.lock:
                        self.cross_node_failures.append(repr(check))
            elif step == 5 and number % 2 == 0:
                # A ticket whose first-response clock ran out five minutes ago: the scanners of all nodes race for it.
                received = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=10)).isoformat(timespec="seconds")
                out = self.request(route, "POST", "/api/v1/tickets", {
                    "subject": f"超时 {tag}", "description": "", "type": "repair", "channel": "email", "priority": "high", "receivedAt": received}, token)
                if out.ok(201) and out.body.get("id"):
                    with self.lock:
                        self.tickets[out.body["id"]] = out.body["number"]
                        self.breach_tickets.add(out.body["id"])
                else:
                    self._unacked("breach ticket", out)
            time.sleep(PAUSE)

    def _unacked(self, what: str, out: Outcome):
        with self.lock:
            self.unacknowledged.append({"what": what, "outcome": repr(out), "at": time.monotonic()})

    def start(self):
        self.threads = [threading.Thread(target=self.worker, args=(i, self.nginx is not None and i % 2 == 1), daemon=True)
                        for i in range(THREADS)]
        for t in self.threads:
            t.start()

    def finish(self):
        self.stop_event.set()
        for t in self.threads:
            t.join(timeout=40)
            assert not t.is_alive(), "a client thread hangs"


# --------------------------------------------------------------------------
# Helpers.


def cookie_session(nodes: list[Node], username: str, password: str) -> str:
    """The sign-in form from node 0, posted to node 1 (its pre-session and CSRF token live in the database); returns
    the session cookie (name=value)."""
    form = send(nodes[0].target, "GET", "/login", headers={"Accept": "text/html"})
    assert form.ok(200), form
    cookies = [v.split(";", 1)[0] for k, v in form.headers if k.lower() == "set-cookie"]
    csrf = re.search(r'name="_csrf" value="([^"]+)"', form.body).group(1)
    posted = send(nodes[1].target, "POST", "/login", headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(cookies),
                                                              "Accept": "text/html"},
                  raw=urllib.parse.urlencode({"username": username, "password": password, "_csrf": csrf}).encode())
    assert posted.kind == "answered" and posted.status in (302, 303), posted
    session = [v.split(";", 1)[0] for k, v in posted.headers if k.lower() == "set-cookie" and "max-age=0" not in v.lower()
               and v.split("=", 1)[0] not in [c.split("=", 1)[0] for c in cookies]]
    assert session, f"no session cookie: {posted.headers}"
    return "; ".join(session)


def page_ok(node: Node, cookie: str) -> bool:
    out = send(node.target, "GET", "/tickets", headers={"Cookie": cookie, "Accept": "text/html"})
    return out.ok(200)


def check_through_nginx(nginx: Nginx, cookie: str):
    """What the site file does besides balancing: TLS with X-Forwarded-Proto (Secure cookies, HSTS), plain HTTP sent
    to HTTPS, the live queue streamed, the chat WebSocket upgraded."""
    out = send(("http", nginx.http_port), "GET", "/login")
    assert out.kind == "answered" and out.status == 301 and dict(out.headers)["Location"].startswith("https://"), out
    out = send(nginx.target, "GET", "/login", headers={"Accept": "text/html"})
    assert out.ok(200), out
    headers = [(k.lower(), v) for k, v in out.headers]
    assert any(k == "strict-transport-security" for k, _ in headers), f"no HSTS through nginx: {headers}"
    cookies = [v for k, v in headers if k == "set-cookie"]
    assert cookies and all("secure" in v.lower() for v in cookies), f"cookies without Secure through nginx: {cookies}"

    conn = http.client.HTTPSConnection("127.0.0.1", nginx.https_port, timeout=10, context=_INSECURE)
    try:
        conn.request("GET", "/tickets/live", headers={"Cookie": cookie, "Accept": "text/event-stream"})
        resp = conn.getresponse()
        assert resp.status == 200 and resp.getheader("Content-Type", "").startswith("text/event-stream"), (resp.status, resp.getheaders())
        first = "".join(resp.readline().decode() for _ in range(3))  # retry:, event: ready, data: …
        assert "event: ready" in first, first
    finally:
        conn.close()

    conn = http.client.HTTPSConnection("127.0.0.1", nginx.https_port, timeout=10, context=_INSECURE)
    try:
        conn.request("GET", "/chat/ws", headers={"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
                                                 "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
        resp = conn.getresponse()
        assert resp.status == 101 and resp.getheader("Upgrade", "").lower() == "websocket", (resp.status, resp.getheaders())
    finally:
        conn.close()


def orphan_claims(db_url: str) -> set[str]:
    """Deliveries and messages pending with a claim (next attempt minutes away) that no live node is finishing: asked
    twice, 1.5 s apart (a live node's claim lasts milliseconds: our receivers answer at once)."""
    def now_claimed():
        rows = pg.psql(db_url, """
            SELECT 'hook:' || id FROM webhook_deliveries WHERE status = 'pending' AND attempts = 0
                AND next_attempt_at > (extract(epoch from now()) * 1000)::bigint + 60000
            UNION ALL
            SELECT 'mail:' || id FROM mail_outbox WHERE status = 'pending'
                AND next_attempt_at > (extract(epoch from now()) * 1000)::bigint + 60000""")
        return set(rows.split())
    first = now_claimed()
    time.sleep(1.5)
    return first & now_claimed()


def wait_until(what: str, check, timeout: float):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"{what}: not within {timeout:.0f} s"
        time.sleep(0.3)


def check_deploy_files():
    """The systemd unit stops with SIGTERM and gives the server longer than its grace before SIGKILL."""
    unit = UNIT_FILE.read_text()
    env = ENV_EXAMPLE.read_text()
    assert re.search(r"^KillSignal=SIGTERM$", unit, re.M), unit
    stop = int(re.search(r"^TimeoutStopSec=(\d+)", unit, re.M).group(1))
    grace = int(re.search(r"^KEFU_SHUTDOWN_GRACE_SECONDS=(\d+)", env, re.M).group(1))
    assert stop >= grace + 3 + 2, f"TimeoutStopSec={stop} leaves no room after the grace {grace} s and the 3 s hard stop"
    if shutil.which("systemd-analyze"):
        # Only the file's own syntax (the binary and user need not exist here).
        done = subprocess.run(["systemd-analyze", "verify", str(UNIT_FILE)], capture_output=True, text=True, timeout=60)
        bad = [l for l in done.stderr.splitlines() if "kefu.service" in l and ("Unknown" in l or "Invalid" in l or "Failed to parse" in l)]
        assert not bad, "\n".join(bad)


# --------------------------------------------------------------------------


def test_three_nodes_share_one_database_through_a_rolling_restart_and_a_crash(tmp_path):
    check_deploy_files()
    use_nginx = shutil.which("nginx") is not None and shutil.which("openssl") is not None
    if not use_nginx and in_ci():
        unavailable("nginx (and openssl) are needed to run deploy/nginx-kefu.conf in front of the nodes")
    db = pg.FreshDatabase("kefu_e2e_nodes")
    smtp = SmtpReceiver()
    hooks = HookReceiver()
    data_dir = tmp_path / "shared-data"
    data_dir.mkdir()
    env = {"KEFU_SLA_SCAN_SECONDS": "1", "KEFU_SHUTDOWN_GRACE_SECONDS": str(GRACE), "KEFU_DATA_DIR": str(data_dir),
           "KEFU_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}?tls=none", "KEFU_MAIL_FROM": "客服中心 <service@kefu.example>",
           "KEFU_WEBHOOK_ALLOW_HOSTS": f"127.0.0.1:{hooks.port}", "KEFU_ACCESS_LOG": "1"}
    nodes = [Node(i, db.url + "?pool=10", tmp_path, env) for i in range(3)]
    nginx = None
    holder = None
    timings = {}
    t0 = time.monotonic()
    try:
        nodes[0].start().wait_healthy()  # migrates the empty database

        # Set-up through node 0: a unit with a webhook, agents, supervisors, a 24x7 policy for e-mail tickets. Nodes 1
        # and 2 start after it: each node keeps the SLA policies for up to 15 s (SlaSettings.maxAge), so a policy saved
        # on one node reaches the others' new tickets only that much later.
        base = nodes[0].server.base
        admin = pg.login(base, "admin", pg.ADMIN_PASSWORD)
        _, units = pg.call(base, "GET", "/api/v1/org-units", token=admin)
        root = units["items"][0]["id"]
        unit = pg.created(pg.call(base, "POST", "/api/v1/org-units", {"code": "NODES", "name": "多节点客服组", "kind": "department", "parentId": root},
                                  token=admin), "unit")["id"]
        status, hook = pg.call(base, "PUT", f"/api/v1/org-units/{unit}/webhook", {"url": f"http://127.0.0.1:{hooks.port}/hook", "format": "kefu",
                                                                                   "active": True}, token=admin)
        assert status == 200, (status, hook)
        pg.created(pg.call(base, "POST", "/api/v1/sla-policies", {
            "name": "多节点 邮件", "match": {"channel": "email"}, "calendar": "24x7", "firstResponseMinutes": 5,
            "resolutionMinutes": 600, "escalateAfterMinutes": 60}, token=admin), "policy")
        agents = []
        for i in range(3):
            name, password = f"nodeagent{i}", f"Node-Agent-Pw-{i}!"
            pg.created(pg.call(base, "POST", "/api/v1/users", {"username": name, "password": password, "displayName": f"坐席{i}",
                                                               "orgUnitId": unit, "roles": ["cs_agent"], "locale": "zh-CN"}, token=admin), name)
            agents.append({"username": name, "password": password, "token": pg.login(base, name, password)})
        supervisors = []
        for i in range(2):
            name = f"nodesup{i}"
            supervisors.append(pg.created(pg.call(base, "POST", "/api/v1/users", {
                "username": name, "password": f"Node-Sup-Pw-{i}!", "displayName": f"主管{i}", "orgUnitId": unit,
                "roles": ["cs_supervisor"], "locale": "zh-CN"}, token=admin), name)["id"])
        for n in nodes[1:]:
            n.start()
        for n in nodes[1:]:
            n.wait_healthy()
        timings["start"] = time.monotonic() - t0
        if use_nginx:
            nginx = Nginx(tmp_path, nodes)
        for i in range(1, 3):
            agents[i]["token"] = pg.login(nodes[i].server.base, agents[i]["username"], agents[i]["password"])

        # Sign-in throttling is one count for all nodes: five failures spread over them, the sixth is refused (429).
        xff = {"X-Forwarded-For": "203.0.113.77"}
        for i in range(5):
            out = send(nodes[i % 3].target, "POST", "/api/v1/auth/token", {"username": "nosuchuser", "password": "wrong-password-1"}, headers=xff)
            assert out.ok(401), out
        out = send(nodes[2].target, "POST", "/api/v1/auth/token", {"username": "nosuchuser", "password": "wrong-password-1"}, headers=xff)
        assert out.kind == "answered" and out.status == 429, f"the sixth failure, on node 2, was not throttled: {out}"

        # A browser session: form from node 0, posted to node 1; it opens pages on every node.
        cookie = cookie_session(nodes, agents[0]["username"], agents[0]["password"])
        assert all(page_ok(n, cookie) for n in nodes), "a session started on node 1 does not open pages on every node"
        if nginx:
            check_through_nginx(nginx, cookie)
        probe_ticket = pg.created(pg.call(base, "POST", "/api/v1/tickets", {"subject": "在途请求", "description": "", "type": "repair",
                                                                            "channel": "phone", "priority": "normal"}, token=agents[0]["token"]), "probe")

        load = Load(nodes, nginx, agents, unit)
        load.start()
        load_started = time.monotonic()
        time.sleep(4)

        # Rolling restart, node 1 first: a comment waits on a row lock (held 2 s by psql) as the node is told to stop.
        holder = subprocess.Popen(["psql", db.url, "-qtAX", "-c",
                                   f"BEGIN; SELECT id FROM tickets WHERE id = '{probe_ticket['id']}' FOR UPDATE; SELECT pg_sleep(2); COMMIT;"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until("the psql session holds the lock", lambda: pg.psql(db.url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                                                              "AND wait_event = 'PgSleep'") != "0", 10)
        in_flight: dict = {}

        def probe():
            in_flight["outcome"] = send(nodes[1].target, "POST", f"/api/v1/tickets/{probe_ticket['id']}/comments",
                                        {"body": "停机时在途的备注", "visibility": "internal"}, agents[0]["token"])
        prober = threading.Thread(target=probe, daemon=True)
        prober.start()
        wait_until("the comment waits on the row lock", lambda: pg.psql(db.url, """
            SELECT count(*) FROM pg_stat_activity a JOIN pg_stat_activity h ON h.pid = ANY(pg_blocking_pids(a.pid))
            WHERE h.datname = current_database() AND h.wait_event = 'PgSleep'""") != "0", 10)
        stop1 = nodes[1].terminate()
        prober.join(timeout=10)
        holder.wait(timeout=10)
        outcome = in_flight.get("outcome")
        assert outcome is not None and outcome.ok(201), f"the request in flight on node 1 at SIGTERM: {outcome}"
        load.comments.add(outcome.body["id"])
        assert stop1["code"] == 0 and stop1["took"] < GRACE, f"node 1 after SIGTERM: {stop1}\n{nodes[1].server.log_tail()}"
        nodes[1].start().wait_healthy()
        timings["node 1 down"] = time.monotonic() - stop1["at"]
        orphans_after_term = orphan_claims(db.url)

        time.sleep(2)
        stop0 = nodes[0].terminate()
        assert stop0["code"] == 0 and stop0["took"] < GRACE + 1, f"node 0 after SIGTERM: {stop0}\n{nodes[0].server.log_tail()}"
        nodes[0].start().wait_healthy()
        timings["node 0 down"] = time.monotonic() - stop0["at"]
        orphans_after_term |= orphan_claims(db.url)

        time.sleep(2)
        kill2 = nodes[2].kill()
        time.sleep(4)
        load.finish()
        timings["load"] = time.monotonic() - load_started

        # After the load: every breach recorded, every delivery and message out, but for what the killed node held.
        breach_ids = sorted(load.breach_tickets)
        assert len(breach_ids) >= 5, f"only {len(breach_ids)} breach tickets acknowledged"
        id_list = ",".join(f"'{t}'" for t in breach_ids)
        wait_until("every breach ticket breached", lambda: pg.psql(db.url, f"SELECT count(DISTINCT ticket_id) FROM ticket_breaches WHERE ticket_id IN ({id_list})")
                   == str(len(breach_ids)), 30)
        pending_sql = ("SELECT (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= (extract(epoch from now()) * 1000)::bigint + 60000)"
                       " + (SELECT count(*) FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= (extract(epoch from now()) * 1000)::bigint + 60000)")
        wait_until("deliveries and mail sent", lambda: pg.psql(db.url, pending_sql) == "0", 30)
        orphans = orphan_claims(db.url)
        assert not orphans_after_term, f"a node stopped with SIGTERM left claimed work behind: {sorted(orphans_after_term)}"
        # What the killed node had claimed: its claim lapses now instead of in minutes, and a live node sends it.
        hooks_orphaned = [o.split(":", 1)[1] for o in orphans if o.startswith("hook:")]
        mail_orphaned = [o.split(":", 1)[1] for o in orphans if o.startswith("mail:")]
        if orphans:
            now_ms = "(extract(epoch from now()) * 1000)::bigint"
            if hooks_orphaned:
                pg.psql(db.url, f"UPDATE webhook_deliveries SET next_attempt_at = {now_ms} WHERE id IN ({','.join(repr(i) for i in hooks_orphaned)})")
            if mail_orphaned:
                pg.psql(db.url, f"UPDATE mail_outbox SET next_attempt_at = {now_ms} WHERE id IN ({','.join(repr(i) for i in mail_orphaned)})")
        wait_until("every delivery and message sent", lambda: pg.psql(db.url, "SELECT (SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered')"
                                                                              " + (SELECT count(*) FROM mail_outbox WHERE status <> 'sent')") == "0", 30)

        # The crashed node comes back.
        nodes[2].start().wait_healthy()
        timings["node 2 down"] = time.monotonic() - kill2["at"]

        # 1. Requests: to a node stopped gracefully, none failed; through nginx all answered; only the killed node's
        #    requests in flight at the kill may have been lost.
        attempts = load.attempts
        refused = [a for a in attempts if a["kind"] == "refused"]
        failed = []
        lost_to_kill = []
        for a in attempts:
            bad = a["kind"] == "broken" or (a["kind"] == "answered" and a["status"] >= 500)
            if not bad:
                continue
            killed_in_flight = (a["via"] in ("node2", "nginx") and a["start"] <= kill2["until"] + 0.05 and a["end"] >= kill2["at"] - 0.05)
            (lost_to_kill if killed_in_flight else failed).append(a)
        assert not failed, f"{len(failed)} requests failed outside the crash, e.g. {failed[:5]}"
        assert not load.cross_node_failures, f"a token from one node refused on another: {load.cross_node_failures[:5]}"
        client_errors = [a for a in attempts if a["kind"] == "answered" and 400 <= a["status"] < 500]
        assert not client_errors, f"{len(client_errors)} requests refused, e.g. {client_errors[:5]}"

        # 2. Every acknowledged write is there: in the database, and read back through the API of node 1.
        rows = dict(line.split("|") for line in pg.psql(db.url, "SELECT id, number FROM tickets").splitlines())
        missing = {t: n for t, n in load.tickets.items() if rows.get(t) != n}
        assert not missing, f"{len(missing)} acknowledged tickets missing or renumbered: {list(missing.items())[:5]}"
        comment_ids = set(pg.psql(db.url, "SELECT id FROM ticket_comments").split())
        assert load.comments <= comment_ids, f"acknowledged comments missing: {sorted(load.comments - comment_ids)[:5]}"
        reader = admin
        for tid, number in load.tickets.items():
            out = send(nodes[1].target, "GET", f"/api/v1/tickets/{tid}", token=reader)
            assert out.ok(200) and out.body["number"] == number, out

        # 3. Sessions: every token (from every node, before and after the restarts) and the cookie work on every node.
        tokens = [a["token"] for a in agents] + [t for _, t in load.tokens]
        for token in tokens:
            for n in nodes:
                out = send(n.target, "GET", "/api/v1/notifications?per=1", token=token)
                assert out.ok(200), f"a token refused by node {n.index}: {out}"
        assert all(page_ok(n, cookie) for n in nodes), "the browser session does not open pages on every node after the restarts"

        # 4. Each breach once: one breach row, one automatic escalation, level 1, one notification per supervisor,
        #    one webhook event.
        per_ticket = pg.psql(db.url, f"""
            SELECT t.id, t.escalation_level,
                   (SELECT count(*) FROM ticket_breaches b WHERE b.ticket_id = t.id),
                   (SELECT count(*) FROM ticket_escalations e WHERE e.ticket_id = t.id AND e.automatic = 1),
                   (SELECT count(*) FROM notifications n WHERE n.ticket_id = t.id AND n.kind = 'sla_breach'),
                   (SELECT count(DISTINCT n.user_id) FROM notifications n WHERE n.ticket_id = t.id AND n.kind = 'sla_breach'),
                   (SELECT count(*) FROM webhook_deliveries d WHERE d.event = 'sla_breach' AND d.payload LIKE '%' || t.id || '%')
            FROM tickets t WHERE t.id IN ({id_list})""")
        wrong = [line for line in per_ticket.splitlines() if line.split("|")[1:] != ["1", "1", "1", str(len(supervisors)), str(len(supervisors)), "1"]]
        assert not wrong, "breaches not recorded exactly once (id|level|breaches|escalations|notifications|told|webhooks):\n" + "\n".join(wrong[:10])
        received = {}
        with hooks.lock:
            deliveries = list(hooks.deliveries)
        for delivery_id, payload in deliveries:
            received.setdefault(delivery_id, []).append(payload)
        twice = {d: len(p) for d, p in received.items() if len(p) > 1 and d not in hooks_orphaned}
        assert not twice, f"webhook deliveries received more than once: {twice}"
        breach_events = {}
        for delivery_id, payload in deliveries:
            if payload.get("event") == "sla_breach" and delivery_id not in hooks_orphaned:
                breach_events[payload["ticket"]["id"]] = breach_events.get(payload["ticket"]["id"], 0) + 1
        for delivery_id in hooks_orphaned:
            payload = received[delivery_id][0] if delivery_id in received else None
            if payload and payload.get("event") == "sla_breach":
                breach_events[payload["ticket"]["id"]] = breach_events.get(payload["ticket"]["id"], 0) + 1
        assert {t: breach_events.get(t, 0) for t in breach_ids} == {t: 1 for t in breach_ids}, \
            f"sla_breach webhook events per ticket: {[(t, breach_events.get(t, 0)) for t in breach_ids if breach_events.get(t, 0) != 1]}"

        # 5. Each public reply mailed once.
        mailed = {}
        for m in smtp.messages:
            found = re.search(r"reply-t\d+-\d+", m["message"].get_content())
            assert found, m["message"].get_content()[:300]
            mailed[found.group(0)] = mailed.get(found.group(0), 0) + 1
        orphaned_markers = set()
        if mail_orphaned:
            orphaned_markers = set(re.findall(r"reply-t\d+-\d+", pg.psql(db.url, f"SELECT c.body FROM mail_outbox o JOIN ticket_comments c ON c.id = o.comment_id WHERE o.id IN ({','.join(repr(i) for i in mail_orphaned)})")))
        assert not (load.mail_markers - set(mailed)), f"public replies never mailed: {sorted(load.mail_markers - set(mailed))[:5]}"
        twice = {m: c for m, c in mailed.items() if c > 1 and m not in orphaned_markers}
        assert not twice, f"replies mailed more than once: {twice}"
        outbox = int(pg.psql(db.url, "SELECT count(*) FROM mail_outbox"))
        assert outbox == len(set(mailed)), f"{outbox} messages queued, {len(set(mailed))} distinct received"

        assert pg.deadlocks(db.url) == 0, "PostgreSQL detected deadlocks"

        counts = {}
        for a in attempts:
            counts[a["via"]] = counts.get(a["via"], 0) + 1
        print(f"[nodes] {len(attempts)} requests ({counts}); {len(load.tickets)} tickets, {len(load.comments)} comments, "
              f"{len(load.mail_markers)} mailed replies, {len(breach_ids)} breaches, {len(tokens)} tokens; "
              f"refused before sending and sent to the next node: {len(refused)}; lost in flight at the SIGKILL: {len(lost_to_kill)} "
              f"({[a['via'] + ' ' + a['path'] + ' ' + (a['error'] or str(a['status'])) for a in lost_to_kill][:4]}); "
              f"unacknowledged writes: {len(load.unacknowledged)}; claims left by the killed node: {len(hooks_orphaned)} webhooks, "
              f"{len(mail_orphaned)} mails; SIGTERM exits: node 1 {stop1['took']:.2f} s (probe {outcome.status}), node 0 {stop0['took']:.2f} s; "
              + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()) + f"; nginx: {'yes' if nginx else 'no'}")
    finally:
        if holder and holder.poll() is None:
            holder.kill()
        if nginx:
            nginx.stop()
        for n in nodes:
            n.stop()
        smtp.shutdown()
        hooks.shutdown()
        if os.environ.get("KEFU_E2E_KEEP_DATABASE"):
            print(f"[nodes] kept the database {db.name} and the logs in {tmp_path}")
        else:
            db.drop()


def test_sigterm_finishes_the_mail_and_the_webhook_being_sent(tmp_path):
    """#17.3: SIGTERM while a mail and a webhook are on their way (the relay and the receiver answer 1.5 s after taking
    them): the node finishes both — records the mail sent and the delivery delivered — and only then exits, well
    within the grace. Cut off half-way, both stayed claimed and unrecorded and went out a second time once their
    claims lapsed (5 and 2 minutes later)."""
    db = pg.FreshDatabase("kefu_e2e_bgstop")
    smtp = HeldSmtpReceiver(hold=1.5)
    hooks = HookReceiver(hold=1.5)
    env = {"KEFU_SLA_SCAN_SECONDS": "1", "KEFU_SHUTDOWN_GRACE_SECONDS": str(GRACE), "KEFU_DATA_DIR": str(tmp_path / "data"),
           "KEFU_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}?tls=none", "KEFU_MAIL_FROM": "客服中心 <service@kefu.example>",
           "KEFU_WEBHOOK_ALLOW_HOSTS": f"127.0.0.1:{hooks.port}"}
    node = Node(0, db.url, tmp_path, env)
    try:
        base = node.start().wait_healthy().server.base
        admin = pg.login(base, "admin", pg.ADMIN_PASSWORD)
        root = pg.call(base, "GET", "/api/v1/org-units", token=admin)[1]["items"][0]["id"]
        status, hook = pg.call(base, "PUT", f"/api/v1/org-units/{root}/webhook", {"url": f"http://127.0.0.1:{hooks.port}/hook", "format": "kefu",
                                                                                   "active": True}, token=admin)
        assert status == 200, (status, hook)
        pg.created(pg.call(base, "POST", "/api/v1/sla-policies", {
            "name": "停机 邮件", "match": {"channel": "email"}, "calendar": "24x7", "firstResponseMinutes": 5,
            "resolutionMinutes": 600, "escalateAfterMinutes": 60}, token=admin), "policy")
        mailed = pg.created(pg.call(base, "POST", "/api/v1/tickets", {
            "subject": "停机时的邮件", "description": "", "type": "inquiry", "channel": "email", "priority": "normal",
            "customer": {"name": "客户", "email": "stop@customer.example"}}, token=admin), "ticket")
        pg.created(pg.call(base, "POST", f"/api/v1/tickets/{mailed['id']}/comments", {"body": "您好，停机时的回复", "visibility": "public"},
                           token=admin), "reply")
        received = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=10)).isoformat(timespec="seconds")
        pg.created(pg.call(base, "POST", "/api/v1/tickets", {"subject": "停机时超时", "description": "", "type": "repair", "channel": "email",
                                                             "priority": "high", "receivedAt": received}, token=admin), "breach ticket")
        assert smtp.arrived.wait(15), "the mail never reached the relay"
        assert hooks.arrived.wait(15), "the webhook never reached its receiver"
        time.sleep(0.3)
        stop = node.terminate()
        print(f"[bg stop] exit {stop['code']} after {stop['took']:.2f} s")
        assert stop["code"] == 0, node.server.log_tail()
        assert stop["took"] < GRACE, f"stopped after {stop['took']:.2f} s"
        assert pg.psql(db.url, "SELECT status || ' ' || attempts FROM mail_outbox") == "sent 1", \
            f"the mail on its way at SIGTERM was not recorded: {pg.psql(db.url, 'SELECT status, attempts, last_error FROM mail_outbox')}"
        assert pg.psql(db.url, "SELECT status || ' ' || attempts FROM webhook_deliveries WHERE event = 'sla_breach'") == "delivered 1", \
            f"the webhook on its way at SIGTERM was not recorded: {pg.psql(db.url, 'SELECT status, attempts, last_error FROM webhook_deliveries')}"
        assert len(smtp.messages) == 1 and len(hooks.deliveries) == 1
    finally:
        node.stop()
        smtp.shutdown()
        hooks.shutdown()
        db.drop()

"""#17 item 5: with an OTLP endpoint configured, `kefu serve` sends OpenTelemetry traces (OTLP/HTTP, here as JSON to a
collector this test runs on loopback): one server span per request named by its route's pattern, continuing the caller's
W3C traceparent, carrying the answer's X-Request-Id, with the store's transactions as child spans; no concrete path or
query leaves (a sign-in token, a customer's phone number); the spans still queued are sent when the server stops.
Bounded: one server, a handful of requests, one collector."""

from __future__ import annotations

import base64
import gzip
import json
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import Api
from kefu_server import Server

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_SPAN = "00f067aa0ba902b7"
SECRET = "one-time-Secret-7c1d"
PHONE = "13800138000"


class Collector:
    """An OTLP/HTTP receiver: keeps the spans of every POST /v1/traces (JSON)."""

    def __init__(self):
        self.spans: list[dict] = []
        self.resources: list[dict] = []
        self.bodies: list[bytes] = []
        lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.headers.get("Content-Encoding") == "gzip":
                    raw = gzip.decompress(raw)
                with lock:
                    outer.bodies.append(raw)
                    if self.path == "/v1/traces":
                        for rs in json.loads(raw).get("resourceSpans", []):
                            outer.resources.append(rs.get("resource", {}))
                            for ss in rs.get("scopeSpans", []):
                                outer.spans.extend(ss.get("spans", []))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def close(self):
        self.http.shutdown()
        self.http.server_close()


def _hex(value: str) -> str:
    """OTLP/JSON gives ids as hex; a plain protobuf JSON encoder gives base64."""
    if value and all(c in "0123456789abcdefABCDEF" for c in value) and len(value) in (16, 32):
        return value.lower()
    return base64.b64decode(value).hex() if value else ""


def _attributes(span: dict) -> dict:
    out = {}
    for a in span.get("attributes", []):
        v = a.get("value", {})
        out[a["key"]] = v.get("stringValue", v.get("intValue", v.get("boolValue", v.get("doubleValue"))))
    return out


def _call(base: str, method: str, path: str, token: str, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    h = {"Accept": "application/json", "Authorization": f"Bearer {token}", **(headers or {})}
    if data is not None:
        h["Content-Type"] = "application/json"
    req = urllib.request.Request(base + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_requests_are_traced_by_route_with_their_transactions_and_no_secret_leaves(tmp_path):
    collector = Collector()
    # A long batch delay: what this test reads is what the server sends as it stops (nothing queued is lost).
    server = Server(f"sqlite://{tmp_path / 'kefu.sqlite'}", tmp_path / "kefu.log", "Trace-Admin-2026!", extra_env={
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.url, "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
        "OTEL_BSP_SCHEDULE_DELAY": "60000", "OTEL_SERVICE_NAME": "kefu-e2e"})
    try:
        server.wait_healthy()
        token = Api(server.base).login("admin", "Trace-Admin-2026!")
        status, headers, body = _call(server.base, "POST", "/api/v1/tickets", token, {
            "subject": "风机偏航故障", "description": f"客户电话 {PHONE}", "type": "repair", "channel": "phone", "priority": "normal"},
            {"traceparent": f"00-{TRACE_ID}-{PARENT_SPAN}-01", "X-Request-Id": "trace-e2e.1"})
        assert status == 201, body
        ticket = json.loads(body)
        status, _, _ = _call(server.base, "GET", f"/api/v1/tickets/{ticket['id']}", token)
        assert status == 200
        status, _, _ = _call(server.base, "GET", f"/api/v1/tickets?q={PHONE}", token)
        assert status == 200
        _call(server.base, "GET", f"/portal/in/{SECRET}", "")
        status, _, _ = _call(server.base, "GET", "/api/v1/no-such-route", token)
        assert status == 404
    finally:
        server.stop()
        collector.close()
    assert server.proc.returncode == 0, server.log_tail()
    assert "OpenTelemetry traces go to" in server.log_tail()

    spans = collector.spans
    assert spans, f"no spans arrived; collector saw {len(collector.bodies)} posts; log:\n{server.log_tail()}"
    names = [s["name"] for s in spans]
    servers = {s["name"]: s for s in spans if s.get("kind") in (2, "SPAN_KIND_SERVER")}

    create = servers.get("POST /api/v1/tickets")
    assert create, names
    assert _hex(create["traceId"]) == TRACE_ID and _hex(create.get("parentSpanId", "")) == PARENT_SPAN, create
    attrs = _attributes(create)
    assert attrs["http.route"] == "/api/v1/tickets" and str(attrs["http.response.status_code"]) == "201", attrs
    assert attrs["kefu.request_id"] == "trace-e2e.1", attrs

    # The store's transactions are children of the request's span.
    writes = [s for s in spans if s["name"] == "db write" and _hex(s.get("parentSpanId", "")) == _hex(create["spanId"])]
    assert writes and _attributes(writes[0])["db.system.name"] == "sqlite", names
    assert all(_hex(w["traceId"]) == TRACE_ID for w in writes)

    shown = servers.get("GET /api/v1/tickets/{id}") or servers.get("GET /api/v1/tickets/:id")
    assert shown and _hex(shown["traceId"]) != TRACE_ID, names  # no traceparent given: a trace of its own
    assert any(s["name"] == "db read" and _hex(s.get("parentSpanId", "")) == _hex(shown["spanId"]) for s in spans), names
    assert any(n.startswith("GET /portal/in/") for n in names), names
    unmatched = _attributes(servers["GET (no route)"])
    assert str(unmatched["http.response.status_code"]) == "404" and "http.route" not in unmatched, unmatched
    # Background rounds (the breach scanner, the outbox) make no traces: every transaction span has a request's parent.
    assert all(s.get("parentSpanId") for s in spans if s["name"].startswith("db ")), names

    # Neither the sign-in token nor the searched phone number left the server.
    sent = b"".join(collector.bodies).decode("utf-8", "replace")
    assert SECRET not in sent and PHONE not in sent
    service_names = {a["value"].get("stringValue") for r in collector.resources for a in r.get("attributes", []) if a["key"] == "service.name"}
    assert service_names == {"kefu-e2e"}, service_names


def test_no_endpoint_no_traces(tmp_path):
    """Without an OTLP endpoint nothing is traced (and OTEL_SDK_DISABLED=true turns a configured one off)."""
    collector = Collector()
    server = Server(f"sqlite://{tmp_path / 'kefu.sqlite'}", tmp_path / "kefu.log", "Trace-Admin-2026!", extra_env={
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.url, "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json", "OTEL_SDK_DISABLED": "true"})
    try:
        server.wait_healthy()
        Api(server.base).login("admin", "Trace-Admin-2026!")
    finally:
        server.stop()
        collector.close()
    assert collector.bodies == [] and "OpenTelemetry" not in server.log_tail()


def test_a_protocol_this_build_cannot_send_is_refused_at_start(tmp_path):
    """gRPC is not built in: `kefu serve` says so and exits, instead of starting without traces (or crashing)."""
    import os
    import subprocess

    from kefu_server import binary

    env = dict(os.environ, DATABASE_URL=f"sqlite://{tmp_path / 'kefu.sqlite'}", OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:9",
               OTEL_EXPORTER_OTLP_PROTOCOL="grpc")
    env.pop("KEFU_TEST_POSTGRES_URL", None)
    done = subprocess.run([str(binary()), "serve", "--port", "9"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 64, (done.returncode, done.stdout, done.stderr)
    assert "OTEL_EXPORTER_OTLP_PROTOCOL=grpc" in done.stderr and "http/protobuf" in done.stderr, done.stderr

#!/usr/bin/env python3
"""Stand-in for the kefu binary, used only to test bench/run.sh itself.

    KEFU_BIN=bench/selftest/mock_kefu.py SEED_COUNT=2000 DURATION=3 bash bench/run.sh

Implements just what the harness calls: `serve --hostname H --port P`,
GET /healthz, POST /api/v1/auth/token (admin, and the users it created),
GET/POST /api/v1/org-units and POST /api/v1/users (the department and agent of
the create phase), POST /api/v1/tickets (validates the JSON body and the length
limits) and GET /api/v1/tickets?q=..&per=.. (substring search over subject,
description and customer).  In memory, no database; its numbers say nothing
about Kefu.
"""
import argparse
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOKEN = "mock-token"
lock = threading.Lock()
tickets = []
users = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def reply(self, status, obj):
        data = json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def authed(self):
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            self.reply(401, {"error": "unauthorized"})
            return False
        return True

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(n).decode("utf-8")) if n else None

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/healthz":
            return self.reply(200, {"status": "ok"})
        if url.path == "/api/v1/org-units":
            if not self.authed():
                return
            return self.reply(200, {"items": [{"id": "unit-root", "code": "ROOT"}], "total": 1})
        if url.path == "/api/v1/tickets":
            if not self.authed():
                return
            qs = parse_qs(url.query)
            q = qs.get("q", [""])[0]
            per = int(qs.get("per", ["20"])[0])
            with lock:
                snapshot = list(tickets)
            hits = [t for t in reversed(snapshot) if q in t["_text"]] if q else list(reversed(snapshot))
            items = [{k: v for k, v in t.items() if k != "_text"} for t in hits[:per]]
            return self.reply(200, {"items": items, "page": 1, "per": per, "total": len(hits)})
        self.reply(404, {"error": "not found"})

    def do_POST(self):
        url = urlsplit(self.path)
        try:
            body = self.body()
        except Exception as e:  # noqa: BLE001
            return self.reply(400, {"error": "bad json: %s" % e})
        if url.path == "/api/v1/auth/token":
            name = body.get("username") if isinstance(body, dict) else None
            known = os.environ.get("KEFU_ADMIN_PASSWORD") if name == "admin" else users.get(name)
            if known is not None and body == {"username": name, "password": known}:
                return self.reply(200, {"token": TOKEN, "user": {"username": name}})
            return self.reply(401, {"error": "bad credentials"})
        if url.path in ("/api/v1/org-units", "/api/v1/users"):
            if not self.authed():
                return
            if url.path == "/api/v1/users":
                users[body["username"]] = body["password"]
            return self.reply(201, dict(body, id="mock-%d" % (len(users) + 1)))
        if url.path == "/api/v1/tickets":
            if not self.authed():
                return
            try:
                s, d, c = body["subject"], body["description"], body["customer"]
                assert isinstance(s, str) and 0 < len(s) <= 200, "subject length %d" % len(s)
                assert isinstance(d, str) and len(d) <= 10000, "description length %d" % len(d)
                assert body["type"] == "repair" and body["channel"] == "phone" and body["priority"] == "normal"
                assert isinstance(c["name"], str) and c["name"] and isinstance(c["phone"], str) and c["phone"]
            except Exception as e:  # noqa: BLE001
                return self.reply(422, {"error": "invalid: %r" % e})
            with lock:
                t = dict(body, id=len(tickets) + 1, _text=s + "\n" + d + "\n" + c["name"] + "\n" + c["phone"])
                tickets.append(t)
            return self.reply(201, {k: v for k, v in t.items() if k != "_text"})
        self.reply(404, {"error": "not found"})


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # wrk drops its keep-alive connections at the end of a run
        pass


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--hostname", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8080)
    a = p.parse_args()
    Server((a.hostname, a.port), Handler).serve_forever()


if __name__ == "__main__":
    main()

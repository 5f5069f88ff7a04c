"""The bench clients' HTTP client: one kept-alive connection to 127.0.0.1, each call timed client-side with
perf_counter around one request (used by bench/people and bench/property)."""

from __future__ import annotations

import http.client
import json
import time
import urllib.parse


class Client:
    def __init__(self, base: str, timeout: float = 30):
        u = urllib.parse.urlparse(base)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)

    def call(self, method: str, path: str, body=None, token: str | None = None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        start = time.perf_counter()
        self.conn.request(method, path, body=data, headers=headers)
        r = self.conn.getresponse()
        payload = r.read()
        ms = (time.perf_counter() - start) * 1000
        try:
            parsed = json.loads(payload) if payload else None
        except ValueError:
            parsed = None
        return r.status, parsed, ms

    def token(self, username: str, password: str) -> str:
        status, body, _ = self.call("POST", "/api/v1/auth/token", {"username": username, "password": password})
        assert status == 200, (username, status, body)
        return body["token"]

"""#17 item 5: with KEFU_LOG_FORMAT=json the server writes one JSON object per log line; every answer carries
X-Request-Id (the caller's when it is a plain token, else a new one) and the access line of the request carries the same
id, the method, path, status and duration. Bounded: one server, a handful of loopback requests."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from kefu_server import Server


def _get(base: str, path: str, request_id: str | None = None) -> tuple[int, str]:
    headers = {"Accept": "application/json"}
    if request_id is not None:
        headers["X-Request-Id"] = request_id
    req = urllib.request.Request(base + path, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.headers.get("X-Request-Id") or ""
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("X-Request-Id") or ""


def test_json_logs_carry_the_request_id_the_answer_returns(tmp_path):
    log = tmp_path / "kefu.log"
    server = Server(f"sqlite://{tmp_path / 'kefu.sqlite'}", log, "Json-Logs-2026!", extra_env={"KEFU_LOG_FORMAT": "json"})
    try:
        server.wait_healthy()
        status, given = _get(server.base, "/healthz", "support-case.42")
        assert (status, given) == (200, "support-case.42")
        status, made = _get(server.base, "/api/v1/no-such-route", "not a token!")
        assert status == 404 and len(made) == 16 and made != "not a token!", made
        deadline = time.monotonic() + 5
        lines: list[dict] = []
        while time.monotonic() < deadline:
            lines = [json.loads(l) for l in log.read_text("utf-8").splitlines() if l.startswith("{")]
            if any(l.get("request_id") == made and l.get("msg") == "request" for l in lines):
                break
            time.sleep(0.1)
        access = {l["request_id"]: l for l in lines if l.get("msg") == "request"}
        assert access["support-case.42"]["path"] == "/healthz" and access["support-case.42"]["status"] == "200", access
        assert access[made]["status"] == "404" and access[made]["method"] == "GET", access
        assert float(access[made]["duration_ms"]) >= 0
        assert all({"ts", "level", "label", "msg"} <= set(l) for l in lines), lines[:3]
    finally:
        server.stop()

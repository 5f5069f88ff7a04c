"""An acknowledged write survives a crash of the server process.

The server is killed with SIGKILL while 16 clients are creating tickets; after a restart on the same SQLite
file every ticket whose creation was answered 201 must be there. (SQLite runs in WAL mode with
synchronous=FULL and the server answers only after the group's COMMIT.)
"""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from kefu_server import Server, binary, free_port

ADMIN_PASSWORD = "durability-admin-1"


def _call(base: str, method: str, path: str, body=None, token=None, timeout=10):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, None


def _start(db: Path, port: int, log: Path) -> subprocess.Popen:
    return Server(f"sqlite://{db}", log, ADMIN_PASSWORD, port=port).wait_healthy(timeout=60).proc


def test_acknowledged_tickets_survive_sigkill(tmp_path: Path):
    binary()  # a missing binary skips, or fails in CI
    db = tmp_path / "crash.sqlite"
    log = tmp_path / "server.log"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _start(db, port, log)
    status, body = _call(base, "POST", "/api/v1/auth/token", {"username": "admin", "password": ADMIN_PASSWORD})
    assert status == 200
    token = body["token"]

    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(n: int):
        i = 0
        while not stop.is_set() and i < 2000:
            i += 1
            try:
                code, t = _call(base, "POST", "/api/v1/tickets",
                                {"subject": f"崩溃测试 {n}-{i} 风机", "customer": {"phone": f"1390000{n:02d}{i % 100:02d}"}},
                                token=token, timeout=5)
            except (OSError, http.client.HTTPException, ValueError):
                return  # the server is gone: this request was never acknowledged
            if code == 201:
                with lock:
                    acknowledged.append(t["id"])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    time.sleep(2.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    assert len(acknowledged) > 20, "too few tickets were created before the crash to prove anything"

    proc = _start(db, port, log)
    try:
        status, body = _call(base, "POST", "/api/v1/auth/token", {"username": "admin", "password": ADMIN_PASSWORD})
        assert status == 200
        token = body["token"]
        missing = [i for i in acknowledged if _call(base, "GET", f"/api/v1/tickets/{i}", token=token)[0] != 200]
        assert missing == [], f"{len(missing)} of {len(acknowledged)} acknowledged tickets were lost"
        status, page = _call(base, "GET", "/api/v1/tickets?per=1", token=token)
        assert status == 200 and page["total"] >= len(acknowledged)
        # The search index came through too. A search counts exactly to one page past the page asked for, so the last
        # page of one ticket each counts them all.
        status, found = _call(base, "GET", f"/api/v1/tickets?q=%E5%B4%A9%E6%BA%83&per=1&page={len(acknowledged)}", token=token)
        assert status == 200 and found["total"] >= len(acknowledged) and len(found["items"]) == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()

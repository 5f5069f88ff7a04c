"""Issue #10.1: idle, half-sent and excess connections cannot exhaust the server.

Each test starts its own `kefu serve` ($KEFU_BIN) with short limits on a loopback port:
- 2,000 half-sent requests are held open; /healthz still answers quickly, the server closes them once the header
  timeout passes, and the process survives;
- a slow body and an idle kept-alive connection are closed after their timeouts;
- a connection flood beyond KEFU_MAX_CONNECTIONS is answered `503` (JSON, Retry-After) and closed, and the server
  serves again as soon as the held connections go.
Bounded: at most ~2,100 loopback sockets, well under a minute in all.
"""

from __future__ import annotations

import resource
import select
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from kefu_server import Server

HALF_SENT = 2000
HEADER_TIMEOUT = 6


def _raise_own_descriptor_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < needed:
        pytest.skip(f"this test needs {needed} descriptors")


def _healthz(base: str, timeout: float = 5.0) -> tuple[int, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=timeout) as resp:
            return resp.status, time.monotonic() - started
    except urllib.error.HTTPError as err:
        return err.code, time.monotonic() - started


@pytest.fixture
def serve(tmp_path):
    servers: list[Server] = []

    def start(**limits: str) -> tuple[str, subprocess.Popen]:
        server = Server(f"sqlite://{tmp_path / 'slow.sqlite'}", tmp_path / "server.log", "slow-admin-1", limits)
        servers.append(server)
        server.wait_healthy(timeout=60)
        return server.base, server.proc

    yield start
    for server in servers:
        server.stop()


def _connect(port: int) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.setblocking(False)
    return s


def _closed_by_server(sockets: list[socket.socket], deadline: float) -> int:
    """Waits until the server has closed every socket (EOF or reset) or the deadline passes; returns how many it closed."""
    pending = {s.fileno(): s for s in sockets}
    closed = 0
    poller = select.poll()
    for fd in pending:
        poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    while pending and time.monotonic() < deadline:
        for fd, _ in poller.poll(200):
            s = pending.get(fd)
            if s is None:
                continue
            try:
                data = s.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if data == b"":
                closed += 1
                poller.unregister(fd)
                del pending[fd]
    return closed


def test_half_sent_requests_are_closed_and_the_server_keeps_serving(serve):
    _raise_own_descriptor_limit(HALF_SENT + 512)
    base, proc = serve(KEFU_HEADER_TIMEOUT_SECONDS=str(HEADER_TIMEOUT), KEFU_BODY_TIMEOUT_SECONDS="3",
                       KEFU_IDLE_TIMEOUT_SECONDS="3", KEFU_MAX_CONNECTIONS="4096")
    port = int(base.rsplit(":", 1)[1])
    held: list[socket.socket] = []
    try:
        opened = time.monotonic()
        for _ in range(HALF_SENT):
            s = _connect(port)
            s.send(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # never finished
            held.append(s)
        # While they are held, the server answers at once.
        status, elapsed = _healthz(base)
        assert status == 200 and elapsed < HEADER_TIMEOUT - 1, (status, elapsed)
        assert time.monotonic() - opened < HEADER_TIMEOUT, "opening the sockets took too long for the timing checks"
        # None is closed before its time, every one soon after the header timeout.
        early = _closed_by_server(held[:50], deadline=opened + HEADER_TIMEOUT - 1)
        assert early == 0, f"{early} half-sent connections were closed before the header timeout"
        closed = _closed_by_server(held, deadline=opened + HEADER_TIMEOUT + 10)
        assert closed == HALF_SENT, f"only {closed} of {HALF_SENT} half-sent connections were closed"
        assert proc.poll() is None, "the server died"
        assert _healthz(base)[0] == 200
    finally:
        for s in held:
            s.close()

    # A body that never completes is closed after the body timeout.
    s = _connect(port)
    s.send(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nusername=")
    assert _closed_by_server([s], deadline=time.monotonic() + 3 + 5) == 1
    s.close()

    # A kept-alive connection with nothing more to say is closed after the idle timeout.
    s = _connect(port)
    s.send(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    answer = b""
    deadline = time.monotonic() + 5
    while b"\r\n\r\n" not in answer and time.monotonic() < deadline:
        select.select([s], [], [], 0.2)
        try:
            answer += s.recv(65536)
        except BlockingIOError:
            pass
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
    started = time.monotonic()
    assert _closed_by_server([s], deadline=started + 3 + 5) == 1
    assert time.monotonic() - started >= 2.0, "closed before the idle timeout"
    s.close()
    assert proc.poll() is None


def test_connection_flood_beyond_the_cap_is_refused_with_503_and_recovers(serve):
    cap = 100
    _raise_own_descriptor_limit(cap + 512)
    base, proc = serve(KEFU_MAX_CONNECTIONS=str(cap), KEFU_HEADER_TIMEOUT_SECONDS="30", KEFU_IDLE_TIMEOUT_SECONDS="30")
    port = int(base.rsplit(":", 1)[1])
    held = [_connect(port) for _ in range(cap)]
    try:
        time.sleep(0.5)  # the server has taken them all
        refused = 0
        for _ in range(50):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            answer = b""
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    answer += chunk
            except OSError:
                pass
            s.close()
            if answer.startswith(b"HTTP/1.1 503") and b"too_many_connections" in answer and b"Retry-After: 1" in answer:
                refused += 1
        assert refused == 50, f"only {refused} of 50 connections beyond the cap got a clear 503"
        assert proc.poll() is None
    finally:
        for s in held:
            s.close()
    # Recovery: with the held connections gone, the server answers again.
    deadline = time.monotonic() + 5
    while True:
        status, _ = _healthz(base)
        if status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert status == 200
    assert proc.poll() is None

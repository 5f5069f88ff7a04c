"""#18.6: SIGTERM stops the server within a bounded time even while a request waits on a PostgreSQL row lock.

`kefu serve` runs on a fresh PostgreSQL database with KEFU_SHUTDOWN_GRACE_SECONDS=3. A psql session outside the
server holds the ticket's row lock, so a comment on that ticket blocks inside its transaction. Then SIGTERM: the
process must exit with status 0 within grace + 5 s, the blocked request must get an answer (its result or 503) or
a closed connection — never hang (here: 503 `shutting_down` right after the grace) — and the server's database
connections must be gone.
"""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import threading
import time

import pytest

import pg_support as pg

GRACE = 3


def _waiting_on_lock(db_url: str) -> int:
    return int(pg.psql(db_url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                               "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()") or 0)


def _sessions(db_url: str) -> int:
    return int(pg.psql(db_url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                               "AND pid <> pg_backend_pid()") or 0)


def test_sigterm_ends_a_request_blocked_on_a_row_lock_within_the_grace(tmp_path):
    db = pg.FreshDatabase("kefu_e2e_shutdown")
    server = holder = None
    try:
        server = pg.Server(db.url, tmp_path / "server.log", {"KEFU_SHUTDOWN_GRACE_SECONDS": str(GRACE)}).wait_healthy()
        admin = pg.login(server.base, "admin", pg.ADMIN_PASSWORD)
        _, units = pg.call(server.base, "GET", "/api/v1/org-units", token=admin)
        root = units["items"][0]["id"]
        pg.created(pg.call(server.base, "POST", "/api/v1/users", {
            "username": "stopagent", "password": "Stop-Agent-Pw-9!", "displayName": "坐席", "orgUnitId": root,
            "roles": ["cs_agent"], "locale": "zh-CN"}, token=admin), "agent")
        agent = pg.login(server.base, "stopagent", "Stop-Agent-Pw-9!")
        ticket = pg.created(pg.call(server.base, "POST", "/api/v1/tickets", {
            "subject": "停机测试", "description": "", "type": "repair", "channel": "phone", "priority": "normal"}, token=agent), "ticket")

        # Another session holds the ticket's row for a minute.
        holder = subprocess.Popen(["psql", db.url, "-qtAX", "-c",
                                   f"BEGIN; SELECT id FROM tickets WHERE id = '{ticket['id']}' FOR UPDATE; SELECT pg_sleep(60); COMMIT;"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while int(pg.psql(db.url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                  "AND query LIKE '%pg_sleep(60)%' AND wait_event = 'PgSleep'") or 0) == 0:
            assert time.monotonic() < deadline, "the psql session did not take the lock"
            time.sleep(0.1)

        outcome: dict = {}

        def comment():
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            try:
                conn.request("POST", f"/api/v1/tickets/{ticket['id']}/comments",
                             body=json.dumps({"body": "在停机时写的备注", "visibility": "internal"}),
                             headers={"Content-Type": "application/json", "Authorization": f"Bearer {agent}"})
                resp = conn.getresponse()
                outcome["status"] = resp.status
                outcome["body"] = resp.read().decode("utf-8", "replace")
            except (http.client.HTTPException, ConnectionError, OSError) as err:
                outcome["error"] = repr(err)
            finally:
                outcome["at"] = time.monotonic()
                conn.close()

        request = threading.Thread(target=comment, daemon=True)
        request.start()
        deadline = time.monotonic() + 15
        while _waiting_on_lock(db.url) == 0:
            assert time.monotonic() < deadline, f"the comment request never waited on the lock: {outcome}"
            assert request.is_alive(), f"the comment request ended before blocking: {outcome}"
            time.sleep(0.1)

        started = time.monotonic()
        server.proc.send_signal(signal.SIGTERM)
        try:
            code = server.proc.wait(timeout=GRACE + 5)
        except subprocess.TimeoutExpired:
            pytest.fail(f"kefu serve still running {GRACE + 5} s after SIGTERM:\n{server.log_tail()}")
        took = time.monotonic() - started
        request.join(timeout=5)
        print(f"[shutdown] exit {code} after {took:.2f} s; blocked request: {outcome}")
        assert code == 0, f"exit status {code}:\n{server.log_tail()}"
        assert took >= GRACE - 0.5, f"stopped after {took:.2f} s: the request in progress did not get its grace"
        assert not request.is_alive(), "the blocked request still hangs after the server exited"
        # An answer, not the connection dropped by the last-resort exit 3 s after the grace: cutting the database
        # connections must end the blocked transaction at once (a statement on a closed connection must not hang).
        assert "status" in outcome, f"no answer: {outcome}\n{server.log_tail()}"
        assert outcome["status"] in (201, 503), outcome
        if outcome["status"] == 503:
            assert json.loads(outcome["body"])["error"]["code"] == "shutting_down", outcome
        assert took < GRACE + 2.5, f"stopped only after {took:.2f} s"
        assert "shutdown grace" in server.log_tail(20000), server.log_tail()

        # The lock holder ends (its backend sleeps on without noticing a dead client, so it is terminated): the
        # server's cut-off transaction gets the lock, finds its client gone and rolls back; no session remains.
        pg.psql(db.url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()")
        holder.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _sessions(db.url) > 0:
            assert time.monotonic() < deadline, "database sessions of the stopped server remain"
            time.sleep(0.2)
        comments = int(pg.psql(db.url, f"SELECT count(*) FROM ticket_comments WHERE ticket_id = '{ticket['id']}'"))
        assert comments == (1 if outcome.get("status") == 201 else 0)
    finally:
        if holder and holder.poll() is None:
            holder.kill()
        if server:
            server.stop()
        db.drop()


def test_sigterm_on_an_idle_server_exits_at_once(tmp_path):
    """Nothing in progress: SIGTERM does not wait for the grace."""
    db = pg.FreshDatabase("kefu_e2e_idle_stop")
    server = None
    try:
        server = pg.Server(db.url, tmp_path / "server.log", {"KEFU_SHUTDOWN_GRACE_SECONDS": "30"}).wait_healthy()
        started = time.monotonic()
        server.proc.send_signal(signal.SIGTERM)
        try:
            code = server.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pytest.fail(f"an idle kefu serve still running 10 s after SIGTERM (grace 30 s):\n{server.log_tail()}")
        took = time.monotonic() - started
        print(f"[shutdown idle] exit {code} after {took:.2f} s")
        assert code == 0, server.log_tail()
        assert "shutdown grace" not in server.log_tail(20000), "an idle server waited for the grace"
    finally:
        if server:
            server.stop()
        db.drop()

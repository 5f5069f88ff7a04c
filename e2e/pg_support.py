"""Helpers for the end-to-end tests that run `kefu serve` on PostgreSQL (#18).

The PostgreSQL server comes from KEFU_E2E_POSTGRES_URL (or KEFU_TEST_POSTGRES_URL), e.g.
postgres://kefu:kefu@127.0.0.1:5432/kefu_test; the role must be allowed to create databases. Each test gets a
fresh database of its own, dropped afterwards. `psql` (the PostgreSQL client) must be installed. Without them
the tests are skipped, except with CI=true, where that is a failure (conftest.unavailable).
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import kefu_server
from conftest import Api, unavailable

ADMIN_PASSWORD = "Pg-E2e-Admin-1!"


def server_url() -> str:
    """The PostgreSQL server's URL without query (its database is only used to create the test's own)."""
    url = os.environ.get("KEFU_E2E_POSTGRES_URL") or os.environ.get("KEFU_TEST_POSTGRES_URL") or ""
    if not url:
        unavailable("no PostgreSQL for the e2e tests: set KEFU_E2E_POSTGRES_URL=postgres://user:pass@host:port/db")
    if not shutil.which("psql"):
        unavailable("psql (the PostgreSQL client) is not installed")
    return url.split("?", 1)[0]


def with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))


def psql(url: str, sql: str, timeout: float = 30) -> str:
    """Runs `sql` with psql; returns its unaligned output."""
    done = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qtAX", "-c", sql],
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"psql failed ({done.returncode}): {sql[:200]}\n{done.stderr}")
    return done.stdout.strip()


class FreshDatabase:
    """A new, empty database on the PostgreSQL server; `drop()` removes it (and its sessions)."""

    def __init__(self, prefix: str):
        self.server = server_url()
        self.name = f"{prefix}_{secrets.token_hex(4)}"
        try:
            psql(self.server, f"CREATE DATABASE {self.name}")
        except (AssertionError, OSError, subprocess.TimeoutExpired) as err:
            unavailable(f"cannot create a PostgreSQL database at {self.server}: {err}")
        self.url = with_database(self.server, self.name)

    def drop(self) -> None:
        try:
            psql(self.server, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        except Exception as err:  # noqa: BLE001 - cleanup only
            print(f"[pg e2e] could not drop {self.name}: {err}")


def deadlocks(db_url: str) -> int:
    """Deadlocks PostgreSQL has detected in this database (pg_stat_database)."""
    return int(psql(db_url, "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()") or 0)


def server_log() -> Path | None:
    """The PostgreSQL server's log file (KEFU_E2E_POSTGRES_LOG, or Debian's /var/log/postgresql/postgresql-*-main.log)."""
    chosen = os.environ.get("KEFU_E2E_POSTGRES_LOG")
    if chosen:
        return Path(chosen)
    logs = sorted(glob.glob("/var/log/postgresql/postgresql-*-main.log"), key=os.path.getmtime)
    return Path(logs[-1]) if logs else None


class LogWindow:
    """The lines a log file gets from now on (its size is recorded at the start)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.start = path.stat().st_size if path and path.exists() and os.access(path, os.R_OK) else None

    def readable(self) -> bool:
        return self.start is not None

    def new_text(self) -> str:
        if self.start is None:
            return ""
        with open(self.path, "rb") as f:
            f.seek(self.start)
            return f.read().decode("utf-8", "replace")


def call(base: str, method: str, path: str, body=None, token: str | None = None):
    """(status, parsed JSON or text); a 4xx/5xx is returned, not raised."""
    return Api(base, token).request(method, path, body)


class Server(kefu_server.Server):
    """`kefu serve` on a loopback port against `database_url`, with this module's administrator password."""

    def __init__(self, database_url: str, log: Path, extra_env: dict | None = None):
        super().__init__(database_url, log, ADMIN_PASSWORD, extra_env)


def login(base: str, username: str, password: str) -> str:
    status, body = call(base, "POST", "/api/v1/auth/token", {"username": username, "password": password})
    assert status == 200 and body and body.get("token"), f"sign-in of {username}: {status} {body}"
    return body["token"]


def created(status_body, what: str) -> dict:
    status, body = status_body
    assert status == 201, f"{what}: {status} {body}"
    return body

"""`kefu serve` started by an end-to-end test: on a loopback port, against a database the test chooses, with its log
in a file; waited for until /healthz answers, and stopped with SIGTERM (SIGKILL if it does not go)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

from conftest import REPO_ROOT, Api, unavailable


def binary() -> Path:
    path = Path(os.environ.get("KEFU_BIN") or REPO_ROOT / ".build" / "debug" / "kefu")
    if not (path.is_file() and os.access(path, os.X_OK)):
        unavailable(f"kefu binary not found at {path} (build it with `swift build --product kefu` or set KEFU_BIN)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`kefu serve` on a loopback port against `database_url`."""

    def __init__(self, database_url: str, log: Path, admin_password: str, extra_env: dict | None = None,
                 port: int | None = None, extra_args: list[str] | None = None):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = dict(os.environ, DATABASE_URL=database_url, KEFU_ADMIN_PASSWORD=admin_password, KEFU_BCRYPT_COST="4",
                   KEFU_LOG_LEVEL="info")
        env.pop("KEFU_TEST_POSTGRES_URL", None)
        env.update(extra_env or {})
        self.proc = subprocess.Popen([str(binary()), "serve", "--hostname", "127.0.0.1", "--port", str(self.port)] + (extra_args or []),
                                     env=env, stdin=subprocess.DEVNULL, stdout=log.open("ab"), stderr=subprocess.STDOUT)

    def wait_healthy(self, timeout: float = 90) -> "Server":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"kefu serve exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                if Api(self.base).request("GET", "/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"kefu serve on {self.base} not healthy within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, limit: int = 6000) -> str:
        try:
            text = self.log.read_text("utf-8", "replace")
        except OSError:
            return "(no log)"
        return text[-limit:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

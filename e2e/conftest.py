"""Browser (end-to-end) test fixtures for Kefu.

The session starts the real server binary ($KEFU_BIN, default
.build/debug/kefu) on a free loopback port with a fresh SQLite database, and
each test gets a fresh headless Chromium (/usr/bin/chromium driven by
/usr/bin/chromedriver). Data is prepared through the public REST API.

When the binary (or the browser) is missing the suite is skipped, except
with CI=true, where that is a failure.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("KEFU_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KEFU_E2E_CHROMEDRIVER", "/usr/bin/chromedriver")
STARTUP_TIMEOUT = 60.0
TELEPHONY_SECRET = "e2e-telephony-secret"
ARTIFACTS = Path(os.environ.get("KEFU_E2E_ARTIFACTS", REPO_ROOT / ".build" / "e2e-artifacts"))

_SERVER_LOG_KEY = pytest.StashKey[Path]()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def unavailable(reason: str):
    """Skip locally, fail in CI (a skipped browser suite must not pass CI)."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing prerequisite is a failure)", pytrace=False)
    pytest.skip(reason)


# --------------------------------------------------------------------------
# REST API client (stdlib only)


class ApiError(AssertionError):
    pass


class Api:
    def __init__(self, base_url: str, token: str | None = None):
        self.base_url = base_url.rstrip("/")
        self.token = token

    def request(self, method: str, path: str, body=None, token: str | None = None, expect=None):
        """Returns (status, parsed JSON or text). `expect`: status code(s) required."""
        data = None
        headers = {"Accept": "application/json"}
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        tok = token if token is not None else self.token
        if tok:
            headers["Authorization"] = f"Bearer {tok}"
        req = urllib.request.Request(self.base_url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as err:
            status, raw = err.code, err.read()
        text = raw.decode("utf-8", "replace")
        try:
            payload = json.loads(text) if text else None
        except ValueError:
            payload = text
        if expect is not None:
            allowed = (expect,) if isinstance(expect, int) else tuple(expect)
            if status not in allowed:
                raise ApiError(f"{method} {path} -> {status}, expected {allowed}: {text[:2000]}")
        return status, payload

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def login(self, username: str, password: str) -> str:
        _, payload = self.post(
            "/api/v1/auth/token", {"username": username, "password": password}, token="", expect=200
        )
        assert isinstance(payload, dict) and payload.get("token"), payload
        return payload["token"]


# --------------------------------------------------------------------------
# Server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, limit: int = 20000) -> str:
    try:
        text = path.read_text("utf-8", "replace")
    except OSError:
        return "(no server log)"
    return text if len(text) <= limit else "...\n" + text[-limit:]


@pytest.fixture(scope="session")
def kefu_bin() -> Path:
    path = Path(os.environ.get("KEFU_BIN") or REPO_ROOT / ".build" / "debug" / "kefu")
    if not (path.is_file() and os.access(path, os.X_OK)):
        unavailable(f"kefu binary not found at {path} (build it with `swift build --product kefu` or set KEFU_BIN)")
    return path


@pytest.fixture(scope="session")
def admin_password() -> str:
    return "E2e-Adm1n-" + secrets.token_urlsafe(12) + "!"


@pytest.fixture(scope="session")
def server(request, kefu_bin, admin_password, tmp_path_factory):
    """Starts `kefu serve` on a free port; yields the base URL."""
    workdir = tmp_path_factory.mktemp("kefu-server")
    log_path = workdir / "server.log"
    request.config.stash[_SERVER_LOG_KEY] = log_path
    port = _free_port()
    env = dict(os.environ)
    env.pop("KEFU_TEST_POSTGRES_URL", None)
    env.update(
        # workdir is absolute: sqlite:// + /abs/path -> sqlite:///abs/path/e2e.sqlite
        DATABASE_URL=f"sqlite://{(workdir / 'e2e.sqlite').resolve()}",
        KEFU_ADMIN_PASSWORD=admin_password,
        # The breach scanner looks every second, so that SLA tests need not wait long.
        KEFU_SLA_SCAN_SECONDS="1",
        # #16.3: the telephony webhook's secret (e2e/test_telephony.py signs with it through scripts/cti-sim.py).
        KEFU_TELEPHONY_SECRET=TELEPHONY_SECRET,
        # #16.4: live chat is answered at any hour here (out of hours the widget takes a message instead; the Swift
        # tests cover that form).
        KEFU_CHAT_HOURS="always",
    )
    base_url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(kefu_bin), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        last_error = "no attempt"
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"kefu serve exited with {proc.returncode} before /healthz answered.\n"
                    f"--- server log ---\n{_tail(log_path)}",
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(base_url + "/healthz", timeout=2) as resp:
                    if resp.status == 200:
                        break
                    last_error = f"status {resp.status}"
            except urllib.error.HTTPError as err:
                last_error = f"status {err.code}"
            except (urllib.error.URLError, OSError) as err:
                last_error = repr(err)
            if time.monotonic() > deadline:
                pytest.fail(
                    f"kefu serve: /healthz not 200 within {STARTUP_TIMEOUT:.0f} s ({last_error}).\n"
                    f"--- server log ---\n{_tail(log_path)}",
                    pytrace=False,
                )
            time.sleep(0.25)
        yield base_url
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


@pytest.fixture(scope="session")
def api(server) -> Api:
    return Api(server)


@pytest.fixture(scope="session")
def admin_token(api, admin_password) -> str:
    return api.login("admin", admin_password)


@pytest.fixture(scope="session")
def admin_api(server, admin_token) -> Api:
    return Api(server, admin_token)


@pytest.fixture(scope="session")
def root_unit(admin_api) -> dict:
    _, payload = admin_api.get("/api/v1/org-units", expect=200)
    items = payload.get("items") if isinstance(payload, dict) else payload
    assert items, f"no org units: {payload}"
    return items[0]


@pytest.fixture
def make_user(admin_api, root_unit):
    """Creates a user through the API: make_user(roles=[...]) -> dict with
    username, password, id (if returned), token."""

    def _make(roles=("cs_agent",), display_name="测试坐席", org_unit_id=None):
        username = "e2e_" + secrets.token_hex(5)
        password = "E2e-Pw-" + secrets.token_urlsafe(10) + "9!"
        body = {
            "username": username,
            "password": password,
            "displayName": display_name,
            "orgUnitId": org_unit_id or root_unit["id"],
            "roles": list(roles),
            "locale": "zh-CN",
        }
        _, payload = admin_api.post("/api/v1/users", body, expect=201)
        user = payload.get("user", payload) if isinstance(payload, dict) else {}
        token = Api(admin_api.base_url).login(username, password)
        return {
            "username": username,
            "password": password,
            "id": user.get("id") if isinstance(user, dict) else None,
            "token": token,
            "api": Api(admin_api.base_url, token),
        }

    return _make


@pytest.fixture
def agent(make_user) -> dict:
    return make_user(roles=["cs_agent"])


# --------------------------------------------------------------------------
# Browser


@pytest.fixture
def driver(request):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as err:  # pragma: no cover
        unavailable(f"selenium not installed: {err}")
    chromium = shutil.which(CHROMIUM) or (CHROMIUM if os.access(CHROMIUM, os.X_OK) else None)
    chromedriver = shutil.which(CHROMEDRIVER) or (CHROMEDRIVER if os.access(CHROMEDRIVER, os.X_OK) else None)
    if not chromium or not chromedriver:
        unavailable(f"headless browser not available ({CHROMIUM}, {CHROMEDRIVER})")

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--window-size=1280,900",
        "--lang=zh-CN",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
    ):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    drv = webdriver.Chrome(service=Service(chromedriver), options=options)
    drv.set_page_load_timeout(60)
    drv.implicitly_wait(0)  # explicit waits only
    try:
        yield drv
    finally:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            _save_artifacts(drv, request.node.name)
        drv.quit()


def _save_artifacts(drv, name: str) -> None:
    try:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
        drv.save_screenshot(str(ARTIFACTS / f"{safe}.png"))
        (ARTIFACTS / f"{safe}.html").write_text(
            f"<!-- {drv.current_url} -->\n" + drv.page_source, "utf-8"
        )
        print(f"\n[e2e] failure artifacts: {ARTIFACTS / safe}.png / .html (url {drv.current_url})")
    except Exception as err:  # noqa: BLE001 - best effort only
        print(f"\n[e2e] could not save artifacts: {err!r}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    log_path = config.stash.get(_SERVER_LOG_KEY, None)
    if log_path is None:
        return
    if terminalreporter.stats.get("failed") or terminalreporter.stats.get("error"):
        terminalreporter.section("kefu server log")
        terminalreporter.write_line(_tail(log_path))

"""The mail benchmark's client (#16 item 8), driven by bench/mail/run.sh.

  setup     the administrator creates a mail_intake account; prints its API token
  lmtp      delivers the corpus over --connections LMTP connections (RFC 2033) at once; prints rate and latency
  ingest    pipes --count messages through `kefu mail ingest`, --parallel processes at once; prints rate and latency
  wait-sink waits until the SMTP sink has accepted --count messages; prints the outbound rate
"""

from __future__ import annotations

import argparse
import json
import os
import smtplib
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from benchclient import Client  # noqa: E402
from corpus import corpus  # noqa: E402


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else 0.0


def summary(label: str, count: int, seconds: float, latencies: list[float], failures: int, bytes_total: int) -> str:
    return (f"{label}: {count} messages ({bytes_total / 1_048_576:.1f} MiB) in {seconds:.2f} s = {count / seconds:.0f} msg/s; "
            f"latency p50 {pct(latencies, 50):.1f} ms, p95 {pct(latencies, 95):.1f} ms, p99 {pct(latencies, 99):.1f} ms, "
            f"max {max(latencies) if latencies else 0:.1f} ms; failures {failures}")


def setup(args) -> None:
    c = Client(args.base)
    admin = c.token("admin", args.admin_password)
    status, units, _ = c.call("GET", "/api/v1/org-units", token=admin)
    root = units["items"][0]["id"]
    status, body, _ = c.call("POST", "/api/v1/users", {"username": "mailbench", "password": "mail-bench-intake-2026", "displayName": "邮件接收",
                                                      "orgUnitId": root, "roles": ["mail_intake"]}, token=admin)
    assert status == 201, (status, body)
    print(c.token("mailbench", "mail-bench-intake-2026"))


def lmtp(args) -> None:
    messages = list(corpus(args.count))
    total_bytes = sum(len(m) for _, m in messages)
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()

    def worker(k: int) -> None:
        conn = smtplib.LMTP(args.host, args.port, timeout=60)
        conn.ehlo("bench.example")
        mine: list[float] = []
        for sender, raw in messages[k::args.connections]:
            start = time.perf_counter()
            try:
                refused = conn.sendmail(sender, ["service@bench.example"], raw)
                if refused:
                    with lock:
                        failures[0] += 1
            except smtplib.SMTPException as e:
                with lock:
                    failures[0] += 1
                print(f"lmtp: {e}", file=sys.stderr)
                conn.rset()
            mine.append((time.perf_counter() - start) * 1000)
        conn.quit()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(args.connections)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    print(summary(f"LMTP, {args.connections} connections", len(messages), seconds, latencies, failures[0], total_bytes))


def ingest(args) -> None:
    messages = list(corpus(args.count + args.skip))[args.skip:]
    messages = [(s, m.replace(b"@wind.example.cn>", b"@ingest.wind.example.cn>")) for s, m in messages]  # new Message-IDs
    env = dict(os.environ, KEFU_URL=args.base, KEFU_MAIL_TOKEN=args.token)
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()

    def worker(k: int) -> None:
        for sender, raw in messages[k::args.parallel]:
            start = time.perf_counter()
            r = subprocess.run([args.bin, "mail", "ingest", "--recipient", "service@bench.example"], input=raw, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            ms = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(ms)
                if r.returncode != 0:
                    failures[0] += 1
                    print(f"ingest: exit {r.returncode}: {r.stderr.decode()[:200]}", file=sys.stderr)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(args.parallel)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    print(summary(f"kefu mail ingest, {args.parallel} processes at once", len(messages), seconds, latencies, failures[0],
                  sum(len(m) for _, m in messages)))


def wait_sink(args) -> None:
    deadline = time.time() + args.timeout
    status = {}
    while time.time() < deadline:
        try:
            with open(args.status) as f:
                status = json.load(f)
        except (OSError, ValueError):
            status = {}
        if status.get("count", 0) >= args.count:
            break
        time.sleep(0.1)
    count = status.get("count", 0)
    if count < args.count:
        print(f"outbound: only {count} of {args.count} messages reached the sink in {args.timeout} s")
        sys.exit(1)
    span = status["last"] - status["first"]
    since_ready = status["last"] - args.since
    print(f"outbound to the SMTP sink: {count} messages, first to last {span:.2f} s = {count / span:.0f} msg/s "
          f"({since_ready:.2f} s from the server's start = {count / since_ready:.0f} msg/s); {status.get('connections')} SMTP connections")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("phase", choices=["setup", "lmtp", "ingest", "wait-sink"])
    ap.add_argument("--base", default="http://127.0.0.1:18094")
    ap.add_argument("--admin-password", default="bench-admin-2026")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=18095)
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--parallel", type=int, default=4)
    ap.add_argument("--bin")
    ap.add_argument("--token")
    ap.add_argument("--status")
    ap.add_argument("--since", type=float, default=0)
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    {"setup": setup, "lmtp": lmtp, "ingest": ingest, "wait-sink": wait_sink}[args.phase](args)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""#17.7: times the console's queue pages one request at a time (so the latency is the server's time plus loopback).

    python3 bench/queues/pages.py PORT USERNAME PASSWORD [REQUESTS]

Prints one line per page: its status, p50 and p95 in ms over REQUESTS (20) requests after one warm-up request.
Sends traffic to 127.0.0.1 only.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "mixed"))
from mixed import Http  # noqa: E402

PAGES = [("my queue", "/tickets?view=mine"), ("team", "/tickets?view=team"), ("unassigned", "/tickets?view=team&unassigned=true"),
         ("team, page 5", "/tickets?view=team&page=5"), ("all", "/tickets?view=all"), ("breached", "/tickets?view=all&breached=true"),
         ("today", "/tickets?view=all&openReceivedToday=true"), ("home", "/")]


def main() -> None:
    port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    h = Http(port)
    cookie = h.session(user, password)
    headers = {"Cookie": cookie, "Accept": "text/html"}
    for name, path in PAGES:
        h.send("GET", path, headers=headers)
        ms = []
        for _ in range(n):
            start = time.perf_counter()
            status, _, _ = h.send("GET", path, headers=headers)
            ms.append((time.perf_counter() - start) * 1000)
        ms.sort()
        print(f"{user:10} {name:14} status {status}  p50 {ms[len(ms) // 2]:7.1f} ms  p95 {ms[max(0, int(len(ms) * 0.95) - 1)]:7.1f} ms")


if __name__ == "__main__":
    main()

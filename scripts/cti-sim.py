#!/usr/bin/env python3
"""Kefu CTI simulator (#16.3): signs and posts one call's events to a running Kefu, as a PBX connector would.

    scripts/cti-sim.py --url http://127.0.0.1:8080 --secret "$KEFU_TELEPHONY_SECRET" \
        --caller 13812345678 --extension 8001 --rings 5 [--missed] [--call-id ID] [--pause 1.5]

Events: ringing, then answered and ended, or missed (with --missed). Each POST to /api/v1/telephony/events carries
X-Kefu-Timestamp (unix seconds) and X-Kefu-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">.
Python 3 standard library only.
"""
import argparse
import hashlib
import hmac
import json
import sys
import time
import urllib.error
import urllib.request
import uuid


def sign(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def post(url: str, secret: str, event: dict) -> tuple[int, dict]:
    body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
    ts = str(int(time.time()))
    req = urllib.request.Request(url.rstrip("/") + "/api/v1/telephony/events", data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Kefu-Timestamp": ts, "X-Kefu-Signature": sign(secret, ts, body)})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        text = e.read()
        try:
            return e.code, json.loads(text or b"{}")
        except ValueError:
            return e.code, {"raw": text.decode(errors="replace")}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Sign and post one call's events to Kefu (/api/v1/telephony/events).")
    p.add_argument("--url", required=True, help="Kefu's base URL, e.g. http://127.0.0.1:8080")
    p.add_argument("--secret", required=True, help="the shared secret (KEFU_TELEPHONY_SECRET)")
    p.add_argument("--caller", required=True, help="the caller's number")
    p.add_argument("--extension", required=True, help="the agent's extension")
    p.add_argument("--rings", type=int, default=2, help="rings before the answer (or before giving up with --missed)")
    p.add_argument("--missed", action="store_true", help="the call is not answered")
    p.add_argument("--call-id", default=None, help="the PBX's call id (default: a new one)")
    p.add_argument("--pause", type=float, default=1.5, help="seconds between events (the screen pop has time to show)")
    p.add_argument("--no-end", action="store_true", help="stop after answered (the call stays on)")
    a = p.parse_args(argv)
    call_id = a.call_id or "sim-" + uuid.uuid4().hex[:12]
    events = ["ringing", "missed"] if a.missed else ["ringing", "answered"] + ([] if a.no_end else ["ended"])
    for i, name in enumerate(events):
        if i:
            time.sleep(a.pause)
        status, answer = post(a.url, a.secret, {"callId": call_id, "event": name, "callerNumber": a.caller,
                                                "extension": a.extension, "rings": 1 if name == "ringing" else a.rings})
        print(json.dumps({"event": name, "status": status, "answer": answer}, ensure_ascii=False))
        if status >= 300:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

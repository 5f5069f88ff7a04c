"""Live chat benchmark client (#16 item 8): CHATS visitors hold a WebSocket each at once; a sample of them is watched
by agent connections, and each watched visitor sends messages whose delivery to the agent is timed. Python stdlib only:
a minimal RFC 6455 client (text frames, client masking, no extensions)."""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import struct
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from benchclient import Client  # noqa: E402


class WS:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer

    @classmethod
    async def connect(cls, host: str, port: int, path: str, token: str | None = None) -> "WS":
        reader, writer = await asyncio.open_connection(host, port)
        key = base64.b64encode(os.urandom(16)).decode()
        auth = f"Authorization: Bearer {token}\r\n" if token else ""
        writer.write((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{auth}\r\n").encode())
        head = await reader.readuntil(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise RuntimeError(head.decode(errors="replace"))
        return cls(reader, writer)

    async def send(self, obj: dict) -> None:
        await self.frame(0x1, json.dumps(obj, ensure_ascii=False).encode())

    async def frame(self, opcode: int, payload: bytes) -> None:
        mask = os.urandom(4)
        n = len(payload)
        header = bytes([0x80 | opcode]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack("!H", n))
        self.writer.write(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
        await self.writer.drain()

    async def recv(self) -> dict:
        while True:
            b0, b1 = await self.reader.readexactly(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", await self.reader.readexactly(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", await self.reader.readexactly(8))[0]
            data = await self.reader.readexactly(n)
            if b0 & 0x0F == 0x1:
                return json.loads(data)
            if b0 & 0x0F == 0x9:
                await self.frame(0xA, data)  # pong
            if b0 & 0x0F == 0x8:
                code = struct.unpack("!H", data[:2])[0] if len(data) >= 2 else 0
                raise ConnectionError(f"closed by the server: {code} {data[2:].decode(errors='replace')}")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else 0.0


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--chats", type=int, default=2000)
    ap.add_argument("--watched", type=int, default=100)
    ap.add_argument("--messages", type=int, default=5)
    # spread: each watched chat starts at its own moment within the first 1.5 s, so messages arrive at a steady rate
    # (about watched / 1.5 per second), as visitors type; burst: all watched chats send in the same millisecond.
    ap.add_argument("--pace", choices=("spread", "burst"), default="spread")
    ap.add_argument("--admin-password", default="bench-admin-2026")
    args = ap.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    c = Client(base)
    admin = c.token("admin", args.admin_password)
    root = c.call("GET", "/api/v1/org-units", token=admin)[1]["items"][0]
    status, body, _ = c.call("POST", "/api/v1/users", {"username": "chatagent", "password": "chat-agent-bench-2026", "displayName": "在线客服",
                                                      "orgUnitId": root["id"], "roles": ["cs_agent"]}, token=admin)
    assert status == 201, (status, body)
    agent = c.token("chatagent", "chat-agent-bench-2026")

    started = time.perf_counter()
    sessions = []
    for i in range(args.chats):
        status, body, _ = c.call("POST", "/api/v1/chat/sessions", {"orgUnitCode": root["code"], "name": f"访客{i}", "contact": f"1390000{i:04d}",
                                                                   "message": "你好，我想咨询一下保修期的问题"})
        assert status in (200, 201) and not body.get("offline"), (status, body)
        sessions.append(body)
    create_s = time.perf_counter() - started
    print(f"… {len(sessions)} chats started", file=sys.stderr, flush=True)
    await asyncio.sleep(1)
    rss_before = rss_mb(args.pid)

    visitors: list[WS] = []
    opened = time.perf_counter()
    for s in sessions:
        ws = await WS.connect("127.0.0.1", args.port, "/chat/ws")
        await ws.send({"type": "hello", "token": s["visitorToken"], "after": 1})
        visitors.append(ws)
    for ws in visitors:
        while (await ws.recv()).get("type") != "hello":
            pass
    open_s = time.perf_counter() - opened
    print(f"… {len(visitors)} visitors connected", file=sys.stderr, flush=True)
    await asyncio.sleep(3)
    rss_held = rss_mb(args.pid)

    agents: list[WS] = []
    for s in sessions[: args.watched]:
        ws = await WS.connect("127.0.0.1", args.port, "/chat/ws", token=agent)
        await ws.send({"type": "hello"})
        await ws.send({"type": "watch", "sessionId": s["sessionId"], "after": 1})
        agents.append(ws)

    async def drain_until(ws: WS, kind: str) -> None:
        while (await ws.recv()).get("type") != kind:
            pass

    for ws in agents:
        await drain_until(ws, "watching")
    print(f"… {len(agents)} agents watching", file=sys.stderr, flush=True)
    latencies: list[float] = []

    async def converse(visitor: WS, watcher: WS, k: int) -> None:
        if args.pace == "spread":
            await asyncio.sleep(1.5 * k / max(1, len(agents)))
        for m in range(args.messages):
            client_id = f"b{k}-{m}"
            sent = time.perf_counter()
            await visitor.send({"type": "send", "clientId": client_id, "body": f"第{m + 1}条消息：机组编号 WT-{k:03d}"})
            while True:
                frame = await watcher.recv()
                if frame.get("type") == "message" and frame.get("clientId") == client_id:
                    latencies.append((time.perf_counter() - sent) * 1000)
                    break
            await asyncio.sleep(1.5)

    async def ack_reader(ws: WS) -> None:
        try:
            while True:
                await ws.recv()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            return

    readers = [asyncio.create_task(ack_reader(v)) for v in visitors]
    conv = time.perf_counter()
    await asyncio.gather(*(converse(visitors[k], agents[k], k) for k in range(len(agents))))
    conv_s = time.perf_counter() - conv
    rss_after = rss_mb(args.pid)
    for r in readers:
        r.cancel()
    print(f"chat: {args.chats} chats started over REST in {create_s:.1f} s; {len(visitors)} visitor WebSockets opened in {open_s:.1f} s and held, "
          f"plus {len(agents)} agent WebSockets")
    print(f"  server RSS: {rss_before:.0f} MB before the connections, {rss_held:.0f} MB with {len(visitors)} held (+{rss_held - rss_before:.0f} MB), "
          f"{rss_after:.0f} MB after the conversations (+{rss_after - rss_before:.0f} MB)")
    print(f"  delivery visitor → agent ({args.pace}), {len(latencies)} messages over {conv_s:.1f} s: p50 {pct(latencies, 50):.1f} ms, p95 {pct(latencies, 95):.1f} ms, "
          f"p99 {pct(latencies, 99):.1f} ms, max {max(latencies):.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())

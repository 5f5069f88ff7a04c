"""An SMTP sink on loopback for the outbound mail benchmark (#16 item 8): EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT,
no TLS, no storage. Every 0.2 s it writes {"count", "first", "last"} (messages accepted, and the wall-clock times of
the first and last) to --status."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time

state = {"count": 0, "first": None, "last": None, "connections": 0}


async def session(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    state["connections"] += 1
    writer.write(b"220 sink.bench ESMTP\r\n")
    try:
        while True:
            line = await reader.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                writer.write(b"250-sink.bench\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n")
            elif verb == b"DATA":
                writer.write(b"354 go ahead\r\n")
                await writer.drain()
                while True:
                    data = await reader.readline()
                    if not data or data == b".\r\n":
                        break
                now = time.time()
                state["count"] += 1
                state["first"] = state["first"] or now
                state["last"] = now
                writer.write(b"250 2.0.0 queued\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 2.0.0 bye\r\n")
                await writer.drain()
                return
            elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                writer.write(b"250 2.0.0 ok\r\n")
            else:
                writer.write(b"502 5.5.2 not implemented\r\n")
            await writer.drain()
    finally:
        writer.close()


async def report(path: str) -> None:
    while True:
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(state, f)
        os.replace(tmp, path)
        await asyncio.sleep(0.2)


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--status", required=True)
    args = ap.parse_args()
    server = await asyncio.start_server(session, "127.0.0.1", args.port, limit=1 << 20)
    asyncio.create_task(report(args.status))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())

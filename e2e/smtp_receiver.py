"""A small SMTP server on loopback for end-to-end tests (#16 item 2): it takes what Kefu sends (EHLO, MAIL, RCPT, DATA,
QUIT; no TLS, no AUTH — Kefu's `tls=none` to a loopback relay) and keeps each message whole for the test to read."""

from __future__ import annotations

import email
import email.policy
import socketserver
import threading
import time


class _Handler(socketserver.StreamRequestHandler):
    def _send(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self) -> None:
        self._send("220 e2e.receiver ESMTP")
        sender, recipients, in_data, lines = "", [], False, []
        for raw in self.rfile:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if line == ".":
                    in_data = False
                    message = email.message_from_string("\r\n".join(lines) + "\r\n", policy=email.policy.default)
                    self.server.messages.append({"from": sender, "to": list(recipients), "message": message})
                    lines = []
                    self._send("250 2.0.0 queued")
                else:
                    lines.append(line[1:] if line.startswith(".") else line)
                continue
            upper = line.upper()
            if upper.startswith("EHLO") or upper.startswith("HELO"):
                self._send("250-e2e.receiver\r\n250 8BITMIME")
            elif upper.startswith("MAIL FROM:"):
                sender, recipients = line.split(":", 1)[1].strip().strip("<>"), []
                self._send("250 2.1.0 ok")
            elif upper.startswith("RCPT TO:"):
                recipients.append(line.split(":", 1)[1].strip().strip("<>"))
                self._send("250 2.1.5 ok")
            elif upper == "DATA":
                in_data = True
                self._send("354 go ahead")
            elif upper == "QUIT":
                self._send("221 2.0.0 bye")
                return
            else:
                self._send("250 2.0.0 ok")


class SmtpReceiver(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.messages: list[dict] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def wait_for(self, count: int, timeout: float = 30) -> list[dict]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(self.messages) >= count, f"{len(self.messages)} messages within {timeout:.0f} s, wanted {count}"
        return self.messages

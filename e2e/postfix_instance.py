"""A Postfix of its own for the mail end-to-end test (#16 item 2, item 7): a configuration directory, queue and
mailboxes under one temporary directory, smtpd on a free loopback port, mail for `kefu.test` handed to Kefu's LMTP
listener, mail for `customer.test` delivered to Maildirs the test reads. Started with `postfix start-fg` (no syslog
needed: the log goes to a file) and stopped with `postfix stop`. Needs root and Debian's postfix package."""

from __future__ import annotations

import email
import email.policy
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from conftest import unavailable
from kefu_server import free_port

POSTFIX = "/usr/sbin/postfix"


class PostfixInstance:
    def __init__(self, lmtp_port: int, mailboxes: list[str]):
        if not Path(POSTFIX).is_file():
            unavailable("postfix is not installed (Debian package postfix)")
        if os.geteuid() != 0:
            unavailable("the Postfix test needs root (postfix start)")
        self.smtp_port = free_port()
        # Not under pytest's tmp_path: Postfix's own users must reach the queue and the mailboxes.
        self.root = Path(tempfile.mkdtemp(prefix="kefu-postfix-"))
        self.root.chmod(0o755)
        self.conf = self.root / "conf"
        self.mail = self.root / "mail"
        # `postfix start-fg` writes Postfix's log (maillog_file = /dev/stdout: allowed without syslog) here.
        self.log = self.root / "start.log"
        for d in (self.conf, self.root / "queue", self.root / "data", self.mail):
            d.mkdir()
        user = pwd.getpwnam("postfix")
        for d in (self.root / "data", self.mail):
            os.chown(d, user.pw_uid, user.pw_gid)
        boxes = ", ".join(f"{m}={m.split('@')[0]}/" for m in mailboxes)
        (self.conf / "main.cf").write_text(f"""compatibility_level = 3.6
queue_directory = {self.root / 'queue'}
data_directory = {self.root / 'data'}
mail_owner = postfix
myhostname = mx.kefu.test
mydomain = kefu.test
myorigin = kefu.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
relay_domains = kefu.test
transport_maps = inline:{{ kefu.test=lmtp:inet:127.0.0.1:{lmtp_port} }}
virtual_mailbox_domains = customer.test
virtual_mailbox_base = {self.mail}
virtual_mailbox_maps = inline:{{ {boxes} }}
virtual_minimum_uid = 1
virtual_uid_maps = static:{user.pw_uid}
virtual_gid_maps = static:{user.pw_gid}
maillog_file = /dev/stdout
queue_run_delay = 5s
minimal_backoff_time = 5s
""")
        master = Path("/etc/postfix/master.cf").read_text().splitlines()
        out = []
        for line in master:
            fields = line.split()
            if fields[:2] == ["smtp", "inet"]:
                line = f"{self.smtp_port} inet n - n - - smtpd"
            out.append(line)
        (self.conf / "master.cf").write_text("\n".join(out) + "\n")
        self.proc = subprocess.Popen([POSTFIX, "-c", str(self.conf), "start-fg"], stdin=subprocess.DEVNULL,
                                     stdout=self.log.open("ab"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        import socket
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.smtp_port), timeout=1):
                    break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"postfix did not start:\n{self.log_tail()}")
                time.sleep(0.2)

    def log_tail(self, limit: int = 6000) -> str:
        try:
            return self.log.read_text("utf-8", "replace")[-limit:]
        except OSError:
            return "(no postfix log)"

    def mailbox(self, local: str, count: int, timeout: float = 60) -> list[email.message.EmailMessage]:
        """The messages in `local`'s Maildir, oldest first, once there are `count` of them."""
        new = self.mail / local / "new"
        deadline = time.monotonic() + timeout
        while True:
            files = sorted(new.glob("*"), key=lambda p: p.stat().st_mtime_ns) if new.is_dir() else []
            if len(files) >= count:
                return [email.message_from_bytes(f.read_bytes(), policy=email.policy.default) for f in files]
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(files)} messages for {local} within {timeout:.0f} s, wanted {count}\n{self.log_tail()}")
            time.sleep(0.2)

    def stop(self) -> None:
        subprocess.run([POSTFIX, "-c", str(self.conf), "stop"], capture_output=True, timeout=30)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.root, ignore_errors=True)

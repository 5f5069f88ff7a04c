"""#16 items 1, 2 and 7: mail through a real Postfix. A customer's GBK mail goes to Postfix, which hands it to Kefu's
LMTP listener; the ticket's acknowledgement and the agent's answer go from Kefu through Postfix to the customer's
Maildir, threaded (In-Reply-To, References); the customer's answer to Kefu's mail, without the ticket number in its
subject, joins the same ticket. Bounded: one Postfix, one Kefu, four messages, loopback only."""

from __future__ import annotations

import secrets
import smtplib
import socket
import time
from email.header import Header
from email.mime.text import MIMEText
from email.utils import formataddr

from conftest import Api
from kefu_server import Server, free_port
from postfix_instance import PostfixInstance


def _send(port: int, sender: str, to: str, subject: str, body: str, message_id: str, charset: str = "utf-8",
          in_reply_to: str | None = None) -> None:
    msg = MIMEText(body, "plain", charset)
    name, _, address = sender.rpartition(" ")
    msg["From"] = formataddr((name, address.strip("<>")), charset="utf-8") if name else sender
    msg["To"] = to
    msg["Subject"] = Header(subject, charset)
    msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        smtp.sendmail(sender, [to], msg.as_bytes())


def _until(what: str, probe, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        assert time.monotonic() < deadline, f"{what} within {timeout:.0f} s"
        time.sleep(0.3)


def test_mail_goes_through_postfix_both_ways_and_stays_in_one_thread(tmp_path):
    password = "Postfix-Mail-2026!"
    database = f"sqlite://{tmp_path / 'kefu.sqlite'}"
    tag = secrets.token_hex(3)
    # First start: the administrator creates the mail-intake account whose token the LMTP listener delivers with.
    first = Server(database, tmp_path / "kefu-1.log", password)
    try:
        first.wait_healthy()
        api = Api(first.base)
        admin = api.login("admin", password)
        root = api.get("/api/v1/org-units", token=admin)[1]["items"][0]["id"]
        api.post("/api/v1/users", {"username": f"lmtp{tag}", "password": f"lmtp-intake-pass-{tag}", "displayName": "邮件接收",
                                   "orgUnitId": root, "roles": ["mail_intake"]}, token=admin, expect=201)
        intake_token = api.login(f"lmtp{tag}", f"lmtp-intake-pass-{tag}")
    finally:
        first.stop()

    lmtp_port = free_port()
    postfix = PostfixInstance(lmtp_port, ["wang@customer.test"])
    server = None
    try:
        server = Server(database, tmp_path / "kefu-2.log", password, extra_args=["--lmtp-port", str(lmtp_port)],
                        extra_env={"KEFU_MAIL_TOKEN": intake_token, "KEFU_SLA_SCAN_SECONDS": "1",
                                   "KEFU_SMTP_URL": f"smtp://127.0.0.1:{postfix.smtp_port}?tls=none",
                                   "KEFU_MAIL_FROM": "客服中心 <service@kefu.test>"})
        server.wait_healthy()
        api = Api(server.base)
        admin = api.login("admin", password)

        first_id = f"<first-{tag}@customer.test>"
        _send(postfix.smtp_port, "王先生 <wang@customer.test>", "service@kefu.test", f"电梯异响 {tag}",
              "三号楼电梯运行时有异响，请派人检查。", first_id, charset="gbk")
        ack = postfix.mailbox("wang", 1)[0]
        number = ack["X-Kefu-Ticket"]
        assert number and number in ack["Subject"], ack["Subject"]
        assert ack["In-Reply-To"] == first_id
        assert ack["Auto-Submitted"] == "auto-replied"
        assert number in ack.get_content()
        outbox = api.get("/api/v1/mail-outbox", token=admin, expect=200)[1]["items"]
        ticket_id = outbox[0]["ticketId"]
        ticket = api.get(f"/api/v1/tickets/{ticket_id}", token=admin, expect=200)[1]
        assert ticket["number"] == number and ticket["channel"] == "email"
        assert f"电梯异响 {tag}" == ticket["subject"], "the GBK subject read right"

        api.post(f"/api/v1/tickets/{ticket_id}/comments", {"body": "王先生您好，维保人员今天下午到场检查。", "visibility": "public"},
                 token=admin, expect=201)
        answer = postfix.mailbox("wang", 2)[1]
        assert answer["In-Reply-To"] == first_id
        assert first_id in answer["References"] and ack["Message-ID"] in answer["References"]
        assert "今天下午到场检查" in answer.get_content()

        # The customer answers Kefu's mail from a client that drops the ticket number: it joins the ticket all the same.
        _send(postfix.smtp_port, "wang@customer.test", "service@kefu.test", "好的", f"好的，下午等你们。{tag}",
              f"<second-{tag}@customer.test>", in_reply_to=answer["Message-ID"])

        def joined():
            comments = api.get(f"/api/v1/tickets/{ticket_id}/comments", token=admin, expect=200)[1]["items"]
            return any(tag in c["body"] and c["authorKind"] == "customer" for c in comments)

        _until("the customer's answer on the ticket", joined)
        tickets = api.get(f"/api/v1/tickets?view=all&q={tag}", token=admin, expect=200)[1]
        assert tickets["total"] == 1, tickets

        # #17.3: SIGTERM ends an MTA's idle LMTP connection with 421 (try again later) and the node exits promptly.
        idle = socket.create_connection(("127.0.0.1", lmtp_port), timeout=20)
        reader = idle.makefile("rb")
        assert reader.readline().startswith(b"220 ")
        idle.sendall(b"LHLO mta.test\r\n")
        while not reader.readline().startswith(b"250 "):
            pass
        started = time.monotonic()
        server.proc.terminate()
        told = reader.readline()
        assert told.startswith(b"421 4.3.2"), told
        assert reader.readline() == b"", "the connection is closed after the 421"
        assert server.proc.wait(timeout=20) == 0, server.log_tail()
        assert time.monotonic() - started < 10, "the node exits without waiting for the idle connection"
        idle.close()
    finally:
        if server is not None:
            server.stop()
        postfix.stop()

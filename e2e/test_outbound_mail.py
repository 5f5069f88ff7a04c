"""#16 item 2: a customer writes in and is acknowledged with the ticket number by mail; the agent answers from the ticket
page and the answer arrives at the customer's relay threaded on the customer's message; the ticket's timeline and the
administrators' outbox page show both sent. One server with KEFU_SMTP_URL pointing at a loopback SMTP receiver."""

from __future__ import annotations

import secrets
import urllib.request

from selenium.webdriver.common.by import By

import kefu_pages as ui
from conftest import Api
from kefu_server import Server
from smtp_receiver import SmtpReceiver


def _deliver(base: str, token: str, raw: bytes) -> dict:
    import json
    req = urllib.request.Request(base + "/api/v1/inbound/mail", data=raw, method="POST",
                                 headers={"Content-Type": "message/rfc822", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


def test_the_customer_gets_the_acknowledgement_and_the_agents_answer_in_one_thread(tmp_path, driver):
    receiver = SmtpReceiver()
    password = "Outbound-Mail-2026!"
    server = Server(f"sqlite://{tmp_path / 'kefu.sqlite'}", tmp_path / "kefu.log", password,
                    extra_env={"KEFU_SMTP_URL": f"smtp://127.0.0.1:{receiver.port}?tls=none",
                               "KEFU_MAIL_FROM": "客服中心 <service@kefu.example>", "KEFU_SLA_SCAN_SECONDS": "1"})
    try:
        server.wait_healthy()
        api = Api(server.base)
        admin = api.login("admin", password)
        root = api.get("/api/v1/org-units", token=admin)[1]["items"][0]["id"]
        tag = secrets.token_hex(3)
        api.post("/api/v1/users", {"username": f"mailin{tag}", "password": f"mail-intake-pass-{tag}", "displayName": "邮件接收",
                                   "orgUnitId": root, "roles": ["mail_intake"]}, token=admin, expect=201)
        intake = api.login(f"mailin{tag}", f"mail-intake-pass-{tag}")
        raw = (f"From: 王先生 <wang{tag}@customer.example>\r\nTo: service@kefu.example\r\nSubject: 电梯异响 {tag}\r\n"
               f"Message-ID: <first-{tag}@customer.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
               f"三号楼电梯运行时有异响。\r\n").encode()
        taken = _deliver(server.base, intake, raw)
        assert taken["outcome"] == "created", taken

        ack = receiver.wait_for(1)[0]
        assert ack["to"] == [f"wang{tag}@customer.example"]
        assert ack["message"]["Auto-Submitted"] == "auto-replied"
        assert ack["message"]["In-Reply-To"] == f"<first-{tag}@customer.example>"
        assert taken["ticketNumber"] in ack["message"]["Subject"]
        assert taken["ticketNumber"] in ack["message"].get_content()

        ui.login(driver, server.base, "admin", password)
        driver.get(f"{server.base}/tickets/{taken['ticketId']}")
        ui.add_comment(driver, "王先生您好，维保人员今天下午到场检查。")
        answer = receiver.wait_for(2)[1]["message"]
        assert answer["In-Reply-To"] == f"<first-{tag}@customer.example>"
        assert ack["message"]["Message-ID"] in answer["References"]
        assert "今天下午到场检查" in answer.get_content()
        assert answer["Auto-Submitted"] is None

        driver.get(f"{server.base}/tickets/{taken['ticketId']}")
        ui.wait_timeline_contains(driver, "邮件已发出")
        driver.get(f"{server.base}/admin/mail-outbox")
        rows = driver.find_elements(By.CSS_SELECTOR, "#mail-outbox-list tbody tr")
        assert [r.get_attribute("data-status") for r in rows] == ["sent", "sent"], [r.text for r in rows]
    finally:
        server.stop()
        receiver.shutdown()

"""#16.4: out of the centre's hours the chat widget is a message form; the message becomes a ticket of channel `chat`
at once and the visitor is told its number. The public widget is throttled per address: the sixth start within ten
minutes is refused with a readable message and the form keeps what was typed. One server with KEFU_CHAT_HOURS=never."""

from __future__ import annotations

import re
import secrets

from selenium.webdriver.common.by import By

import kefu_pages as ui
from conftest import Api
from kefu_server import Server


def _leave(driver, name: str, contact: str, message: str) -> None:
    ui.type_into(driver, "chat-name", name)
    ui.type_into(driver, "chat-contact", contact)
    ui.type_into(driver, "chat-first", message)
    driver.find_element(By.ID, "chat-leave-button").click()


def test_out_of_hours_the_widget_takes_a_message_that_becomes_a_ticket(tmp_path, driver):
    password = "Chat-Closed-2026!"
    server = Server(f"sqlite://{tmp_path / 'kefu.sqlite'}", tmp_path / "kefu.log", password, extra_env={"KEFU_CHAT_HOURS": "never"})
    try:
        server.wait_healthy()
        api = Api(server.base)
        admin = api.login("admin", password)
        code = api.get("/api/v1/org-units", token=admin)[1]["items"][0]["code"]
        tag = secrets.token_hex(3)

        driver.get(f"{server.base}/chat/{code}")
        assert "非服务时间" in ui.visible(driver, "#chat-offline").text
        assert not driver.find_elements(By.ID, "chat-start")
        _leave(driver, f"夜间访客{tag}", "13900002222", f"晚上十点水管漏水 {tag}")
        left = ui.visible(driver, "#chat-left", timeout=20).text
        number = re.search(r"工单 (\S+)）", left)
        assert number, left
        _, found = api.get("/api/v1/tickets?channel=chat", token=admin, expect=200)
        ticket = next(t for t in found["items"] if t["number"] == number.group(1))
        assert ticket["channel"] == "chat" and ticket["ownerId"] is None, ticket
        assert f"夜间访客{tag}" in ticket["subject"]

        # Four more from the same address are taken; the sixth within ten minutes is refused, what was typed is kept.
        for n in range(4):
            api.post("/api/v1/chat/sessions", {"orgUnitCode": code, "name": "访客", "contact": "13900002222", "message": f"第{n}条"}, expect=201)
        driver.get(f"{server.base}/chat/{code}")
        _leave(driver, f"夜间访客{tag}", "13900002222", f"再留一条 {tag}")
        error = ui.visible(driver, "#chat-start-error", timeout=20).text
        assert "咨询次数过多" in error and "秒后再试" in error, error
        assert driver.find_element(By.ID, "chat-first").get_attribute("value") == f"再留一条 {tag}"
        assert not driver.find_element(By.ID, "chat-left").is_displayed()
    finally:
        server.stop()

"""#16 item 5 (CH-03, CH-04): a supervisor adds a phrase to the template library through its page; an agent inserts it,
filled in for the ticket, from the reply box by keyboard alone (Ctrl+/, the shortcut code, Enter)."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import kefu_pages as ui


def test_a_supervisors_phrase_is_inserted_by_keyboard_filled_in_for_the_ticket(server, driver, make_user):
    tag = secrets.token_hex(3)
    supervisor = make_user(roles=["cs_supervisor"], display_name="张主管")
    agent = make_user(roles=["cs_agent"], display_name="李客服")

    ui.login(driver, server, supervisor["username"], supervisor["password"])
    driver.get(f"{server}/reply-templates")
    ui.type_into(driver, "rt-title", f"今日处理 {tag}")
    ui.type_into(driver, "rt-code", f"today{tag}")
    ui.type_into(driver, "rt-category", "维修")
    # A misspelt variable is refused with the reason, and what was typed stays.
    ui.type_into(driver, "rt-body", "{客户}您好，工单{工单}将于今日处理。")
    driver.find_element(By.ID, "rt-save").click()
    assert "工单" in ui.visible(driver, "#rt-body-error").text
    assert ui.visible(driver, "#rt-title").get_attribute("value") == f"今日处理 {tag}"
    ui.type_into(driver, "rt-body", "{客户}您好，工单{工单号}将于今日处理，处理人{客服}。")
    driver.find_element(By.ID, "rt-save").click()
    assert "已保存" in ui.visible(driver, ".flash-notice").text
    ui.logout(driver)

    _, ticket = agent["api"].post(
        "/api/v1/tickets",
        {"subject": f"门禁故障 {tag}", "description": "e2e", "type": "repair", "channel": "phone", "priority": "normal",
         "customer": {"name": "王先生", "phone": "139" + str(secrets.randbelow(10**8)).zfill(8)}},
        expect=201,
    )
    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(f"{server}/tickets/{ticket['id']}")
    body = ui.visible(driver, "textarea#comment-body")
    body.click()
    body.send_keys("您好。")
    body.send_keys(Keys.CONTROL, "/")
    assert ui.active_id(driver) == "phrase-search"
    ui.press(driver, f"today{tag}", Keys.ENTER)
    assert ui.active_id(driver) == "comment-body"
    text = body.get_attribute("value")
    assert text == f"您好。王先生您好，工单{ticket['number']}将于今日处理，处理人李客服。", text

    # An unknown code inserts nothing and says so; Escape goes back to the reply box.
    body.send_keys(Keys.CONTROL, "/")
    ui.press(driver, "no-such-code", Keys.ENTER)
    assert driver.find_element(By.ID, "phrase-search").get_attribute("aria-invalid") == "true"
    ui.press(driver, Keys.ESCAPE)
    assert ui.active_id(driver) == "comment-body"
    assert body.get_attribute("value") == text

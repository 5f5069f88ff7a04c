"""Service desk in a real browser: an agent logs a phone call with the
keyboard, finds it with a Chinese search, replies and resolves it; and
ticket text is shown as text, never run as markup."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import kefu_pages as ui

XSS_SUBJECT = "<script>window.__kefuXss=1</script>测试"


def test_failed_login_shows_error_and_logout_ends_session(server, driver, agent):
    ui.login(driver, server, agent["username"], agent["password"] + "x", expect_success=False)
    assert ui.current_path(driver).rstrip("/") != "/tickets", driver.current_url
    assert not driver.find_elements(By.CSS_SELECTOR, "form#logout-form")

    ui.login(driver, server, agent["username"], agent["password"])
    ui.logout(driver)
    driver.get(server + "/tickets")
    ui.visible(driver, "form#login-form")
    assert not driver.find_elements(By.CSS_SELECTOR, "form#logout-form")


def test_agent_logs_phone_ticket_with_keyboard_searches_replies_and_resolves(
    server, driver, agent, admin_api
):
    tag = secrets.token_hex(3).upper()
    subject = f"风机异响，客户要求上门检修 {tag}"
    description = f"客户来电：3号风机运行时有异常噪音，已持续两天。编号 {tag}"
    phone = "13800138000"

    # Sign in through the page; the agent's queue is the landing page.
    ui.login(driver, server, agent["username"], agent["password"])

    # New ticket from the navigation.
    ui.nav_to(driver, "new-ticket")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/tickets/new", "/tickets/new")
    form = ui.visible(driver, "form#new-ticket-form")

    # Defaults of a phone call.
    assert form.find_element(By.CSS_SELECTOR, "select#channel").get_attribute("value") == "phone"
    assert form.find_element(By.CSS_SELECTOR, "select#type").get_attribute("value") == "inquiry"
    assert form.find_element(By.CSS_SELECTOR, "select#priority").get_attribute("value") == "normal"

    # The phone field has the focus as the page opens: type straight away.
    ui.wait(driver).until(
        lambda d: ui.active_id(d) == "customer-phone",
        "#customer-phone is not autofocused",
    )
    ui.press(driver, phone)
    ui.tab_to(driver, "customer-name")
    ui.press(driver, "王先生")
    ui.tab_to(driver, "customer-email")
    ui.press(driver, f"wang.{tag.lower()}@example.com")
    ui.tab_to(driver, "subject")  # Tab passes channel, type and priority (defaults kept)
    ui.press(driver, subject)
    ui.tab_to(driver, "description")
    ui.press(driver, description)
    ui.tab_to(driver, "subject", reverse=True)
    ui.press(driver, Keys.ENTER)  # Enter in the subject submits the form

    ticket_id = ui.wait_ticket_page(driver)
    assert driver.find_element(By.CSS_SELECTOR, "h1#ticket-subject").text == subject
    assert driver.find_element(By.CSS_SELECTOR, "#ticket-number").text.strip()
    assert ui.ticket_status(driver) in ("new", "open")

    # The ticket was stored as typed.
    _, ticket = admin_api.get(f"/api/v1/tickets/{ticket_id}", expect=200)
    assert ticket["subject"] == subject
    assert ticket["channel"] == "phone"
    assert ticket["type"] == "inquiry"
    assert ticket["priority"] == "normal"
    if agent["id"]:
        assert ticket["ownerId"] == agent["id"], "the creating agent must own the ticket"

    # Find it again with a two-character Chinese term.
    ui.search_all(driver, server, "风机")
    assert subject in ui.result_subjects(driver), ui.result_subjects(driver)
    # ...and a term that matches nothing shows the empty state.
    ui.search_all(driver, server, "锅炉")
    assert ui.result_subjects(driver) == []
    ui.visible(driver, "#empty-state")

    # Open it from the results.
    ui.search_all(driver, server, "风机")
    link = next(
        a
        for a in driver.find_elements(By.CSS_SELECTOR, "table#ticket-list tr.ticket-row a.ticket-link")
        if a.text == subject
    )
    link.click()
    assert ui.wait_ticket_page(driver) == ticket_id

    # Public reply.
    reply = f"您好，工程师将于明天上午上门检修风机。{tag}"
    ui.add_comment(driver, reply, visibility="public")
    assert ui.ticket_id_from_url(driver) == ticket_id

    # Resolve (through `open` if `resolved` is not offered straight away).
    options = ui.allowed_statuses(driver)
    if "resolved" not in options:
        assert "open" in options, f"neither resolved nor open offered: {options}"
        ui.change_status(driver, "open", "处理中")
        options = ui.allowed_statuses(driver)
    assert "resolved" in options, options
    ui.change_status(driver, "resolved", "已上门更换轴承，风机运行正常")
    ui.wait_timeline_contains(driver, reply)

    _, ticket = admin_api.get(f"/api/v1/tickets/{ticket_id}", expect=200)
    assert ticket["status"] == "resolved"
    sla = ticket.get("sla") or {}
    assert sla.get("firstRespondedAt"), f"public reply did not stop the first-response clock: {sla}"
    assert sla.get("resolvedAt"), f"resolvedAt not set: {sla}"


def test_ticket_text_is_escaped_not_executed(server, driver, agent):
    tag = secrets.token_hex(3)
    description = f'<img src="x" onerror="window.__kefuXss=2"> 描述 {tag}'
    comment = f"<img src=x onerror=window.__kefuXss=3><b>加粗</b> {tag}"
    _, ticket = agent["api"].post(
        "/api/v1/tickets",
        {
            "subject": XSS_SUBJECT,
            "description": description,
            "type": "inquiry",
            "channel": "phone",
            "priority": "normal",
            "customer": {"name": "<i>李</i>", "phone": "13900139000", "email": "li@example.com"},
        },
        expect=201,
    )
    ticket_id = ticket["id"]
    agent["api"].post(
        f"/api/v1/tickets/{ticket_id}/comments",
        {"body": comment, "visibility": "public"},
        expect=(200, 201),
    )

    ui.login(driver, server, agent["username"], agent["password"])
    assert ui.no_xss(driver)

    # Ticket page: the subject, description and comment are literal text.
    driver.get(f"{server}/tickets/{ticket_id}")
    ui.wait_ticket_page(driver)
    assert driver.find_element(By.CSS_SELECTOR, "h1#ticket-subject").text == XSS_SUBJECT
    ui.wait_timeline_contains(driver, comment)
    assert f"描述 {tag}" in driver.find_element(By.TAG_NAME, "body").text
    assert description in driver.find_element(By.TAG_NAME, "body").text
    assert not driver.find_elements(By.CSS_SELECTOR, "#ticket-subject script, img[src='x']")
    assert ui.no_xss(driver), "markup in ticket text was executed on the ticket page"

    # List: the subject is the link's text.
    ui.search_all(driver, server, "测试")
    assert XSS_SUBJECT in ui.result_subjects(driver), ui.result_subjects(driver)
    assert not driver.find_elements(By.CSS_SELECTOR, "table#ticket-list script")
    assert ui.no_xss(driver), "markup in a subject was executed in the ticket list"

    # The agent's own queue lists it too, escaped.
    driver.get(server + "/tickets")
    ui.visible(driver, "nav#main-nav")
    ui.wait(driver).until(
        lambda d: XSS_SUBJECT in ui.result_subjects(d),
        "ticket missing from the agent's queue",
    )
    assert ui.no_xss(driver), "markup in a subject was executed in the queue"

"""#11.4 in a real browser: a hand-off reaches the next person's bell; the bell opens the latest notifications in
place; clicking one lands on the record itself (the complaint, not the complaint list) and the bell count drops
(opening marks it read). Before: the bell was only a link to the notifications page, a complaint's notification led
to the list of complaints, and it stayed unread."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By

import kefu_pages as ui


def _complaint_sent_to_quality(agent: dict, subject: str) -> dict:
    _, ticket = agent["api"].post(
        "/api/v1/tickets",
        {"subject": subject, "description": "客户投诉设备频繁停机", "type": "complaint", "channel": "phone", "priority": "normal"},
        expect=201,
    )
    _, complaints = agent["api"].get("/api/v1/complaints?per=100")
    complaint = next(c for c in complaints["items"] if c.get("ticketId") == ticket["id"])
    agent["api"].post(
        f"/api/v1/complaints/{complaint['id']}/classify",
        {"responsibility": "company", "handling": "quality"},
        expect=200,
    )
    return complaint


def test_a_hand_off_opens_its_record_from_the_bell_and_the_count_drops(server, driver, make_user):
    tag = secrets.token_hex(3)
    agent = make_user(roles=["cs_agent"], display_name="受理坐席")
    qa = make_user(roles=["qa"], display_name="品管专员")
    complaint = _complaint_sent_to_quality(agent, f"设备频繁停机 {tag}")

    ui.login(driver, server, qa["username"], qa["password"])
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "bell-count").text == "1", "the bell shows no hand-off")
    ui.visible(driver, "a#bell").click()
    item = ui.visible(driver, "#bell-menu li.notification.unread")
    assert complaint["number"] in item.text, item.text
    item.find_element(By.CSS_SELECTOR, "a").click()

    ui.wait_path(driver, lambda p: p == f"/complaints/{complaint['id']}", "the complaint itself")
    assert complaint["number"] in ui.visible(driver, "h1").text
    ui.wait(driver).until(lambda d: not d.find_element(By.ID, "bell-count").is_displayed(), "the bell count did not drop")

    # Read now: the bell lists it without the unread mark, and the notifications page opens the same record.
    ui.visible(driver, "a#bell").click()
    ui.visible(driver, "#bell-menu li.notification")
    assert not driver.find_elements(By.CSS_SELECTOR, "#bell-menu li.notification.unread")
    ui.visible(driver, "#bell-menu #bell-all").click()
    ui.wait_path(driver, lambda p: p == "/notifications", "the notifications page")
    ui.visible(driver, "#notification-list li.notification a").click()
    ui.wait_path(driver, lambda p: p == f"/complaints/{complaint['id']}", "the complaint from the notifications page")


def test_escape_closes_the_bell_and_another_users_notification_is_not_found(server, driver, make_user):
    agent = make_user(roles=["cs_agent"])
    qa = make_user(roles=["qa"])
    other = make_user(roles=["qa"])
    _complaint_sent_to_quality(agent, "别人的通知 " + secrets.token_hex(3))
    _, mine = qa["api"].get("/api/v1/notifications")
    notification = mine["items"][0]

    ui.login(driver, server, other["username"], other["password"])
    ui.visible(driver, "a#bell").click()
    ui.visible(driver, "#bell-menu")
    ui.press(driver, "\ue00c")  # Escape
    ui.wait(driver).until(lambda d: not d.find_elements(By.ID, "bell-menu"), "Escape did not close the bell")
    driver.get(f"{server}/notifications/{notification['id']}/open")
    assert "/complaints/" not in ui.current_path(driver)
    _, still = qa["api"].get("/api/v1/notifications")
    assert still["items"][0]["readAt"] is None

"""#15.2 two-person shift handover (SHF-02..04) in a real browser: the supervisor publishes an announcement
to the unit; the outgoing agent starts the handover of today's shift from 人员 › 交接班, writes the log and
signs; the incoming agent (the next shift of the unit on the roster) sees the unread announcement on the
handover page, opens it, and signs the takeover; the outgoing agent's shift then shows closed, and the
announcement's receipts show the incoming agent has read it. The refusals are covered by the API tests."""

from __future__ import annotations

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from selenium.webdriver.support.ui import Select

import kefu_pages as ui


def test_a_handover_is_signed_by_both_and_the_incoming_agent_sees_the_announcement(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"HO{tag}", "name": f"客服{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"主管{tag}", org_unit_id=unit["id"])
    ann = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])
    bo = make_user(roles=["cs_agent"], display_name=f"博{tag}", org_unit_id=unit["id"])
    _, first = supervisor["api"].post("/api/v1/shifts", {"orgUnitId": unit["id"], "code": "A", "name": "上午班", "start": "00:00", "end": "12:00"}, expect=201)
    _, second = supervisor["api"].post("/api/v1/shifts", {"orgUnitId": unit["id"], "code": "B", "name": "下午班", "start": "12:00", "end": "24:00"}, expect=201)
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    _, roster = supervisor["api"].request("PUT", f"/api/v1/rosters/{unit['id']}/{today[:7]}", {"entries": [
        {"date": today, "userId": ann["id"], "shiftId": first["id"]},
        {"date": today, "userId": bo["id"], "shiftId": second["id"]},
    ]}, expect=200)
    entry = next(e["id"] for d in roster["days"] for e in d["entries"] if e["userId"] == ann["id"])

    # The supervisor publishes an announcement to the unit.
    ui.login(driver, server, supervisor["username"], supervisor["password"])
    ui.nav_to(driver, "people-announcements")
    Select(ui.visible(driver, "select#announcement-unit")).select_by_value(unit["id"])
    ui.visible(driver, "input#announcement-title").send_keys(f"春节值班{tag}")
    ui.visible(driver, "textarea#announcement-body").send_keys("请于接班前确认值班表。")
    ui.visible(driver, "button#announcement-publish").click()
    ui.wait_path(driver, lambda p: p.endswith("/receipts"), "the receipts page")
    assert ui.visible(driver, f"#receipts tr.receipt-row[data-user='{bo['id']}']").get_attribute("data-read") == "false"
    receipts_url = driver.current_url
    ui.logout(driver)

    # Ann, outgoing: her shift is not handed over yet; she starts the log, writes it and signs.
    ui.login(driver, server, ann["username"], ann["password"])
    ui.nav_to(driver, "people-handovers")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/people/handovers", "/people/handovers")
    row = ui.visible(driver, f"#handover-shifts tr.my-shift-row[data-entry='{entry}']")
    assert row.get_attribute("data-status") == "none" and row.get_attribute("data-closed") == "false"
    Select(ui.visible(driver, "select#handover-entry")).select_by_value(entry)
    ui.visible(driver, "button#handover-create").click()
    ui.wait_path(driver, lambda p: p.startswith("/people/handovers/") and len(p) > len("/people/handovers/"), "the handover page")
    handover_url = driver.current_url
    number = ui.visible(driver, "#handover-number").text
    assert number.startswith("JJ-"), number
    assert ui.visible(driver, "#handover-status").get_attribute("data-status") == "draft"
    # A refused log (equipment over 4000 characters) comes back with what was typed and the reason under its field.
    ui.visible(driver, "textarea#handover-issues").send_keys("陈先生投诉待回访")
    driver.execute_script("document.getElementById('handover-equipment').value = 'x'.repeat(4001)")
    ui.visible(driver, "button#handover-submit").click()
    assert "4000" in ui.visible(driver, "#handover-equipment-error").text
    assert ui.visible(driver, "textarea#handover-issues").get_attribute("value") == "陈先生投诉待回访"
    assert ui.visible(driver, "#handover-status").get_attribute("data-status") == "draft"
    equipment = ui.visible(driver, "textarea#handover-equipment")
    equipment.clear()
    equipment.send_keys("3 号座席耳麦故障，已报修")
    ui.visible(driver, "button#handover-submit").click()
    ui.wait(driver).until(lambda d: d.find_element("css selector", "#handover-status").get_attribute("data-status") == "submitted", "not submitted")
    assert "耳麦故障" in ui.visible(driver, "#handover-equipment-text").text
    # Her shift stays open until the incoming person accepts (SHF-02).
    ui.nav_to(driver, "people-handovers")
    row = ui.visible(driver, f"#handover-shifts tr.my-shift-row[data-entry='{entry}']")
    assert row.get_attribute("data-status") == "submitted" and row.get_attribute("data-closed") == "false"
    assert "交接未完成" in row.text, row.text
    ui.logout(driver)

    # Bo, incoming: the handover waits for him; the unread announcement is on its page; he opens it, then signs.
    ui.login(driver, server, bo["username"], bo["password"])
    driver.get(f"{server}/")
    assert f"春节值班{tag}" in ui.visible(driver, "#home-announcements").text
    ui.nav_to(driver, "people-handovers")
    ui.visible(driver, "#handover-tab-incoming").click()
    ui.visible(driver, f"#handovers tr.handover-row[data-number='{number}'] a").click()
    box = ui.visible(driver, "#unread-announcements")
    assert f"春节值班{tag}" in box.text
    ui.visible(driver, "#unread-announcements a.unread-announcement").click()
    assert ui.visible(driver, "#announcement-title").text == f"春节值班{tag}"
    driver.get(handover_url)
    ui.visible(driver, "button#handover-accept")
    assert not driver.find_elements("css selector", "#unread-announcements"), "the announcement was read"
    assert "耳麦故障" in ui.visible(driver, "#handover-equipment-text").text
    # On a 390-px phone the page reads in one column and the takeover button is reachable.
    driver.set_window_size(390, 844)
    button = ui.visible(driver, "button#handover-accept")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 400
    button.click()
    ui.wait(driver).until(lambda d: d.find_element("css selector", "#handover-status").get_attribute("data-status") == "accepted", "not accepted")
    assert ui.visible(driver, "#handover-status").get_attribute("data-closed") == "true"
    assert f"博{tag}" in ui.visible(driver, "#handover-accepted").text
    ui.logout(driver)

    # Ann's shift now shows closed; the supervisor sees that Bo has read the announcement.
    ui.login(driver, server, ann["username"], ann["password"])
    ui.nav_to(driver, "people-handovers")
    row = ui.visible(driver, f"#handover-shifts tr.my-shift-row[data-entry='{entry}']")
    assert row.get_attribute("data-closed") == "true" and "已交接" in row.text, row.text
    ui.logout(driver)
    ui.login(driver, server, supervisor["username"], supervisor["password"])
    driver.get(receipts_url)
    assert ui.visible(driver, f"#receipts tr.receipt-row[data-user='{bo['id']}']").get_attribute("data-read") == "true"
    assert ui.visible(driver, f"#receipts tr.receipt-row[data-user='{ann['id']}']").get_attribute("data-read") == "false"

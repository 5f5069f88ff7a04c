"""#15.3 shift swaps (4.9, SHF-06) in a real browser: an agent asks from 人员 › 我的班次 to swap one of
her shifts for a colleague's; the colleague consents on his own page; the department manager approves
from 换班与请假审批; the month's roster (a calendar grid) then shows each of them on the other's day,
marked as swapped. A fourth swap or a holiday duty is refused by the API tests; here the whole round trip."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui


def test_a_swap_is_asked_consented_approved_and_shown_on_the_roster(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"CS{tag}", "name": f"客服{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"主管{tag}", org_unit_id=unit["id"])
    manager = make_user(roles=["cs_manager"], display_name=f"经理{tag}", org_unit_id=unit["id"])
    ann = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])
    bo = make_user(roles=["cs_agent"], display_name=f"博{tag}", org_unit_id=unit["id"])
    _, shift = supervisor["api"].post("/api/v1/shifts", {"orgUnitId": unit["id"], "code": "E", "name": "早班", "start": "08:00", "end": "16:00"}, expect=201)
    month = "2099-03"
    _, roster = supervisor["api"].request("PUT", f"/api/v1/rosters/{unit['id']}/{month}", {"entries": [
        {"date": f"{month}-10", "userId": ann["id"], "shiftId": shift["id"]},
        {"date": f"{month}-12", "userId": bo["id"], "shiftId": shift["id"]},
    ]}, expect=200)
    entries = {e["userId"]: e["id"] for d in roster["days"] for e in d["entries"]}

    # Ann asks for the swap from her own page.
    ui.login(driver, server, ann["username"], ann["password"])
    ui.nav_to(driver, "people-my-shifts")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/people/my-shifts", "/people/my-shifts")
    assert ui.visible(driver, "#my-swaps-empty").text
    Select(ui.visible(driver, "select#swap-mine")).select_by_value(entries[ann["id"]])
    Select(ui.visible(driver, "select#swap-theirs")).select_by_value(entries[bo["id"]])
    ui.visible(driver, "input#swap-reason").send_keys("家中有事")
    ui.visible(driver, "button#swap-submit").click()
    row = ui.visible(driver, "#my-swaps tr.swap-row")
    assert row.get_attribute("data-status") == "requested"
    number = row.get_attribute("data-number")
    assert number.startswith("HB-"), number
    ui.logout(driver)

    # Bo, the colleague asked, consents.
    ui.login(driver, server, bo["username"], bo["password"])
    ui.nav_to(driver, "people-my-shifts")
    ui.visible(driver, f"#my-swaps button.swap-consent[data-number='{number}']").click()
    ui.wait(driver).until(lambda d: "同事已同意" in d.find_element(By.CSS_SELECTOR, "#my-swaps tr.swap-row").text, "consent not shown")
    ui.logout(driver)

    # The department manager approves it from the approval list.
    ui.login(driver, server, manager["username"], manager["password"])
    ui.nav_to(driver, "people-approvals")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/people/approvals", "/people/approvals")
    ui.visible(driver, f"#approval-swaps button.swap-approve[data-number='{number}']").click()
    ui.visible(driver, "#approval-swaps-empty")

    # The roster shows each on the other's day, marked as swapped.
    driver.get(f"{server}/people/roster?unit={unit['id']}&month={month}")
    ui.visible(driver, "table#roster-grid")
    day10 = ui.visible(driver, f"td.roster-day[data-date='{month}-10'] li.roster-entry")
    day12 = ui.visible(driver, f"td.roster-day[data-date='{month}-12'] li.roster-entry")
    assert day10.get_attribute("data-user") == bo["id"] and day10.get_attribute("data-swapped") == "true", day10.text
    assert day12.get_attribute("data-user") == ann["id"] and day12.get_attribute("data-swapped") == "true", day12.text
    assert f"博{tag}" in day10.text and f"安{tag}" in day12.text

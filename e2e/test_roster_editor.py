"""#15 leftovers in a real browser: the supervisor plans a week of the month on the full-month roster editor with
the keyboard only (arrow keys between cells, typing the shift code), saves it, and a refused save (a cell whose shift
has leave asked for) comes back with the whole typed grid and the refused cell marked; and a leave request rejected
with a reason from 换班与请假审批, the requester seeing the reason."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import kefu_pages as ui


def _unit(admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"RE{tag}", "name": f"客服{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"主管{tag}", org_unit_id=unit["id"])
    ann = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])
    bo = make_user(roles=["cs_agent"], display_name=f"博{tag}", org_unit_id=unit["id"])
    return unit, supervisor, ann, bo


def _cell(driver, user_id: str, date: str):
    return ui.visible(driver, f"select.roster-cell[name='cell.{user_id}.{date}']")


def _focus(driver, user_id: str, date: str) -> None:
    """Puts the focus on a cell (a click would open the select's list)."""
    driver.execute_script("arguments[0].focus();", _cell(driver, user_id, date))


def test_the_month_editor_is_filled_by_keyboard_and_a_refusal_keeps_the_grid(server, driver, admin_api, root_unit, make_user):
    unit, supervisor, ann, bo = _unit(admin_api, root_unit, make_user)
    api = supervisor["api"]
    _, early = api.post("/api/v1/shifts", {"orgUnitId": unit["id"], "code": "E", "name": "早班", "start": "08:00", "end": "16:00"}, expect=201)
    _, late = api.post("/api/v1/shifts", {"orgUnitId": unit["id"], "code": "L", "name": "晚班", "start": "16:00", "end": "24:00"}, expect=201)
    month = "2026-10"  # 国庆 (1–7 October 放假) and the 调休 Saturday 10 October from the shipped calendar
    _, roster = api.request("PUT", f"/api/v1/rosters/{unit['id']}/{month}", {"entries": [
        {"date": f"{month}-20", "userId": ann["id"], "shiftId": early["id"]},
    ]}, expect=200)
    entry = [e for d in roster["days"] for e in d["entries"]][0]
    ann["api"].post("/api/v1/leave-requests", {"shiftId": entry["id"], "reason": "看病"}, expect=201)

    ui.login(driver, server, supervisor["username"], supervisor["password"])
    driver.get(f"{server}/people/roster?unit={unit['id']}&month={month}")
    ui.visible(driver, "a#roster-editor-link").click()
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/people/roster/edit", "/people/roster/edit")
    assert ui.visible(driver, f"#roster-editor-grid th[data-date='{month}-01']").get_attribute("data-kind") == "holiday"
    assert ui.visible(driver, f"#roster-editor-grid th[data-date='{month}-10']").get_attribute("data-kind") == "adjusted_workday"

    # Bo's week 12–18 October by keyboard: E E E E E, then L L; the arrow keys move along the row.
    _focus(driver, bo["id"], f"{month}-12")
    for i, code in enumerate("EEEEELL"):
        ui.press(driver, code)
        if i < 6:
            ui.press(driver, Keys.ARROW_RIGHT)
    # Down to the next person's row and back up leaves the values alone.
    ui.press(driver, Keys.ARROW_UP)
    ui.press(driver, Keys.ARROW_DOWN)
    values = [_cell(driver, bo["id"], f"{month}-{d}").get_attribute("value") for d in range(12, 19)]
    assert values == [early["id"]] * 5 + [late["id"]] * 2, values
    ui.visible(driver, "button#roster-editor-save").click()
    ui.visible(driver, "#roster-editor-saved")
    _, saved = api.get(f"/api/v1/rosters/{unit['id']}/{month}", expect=200)
    bo_days = sorted((e["date"], e["shiftCode"]) for d in saved["days"] for e in d["entries"] if e["userId"] == bo["id"])
    assert bo_days == [(f"{month}-{d}", "E") for d in range(12, 17)] + [(f"{month}-17", "L"), (f"{month}-18", "L")], bo_days

    # Clearing Ann's 20th (leave asked for) is refused: the typed grid comes back, that cell marked.
    _focus(driver, bo["id"], f"{month}-25")
    ui.press(driver, "L")
    _focus(driver, ann["id"], f"{month}-20")
    ui.press(driver, Keys.DELETE)
    assert _cell(driver, ann["id"], f"{month}-20").get_attribute("value") == ""
    ui.visible(driver, "button#roster-editor-save").click()
    error = ui.visible(driver, "#roster-editor-error")
    assert "换班或请假" in error.text, error.text
    refused = ui.visible(driver, "td.roster-cell-refused select")
    assert refused.get_attribute("name") == f"cell.{ann['id']}.{month}-20"
    assert _cell(driver, bo["id"], f"{month}-25").get_attribute("value") == late["id"]
    assert _cell(driver, ann["id"], f"{month}-20").get_attribute("value") == ""
    _, after = api.get(f"/api/v1/rosters/{unit['id']}/{month}", expect=200)
    assert not [e for d in after["days"] for e in d["entries"] if e["date"] == f"{month}-25"]


def test_a_leave_request_is_rejected_with_a_reason(server, driver, admin_api, root_unit, make_user):
    unit, supervisor, ann, _ = _unit(admin_api, root_unit, make_user)
    api = supervisor["api"]
    _, early = api.post("/api/v1/shifts", {"orgUnitId": unit["id"], "code": "E", "name": "早班", "start": "08:00", "end": "16:00"}, expect=201)
    month = "2099-04"
    _, roster = api.request("PUT", f"/api/v1/rosters/{unit['id']}/{month}", {"entries": [
        {"date": f"{month}-14", "userId": ann["id"], "shiftId": early["id"]},
    ]}, expect=200)
    entry = [e for d in roster["days"] for e in d["entries"]][0]
    _, leave = ann["api"].post("/api/v1/leave-requests", {"shiftId": entry["id"], "reason": "看病"}, expect=201)

    ui.login(driver, server, supervisor["username"], supervisor["password"])
    ui.nav_to(driver, "people-approvals")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/people/approvals", "/people/approvals")
    form = ui.visible(driver, f"form.leave-reject-form[data-number='{leave['number']}']")
    form.find_element(By.CSS_SELECTOR, "input.leave-reject-reason").send_keys("当天人手不足")
    form.find_element(By.CSS_SELECTOR, "button.leave-reject").click()
    ui.visible(driver, "#approval-leaves-empty")
    ui.logout(driver)

    ui.login(driver, server, ann["username"], ann["password"])
    ui.nav_to(driver, "people-my-shifts")
    row = ui.visible(driver, f"#my-leaves tr.leave-row[data-number='{leave['number']}']")
    assert row.get_attribute("data-status") == "rejected"
    assert "当天人手不足" in row.text, row.text

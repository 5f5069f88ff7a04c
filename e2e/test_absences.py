"""#15.3 absenteeism (SHF-05, SHF-11) in a real browser: after an approved swap, the shift that changed hands is missed;
the supervisor records it from 人员 › 考勤 › 旷工记录 as an unclear swap handover. Shares that do not total 100 are
refused and the form comes back with everything typed and the reason under the shares; corrected, the record lists
both parties with their shares, and each party sees it on its own list."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from selenium.webdriver.support.ui import Select

import kefu_pages as ui


def test_an_absence_on_a_swapped_shift_shares_the_blame(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"AB{tag}", "name": f"客服{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"主管{tag}", org_unit_id=unit["id"])
    manager = make_user(roles=["cs_manager"], display_name=f"经理{tag}", org_unit_id=unit["id"])
    ann = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])
    bo = make_user(roles=["cs_agent"], display_name=f"博{tag}", org_unit_id=unit["id"])
    _, shift = supervisor["api"].post("/api/v1/shifts", {"orgUnitId": unit["id"], "code": "E", "name": "早班", "start": "08:00", "end": "16:00"}, expect=201)
    # Two past days of this month (or of the last one early in a month), not holidays: the swap's rules allow them.
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    month_start = today.replace(day=1) if today.day >= 6 else (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    month = month_start.isoformat()[:7]
    days = [month_start + timedelta(days=2), month_start + timedelta(days=4)]
    # A swap of holiday duty is refused (SHF-10): take two past working days of the month on the shipped calendar.
    _, cal = supervisor["api"].get(f"/api/v1/calendar/days?from={month}-01&to={month}-28")
    past = [d["date"] for d in cal.get("items", []) if d.get("kind") in ("workday", "adjusted_workday") and d["date"] < today.isoformat()]
    if len(past) >= 2:
        days = [date.fromisoformat(past[0]), date.fromisoformat(past[1])]
    _, roster = supervisor["api"].request("PUT", f"/api/v1/rosters/{unit['id']}/{month}", {"entries": [
        {"date": days[0].isoformat(), "userId": ann["id"], "shiftId": shift["id"]},
        {"date": days[1].isoformat(), "userId": bo["id"], "shiftId": shift["id"]},
    ]}, expect=200)
    entries = {e["userId"]: e["id"] for d in roster["days"] for e in d["entries"]}
    _, swap = ann["api"].post("/api/v1/shift-swaps", {"requesterShiftId": entries[ann["id"]], "counterpartShiftId": entries[bo["id"]], "reason": "家中有事"}, expect=201)
    bo["api"].post(f"/api/v1/shift-swaps/{swap['id']}/consent", {}, expect=200)
    manager["api"].post(f"/api/v1/shift-swaps/{swap['id']}/approve", {}, expect=200)
    missed = entries[ann["id"]]  # now bo's shift (swapped)

    ui.login(driver, server, supervisor["username"], supervisor["password"])
    ui.nav_to(driver, "people-absences")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/people/absences", "/people/absences")
    driver.get(f"{server}/people/absences?month={month}")
    Select(ui.visible(driver, "select#absence-shift")).select_by_value(missed)
    ui.visible(driver, "input#absence-unclear").click()
    ui.visible(driver, "input#absence-share-absentee").send_keys("60")
    ui.visible(driver, "input#absence-share-other").send_keys("５０")
    ui.visible(driver, "input#absence-note").send_keys("交接不清")
    ui.visible(driver, "button#absence-submit").click()
    # Refused: 60 + 50 is not 100. Everything typed is kept, the reason stands under the shares.
    error = ui.visible(driver, "#absence-share-absentee-error")
    assert "100" in error.text, error.text
    assert Select(ui.visible(driver, "select#absence-shift")).first_selected_option.get_attribute("value") == missed
    assert ui.visible(driver, "input#absence-unclear").is_selected()
    assert ui.visible(driver, "input#absence-share-absentee").get_attribute("value") == "60"
    assert ui.visible(driver, "input#absence-share-other").get_attribute("value") == "５０"
    assert ui.visible(driver, "input#absence-note").get_attribute("value") == "交接不清"
    other = ui.visible(driver, "input#absence-share-other")
    other.clear()
    other.send_keys("40")
    ui.visible(driver, "button#absence-submit").click()
    row = ui.visible(driver, "#absences tr.absence-row")
    assert row.get_attribute("data-number").startswith("KG-")
    assert f"博{tag} 60%" in row.text and f"安{tag} 40%" in row.text, row.text
    ui.logout(driver)

    # Each party sees the record on its own list.
    for person in (ann, bo):
        ui.login(driver, server, person["username"], person["password"])
        driver.get(f"{server}/people/absences?month={month}")
        assert ui.visible(driver, "#absences tr.absence-row").get_attribute("data-number").startswith("KG-")
        ui.logout(driver)

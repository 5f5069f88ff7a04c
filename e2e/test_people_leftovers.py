"""#15 leftovers in a real browser: the roster calendar marks a shift whose handover is not complete (交接未完成)
and links it to the handover; a training plan the office director returned is rewritten on its page — a refusal
keeps what was typed and says why under the field — and submitted again."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By

import kefu_pages as ui


def _unit(admin_api, root_unit, make_user, tag):
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"CS{tag}", "name": f"客服{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"主管{tag}", org_unit_id=unit["id"])
    manager = make_user(roles=["cs_manager"], display_name=f"经理{tag}", org_unit_id=unit["id"])
    return unit, supervisor, manager


def test_the_roster_marks_an_incomplete_handover_and_links_to_it(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    unit, supervisor, _ = _unit(admin_api, root_unit, make_user, tag)
    ann = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])
    bo = make_user(roles=["cs_agent"], display_name=f"博{tag}", org_unit_id=unit["id"])
    _, early = supervisor["api"].post("/api/v1/shifts", {"orgUnitId": unit["id"], "code": "E", "name": "早班", "start": "08:00", "end": "16:00"}, expect=201)
    _, late = supervisor["api"].post("/api/v1/shifts", {"orgUnitId": unit["id"], "code": "L", "name": "晚班", "start": "16:00", "end": "24:00"}, expect=201)
    month = "2026-03"
    _, roster = supervisor["api"].request("PUT", f"/api/v1/rosters/{unit['id']}/{month}", {"entries": [
        {"date": f"{month}-10", "userId": ann["id"], "shiftId": early["id"]},
        {"date": f"{month}-10", "userId": bo["id"], "shiftId": late["id"]},
    ]}, expect=200)
    entries = {e["userId"]: e["id"] for d in roster["days"] for e in d["entries"]}
    _, handover = ann["api"].post("/api/v1/handovers", {"entryId": entries[ann["id"]], "equipment": "正常"}, expect=201)
    ann["api"].post(f"/api/v1/handovers/{handover['id']}/submit", {}, expect=200)

    ui.login(driver, server, supervisor["username"], supervisor["password"])
    driver.get(f"{server}/people/roster?unit={unit['id']}&month={month}")
    cell = f"#roster-grid td[data-date='{month}-10']"
    mark = ui.visible(driver, f"{cell} li.roster-entry[data-user='{ann['id']}'] a.handover-incomplete[data-mark='pending']")
    assert handover["number"] in mark.text, mark.text
    # bo's late shift ended without a handover, but nobody was rostered after it: nothing to hand over, no mark.
    assert not driver.find_elements(By.CSS_SELECTOR, f"{cell} li.roster-entry[data-user='{bo['id']}'] .handover-incomplete")
    mark.click()
    ui.wait_path(driver, lambda p: p == f"/people/handovers/{handover['id']}", "the handover page")

    # SHF-01: the week view of that week, a row per person with the shift codes, and a link to the next week.
    driver.get(f"{server}/people/roster?view=week&unit={unit['id']}&date={month}-12")
    cell = ui.visible(driver, f"#roster-week tr[data-user='{ann['id']}'] td[data-date='{month}-10']")
    assert "E" in cell.text, cell.text
    assert "L" in driver.find_element(By.CSS_SELECTOR, f"#roster-week tr[data-user='{bo['id']}'] td[data-date='{month}-10']").text
    ui.visible(driver, "#roster-next-week").click()
    ui.wait(driver).until(lambda d: "date=2026-03-16" in d.current_url, "never reached the next week")
    assert ui.visible(driver, "#roster-week-range").text.startswith("2026-03-16"), driver.current_url


def test_a_returned_training_plan_is_rewritten_and_resubmitted_on_its_page(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    unit, supervisor, manager = _unit(admin_api, root_unit, make_user, tag)
    _, plan = supervisor["api"].post("/api/v1/training-plans", {"orgUnitId": unit["id"], "title": f"培训计划{tag}",
                                                                 "lines": [{"month": "2027-01", "topic": "沟通技巧"}]}, expect=201)
    supervisor["api"].post(f"/api/v1/training-plans/{plan['id']}/submit", {}, expect=200)
    manager["api"].post(f"/api/v1/training-plans/{plan['id']}/return", {"note": "请补充考核方式"}, expect=200)

    ui.login(driver, server, supervisor["username"], supervisor["password"])
    ui.nav_to(driver, "people-training-plans")
    ui.visible(driver, f"tr.plan-row[data-id='{plan['id']}'] a.plan-rewrite").click()
    ui.wait_path(driver, lambda p: p == f"/people/training-plans/{plan['id']}/rewrite", "the rewrite page")
    assert "请补充考核方式" in ui.visible(driver, "#plan-return-reason").text
    lines = ui.visible(driver, "textarea#plan-rewrite-lines")
    assert lines.get_attribute("value") == "2027-01 沟通技巧"
    # A bad month: refused, the typed text kept, the reason under the field.
    lines.clear()
    lines.send_keys("2027-01 沟通技巧（含考核）\n2027-13 投诉处理")
    ui.visible(driver, "button#plan-rewrite-submit").click()
    assert ui.visible(driver, "#plan-rewrite-lines-error").text
    lines = ui.visible(driver, "textarea#plan-rewrite-lines")
    assert "2027-13 投诉处理" in lines.get_attribute("value")
    lines.clear()
    lines.send_keys("2027-01 沟通技巧（含考核）\n2027-03 投诉处理")
    ui.visible(driver, "button#plan-rewrite-submit").click()
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/people/training-plans", "the plans list")
    row = ui.visible(driver, f"tr.plan-row[data-id='{plan['id']}']")
    assert row.get_attribute("data-status") == "submitted"
    assert "投诉处理" in row.text

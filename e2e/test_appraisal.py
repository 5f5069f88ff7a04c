"""#15.5 KPI-04 appraisal plans in a real browser: a department head drafts the month's reward and penalty plan
from 人员 › 考核奖惩方案 (a refused amount comes back with what was typed and the reason under the lines),
submits it; the general manager returns it with a reason; the head edits it and submits again; the GM approves
and only then does the agent see the line about himself under 我的考核奖惩. Refusals by role and unit are
covered by the API tests (AppraisalFlowTests) and the route matrix."""

from __future__ import annotations

import secrets

from selenium.webdriver.support.ui import Select

import kefu_pages as ui


def status(driver) -> str:
    return ui.visible(driver, "#appraisal-status").get_attribute("data-status")


def wait_status(driver, expected: str) -> None:
    ui.wait(driver).until(lambda d: d.find_element("css selector", "#appraisal-status").get_attribute("data-status") == expected, f"not {expected}")


def test_draft_submit_return_edit_approve_makes_the_plan_effective(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"KH{tag}", "name": f"客服{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    manager = make_user(roles=["cs_manager"], display_name=f"经理{tag}", org_unit_id=unit["id"])
    ann = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])
    gm = make_user(roles=["general_manager"], display_name=f"总经理{tag}", org_unit_id=root_unit["id"])

    # The department head drafts the plan; a wrong amount is refused and everything typed comes back.
    ui.login(driver, server, manager["username"], manager["password"])
    ui.nav_to(driver, "people-appraisal-plans")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/people/appraisal-plans", "/people/appraisal-plans")
    Select(ui.visible(driver, "select#appraisal-unit")).select_by_value(unit["id"])
    ui.visible(driver, "input#appraisal-period").send_keys("2026-11")
    Select(ui.visible(driver, "select#line1-user")).select_by_value(ann["id"])
    Select(ui.visible(driver, "select#line1-kind")).select_by_value("reward")
    ui.visible(driver, "input#line1-amount").send_keys("12.345")
    ui.visible(driver, "input#line1-reason").send_keys(f"月度服务之星{tag}")
    ui.visible(driver, "button#appraisal-save").click()
    assert "0.01" in ui.visible(driver, "#lines-error").text
    assert ui.visible(driver, "input#line1-reason").get_attribute("value") == f"月度服务之星{tag}"
    assert ui.visible(driver, "input#line1-amount").get_attribute("value") == "12.345"
    assert Select(ui.visible(driver, "select#line1-user")).first_selected_option.get_attribute("value") == ann["id"]
    amount = ui.visible(driver, "input#line1-amount")
    amount.clear()
    amount.send_keys("1,500.50")
    ui.visible(driver, "button#appraisal-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/people/appraisal-plans/"), "the plan page")
    plan_url = driver.current_url
    assert status(driver) == "draft"
    assert ui.visible(driver, "#appraisal-reward-total").text == "1500.50"
    ui.visible(driver, "button#appraisal-submit").click()
    wait_status(driver, "submitted")
    assert not driver.find_elements("css selector", "#appraisal-edit-form"), "a submitted plan is not editable"
    ui.logout(driver)

    # Not effective yet: the agent sees nothing about himself.
    _, mine = ann["api"].request("GET", "/api/v1/appraisal-plans/my-lines", expect=200)
    assert mine["items"] == []

    # The general manager returns it with a reason.
    ui.login(driver, server, gm["username"], gm["password"])
    driver.get(plan_url)
    ui.visible(driver, "input#appraisal-return-note").send_keys("金额请按制度核实")
    ui.visible(driver, "button#appraisal-return").click()
    wait_status(driver, "returned")
    assert "金额请按制度核实" in ui.visible(driver, "#appraisal-note").text
    ui.logout(driver)

    # The head corrects the amount and submits again.
    ui.login(driver, server, manager["username"], manager["password"])
    driver.get(plan_url)
    assert "金额请按制度核实" in ui.visible(driver, "#appraisal-note").text
    amount = ui.visible(driver, "input#line1-amount")
    amount.clear()
    amount.send_keys("1200")
    ui.visible(driver, "button#appraisal-save").click()
    ui.wait(driver).until(lambda d: d.find_element("css selector", "#appraisal-reward-total").text == "1200.00", "not saved")
    assert status(driver) == "returned"
    ui.visible(driver, "button#appraisal-submit").click()
    wait_status(driver, "submitted")
    ui.logout(driver)

    # The general manager approves: the plan takes effect.
    ui.login(driver, server, gm["username"], gm["password"])
    ui.nav_to(driver, "people-appraisal-plans")
    driver.get(f"{server}/people/appraisal-plans?status=submitted")
    ui.visible(driver, f"#appraisal-list tr.appraisal-row[data-status='submitted'] a[href='{plan_url[len(server):]}']").click()
    ui.visible(driver, "button#appraisal-approve").click()
    wait_status(driver, "effective")
    assert not driver.find_elements("css selector", "button#appraisal-approve")
    ui.logout(driver)

    # The agent now sees the effective line about himself.
    ui.login(driver, server, ann["username"], ann["password"])
    ui.nav_to(driver, "people-my-appraisals")
    row = ui.visible(driver, "#my-appraisals tr.my-appraisal-line")
    assert row.get_attribute("data-kind") == "reward" and "1200.00" in row.text and f"月度服务之星{tag}" in row.text, row.text

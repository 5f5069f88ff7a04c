"""#15.5 SAT-09 in a real browser: the head-office CS manager assesses this month from 报表 › 满意度考核; a department
below the 90% target gets a corrective-action and criticism notice (ZG-…) with a rectification deadline; its manager
is told, opens the notice, acknowledges it and closes it with the rectification done. Scope, idempotency and denials
are covered by the API tests (SatisfactionAssessmentTests) and the route matrix."""

from __future__ import annotations

import datetime
import secrets

import kefu_pages as ui


def this_month() -> str:
    beijing = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
    return beijing.strftime("%Y-%m")


def wait_status(driver, expected: str) -> None:
    ui.wait(driver).until(
        lambda d: d.find_element("css selector", "#assessment-status").get_attribute("data-status") == expected, f"not {expected}"
    )


def test_assess_from_the_page_then_the_department_acknowledges_and_closes(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"MY{tag}", "name": f"客服{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    agent = make_user(roles=["cs_agent"], display_name=f"坐席{tag}", org_unit_id=unit["id"])
    manager = make_user(roles=["dept_manager"], display_name=f"经理{tag}", org_unit_id=unit["id"])
    hq = make_user(roles=["cs_manager"], display_name=f"总部经理{tag}", org_unit_id=root_unit["id"])

    # One returned form of the department, rated 不太满意: 0% against a 90% target.
    _, ticket = agent["api"].post("/api/v1/tickets", {"subject": f"满意度{tag}", "type": "repair", "channel": "phone", "priority": "normal",
                                                      "customer": {"name": f"客户{tag}", "phone": "139" + str(secrets.randbelow(10**8)).zfill(8)}}, expect=201)
    _, invitation = agent["api"].post("/api/v1/survey-invitations", {"ticketId": ticket["id"]}, expect=201)
    agent["api"].post("/api/v1/public/surveys/" + invitation["url"].rsplit("/", 1)[-1], {"overall": 2}, token="", expect=201)
    hq["api"].request("PUT", "/api/v1/settings/satisfaction-target", {"percent": "90"}, expect=200)

    # The head office assesses the month from the page.
    ui.login(driver, server, hq["username"], hq["password"])
    ui.nav_to(driver, "satisfaction-assessments")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/satisfaction/assessments", "/satisfaction/assessments")
    ui.visible(driver, "input#assess-period").send_keys(this_month())
    ui.visible(driver, "button#assess-submit").click()
    ui.wait_path(driver, lambda p: "period=" in driver.current_url, "the assessed period")
    row = ui.wait(driver).until(
        lambda d: next((r for r in d.find_elements("css selector", "#assessment-list tbody tr") if f"客服{tag}" in r.text), None),
        "no row for the department",
    )
    number = row.find_element("css selector", "a.assessment-link").text
    assert number.startswith("ZG-"), number
    ui.logout(driver)

    # The department's manager was told, opens the notice, acknowledges and closes it.
    _, told = manager["api"].get("/api/v1/notifications", expect=200)
    assert any(n.get("kind") == "satisfaction_notice" and number in n.get("title", "") for n in told["items"]), told
    ui.login(driver, server, manager["username"], manager["password"])
    ui.nav_to(driver, "satisfaction-assessments")
    ui.visible(driver, "#assessment-list a.assessment-link").click()
    ui.wait_path(driver, lambda p: p.startswith("/satisfaction/assessments/"), "the notice page")
    assert number in ui.visible(driver, "h1#assessment-heading").text
    wait_status(driver, "issued")
    ui.visible(driver, "textarea#acknowledge-note").send_keys("收到，本周内整改")
    ui.visible(driver, "button#acknowledge-submit").click()
    wait_status(driver, "acknowledged")
    ui.visible(driver, "textarea#close-rectification").send_keys(f"全员服务规范培训{tag}")
    ui.visible(driver, "button#close-submit").click()
    wait_status(driver, "closed")
    assert f"全员服务规范培训{tag}" in driver.page_source
    assert not driver.find_elements("css selector", "form#form-close"), "a closed notice has no more steps"

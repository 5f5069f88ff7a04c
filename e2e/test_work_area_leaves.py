"""#15.3 SHF-12 leaving the work area in a real browser: an agent's request with minutes that are not a number is
refused and comes back with the reason typed; 10 minutes (within the default 15) is only logged and the agent is
away at once; back, the return is logged without an overstay. 40 minutes then waits for the duty manager, who
approves it from the same page."""

from __future__ import annotations

import secrets

import kefu_pages as ui


def test_leave_the_work_area_log_return_and_approval(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"WA{tag}", "name": f"客服{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"主管{tag}", org_unit_id=unit["id"])
    ann = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])

    ui.login(driver, server, ann["username"], ann["password"])
    ui.nav_to(driver, "people-work-area")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/people/work-area", "/people/work-area")
    assert "15" in ui.visible(driver, "#work-area-limit").text
    assert ui.visible(driver, "#work-area-mine-empty")
    ui.visible(driver, "input#work-area-minutes").send_keys("十分钟")
    ui.visible(driver, "input#work-area-reason").send_keys("洗手间")
    ui.visible(driver, "button#work-area-submit").click()
    assert ui.visible(driver, "#work-area-minutes-error").text
    assert ui.visible(driver, "input#work-area-reason").get_attribute("value") == "洗手间"
    minutes = ui.visible(driver, "input#work-area-minutes")
    minutes.clear()
    minutes.send_keys("10")
    ui.visible(driver, "button#work-area-submit").click()
    row = ui.visible(driver, "#work-area-mine tr.work-area-row")
    assert row.get_attribute("data-status") == "out", row.get_attribute("outerHTML")
    ui.visible(driver, "#work-area-mine button.work-area-return").click()
    row = ui.visible(driver, "#work-area-mine tr.work-area-row[data-status='returned']")
    assert row.get_attribute("data-overstayed") == "false"
    ui.visible(driver, "input#work-area-minutes").send_keys("40")
    ui.visible(driver, "input#work-area-reason").send_keys("去物业办公室")
    ui.visible(driver, "button#work-area-submit").click()
    assert ui.visible(driver, "#work-area-mine tr.work-area-row[data-status='requested']")
    ui.logout(driver)

    ui.login(driver, server, supervisor["username"], supervisor["password"])
    ui.nav_to(driver, "people-work-area")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/people/work-area", "/people/work-area")
    ui.visible(driver, "#work-area-awaiting button.work-area-approve").click()
    assert ui.visible(driver, "#work-area-awaiting-empty")
    assert ann["api"].get("/api/v1/work-area-leaves")[1]["items"][0]["status"] == "out"

"""#15.5 quality inspection (KPI-02, CMP-17) in a real browser: the QA inspector enters a call answered after 4 rings on
人员 › 来电记录 (a refused form keeps what was typed), a penalty record appears on 处罚记录, and the department
supervisor confirms it with a reason; the agent then sees the confirmed record as its own."""

from __future__ import annotations

import secrets

from selenium.webdriver.support.ui import Select

import kefu_pages as ui


def test_four_rings_propose_a_penalty_the_supervisor_confirms(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"QI{tag}", "name": f"质检客服{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"主管{tag}", org_unit_id=unit["id"])
    inspector = make_user(roles=["qa"], display_name=f"质检{tag}", org_unit_id=unit["id"])
    ann = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])

    ui.login(driver, server, inspector["username"], inspector["password"])
    ui.nav_to(driver, "people-quality-calls")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/people/quality/calls", "/people/quality/calls")
    assert ui.visible(driver, "#calls-empty").text
    Select(ui.visible(driver, "select#call-agentId")).select_by_value(ann["id"])
    # A month 13 is refused; the rest of what was typed stays.
    ui.visible(driver, "input#call-calledAt").send_keys("2026-13-20 14:30")
    ui.visible(driver, "input#call-callerNumber").send_keys("13900001111")
    ui.visible(driver, "input#call-rings").send_keys("4")
    ui.visible(driver, "input#call-durationSeconds").send_keys("125")
    ui.visible(driver, "input#call-note").send_keys("咨询发票")
    ui.visible(driver, "button#call-submit").click()
    ui.visible(driver, "#call-calledAt-error")
    assert ui.visible(driver, "input#call-callerNumber").get_attribute("value") == "13900001111"
    assert ui.visible(driver, "input#call-rings").get_attribute("value") == "4"
    assert ui.visible(driver, "input#call-note").get_attribute("value") == "咨询发票"
    assert Select(ui.visible(driver, "select#call-agentId")).first_selected_option.get_attribute("value") == ann["id"]
    field = ui.visible(driver, "input#call-calledAt")
    field.clear()
    field.send_keys("2026-11-20 14:30")
    ui.visible(driver, "button#call-submit").click()

    # Four rings: the penalty register shows a proposed record for the agent.
    ui.wait_path(driver, lambda p: p.startswith("/people/quality/penalties"), "the penalty register")
    ui.visible(driver, "#penalty-late")
    row = ui.visible(driver, "tr.penalty-row[data-source='late_answer']")
    assert row.get_attribute("data-status") == "proposed"
    assert f"安{tag}" in row.text
    number = row.get_attribute("data-number")
    assert number.startswith("CF-")
    assert not driver.find_elements("css selector", "tr.penalty-row button.penalty-confirm"), "QA proposes; it does not decide"
    ui.logout(driver)

    # The department supervisor confirms it with a reason; without one it is refused.
    ui.login(driver, server, supervisor["username"], supervisor["password"])
    ui.nav_to(driver, "people-quality-penalties")
    ui.wait_path(driver, lambda p: p.startswith("/people/quality/penalties"), "/people/quality/penalties")
    ui.visible(driver, f"tr.penalty-row[data-number='{number}'] button.penalty-confirm").click()
    ui.visible(driver, f"tr.penalty-row[data-number='{number}'] .field-error")
    assert ui.visible(driver, f"tr.penalty-row[data-number='{number}']").get_attribute("data-status") == "proposed"
    ui.visible(driver, f"tr.penalty-row[data-number='{number}'] input.penalty-note").send_keys("响铃四声，属实")
    ui.visible(driver, f"tr.penalty-row[data-number='{number}'] button.penalty-confirm").click()
    ui.wait(driver).until(lambda d: d.find_element("css selector", f"tr.penalty-row[data-number='{number}']").get_attribute("data-status") == "confirmed",
                          "the record was not confirmed")
    assert "响铃四声，属实" in ui.visible(driver, f"tr.penalty-row[data-number='{number}']").text
    ui.logout(driver)

    # The agent reads its own record.
    ui.login(driver, server, ann["username"], ann["password"])
    ui.nav_to(driver, "people-quality-penalties")
    mine = ui.visible(driver, f"tr.penalty-row[data-number='{number}']")
    assert mine.get_attribute("data-status") == "confirmed"


def test_quality_pages_fit_a_phone(server, driver, admin_api, root_unit, make_user):
    """At 390 px the calls, the penalty register (with its confirm form), the inspections, a new inspection's score grid
    and the standards' item grid are labelled cards that do not scroll sideways, every control named."""
    from test_page_polish import PHONE, _no_sideways_scroll
    from test_phone_tables import UNLABELLED

    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"QP{tag}", "name": f"手机质检{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    manager = make_user(roles=["cs_manager"], display_name=f"经理{tag}", org_unit_id=unit["id"])
    ann = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])
    _, standard = manager["api"].post("/api/v1/inspection-standards", {"orgUnitId": unit["id"], "name": "来电服务规范（手机查看时名称较长也应换行）", "kind": "call",
                                                                       "items": [{"label": "礼貌用语", "weight": "60"}, {"label": "问题记录", "weight": "40"}]}, expect=201)
    _, call = manager["api"].post("/api/v1/calls", {"agentId": ann["id"], "calledAt": "2026-11-20 14:30", "callerNumber": "13900001111", "rings": 5,
                                                    "durationSeconds": 60, "note": "响铃五声才接听，顾客等候较久"}, expect=201)
    manager["api"].post("/api/v1/inspections", {"standardId": standard["id"], "callId": call["id"], "scores": [90, 70]}, expect=201)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, manager["username"], manager["password"])
    for path, table, first in [("/people/quality/calls", "calls-list", "来电时间"), ("/people/quality/penalties", "penalties-list", "编号"),
                               ("/people/quality/inspections", "inspections-list", "编号"),
                               (f"/people/quality/inspections/new?standardId={standard['id']}", "inspection-items", "项目"),
                               ("/people/quality/standards", "standards-list", "名称"), (f"/people/quality/standards/{standard['id']}", "standard-items-grid", "行")]:
        driver.get(server + path)
        ui.present(driver, f"table#{table}")
        _no_sideways_scroll(driver, table, first)
        assert driver.execute_script(UNLABELLED) == [], path

"""#15.5 the quality inspection form's ticket field is the shared searchable picker (as on the repair and survey forms):
typing part of a ticket's number lists it, a click picks it, and the inspection is recorded against that ticket; a
refused form (a ticket that does not exist) comes back with the number as it was typed and the scores."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By

import kefu_pages as ui


def test_inspector_picks_the_ticket_by_typing_part_of_its_number(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"TP{tag}", "name": f"质检选单{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    manager = make_user(roles=["cs_manager"], display_name=f"经理{tag}", org_unit_id=unit["id"])
    inspector = make_user(roles=["qa"], display_name=f"质检{tag}", org_unit_id=unit["id"])
    agent = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])
    _, standard = manager["api"].post("/api/v1/inspection-standards", {"orgUnitId": unit["id"], "name": f"工单规范{tag}", "kind": "ticket",
                                                                       "items": [{"label": "记录完整", "weight": "50"}, {"label": "回复及时", "weight": "50"}]}, expect=201)
    _, ticket = agent["api"].post("/api/v1/tickets", {"subject": f"主轴承温度报警 {tag}", "type": "repair", "channel": "phone"}, expect=201)

    ui.login(driver, server, inspector["username"], inspector["password"])
    driver.get(server + f"/people/quality/inspections/new?standardId={standard['id']}")
    field = ui.visible(driver, "input#inspection-ticketNumber")
    assert field.get_attribute("data-picker") == "/api/v1/search?kinds=inspection_ticket"

    # A number that does not exist is refused; what was typed (and the scores) stays.
    field.send_keys("KF1999-999999")
    ui.visible(driver, "input#inspection-score_1").send_keys("90")
    ui.visible(driver, "input#inspection-score_2").send_keys("80")
    ui.visible(driver, "button#inspection-submit").click()
    ui.visible(driver, "#inspection-ticketNumber-error")
    field = ui.visible(driver, "input#inspection-ticketNumber")
    assert field.get_attribute("value") == "KF1999-999999"
    assert field.get_attribute("data-picker") == "/api/v1/search?kinds=inspection_ticket"
    assert ui.visible(driver, "input#inspection-score_1").get_attribute("value") == "90"

    # Part of the number (its running part, as people say it) lists the ticket; a click picks it.
    field.clear()
    field.send_keys(ticket["number"].split("-")[1])
    option = ui.wait(driver).until(
        lambda d: next((li for li in d.find_elements(By.CSS_SELECTOR, ".picker-list li[role=option]")
                        if li.get_attribute("data-id") == ticket["id"]), None),
        "typing part of the number did not list the ticket")
    option.click()
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "inspection-ticketNumber-value").get_attribute("value") == ticket["id"], "the click did not pick")
    assert field.get_attribute("value") == ticket["number"]
    ui.visible(driver, "button#inspection-submit").click()
    ui.wait_path(driver, lambda p: p.startswith("/people/quality/inspections/") and not p.endswith("/new"), "the inspection page")
    inspection_id = ui.current_path(driver).split("/")[-1]
    _, inspection = manager["api"].get(f"/api/v1/inspections/{inspection_id}", expect=200)
    assert inspection["ticketNumber"] == ticket["number"]
    assert inspection["ticketId"] == ticket["id"]
    assert inspection["agentId"] == agent["id"]

"""#13.1 items 1 and 3 in a real browser on a phone (390×844): a site keeper's request pages fit — the list and the
request's lines are labelled cards, the new form is one column, the toolbar stays on screen — and the arrival loop: the
request waiting for its goods offers 登记到货验收, the check is prefilled with the request's number, supplier and lines,
links back to the request, and completing it closes the request (its timeline shows the confirmation by the check)."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books
from test_page_polish import PHONE, _no_sideways_scroll


def _fits(driver, what: str) -> None:
    ui.wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    widths = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
    assert widths[0] <= widths[1] + 1, f"{what} scrolls sideways: {widths}"


def _box(driver, element_id: str) -> list:
    return driver.execute_script("var r = document.getElementById(arguments[0]).getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];", element_id)


def _one_column(driver, *ids: str) -> None:
    boxes = {i: _box(driver, i) for i in ids}
    width = driver.execute_script("return window.innerWidth")
    tops = [boxes[i][1] for i in ids]
    assert all(b[1] < a[1] for b, a in zip([boxes[i] for i in ids], [boxes[i] for i in ids[1:]])), f"not one column: {boxes}"
    assert all(b[2] <= width + 1 and b[0] >= -1 for b in boxes.values()), f"a field leaves the screen: {boxes} (width {width})"
    assert len(set(round(t) for t in tops)) == len(tops), boxes


def state(driver) -> str:
    return ui.visible(driver, "#material-request-state").get_attribute("data-state")


def test_request_pages_fit_a_phone_and_the_arrival_check_closes_the_request(server, driver, admin_api, root_unit, make_user):
    b = site_books(admin_api, root_unit, make_user)
    item = b.item(f"MP{b.tag}", f"密封圈{b.tag}")
    planner = make_user(roles=["dept_planner"], display_name=f"计划员{b.tag}", org_unit_id=b.dept["id"])
    production = make_user(roles=["production"], display_name="生产管理部")
    procurement = make_user(roles=["procurement"], display_name="采购员")
    _, supplier = b.hq["api"].post("/api/v1/suppliers", {"code": f"SP{b.tag}", "name": f"密封件厂{b.tag}"}, expect=201)

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, b.keeper["username"], b.keeper["password"])
    driver.get(server + "/materials/requests")
    assert ui.visible(driver, "#empty-state").text
    _fits(driver, "the empty request list")

    # The new form: one column on a phone, the line grid on screen.
    ui.visible(driver, "a#new-material-request").click()
    form = ui.visible(driver, "form#material-request-form")
    _fits(driver, "the new request form")
    _one_column(driver, "mr-kind", "mr-urgency", "mr-reason")
    Select(ui.visible(driver, "select#mr-kind")).select_by_value("consumable")
    ui.visible(driver, "input#mr-reason").send_keys("3号风机更换密封件")
    form.find_element(By.CSS_SELECTOR, "input#itemText_0").send_keys(item["code"])
    form.find_element(By.CSS_SELECTOR, "input#qty_0").send_keys("12")
    _fits(driver, "the filled request form")
    ui.visible(driver, "button#material-request-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/requests/") and not p.endswith("/new"), "the request page")
    assert state(driver) == "draft"

    # The request page: the toolbar's buttons on screen, the lines as labelled cards.
    _fits(driver, "the request page")
    width = driver.execute_script("return window.innerWidth")
    for button in ["material-request-submit", "material-request-edit", "material-request-print"]:
        box = _box(driver, button)
        assert box[0] >= -1 and box[2] <= width + 1, f"#{button} leaves the screen: {box}"
    _no_sideways_scroll(driver, "material-request-lines", "行")
    ui.visible(driver, "button#material-request-submit").click()
    ui.wait(driver).until(lambda d: state(d) == "site_review", "not submitted")
    driver.get(server + "/materials/requests")
    _no_sideways_scroll(driver, "material-request-list", "单号")

    # Item 1: the department's urgent release, ordered from the supplier, is received through an arrival check.
    _, urgent = planner["api"].post(
        "/api/v1/material-requests",
        {"orgUnitId": b.site["id"], "kind": "consumable", "reason": "停机抢修", "urgentRelease": True, "lines": [{"itemId": item["id"], "quantity": 5}]},
        expect=201,
    )
    production["api"].post(f"/api/v1/material-requests/{urgent['id']}/decide", {"source": "procurement"}, expect=200)
    procurement["api"].post(f"/api/v1/material-requests/{urgent['id']}/order", {"orderRef": "PO-2026-77", "supplierId": supplier["id"]}, expect=200)
    driver.get(server + f"/materials/requests/{urgent['id']}")
    assert state(driver) == "supplier_shipping"
    ui.visible(driver, "a#material-request-record-arrival").click()
    ui.visible(driver, "form#arrival-form")
    _fits(driver, "the arrival form")
    assert Select(ui.visible(driver, "select#arrival-source")).first_selected_option.get_attribute("value") == "material_request"
    assert Select(ui.visible(driver, "select#arrival-supplier")).first_selected_option.get_attribute("value") == supplier["id"]
    assert ui.visible(driver, "input#arrival-request").get_attribute("value") == urgent["number"]
    assert ui.visible(driver, "input#arrival-line-0-itemId").get_attribute("value") == item["code"]
    assert ui.visible(driver, "input#arrival-line-0-expectedQuantity").get_attribute("value") == "5"
    Select(ui.visible(driver, "select#arrival-warehouse")).select_by_value(b.warehouse["id"])
    ui.visible(driver, "input#arrival-delivery-note").send_keys("SH-2026-0077")
    ui.visible(driver, "input#arrival-line-0-countedQuantity").send_keys("5")
    ui.visible(driver, "button#arrival-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/arrivals/") and not p.endswith("/new"), "the arrival page")
    link = ui.visible(driver, "a#arrival-request-link")
    assert link.text == urgent["number"], link.text
    ui.visible(driver, "button#arrival-complete").click()
    ui.wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#arrival-state").get_attribute("data-status") == "completed", "not completed")

    # The request closed with the check: its timeline names the check, and the check is listed on it.
    ui.visible(driver, "a#arrival-request-link").click()
    ui.wait_path(driver, lambda p: p.rstrip("/").endswith(urgent["id"]), "the request page")
    assert state(driver) == "closed"
    events = [e.get_attribute("data-action") for e in driver.find_elements(By.CSS_SELECTOR, "#material-request-timeline li.timeline-event")]
    assert events[-2:] == ["confirm-arrival", "close"], events
    arrivals = driver.find_elements(By.CSS_SELECTOR, "#material-request-arrival-list li.material-request-arrival")
    assert [a.get_attribute("data-status") for a in arrivals] == ["completed"]
    assert not driver.find_elements(By.CSS_SELECTOR, "a#material-request-record-arrival")
    _fits(driver, "the closed request page")


def test_hq_writes_a_demand_plan_on_a_phone_and_the_department_reads_it(server, driver, admin_api, root_unit, make_user):
    """#13.1 item 2 (REQ-10): HQ writes the department's annual plan with the line grid and publishes it; the department's
    manager reads it with each item's requested quantity; plan list and lines are labelled cards on a phone."""
    b = site_books(admin_api, root_unit, make_user)
    item = b.item(f"DP{b.tag}", f"润滑脂{b.tag}")
    manager = make_user(roles=["dept_manager"], display_name=f"经理{b.tag}", org_unit_id=b.dept["id"])
    b.keeper["api"].post(
        "/api/v1/material-requests/" + b.keeper["api"].post(
            "/api/v1/material-requests", {"kind": "consumable", "reason": "换油", "lines": [{"itemId": item["id"], "quantity": 30}]}, expect=201
        )[1]["id"] + "/submit",
        {},
        expect=200,
    )
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, b.hq["username"], b.hq["password"])
    ui.nav_to(driver, "demand-plans")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/demand-plans", "/materials/demand-plans")
    ui.visible(driver, "a#new-demand-plan").click()
    form = ui.visible(driver, "form#demand-plan-form")
    _fits(driver, "the plan form")
    _one_column(driver, "dp-year", "dp-unit", "dp-note")
    year = driver.execute_script("return new Date().getFullYear()")
    field = ui.visible(driver, "input#dp-year")
    field.clear()
    field.send_keys(str(year))
    Select(ui.visible(driver, "select#dp-unit")).select_by_value(b.dept["id"])
    form.find_element(By.CSS_SELECTOR, "input#itemText_0").send_keys(item["code"])
    form.find_element(By.CSS_SELECTOR, "input#qty_0").send_keys("1,200")
    ui.visible(driver, "button#demand-plan-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/demand-plans/") and not p.endswith("/new"), "the plan page")
    plan_path = ui.current_path(driver)
    assert ui.visible(driver, "#demand-plan-state").get_attribute("data-state") == "draft"
    ui.visible(driver, "button#demand-plan-publish").click()
    ui.wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#demand-plan-state").get_attribute("data-state") == "published", "not published")
    ui.logout(driver)

    ui.login(driver, server, manager["username"], manager["password"])
    driver.get(server + "/materials/demand-plans")
    _no_sideways_scroll(driver, "demand-plan-list", "编号")
    assert not driver.find_elements(By.CSS_SELECTOR, "a#new-demand-plan")
    driver.get(server + plan_path)
    _no_sideways_scroll(driver, "demand-plan-lines", "行")
    row = ui.visible(driver, "#demand-plan-lines tr.demand-plan-line")
    assert "1200" in row.text.replace(",", "") and "30" in row.text, row.text
    assert not driver.find_elements(By.CSS_SELECTOR, "button#demand-plan-publish")

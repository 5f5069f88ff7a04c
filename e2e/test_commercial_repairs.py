"""#13.3 DMG-06, ESC-05 in a real browser: the business department's accountant
opens 商修申请 from the 物资 navigation (empty state), combines its site's class II
damaged part into a new application and submits it; the HQ materials office
approves it on its page; the department sends the part to the repairer with the
cost, records the result and closes it. The toolbar offers each role only its own
steps. The application is found by its number."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books


def state(driver) -> str:
    return ui.visible(driver, "#repair-state").get_attribute("data-status")


def wait_state(driver, status: str) -> None:
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "repair-state").get_attribute("data-status") == status, f"not {status}")


def steps(driver) -> set[str]:
    return {b.get_attribute("id") for b in driver.find_elements(By.CSS_SELECTOR, "#repair-steps button[type=submit]")}


def test_an_application_from_creation_to_closed(server, driver, admin_api, root_unit, make_user):
    b = site_books(admin_api, root_unit, make_user)
    _, damaged = b.hq["api"].post(
        "/api/v1/warehouses", {"code": f"D{b.tag}", "name": f"现场{b.tag}损坏品库", "orgUnitId": b.site["id"], "condition": "damaged"}, expect=201
    )
    gear = b.item(f"GB{b.tag}", f"齿轮箱{b.tag}", category="spare_part", repair_class="II")
    _, part = b.hq["api"].post("/api/v1/damaged-parts", {
        "warehouseId": damaged["id"], "itemId": gear["id"], "quantity": 1, "turbineNumber": "A1-07", "replacedBy": "李工",
        "newSerial": "GB-NEW-9", "oldSerial": "GB-OLD-9", "cause": "齿面点蚀"}, expect=201)

    # The department's accountant: the list is empty, then a new application of the department.
    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    ui.nav_to(driver, "commercial-repairs")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/commercial-repairs", "/materials/commercial-repairs")
    assert ui.visible(driver, "#empty-state")
    ui.visible(driver, "a#new-repair").click()
    Select(ui.visible(driver, "select#cr-unit")).select_by_value(b.dept["id"])
    ui.visible(driver, "button#choose-unit-next").click()
    box = ui.visible(driver, f"input[name='part_{part['id']}']")
    # Nothing chosen: refused under the parts, nothing created.
    ui.visible(driver, "button#repair-save").click()
    assert "二类" in ui.visible(driver, "#cr-parts .field-error").text
    ui.visible(driver, f"input[name='part_{part['id']}']").click()
    ui.visible(driver, "input#cr-note").send_keys("齿轮箱返修")
    ui.visible(driver, "button#repair-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/commercial-repairs/") and not p.endswith("/new"), "the application page")
    repair_path = ui.current_path(driver)
    number = ui.visible(driver, "#repair-number").text
    assert number.startswith("SX-"), number
    assert state(driver) == "draft"
    assert "GB-OLD-9" in ui.visible(driver, "table#repair-parts").text
    # The department submits; it does not approve.
    assert steps(driver) == {"repair-submit", "repair-cancel"}, steps(driver)
    ui.visible(driver, "button#repair-submit").click()
    wait_state(driver, "submitted")
    assert steps(driver) == set(), steps(driver)
    ui.logout(driver)

    # HQ (业务管理部) approves with a comment.
    ui.login(driver, server, b.hq["username"], b.hq["password"])
    driver.get(server + repair_path)
    assert steps(driver) == {"repair-approve", "repair-reject"}, steps(driver)
    ui.visible(driver, "input#repair-approve-comment").send_keys("同意送修")
    ui.visible(driver, "button#repair-approve").click()
    wait_state(driver, "approved")
    assert steps(driver) == set(), steps(driver)
    ui.logout(driver)

    # The department sends it (the repairer is required), records the result and closes.
    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    driver.get(server + repair_path)
    ui.visible(driver, "input#repair-send-cost").send_keys("1,250.50")
    ui.visible(driver, "button#repair-send").click()
    assert "维修单位" in ui.visible(driver, "#repair-send-form .field-error").text
    ui.visible(driver, "input#repair-send-repairer").send_keys("华锐修理厂")
    ui.visible(driver, "button#repair-send").click()
    wait_state(driver, "sent")
    assert ui.visible(driver, "#repair-cost").text == "1250.50"
    assert ui.visible(driver, "#repair-due-on").text
    Select(ui.visible(driver, f"select#repair-result-{part['id']}")).select_by_value("repaired")
    ui.visible(driver, "button#repair-record").click()
    wait_state(driver, "returned")
    assert "已修复" in ui.visible(driver, "table#repair-parts").text
    ui.visible(driver, "button#repair-close").click()
    wait_state(driver, "closed")
    assert steps(driver) == set()

    # Findable by its number in the list.
    driver.get(server + "/materials/commercial-repairs?q=" + number)
    rows = driver.find_elements(By.CSS_SELECTOR, "tr.repair-row")
    assert [r.get_attribute("data-number") for r in rows] == [number]


def test_the_repair_pages_work_on_a_phone(server, driver, admin_api, root_unit, make_user):
    """390-px phone: the list and the application's parts are cards of labelled values, the page never scrolls
    sideways, every control (the step forms included) has a name and a visible focus ring."""
    from test_page_polish import PHONE
    from test_phone_tables import _cards

    b = site_books(admin_api, root_unit, make_user)
    gear = b.item(f"GP{b.tag}", f"齿轮箱{b.tag}", category="spare_part", repair_class="II")
    _, part = b.hq["api"].post("/api/v1/damaged-parts", {
        "warehouseId": b.warehouse["id"], "itemId": gear["id"], "quantity": 1, "turbineNumber": "P-03", "replacedBy": "王工",
        "newSerial": "N-P3", "oldSerial": "O-P3", "cause": "断齿"}, expect=201)
    _, repair = b.accountant["api"].post("/api/v1/commercial-repairs", {"orgUnitId": b.dept["id"], "partIds": [part["id"]]}, expect=201)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        ui.login(driver, server, b.accountant["username"], b.accountant["password"])
        _cards(driver, server, "/materials/commercial-repairs", "repair-list", "申请单号", [("申请业务部", f"业务部{b.tag}")])
        _cards(driver, server, f"/materials/commercial-repairs/{repair['id']}", "repair-parts", "损坏件编号", [("风机号 · 旧件编号", "P-03 · O-P3"), ("损坏原因", "断齿")])
        ui.logout(driver)
        # DMG-07: a site keeper applies only for a maker's repair under warranty, for its own site.
        ui.login(driver, server, b.keeper["username"], b.keeper["password"])
        driver.get(server + "/materials/commercial-repairs/new")
        assert ui.visible(driver, "#cr-unit-name").text == f"现场{b.tag}"
        kinds = [o.get_attribute("value") for o in Select(ui.visible(driver, "select#cr-kind")).options]
        assert kinds == ["warranty"], kinds
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

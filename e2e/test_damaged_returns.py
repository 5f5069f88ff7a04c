"""#13.3 DMG-01..05, RPT-08 in a real browser: a site keeper opens 返修损坏备件清单
from the 物资 navigation and registers a part removed from a turbine (3.2 m³
packed); the return-status page warns for the site; the keeper packs it into a
return batch, tries to ship before the wooden-crate checklist is ticked and is
refused (DMG-04), ticks it, prints the packing list (signature lines on paper,
no controls) and ships; the status page no longer warns, and the production
warehouse has been told."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books


def print_media(driver, on: bool):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print" if on else ""})


def site_row(driver, server, site_id: str):
    driver.get(server + "/materials/damaged-parts/return-status")
    ui.visible(driver, "#damaged-status-title")
    rows = driver.find_elements(By.CSS_SELECTOR, f"tr.damaged-status-row[data-unit='{site_id}']")
    assert len(rows) == 1, driver.find_element(By.TAG_NAME, "main").text
    return rows[0]


def test_a_keeper_registers_packs_checks_prints_and_ships(server, driver, admin_api, root_unit, make_user):
    b = site_books(admin_api, root_unit, make_user)
    _, damaged = b.hq["api"].post(
        "/api/v1/warehouses", {"code": f"D{b.tag}", "name": f"现场{b.tag}损坏品库", "orgUnitId": b.site["id"], "condition": "damaged"}, expect=201
    )
    gear = b.item(f"GB{b.tag}", f"齿轮箱{b.tag}", category="spare_part", repair_class="II")
    production = make_user(roles=["production"], display_name="生产管理部库房")

    # DMG-02: registered on the phone-friendly one-column form, the item typed by its code.
    ui.login(driver, server, b.keeper["username"], b.keeper["password"])
    ui.nav_to(driver, "damaged-parts")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/damaged-parts", "/materials/damaged-parts")
    assert ui.visible(driver, "#empty-state")
    ui.visible(driver, "a#new-damaged-part").click()
    Select(ui.visible(driver, "select#dp-warehouse")).select_by_value(damaged["id"])
    ui.visible(driver, "input#dp-item").send_keys(gear["code"])
    ui.visible(driver, "input#dp-quantity").send_keys("1")
    ui.visible(driver, "input#dp-turbine").send_keys("A1-07")
    ui.visible(driver, "input#dp-replaced-by").send_keys("李工")
    ui.visible(driver, "input#dp-new-serial").send_keys("GB-NEW-7")
    ui.visible(driver, "input#dp-old-serial").send_keys("GB-OLD-7")
    ui.visible(driver, "input#dp-volume").send_keys("3.2")
    # The cause is missing: refused under its field, what was typed kept.
    ui.visible(driver, "button#damaged-part-save").click()
    error = ui.visible(driver, "form#damaged-part-form .field-error")
    assert "损坏原因" in error.text, error.text
    assert ui.visible(driver, "input#dp-turbine").get_attribute("value") == "A1-07"
    ui.visible(driver, "input#dp-cause").send_keys("齿面点蚀")
    ui.visible(driver, "button#damaged-part-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/damaged-parts/") and not p.endswith("/new"), "the part's page")
    assert ui.visible(driver, "#damaged-part-turbine").text == "A1-07"
    assert "ⅱ类" in ui.visible(driver, "#damaged-part-class").text
    number = ui.visible(driver, "#damaged-part-title").text.split()[-1]
    assert number.startswith("SH-"), number

    # RPT-08: 3.2 m³ waiting: the site is warned.
    row = site_row(driver, server, b.site["id"])
    assert row.get_attribute("data-warning") == "yes"
    assert "3 立方米" in row.text, row.text

    # DMG-03: the keeper packs it into a return batch.
    ui.nav_to(driver, "damaged-returns")
    ui.visible(driver, "a#new-damaged-return").click()
    ui.visible(driver, "input.damaged-pack-check").click()
    ui.visible(driver, "button#damaged-return-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/damaged-returns/") and not p.endswith("/new"), "the batch page")
    batch_path = ui.current_path(driver)
    assert ui.visible(driver, "#damaged-return-state").get_attribute("data-status") == "packing"
    assert "GB-OLD-7" in ui.visible(driver, "table#damaged-return-parts").text

    # DMG-04: shipping before the checklist is complete is refused with the missing checks named.
    ui.visible(driver, "button#damaged-ship").click()
    refusal = ui.visible(driver, "#ship-error")
    assert "DMG-04" in refusal.text and "木质" in refusal.text, refusal.text
    for check in ("check-wooden-crate", "check-plastic-lining", "check-separators"):
        box = ui.visible(driver, f"input#{check}")
        if not box.is_selected():
            box.click()
    ui.visible(driver, "button#damaged-checklist-save").click()
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "check-separators").is_selected(), "checklist not saved")

    # DMG-05: the printed list is the packing list: parts and signature lines, no controls.
    assert ui.visible(driver, "button#damaged-return-print").is_enabled()
    print_media(driver, True)
    try:
        assert driver.find_element(By.ID, "document-signatures").is_displayed()
        assert "GB-NEW-7" in driver.find_element(By.ID, "damaged-return-parts").text
        assert not driver.find_element(By.ID, "main-nav").is_displayed()
        assert all(not el.is_displayed() for el in driver.find_elements(By.CSS_SELECTOR, "button"))
    finally:
        print_media(driver, False)

    ui.visible(driver, "button#damaged-ship").click()
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "damaged-return-state").get_attribute("data-status") == "shipped", "not shipped")

    # RPT-08 after the return: nothing waiting, no warning.
    row = site_row(driver, server, b.site["id"])
    assert row.get_attribute("data-warning") == "no", row.text
    ui.logout(driver)

    # The production warehouse was sent the list and can receive the batch.
    ui.login(driver, server, production["username"], production["password"])
    driver.get(server + "/notifications")
    assert "损坏件返回待接收" in ui.visible(driver, "#notification-list").text
    driver.get(server + batch_path)
    ui.visible(driver, "button#damaged-receive").click()
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "damaged-return-state").get_attribute("data-status") == "received", "not received")


def test_the_damaged_part_pages_work_on_a_phone(server, driver, admin_api, root_unit, make_user):
    """390-px phone: the register, the batch's packing list and the return status are cards of labelled values, the
    page never scrolls sideways, every control has a name and a visible focus ring."""
    from test_page_polish import PHONE
    from test_phone_tables import _cards

    b = site_books(admin_api, root_unit, make_user)
    bolt = b.item(f"BT{b.tag}", f"螺栓{b.tag}")
    keeper = b.keeper["api"]
    _, part = keeper.post("/api/v1/damaged-parts", {"warehouseId": b.warehouse["id"], "itemId": bolt["id"], "quantity": 2, "turbineNumber": "B-12",
                                                   "replacedBy": "王工", "newSerial": "N-12", "oldSerial": "O-12", "cause": "断裂", "packedVolume": "0.4"}, expect=201)
    _, batch = keeper.post("/api/v1/damaged-returns", {"partIds": [part["id"]]}, expect=201)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        ui.login(driver, server, b.keeper["username"], b.keeper["password"])
        _cards(driver, server, "/materials/damaged-parts", "damaged-part-list", "编号", [("风机号", "B-12"), ("装箱体积（m³）", "0.4")])
        _cards(driver, server, f"/materials/damaged-returns/{batch['id']}", "damaged-return-parts", "序号", [("旧备件编号", "O-12"), ("损坏原因", "断裂")])
        _cards(driver, server, "/materials/damaged-parts/return-status", "damaged-status", "现场", [("现场", f"现场{b.tag}")], controls=False)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

"""#14 PRP-06 in a real browser: the property CS admin, on a phone (390×844), moves an owner in and records a renovation
application on the unit's owner file (业主档案); a refused entry keeps what was typed. The CS manager then finds the
application in the cross-estate queue 装修审批, follows it to the owner file and approves it there: the queue empties
and the renovation is listed as under way."""

from __future__ import annotations

import secrets

from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from test_page_polish import PHONE


def test_a_renovation_is_applied_for_on_the_owner_file_and_approved_from_the_queue(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"YZ{tag}".upper(), "name": f"业主服务中心{tag}", "kind": "site", "parentId": root_unit["id"]}, expect=201)
    admin = make_user(roles=["property_admin"], display_name=f"孙丽{tag}", org_unit_id=unit["id"])
    manager = make_user(roles=["cs_manager"], display_name=f"周经理{tag}", org_unit_id=unit["id"])
    _, estate = admin_api.post("/api/v1/property/estates", {"name": f"翠湖花园{tag}", "orgUnitId": unit["id"]}, token=admin["token"], expect=201)
    admin_api.post(f"/api/v1/property/estates/{estate['id']}/units",
                   {"units": [{"building": "3栋", "room": "502", "area": "96.40", "use": "residential"}]}, token=admin["token"], expect=201)
    _, units = admin_api.get(f"/api/v1/property/estates/{estate['id']}/units", token=admin["token"])
    unit_id = next(u["id"] for u in units["items"] if u["room"] == "502")

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, admin["username"], admin["password"])
    driver.get(f"{server}/property/units/{unit_id}")
    ui.visible(driver, "#prp-owner-file-title")
    assert ui.present(driver, "#prp-no-entries"), "an empty owner file says so"

    # Move the owner in.
    ui.type_into(driver, "prp-move-in-name", "林晓")
    ui.type_into(driver, "prp-move-in-phone", "13912345678")
    ui.visible(driver, "button#prp-move-in-save").click()
    ui.wait(driver).until(lambda d: len(d.find_elements("css selector", "tr.prp-occupant[data-current='1']")) == 1, "the owner was not moved in")
    assert "林晓" in ui.visible(driver, "#prp-occupant-history").text

    # A renovation without its content is refused under the form, what was typed kept; then it is recorded as applied.
    Select(ui.visible(driver, "#prp-entry-kind")).select_by_value("renovation")
    ui.type_into(driver, "prp-entry-agent", "自行施工")
    ui.visible(driver, "button#prp-entry-save").click()
    ui.wait(driver).until(lambda d: d.find_elements("css selector", "#prp-entry-summary-error")
                          and d.find_element("css selector", "#prp-entry-agent").get_attribute("value") == "自行施工",
                          "the entry without its content was not refused with what was typed kept")
    assert Select(ui.visible(driver, "#prp-entry-kind")).first_selected_option.get_attribute("value") == "renovation"
    ui.type_into(driver, "prp-entry-summary", "厨房改造，更换橱柜与水管")
    ui.visible(driver, "button#prp-entry-save").click()
    ui.wait(driver).until(lambda d: len(d.find_elements("css selector", "article.prp-entry[data-kind='renovation'] .prp-status[data-status='applied']")) == 1,
                          "the renovation is not on the owner file as applied")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the owner file scrolls sideways on a phone"
    ui.logout(driver)

    # The manager's queue: the application, its way to the owner file, the approval there.
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    ui.login(driver, server, manager["username"], manager["password"])
    ui.nav_to(driver, "property-renovations")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/property/renovations", "/property/renovations")
    row = ui.visible(driver, "tr.prp-renovation[data-status='applied']")
    assert "3栋 502" in row.text and "林晓" in row.text and "厨房改造" in row.text, row.text
    row.find_element("css selector", "a.prp-renovation-link").click()
    ui.wait_path(driver, lambda p: p == f"/property/units/{unit_id}", "the owner file")
    entry_id = ui.present(driver, "article.prp-entry[data-kind='renovation']").get_attribute("data-id")
    assert ui.visible(driver, f"#prp-accept-{entry_id}-save").get_attribute("disabled") is not None, "acceptance comes after approval"
    ui.visible(driver, f"#prp-approve-{entry_id}-save").click()
    ui.wait(driver).until(lambda d: len(d.find_elements("css selector", f"article#prp-entry-{entry_id} .prp-status[data-status='approved']")) == 1,
                          "the renovation was not approved")

    ui.nav_to(driver, "property-renovations")
    ui.wait(driver).until(lambda d: len(d.find_elements("css selector", "#empty-state")) == 1, "the queue is not empty after the approval")
    Select(ui.visible(driver, "#prp-renovation-stage")).select_by_value("underway")
    ui.visible(driver, "button#prp-renovation-apply").click()
    ui.wait(driver).until(lambda d: len(d.find_elements("css selector", "tr.prp-renovation[data-status='approved']")) == 1,
                          "the approved renovation is not listed as under way")

    # The owner file prints: its button opens the browser's print, and the printout keeps the occupants and the
    # entries (the approval step included) without the forms, the step buttons or the navigation.
    driver.get(f"{server}/property/units/{unit_id}")
    driver.execute_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")
    ui.visible(driver, "button#prp-owner-file-print").click()
    assert driver.execute_script("return window.__printed;") == 1, "the print button did not print"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert "林晓" in driver.find_element("id", "prp-occupant-history").text
        entry = driver.find_element("id", f"prp-entry-{entry_id}")
        assert entry.is_displayed() and "厨房改造" in entry.text
        assert entry.find_elements("css selector", "ol.prp-renovation-steps li.prp-step[data-action='approve']"), "the printout lacks the approval"
        for hidden in ("prp-owner-file-print", "main-nav"):
            assert not driver.find_element("id", hidden).is_displayed(), f"{hidden} is printed"
        assert all(not f.is_displayed() for f in driver.find_elements("css selector", "main form")), "a form is printed"
        assert all(not b.is_displayed() for b in driver.find_elements("css selector", "button")), "a button is printed"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

"""#13.5 tool loans (LND-01, LND-02, LND-04) in a real browser: a site keeper lends a
tool from 物资 › 工具借用登记 on the site's on-hand list (asking for more than the site
can lend is refused under the quantity with what was typed kept); the register shows it
open; a loan whose due date has passed (seeded through the API) is on the overdue list
with its days; the site lead signs off its return, and it leaves the open list."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books


def set_date(driver, css: str, iso: str) -> None:
    """A date input set as a date picker would (typing into one depends on the browser's locale)."""
    driver.execute_script("arguments[0].value = arguments[1]", ui.visible(driver, css), iso)


def register_numbers(driver) -> list[str]:
    return [r.get_attribute("data-number") for r in driver.find_elements(By.CSS_SELECTOR, "#tool-loan-list tr.tool-loan-row")]


def test_a_keeper_lends_a_tool_it_falls_overdue_and_the_site_lead_signs_off_its_return(server, driver, admin_api, root_unit, make_user):
    b = site_books(admin_api, root_unit, make_user)
    wrench = b.item(f"TW-{b.tag}", f"扭矩扳手{b.tag}", unit="把", category="tool")
    _, receipt = b.accountant["api"].post(
        "/api/v1/stock-documents",
        {"direction": "in", "reason": "spot_purchase", "warehouseId": b.warehouse["id"], "lines": [{"itemId": wrench["id"], "quantity": 3}]},
        expect=201,
    )
    b.accountant["api"].post(f"/api/v1/stock-documents/{receipt['id']}/audit", {}, expect=200)
    lead = make_user(roles=["site_lead"], display_name=f"总代表{b.tag}", org_unit_id=b.site["id"])

    # The keeper lends one wrench to a work group from the menu.
    ui.login(driver, server, b.keeper["username"], b.keeper["password"])
    ui.nav_to(driver, "tool-loans")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/tool-loans", "/materials/tool-loans")
    assert ui.visible(driver, "#empty-state").text
    ui.visible(driver, "a#new-tool-loan").click()
    ui.visible(driver, "form#tool-loan-form")
    Select(ui.visible(driver, "select#tl-item")).select_by_value(wrench["id"])
    qty = ui.visible(driver, "input#tl-quantity")
    qty.clear()
    qty.send_keys("5")
    ui.visible(driver, "input#tl-borrower").send_keys("王师傅")
    ui.visible(driver, "input#tl-work-group").send_keys("检修一组")
    ui.visible(driver, "input#tl-purpose").send_keys("3号风机螺栓力矩复查")
    set_date(driver, "input#tl-due-on", "2099-01-10")

    # Three on hand: five are refused under the quantity, and what was typed stays.
    ui.visible(driver, "button#tool-loan-save").click()
    error = ui.visible(driver, "#tl-quantity-error")
    assert "3" in error.text and "可借" in error.text, error.text
    assert ui.visible(driver, "input#tl-borrower").get_attribute("value") == "王师傅"
    assert Select(ui.visible(driver, "select#tl-item")).first_selected_option.get_attribute("value") == wrench["id"]
    qty = ui.visible(driver, "input#tl-quantity")
    qty.clear()
    qty.send_keys("1")
    ui.visible(driver, "button#tool-loan-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/tool-loans/") and not p.endswith("/new"), "the loan page")
    number = ui.visible(driver, "#tool-loan-number").text
    assert number.startswith("JY-"), number
    assert ui.visible(driver, "#tool-loan-state").get_attribute("data-status") == "open"
    assert not driver.find_elements(By.CSS_SELECTOR, "form#tool-loan-return-form"), "the keeper does not sign off returns"
    # The printed 借用单 carries its signature lines.
    assert len(driver.find_elements(By.CSS_SELECTOR, "#document-signatures .signature")) == 4

    # The register lists it open, not overdue.
    driver.get(server + "/materials/tool-loans")
    assert register_numbers(driver) == [number]
    ui.visible(driver, "a#tool-loans-overdue").click()
    ui.wait(driver).until(lambda d: "view=overdue" in d.current_url, "the overdue view")
    assert ui.visible(driver, "#empty-state").text

    # A loan lent in January and due back on 10 January is overdue.
    _, late = b.keeper["api"].post(
        "/api/v1/tool-loans",
        {"warehouseId": b.warehouse["id"], "itemId": wrench["id"], "quantity": 1, "borrower": "李师傅", "workGroup": "检修二组",
         "purpose": "叶片巡检", "lentOn": "2026-01-05", "dueOn": "2026-01-10"},
        expect=201,
    )
    driver.get(server + "/materials/tool-loans?view=overdue")
    assert register_numbers(driver) == [late["number"]]
    badge = ui.visible(driver, "#tool-loan-list tr.tool-loan-row .loan-overdue")
    assert int(badge.get_attribute("data-days")) == late["daysOverdue"] > 0
    assert "逾期" in badge.text
    ui.logout(driver)

    # The site lead opens the overdue loan from the register and signs off its return.
    ui.login(driver, server, lead["username"], lead["password"])
    ui.nav_to(driver, "tool-loans")
    ui.visible(driver, "a#tool-loans-overdue").click()
    ui.wait(driver).until(lambda d: "view=overdue" in d.current_url, "the overdue view")
    ui.visible(driver, f"#tool-loan-list tr[data-number='{late['number']}'] a.tool-loan-link").click()
    ui.visible(driver, "form#tool-loan-return-form")
    Select(ui.visible(driver, "select#tl-return-condition")).select_by_value("good")
    ui.visible(driver, "button#tool-loan-return").click()
    ui.wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#tool-loan-state").get_attribute("data-status") == "returned", "not returned")
    assert f"总代表{b.tag}" in ui.visible(driver, "#tl-signed-off").text
    assert not driver.find_elements(By.CSS_SELECTOR, "form#tool-loan-return-form")

    # It has left the open and the overdue lists; the first loan is still out.
    driver.get(server + "/materials/tool-loans")
    assert register_numbers(driver) == [number]
    driver.get(server + "/materials/tool-loans?view=overdue")
    assert ui.visible(driver, "#empty-state").text
    driver.get(server + "/materials/tool-loans?view=all")
    assert set(register_numbers(driver)) == {number, late["number"]}

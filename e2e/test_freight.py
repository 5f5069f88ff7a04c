"""#13.4 FRT-06 and RPT-12 in a real browser: a site keeper records an express
shipment of 350 yuan from 物资 › 运费管理 › 运费记录 (a mistyped cost is
refused under the cost with what was typed kept); the rule says it needs the
department leadership's written approval, so it awaits approval; the
department manager approves it with a comment; the freight exceptions report
lists it as approved. On a 390-px phone the form is one column and nothing
scrolls sideways."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books


def state(driver) -> str:
    return ui.visible(driver, "#freight-state").get_attribute("data-status")


def test_a_site_records_350_yuan_express_the_manager_approves_and_the_report_lists_it(server, driver, admin_api, root_unit, make_user):
    b = site_books(admin_api, root_unit, make_user)
    manager = make_user(roles=["dept_manager"], display_name=f"经理{b.tag}", org_unit_id=b.dept["id"])
    shipment = f"KD-{b.tag}"

    driver.set_window_size(390, 844)
    ui.login(driver, server, b.keeper["username"], b.keeper["password"])
    ui.nav_to(driver, "freight")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/freight", "/materials/freight")
    ui.visible(driver, "a#new-freight").click()
    ui.visible(driver, "form#freight-form")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the form scrolls sideways on a phone"
    ui.visible(driver, "input#fr-shipment").send_keys(shipment)
    Select(ui.visible(driver, "select#fr-mode")).select_by_value("express")
    ui.visible(driver, "input#fr-cost").send_keys("三百五")
    ui.visible(driver, "input#fr-note").send_keys("轴承急件")
    ui.visible(driver, "button#freight-save").click()

    # Refused under the cost, what was typed kept.
    error = ui.visible(driver, "#fr-cost-error")
    assert "运费" in error.text, error.text
    assert ui.visible(driver, "input#fr-shipment").get_attribute("value") == shipment
    assert ui.visible(driver, "input#fr-note").get_attribute("value") == "轴承急件"
    assert Select(ui.visible(driver, "select#fr-mode")).first_selected_option.get_attribute("value") == "express"

    cost = ui.visible(driver, "input#fr-cost")
    cost.clear()
    cost.send_keys("350")
    ui.visible(driver, "button#freight-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/freight/") and not p.endswith("/new"), "the freight record page")
    record_path = ui.current_path(driver)
    assert state(driver) == "awaiting_approval"
    assert ui.visible(driver, "#freight-state").get_attribute("data-approval") == "department_leadership"
    assert "FRT-06" in ui.visible(driver, "#freight-approval").text
    assert ui.visible(driver, "#freight-cost").text == "350.00"
    assert not driver.find_elements(By.CSS_SELECTOR, "button#freight-approve"), "the site does not approve its own freight"
    ui.logout(driver)

    # The department manager approves with a comment.
    driver.set_window_size(1280, 900)
    ui.login(driver, server, manager["username"], manager["password"])
    ui.nav_to(driver, "freight")
    row = ui.visible(driver, "#freight-list tr.freight-row[data-status='awaiting_approval'] a.freight-link")
    row.click()
    ui.wait_path(driver, lambda p: p == record_path, record_path)
    ui.visible(driver, "input#freight-approve-comment").send_keys("急件，同意")
    ui.visible(driver, "button#freight-approve").click()
    ui.wait(driver).until(lambda d: state(d) == "approved", "not approved")
    assert "急件，同意" in ui.visible(driver, "#freight-decision").text
    assert not driver.find_elements(By.CSS_SELECTOR, "button#freight-approve")

    # RPT-12 lists it, approved, under its month and department.
    ui.nav_to(driver, "freight-report")
    ui.wait_path(driver, lambda p: p == "/materials/reports/freight-exceptions", "the report")
    record_id = record_path.rsplit("/", 1)[1]
    listed = ui.visible(driver, f"#freight-report-records tr.freight-exception-row[data-id='{record_id}']")
    assert listed.get_attribute("data-status") == "approved"
    assert "350.00" in listed.text and "急件，同意" in listed.text
    group = ui.visible(driver, f"#freight-report-groups tr.freight-group-row[data-department='{b.dept['id']}']")
    assert b.dept["name"] in group.text

"""#12.2 the 15th-of-month reconciliation page in a real browser (STK-08,
RPT-07): the department accountant opens it from the navigation, picks the
site (the month defaults to the latest one whose 15th has come), sees the books
computed, enters the physical count and records it; the difference stays on
the page. A keeper of another site is refused the page."""

from __future__ import annotations

import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books


def latest_month(today: datetime.date) -> str:
    y, m = today.year, today.month
    if today.day < 15:
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return f"{y:04d}-{m:02d}"


def test_the_accountant_records_the_month_and_another_site_is_refused(server, driver, admin_api, root_unit, make_user):
    b = site_books(admin_api, root_unit, make_user)
    item = b.item(f"RC-{b.tag}", f"对账件{b.tag}")
    month = latest_month(datetime.date.today())
    _, receipt = b.accountant["api"].post(
        "/api/v1/stock-documents",
        {"direction": "in", "reason": "spot_purchase", "warehouseId": b.warehouse["id"], "date": month + "-01",
         "lines": [{"itemId": item["id"], "quantity": 12}]},
        expect=201,
    )
    b.accountant["api"].post(f"/api/v1/stock-documents/{receipt['id']}/audit", {}, expect=200)

    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    ui.nav_to(driver, "reconciliations")
    ui.wait_path(driver, lambda p: p.startswith("/materials/reconciliations"), "/materials/reconciliations")
    assert ui.visible(driver, "input#rc-month").get_attribute("value") == month
    Select(ui.visible(driver, "select#rc-unit")).select_by_value(b.site["id"])
    ui.visible(driver, "button#reconciliation-show").click()
    form = ui.visible(driver, "form#reconciliation-form")
    row = form.find_element(By.CSS_SELECTOR, f"tr.reconciliation-row[data-item='RC-{b.tag}']")
    assert "12" in row.find_element(By.CSS_SELECTOR, "td:nth-child(3)").text
    row.find_element(By.CSS_SELECTOR, "input.qty").send_keys("10")
    ui.visible(driver, "button#record-reconciliation").click()
    ui.wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#reconciliation-status").get_attribute("data-recorded") == "1")
    row = ui.visible(driver, f"tr.reconciliation-row[data-item='RC-{b.tag}']")
    assert row.get_attribute("data-differs") == "1"
    assert row.find_element(By.CSS_SELECTOR, "td.diff-physical").text == "+2"
    assert ui.visible(driver, "#differing").text == "1"
    assert f"month={month}" in ui.visible(driver, "a#export-reconciliation-xlsx").get_attribute("href")
    ui.logout(driver)

    # Scope the other way: a keeper of another site of the department is refused this site's reconciliation.
    _, other_site = admin_api.post(
        "/api/v1/org-units", {"code": f"T{b.tag}", "name": f"另一现场{b.tag}", "kind": "site", "parentId": b.dept["id"]}, expect=201
    )
    other = make_user(roles=["site_keeper"], display_name=f"另一保管员{b.tag}", org_unit_id=other_site["id"])
    ui.login(driver, server, other["username"], other["password"])
    driver.get(f"{server}/materials/reconciliations?orgUnitId={b.site['id']}&month={month}")
    body = ui.visible(driver, "body").text
    assert "reconciliation-form" not in driver.page_source
    assert "您不能查看该组织的对账" in body or "cannot see this unit" in body, body

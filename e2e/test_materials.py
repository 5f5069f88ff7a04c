"""Material books in a real browser: the department accountant books a
receipt on the U8-like form, audits it, and sees the on-hand."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books


def test_book_a_receipt_audit_it_and_see_on_hand(server, driver, admin_api, root_unit, make_user):
    b = site_books(admin_api, root_unit, make_user)
    tag, hq, accountant, warehouse = b.tag, b.hq, b.accountant, b.warehouse
    _, item = hq["api"].post(
        "/api/v1/items",
        {"code": f"IT-{tag}", "name": f"偏航轴承{tag}", "unit": "套", "category": "spare_part", "repairClass": "II"},
        expect=201,
    )

    ui.login(driver, server, accountant["username"], accountant["password"])
    ui.nav_to(driver, "stock-documents")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/documents", "/materials/documents")
    ui.visible(driver, "a#new-receipt").click()
    form = ui.visible(driver, "form#document-form")
    assert not ui.visible(driver, "button#btn-audit").is_enabled()
    Select(form.find_element(By.CSS_SELECTOR, "select#doc-warehouse")).select_by_value(warehouse["id"])
    Select(form.find_element(By.CSS_SELECTOR, "select#doc-reason")).select_by_value("spot_purchase")
    form.find_element(By.CSS_SELECTOR, "input#itemText_0").send_keys(item["code"])
    form.find_element(By.CSS_SELECTOR, "input#qty_0").send_keys("5")
    form.find_element(By.CSS_SELECTOR, "input#doc-remark").send_keys("现场零星采购")
    ui.visible(driver, "button#btn-save").click()

    ui.wait_path(driver, lambda p: p.startswith("/materials/documents/") and not p.endswith("/new"), "saved document")
    title = ui.visible(driver, "h1#document-title").text
    assert "RK-" in title, title
    assert ui.visible(driver, "#document-status").get_attribute("data-status") == "saved"
    assert not ui.visible(driver, "button#btn-unaudit").is_enabled()
    ui.visible(driver, "button#btn-audit").click()
    ui.wait(driver).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#document-status").get_attribute("data-status") == "audited",
        "document not audited",
    )
    assert not ui.visible(driver, "button#btn-delete").is_enabled()
    assert ui.visible(driver, "button#btn-unaudit").is_enabled()

    ui.nav_to(driver, "on-hand")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/on-hand", "/materials/on-hand")
    row = ui.visible(driver, f"tr.on-hand-row[data-item='IT-{tag}']")
    assert row.find_element(By.CSS_SELECTOR, "td.quantity").text == "5"
    assert ui.no_xss(driver)


def test_hq_deactivates_a_warehouse_on_its_page(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3).upper()
    _, site = admin_api.post(
        "/api/v1/org-units",
        {"code": f"S{tag}", "name": f"现场{tag}", "kind": "site", "parentId": root_unit["id"]},
        expect=201,
    )
    hq = make_user(roles=["mgmt_materials"], display_name="物资管理室")
    ui.login(driver, server, hq["username"], hq["password"])
    ui.nav_to(driver, "warehouses")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/warehouses", "/materials/warehouses")
    form = ui.visible(driver, "form#warehouse-create")
    form.find_element(By.CSS_SELECTOR, "input#new-code").send_keys(f"W{tag}")
    form.find_element(By.CSS_SELECTOR, "input#new-name").send_keys(f"现场{tag}损坏品库")
    Select(form.find_element(By.CSS_SELECTOR, "select#new-unit")).select_by_value(site["id"])
    Select(form.find_element(By.CSS_SELECTOR, "select#new-condition")).select_by_value("damaged")
    ui.visible(driver, "button#warehouse-create-submit").click()
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/warehouses", "back on the list")
    ui.visible(driver, "#notice")
    driver.find_element(By.LINK_TEXT, f"W{tag}").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/warehouses/"), "warehouse page")
    box = ui.visible(driver, "input#active")
    assert box.is_selected()
    box.click()
    ui.visible(driver, "button#warehouse-save").click()
    ui.wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#notice"), "not saved")
    assert not ui.visible(driver, "input#active").is_selected()
    _, listed = hq["api"].get("/api/v1/warehouses")
    assert [w["active"] for w in listed["items"] if w["code"] == f"W{tag}"] == [False]
    assert ui.no_xss(driver)

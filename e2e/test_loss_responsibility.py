"""#15.5 KPI-06 material-loss responsibility in a real browser: 业务部's accountant records a big-for-small loss at its
site on 物资 › 材料损失责任单 (the item picked by typing part of its code; a refused value keeps what was typed), the
site chief is made responsible by default, the accountant proposes the penalty, and 业务管理部 approves it; the chief
then reads the approved record."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui


def test_the_department_proposes_and_hq_approves(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, dept = admin_api.post("/api/v1/org-units", {"code": f"LB{tag}", "name": f"业务部{tag}", "kind": "business", "parentId": root_unit["id"]}, expect=201)
    _, site = admin_api.post("/api/v1/org-units", {"code": f"LS{tag}", "name": f"现场{tag}", "kind": "site", "parentId": dept["id"]}, expect=201)
    accountant = make_user(roles=["dept_accountant"], display_name=f"账务{tag}", org_unit_id=dept["id"])
    chief = make_user(roles=["site_lead"], display_name=f"站长{tag}", org_unit_id=site["id"])
    hq = make_user(roles=["mgmt_materials"], display_name=f"物资{tag}")
    code = f"LM{tag}".upper()
    hq["api"].post("/api/v1/items", {"code": code, "name": f"高强度螺栓{tag}", "unit": "个", "category": "consumable", "repairClass": "I"}, expect=201)

    ui.login(driver, server, accountant["username"], accountant["password"])
    ui.nav_to(driver, "loss-responsibilities")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/loss-responsibilities", "the list")
    ui.visible(driver, "a#new-loss").click()
    ui.wait_path(driver, lambda p: p.endswith("/new"), "the form")
    Select(ui.visible(driver, "select#loss-site")).select_by_value(site["id"])
    Select(ui.visible(driver, "select#loss-cause")).select_by_value("big_for_small")
    ui.visible(driver, "textarea#loss-description").send_keys("以大代小：M20 螺栓当 M16 用")
    item = ui.visible(driver, "input#loss-item-1")
    item.send_keys(code[:5])
    option = ui.wait(driver).until(
        lambda d: next((li for li in d.find_elements(By.CSS_SELECTOR, "#loss-item-1-options li[role=option]") if code in li.text), None),
        "typing part of the code did not list the item")
    option.click()
    assert item.get_attribute("value") == code
    ui.visible(driver, "input#loss-qty-1").send_keys("24")
    ui.visible(driver, "input#loss-value-1").send_keys("4.325")  # three decimals: refused
    ui.visible(driver, "button#loss-save").click()
    ui.visible(driver, "#loss-value-1-error")
    assert ui.visible(driver, "input#loss-value-1").get_attribute("value") == "4.325"
    assert ui.visible(driver, "input#loss-qty-1").get_attribute("value") == "24"
    assert ui.visible(driver, "input#loss-item-1").get_attribute("value") == code
    assert ui.visible(driver, "textarea#loss-description").get_attribute("value") == "以大代小：M20 螺栓当 M16 用"
    value = ui.visible(driver, "input#loss-value-1")
    value.clear()
    value.send_keys("1,200.50")
    ui.visible(driver, "button#loss-save").click()

    ui.wait_path(driver, lambda p: p.startswith("/materials/loss-responsibilities/") and not p.endswith("/new"), "the record")
    record = ui.current_path(driver)
    assert ui.visible(driver, "#loss-total").text == "1200.50"
    assert ui.visible(driver, "#loss-responsible-name").text == f"站长{tag}"
    assert ui.visible(driver, ".loss-status").get_attribute("data-status") == "registered"
    ui.visible(driver, "input#loss-amount").send_keys("200")
    ui.visible(driver, "input#loss-penalty-text").send_keys("扣当月绩效并通报")
    ui.visible(driver, "button#loss-propose-submit").click()
    ui.wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, ".loss-status").get_attribute("data-status") == "proposed", "not proposed")
    assert ui.visible(driver, "#loss-penalty-amount").text == "200.00"
    assert not driver.find_elements(By.CSS_SELECTOR, "button#loss-approve"), "the department proposes; it does not decide"
    ui.logout(driver)

    ui.login(driver, server, hq["username"], hq["password"])
    driver.get(server + record)
    ui.visible(driver, "input#loss-reason").send_keys("同意业务部意见")
    ui.visible(driver, "button#loss-approve").click()
    ui.wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, ".loss-status").get_attribute("data-status") == "approved", "not approved")
    assert ui.visible(driver, "#loss-decision-note").text == "同意业务部意见"
    assert [li.get_attribute("data-action") for li in driver.find_elements(By.CSS_SELECTOR, "li.loss-step")] == ["register", "propose", "approve"]
    ui.logout(driver)

    ui.login(driver, server, chief["username"], chief["password"])
    ui.nav_to(driver, "loss-responsibilities")
    row = ui.visible(driver, "tr.loss-row")
    assert row.get_attribute("data-status") == "approved"
    number = row.get_attribute("data-number")
    assert number.startswith("SS-")

    # The record is found by its number in the quick search.
    driver.get(server + "/search?q=" + number)
    hit = ui.visible(driver, "#search-loss_responsibility li.search-hit a")
    assert hit.get_attribute("href").endswith(record)

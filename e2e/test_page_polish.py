"""#11 remainder A in a real browser: list tables that stack into cards on a
phone (no sideways scrolling, each value with its column label), the public
survey keeping what was chosen after a refusal, and the line grid's item picker
used from the keyboard (part of a name, ↓, Enter, "3,500")."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from test_navigation import _materials

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}

# Every table in <main>: does it (or anything in it) scroll sideways, and how are its rows drawn?
TABLES = """
return Array.from(document.querySelectorAll('main table')).map(function (t) {
  var row = t.querySelector('tbody tr');
  var cells = Array.from(t.querySelectorAll('tbody td'));
  return {id: t.id, scroll: t.scrollWidth, width: t.clientWidth,
          rowDisplay: row ? getComputedStyle(row).display : '',
          unlabelled: cells.filter(function (c) { return !c.getAttribute('data-label'); }).length,
          label: cells.length ? getComputedStyle(cells[0], '::before').content : ''};
});
"""


def _no_sideways_scroll(driver, table_id: str, first_label: str) -> None:
    ui.wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    page = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
    assert page[0] <= page[1], f"the page scrolls sideways: {page}"
    tables = {t["id"]: t for t in driver.execute_script(TABLES)}
    assert table_id in tables, tables
    t = tables[table_id]
    assert t["scroll"] <= t["width"], f"#{table_id} scrolls sideways on a phone: {t}"
    assert t["rowDisplay"] == "block", f"#{table_id} rows are not stacked cards: {t}"
    assert t["unlabelled"] == 0, f"#{table_id} has cells without their column label: {t}"
    assert first_label in t["label"], f"#{table_id} first cell is not led by its label: {t}"


def test_list_tables_stack_into_cards_on_a_phone(server, driver, agent, make_user, admin_api, root_unit):
    tag = secrets.token_hex(3).upper()
    agent["api"].post(
        "/api/v1/tickets",
        {"subject": f"手机上的工单队列 {tag}", "type": "inquiry", "channel": "phone", "priority": "high",
         "customer": {"name": "华能某风电场", "phone": "13900003333"}},
        expect=201,
    )
    _, accountant, warehouse, item = _materials(make_user, admin_api, root_unit, tag)
    accountant["api"].post(
        "/api/v1/stock-documents",
        {"direction": "in", "reason": "spot_purchase", "warehouseId": warehouse["id"], "lines": [{"itemId": item["id"], "quantity": "3"}],
         "remark": "手机上查看的单据，备注写得比较长，看它是否换行而不是把表格撑宽"},
        expect=201,
    )

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(server + "/tickets?view=all")
    ui.present(driver, "table#ticket-list")
    _no_sideways_scroll(driver, "ticket-list", "编号")

    ui.logout(driver)
    ui.login(driver, server, accountant["username"], accountant["password"])
    driver.get(server + "/materials/documents")
    ui.present(driver, "table#document-list")
    _no_sideways_scroll(driver, "document-list", "单据号")
    driver.get(server + "/materials/items")
    ui.present(driver, "table#item-list")
    _no_sideways_scroll(driver, "item-list", "存货编码")

    # On a wide screen the same list is an ordinary table.
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.set_window_size(1280, 900)
    driver.get(server + "/materials/documents")
    ui.present(driver, "table#document-list")
    rows = {t["id"]: t for t in driver.execute_script(TABLES)}
    assert rows["document-list"]["rowDisplay"] == "table-row", rows


def test_a_refused_survey_answer_keeps_what_was_chosen(server, driver, agent):
    _, ticket = agent["api"].post(
        "/api/v1/tickets", {"subject": "满意度回访 " + secrets.token_hex(2), "type": "inquiry", "channel": "phone"}, expect=201
    )
    _, invitation = agent["api"].post("/api/v1/survey-invitations", {"ticketId": ticket["id"]}, expect=201)
    url = invitation["url"].replace(invitation["url"].split("/s/")[0], server)
    driver.get(url)
    form = ui.visible(driver, "form#survey-form")
    radio = driver.find_element(By.CSS_SELECTOR, "input#item_service\\.attitude-2")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", radio)
    radio.find_element(By.XPATH, "..").click()
    driver.find_element(By.CSS_SELECTOR, "input#comment_service\\.attitude").send_keys("等了三天才回电话")
    driver.find_element(By.CSS_SELECTOR, "textarea#survey-comment").send_keys("希望缩短返修周期")
    # An older browser sends the form without the overall rating (no built-in check): the server refuses it.
    driver.execute_script("arguments[0].noValidate = true;", form)
    submit = driver.find_element(By.CSS_SELECTOR, "button#survey-submit")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", submit)
    submit.click()
    error = ui.visible(driver, "#overall-error")
    assert "请选择总体评价" in error.text
    assert driver.find_element(By.CSS_SELECTOR, "input#item_service\\.attitude-2").is_selected()
    assert driver.find_element(By.CSS_SELECTOR, "input#comment_service\\.attitude").get_attribute("value") == "等了三天才回电话"
    assert driver.find_element(By.CSS_SELECTOR, "textarea#survey-comment").get_attribute("value") == "希望缩短返修周期"
    # Completed from there, it is taken.
    overall = driver.find_element(By.CSS_SELECTOR, "input#overall-3")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", overall)
    overall.find_element(By.XPATH, "..").click()
    submit = driver.find_element(By.CSS_SELECTOR, "button#survey-submit")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", submit)
    submit.click()
    ui.visible(driver, "#survey-thanks")
    # Opened again: the survey's own page says it was answered.
    driver.get(url)
    assert "该问卷已提交" in ui.visible(driver, "#survey-closed").text


def test_line_grid_item_picker_by_keyboard(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3).upper()
    _, accountant, warehouse, item = _materials(make_user, admin_api, root_unit, tag)
    name = item["name"]

    ui.login(driver, server, accountant["username"], accountant["password"])
    driver.get(f"{server}/materials/documents/new?direction=in")
    form = ui.visible(driver, "form#document-form")
    Select(form.find_element(By.CSS_SELECTOR, "select#doc-warehouse")).select_by_value(warehouse["id"])
    Select(form.find_element(By.CSS_SELECTOR, "select#doc-reason")).select_by_value("spot_purchase")
    field = form.find_element(By.CSS_SELECTOR, "input#itemText_0")
    field.click()
    # The first part of the name, as a person remembers it; the typeahead offers the item.
    field.send_keys(name[: len(name) - 3])
    options = ui.wait(driver).until(
        lambda d: [o for o in d.find_elements(By.CSS_SELECTOR, "#itemText_0-options li[role=option]") if o.is_displayed()]
    )
    assert any(name in o.text for o in options), [o.text for o in options]
    ui.press(driver, Keys.ARROW_DOWN)
    assert field.get_attribute("aria-activedescendant"), "↓ marks no option"
    ui.press(driver, Keys.ENTER)  # picks, does not send the form
    assert ui.current_path(driver) == "/materials/documents/new"
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "item_0").get_attribute("value") == item["id"])
    assert item["code"] in field.get_attribute("value")
    qty = driver.find_element(By.ID, "qty_0")
    qty.click()
    qty.send_keys("3,500")
    ui.visible(driver, "button#btn-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/documents/") and not p.endswith("/new"), "saved document")
    saved = driver.find_elements(By.CSS_SELECTOR, "table#document-lines tbody tr.line-row")
    assert len(saved) == 1
    cells = [c.text for c in saved[0].find_elements(By.TAG_NAME, "td")]
    assert any(name in c for c in cells), cells
    assert "3500" in cells, cells

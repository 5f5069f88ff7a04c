"""#11.3 in a real browser: the U8 document screens. Toolbar buttons on and off
with their reason, messages that name what happened, a refused audit that a
reload does not repeat, the printed document and 流水账, and the line grid
entered by keyboard with per-line errors."""

from __future__ import annotations


from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books


def books(admin_api, root_unit, make_user):
    """A department with a site and its good warehouse, two items, the
    department accountant (enters and audits) and the site keeper (enters only)."""
    b = site_books(admin_api, root_unit, make_user)
    items = [b.item(f"IT{n}-{b.tag}", f"物资{n}{b.tag}") for n in range(2)]
    return {"tag": b.tag, "warehouse": b.warehouse, "items": items, "accountant": b.accountant, "keeper": b.keeper}


def document(who, warehouse, direction, reason, lines):
    _, doc = who["api"].post(
        "/api/v1/stock-documents",
        {"direction": direction, "reason": reason, "warehouseId": warehouse["id"], "date": "2026-11-20",
         "lines": [{"itemId": i["id"], "quantity": q} for i, q in lines]},
        expect=201,
    )
    return doc


def open_document(driver, server, doc_id):
    driver.get(f"{server}/materials/documents/{doc_id}")
    ui.visible(driver, "h1#document-title")


def new_receipt(driver, server, b):
    """The accountant's new 其他入库单 (零采入库 into the site's warehouse), lines still empty."""
    ui.login(driver, server, b["accountant"]["username"], b["accountant"]["password"])
    driver.get(f"{server}/materials/documents/new?direction=in")
    form = ui.visible(driver, "form#document-form")
    Select(form.find_element(By.CSS_SELECTOR, "select#doc-warehouse")).select_by_value(b["warehouse"]["id"])
    Select(form.find_element(By.CSS_SELECTOR, "select#doc-reason")).select_by_value("spot_purchase")
    return form


def print_media(driver, on: bool):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print" if on else ""})


def test_toolbar_buttons_say_why_they_are_off(server, driver, admin_api, root_unit, make_user):
    b = books(admin_api, root_unit, make_user)
    doc = document(b["keeper"], b["warehouse"], "in", "spot_purchase", [(b["items"][0], 2)])
    ui.login(driver, server, b["keeper"]["username"], b["keeper"]["password"])
    open_document(driver, server, doc["id"])
    audit = ui.visible(driver, "button#btn-audit")
    assert not audit.is_enabled()
    assert "您无权审核" in audit.get_attribute("title")
    described = audit.get_attribute("aria-describedby")
    assert "您无权审核" in driver.find_element(By.ID, described).get_attribute("textContent")
    assert not ui.visible(driver, "button#btn-unaudit").is_enabled()
    assert ui.visible(driver, "button#btn-unaudit").get_attribute("title") == "单据尚未审核"
    assert ui.visible(driver, "#btn-edit").is_enabled()
    assert ui.visible(driver, "#btn-print").is_enabled()
    assert "不是由调拨单生成" in ui.visible(driver, "button#btn-drill").get_attribute("title")


def test_audit_and_unaudit_say_what_happened(server, driver, admin_api, root_unit, make_user):
    b = books(admin_api, root_unit, make_user)
    doc = document(b["keeper"], b["warehouse"], "in", "spot_purchase", [(b["items"][0], 2)])
    ui.login(driver, server, b["accountant"]["username"], b["accountant"]["password"])
    open_document(driver, server, doc["id"])
    ui.visible(driver, "button#btn-audit").click()
    ui.wait(driver).until(lambda d: "notice=audited" in d.current_url, "not audited")
    assert ui.visible(driver, ".flash-notice").text == f"已审核 {doc['number']}"
    assert f"账务员{b['tag']}" in ui.visible(driver, "#doc-auditor").text
    ui.visible(driver, "button#btn-unaudit").click()
    ui.wait(driver).until(lambda d: "notice=unaudited" in d.current_url, "not un-audited")
    assert ui.visible(driver, ".flash-notice").text == f"已弃审 {doc['number']}"
    assert ui.visible(driver, "#doc-auditor").text == "—"


def test_a_reload_after_a_refused_audit_does_not_post_again(server, driver, admin_api, root_unit, make_user):
    b = books(admin_api, root_unit, make_user)
    issue = document(b["accountant"], b["warehouse"], "out", "self_use", [(b["items"][0], 4)])
    ui.login(driver, server, b["accountant"]["username"], b["accountant"]["password"])
    open_document(driver, server, issue["id"])
    ui.visible(driver, "button#btn-audit").click()
    message = ui.visible(driver, "#form-flash-message")
    assert "现存量不能低于零" in message.text
    assert ui.current_path(driver) == f"/materials/documents/{issue['id']}"  # not …/audit
    driver.refresh()  # a GET of the document: no "resubmit the form?" and no second audit attempt
    ui.visible(driver, "h1#document-title")
    assert ui.current_path(driver) == f"/materials/documents/{issue['id']}"
    assert not driver.find_elements(By.ID, "form-flash-message")
    assert ui.visible(driver, "#document-status").get_attribute("data-status") == "saved"


def test_the_printed_document_shows_maker_and_auditor_and_no_controls(server, driver, admin_api, root_unit, make_user):
    b = books(admin_api, root_unit, make_user)
    doc = document(b["keeper"], b["warehouse"], "in", "spot_purchase", [(b["items"][0], 2), (b["items"][1], 3)])
    b["accountant"]["api"].post(f"/api/v1/stock-documents/{doc['id']}/audit", {}, expect=200)
    ui.login(driver, server, b["accountant"]["username"], b["accountant"]["password"])
    open_document(driver, server, doc["id"])
    assert ui.visible(driver, "#btn-print").is_enabled()
    print_media(driver, True)
    try:
        assert doc["number"] in driver.find_element(By.ID, "document-title").text
        assert f"保管员{b['tag']}" in driver.find_element(By.ID, "doc-maker").text
        assert f"账务员{b['tag']}" in driver.find_element(By.ID, "doc-auditor").text
        assert "合计" in driver.find_element(By.ID, "lines-total").text
        assert driver.find_element(By.ID, "document-signatures").is_displayed()
        assert not driver.find_element(By.ID, "document-toolbar").is_displayed()
        assert not driver.find_element(By.ID, "main-nav").is_displayed()
        assert all(not el.is_displayed() for el in driver.find_elements(By.CSS_SELECTOR, "button"))
    finally:
        print_media(driver, False)
    assert not driver.find_element(By.ID, "document-signatures").is_displayed()


def test_more_than_five_lines_by_keyboard_and_enter_never_saves(server, driver, admin_api, root_unit, make_user):
    b = books(admin_api, root_unit, make_user)
    form = new_receipt(driver, server, b)
    form.find_element(By.CSS_SELECTOR, "input#itemText_0").click()
    quantities = ["3,500", "１２", "1", "2", "3", "4", "5"]
    for n, qty in enumerate(quantities):
        item = b["items"][n % 2]
        ui.press(driver, item["code"], Keys.ENTER)  # item → 数量
        assert driver.switch_to.active_element.get_attribute("name").startswith("qty_")
        ui.press(driver, qty, Keys.ENTER)  # 数量 → 备注: Enter in 数量 does not save
        assert ui.current_path(driver) == "/materials/documents/new"
        assert driver.switch_to.active_element.get_attribute("name").startswith("lremark_")
        ui.press(driver, f"第{n + 1}行", Keys.ENTER)  # 备注 → next line's item (a new line at the end)
        assert driver.switch_to.active_element.get_attribute("name").startswith("itemText_")
    rows = driver.find_elements(By.CSS_SELECTOR, "table#document-lines tbody tr[data-line]")
    assert len(rows) == len(quantities) + 1, len(rows)
    assert rows[-1].find_element(By.CSS_SELECTOR, ".line-no").text == str(len(quantities) + 1)
    ui.visible(driver, "button#btn-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/documents/") and not p.endswith("/new"), "saved document")
    saved = driver.find_elements(By.CSS_SELECTOR, "table#document-lines tbody tr.line-row")
    assert len(saved) == len(quantities)
    assert saved[0].find_elements(By.TAG_NAME, "td")[4].text == "3500"
    assert saved[1].find_elements(By.TAG_NAME, "td")[4].text == "12"


def test_a_refused_line_is_named_marked_and_everything_typed_stays(server, driver, admin_api, root_unit, make_user):
    b = books(admin_api, root_unit, make_user)
    form = new_receipt(driver, server, b)
    form.find_element(By.CSS_SELECTOR, "input#doc-remark").send_keys("逐行核对")
    form.find_element(By.CSS_SELECTOR, "input#itemText_0").send_keys(b["items"][0]["code"])
    form.find_element(By.CSS_SELECTOR, "input#qty_0").send_keys("2")
    form.find_element(By.CSS_SELECTOR, "input#itemText_1").send_keys(b["items"][1]["code"])
    form.find_element(By.CSS_SELECTOR, "input#qty_1").send_keys("两个")
    ui.visible(driver, "button#btn-save").click()
    bad = ui.visible(driver, "tr.line-row.has-error")
    assert bad.get_attribute("data-line") == "1"
    qty = bad.find_element(By.CSS_SELECTOR, "input#qty_1")
    assert qty.get_attribute("aria-invalid") == "true"
    assert qty.get_attribute("value") == "两个"
    assert "第 2 行" in bad.find_element(By.CSS_SELECTOR, ".field-error").text
    assert driver.find_element(By.ID, "qty_0").get_attribute("value") == "2"
    assert driver.find_element(By.ID, "itemText_1").get_attribute("value") == b["items"][1]["code"]
    assert driver.find_element(By.ID, "doc-remark").get_attribute("value") == "逐行核对"
    qty.clear()
    qty.send_keys("2")
    ui.visible(driver, "button#btn-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/documents/") and not p.endswith("/new"), "saved document")


def test_the_printed_daily_ledger_has_opening_balance_and_totals(server, driver, admin_api, root_unit, make_user):
    b = books(admin_api, root_unit, make_user)
    acc = b["accountant"]
    doc = document(acc, b["warehouse"], "in", "spot_purchase", [(b["items"][0], 5)])
    acc["api"].post(f"/api/v1/stock-documents/{doc['id']}/audit", {}, expect=200)
    ui.login(driver, server, acc["username"], acc["password"])
    driver.get(f"{server}/materials/ledger?warehouseId={b['warehouse']['id']}&from=2026-11-20&to=2026-11-20")
    ui.visible(driver, "table#stock-ledger")
    print_media(driver, True)
    try:
        opening = driver.find_element(By.CSS_SELECTOR, "tr.ledger-opening")
        assert "期初结存" in opening.text and opening.is_displayed()
        total = driver.find_element(By.ID, "ledger-grand-total")
        assert "合计" in total.text and total.is_displayed()
        assert driver.find_element(By.ID, "ledger-signatures").is_displayed()
        assert not driver.find_element(By.ID, "ledger-print").is_displayed()
        assert not driver.find_element(By.ID, "main-nav").is_displayed()
        page = driver.execute_script("return getComputedStyle(document.getElementById('ledger-sheet')).page")
        assert page == "landscape", page
    finally:
        print_media(driver, False)

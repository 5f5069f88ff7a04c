"""#12.3 the site's daily ledger in a real browser (LED-01..07): the site keeper
writes the day on the phone/tablet form, picking the item from the site's
on-hand list (LED-02), submits it; the department accountant sees it on the
chase list, posts it, and the drafted issue is audited and linked (LED-05)."""

from __future__ import annotations


from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books


def test_a_keeper_enters_a_day_and_the_accountant_posts_it(server, driver, admin_api, root_unit, make_user, tmp_path):
    b = site_books(admin_api, root_unit, make_user)
    tag, hq, accountant, keeper, warehouse = b.tag, b.hq, b.accountant, b.keeper, b.warehouse
    _, item = hq["api"].post(
        "/api/v1/items",
        {"code": f"GR-{tag}", "name": f"润滑脂{tag}", "unit": "桶", "category": "consumable", "repairClass": "I"},
        expect=201,
    )
    _, other = hq["api"].post(
        "/api/v1/items",
        {"code": f"NO-{tag}", "name": f"未持有{tag}", "unit": "个", "category": "consumable", "repairClass": "I"},
        expect=201,
    )
    _, receipt = accountant["api"].post(
        "/api/v1/stock-documents",
        {"direction": "in", "reason": "spot_purchase", "warehouseId": warehouse["id"], "lines": [{"itemId": item["id"], "quantity": 10}]},
        expect=201,
    )
    accountant["api"].post(f"/api/v1/stock-documents/{receipt['id']}/audit", {}, expect=200)

    # The keeper writes today's ledger.
    ui.login(driver, server, keeper["username"], keeper["password"])
    ui.nav_to(driver, "site-ledgers")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/site-ledgers", "/materials/site-ledgers")
    ui.visible(driver, "a#new-site-ledger").click()
    form = ui.visible(driver, "form#site-ledger-form")
    assert ui.visible(driver, "#sl-warehouse-name").text.startswith(f"W{tag}")
    # LED-02: the picker offers only the site's on-hand items.
    picker = Select(form.find_element(By.CSS_SELECTOR, "select#line-0-item"))
    offered = [o.get_attribute("value") for o in picker.options if o.get_attribute("value")]
    assert offered == [item["id"]], offered
    Select(form.find_element(By.CSS_SELECTOR, "select#line-0-kind")).select_by_value("self_use")
    picker.select_by_value(item["id"])
    form.find_element(By.CSS_SELECTOR, "input#line-0-out").send_keys("3")
    # LED-02 every column: saving without the remark is refused on its field, with what was typed kept.
    ui.visible(driver, "button#site-ledger-save").click()
    error = ui.visible(driver, "#site-ledger-lines .field-error")
    assert "LED-02" in error.text, error.text
    assert ui.visible(driver, "input#line-0-out").get_attribute("value") == "3"
    ui.visible(driver, "input#line-0-remark").send_keys("2号风机齿轮箱加注")
    ui.visible(driver, "button#site-ledger-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/site-ledgers/") and not p.endswith("/new"), "saved ledger day")
    assert ui.visible(driver, "#site-ledger-status").get_attribute("data-status") == "draft"
    assert ui.visible(driver, "#total-out").text == "3"
    ledger_path = ui.current_path(driver)
    # #12.1: the keeper attaches the scanned packing list; a file that is not an image or PDF is refused with the reason.
    scan = tmp_path / "装箱单.png"
    scan.write_bytes(bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + b"\0" * 64)
    ui.visible(driver, "input#attachment-file").send_keys(str(scan))
    ui.visible(driver, "button#attachment-upload").click()
    listed = ui.visible(driver, "#attachments li.attachment a")
    assert listed.text == "装箱单.png", listed.text
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"MZ not a photo")
    ui.visible(driver, "input#attachment-file").send_keys(str(fake))
    ui.visible(driver, "button#attachment-upload").click()
    ui.wait(driver).until(lambda d: "JPEG" in d.page_source and "notice=attachment_refused" in d.current_url, "refusal not shown")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#attachments li.attachment")) == 1
    ui.visible(driver, "button#ledger-submit").click()
    ui.wait(driver).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#site-ledger-status").get_attribute("data-status") == "submitted",
        "ledger not submitted",
    )
    assert not driver.find_elements(By.CSS_SELECTOR, "button#ledger-post")
    ui.logout(driver)

    # The accountant posts it: the issue is drafted, audited and linked; on-hand drops.
    ui.login(driver, server, accountant["username"], accountant["password"])
    driver.get(server + ledger_path)
    ui.visible(driver, "button#ledger-post").click()
    ui.wait(driver).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#site-ledger-status").get_attribute("data-status") == "posted",
        "ledger not posted",
    )
    link = ui.visible(driver, "#drafted-documents li.drafted-document a")
    assert link.text.startswith("CK-"), link.text
    link.click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/documents/"), "drafted document")
    assert ui.visible(driver, "#document-status").get_attribute("data-status") == "audited"
    _, rows = accountant["api"].get(f"/api/v1/stock/on-hand?warehouseId={warehouse['id']}&itemId={item['id']}", expect=200)
    assert float(rows[0]["quantity"]) == 7
    assert other["id"]
    assert ui.no_xss(driver)

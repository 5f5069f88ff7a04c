"""#12.4 in a real browser: issuing a shelf-life item. Two batches lie in a bin;
the storekeeper enters an issue on the U8 screen, and the saved issue proposes
the batch that expires first (FEFO, ISS-06), whatever order they arrived in;
after audit the page shows the batch it took, and the batch list agrees. The
bin card prints STO-04's fields; a hazardous item is refused in an ordinary bin
with a readable message."""

from __future__ import annotations

import io
import secrets
import urllib.request

import openpyxl

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from test_document_screens import books


def shelf_life_stock(admin_api, root_unit, make_user):
    b = books(admin_api, root_unit, make_user)
    hq = make_user(roles=["mgmt_materials"], display_name="物资管理室")
    item = b["items"][0]
    hq["api"].request("PATCH", f"/api/v1/items/{item['id']}", body={"shelfLifeDays": 365}, expect=200)
    _, shelf = b["keeper"]["api"].post(
        "/api/v1/bins", {"warehouseId": b["warehouse"]["id"], "rack": "R1", "tier": "2", "position": "3"}, expect=201
    )
    acc = b["accountant"]["api"]
    # The later-expiring batch arrives first.
    for batch, expiry in [("LATE-" + b["tag"], "2027-09-30"), ("EARLY-" + b["tag"], "2027-01-31")]:
        _, doc = acc.post(
            "/api/v1/stock-documents",
            {"direction": "in", "reason": "spot_purchase", "warehouseId": b["warehouse"]["id"], "date": "2026-11-20",
             "lines": [{"itemId": item["id"], "quantity": 5, "batchNo": batch, "expiryDate": expiry, "binId": shelf["id"]}]},
            expect=201,
        )
        acc.post(f"/api/v1/stock-documents/{doc['id']}/audit", {}, expect=200)
    return b, item, shelf, hq


def test_issuing_a_shelf_life_item_proposes_and_takes_the_earliest_expiry(server, driver, admin_api, root_unit, make_user):
    b, item, shelf, _ = shelf_life_stock(admin_api, root_unit, make_user)
    ui.login(driver, server, b["accountant"]["username"], b["accountant"]["password"])
    driver.get(f"{server}/materials/documents/new?direction=out")
    form = ui.visible(driver, "form#document-form")
    Select(form.find_element(By.CSS_SELECTOR, "select#doc-warehouse")).select_by_value(b["warehouse"]["id"])
    Select(form.find_element(By.CSS_SELECTOR, "select#doc-reason")).select_by_value("self_use")
    form.find_element(By.CSS_SELECTOR, "input#itemText_0").send_keys(item["code"])
    form.find_element(By.CSS_SELECTOR, "input#qty_0").send_keys("3")
    ui.visible(driver, "button#btn-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/documents/") and not p.endswith("/new"), "saved issue")

    proposal = ui.visible(driver, "table#placements")
    assert proposal.get_attribute("data-done") == "0"
    assert "效期先出" in driver.find_element(By.ID, "placement-title").text
    rows = proposal.find_elements(By.CSS_SELECTOR, "tbody tr.placement-row")
    assert [r.get_attribute("data-batch") for r in rows] == ["EARLY-" + b["tag"]]
    cells = [c.text for c in rows[0].find_elements(By.TAG_NAME, "td")]
    assert cells[2] == "R1-2-3" and cells[4] == "2027-01-31" and cells[5] == "3", cells

    ui.visible(driver, "button#btn-audit").click()
    ui.wait(driver).until(lambda d: "notice=audited" in d.current_url, "not audited")
    done = ui.visible(driver, "table#placements")
    assert done.get_attribute("data-done") == "1"
    assert [r.get_attribute("data-batch") for r in done.find_elements(By.CSS_SELECTOR, "tbody tr.placement-row")] == ["EARLY-" + b["tag"]]

    driver.get(f"{server}/materials/batches?warehouseId={b['warehouse']['id']}&itemId={item['id']}")
    listed = ui.visible(driver, "table#batch-list").find_elements(By.CSS_SELECTOR, "tbody tr.batch-row")
    assert [r.get_attribute("data-batch") for r in listed] == ["EARLY-" + b["tag"], "LATE-" + b["tag"]]
    assert listed[0].find_elements(By.TAG_NAME, "td")[-1].text == "2"
    assert listed[1].find_elements(By.TAG_NAME, "td")[-1].text == "5"


def test_bin_card_and_hazardous_refusal(server, driver, admin_api, root_unit, make_user):
    b, item, shelf, hq = shelf_life_stock(admin_api, root_unit, make_user)
    ui.login(driver, server, b["keeper"]["username"], b["keeper"]["password"])
    driver.get(f"{server}/materials/bins?warehouseId={b['warehouse']['id']}")
    row = ui.visible(driver, "tr.bin-row[data-code='R1-2-3']")
    row.find_element(By.CSS_SELECTOR, "a.bin-card-link").click()
    ui.visible(driver, "#bin-card")
    assert driver.find_element(By.ID, "card-rack").text == "R1"
    assert driver.find_element(By.ID, "card-tier").text == "2"
    assert driver.find_element(By.ID, "card-position").text == "3"
    lines = driver.find_elements(By.CSS_SELECTOR, "tr.bin-card-line")
    assert len(lines) == 2 and item["code"] in lines[0].text and "2027-01-31" in lines[0].text

    # A hazardous item may not be put into this ordinary bin: the keeper adds a designated one from the page.
    other = b["items"][1]
    hq["api"].request("PATCH", f"/api/v1/items/{other['id']}", body={"storageAttributes": ["hazardous"]}, expect=200)
    status, body = b["accountant"]["api"].post(
        "/api/v1/stock-documents",
        {"direction": "in", "reason": "spot_purchase", "warehouseId": b["warehouse"]["id"],
         "lines": [{"itemId": other["id"], "quantity": 1, "binId": shelf["id"]}]},
    )
    assert status == 422 and body["error"]["code"] == "hazardous_bin_required", body
    driver.get(f"{server}/materials/bins?warehouseId={b['warehouse']['id']}")
    form = ui.visible(driver, "form#bin-create")
    form.find_element(By.ID, "bin-rack").send_keys("H" + secrets.token_hex(1).upper())
    form.find_element(By.ID, "bin-tier").send_keys("1")
    form.find_element(By.ID, "bin-position").send_keys("1")
    form.find_element(By.ID, "bin-hazardous").click()
    form.find_element(By.ID, "bin-create-submit").click()
    ui.wait(driver).until(lambda d: "notice=saved" in d.current_url, "bin not added")
    assert "危险品库位" in ui.visible(driver, "table#bin-list").text


def download(driver, url: str) -> bytes:
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies}), timeout=30) as resp:
        assert "spreadsheetml" in resp.headers["Content-Type"]
        return resp.read()


def test_batches_and_on_hand_report_export_as_xlsx_that_openpyxl_reads(server, driver, admin_api, root_unit, make_user):
    b, item, shelf, _ = shelf_life_stock(admin_api, root_unit, make_user)
    ui.login(driver, server, b["keeper"]["username"], b["keeper"]["password"])
    driver.get(f"{server}/materials/batches?warehouseId={b['warehouse']['id']}")
    href = ui.visible(driver, "a#export-batches-xlsx").get_attribute("href")
    sheet = openpyxl.load_workbook(io.BytesIO(download(driver, href))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("仓库", "存货编码", "存货名称", "出库顺序", "批号"), rows[0]
    assert [r[4] for r in rows[1:]] == ["EARLY-" + b["tag"], "LATE-" + b["tag"]]
    assert rows[1][10] == 5 and isinstance(rows[1][10], (int, float)), rows[1]
    assert rows[1][7].date().isoformat() == "2027-01-31", rows[1]
    driver.get(f"{server}/materials/reports/on-hand?level=bin&warehouseId={b['warehouse']['id']}")
    report = openpyxl.load_workbook(io.BytesIO(download(driver, ui.visible(driver, "a#export-report-xlsx").get_attribute("href")))).active
    cells = list(report.iter_rows(values_only=True))
    assert cells[0][0] == "库位" and cells[1][0] == "R1-2-3" and cells[1][4] == 10, cells


def test_a_shelf_life_receipt_takes_its_batch_dates_on_the_line_grid(server, driver, admin_api, root_unit, make_user):
    b, item, shelf, _ = shelf_life_stock(admin_api, root_unit, make_user)
    ui.login(driver, server, b["accountant"]["username"], b["accountant"]["password"])
    driver.get(f"{server}/materials/documents/new?direction=in")
    form = ui.visible(driver, "form#document-form")
    Select(form.find_element(By.CSS_SELECTOR, "select#doc-warehouse")).select_by_value(b["warehouse"]["id"])
    Select(form.find_element(By.CSS_SELECTOR, "select#doc-reason")).select_by_value("spot_purchase")
    form.find_element(By.CSS_SELECTOR, "input#itemText_0").send_keys(item["code"])
    form.find_element(By.CSS_SELECTOR, "input#qty_0").send_keys("4")
    ui.visible(driver, "button#btn-save").click()
    bad = ui.visible(driver, "tr.line-row.has-error")
    assert "生产日期或失效日期" in bad.find_element(By.CSS_SELECTOR, ".field-error").text
    assert bad.find_element(By.CSS_SELECTOR, "input#lprod_0").get_attribute("aria-invalid") == "true"
    bad.find_element(By.CSS_SELECTOR, "input#lbatch_0").send_keys("NEW-" + b["tag"])
    bad.find_element(By.CSS_SELECTOR, "input#lexp_0").send_keys("2027/05/01")
    ui.visible(driver, "button#btn-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/documents/") and not p.endswith("/new"), "saved receipt")
    ui.visible(driver, "button#btn-audit").click()
    ui.wait(driver).until(lambda d: "notice=audited" in d.current_url, "not audited")
    done = ui.visible(driver, "table#placements").find_elements(By.CSS_SELECTOR, "tbody tr.placement-row")
    assert [r.get_attribute("data-batch") for r in done] == ["NEW-" + b["tag"]]
    cells = [c.text for c in done[0].find_elements(By.TAG_NAME, "td")]
    assert cells[2] == "R1-2-3" and cells[4] == "2027-05-01", cells  # put with the item's stock (the default bin)

"""#12 remainder (STO-05, ISS-06) in a real browser: the transfer-out form
proposes lots by FEFO as the issue form does. Typing the item and quantity on a
transfer line shows the batches the transfer would take from the out warehouse,
earliest expiry first; 采用 (by keyboard) writes one line per batch with its
bin and quantity; the transfer keeps no batch, so its out document takes the
earliest batch within each line's bin — exactly the proposed batches."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from test_line_storage import line_values
from test_storage import shelf_life_stock


def test_a_transfer_line_proposes_fefo_batches_and_the_out_document_takes_them(server, driver, admin_api, root_unit, make_user):
    b, item, shelf, hq = shelf_life_stock(admin_api, root_unit, make_user)
    _, target = hq["api"].post("/api/v1/warehouses", {"code": f"F{b['tag']}", "name": f"调入库{b['tag']}", "orgUnitId": b["warehouse"]["orgUnitId"],
                                                       "condition": "good"}, expect=201)
    early, late = "EARLY-" + b["tag"], "LATE-" + b["tag"]
    location = f"{b['warehouse']['code']}-R1-2-3"

    ui.login(driver, server, b["accountant"]["username"], b["accountant"]["password"])
    driver.get(f"{server}/materials/transfers/new")
    form = ui.visible(driver, "form#transfer-form")
    Select(form.find_element(By.ID, "t-from")).select_by_value(b["warehouse"]["id"])
    Select(form.find_element(By.ID, "t-to")).select_by_value(target["id"])
    form.find_element(By.ID, "itemText_0").send_keys(item["code"])
    qty = form.find_element(By.ID, "qty_0")
    qty.click()
    qty.send_keys("7", Keys.TAB)
    cell = ui.visible(driver, "td#lfefo_0")
    ui.wait(driver).until(lambda d: late in cell.text, f"no FEFO proposal on the transfer line: {cell.text!r}")
    text = cell.text
    assert text.index(early) < text.index(late), text
    assert "2027-01-31" in text and "× 5" in text and "× 2" in text, text

    # Keyboard: focus 采用 and press Enter — one line per batch, each with the bin it lies in.
    accept = ui.visible(driver, "button#lfefo-accept_0")
    driver.execute_script("arguments[0].focus()", accept)
    ui.press(driver, Keys.ENTER)
    ui.wait(driver).until(lambda d: line_values(d, "qty_")[:2] == ["5", "2"], "proposal not accepted")
    assert line_values(driver, "lbinText_")[:2] == [location, location]
    assert "已采用" in ui.visible(driver, "td#lfefo_0").text
    # Changing the out warehouse asks again (the proposal follows the out warehouse).
    assert ui.visible(driver, "table#document-lines").get_attribute("data-warehouse-select") == "t-from"

    ui.visible(driver, "button#btn-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/transfers/") and not p.endswith("/new"), "saved transfer")
    places = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "table#document-lines td.line-place")]
    assert len(places) == 2 and all(p.startswith(location) for p in places), places
    ui.visible(driver, "button#btn-audit").click()
    ui.wait(driver).until(lambda d: "notice=audited" in d.current_url, "transfer not audited")
    out = [a for a in driver.find_elements(By.CSS_SELECTOR, "#generated-documents li.generated-document a")]
    assert len(out) == 2, [a.text for a in out]
    out_href = next(a.get_attribute("href") for a in out if "出库" in a.find_element(By.XPATH, "..").text)
    driver.get(out_href)
    proposal = ui.visible(driver, "table#placements")
    assert [r.get_attribute("data-batch") for r in proposal.find_elements(By.CSS_SELECTOR, "tr.placement-row")] == [early, late]
    ui.visible(driver, "button#btn-audit").click()
    ui.wait(driver).until(lambda d: "notice=audited" in d.current_url, "out document not audited")
    done = ui.visible(driver, "table#placements")
    assert done.get_attribute("data-done") == "1"
    assert [(r.get_attribute("data-batch"), r.find_elements(By.TAG_NAME, "td")[-1].text)
            for r in done.find_elements(By.CSS_SELECTOR, "tr.placement-row")] == [(early, "5"), (late, "2")]

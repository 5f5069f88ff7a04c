"""#12 remainder (STO-05, ISS-06) in a real browser: the transfer-out form
proposes lots by FEFO as the issue form does. Typing the item and quantity on a
transfer line shows the batches the transfer would take from the out warehouse,
earliest expiry first; 采用 (by keyboard) writes one line per batch with its
bin and quantity; the transfer keeps no batch, so its out document takes the
earliest batch within each line's bin — exactly the proposed batches."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from test_line_storage import audit_takes_the_proposed_batches, line_values, propose_and_accept_seven
from test_storage import shelf_life_stock


def test_a_transfer_line_proposes_fefo_batches_and_the_out_document_takes_them(server, driver, admin_api, root_unit, make_user):
    b, item, shelf, hq = shelf_life_stock(admin_api, root_unit, make_user)
    _, target = hq["api"].post("/api/v1/warehouses", {"code": f"F{b['tag']}", "name": f"调入库{b['tag']}", "orgUnitId": b["warehouse"]["orgUnitId"],
                                                       "condition": "good"}, expect=201)
    location = f"{b['warehouse']['code']}-R1-2-3"

    ui.login(driver, server, b["accountant"]["username"], b["accountant"]["password"])
    driver.get(f"{server}/materials/transfers/new")
    form = ui.visible(driver, "form#transfer-form")
    Select(form.find_element(By.ID, "t-from")).select_by_value(b["warehouse"]["id"])
    Select(form.find_element(By.ID, "t-to")).select_by_value(target["id"])
    # Item and quantity typed: the batches FEFO takes from the out warehouse, accepted by keyboard (one line per batch).
    early, late = propose_and_accept_seven(driver, form, item, b["tag"])
    assert line_values(driver, "lbinText_")[:2] == [location, location]
    assert "已采用" in ui.visible(driver, "td#lfefo_0").text
    # The proposal follows the transfer's out-warehouse select.
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
    audit_takes_the_proposed_batches(driver, early, late)

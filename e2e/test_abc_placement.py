"""#12 remainder (STO-02) in a real browser: storage uses the ABC class. The
bin list shows each item held with its class and where such an item belongs
(A: floor-stacked near the door in stacks of five; B and C: shelved), the bin
card carries the class, and a document's bins-and-batches table names each
item's class with the same suggestion."""

from __future__ import annotations

from selenium.webdriver.common.by import By

import kefu_pages as ui
from test_document_screens import document
from test_storage import shelf_life_stock


def _place(element) -> tuple[str, str]:
    span = element.find_element(By.CSS_SELECTOR, ".abc-place")
    return span.get_attribute("data-abc"), span.get_attribute("data-place")


def test_bins_card_and_placements_show_the_class_and_where_it_belongs(server, driver, admin_api, root_unit, make_user):
    b, item, shelf, hq = shelf_life_stock(admin_api, root_unit, make_user)
    slow = b["items"][1]
    hq["api"].request("PATCH", f"/api/v1/items/{item['id']}", body={"abcClass": "A"}, expect=200)
    acc = b["accountant"]
    receipt = document(acc, b["warehouse"], "in", "spot_purchase", [(slow, 4)])
    acc["api"].post(f"/api/v1/stock-documents/{receipt['id']}/audit", {}, expect=200)

    ui.login(driver, server, b["keeper"]["username"], b["keeper"]["password"])
    driver.get(f"{server}/materials/bins?warehouseId={b['warehouse']['id']}")
    held = ui.visible(driver, f"tr.bin-row[data-code='R1-2-3'] li.held[data-item='{item['code']}']")
    assert _place(held) == ("A", "floor_stack"), held.get_attribute("outerHTML")
    assert "A类" in held.text and "宜落地堆放" in held.text, held.text
    # The slow mover was never classed (C) and is not put away yet: it belongs on a shelf.
    loose = ui.visible(driver, f"#unplaced li.held[data-item='{slow['code']}']")
    assert _place(loose) == ("C", "shelf") and "上架存放" in loose.text, loose.text

    driver.get(f"{server}/materials/bins/{shelf['id']}/card")
    line = ui.visible(driver, "tr.bin-card-line")
    assert _place(line) == ("A", "floor_stack") and "A类" in line.text, line.text

    # A saved issue's FEFO proposal names the class too; the API carries it.
    issue = document(acc, b["warehouse"], "out", "self_use", [(item, 2)])
    driver.get(f"{server}/materials/documents/{issue['id']}")
    row = ui.visible(driver, "table#placements tr.placement-row")
    assert _place(row) == ("A", "floor_stack"), row.text
    _, placements = acc["api"].request("GET", f"/api/v1/stock-documents/{issue['id']}/placements", expect=200)
    assert [(p["abcClass"], p["suggestedPlace"]) for p in placements["items"]] == [("A", "floor_stack")], placements

"""#12 on the U8 line grid and the ABC page, in a real browser.

- An unsaved issue (出库) shows, as soon as its item and quantity are typed, the
  batches FEFO would take (ISS-06); accepting the proposal by keyboard writes the
  batches into the lines (one line per batch), and the saved and audited issue
  takes exactly those.
- A receipt line's bin is chosen with the searchable picker, the item's usual bin
  filled in by default (STO-03); it is saved with the line and printed with it.
- ABC 分类 (STO-02): the page proposes classes from a period's issues and HQ
  applies them to the items.
"""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from test_document_screens import print_media
from test_storage import shelf_life_stock


def new_document(driver, server, who, warehouse, direction, reason):
    ui.login(driver, server, who["username"], who["password"])
    driver.get(f"{server}/materials/documents/new?direction={direction}")
    form = ui.visible(driver, "form#document-form")
    Select(form.find_element(By.CSS_SELECTOR, "select#doc-warehouse")).select_by_value(warehouse["id"])
    Select(form.find_element(By.CSS_SELECTOR, "select#doc-reason")).select_by_value(reason)
    return form


def line_values(driver, prefix):
    return [e.get_attribute("value") for e in driver.find_elements(By.CSS_SELECTOR, f"table#document-lines tbody input[id^='{prefix}']")]


def propose_and_accept_seven(driver, form, item, tag):
    """Line 1 of an unsaved issue or transfer: `item` × 7 shows the FEFO proposal (batch EARLY × 5 before LATE × 2,
    from `shelf_life_stock`); 采用 is pressed by keyboard and writes one line per batch. Returns the two batch numbers."""
    form.find_element(By.CSS_SELECTOR, "input#itemText_0").send_keys(item["code"])
    qty = form.find_element(By.CSS_SELECTOR, "input#qty_0")
    qty.click()
    qty.send_keys("7", Keys.TAB)
    early, late = "EARLY-" + tag, "LATE-" + tag
    cell = ui.visible(driver, "td#lfefo_0")
    ui.wait(driver).until(lambda d: late in cell.text, f"no FEFO proposal: {cell.text!r}")
    text = cell.text
    assert text.index(early) < text.index(late), text
    assert "2027-01-31" in text and "× 5" in text and "× 2" in text, text

    # Keyboard: focus the 采用 button and press Enter.
    accept = ui.visible(driver, "button#lfefo-accept_0")
    driver.execute_script("arguments[0].focus()", accept)
    ui.press(driver, Keys.ENTER)
    ui.wait(driver).until(lambda d: line_values(d, "qty_")[:2] == ["5", "2"], "proposal not accepted")
    return early, late


def test_an_unsaved_issue_proposes_fefo_batches_and_saving_takes_them(server, driver, admin_api, root_unit, make_user):
    b, item, shelf, _ = shelf_life_stock(admin_api, root_unit, make_user)
    form = new_document(driver, server, b["accountant"], b["warehouse"], "out", "self_use")
    early, late = propose_and_accept_seven(driver, form, item, b["tag"])
    assert len(line_values(driver, "lbatchId_")) >= 2 and line_values(driver, "lbatchId_")[1]
    assert "已采用" in ui.visible(driver, "td#lfefo_0").text
    location = f"{b['warehouse']['code']}-R1-2-3"
    assert line_values(driver, "lbinText_")[:2] == [location, location]

    ui.visible(driver, "button#btn-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/documents/") and not p.endswith("/new"), "saved issue")
    places = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "table#document-lines td.line-place")]
    assert len(places) == 2 and early in places[0] and late in places[1] and location in places[0], places
    audit_takes_the_proposed_batches(driver, early, late)


def audit_takes_the_proposed_batches(driver, early, late):
    """On a saved issue's page: the bins-and-batches table proposes `early` then `late`; 审核 takes 5 and 2 of them."""
    proposal = ui.visible(driver, "table#placements")
    assert [r.get_attribute("data-batch") for r in proposal.find_elements(By.CSS_SELECTOR, "tr.placement-row")] == [early, late]

    ui.visible(driver, "button#btn-audit").click()
    ui.wait(driver).until(lambda d: "notice=audited" in d.current_url, "not audited")
    done = ui.visible(driver, "table#placements")
    assert done.get_attribute("data-done") == "1"
    assert [(r.get_attribute("data-batch"), r.find_elements(By.TAG_NAME, "td")[-1].text)
            for r in done.find_elements(By.CSS_SELECTOR, "tr.placement-row")] == [(early, "5"), (late, "2")]


def test_a_receipt_line_takes_the_usual_bin_or_one_picked_and_prints_it(server, driver, admin_api, root_unit, make_user):
    b, item, shelf, _ = shelf_life_stock(admin_api, root_unit, make_user)
    plain = b["items"][1]
    _, other = b["keeper"]["api"].post("/api/v1/bins", {"warehouseId": b["warehouse"]["id"], "rack": "R9", "tier": "1", "position": "1"}, expect=201)
    usual = f"{b['warehouse']['code']}-R1-2-3"
    picked = f"{b['warehouse']['code']}-R9-1-1"
    form = new_document(driver, server, b["accountant"], b["warehouse"], "in", "repaired")
    # Line 1: the shelf-life item already lies in R1-2-3 — its usual bin is filled in.
    form.find_element(By.CSS_SELECTOR, "input#itemText_0").send_keys(item["code"], Keys.TAB)
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "lbinText_0").get_attribute("value") == usual, "usual bin not filled in")
    form.find_element(By.CSS_SELECTOR, "input#qty_0").send_keys("1")
    # Line 2: another item, its bin picked by searching "R9" and choosing with the keyboard.
    form.find_element(By.CSS_SELECTOR, "input#itemText_1").send_keys(plain["code"], Keys.TAB)
    form.find_element(By.CSS_SELECTOR, "input#qty_1").send_keys("4")
    bin_field = form.find_element(By.CSS_SELECTOR, "input#lbinText_1")
    bin_field.click()
    bin_field.send_keys("R9")
    ui.visible(driver, "#lbinText_1-options li[role=option]")
    bin_field.send_keys(Keys.ENTER)
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "lbin_1").get_attribute("value") == other["id"], "picked bin not set")
    assert bin_field.get_attribute("value") == picked

    ui.visible(driver, "button#btn-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/documents/") and not p.endswith("/new"), "saved receipt")
    places = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "table#document-lines td.line-place")]
    assert places == [usual, picked], places
    print_media(driver, True)
    try:
        assert [c.text for c in driver.find_elements(By.CSS_SELECTOR, "table#document-lines td.line-place") if c.is_displayed()] == [usual, picked]
    finally:
        print_media(driver, False)
    ui.visible(driver, "button#btn-audit").click()
    ui.wait(driver).until(lambda d: "notice=audited" in d.current_url, "not audited")
    rows = ui.visible(driver, "table#placements").find_elements(By.CSS_SELECTOR, "tr.placement-row")
    assert [r.find_elements(By.TAG_NAME, "td")[2].text for r in rows] == ["R1-2-3", "R9-1-1"]


def test_abc_page_proposes_classes_from_issues_and_hq_applies_them(server, driver, admin_api, root_unit, make_user):
    b, item, shelf, hq = shelf_life_stock(admin_api, root_unit, make_user)
    busy, idle = b["items"][1], item
    acc = b["accountant"]["api"]
    # A period of its own (March 2025), so other tests' documents do not count.
    _, rc = acc.post("/api/v1/stock-documents", {"direction": "in", "reason": "repaired", "warehouseId": b["warehouse"]["id"],
                                                 "date": "2025-03-01", "lines": [{"itemId": busy["id"], "quantity": 50}]}, expect=201)
    acc.post(f"/api/v1/stock-documents/{rc['id']}/audit", {}, expect=200)
    for day in ("2025-03-05", "2025-03-06", "2025-03-07"):
        _, d = acc.post("/api/v1/stock-documents", {"direction": "out", "reason": "self_use", "warehouseId": b["warehouse"]["id"],
                                                    "date": day, "lines": [{"itemId": busy["id"], "quantity": 2}]}, expect=201)
        acc.post(f"/api/v1/stock-documents/{d['id']}/audit", {}, expect=200)

    ui.login(driver, server, hq["username"], hq["password"])
    driver.get(f"{server}/materials/reports/abc")
    form = ui.visible(driver, "form#abc-filter")
    for name, value in (("from", "2025/03/01"), ("to", "2025-03-31")):
        field = form.find_element(By.ID, "abc-" + name)
        field.clear()
        field.send_keys(value)
    form.find_element(By.ID, "abc-filter-submit").click()
    ui.wait(driver).until(lambda d: "from=2025" in d.current_url, "filter not applied")
    summary = ui.visible(driver, "p#abc-summary")
    assert summary.get_attribute("data-total") == "3"
    row = ui.visible(driver, f"tr.abc-row[data-item='{busy['code']}']")
    assert row.get_attribute("data-proposed") == "A" and row.get_attribute("data-current") == "C"
    assert driver.find_element(By.CSS_SELECTOR, f"tr.abc-row[data-item='{idle['code']}']").get_attribute("data-proposed") == "C"

    # A wrong threshold is refused at its field, in the user's language.
    driver.get(f"{server}/materials/reports/abc?from=2025-03-01&to=2025-03-31&a=95&b=80")
    assert "B" in ui.visible(driver, "#abc-b-error").text

    driver.get(f"{server}/materials/reports/abc?from=2025-03-01&to=2025-03-31")
    ui.visible(driver, "button#abc-apply-submit").click()
    ui.wait(driver).until(lambda d: "notice=saved" in d.current_url, "not applied")
    row = ui.visible(driver, f"tr.abc-row[data-item='{busy['code']}']")
    assert row.get_attribute("data-current") == "A"
    _, shown = hq["api"].request("GET", f"/api/v1/items/{busy['id']}", expect=200)
    assert shown["abcClass"] == "A"

    # The site keeper sees the proposal but cannot apply it.
    ui.logout(driver)
    ui.login(driver, server, b["keeper"]["username"], b["keeper"]["password"])
    driver.get(f"{server}/materials/reports/abc?from=2025-03-01&to=2025-03-31")
    ui.visible(driver, "p#abc-apply-hint")
    assert not driver.find_elements(By.ID, "abc-apply-submit")


def test_a_transfer_line_picks_the_bins_at_both_ends_and_prints_them(server, driver, admin_api, root_unit, make_user):
    b, item, shelf, hq = shelf_life_stock(admin_api, root_unit, make_user)
    plain = b["items"][1]
    # A second good warehouse of the same site, with a bin to put into.
    _, target = hq["api"].post("/api/v1/warehouses", {"code": f"X{b['tag']}", "name": f"备用库{b['tag']}", "orgUnitId": b["warehouse"]["orgUnitId"],
                                                       "condition": "good"}, expect=201)
    _, into = hq["api"].post("/api/v1/bins", {"warehouseId": target["id"], "rack": "T7", "tier": "1", "position": "2"}, expect=201)
    acc = b["accountant"]["api"]
    _, rc = acc.post("/api/v1/stock-documents", {"direction": "in", "reason": "repaired", "warehouseId": b["warehouse"]["id"], "date": "2026-11-20",
                                                 "lines": [{"itemId": plain["id"], "quantity": 6, "binId": shelf["id"]}]}, expect=201)
    acc.post(f"/api/v1/stock-documents/{rc['id']}/audit", {}, expect=200)

    ui.login(driver, server, b["accountant"]["username"], b["accountant"]["password"])
    driver.get(f"{server}/materials/transfers/new")
    form = ui.visible(driver, "form#transfer-form")
    Select(form.find_element(By.ID, "t-from")).select_by_value(b["warehouse"]["id"])
    Select(form.find_element(By.ID, "t-to")).select_by_value(target["id"])
    form.find_element(By.ID, "itemText_0").send_keys(plain["code"])
    form.find_element(By.ID, "qty_0").send_keys("2")
    for field_id, typed, hidden_id, expected in (("lbinText_0", "R1", "lbin_0", shelf["id"]), ("ltobinText_0", "T7", "ltobin_0", into["id"])):
        field = form.find_element(By.ID, field_id)
        field.click()
        field.send_keys(typed)
        ui.visible(driver, f"#{field_id}-options li[role=option]")
        field.send_keys(Keys.ENTER)
        ui.wait(driver).until(lambda d: d.find_element(By.ID, hidden_id).get_attribute("value") == expected, f"{field_id} not picked")
    ui.visible(driver, "button#btn-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/transfers/") and not p.endswith("/new"), "saved transfer")
    places = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "table#document-lines td.line-place")]
    assert places == [f"{b['warehouse']['code']}-R1-2-3 → {target['code']}-T7-1-2"], places
    print_media(driver, True)
    try:
        assert driver.find_element(By.CSS_SELECTOR, "table#document-lines td.line-place").is_displayed()
    finally:
        print_media(driver, False)

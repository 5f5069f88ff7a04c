"""#12.1 stocktakes in a real browser: a site keeper counts on a tablet-sized
window — searches an item, types counts with big touch fields, a refused save
comes back with everything typed, a difference without a reason cannot be
submitted — and the printable sheet carries the counter's and supervisor's
signature lines."""

from __future__ import annotations


from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books


def _setup(admin_api, root_unit, make_user):
    b = site_books(admin_api, root_unit, make_user)
    tag, hq, accountant, keeper, warehouse = b.tag, b.hq, b.accountant, b.keeper, b.warehouse
    items = []
    for code, name in ((f"BRG-{tag}", "偏航轴承"), (f"BLT-{tag}", "螺栓M20"), (f"OIL-{tag}", "齿轮油")):
        _, it = hq["api"].post(
            "/api/v1/items",
            {"code": code, "name": name, "unit": "个", "category": "spare_part", "repairClass": "II"},
            expect=201,
        )
        items.append(it)
    _, doc = accountant["api"].post(
        "/api/v1/stock-documents",
        {"direction": "in", "reason": "spot_purchase", "warehouseId": warehouse["id"], "date": "2026-11-20",
         "lines": [{"itemId": it["id"], "quantity": 10} for it in items]},
        expect=201,
    )
    accountant["api"].post(f"/api/v1/stock-documents/{doc['id']}/audit", expect=200)
    _, st = accountant["api"].post(
        "/api/v1/stocktakes",
        {"warehouseIds": [warehouse["id"]], "kind": "monthly", "counter": "库管员", "supervisor": "邻站监盘员"},
        expect=201,
    )
    accountant["api"].post(f"/api/v1/stocktakes/{st['id']}/distribute", expect=200)
    return tag, keeper, st, items


def test_tablet_count_keeps_typing_and_needs_reasons(server, driver, admin_api, root_unit, make_user):
    tag, keeper, st, items = _setup(admin_api, root_unit, make_user)
    driver.set_window_size(820, 1180)  # a 10-inch tablet held upright
    ui.login(driver, server, keeper["username"], keeper["password"])
    ui.nav_to(driver, "stocktakes")
    ui.visible(driver, f"a.stocktake-link[href='/materials/stocktakes/{st['id']}']").click()
    ui.visible(driver, "a#st-count").click()
    ui.wait_path(driver, lambda p: p.endswith("/count"), "count page")

    # Touch-friendly: the count fields are at least 44 px high and use the decimal keypad.
    field = ui.visible(driver, "input#counted-1")
    assert field.size["height"] >= 44, field.size
    assert field.get_attribute("inputmode") == "decimal"

    # Item search narrows the cards.
    ui.visible(driver, "input#count-search").send_keys(f"blt-{tag}".lower())
    ui.wait(driver).until(
        lambda d: len([c for c in d.find_elements(By.CSS_SELECTOR, "[data-count-card]") if c.is_displayed()]) == 1,
        "search did not narrow the cards",
    )
    card = [c for c in driver.find_elements(By.CSS_SELECTOR, "[data-count-card]") if c.is_displayed()][0]
    assert f"BLT-{tag}" in card.text
    search = ui.visible(driver, "input#count-search")
    search.clear()
    search.send_keys(Keys.SPACE, Keys.BACK_SPACE)
    ui.wait(driver).until(
        lambda d: all(c.is_displayed() for c in d.find_elements(By.CSS_SELECTOR, "[data-count-card]")), "cards back"
    )

    # Lines are ordered by item code: BLT, BRG, OIL. A bad number is refused and everything typed comes back.
    ui.visible(driver, "input#counted-1").send_keys("9")
    Select(ui.visible(driver, "select#reason-code-1")).select_by_value("shortage")
    ui.visible(driver, "input#counted-2").send_keys("十")
    ui.visible(driver, "input#counted-3").send_keys("10")
    ui.visible(driver, "button#count-save").click()
    ui.wait(driver).until(lambda d: "十" in d.page_source and d.find_elements(By.CSS_SELECTOR, "#count-error, .error, [role=alert]"), "no refusal shown")
    assert ui.visible(driver, "input#counted-1").get_attribute("value") == "9"
    assert ui.visible(driver, "input#counted-2").get_attribute("value") == "十"
    assert Select(ui.visible(driver, "select#reason-code-1")).first_selected_option.get_attribute("value") == "shortage"

    # Corrected: saved; the reason text of the shortage is still missing.
    field2 = ui.visible(driver, "input#counted-2")
    field2.clear()
    field2.send_keys("10")
    ui.visible(driver, "button#count-save").click()
    ui.wait(driver).until(lambda d: "已保存" in d.page_source, "counts not saved")
    ui.visible(driver, "a[href='/materials/stocktakes/" + st["id"] + "']").click()
    ui.visible(driver, "button#st-submit").click()
    ui.wait(driver).until(lambda d: "差异原因" in ui.visible(d, "main, body").text and "STK-05" in d.page_source, "submit not refused")
    assert ui.visible(driver, "#stocktake-status .stocktake-status").get_attribute("data-status") == "counting"

    # The reason added on the tablet page: submitted.
    ui.visible(driver, "a#st-count").click()
    ui.visible(driver, "input#reason-1").send_keys("搬运时丢失一个")
    ui.visible(driver, "button#count-save").click()
    ui.wait(driver).until(lambda d: "已保存" in d.page_source, "reason not saved")
    ui.visible(driver, "a[href='/materials/stocktakes/" + st["id"] + "']").click()
    ui.visible(driver, "button#st-submit").click()
    ui.wait(driver).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#stocktake-status .stocktake-status").get_attribute("data-status") == "submitted",
        "not submitted",
    )
    line = ui.visible(driver, f"tr.stocktake-line[data-item-code='BLT-{tag}']")
    assert line.find_element(By.CSS_SELECTOR, "td.difference").text == "-1"
    # The printed sheet has signature lines for the counter and the supervisor.
    signatures = ui.present(driver, "#document-signatures").get_attribute("textContent")
    assert "盘点人" in signatures and "监盘人" in signatures
    assert ui.no_xss(driver)


def _sheet_rows(keeper, st_id):
    import csv
    import io

    _, text = keeper["api"].get(f"/api/v1/stocktakes/{st_id}/sheet.csv", expect=200)
    assert isinstance(text, str), text
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _write_csv(tmp_path, name, rows):
    import csv

    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return str(path)


def test_filled_sheet_uploaded_from_the_stocktake_page(server, driver, admin_api, root_unit, make_user, tmp_path):
    """#12.1: the sheet Kefu exported, filled in outside Kefu (here: edited as CSV), uploaded from the stocktake page;
    a file with bad rows is refused as a whole with each row's error listed; the corrected file shows the counts."""
    tag, keeper, st, items = _setup(admin_api, root_unit, make_user)
    rows = _sheet_rows(keeper, st["id"])
    header = rows[0]
    code_at, counted_at = header.index("存货编码"), header.index("实盘数量")
    reason_code_at, reason_at = header.index("差异原因"), header.index("差异说明")
    filled = {f"BLT-{tag}": "8", f"BRG-{tag}": "10", f"OIL-{tag}": "十"}
    for row in rows[1:]:
        row[counted_at] = filled[row[code_at]]
        if row[code_at] == f"BLT-{tag}":
            row[reason_code_at], row[reason_at] = "shortage", "两个在风机上"
    bad = _write_csv(tmp_path, "bad.csv", rows + [[c if i != code_at else "NOPE-" + tag for i, c in enumerate(rows[1])]])

    ui.login(driver, server, keeper["username"], keeper["password"])
    driver.get(server + f"/materials/stocktakes/{st['id']}")
    ui.visible(driver, "input#st-import-file").send_keys(bad)
    ui.visible(driver, "button#st-import").click()
    errors = ui.visible(driver, "#st-import-errors")
    listed = [li.text for li in errors.find_elements(By.CSS_SELECTOR, "li")]
    assert len(listed) == 2, listed  # the quantity "十" and the unknown item code, each with its row
    assert any("十" in e for e in listed) and any(f"NOPE-{tag}" in e for e in listed), listed
    assert ui.current_path(driver) == f"/materials/stocktakes/{st['id']}"
    # Nothing half-imported.
    assert all(td.text == "" for td in driver.find_elements(By.CSS_SELECTOR, "tr.stocktake-line td.counted"))

    rows_ok = [list(r) for r in rows]
    for row in rows_ok[1:]:
        if row[code_at] == f"OIL-{tag}":
            row[counted_at] = "10"
    good = _write_csv(tmp_path, "good.csv", rows_ok)
    ui.visible(driver, "input#st-import-file").send_keys(good)
    ui.visible(driver, "button#st-import").click()
    ui.wait(driver).until(lambda d: "已导入盘点表" in d.page_source, "import not confirmed")
    counted = {
        tr.get_attribute("data-item-code"): (tr.find_element(By.CSS_SELECTOR, "td.counted").text, tr.find_element(By.CSS_SELECTOR, "td.difference").text)
        for tr in driver.find_elements(By.CSS_SELECTOR, "tr.stocktake-line")
    }
    assert {code: c for code, (c, _) in counted.items()} == {f"BLT-{tag}": "8", f"BRG-{tag}": "10", f"OIL-{tag}": "10"}, counted
    assert counted[f"BLT-{tag}"][1] == "-2", counted
    assert not driver.find_elements(By.CSS_SELECTOR, "#st-import-errors")
    assert ui.no_xss(driver)


def test_new_stocktake_supervising_site_must_be_another_site(server, driver, admin_api, root_unit, make_user):
    """#12.1 STK-04: the new-stocktake form offers the supervising site; the counted warehouses' own site is refused
    with the message under the field and everything typed kept; another site is accepted."""
    b = site_books(admin_api, root_unit, make_user)
    _, other = admin_api.post(
        "/api/v1/org-units", {"code": f"T{b.tag}", "name": f"邻站{b.tag}", "kind": "site", "parentId": b.dept["id"]}, expect=201
    )
    _, other_wh = b.hq["api"].post(
        "/api/v1/warehouses", {"code": f"V{b.tag}", "name": f"邻站{b.tag}完好品库", "orgUnitId": other["id"], "condition": "good"}, expect=201
    )
    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    driver.get(server + "/materials/stocktakes/new")
    ui.visible(driver, f"input[name='wh_{b.warehouse['id']}']").click()
    ui.visible(driver, "input#st-counter").send_keys("库管员甲")
    Select(ui.visible(driver, "select#st-supervised-by")).select_by_value(b.site["id"])
    ui.visible(driver, "button#stocktake-save").click()
    message = ui.visible(driver, ".field.has-error select#st-supervised-by ~ .field-error, #st-supervised-by-error")
    assert "STK-04" in message.text, message.text
    assert ui.visible(driver, "input#st-counter").get_attribute("value") == "库管员甲"
    assert ui.visible(driver, f"input[name='wh_{b.warehouse['id']}']").is_selected()

    options = {o.get_attribute("value"): o.text for o in Select(ui.visible(driver, "select#st-supervised-by")).options}
    assert other_wh["code"] in options[other["id"]], options
    Select(ui.visible(driver, "select#st-supervised-by")).select_by_value(other["id"])
    ui.visible(driver, "button#stocktake-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/stocktakes/") and not p.endswith("/new"), "stocktake created")
    st_id = ui.current_path(driver).rsplit("/", 1)[1]
    _, st = b.accountant["api"].get(f"/api/v1/stocktakes/{st_id}", expect=200)
    assert st["supervisedBy"] == other["id"], st


def test_stocktake_list_shows_the_count_schedule(server, driver, admin_api, root_unit, make_user):
    """#12.1 STK-01/02: the accountant's stocktake list shows, per warehouse in her scope, the last count and whether
    the monthly (site) or quarterly (department) count is done, due or overdue."""
    b = site_books(admin_api, root_unit, make_user)
    _, other = admin_api.post(
        "/api/v1/org-units", {"code": f"T{b.tag}", "name": f"邻站{b.tag}", "kind": "site", "parentId": b.dept["id"]}, expect=201
    )
    _, never = b.hq["api"].post(
        "/api/v1/warehouses", {"code": f"V{b.tag}", "name": f"邻站{b.tag}完好品库", "orgUnitId": other["id"], "condition": "good"}, expect=201
    )
    _, dept_wh = b.hq["api"].post(
        "/api/v1/warehouses", {"code": f"D{b.tag}", "name": f"业务部{b.tag}库", "orgUnitId": b.dept["id"], "condition": "good"}, expect=201
    )
    item = b.item(f"CNT-{b.tag}", "滤芯")
    _, doc = b.accountant["api"].post(
        "/api/v1/stock-documents",
        {"direction": "in", "reason": "spot_purchase", "warehouseId": b.warehouse["id"], "date": "2026-11-20",
         "lines": [{"itemId": item["id"], "quantity": 4}]},
        expect=201,
    )
    b.accountant["api"].post(f"/api/v1/stock-documents/{doc['id']}/audit", expect=200)
    _, st = b.accountant["api"].post("/api/v1/stocktakes", {"warehouseIds": [b.warehouse["id"]], "kind": "monthly", "counter": "库管员"}, expect=201)
    b.accountant["api"].post(f"/api/v1/stocktakes/{st['id']}/distribute", expect=200)

    def states():
        driver.get(server + "/materials/stocktakes")
        return {
            tr.get_attribute("data-warehouse-code"): (tr.get_attribute("data-due"), tr.text)
            for tr in ui.present(driver, "#stocktake-cadence").find_elements(By.CSS_SELECTOR, "tr.cadence-row")
        }

    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    before = states()
    assert before[b.warehouse["code"]][0] == "overdue", before  # distributed but not counted yet
    b.keeper["api"].request(
        "PUT", f"/api/v1/stocktakes/{st['id']}/counts",
        {"lines": [{"itemId": item["id"], "warehouseId": b.warehouse["id"], "countedQuantity": 4}]}, expect=200,
    )
    b.keeper["api"].post(f"/api/v1/stocktakes/{st['id']}/submit", expect=200)
    after = states()
    assert after[b.warehouse["code"]][0] == "done", after
    assert "每月" in after[b.warehouse["code"]][1], after
    assert after[never["code"]][0] == "overdue" and "从未盘点" in after[never["code"]][1], after
    assert "每季度" in after[dept_wh["code"]][1], after
    # Overdue warehouses are listed first.
    codes = list(after)
    assert codes.index(never["code"]) < codes.index(b.warehouse["code"]), codes

"""#12 remainder in a real browser: the MAT-02 warehouse check and its warning on
the warehouse pages, the ledger days list exported with its filters (read back
by openpyxl), the supervising-site choice offering active sites only (STK-04),
and the stocktake approver an administrator names per department (D5), with the
count schedule in the API as on the page (STK-01/02)."""

from __future__ import annotations

import io
import urllib.request

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books


def _download(driver, url: str) -> bytes:
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies}), timeout=30) as resp:
        assert "spreadsheetml" in resp.headers["Content-Type"]
        return resp.read()


def _breaches(driver) -> set[str]:
    found = driver.find_elements(By.CSS_SELECTOR, "#warehouse-pair-warning li.pair-breach")
    return {li.get_attribute("data-unit-code") for li in found}


def test_warehouse_pages_warn_until_a_unit_has_both_warehouses(server, driver, admin_api, root_unit, make_user):
    """MAT-02: HQ adds a site's good warehouse on the warehouse page; the page warns that the site lacks a damaged one and
    the check lists it; once the damaged warehouse is added the warning for it is gone; deactivating that last damaged
    warehouse while the good one is active is refused with the reason on the warehouse's page."""
    b = site_books(admin_api, root_unit, make_user)
    _, site = admin_api.post("/api/v1/org-units", {"code": f"N{b.tag}", "name": f"新现场{b.tag}", "kind": "site", "parentId": b.dept["id"]}, expect=201)
    ui.login(driver, server, b.hq["username"], b.hq["password"])
    ui.nav_to(driver, "warehouses")

    def add(code: str, name: str, condition: str) -> None:
        form = ui.visible(driver, "form#warehouse-create")
        form.find_element(By.CSS_SELECTOR, "#new-code").send_keys(code)
        form.find_element(By.CSS_SELECTOR, "#new-name").send_keys(name)
        Select(form.find_element(By.CSS_SELECTOR, "#new-unit")).select_by_value(site["id"])
        Select(form.find_element(By.CSS_SELECTOR, "#new-condition")).select_by_value(condition)
        form.find_element(By.CSS_SELECTOR, "#warehouse-create-submit").click()
        ui.wait(driver).until(lambda d: "notice=saved" in d.current_url)

    add(f"NG{b.tag}", f"新现场{b.tag}完好品库", "good")
    assert f"N{b.tag}" in _breaches(driver), driver.page_source[:600]
    ui.visible(driver, "#warehouse-pair-warning a[href='/materials/warehouse-check']").click()
    row = ui.visible(driver, f"#warehouse-check tr.check-row[data-unit-code='N{b.tag}']")
    assert row.get_attribute("data-missing") == "damaged" and "缺损坏品库" in row.text, row.text

    driver.get(server + "/materials/warehouses")
    add(f"ND{b.tag}", f"新现场{b.tag}损坏品库", "damaged")
    assert f"N{b.tag}" not in _breaches(driver)

    ui.visible(driver, "#warehouse-list a.warehouse-link")
    link = [a for a in driver.find_elements(By.CSS_SELECTOR, "a.warehouse-link") if a.text == f"ND{b.tag}"][0]
    link.click()
    box = ui.visible(driver, "form#warehouse-edit input[name='active']")
    assert box.is_selected()
    box.click()
    ui.visible(driver, "button#warehouse-save").click()
    error = ui.visible(driver, ".flash-error, .field-error")
    assert "MAT-02" in error.text, error.text
    _, listed = b.hq["api"].get("/api/v1/warehouses", expect=200)
    assert [w["active"] for w in listed["items"] if w["code"] == f"ND{b.tag}"] == [True]


def test_ledger_days_export_keeps_the_filters_and_opens_in_openpyxl(server, driver, admin_api, root_unit, make_user):
    """LED-*: the accountant filters the ledger days by date and status and exports them; the XLSX holds exactly the
    filtered days with real dates."""
    b = site_books(admin_api, root_unit, make_user)
    item = b.item(f"LD-{b.tag}", "滤网")
    ids = {}
    for date in ("2026-11-17", "2026-11-18", "2026-11-19"):
        _, day = b.keeper["api"].post(
            "/api/v1/site-ledgers",
            {"warehouseId": b.warehouse["id"], "date": date, "lateReason": "补录",
             "lines": [{"kind": "transfer_in", "itemId": item["id"], "quantityIn": 1, "remark": "调入", "reference": "DB-2026-000009"}]},
            expect=201,
        )
        ids[date] = day["id"]
    for date in ("2026-11-18", "2026-11-19"):
        b.keeper["api"].post(f"/api/v1/site-ledgers/{ids[date]}/submit", {"lateReason": "补录"}, expect=200)

    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    ui.nav_to(driver, "site-ledgers")
    form = ui.visible(driver, "form#ledger-day-filters")
    driver.execute_script("arguments[0].value = '2026-11-18'", form.find_element(By.CSS_SELECTOR, "#days-from"))
    Select(form.find_element(By.CSS_SELECTOR, "#days-status")).select_by_value("submitted")
    form.find_element(By.CSS_SELECTOR, "#days-filter").click()
    ui.wait(driver).until(lambda d: "status=submitted" in d.current_url)
    href = ui.visible(driver, "a#export-days-xlsx").get_attribute("href")
    assert "from=2026-11-18" in href and "status=submitted" in href, href
    rows = list(openpyxl.load_workbook(io.BytesIO(_download(driver, href))).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("日期", "仓库编码", "仓库名称", "状态"), rows[0]
    assert sorted(r[0].date().isoformat() for r in rows[1:]) == ["2026-11-18", "2026-11-19"], rows
    assert all(r[1] == b.warehouse["code"] and r[3] == "已提交" for r in rows[1:]), rows


def test_supervising_site_choices_are_active_sites(server, driver, admin_api, root_unit, make_user):
    """STK-04: the new-stocktake form offers every active site (also one holding no warehouse yet) and no department."""
    b = site_books(admin_api, root_unit, make_user)
    b.hq["api"].post("/api/v1/warehouses", {"code": f"DW{b.tag}", "name": f"业务部{b.tag}库", "orgUnitId": b.dept["id"], "condition": "good"}, expect=201)
    _, bare = admin_api.post("/api/v1/org-units", {"code": f"B{b.tag}", "name": f"邻站{b.tag}", "kind": "site", "parentId": b.dept["id"]}, expect=201)
    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    driver.get(server + "/materials/stocktakes/new")
    choices = {o.get_attribute("value"): o.text for o in Select(ui.visible(driver, "select#st-supervised-by")).options}
    assert b.dept["id"] not in choices, choices
    assert bare["id"] in choices and f"邻站{b.tag}" in choices[bare["id"]], choices
    ui.visible(driver, f"input[name='wh_{b.warehouse['id']}']").click()
    Select(ui.visible(driver, "select#st-supervised-by")).select_by_value(bare["id"])
    ui.visible(driver, "button#stocktake-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/stocktakes/") and not p.endswith("/new"), "stocktake created")
    _, st = b.accountant["api"].get(f"/api/v1/stocktakes/{ui.current_path(driver).rsplit('/', 1)[1]}", expect=200)
    assert st["supervisedBy"] == bare["id"], st


def test_an_administrator_names_the_stocktake_approver(server, driver, admin_api, root_unit, make_user):
    """D5: the department manager approves by default; an administrator names the department's supervisor on the
    settings page; then the manager's approve button is disabled and the supervisor approves. The count schedule the
    list page shows is the API's."""
    b = site_books(admin_api, root_unit, make_user)
    item = b.item(f"AP-{b.tag}", "密封圈")
    _, doc = b.accountant["api"].post(
        "/api/v1/stock-documents",
        {"direction": "in", "reason": "spot_purchase", "warehouseId": b.warehouse["id"], "date": "2026-11-20", "lines": [{"itemId": item["id"], "quantity": 3}]},
        expect=201,
    )
    b.accountant["api"].post(f"/api/v1/stock-documents/{doc['id']}/audit", expect=200)
    _, st = b.accountant["api"].post("/api/v1/stocktakes", {"warehouseIds": [b.warehouse["id"]], "kind": "monthly"}, expect=201)
    b.accountant["api"].post(f"/api/v1/stocktakes/{st['id']}/distribute", expect=200)
    b.keeper["api"].request("PUT", f"/api/v1/stocktakes/{st['id']}/counts",
                            {"lines": [{"itemId": item["id"], "warehouseId": b.warehouse["id"], "countedQuantity": 3}]}, expect=200)
    b.keeper["api"].post(f"/api/v1/stocktakes/{st['id']}/submit", expect=200)
    manager = make_user(roles=["dept_manager"], display_name=f"经理{b.tag}", org_unit_id=b.dept["id"])
    supervisor = make_user(roles=["dept_supervisor"], display_name=f"主管{b.tag}", org_unit_id=b.dept["id"])
    administrator = make_user(roles=["admin"], display_name="管理员")

    ui.login(driver, server, administrator["username"], administrator["password"])
    ui.nav_to(driver, "stocktake-approvers")
    row = ui.visible(driver, f"tr.approver-row[data-department-code='D{b.tag}']")
    assert row.get_attribute("data-default") == "1" and "业务部经理（默认）" in row.text, row.text
    Select(row.find_element(By.CSS_SELECTOR, f"select#role-D{b.tag}")).select_by_value("dept_supervisor")
    row.find_element(By.CSS_SELECTOR, f"button#approver-save-D{b.tag}").click()
    ui.wait(driver).until(lambda d: "notice=saved" in d.current_url)
    row = ui.visible(driver, f"tr.approver-row[data-department-code='D{b.tag}']")
    assert row.get_attribute("data-default") == "0" and "指定角色" in row.text, row.text
    ui.logout(driver)

    ui.login(driver, server, manager["username"], manager["password"])
    driver.get(f"{server}/materials/stocktakes/{st['id']}")
    assert ui.visible(driver, "button#st-approve").get_attribute("disabled") is not None
    ui.logout(driver)
    ui.login(driver, server, supervisor["username"], supervisor["password"])
    driver.get(f"{server}/materials/stocktakes/{st['id']}")
    ui.visible(driver, "button#st-approve").click()
    ui.wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#stocktake-status .stocktake-status").get_attribute("data-status") == "approved")
    ui.logout(driver)

    # STK-01/02: the schedule on the accountant's list page is the API's.
    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    driver.get(server + "/materials/stocktakes")
    page = {tr.get_attribute("data-warehouse-code"): tr.get_attribute("data-due")
            for tr in ui.present(driver, "#stocktake-cadence").find_elements(By.CSS_SELECTOR, "tr.cadence-row")}
    _, answer = b.accountant["api"].get("/api/v1/stocktakes/schedule", expect=200)
    assert page == {r["warehouseCode"]: r["due"] for r in answer["items"]}, (page, answer)
    assert page[b.warehouse["code"]] == "done", page

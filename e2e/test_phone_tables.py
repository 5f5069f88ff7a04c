"""#11 remainder A (#11.5, #11.9) in a real browser at phone size (390×844): the
org administration pages, the role home pages, the SLA policies and the KPI
report no longer scroll sideways; each wide table is drawn as cards of labelled
values (DataTable + StackedTables), a tablet keeps real tables, and every form
control on these pages has a name a screen reader says and a visible focus ring."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.keys import Keys

import kefu_pages as ui
from test_navigation import _materials
from site_books import site_books
from test_page_polish import PHONE, TABLES, _no_sideways_scroll
from test_storage import shelf_life_stock

# Form controls in <main> without a name a screen reader announces.
UNLABELLED = """
return Array.from(document.querySelectorAll('main input:not([type=hidden]), main select, main textarea, main button')).filter(function (e) {
  if (e.tagName === 'BUTTON') { return !e.textContent.trim() && !e.getAttribute('aria-label'); }
  return !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !e.title;
}).map(function (e) { return e.id || e.name || e.outerHTML.slice(0, 60); });
"""

# The focus ring of the focused element: an outline or a box-shadow that can be seen.
FOCUS_RING = """
var s = getComputedStyle(document.activeElement);
return {id: document.activeElement.id, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none'};
"""


def _value_with_label(driver, table_id: str, label: str, value: str) -> None:
    """A cell of `table_id` shows `value`, led on screen by its column `label`."""
    cells = driver.execute_script(
        """
        return Array.from(document.querySelectorAll('#' + arguments[0] + ' td')).filter(function (c) {
          var r = c.getBoundingClientRect(); return r.width > 0 && r.height > 0;
        }).map(function (c) { return [c.getAttribute('data-label'), getComputedStyle(c, '::before').content, c.innerText]; });
        """,
        table_id,
    )
    hits = [c for c in cells if c[0] == label and label in c[1] and value in c[2]]
    assert hits, f"#{table_id}: no visible '{value}' led by '{label}': {cells[:12]}"


def _cards(driver, server, path: str, table_id: str, first_label: str, values=(), controls: bool = True) -> None:
    """`path` on a phone: `table_id` drawn as cards, each (label, value) of `values` visible under its label."""
    driver.get(server + path)
    ui.present(driver, f"table#{table_id}")
    _no_sideways_scroll(driver, table_id, first_label)
    for label, value in values:
        _value_with_label(driver, table_id, label, value)
    if controls:
        _controls_are_labelled_and_focus_shows(driver, path)


def _received(accountant, warehouse, item, quantity: str, date: str | None = None) -> dict:
    """An audited receipt of `quantity` of `item` into `warehouse` (dated `date`, else today)."""
    body = {"direction": "in", "reason": "spot_purchase", "warehouseId": warehouse["id"], "lines": [{"itemId": item["id"], "quantity": quantity}]}
    if date:
        body["date"] = date
    _, doc = accountant["api"].post("/api/v1/stock-documents", body, expect=201)
    accountant["api"].post(f"/api/v1/stock-documents/{doc['id']}/audit", expect=200)
    return doc


def _controls_are_labelled_and_focus_shows(driver, what: str) -> None:
    unlabelled = driver.execute_script(UNLABELLED)
    assert not unlabelled, f"{what}: controls without a label: {unlabelled}"
    first = driver.execute_script(
        "var e = document.querySelector('main input:not([type=hidden]):not([disabled]), main select:not([disabled])'); if (e) { e.focus(); } return e ? e.id : null;"
    )
    if first:
        ring = driver.execute_script(FOCUS_RING)
        assert ring["outline"] or ring["shadow"], f"{what}: no visible focus on #{first}: {ring}"


def test_admin_pages_fit_a_phone_as_labelled_cards(server, driver, admin_password, admin_api, root_unit):
    tag = secrets.token_hex(3).upper()
    admin_api.post("/api/v1/org-units", {"code": f"PH{tag}", "name": f"手机组织{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, "admin", admin_password)
    _cards(driver, server, "/admin/units", "unit-list", "编码", [("名称", f"手机组织{tag}")])
    _cards(driver, server, "/admin/users", "user-list", "用户名", [("用户名", "admin")])
    driver.get(server + "/admin/users/new")
    ui.present(driver, "form#user-form")
    _controls_are_labelled_and_focus_shows(driver, "/admin/users/new")


def test_sla_and_kpi_pages_fit_a_phone_as_labelled_cards(server, driver, make_user, admin_api):
    tag = secrets.token_hex(3).upper()
    manager = make_user(roles=["cs_manager"], display_name="客服经理")
    manager["api"].post(
        "/api/v1/sla-policies",
        {"name": f"手机查看的服务标准 {tag}", "match": {"channel": "phone"}, "calendar": "24x7",
         "firstResponseMinutes": 5, "resolutionMinutes": 600, "escalateAfterMinutes": 60},
        expect=201,
    )
    agent = make_user(roles=["cs_agent"], display_name="手机坐席")
    agent["api"].post("/api/v1/tickets", {"subject": f"KPI {tag}", "type": "inquiry", "channel": "phone", "priority": "normal"}, expect=201)

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, manager["username"], manager["password"])
    _cards(driver, server, "/admin/sla", "policy-list", "名称", [("名称", f"手机查看的服务标准 {tag}"), ("首次响应（分）", "5")])
    _cards(driver, server, "/reports/service-kpis", "kpi-table", "客服", [("已解决/受理", "/")])
    # The total row is a card too, its figures labelled.
    total = driver.execute_script(
        "var r = document.getElementById('kpi-total'); return [getComputedStyle(r).display, r.querySelectorAll('td[data-label=\"升级\"]').length];"
    )
    assert total == ["block", 1], total

    # A tablet keeps the real table.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 820, "height": 1180, "deviceScaleFactor": 2, "mobile": True})
    driver.get(server + "/admin/sla")
    ui.present(driver, "table#policy-list")
    rows = {t["id"]: t for t in driver.execute_script(TABLES)}
    assert rows["policy-list"]["rowDisplay"] == "table-row", rows


def test_home_pages_fit_a_phone_as_labelled_cards(server, driver, agent, make_user, admin_api, root_unit):
    tag = secrets.token_hex(3).upper()
    _, ticket = agent["api"].post(
        "/api/v1/tickets",
        {"subject": f"主页上的工单 {tag}", "type": "inquiry", "channel": "phone", "priority": "high",
         "customer": {"name": "华能某风电场", "phone": "13900004444"}},
        expect=201,
    )
    _, accountant, warehouse, item = _materials(make_user, admin_api, root_unit, tag)
    _received(accountant, warehouse, item, "2")
    _, waiting = accountant["api"].post(
        "/api/v1/stock-documents",
        {"direction": "out", "reason": "self_use", "warehouseId": warehouse["id"], "lines": [{"itemId": item["id"], "quantity": "1"}]},
        expect=201,
    )

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, agent["username"], agent["password"])
    _cards(driver, server, "/", "home-queue-table", "编号", [("编号", ticket["number"]), ("客户", "华能某风电场")], controls=False)

    ui.logout(driver)
    ui.login(driver, server, accountant["username"], accountant["password"])
    _cards(driver, server, "/", "home-audits-table", "单据号", [("单据号", waiting["number"])])
    _cards(driver, server, "/", "home-low-stock-table", "存货编码", [("现存量", "2")], controls=False)
    # Keyboard focus shows on a link of the cards too, and Enter follows it.
    link = driver.find_element("css selector", f"#home-audits-table a[href='/materials/documents/{waiting['id']}']")
    driver.execute_script("arguments[0].focus()", link)
    ring = driver.execute_script(FOCUS_RING)
    assert ring["outline"] or ring["shadow"], ring
    ui.press(driver, Keys.ENTER)
    ui.wait_path(driver, lambda p: p == f"/materials/documents/{waiting['id']}", "the document from the home card")


def test_site_pages_fit_a_phone_as_labelled_cards(server, driver, admin_api, root_unit, make_user):
    b = site_books(admin_api, root_unit, make_user)
    b.keeper["api"].post(
        "/api/v1/issue-refusals",
        {"warehouseId": b.warehouse["id"], "requestedBy": f"施工队{b.tag}", "purpose": "自家农机维修", "reason": "非现场正常工作用料"},
        expect=201,
    )
    b.keeper["api"].post(
        "/api/v1/storage-registers",
        {"kind": "access", "warehouseId": b.warehouse["id"], "date": "2026-11-20", "subject": f"李四 京B{b.tag}", "finding": "送货"},
        expect=201,
    )
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, b.keeper["username"], b.keeper["password"])
    _cards(driver, server, "/materials/issue-refusals", "refusal-list", "日期", [("申领人", f"施工队{b.tag}"), ("拒绝原因", "非现场正常工作用料")])
    _cards(driver, server, "/materials/registers/access", "register-list", "日期", [("人员 / 车辆", f"李四 京B{b.tag}")])

    # The department accountant's count schedule.
    ui.logout(driver)
    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    _cards(driver, server, "/materials/stocktakes", "stocktake-cadence", "仓库编码", [("仓库编码", b.warehouse["code"]), ("上次盘点", "从未盘点")])


def test_on_hand_report_fits_a_phone_as_labelled_cards(server, driver, make_user, admin_api, root_unit):
    tag = secrets.token_hex(3).upper()
    hq, accountant, warehouse, item = _materials(make_user, admin_api, root_unit, tag)
    _received(accountant, warehouse, item, "7")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, hq["username"], hq["password"])
    _cards(driver, server, "/materials/reports/on-hand", "on-hand-report", "业务部", [("存货编码", f"NAV-{tag}")], controls=False)
    # The total is a card of its own, its figure visible.
    assert ui.visible(driver, "#report-total").text.strip()


def test_bins_and_batches_fit_a_phone_as_labelled_cards(server, driver, admin_api, root_unit, make_user):
    b, item, _, _ = shelf_life_stock(admin_api, root_unit, make_user)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, b["keeper"]["username"], b["keeper"]["password"])
    where = f"?warehouseId={b['warehouse']['id']}"
    _cards(driver, server, "/materials/batches" + where, "batch-list", "仓库", [("批号", "EARLY-" + b["tag"]), ("有效期至", "2027-01-31")])
    _cards(driver, server, "/materials/bins" + where, "bin-list", "库位", [("库位（仓库-货架-层-位）", "R1-2-3"), ("操作", "库位卡")])


def test_stocktake_ledger_and_reconciliation_tables_fit_a_phone(server, driver, admin_api, root_unit, make_user):
    """#11.5 remainder: the stocktake list and lines, the site ledger's standings, day list and day lines, and the
    reconciliation lines are labelled cards on a phone (they scrolled sideways before)."""
    import datetime

    from test_reconciliation import latest_month

    b = site_books(admin_api, root_unit, make_user)
    item = b.item(f"PT-{b.tag}", f"手机盘点件{b.tag}")
    month = latest_month(datetime.date.today())
    _received(b.accountant, b.warehouse, item, "12", date=month + "-01")
    _, st = b.accountant["api"].post(
        "/api/v1/stocktakes", {"warehouseIds": [b.warehouse["id"]], "kind": "monthly", "counter": f"手机盘点人{b.tag}"}, expect=201
    )
    b.accountant["api"].post(f"/api/v1/stocktakes/{st['id']}/distribute", expect=200)
    b.keeper["api"].request(
        "PUT", f"/api/v1/stocktakes/{st['id']}/counts",
        {"lines": [{"itemId": item["id"], "countedQuantity": 11, "reasonCode": "damage", "reason": "包装破损"}]}, expect=200,
    )
    _, day = b.keeper["api"].post(
        "/api/v1/site-ledgers",
        {"warehouseId": b.warehouse["id"], "date": "2026-11-18", "lateReason": "补录",
         "lines": [{"kind": "self_use", "itemId": item["id"], "quantityOut": 3, "remark": f"2号风机加注{b.tag}"}]},
        expect=201,
    )

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    _cards(driver, server, "/materials/stocktakes", "stocktake-list", "盘点单号", [("盘点单号", st["number"]), ("盘点人", f"手机盘点人{b.tag}")])
    _cards(driver, server, f"/materials/stocktakes/{st['id']}", "stocktake-lines", "行",
           [("存货编码", f"PT-{b.tag}"), ("账面数量", "12"), ("实盘数量", "11"), ("差异", "-1")])
    _cards(driver, server, "/materials/site-ledgers?date=2026-11-18", "standings", "现场仓库", [("现场仓库", b.warehouse["code"])])
    _cards(driver, server, "/materials/site-ledgers?date=2026-11-18", "site-ledger-list", "日期", [("日期", "2026-11-18")], controls=False)
    _cards(driver, server, f"/materials/site-ledgers/{day['id']}", "site-ledger-view", "类别", [("类别", "期初结存"), ("摘要", f"2号风机加注{b.tag}"), ("发出", "3"), ("结存", "12")])
    # The 合计 is a card of its own, its figure under its label.
    total = driver.execute_script(
        "var r = document.querySelector('#site-ledger-view tfoot tr'); var c = document.getElementById('total-out');"
        " return [getComputedStyle(r).display, c.getAttribute('data-label'), c.innerText.trim()];"
    )
    assert total == ["block", "发出", "3"], total
    _cards(driver, server, f"/materials/reconciliations?orgUnitId={b.site['id']}&month={month}", "reconciliation-lines", "存货编码",
           [("存货编码", f"PT-{b.tag}"), ("账面（账）", "12")])
    # The count of the reconciliation is typed in its card: the field is inside the phone's width.
    field = driver.execute_script(
        "var e = document.querySelector('#reconciliation-lines input.qty'); var r = e.getBoundingClientRect();"
        " return [r.left >= 0, r.right <= window.innerWidth, r.width > 40];"
    )
    assert field == [True, True, True], field

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
from test_page_polish import PHONE, TABLES, _no_sideways_scroll

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

    driver.get(server + "/admin/units")
    ui.present(driver, "table#unit-list")
    _no_sideways_scroll(driver, "unit-list", "编码")
    _value_with_label(driver, "unit-list", "名称", f"手机组织{tag}")
    _controls_are_labelled_and_focus_shows(driver, "/admin/units")

    driver.get(server + "/admin/users")
    ui.present(driver, "table#user-list")
    _no_sideways_scroll(driver, "user-list", "用户名")
    _value_with_label(driver, "user-list", "用户名", "admin")
    _controls_are_labelled_and_focus_shows(driver, "/admin/users")

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
    driver.get(server + "/admin/sla")
    ui.present(driver, "table#policy-list")
    _no_sideways_scroll(driver, "policy-list", "名称")
    _value_with_label(driver, "policy-list", "名称", f"手机查看的服务标准 {tag}")
    _value_with_label(driver, "policy-list", "首次响应（分）", "5")
    _controls_are_labelled_and_focus_shows(driver, "/admin/sla")

    driver.get(server + "/reports/service-kpis")
    ui.present(driver, "table#kpi-table")
    _no_sideways_scroll(driver, "kpi-table", "客服")
    _value_with_label(driver, "kpi-table", "已解决/受理", "/")
    # The total row is a card too, its figures labelled.
    total = driver.execute_script(
        "var r = document.getElementById('kpi-total'); return [getComputedStyle(r).display, r.querySelectorAll('td[data-label=\"升级\"]').length];"
    )
    assert total == ["block", 1], total
    _controls_are_labelled_and_focus_shows(driver, "/reports/service-kpis")

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
    _, doc = accountant["api"].post(
        "/api/v1/stock-documents",
        {"direction": "in", "reason": "spot_purchase", "warehouseId": warehouse["id"], "lines": [{"itemId": item["id"], "quantity": "2"}]},
        expect=201,
    )
    accountant["api"].post(f"/api/v1/stock-documents/{doc['id']}/audit", expect=200)
    _, waiting = accountant["api"].post(
        "/api/v1/stock-documents",
        {"direction": "out", "reason": "self_use", "warehouseId": warehouse["id"], "lines": [{"itemId": item["id"], "quantity": "1"}]},
        expect=201,
    )

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, agent["username"], agent["password"])
    ui.present(driver, "table#home-queue-table")
    _no_sideways_scroll(driver, "home-queue-table", "编号")
    _value_with_label(driver, "home-queue-table", "编号", ticket["number"])
    _value_with_label(driver, "home-queue-table", "客户", "华能某风电场")

    ui.logout(driver)
    ui.login(driver, server, accountant["username"], accountant["password"])
    ui.present(driver, "table#home-audits-table")
    _no_sideways_scroll(driver, "home-audits-table", "单据号")
    _value_with_label(driver, "home-audits-table", "单据号", waiting["number"])
    _no_sideways_scroll(driver, "home-low-stock-table", "存货编码")
    _value_with_label(driver, "home-low-stock-table", "现存量", "2")
    _controls_are_labelled_and_focus_shows(driver, "the home page")
    # Keyboard focus shows on a link of the cards too.
    link = driver.find_element("css selector", f"#home-audits-table a[href='/materials/documents/{waiting['id']}']")
    driver.execute_script("arguments[0].focus()", link)
    ring = driver.execute_script(FOCUS_RING)
    assert ring["outline"] or ring["shadow"], ring
    ui.press(driver, Keys.ENTER)
    ui.wait_path(driver, lambda p: p == f"/materials/documents/{waiting['id']}", "the document from the home card")

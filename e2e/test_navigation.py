"""#11.5 in a real browser: the grouped menu (keyboard and touch), the home page
per role, related records both ways, labels instead of codes, the printed page,
and a phone-sized run (390×844) of the queue, a ticket, documents and the public
pages without sideways page scrolling."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import kefu_pages as ui

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}


def _phone(driver) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})


def _no_page_scroll_sideways(driver, what: str) -> None:
    ui.wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    widths = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth];"
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[1], f"{what} scrolls sideways on a phone: {widths}"


def _materials(make_user, admin_api, root_unit, tag: str):
    _, dept = admin_api.post(
        "/api/v1/org-units", {"code": f"N{tag}", "name": f"业务部{tag}", "kind": "business", "parentId": root_unit["id"]}, expect=201
    )
    hq = make_user(roles=["mgmt_materials"], display_name="物资管理室")
    accountant = make_user(roles=["dept_accountant"], display_name="业务部账务员", org_unit_id=dept["id"])
    _, warehouse = hq["api"].post(
        "/api/v1/warehouses", {"code": f"NW{tag}", "name": f"业务部{tag}完好品库", "orgUnitId": dept["id"], "condition": "good"}, expect=201
    )
    _, item = hq["api"].post(
        "/api/v1/items",
        {"code": f"NAV-{tag}", "name": f"变桨电机{tag}", "unit": "台", "category": "spare_part", "repairClass": "II", "reserveQuota": "5"},
        expect=201,
    )
    return hq, accountant, warehouse, item


def test_menu_is_grouped_by_work_area_and_works_from_the_keyboard(server, driver, agent):
    ui.login(driver, server, agent["username"], agent["password"])
    nav = ui.visible(driver, "nav#main-nav")
    # Work areas, not 21 entries in one row; entries sit inside their area's menu, closed until opened.
    areas = nav.find_elements(By.CSS_SELECTOR, "details[data-nav-area] > summary")
    labels = [a.text for a in areas]
    assert labels[:2] == ["服务台", "售后"], labels
    assert len(areas) <= 6, labels
    assert not ui.present(driver, "a#nav-new-ticket").is_displayed()

    # Tab to the 服务台 menu, open it with Enter, walk it with the arrows, close it with Esc.
    summary = driver.find_element(By.CSS_SELECTOR, "#nav-area-desk > summary")
    driver.execute_script("arguments[0].focus()", summary)
    ui.press(driver, Keys.ENTER)
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "nav-area-desk").get_attribute("open") is not None, "Enter did not open 服务台")
    ui.press(driver, Keys.ARROW_DOWN)
    assert ui.active_id(driver) == "nav-tickets", ui.active_id(driver)
    ui.press(driver, Keys.ARROW_DOWN)
    assert ui.active_id(driver) == "nav-new-ticket", ui.active_id(driver)
    ui.press(driver, Keys.ESCAPE)
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "nav-area-desk").get_attribute("open") is None, "Esc did not close the menu")
    assert ui.active_id(driver) == "nav-area-desk-label"
    # ArrowRight moves to the next area; only one menu is open at a time.
    ui.press(driver, Keys.ARROW_RIGHT)
    assert ui.active_id(driver) == "nav-area-aftersales-label"
    ui.press(driver, Keys.ENTER)
    driver.find_element(By.CSS_SELECTOR, "#nav-area-desk > summary").click()
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "nav-area-aftersales").get_attribute("open") is None, "two menus open at once")
    # Enter on an entry follows it.
    ui.press(driver, Keys.ARROW_DOWN)
    ui.press(driver, Keys.ARROW_DOWN)
    ui.press(driver, Keys.ENTER)
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/tickets/new", "/tickets/new from the keyboard")
    # The quick search in the header answers at /search?q=.
    box = ui.visible(driver, "form[role=search] input[name=q]")
    assert box.get_attribute("id") == "quick-search-q"
    assert driver.find_element(By.CSS_SELECTOR, "label[for=quick-search-q]").get_attribute("textContent").strip()


def test_materials_menu_follows_doc01_and_home_shows_audits_and_low_stock(server, driver, make_user, admin_api, root_unit):
    tag = secrets.token_hex(3).upper()
    hq, accountant, warehouse, item = _materials(make_user, admin_api, root_unit, tag)
    # 2 on hand against a reserve quota of 5; a second receipt waits for the audit.
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

    ui.login(driver, server, accountant["username"], accountant["password"])
    assert ui.current_path(driver) == "/", driver.current_url
    audits = ui.visible(driver, "#home-audits")
    assert waiting["number"] in audits.text, audits.text
    low = ui.visible(driver, "#home-low-stock")
    assert f"NAV-{tag}" in low.text and "2" in low.text, low.text

    # 物资 › 供应链 › 库存管理 › 出库业务 › 出库单列表.
    driver.find_element(By.CSS_SELECTOR, "#nav-area-materials > summary").click()
    menu = ui.visible(driver, "#nav-area-materials .nav-menu")
    assert "供应链 › 库存管理" in menu.text
    for group in ("入库业务", "出库业务", "调拨业务"):
        assert group in menu.text, menu.text
    ui.visible(driver, "a#nav-issues").click()
    ui.wait_path(driver, lambda p: p == "/materials/documents", "the issue list")
    assert "direction=out" in driver.current_url
    ui.visible(driver, f"a[href='/materials/documents/{waiting['id']}']").click()
    crumbs = ui.visible(driver, "nav#breadcrumbs")
    assert crumbs.text.startswith("首页") and "物资" in crumbs.text, crumbs.text

    # Item master: categories and repair classes in words, not codes.
    ui.nav_to(driver, "items")
    ui.visible(driver, "tr.item-row")
    rows = " ".join(r.text for r in driver.find_elements(By.CSS_SELECTOR, "tr.item-row"))
    assert "备品备件" in rows and "spare_part" not in rows, rows


def test_ticket_and_repair_order_link_both_ways_and_history_reads_as_words(server, driver, agent):
    _, ticket = agent["api"].post(
        "/api/v1/tickets",
        {"subject": "变桨控制器上电无显示", "description": "返修", "type": "repair", "channel": "phone", "priority": "normal",
         "customer": {"name": "金风某风电场", "phone": "0471-1234567"}},
        expect=201,
    )
    _, order = agent["api"].post(
        "/api/v1/repair-orders",
        {"ticketId": ticket["id"], "customer": {"name": "金风某风电场", "phone": "0471-1234567"}, "model": "变桨控制器 PC-300",
         "shippedAt": "2024-03-01", "units": [{"serialNumber": "PC3-0001", "defect": "上电无显示"}]},
        expect=201,
    )
    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(f"{server}/tickets/{ticket['id']}")
    ui.wait_ticket_page(driver)
    link = ui.visible(driver, f"a[href='/repair-orders/{order['id']}']")
    assert order["number"] in link.text, link.text
    link.click()
    back = ui.visible(driver, "a#related-ticket")
    assert ticket["number"] in back.text, back.text
    history = ui.visible(driver, "#history").text
    for code in ("=", "ticketId", "received", "quantity"):
        assert code not in history, f"{code!r} on screen in the history: {history}"
    back.click()
    ui.wait_ticket_page(driver)


def test_printed_ticket_shows_number_and_status_without_controls(server, driver, agent):
    _, ticket = agent["api"].post(
        "/api/v1/tickets",
        {"subject": "打印测试工单", "description": "打印", "type": "inquiry", "channel": "phone", "priority": "normal"},
        expect=201,
    )
    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(f"{server}/tickets/{ticket['id']}")
    ui.wait_ticket_page(driver)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert ui.present(driver, "#ticket-number").is_displayed(), "the number does not print"
        assert ticket["number"] in driver.find_element(By.ID, "ticket-number").text
        assert ui.present(driver, "#ticket-status").is_displayed(), "the status does not print"
        assert ui.present(driver, "#ticket-subject").is_displayed()
        assert not driver.find_element(By.CSS_SELECTOR, "header.topbar").is_displayed()
        shown = [b.get_attribute("id") or b.text for b in driver.find_elements(By.CSS_SELECTOR, "button, form, nav, input, select, textarea") if b.is_displayed()]
        assert not shown, f"controls print: {shown}"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_phone_menu_collapses_and_pages_fit_the_screen(server, driver, agent, make_user, admin_api, root_unit):
    tag = secrets.token_hex(3).upper()
    _, ticket = agent["api"].post(
        "/api/v1/tickets",
        {"subject": "手机上查看的工单，主题比较长，用来检查换行是否正常", "description": "客户来电：3号风机运行时有异常噪音，已持续两天。" * 3,
         "type": "inquiry", "channel": "phone", "priority": "high", "customer": {"name": "华能某风电场", "phone": "13900001111"}},
        expect=201,
    )
    _, invitation = agent["api"].post("/api/v1/survey-invitations", {"ticketId": ticket["id"]}, expect=201)
    _, accountant, warehouse, item = _materials(make_user, admin_api, root_unit, tag)
    _, doc = accountant["api"].post(
        "/api/v1/stock-documents",
        {"direction": "in", "reason": "spot_purchase", "warehouseId": warehouse["id"], "lines": [{"itemId": item["id"], "quantity": "3"}], "remark": "手机查看"},
        expect=201,
    )

    _phone(driver)
    # Public pages first: sign-in and the customer's survey.
    driver.get(server + "/login")
    ui.visible(driver, "form#login-form")
    _no_page_scroll_sideways(driver, "the sign-in page")
    driver.get(invitation["url"].replace(invitation["url"].split("/s/")[0], server))
    ui.wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "form") or d.find_elements(By.CSS_SELECTOR, "main"))
    _no_page_scroll_sideways(driver, "the survey page")

    ui.login(driver, server, agent["username"], agent["password"])
    # The menu hides behind a button and opens on a tap.
    assert not ui.present(driver, "nav#main-nav").is_displayed(), "the menu fills the phone screen"
    toggle = ui.visible(driver, "button#nav-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    ui.visible(driver, "nav#main-nav")
    assert toggle.get_attribute("aria-expanded") == "true"
    ui.nav_to(driver, "tickets")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/tickets", "the queue")
    ui.present(driver, "table#ticket-list, #empty-state")
    _no_page_scroll_sideways(driver, "the queue")
    driver.get(f"{server}/tickets/{ticket['id']}")
    ui.wait_ticket_page(driver)
    _no_page_scroll_sideways(driver, "the ticket")
    # Every form control of the ticket has a name a screen reader can say.
    unlabelled = driver.execute_script(
        """
        return Array.from(document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')).filter(function (e) {
          return !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !e.title;
        }).map(function (e) { return e.id || e.name; });
        """
    )
    assert not unlabelled, f"controls without a label: {unlabelled}"

    ui.logout(driver)
    ui.login(driver, server, accountant["username"], accountant["password"])
    driver.get(f"{server}/materials/documents")
    ui.visible(driver, "main")
    _no_page_scroll_sideways(driver, "the document list")
    driver.get(f"{server}/materials/documents/{doc['id']}")
    ui.visible(driver, "h1#document-title")
    _no_page_scroll_sideways(driver, "a document")

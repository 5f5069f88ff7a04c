"""#13.6 in a real browser: a repair ticket is forwarded to a site; the site's
keeper opens it, issues a part from the site's warehouse and registers the
broken part that came out, in one form on the ticket page; the ticket lists the
part used (issue document linked) and the part removed (its register number);
the issue document names the ticket, linked back to it."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books
from test_page_polish import PHONE
from test_phone_tables import _cards


def test_a_keeper_issues_a_part_on_the_ticket_page_and_registers_the_removed_one(server, driver, admin_api, root_unit, make_user, agent):
    b = site_books(admin_api, root_unit, make_user)
    _, damaged = b.hq["api"].post(
        "/api/v1/warehouses", {"code": f"D{b.tag}", "name": f"现场{b.tag}损坏品库", "orgUnitId": b.site["id"], "condition": "damaged"}, expect=201
    )
    gear = b.item(f"GB{b.tag}", f"齿轮箱{b.tag}", category="spare_part", repair_class="II")
    _, receipt = b.accountant["api"].post(
        "/api/v1/stock-documents",
        {"direction": "in", "reason": "spot_purchase", "warehouseId": b.warehouse["id"], "date": "2026-11-20",
         "lines": [{"itemId": gear["id"], "quantity": 3}]},
        expect=201,
    )
    b.accountant["api"].post(f"/api/v1/stock-documents/{receipt['id']}/audit", expect=200)
    _, ticket = agent["api"].post(
        "/api/v1/tickets", {"subject": f"A1-07 齿轮箱异响 {b.tag}", "description": "", "type": "repair", "channel": "phone", "priority": "normal"},
        expect=201,
    )
    agent["api"].post(f"/api/v1/tickets/{ticket['id']}/forward", {"toOrgUnitId": b.site["id"]}, expect=200)

    ui.login(driver, server, b.keeper["username"], b.keeper["password"])
    driver.get(f"{server}/tickets/{ticket['id']}")
    ui.visible(driver, "#ticket-number")
    assert ui.visible(driver, "#ticket-parts-used-empty")
    ui.visible(driver, "#ticket-parts-open").click()
    Select(ui.visible(driver, "select#tp-warehouse")).select_by_value(b.warehouse["id"])
    ui.visible(driver, "input#tp-item").send_keys(gear["code"])
    ui.visible(driver, "input#tp-quantity").send_keys("1")
    ui.visible(driver, "input#tp-turbine").send_keys("A1-07")
    ui.visible(driver, "input#tp-removed-item").send_keys(gear["code"])
    ui.visible(driver, "input#tp-removed-quantity").send_keys("1")
    ui.visible(driver, "input#tp-replaced-by").send_keys("李工")
    ui.visible(driver, "input#tp-new-serial").send_keys("GB-NEW-8")
    ui.visible(driver, "input#tp-old-serial").send_keys("GB-OLD-8")
    # The cause is missing: refused under its field, what was typed kept, nothing issued.
    ui.visible(driver, "button#ticket-parts-save").click()
    error = ui.visible(driver, "form#ticket-parts-form .field-error")
    assert "损坏原因" in error.text, error.text
    assert ui.visible(driver, "input#tp-turbine").get_attribute("value") == "A1-07"
    assert ui.visible(driver, "#ticket-parts-used-empty")
    ui.visible(driver, "input#tp-cause").send_keys("齿面点蚀")
    ui.visible(driver, "button#ticket-parts-save").click()

    # Both listed on the ticket: the issue (saved, for the accountant's audit) and the removed part.
    used = ui.visible(driver, "table#ticket-parts-used")
    assert gear["code"] in used.text and "已保存" in used.text, used.text
    removed = ui.visible(driver, "table#ticket-parts-removed")
    assert "SH-" in removed.text and "A1-07" in removed.text, removed.text
    assert "CK-" in ui.visible(driver, "p.flash-notice").text

    # The issue document names the ticket, linked back to it.
    ui.visible(driver, "a.ticket-part-document").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/documents/"), "the issue document")
    link = ui.visible(driver, "a#doc-ticket")
    assert link.text == ticket["number"], link.text
    assert "已保存" in ui.visible(driver, "#document-status").text
    link.click()
    ui.wait_path(driver, lambda p: p == f"/tickets/{ticket['id']}", "the ticket")
    assert ui.visible(driver, "#ticket-number").text == ticket["number"]

    # The removed part went to the site's damaged warehouse, with the ticket.
    _, parts = b.keeper["api"].get(f"/api/v1/tickets/{ticket['id']}/parts")
    assert len(parts["removed"]) == 1 and len(parts["used"]) == 1, parts
    _, part = b.keeper["api"].get(f"/api/v1/damaged-parts/{parts['removed'][0]['id']}")
    assert part["warehouseId"] == damaged["id"] and part["ticketId"] == ticket["id"], part

    # On a phone (390 px) the ticket's parts are labelled cards, the report too, and the form's controls are labelled.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        _cards(driver, server, f"/tickets/{ticket['id']}", "ticket-parts-used", "出库单", [("存货", gear["code"])], controls=False)
        _cards(driver, server, f"/tickets/{ticket['id']}", "ticket-parts-removed", "损坏件编号", [("风机号", "A1-07")])
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # The report from the 物资 navigation: the part counted for the ticket's turbine and fault type.
    ui.logout(driver)
    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    ui.nav_to(driver, "ticket-parts-report")
    ui.wait_path(driver, lambda p: p == "/materials/reports/ticket-parts", "the report")
    # The issue is dated today: the report's default period (this month so far) counts it.
    row = ui.visible(driver, f"tr.ticket-parts-report-row[data-item='{gear['code']}']")
    assert "A1-07" in row.text and "报修" in row.text, row.text

    # Once the accountant audits it, the stock ledger's row names the ticket, linked to it.
    document_id = parts["used"][0]["documentId"]
    b.accountant["api"].post(f"/api/v1/stock-documents/{document_id}/audit", expect=200)
    driver.get(f"{server}/materials/ledger?warehouseId={b.warehouse['id']}")
    mark = ui.visible(driver, "tr.ledger-row span.ledger-ticket a.ticket-link")
    assert mark.text == ticket["number"], mark.text
    assert mark.get_attribute("href").endswith(f"/tickets/{ticket['id']}")

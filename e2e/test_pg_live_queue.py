"""#11.4 on PostgreSQL with two Kefu nodes on one database: a browser on node A sees a ticket logged through node B
appear in its queue, with the counts, without a reload (the live queue polls the database, not process memory);
and the one-form submit (reply + 等待客户) works the same on PostgreSQL."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
import pg_support as pg


def test_a_ticket_logged_on_another_node_appears_live_and_one_submit_works(tmp_path, driver):
    db = pg.FreshDatabase("kefu_e2e_live")
    servers = []
    try:
        servers.append(pg.Server(db.url, tmp_path / "a.log").wait_healthy())
        servers.append(pg.Server(db.url, tmp_path / "b.log").wait_healthy())
        a, b = servers[0].base, servers[1].base
        admin = pg.login(a, "admin", pg.ADMIN_PASSWORD)
        _, units = pg.call(a, "GET", "/api/v1/org-units", token=admin)
        root = units["items"][0]["id"]
        for name in ("watcher", "caller"):
            pg.created(pg.call(a, "POST", "/api/v1/users", {"username": name, "password": f"Pw-{name}-2026!", "displayName": name,
                                                           "orgUnitId": root, "roles": ["cs_agent"]}, token=admin), name)
        caller = pg.login(b, "caller", "Pw-caller-2026!")

        ui.login(driver, a, "watcher", "Pw-watcher-2026!")
        driver.get(f"{a}/tickets?view=team")
        ui.wait(driver).until(lambda d: d.find_element(By.ID, "live-state").text, "the live stream never opened")
        driver.execute_script("window.__stillHere = true;")
        assert ui.visible(driver, "#count-team").text == "0"
        subject = "另一节点来电 " + secrets.token_hex(3)
        ticket = pg.created(pg.call(b, "POST", "/api/v1/tickets", {"subject": subject, "type": "repair", "channel": "phone", "priority": "normal"},
                                    token=caller), "ticket")
        ui.wait(driver, 20).until(
            lambda d: any(x.text == subject for x in d.find_elements(By.CSS_SELECTOR, "tr.ticket-row a.ticket-link")),
            "the ticket logged on node B never appeared on node A",
        )
        assert driver.execute_script("return window.__stillHere === true;"), "the page was reloaded"
        assert ui.visible(driver, "#count-team").text == "1"

        # One submit on node A: reply and 等待客户 together.
        driver.get(f"{a}/tickets/{ticket['id']}")
        form = ui.visible(driver, "form#comment-form")
        form.find_element(By.CSS_SELECTOR, "textarea#comment-body").send_keys("请提供风机编号")
        Select(form.find_element(By.CSS_SELECTOR, "select#status-select")).select_by_value("pending_customer")
        form.find_element(By.CSS_SELECTOR, "button#comment-submit").click()
        ui.wait_status(driver, "pending_customer")
        ui.wait_timeline_contains(driver, "请提供风机编号")
    finally:
        for s in servers:
            s.stop()
        db.drop()

"""Service standards in a real browser: a ticket nobody answers breaches its
first-response clock on its own (no request), the supervisor's bell lights up,
the notification leads to the ticket with its breach on record, and the KPI
page draws its charts."""

from __future__ import annotations

import datetime as dt
import secrets
import time

from selenium.webdriver.common.by import By

import kefu_pages as ui


def test_breach_reaches_the_supervisor_bell_and_the_kpi_page(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3).upper()
    _, unit = admin_api.post(
        "/api/v1/org-units",
        {"code": f"SLA{tag}", "name": f"客服{tag}组", "kind": "department", "parentId": root_unit["id"]},
        expect=201,
    )
    agent = make_user(roles=["cs_agent"], org_unit_id=unit["id"])
    supervisor = make_user(roles=["cs_supervisor"], display_name="值班主管", org_unit_id=unit["id"])
    admin_api.post(
        "/api/v1/sla-policies",
        {"name": f"E2E 邮件 {tag}", "match": {"channel": "email"}, "calendar": "24x7",
         "firstResponseMinutes": 5, "resolutionMinutes": 600, "escalateAfterMinutes": 60},
        expect=201,
    )
    received = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=10)).isoformat(timespec="seconds")
    subject = f"邮件报修无人回复 {tag}"
    _, ticket = agent["api"].post(
        "/api/v1/tickets",
        {"subject": subject, "channel": "email", "type": "repair", "receivedAt": received},
        expect=201,
    )

    # The scanner runs in the server by itself; the supervisor's bell shows the alert.
    ui.login(driver, server, supervisor["username"], supervisor["password"])
    deadline = time.monotonic() + 20
    while True:
        driver.get(server + "/tickets")
        count = ui.present(driver, "#bell-count")
        time.sleep(0.5)
        if count.is_displayed() and count.text.strip() == "1":
            break
        assert time.monotonic() < deadline, "the bell never showed the breach"
        time.sleep(1)

    # #11.4: the bell opens the latest notifications in place; "all notifications" leads to the bell's page.
    ui.visible(driver, "a#bell").click()
    ui.visible(driver, "#bell-menu #bell-all").click()
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/notifications", "/notifications")
    item = ui.visible(driver, "li.notification.unread")
    assert ticket["number"] in item.text, item.text
    item.find_element(By.CSS_SELECTOR, "a").click()
    ui.wait_path(driver, lambda p: p.startswith("/tickets/"), "the ticket page")
    breaches = ui.visible(driver, "#ticket-breaches")
    assert "首次响应" in breaches.text
    assert "已升级" in driver.find_element(By.CSS_SELECTOR, ".ticket-head").text
    assert any("超时" in t for t in ui.timeline_texts(driver))

    # The KPI page: SVG charts drawn by the server and the CSV export link.
    ui.nav_to(driver, "reports")
    ui.wait_path(driver, lambda p: p.startswith("/reports/service-kpis"), "/reports/service-kpis")
    ui.visible(driver, "svg#chart-resolution")
    ui.visible(driver, "svg#chart-first-response")
    assert "/reports/service-kpis.csv" in ui.visible(driver, "a#kpi-csv").get_attribute("href")

    # Mark everything read: the bell goes quiet.
    driver.get(server + "/notifications")
    ui.visible(driver, "button#read-all").click()
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/notifications", "/notifications")
    driver.get(server + "/tickets")
    time.sleep(1)
    assert not ui.present(driver, "#bell-count").is_displayed()

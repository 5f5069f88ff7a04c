"""#17.6 RET-01..04 in a real browser, on a tablet (820×1180): the retention page (档案保存期).

The head-office administrator tries to keep surveys for 1 year and is refused under the field with the 1 kept; keeps
them 5 years, which the page shows in force; places a legal hold on a ticket by the number people know, first without
a reason (refused, the number kept), then with one; the hold is listed with a link to the ticket; releasing it without
a reason is refused, with one it goes and the list says none is in force. A customer-service agent gets the readable
403 page. The period is put back to its floor at the end (the server is shared by the session's tests).
"""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui

TABLET = {"width": 820, "height": 1180, "deviceScaleFactor": 2, "mobile": True}


def _error_under(driver, field_id: str) -> str:
    ui.wait(driver).until(lambda d: d.find_elements(By.ID, f"{field_id}-error"), f"no message under #{field_id}")
    return driver.find_element(By.ID, f"{field_id}-error").text


def test_periods_and_a_legal_hold_are_kept_by_the_administrator(server, driver, admin_password, agent):
    tag = secrets.token_hex(3)
    _, ticket = agent["api"].post("/api/v1/tickets", {"subject": f"合同纠纷取证 {tag}", "type": "complaint", "channel": "phone"}, expect=201)
    number = ticket["number"]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", TABLET)
    ui.login(driver, server, "admin", admin_password)
    try:
        driver.get(f"{server}/admin/retention")
        ui.visible(driver, "#retention-periods")
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 820, "the page scrolls sideways on a tablet"

        # Below the floor: refused under the field, what was typed kept.
        ui.type_into(driver, "retention-years-survey", "1")
        ui.visible(driver, "#retention-period-save-survey").click()
        message = _error_under(driver, "retention-years-survey")
        assert "不能少于 3 年" in message, message
        assert ui.visible(driver, "#retention-years-survey").get_attribute("value") == "1", "the typed 1 was lost"

        ui.type_into(driver, "retention-years-survey", "5")
        ui.visible(driver, "#retention-period-save-survey").click()
        ui.wait(driver).until(lambda d: "5 年" in d.find_element(By.ID, "retention-effective-survey").text, "the 5 years are not in force")
        assert not driver.find_elements(By.ID, "retention-years-survey-error")

        # A hold without a reason: refused, the ticket number kept; with one: listed, linked to the ticket.
        Select(ui.visible(driver, "#retention-hold-kind")).select_by_value("ticket")
        ui.type_into(driver, "retention-hold-record", number)
        ui.visible(driver, "#retention-hold-save").click()
        _error_under(driver, "retention-hold-reason")
        assert ui.visible(driver, "#retention-hold-record").get_attribute("value") == number, "the typed number was lost"
        assert Select(driver.find_element(By.ID, "retention-hold-kind")).first_selected_option.get_attribute("value") == "ticket"

        ui.type_into(driver, "retention-hold-reason", f"律师函 {tag}")
        ui.visible(driver, "#retention-hold-save").click()
        row = ui.visible(driver, f"tr.retention-hold[data-record='{ticket['id']}']")
        assert f"律师函 {tag}" in row.text and number in row.text, row.text
        link = row.find_element(By.LINK_TEXT, number)
        assert link.get_attribute("href").endswith(f"/tickets/{ticket['id']}"), link.get_attribute("href")
        hold_id = row.get_attribute("data-hold")

        # Releasing needs a reason too; then the hold is gone.
        ui.visible(driver, f"#retention-release-{hold_id}").click()
        _error_under(driver, f"retention-release-reason-{hold_id}")
        ui.type_into(driver, f"retention-release-reason-{hold_id}", "纠纷已了结")
        ui.visible(driver, f"#retention-release-{hold_id}").click()
        ui.wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, f"tr.retention-hold[data-record='{ticket['id']}']"),
                              "the released hold is still listed")
    finally:
        # Back to the floor, for the other tests on this server.
        driver.get(f"{server}/admin/retention")
        ui.type_into(driver, "retention-years-survey", "3")
        ui.visible(driver, "#retention-period-save-survey").click()
        ui.wait(driver).until(lambda d: "3 年" in d.find_element(By.ID, "retention-effective-survey").text, "the period was not put back")
        ui.logout(driver)

    # An agent is refused with the readable 403 page.
    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(f"{server}/admin/retention")
    body = ui.visible(driver, "body").text
    assert "只有总部管理员可以查看档案保存期报表" in body, body[:300]
    assert not driver.find_elements(By.ID, "retention-hold-form")

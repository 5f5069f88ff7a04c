"""#14 ESC-03 in a real browser: important events and emergencies at an estate (重要与突发事件).

User story: the property CS admin, on a phone (390×844), records an emergency at her estate; a date after today is
refused under its field with everything typed kept, then the emergency is recorded and assigned to the service
centre's CS supervisor; an important event is recorded and shows as reported (已上报) to the CS manager. She records but
does not handle events: no follow-up or closing form is offered to her. The CS supervisor finds the emergency through
the list's filter, cannot close it before following it up (the rule of ESC-03: the closing form appears only after the
first follow-up note), follows it up and closes it with its result. On the important event, the manager closes it from
another desk while the supervisor is typing: the supervisor's stale closing is refused with a readable reason. A CS
agent, who has no right to the estate events, gets the readable 403 page and no menu entry."""

from __future__ import annotations

import datetime
import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from test_page_polish import PHONE


def _no_sideways_scroll(driver, what: str) -> None:
    assert driver.execute_script("return document.documentElement.scrollWidth") <= PHONE["width"], f"{what} scrolls sideways on a phone"


def _set_value(driver, css: str, value: str) -> None:
    """A date or time as picked from the browser's picker (typing into those inputs depends on the browser's locale)."""
    driver.execute_script("arguments[0].value = arguments[1]", ui.visible(driver, css), value)


def _row(driver, number: str):
    return ui.present(driver, f"tr.prp-event[data-number='{number}']")


def test_an_emergency_is_recorded_followed_up_and_closed(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"SJ{tag}".upper(), "name": f"物业服务中心{tag}", "kind": "site", "parentId": root_unit["id"]}, expect=201)
    admin = make_user(roles=["property_admin"], display_name=f"孙丽{tag}", org_unit_id=unit["id"])
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"周主管{tag}", org_unit_id=unit["id"])
    manager = make_user(roles=["cs_manager"], display_name=f"王经理{tag}", org_unit_id=unit["id"])
    agent = make_user(roles=["cs_agent"], display_name=f"赵坐席{tag}", org_unit_id=unit["id"])
    _, estate = admin_api.post("/api/v1/property/estates", {"name": f"翠湖花园{tag}", "orgUnitId": unit["id"]}, token=admin["token"], expect=201)

    # The property CS admin on her phone: the list is empty and offers the form.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, admin["username"], admin["password"])
    ui.nav_to(driver, "property-events")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/property/events", "/property/events")
    assert ui.present(driver, "#empty-state"), "an empty list says so"
    today = ui.visible(driver, "#prp-event-occurredOn").get_attribute("value")
    assert today, "the date is filled with today"

    # An emergency dated after today is refused under the date, everything typed kept.
    Select(ui.visible(driver, "select#prp-event-estateId")).select_by_value(estate["id"])
    Select(ui.visible(driver, "select#prp-event-kind")).select_by_value("emergency")
    Select(ui.visible(driver, "select#prp-event-severity")).select_by_value("major")
    ui.type_into(driver, "prp-event-title", "地下车库水管爆裂")
    ui.type_into(driver, "prp-event-location", "B2 车库 C 区")
    later = (datetime.date.fromisoformat(today) + datetime.timedelta(days=3)).isoformat()
    _set_value(driver, "#prp-event-occurredOn", later)
    _set_value(driver, "#prp-event-occurredTime", "07:40")
    ui.type_into(driver, "prp-event-description", "巡逻保安发现积水约 20 公分")
    _no_sideways_scroll(driver, "the event form")
    ui.visible(driver, "button#prp-event-save").click()
    error = ui.visible(driver, "#prp-event-occurredOn-error")
    assert "不能晚于今天" in error.text, error.text
    assert error.find_element(By.XPATH, "ancestor::form[1]").get_attribute("id") == "prp-event-form", "the reason stands in the form"
    assert ui.current_path(driver).rstrip("/") == "/property/events", "a refused event is not recorded"
    assert ui.visible(driver, "#prp-event-title").get_attribute("value") == "地下车库水管爆裂"
    assert ui.visible(driver, "#prp-event-location").get_attribute("value") == "B2 车库 C 区"
    assert ui.visible(driver, "#prp-event-description").get_attribute("value") == "巡逻保安发现积水约 20 公分"
    assert ui.visible(driver, "#prp-event-occurredTime").get_attribute("value") == "07:40"
    assert Select(ui.visible(driver, "select#prp-event-kind")).first_selected_option.get_attribute("value") == "emergency"
    assert Select(ui.visible(driver, "select#prp-event-severity")).first_selected_option.get_attribute("value") == "major"
    _no_sideways_scroll(driver, "the refused event form")

    # Corrected to today, it is recorded and assigned to the supervisor; she is offered no step on it.
    _set_value(driver, "#prp-event-occurredOn", today)
    ui.visible(driver, "button#prp-event-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/property/events/"), "the event's page")
    title = ui.visible(driver, "#prp-event-title").text
    assert title.startswith("突发事件 SJ-"), title
    emergency = title.split()[-1]
    assert f"周主管{tag}" in ui.visible(driver, "#prp-event-assignee").text
    assert "待跟进" in ui.visible(driver, "#prp-event-meta").text
    assert not driver.find_elements(By.CSS_SELECTOR, "form#prp-event-follow-form, form#prp-event-close-form"), "the property admin records but does not handle events"
    _no_sideways_scroll(driver, "the event page")

    # An important event: reported to the CS manager on recording.
    ui.nav_to(driver, "property-events")
    ui.wait(driver).until(lambda d: _row(d, emergency).get_attribute("data-status") == "assigned", "the emergency is not listed as awaiting follow-up")
    assert _row(driver, emergency).get_attribute("data-overdue") == "0"
    Select(ui.visible(driver, "select#prp-event-kind")).select_by_value("important")
    ui.type_into(driver, "prp-event-title", "业主聚集反映停车收费")
    ui.type_into(driver, "prp-event-location", "南门")
    ui.visible(driver, "button#prp-event-save").click()
    ui.wait(driver).until(lambda d: ui.current_path(d).startswith("/property/events/")
                          and d.find_element(By.CSS_SELECTOR, "#prp-event-title").text.startswith("重要事件 SJ-"), "the important event's page")
    important = ui.visible(driver, "#prp-event-title").text.split()[-1]
    assert f"王经理{tag}" in ui.visible(driver, "#prp-event-reported").text
    assert "已上报" in ui.visible(driver, "#prp-event-meta").text
    ui.logout(driver)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # The supervisor finds the emergency with the list's filter.
    ui.login(driver, server, supervisor["username"], supervisor["password"])
    ui.nav_to(driver, "property-events")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/property/events", "/property/events")
    Select(ui.visible(driver, "select#prp-ef-kind")).select_by_value("emergency")
    ui.visible(driver, "button#prp-ef-apply").click()
    ui.wait(driver).until(lambda d: "kind=emergency" in d.current_url and len(d.find_elements(By.CSS_SELECTOR, "tr.prp-event")) == 1,
                          "the filter does not leave the emergency alone")
    row = _row(driver, emergency)
    assert "地下车库水管爆裂" in row.text and "B2 车库 C 区" in row.text and f"周主管{tag}" in row.text, row.text
    row.find_element(By.CSS_SELECTOR, "a.prp-event-link").click()
    ui.wait_path(driver, lambda p: p.startswith("/property/events/"), "the emergency's page")

    # Not followed up yet: it cannot be closed. A follow-up note, then the closing form appears.
    ui.visible(driver, "form#prp-event-follow-form")
    assert not driver.find_elements(By.CSS_SELECTOR, "form#prp-event-close-form"), "an emergency is followed up before it is closed"
    ui.type_into(driver, "prp-event-note", "已关闭总阀，通知工程部抢修")
    ui.visible(driver, "button#prp-event-follow-save").click()
    ui.wait(driver).until(lambda d: "已关闭总阀" in d.find_element(By.CSS_SELECTOR, "#prp-event-notes").text, "the follow-up is not listed")
    assert f"周主管{tag}" in ui.visible(driver, "li.prp-event-note").text
    assert "跟进中" in ui.visible(driver, "#prp-event-meta").text
    ui.type_into(driver, "prp-event-result", "水管已更换，积水已排净")
    ui.visible(driver, "button#prp-event-close-save").click()
    result = ui.visible(driver, "#prp-event-result-text")
    assert "水管已更换" in result.text and f"周主管{tag}" in result.text, result.text
    assert "已关闭" in ui.visible(driver, "#prp-event-meta").text
    assert not driver.find_elements(By.CSS_SELECTOR, "form#prp-event-follow-form, form#prp-event-close-form"), "a closed event takes no more steps"

    # The list's closed events show it; the important event is still open there.
    ui.nav_to(driver, "property-events")
    Select(ui.visible(driver, "select#prp-ef-status")).select_by_value("closed")
    ui.visible(driver, "button#prp-ef-apply").click()
    ui.wait(driver).until(lambda d: "status=closed" in d.current_url and [r.get_attribute("data-number") for r in d.find_elements(By.CSS_SELECTOR, "tr.prp-event")] == [emergency],
                          "the closed emergency is not the one closed event listed")

    # The important event: the supervisor types its result while the manager closes it at another desk; hers is refused.
    driver.get(f"{server}/property/events?q={important}")
    _row(driver, important).find_element(By.CSS_SELECTOR, "a.prp-event-link").click()
    ui.wait_path(driver, lambda p: p.startswith("/property/events/"), "the important event's page")
    event_id = ui.current_path(driver).rstrip("/").split("/")[-1]
    ui.type_into(driver, "prp-event-result", "已向业主解释收费标准")
    admin_api.post(f"/api/v1/property/events/{event_id}/close", {"result": "经理已召开说明会"}, token=manager["token"], expect=200)
    ui.visible(driver, "button#prp-event-close-save").click()
    message = ui.visible(driver, "#form-flash-message")
    assert "该事件已关闭" in message.text, message.text
    assert "经理已召开说明会" in ui.visible(driver, "#prp-event-result-text").text, "the page shows the manager's result"
    ui.logout(driver)

    # A CS agent has no right to the estate events: no menu entry, and the page is the readable 403.
    ui.login(driver, server, agent["username"], agent["password"])
    assert not driver.find_elements(By.CSS_SELECTOR, "nav#main-nav a#nav-property-events"), "the agent is offered the events"
    driver.get(f"{server}/property/events/{event_id}")
    denial = ui.visible(driver, "section.error-page #error-message")
    assert "您不能查看物业事件" in denial.text, denial.text
    assert "经理已召开说明会" not in driver.page_source

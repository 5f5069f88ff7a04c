"""#14 SAT-10 in a real browser on a tablet (820×1180), as the CS supervisor of a property service centre: a visit to a
resident with an opinion to follow up is refused for a room the estate lacks (what was typed is kept), then recorded; the
quarter's visit plan shows the building visited; the follow-up is closed. An owner forum is planned, refused as held
without minutes (what was typed kept), held, a resolution is taken and closed, and the forum is closed."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui

TABLET = {"width": 820, "height": 1180, "deviceScaleFactor": 2, "mobile": True}


def _no_sideways_scroll(driver, what: str) -> None:
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 820, f"{what} scrolls sideways on a tablet"


def _set_date(driver, css: str, iso: str) -> None:
    """A date as picked from the browser's date picker (typing into a date input depends on the browser's locale)."""
    driver.execute_script("arguments[0].value = arguments[1]", ui.visible(driver, css), iso)


def test_a_supervisor_records_a_visit_and_holds_an_owner_forum(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"ZF{tag}".upper(), "name": f"物业服务中心{tag}", "kind": "site", "parentId": root_unit["id"]}, expect=201)
    admin = make_user(roles=["property_admin"], display_name=f"孙丽{tag}", org_unit_id=unit["id"])
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"周主管{tag}", org_unit_id=unit["id"])
    _, estate = admin_api.post("/api/v1/property/estates", {"name": f"翠湖花园{tag}", "orgUnitId": unit["id"]}, token=admin["token"], expect=201)
    admin_api.post(f"/api/v1/property/estates/{estate['id']}/units", {"units": [
        {"building": "1栋", "room": "101", "area": "89.50", "use": "residential", "occupantName": "王芳"},
        {"building": "2栋", "room": "201", "area": "92.00", "use": "residential"}]}, token=admin["token"], expect=201)

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", TABLET)
    ui.login(driver, server, supervisor["username"], supervisor["password"])

    # A visit: the room the estate lacks is refused under its field with what was typed kept; then it is recorded.
    ui.nav_to(driver, "property-visits")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/property/visits", "/property/visits")
    assert ui.present(driver, "#empty-state"), "an empty list says so"
    due = ui.visible(driver, "#prp-visits-due")
    assert ui.present(driver, "#prp-due-count").text == "2", due.text
    ui.type_into(driver, "prp-visit-building", "1栋")
    ui.type_into(driver, "prp-visit-room", "909")
    ui.type_into(driver, "prp-visit-residentName", "王芳")
    ui.type_into(driver, "prp-visit-opinions", "晚上楼道太暗")
    Select(ui.visible(driver, "select#prp-visit-satisfaction")).select_by_value("3")
    ui.type_into(driver, "prp-visit-followUp", "加装声控灯")
    _no_sideways_scroll(driver, "the visit form")
    ui.visible(driver, "button#prp-visit-save").click()
    ui.wait(driver).until(lambda d: "没有房屋" in d.find_element(By.CSS_SELECTOR, "form#prp-visit-form").text, "the unknown room was not refused")
    assert ui.visible(driver, "#prp-visit-residentName").get_attribute("value") == "王芳"
    assert "楼道太暗" in ui.visible(driver, "#prp-visit-opinions").get_attribute("value")
    ui.type_into(driver, "prp-visit-room", "101")
    ui.visible(driver, "button#prp-visit-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/property/visits/"), "the visit's page")
    number = ui.visible(driver, "#prp-visit-title").text.split()[-1]
    assert number.startswith("ZF-"), number
    assert "加装声控灯" in ui.visible(driver, "#prp-visit-follow").text

    # The follow-up is closed with what was done.
    ui.type_into(driver, "prp-visit-note", "已加装声控灯")
    ui.visible(driver, "button#prp-visit-close-save").click()
    ui.wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#prp-visit-note-text"), "the follow-up was not closed")
    assert not driver.find_elements(By.CSS_SELECTOR, "form#prp-visit-close-form")

    # The list shows it closed; the plan shows 1栋 visited and 2栋 still due.
    ui.nav_to(driver, "property-visits")
    ui.wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, f"tr.prp-visit[data-number='{number}'][data-follow-up='closed']")) == 1,
                          "the visit is not listed with its follow-up closed")
    assert ui.present(driver, "li.prp-due-building[data-building='1栋'][data-due='0']")
    assert ui.present(driver, "li.prp-due-building[data-building='2栋'][data-due='1']")
    assert ui.present(driver, "#prp-due-count").text == "1"
    _no_sideways_scroll(driver, "the visit list")

    # An owner forum: planned, refused as held without minutes (the count and names typed are kept), held.
    ui.visible(driver, "a#prp-forums-link").click()
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/property/forums", "/property/forums")
    _set_date(driver, "#prp-forum-heldOn", "2026-11-20")
    ui.type_into(driver, "prp-forum-place", "会所二楼")
    ui.type_into(driver, "prp-forum-topic", "停车管理")
    ui.visible(driver, "button#prp-forum-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/property/forums/"), "the forum's page")
    assert ui.visible(driver, "#prp-forum-title").text.split()[-1].startswith("ZT-")
    ui.type_into(driver, "prp-hold-attendeeCount", "8")
    ui.type_into(driver, "prp-hold-attendees", "王芳 1栋101、李先生")
    # The browser would stop an empty required field: take the requirement off as a stale page would, to see the server refuse it.
    driver.execute_script("document.getElementById('prp-hold-minutes').removeAttribute('required')")
    ui.visible(driver, "button#prp-forum-hold-save").click()
    ui.visible(driver, "#prp-forum-hold-error")
    assert ui.visible(driver, "#prp-hold-attendees").get_attribute("value") == "王芳 1栋101、李先生"
    ui.type_into(driver, "prp-hold-minutes", "业主同意增设访客车位")
    ui.visible(driver, "button#prp-forum-hold-save").click()
    ui.wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#prp-forum-minutes-text"), "the forum was not held")

    # A resolution with its owner and due date, then closed; the forum closes.
    ui.type_into(driver, "prp-resolution-content", "增设 6 个访客车位")
    ui.type_into(driver, "prp-resolution-owner", f"孙丽{tag}")
    _set_date(driver, "#prp-resolution-dueOn", "2027-01-15")
    ui.visible(driver, "button#prp-resolution-new-save").click()
    ui.wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr.prp-resolution[data-closed='0']"), "the resolution was not added")
    assert not driver.find_elements(By.CSS_SELECTOR, "form#prp-forum-close-form"), "a forum with an open resolution cannot close"
    ui.type_into(driver, "prp-resolution-note", "已划线启用")
    ui.visible(driver, "button#prp-resolution-close-save").click()
    ui.wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr.prp-resolution[data-closed='1']"), "the resolution was not closed")
    ui.visible(driver, "button#prp-forum-close-save").click()
    ui.wait(driver).until(lambda d: "已关闭" in d.find_element(By.CSS_SELECTOR, "#prp-forum-status").text, "the forum was not closed")
    _no_sideways_scroll(driver, "the forum page")

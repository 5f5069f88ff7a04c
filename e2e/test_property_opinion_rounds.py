"""#14 SAT-10 in a real browser: the half-yearly owners' opinion survey (业主意见调查) of an estate.

User story: the CS supervisor of a property service centre, on a tablet (820×1180), starts the estate's survey for the
half year: every occupant with a phone on the register is asked (a vacant unit is not), and the round shows 0.0 % back.
She types in a returned paper form: a unit the round did not ask is refused under the room with what was typed kept;
corrected, the form (基本满意 with an opinion) counts — 50.0 % back, average 3.0 — and puts the owner on the return-visit
plan. Starting the same half year again is refused under the half-year field (one round per estate and half year).
The property CS admin, who types in forms but does not start rounds, gets no start form; she types in the second form
(很满意, no opinion): 100.0 % back, average 4.0, the return-visit plan unchanged; typing a form in twice for the same
unit is refused with a readable reason. A CS agent gets the readable 403 page. (The rounds have no closing step in
the pages or the API: a round stays open for the paper forms still to come.)"""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui

TABLET = {"width": 820, "height": 1180, "deviceScaleFactor": 2, "mobile": True}


def _no_sideways_scroll(driver, what: str) -> None:
    assert driver.execute_script("return document.documentElement.scrollWidth") <= TABLET["width"], f"{what} scrolls sideways on a tablet"


def _figures(driver) -> tuple[str, str]:
    return ui.visible(driver, "#prp-round-rate").text, ui.visible(driver, "#prp-round-average").text


def _answer(driver, building: str, room: str, overall: str, comment: str) -> None:
    ui.type_into(driver, "prp-answer-building", building)
    ui.type_into(driver, "prp-answer-room", room)
    Select(ui.visible(driver, "select#prp-answer-overall")).select_by_value(overall)
    ui.type_into(driver, "prp-answer-comment", comment)
    ui.visible(driver, "button#prp-answer-save").click()


def test_a_supervisor_starts_the_half_yearly_survey_and_the_forms_are_typed_in(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"YJ{tag}".upper(), "name": f"物业服务中心{tag}", "kind": "site", "parentId": root_unit["id"]}, expect=201)
    admin = make_user(roles=["property_admin"], display_name=f"孙丽{tag}", org_unit_id=unit["id"])
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"周主管{tag}", org_unit_id=unit["id"])
    agent = make_user(roles=["cs_agent"], display_name=f"赵坐席{tag}", org_unit_id=unit["id"])
    estate_name = f"翠湖花园{tag}"
    _, estate = admin_api.post("/api/v1/property/estates", {"name": estate_name, "orgUnitId": unit["id"]}, token=admin["token"], expect=201)
    admin_api.post(f"/api/v1/property/estates/{estate['id']}/units", {"units": [
        {"building": "1栋", "room": "101", "area": "89.50", "use": "residential", "occupantName": "王芳", "occupantPhone": "13800000101"},
        {"building": "1栋", "room": "102", "area": "92.00", "use": "residential", "occupantName": "李强", "occupantPhone": "13800000102"},
        {"building": "1栋", "room": "103", "area": "92.00", "use": "residential"}]}, token=admin["token"], expect=201)

    # The supervisor on her tablet starts the round for the half year the form proposes.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", TABLET)
    ui.login(driver, server, supervisor["username"], supervisor["password"])
    ui.nav_to(driver, "property-opinions")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/property/opinion-rounds", "/property/opinion-rounds")
    assert ui.present(driver, "#empty-state"), "an empty list says so"
    half = ui.visible(driver, "#prp-round-halfYear").get_attribute("value")
    assert half[:4].isdigit() and half[4:] in ("-H1", "-H2"), half
    Select(ui.visible(driver, "select#prp-round-estateId")).select_by_value(estate["id"])
    _no_sideways_scroll(driver, "the survey list")
    ui.visible(driver, "button#prp-round-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/property/opinion-rounds/"), "the round's page")
    round_path = ui.current_path(driver)
    assert estate_name in ui.visible(driver, "#prp-round-title").text and half in ui.visible(driver, "#prp-round-title").text
    assert _figures(driver) == ("0.0%", "—")
    assert "调查 2" in ui.visible(driver, "#prp-round-figures").text, "the two occupants with a phone are asked"
    assert sorted(r.get_attribute("data-room") for r in driver.find_elements(By.CSS_SELECTOR, "#prp-residents tr.prp-resident")) == ["101", "102"], \
        "only the occupants with a phone are asked (1栋 103 is vacant)"
    assert ui.present(driver, "#prp-no-visits"), "no return visit before any answer"

    # A paper form for a unit the round did not ask: refused under the room, what was typed kept.
    _answer(driver, "1栋", "109", "3", "希望增加儿童游乐设施")
    error = ui.visible(driver, "#prp-answer-room-error")
    assert "本次调查没有该房屋" in error.text, error.text
    assert error.find_element(By.XPATH, "ancestor::form[1]").get_attribute("id") == "prp-answer-form"
    assert ui.visible(driver, "#prp-answer-room").get_attribute("value") == "109"
    assert ui.visible(driver, "#prp-answer-building").get_attribute("value") == "1栋"
    assert ui.visible(driver, "#prp-answer-comment").get_attribute("value") == "希望增加儿童游乐设施"
    assert Select(ui.visible(driver, "select#prp-answer-overall")).first_selected_option.get_attribute("value") == "3"
    assert _figures(driver) == ("0.0%", "—"), "a refused form does not count"
    _no_sideways_scroll(driver, "the refused answer form")

    # Corrected to 101, it counts: half the residents back, average 3.0, and 101 is planned for a return visit.
    ui.type_into(driver, "prp-answer-room", "101")
    ui.visible(driver, "button#prp-answer-save").click()
    ui.wait(driver).until(lambda d: _figures(d) == ("50.0%", "3.0"), "the form did not count")
    assert ui.present(driver, "#prp-residents tr.prp-resident[data-room='101'][data-answered='1']")
    assert ui.present(driver, "#prp-residents tr.prp-resident[data-room='102'][data-answered='0']")
    visits = driver.find_elements(By.CSS_SELECTOR, "#prp-return-visits tr.prp-resident")
    assert [v.get_attribute("data-room") for v in visits] == ["101"], "the owner with an opinion is on the return-visit plan"
    assert "基本满意" in visits[0].text and "希望增加儿童游乐设施" in visits[0].text, visits[0].text
    _no_sideways_scroll(driver, "the round page")

    # The same half year again is refused under the half year, the estate kept.
    ui.visible(driver, "main p.actions a[href='/property/opinion-rounds']").click()
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/property/opinion-rounds", "back to the list")
    row = ui.visible(driver, f"tr.prp-round[data-half='{half}']")
    assert estate_name in row.text and "50.0%" in row.text and "3.0" in row.text, row.text
    Select(ui.visible(driver, "select#prp-round-estateId")).select_by_value(estate["id"])
    ui.type_into(driver, "prp-round-halfYear", half)
    ui.visible(driver, "button#prp-round-save").click()
    error = ui.visible(driver, "#prp-round-halfYear-error")
    assert "已发起" in error.text, error.text
    assert Select(ui.visible(driver, "select#prp-round-estateId")).first_selected_option.get_attribute("value") == estate["id"]
    assert len(driver.find_elements(By.CSS_SELECTOR, "tr.prp-round")) == 1, "no second round"
    ui.logout(driver)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # The property CS admin types in forms but starts no round.
    ui.login(driver, server, admin["username"], admin["password"])
    ui.nav_to(driver, "property-opinions")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/property/opinion-rounds", "/property/opinion-rounds")
    ui.visible(driver, f"tr.prp-round[data-half='{half}'] a.prp-round-link")
    assert not driver.find_elements(By.CSS_SELECTOR, "form#prp-round-form"), "the property admin is offered the start form"
    ui.visible(driver, f"tr.prp-round[data-half='{half}'] a.prp-round-link").click()
    ui.wait_path(driver, lambda p: p == round_path, "the round's page")
    _answer(driver, "1栋", "102", "5", "")
    ui.wait(driver).until(lambda d: _figures(d) == ("100.0%", "4.0"), "the second form did not count")
    assert ui.present(driver, "#prp-residents tr.prp-resident[data-room='102'][data-answered='1']")
    assert [v.get_attribute("data-room") for v in driver.find_elements(By.CSS_SELECTOR, "#prp-return-visits tr.prp-resident")] == ["101"], \
        "a very satisfied owner without an opinion is not visited"

    # 101's form a second time is refused with a readable reason; the figures stand.
    _answer(driver, "1栋", "101", "1", "重复录入")
    message = ui.visible(driver, "#prp-answer-error")
    assert "已登记" in message.text and "感谢" not in message.text, message.text
    shown = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".flash-error") if e.is_displayed()]
    assert shown == [message.text], f"the refusal is not shown exactly once: {shown}"
    assert ui.visible(driver, "#prp-answer-comment").get_attribute("value") == "重复录入"
    assert _figures(driver) == ("100.0%", "4.0")
    ui.logout(driver)

    # A CS agent has no right to the surveys: no menu entry, and the round's page is the readable 403.
    ui.login(driver, server, agent["username"], agent["password"])
    assert not driver.find_elements(By.CSS_SELECTOR, "nav#main-nav a#nav-property-opinions"), "the agent is offered the surveys"
    driver.get(server + round_path)
    denial = ui.visible(driver, "section.error-page #error-message")
    assert "您不能查看业主意见调查" in denial.text, denial.text
    assert "王芳" not in driver.page_source

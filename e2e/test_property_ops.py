"""#14 PRP-07 and PRP-10 in a real browser on a phone (390×844), as the property CS admin works the service centre's
logs: a building patrol is recorded with a finding and shows in the patrol list; an owner proposal for a room the estate
does not have is refused under its field with what was typed kept, then recorded and listed as open."""

from __future__ import annotations

import secrets

import kefu_pages as ui
from test_page_polish import PHONE


def _no_sideways_scroll(driver, what: str) -> None:
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390, f"{what} scrolls sideways on a phone"


def test_a_patrol_with_a_finding_and_an_owner_proposal_are_recorded_and_listed(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"WY{tag}".upper(), "name": f"物业服务中心{tag}", "kind": "site", "parentId": root_unit["id"]}, expect=201)
    admin = make_user(roles=["property_admin"], display_name=f"孙丽{tag}", org_unit_id=unit["id"])
    _, estate = admin_api.post("/api/v1/property/estates", {"name": f"翠湖花园{tag}", "orgUnitId": unit["id"]}, token=admin["token"], expect=201)
    admin_api.post(f"/api/v1/property/estates/{estate['id']}/units", {"units": [{"building": "1栋", "room": "101", "area": "89.50", "use": "residential"}]},
                   token=admin["token"], expect=201)

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, admin["username"], admin["password"])

    # PRP-07: a patrol of two buildings with one finding.
    ui.nav_to(driver, "property-patrols")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/property/patrols", "/property/patrols")
    assert ui.present(driver, "#empty-state"), "an empty log says so"
    ui.present(driver, "form#prp-patrol-form")
    ui.type_into(driver, "prp-patrol-buildings", "1栋、2栋")
    ui.type_into(driver, "prp-patrol-location0", "2栋 3 楼楼道")
    ui.type_into(driver, "prp-patrol-finding0", "声控灯不亮")
    _no_sideways_scroll(driver, "the patrol form")
    ui.visible(driver, "button#prp-patrol-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/property/patrols/"), "the patrol's page")
    title = ui.visible(driver, "#prp-patrol-title").text
    number = title.split()[-1]
    assert number.startswith("XL-"), title
    assert "声控灯不亮" in ui.visible(driver, "#prp-patrol-findings").text

    ui.nav_to(driver, "property-patrols")
    ui.wait(driver).until(lambda d: len(d.find_elements("css selector", f"tr.prp-patrol[data-number='{number}'][data-status='issues']")) == 1,
                          "the patrol is not in the list with its finding")
    _no_sideways_scroll(driver, "the patrol list")

    # PRP-10: a room the estate lacks is refused under its field, what was typed kept; then the proposal is recorded.
    ui.nav_to(driver, "property-proposals")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/property/proposals", "/property/proposals")
    ui.type_into(driver, "prp-proposal-building", "9栋")
    ui.type_into(driver, "prp-proposal-room", "901")
    ui.type_into(driver, "prp-proposal-ownerName", "王芳")
    ui.type_into(driver, "prp-proposal-content", "建议增设电动车充电桩")
    ui.visible(driver, "button#prp-proposal-save").click()
    ui.wait(driver).until(lambda d: "没有该房屋" in d.find_element("css selector", "form#prp-proposal-form").text, "the unknown room was not refused")
    assert ui.visible(driver, "#prp-proposal-ownerName").get_attribute("value") == "王芳"
    assert "充电桩" in ui.visible(driver, "#prp-proposal-content").get_attribute("value")
    ui.type_into(driver, "prp-proposal-building", "1栋")
    ui.type_into(driver, "prp-proposal-room", "101")
    ui.visible(driver, "button#prp-proposal-save").click()
    ui.wait(driver).until(lambda d: len(d.find_elements("css selector", "tr.prp-proposal[data-status='open']")) == 1, "the proposal is not listed as open")
    row = ui.present(driver, "tr.prp-proposal[data-status='open']")
    assert row.get_attribute("data-number").startswith("YJ-") and "1栋 101" in row.text and "充电桩" in row.text
    _no_sideways_scroll(driver, "the proposal list")

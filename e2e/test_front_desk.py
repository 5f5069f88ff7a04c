"""#14.4 front desk registers (FRD-03, FRD-05) in a real browser on a phone (390×844): the desk stores a bag against a
numbered tag and hands it back only with that tag's number (a wrong number is refused under its field, the typed value
kept); it registers a found item and closes it by a claim, refused until the claimant's ID is checked; every list is
searchable by number and prints."""

from __future__ import annotations

import secrets

import kefu_pages as ui
from test_page_polish import PHONE


def _state(driver) -> str:
    return ui.present(driver, "#fd-state").get_attribute("data-status")


def test_a_bag_is_stored_and_retrieved_by_its_tag_and_a_found_item_is_closed_by_a_claim(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"FD{tag}".upper(), "name": f"商场服务台{tag}", "kind": "business", "parentId": root_unit["id"]}, expect=201)
    desk = make_user(roles=["front_desk"], display_name=f"服务台{tag}", org_unit_id=unit["id"])

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, desk["username"], desk["password"])

    # FRD-05: store a bag.
    ui.nav_to(driver, "front-desk-bags")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/front-desk/bag-storage", "/front-desk/bag-storage")
    assert ui.present(driver, "#empty-state"), "an empty register says so"
    ui.visible(driver, "a#fd-new").click()
    ui.present(driver, "form#fd-form")
    ui.type_into(driver, "fd-summary", "购物袋 2 个，雨伞 1 把")
    ui.type_into(driver, "fd-personName", "刘先生")
    ui.type_into(driver, "fd-personPhone", "13700002222")
    ui.type_into(driver, "fd-ref", f"B{tag}")
    ui.type_into(driver, "fd-pieces", "3")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the form scrolls sideways on a phone"
    ui.visible(driver, "button#fd-save").click()
    ui.present(driver, "#fd-record-title")
    assert _state(driver) == "stored"
    number = ui.visible(driver, "#fd-number").text
    assert number.startswith("JC-"), number

    # A wrong tag number is refused under its field; what was typed stays.
    ui.type_into(driver, "fd-ticketNumber", f"B{tag}X")
    ui.visible(driver, "button#fd-retrieve").click()
    ui.wait(driver).until(lambda d: "不符" in d.find_element("css selector", "form#fd-retrieve-form").text, "the wrong tag was not refused")
    assert _state(driver) == "stored"
    assert ui.visible(driver, "#fd-ticketNumber").get_attribute("value") == f"B{tag}X"
    ui.type_into(driver, "fd-ticketNumber", f"b{tag}")
    ui.visible(driver, "button#fd-retrieve").click()
    ui.wait(driver).until(lambda d: _state(d) == "retrieved", "the bag was never handed back")

    # The list finds it by number (and by the tag), stacked on a phone, with export and print.
    ui.nav_to(driver, "front-desk-bags")
    ui.type_into(driver, "fd-filter-q", f"B{tag}")
    ui.visible(driver, "button#fd-filter-apply").click()
    ui.wait(driver).until(lambda d: len(d.find_elements("css selector", f"tr.fd-row[data-number='{number}']")) == 1, "the bag is not found by its tag")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the list scrolls sideways on a phone"
    assert ui.present(driver, "a#fd-export-xlsx").get_attribute("href")
    assert ui.present(driver, "button#fd-print").get_attribute("data-print") is not None

    # FRD-03: a found item, claimed only with the claimant's ID checked.
    ui.nav_to(driver, "front-desk-lost")
    ui.visible(driver, "a#fd-new").click()
    ui.type_into(driver, "fd-summary", "黑色钱包")
    ui.type_into(driver, "fd-personName", "保洁 张")
    ui.type_into(driver, "fd-foundAt", "一楼中庭")
    ui.type_into(driver, "fd-storagePlace", "服务台保险柜")
    ui.type_into(driver, "fd-noticeDepartment", "保安部")
    ui.visible(driver, "button#fd-save").click()
    ui.present(driver, "#fd-record-title")
    assert _state(driver) == "held"
    lost_number = ui.visible(driver, "#fd-number").text
    assert lost_number.startswith("SW-"), lost_number
    ui.type_into(driver, "fd-claimantName", "王芳")
    ui.type_into(driver, "fd-claimantPhone", "13900002222")
    ui.type_into(driver, "fd-idNumber", "110101199001011234")
    ui.visible(driver, "button#fd-claim").click()
    ui.wait(driver).until(lambda d: "证件" in d.find_element("css selector", "form#fd-claim-form").text and
                          d.find_elements("css selector", "form#fd-claim-form .field-error"), "the claim without the ID checked was not refused")
    assert _state(driver) == "held"
    assert ui.visible(driver, "#fd-idNumber").get_attribute("value") == "110101199001011234"
    ui.visible(driver, "#fd-idChecked").click()
    ui.visible(driver, "button#fd-claim").click()
    ui.wait(driver).until(lambda d: _state(d) == "claimed", "the claim never closed the item")
    assert "王芳" in ui.visible(driver, "#fd-closed").text

    _, found = desk["api"].get(f"/api/v1/front-desk/records?register=lost_property&q={lost_number}", expect=200)
    assert found["total"] == 1 and found["items"][0]["status"] == "claimed", found

"""#14.1 work orders (WO-01..11) in a real browser on a phone (390×844): the duty technician finds the order, accepts it
(the 5-minute door clock shows), arrives, writes up the work, has the resident sign with a finger on the canvas (pointer
events), cannot send an empty pad, completes, and the three-copy A4 print (WO-09) shows the signature on each copy."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from test_page_polish import PHONE

# Dark pixels of an <img> drawn on a canvas (the signature is not blank).
INK = """
var img = arguments[0], c = document.createElement('canvas');
c.width = img.naturalWidth; c.height = img.naturalHeight;
var x = c.getContext('2d'); x.drawImage(img, 0, 0);
var d = x.getImageData(0, 0, c.width, c.height).data, n = 0;
for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; }
return n;
"""


def _state(driver) -> str:
    return ui.present(driver, "#work-order-state").get_attribute("data-status")


def _step(driver, step: str, expected: str) -> None:
    ui.visible(driver, f"button#wo-{step}").click()
    ui.wait(driver).until(lambda d: _state(d) == expected, f"the order never reached {expected} after {step}")


def _draw_with_finger(driver, canvas) -> None:
    """A touch stroke (pointer type touch) across the pad, as a finger signs."""
    finger = PointerInput(interaction.POINTER_TOUCH, "finger")
    actions = ActionBuilder(driver, mouse=finger)
    actions.pointer_action.move_to(canvas, -120, -20).pointer_down()
    for dx, dy in ((-80, 10), (-40, -25), (0, 20), (40, -15), (90, 25), (130, 0)):
        actions.pointer_action.move_to(canvas, dx, dy)
    actions.pointer_action.pointer_up()
    actions.perform()


def _draw_with_mouse(driver, canvas) -> None:
    ActionChains(driver).move_to_element_with_offset(canvas, -100, 30).click_and_hold().move_by_offset(60, -30) \
        .move_by_offset(60, 30).move_by_offset(60, -30).release().perform()


def test_a_technician_accepts_arrives_collects_a_drawn_signature_completes_and_prints_three_copies(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"WY{tag}".upper(), "name": f"物业服务中心{tag}", "kind": "business", "parentId": root_unit["id"]}, expect=201)
    agent = make_user(roles=["cs_agent"], display_name=f"客服{tag}", org_unit_id=unit["id"])
    tech = make_user(roles=["duty_technician"], display_name=f"技工{tag}", org_unit_id=unit["id"])
    location = f"{tag} 栋 2 单元 201"
    _, order = agent["api"].post("/api/v1/work-orders", {"kind": "household", "location": location, "description": "厨房水管漏水",
                                                        "requesterName": "王芳", "requesterPhone": "13900001111", "orgUnitId": unit["id"]}, expect=201)

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, tech["username"], tech["password"])
    ui.nav_to(driver, "work-orders")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/work-orders", "/work-orders")
    assert "active" in ui.present(driver, "a#wo-tab-open").get_attribute("class"), "a technician opens on the orders to do"
    link = ui.visible(driver, f"tr.wo-row[data-id='{order['id']}'] a.wo-link")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the list scrolls sideways on a phone"
    link.click()
    ui.present(driver, "#work-order-title")
    assert _state(driver) == "issued"

    _step(driver, "accept", "accepted")
    clock = ui.visible(driver, "#door-clock")
    assert clock.get_attribute("data-due"), "WO-02: the door clock counts down to acceptance + 5 minutes"
    left = ui.visible(driver, "#door-clock-left").text
    assert left.startswith("4:") or left.startswith("5:"), left
    _step(driver, "depart", "accepted")
    _step(driver, "arrive", "arrived")
    assert ui.visible(driver, "#door-clock").get_attribute("data-late") == "0"
    _step(driver, "start", "working")
    ui.visible(driver, "textarea#wo-work-notes").send_keys("更换角阀，试水无渗漏")
    ui.visible(driver, "textarea#wo-materials").send_keys("角阀 DN15 1 个")
    _step(driver, "finish", "awaiting_signature")

    # WO-07: the order cannot be completed before the requester signs (refused, said why); an empty pad is not even sent.
    ui.visible(driver, "button#wo-complete").click()
    refusal = ui.visible(driver, "#wo-complete-error")
    assert "签字" in refusal.text, refusal.text
    assert _state(driver) == "awaiting_signature"
    ui.visible(driver, "button#wo-signature").click()
    empty = ui.visible(driver, "#wo-signature-empty")
    assert "签字" in empty.text, empty.text
    assert _state(driver) == "awaiting_signature"

    canvas = ui.visible(driver, "canvas#wo-signature-pad")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the signature pad scrolls sideways on a phone"
    _draw_with_finger(driver, canvas)
    _draw_with_mouse(driver, canvas)
    name = ui.visible(driver, "input#wo-signer-name")
    assert name.get_attribute("value") == "王芳"
    Select(ui.visible(driver, "select#wo-signer-relation")).select_by_value("owner")
    ui.visible(driver, "button#wo-signature").click()
    img = ui.visible(driver, "img#wo-signature-img")
    ui.wait(driver).until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img) == 600, "the signature image never loaded")
    assert driver.execute_script(INK, img) > 200, "the stored signature is blank"

    _step(driver, "complete", "completed")
    assert "RET-02" in ui.visible(driver, "#wo-completed").text

    _, shown = tech["api"].get(f"/api/v1/work-orders/{order['id']}", expect=200)
    assert shown["status"] == "completed" and shown["signature"]["signerName"] == "王芳" and shown["signature"]["contentMatches"], shown

    ui.visible(driver, "a#work-order-print").click()
    ui.wait_path(driver, lambda p: p.endswith("/print"), "the print")
    copies = driver.find_elements("css selector", "section.copy")
    assert [c.get_attribute("data-copy") for c in copies] == ["1", "2", "3"]
    labels = [c.find_element("css selector", ".copy-label").text for c in copies]
    assert labels[0].startswith("第一联") and "报修人" in labels[0], labels
    assert labels[1].startswith("第二联") and "工程部" in labels[1], labels
    assert labels[2].startswith("第三联") and "客服部" in labels[2], labels
    for c in copies:
        sig = c.find_element("css selector", "img.print-signature")
        ui.wait(driver).until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", sig) == 600, "a copy's signature never loaded")
        assert driver.execute_script(INK, sig) > 200, "a copy shows a blank signature"
        assert location in c.text and "角阀 DN15 1 个" in c.text
    assert driver.execute_script("return getComputedStyle(arguments[0]).breakAfter", copies[0]) in ("page", "always"), "each copy starts a new A4 page"

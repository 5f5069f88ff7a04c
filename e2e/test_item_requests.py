"""#12.5 MAT-05 in a real browser: a site keeper asks for a new item code from
物资 › 新增存货编码申请; sending it without the three photos is refused under
the photos with what was typed kept; with the distant, close-up and spec-plate
photos it goes to the department, told in words in its notifications, which forwards it; the HQ materials office
approves it with the code it chooses; the item exists and links back to the
request, whose photos show as thumbnails."""

from __future__ import annotations

import struct
import zlib

from selenium.webdriver.common.by import By

import kefu_pages as ui
from site_books import site_books


def png(path, rgb: tuple[int, int, int], size: int = 8) -> str:
    """A real PNG of one colour, so the browser draws the thumbnail."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    path.write_bytes(data)
    return str(path)


def status(driver) -> str:
    return ui.visible(driver, "#item-request-state").get_attribute("data-status")


def test_a_site_asks_the_department_forwards_and_hq_creates_the_code(server, driver, admin_api, root_unit, make_user, tmp_path):
    b = site_books(admin_api, root_unit, make_user)
    far = png(tmp_path / "远景.png", (200, 40, 40))
    near = png(tmp_path / "近景.png", (40, 200, 40))
    plate = png(tmp_path / "铭牌.png", (40, 40, 200))
    name = f"液压密封圈{b.tag}"

    ui.login(driver, server, b.keeper["username"], b.keeper["password"])
    ui.nav_to(driver, "item-requests")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/item-requests", "/materials/item-requests")
    ui.visible(driver, "a#new-item-request").click()
    ui.visible(driver, "form#item-request-form")
    ui.visible(driver, "input#ir-name").send_keys(name)
    ui.visible(driver, "input#ir-spec").send_keys("Φ32×2.4")
    ui.visible(driver, "input#ir-unit-of-measure").send_keys("个")
    ui.visible(driver, "input#ir-purpose").send_keys("叉车油缸维修")
    ui.visible(driver, "input#ir-photo-distant").send_keys(far)

    # MAT-05: without the three photos the request is refused under the photos, and what was typed stays.
    ui.visible(driver, "button#item-request-send").click()
    error = ui.visible(driver, "fieldset#ir-photos .field-error")
    assert "MAT-05" in error.text and "近景" in error.text, error.text
    assert ui.visible(driver, "input#ir-name").get_attribute("value") == name
    assert ui.visible(driver, "input#ir-purpose").get_attribute("value") == "叉车油缸维修"
    assert not driver.find_elements(By.CSS_SELECTOR, "#form-flash-message:not(.field-error)"), "the message stands under the photos only"

    ui.visible(driver, "input#ir-photo-distant").send_keys(far)
    ui.visible(driver, "input#ir-photo-close-up").send_keys(near)
    ui.visible(driver, "input#ir-photo-spec").send_keys(plate)
    ui.visible(driver, "button#item-request-send").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/item-requests/") and not p.endswith("/new"), "the request page")
    request_path = ui.current_path(driver)
    assert status(driver) == "submitted"
    thumbs = driver.find_elements(By.CSS_SELECTOR, "#item-request-photos figure.photo img")
    assert len(thumbs) == 3
    ui.wait(driver).until(lambda d: all(d.execute_script("return arguments[0].naturalWidth", t) == 8 for t in thumbs), "thumbnails not drawn")
    assert not driver.find_elements(By.CSS_SELECTOR, "#item-request-forward"), "the site does not forward its own request"
    ui.logout(driver)

    # The business department is told in words (the state's label, not its raw value) and forwards it to HQ.
    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    driver.get(server + "/notifications")
    told = ui.visible(driver, "#notification-list li.notification .body").text
    assert told == "申请状态：已提交业务部", told
    driver.get(server + request_path)
    ui.visible(driver, "button#item-request-forward").click()
    ui.wait(driver).until(lambda d: status(d) == "forwarded", "not forwarded")
    assert not driver.find_elements(By.CSS_SELECTOR, "form#approve-form"), "only HQ approves"
    ui.logout(driver)

    # The HQ materials office approves with the code it chooses; the item exists and links back.
    ui.login(driver, server, b.hq["username"], b.hq["password"])
    driver.get(server + request_path)
    assert ui.visible(driver, "input#approve-name").get_attribute("value") == name
    ui.visible(driver, "input#approve-code").send_keys(f"HY-{b.tag}")
    ui.visible(driver, "button#item-request-approve").click()
    ui.wait(driver).until(lambda d: status(d) == "approved", "not approved")
    timeline = ui.visible(driver, "#item-request-timeline").text
    assert "转报" in timeline and f"HY-{b.tag}" in timeline, timeline
    ui.visible(driver, "a#item-request-item").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/items/"), "the new item")
    assert f"HY-{b.tag}" in ui.visible(driver, "h1#item-title").text
    ui.visible(driver, "a#item-origin-link").click()
    ui.wait_path(driver, lambda p: p == request_path, "back to the request")
    assert status(driver) == "approved"

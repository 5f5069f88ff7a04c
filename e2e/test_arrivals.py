"""#13.2 ARR-01..07 in a real browser on a phone (390×844): a site keeper opens
物资 › 到货验收, records a supplier's delivery against its papers with one line
short and damaged and a photo of the damage; saving without the counted
quantity is refused under that line's field with everything typed kept; the
check shows the discrepancy and the photo, the keeper completes it, and the
receipt it drafted exists — saved, not audited — with the counted quantity."""

from __future__ import annotations

import struct
import zlib

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books


def png(path, rgb: tuple[int, int, int], size: int = 8) -> str:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    path.write_bytes(data)
    return str(path)


def test_a_site_keeper_checks_a_short_delivery_on_a_phone_and_the_receipt_is_drafted(server, driver, admin_api, root_unit, make_user, tmp_path):
    b = site_books(admin_api, root_unit, make_user)
    code = f"GEAR-{b.tag}"
    item = b.item(code, f"偏航齿轮{b.tag}", category="spare_part", repair_class="II")
    _, supplier = b.hq["api"].post("/api/v1/suppliers", {"code": f"SUP{b.tag}", "name": f"华锐配件厂{b.tag}"}, expect=201)
    photo = png(tmp_path / "破损.png", (200, 60, 60))

    driver.set_window_size(390, 844)
    ui.login(driver, server, b.keeper["username"], b.keeper["password"])
    ui.nav_to(driver, "arrivals")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/arrivals", "/materials/arrivals")
    assert ui.visible(driver, "#empty-state").text
    ui.visible(driver, "a#new-arrival").click()
    ui.visible(driver, "form#arrival-form")
    Select(ui.visible(driver, "select#arrival-warehouse")).select_by_value(b.warehouse["id"])
    Select(ui.visible(driver, "select#arrival-source")).select_by_value("supplier")
    Select(ui.visible(driver, "select#arrival-supplier")).select_by_value(supplier["id"])
    ui.visible(driver, "input#arrival-delivery-note").send_keys("SH-2026-1201")
    ui.visible(driver, "input#arrival-packing-list").send_keys("ZX-88")
    ui.visible(driver, "input#arrival-line-0-itemId").send_keys(code)
    ui.visible(driver, "input#arrival-line-0-expectedQuantity").send_keys("10")
    ui.visible(driver, "input#arrival-line-0-note").send_keys("外箱破损，短少两件")
    ui.visible(driver, "input#arrival-line-0-damaged").click()
    ui.visible(driver, "input#arrival-photo-input").send_keys(photo)

    # ARR-01: count first — without the counted quantity the line is refused under its field, what was typed kept.
    ui.visible(driver, "button#arrival-save").click()
    error = ui.visible(driver, "#arrival-line-0-countedQuantity-error")
    assert "ARR-01" in error.text, error.text
    assert ui.visible(driver, "input#arrival-line-0-itemId").get_attribute("value") == code
    assert ui.visible(driver, "input#arrival-delivery-note").get_attribute("value") == "SH-2026-1201"
    assert ui.visible(driver, "input#arrival-line-0-damaged").is_selected()
    # Phone: the form is one column, nothing scrolls sideways.
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")

    ui.visible(driver, "input#arrival-line-0-countedQuantity").send_keys("8")
    ui.visible(driver, "input#arrival-photo-input").send_keys(photo)
    ui.visible(driver, "button#arrival-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/arrivals/") and not p.endswith("/new"), "the arrival page")
    arrival_id = ui.current_path(driver).rstrip("/").split("/")[-1]
    assert ui.visible(driver, "#arrival-state").get_attribute("data-status") == "checking"
    assert ui.visible(driver, "#arrival-discrepancy").text
    assert "SH-2026-1201" in ui.visible(driver, "#arrival-papers").text
    row = ui.visible(driver, "#arrival-lines tr.arrival-line-row")
    assert "-2" in row.text, row.text
    thumbs = driver.find_elements(By.CSS_SELECTOR, "#arrival-photos figure.photo img")
    assert len(thumbs) == 1
    ui.wait(driver).until(lambda d: d.execute_script("return arguments[0].naturalWidth", thumbs[0]) == 8, "photo not drawn")

    ui.visible(driver, "button#arrival-complete").click()
    ui.wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#arrival-state").get_attribute("data-status") == "completed", "not completed")
    link = ui.visible(driver, "a#arrival-receipt-link")
    receipt_id = link.get_attribute("href").rstrip("/").split("/")[-1]
    _, receipt = b.keeper["api"].get(f"/api/v1/stock-documents/{receipt_id}", expect=200)
    assert receipt["status"] == "saved" and receipt["direction"] == "in", receipt
    assert [(l["itemId"], str(l["quantity"])) for l in receipt["lines"]] == [(item["id"], "8")], receipt["lines"]
    assert "SH-2026-1201" in receipt["remark"], receipt["remark"]

    # Linked both ways: the receipt's page names the arrival check.
    link.click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/documents/"), "the receipt page")
    assert ui.visible(driver, "a#doc-arrival").get_attribute("href").endswith("/materials/arrivals/" + arrival_id)

    # The receiving log shows it, as a card on the phone.
    driver.get(server + "/materials/arrivals?state=completed")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#arrival-list tr.arrival-row")) == 1

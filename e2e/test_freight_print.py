"""#13.4 loose end in a real browser: the freight record prints as the freight
approval form. A site keeper records an air shipment; the rule's verdict stands
on the record in words (FRT-05, with the cost); the department manager approves
it; the printed page (print media) shows the verdict, who approved and when, and
the signature lines, and no navigation, buttons or forms."""

from __future__ import annotations

from selenium.webdriver.common.by import By

import kefu_pages as ui
from site_books import site_books


def print_media(driver, on: bool):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print" if on else ""})


def test_an_approved_air_shipment_prints_with_verdict_approver_and_signature_lines(server, driver, admin_api, root_unit, make_user):
    b = site_books(admin_api, root_unit, make_user)
    manager = make_user(roles=["dept_manager"], display_name=f"经理{b.tag}", org_unit_id=b.dept["id"])
    _, record = b.keeper["api"].post(
        "/api/v1/freight", {"shipmentRef": f"KY-{b.tag}", "mode": "air", "cost": "1280", "shippedOn": "2026-11-18"}, expect=201
    )
    path = f"/materials/freight/{record['id']}"

    ui.login(driver, server, manager["username"], manager["password"])
    driver.get(server + path)
    verdict = ui.visible(driver, "#freight-verdict")
    assert "FRT-05" in verdict.text and "1280.00" in verdict.text, verdict.text
    assert ui.visible(driver, "#freight-approval-state").get_attribute("data-status") == "awaiting_approval"
    ui.visible(driver, "input#freight-approve-comment").send_keys("急件，同意空运")
    ui.visible(driver, "button#freight-approve").click()
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "freight-approval-state").get_attribute("data-status") == "approved", "not approved")

    # The print button is there on screen; the signature lines are not.
    assert ui.visible(driver, "button#freight-print").is_enabled()
    assert not driver.find_element(By.ID, "document-signatures").is_displayed()
    print_media(driver, True)
    try:
        assert driver.find_element(By.ID, "document-signatures").is_displayed()
        signatures = driver.find_element(By.ID, "document-signatures").text
        assert "经办人" in signatures and "业务部审批" in signatures, signatures
        state = driver.find_element(By.ID, "freight-approval-state")
        assert state.is_displayed() and f"经理{b.tag}" in state.text and "急件，同意空运" in state.text, state.text
        assert driver.find_element(By.ID, "freight-verdict").is_displayed()
        assert f"KY-{b.tag}" in driver.find_element(By.ID, "freight-shipment").text
        assert not driver.find_element(By.ID, "main-nav").is_displayed()
        assert not driver.find_element(By.ID, "freight-timeline").is_displayed()
        assert all(not el.is_displayed() for el in driver.find_elements(By.CSS_SELECTOR, "button"))
    finally:
        print_media(driver, False)

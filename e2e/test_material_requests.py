"""#13.1 (4.4, REQ-01..08) in a real browser: a site keeper writes a 内部联络单 from 物资 › 内部联络单 with the line grid
and submits it; the site chief signs; the department planner sees the 24-working-hour clock and returns it without a
comment (refused under the field), then with one; the keeper submits again; site chief, planner, supervisor and manager
sign in turn (each signature names the form's version); production decides on procurement, procurement places the
order, the site keeper confirms the arrival and the request closes itself. Each step is taken by a different person
signed in on their own, and each sees only the buttons of their step."""

from __future__ import annotations

from selenium.webdriver.common.by import By

import kefu_pages as ui
from site_books import site_books


def state(driver) -> str:
    return ui.visible(driver, "#material-request-state").get_attribute("data-state")


def click_step(driver, button_id: str, expected: str) -> None:
    ui.visible(driver, f"button#{button_id}").click()
    ui.wait(driver).until(lambda d: state(d) == expected, f"never reached {expected}")


def test_a_request_goes_from_draft_to_closed(server, driver, admin_api, root_unit, make_user):
    b = site_books(admin_api, root_unit, make_user)
    item = b.item(f"MR{b.tag}", f"密封圈{b.tag}")
    lead = make_user(roles=["site_lead"], display_name=f"现场负责人{b.tag}", org_unit_id=b.site["id"])
    planner = make_user(roles=["dept_planner"], display_name=f"计划员{b.tag}", org_unit_id=b.dept["id"])
    supervisor = make_user(roles=["dept_supervisor"], display_name=f"主管{b.tag}", org_unit_id=b.dept["id"])
    manager = make_user(roles=["dept_manager"], display_name=f"经理{b.tag}", org_unit_id=b.dept["id"])
    production = make_user(roles=["production"], display_name="生产管理部")
    procurement = make_user(roles=["procurement"], display_name="采购员")

    # The site keeper writes the form with the line grid and submits it.
    ui.login(driver, server, b.keeper["username"], b.keeper["password"])
    ui.nav_to(driver, "material-requests")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/materials/requests", "/materials/requests")
    ui.visible(driver, "a#new-material-request").click()
    form = ui.visible(driver, "form#material-request-form")
    ui.visible(driver, "select#mr-kind").send_keys("耗材")
    ui.visible(driver, "input#mr-reason").send_keys("3号风机更换密封件")
    form.find_element(By.CSS_SELECTOR, "input#itemText_0").send_keys(item["code"])
    form.find_element(By.CSS_SELECTOR, "input#qty_0").send_keys("2,000")
    ui.visible(driver, "button#material-request-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/materials/requests/") and not p.endswith("/new"), "the request page")
    request_path = ui.current_path(driver)
    assert state(driver) == "draft"
    assert "2,000" in ui.visible(driver, "#material-request-lines").text or "2000" in ui.visible(driver, "#material-request-lines").text
    assert not driver.find_elements(By.CSS_SELECTOR, "button#material-request-approve"), "the keeper does not sign"
    click_step(driver, "material-request-submit", "site_review")
    ui.logout(driver)

    def signed_in(user):
        ui.login(driver, server, user["username"], user["password"])
        driver.get(server + request_path)

    signed_in(lead)
    click_step(driver, "material-request-approve", "planner_review")
    ui.logout(driver)

    # The planner sees the clock; a return needs a comment (refused under the field), then goes back to the draft.
    signed_in(planner)
    clock = ui.visible(driver, "#planner-clock")
    assert "24" in clock.text and clock.get_attribute("data-breached") == "false", clock.text
    ui.visible(driver, "a#material-request-go-return").click()
    ui.visible(driver, "button#material-request-return").click()
    error = ui.visible(driver, "#return-comment-error")
    assert error.text, "no message under the comment"
    ui.visible(driver, "input#return-comment").send_keys("数量请与现场核实")
    ui.visible(driver, "button#material-request-return").click()
    ui.wait(driver).until(lambda d: state(d) == "draft", "not returned")
    assert "数量请与现场核实" in ui.visible(driver, "#material-request-timeline").text
    ui.logout(driver)

    signed_in(b.keeper)
    click_step(driver, "material-request-submit", "site_review")
    ui.logout(driver)
    for user, after in [(lead, "planner_review"), (planner, "supervisor_review"), (supervisor, "manager_review"), (manager, "sent_to_production")]:
        signed_in(user)
        click_step(driver, "material-request-approve", after)
        ui.logout(driver)

    signed_in(production)
    ui.visible(driver, "button#material-request-decide-procurement").click()
    ui.wait(driver).until(lambda d: state(d) == "procurement", "not sent to procurement")
    ui.logout(driver)

    signed_in(procurement)
    ui.visible(driver, "input#order-ref").send_keys("PO-2026-118")
    ui.visible(driver, "button#material-request-order").click()
    ui.wait(driver).until(lambda d: state(d) == "supplier_shipping", "order not placed")
    ui.logout(driver)

    signed_in(b.keeper)
    click_step(driver, "material-request-confirm-arrival", "closed")
    events = [e.get_attribute("data-action") for e in driver.find_elements(By.CSS_SELECTOR, "#material-request-timeline li.timeline-event")]
    assert events == ["submit", "approve", "return", "submit", "approve", "approve", "approve", "approve", "decide", "order", "confirm-arrival", "close"], events
    assert not driver.find_elements(By.CSS_SELECTOR, "#material-request-toolbar form"), "a closed request has no step left"
    # The printable form carries the signature lines.
    assert driver.find_elements(By.CSS_SELECTOR, "#document-signatures .signature-line")

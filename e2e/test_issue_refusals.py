"""#12.5 ISS-05 in a real browser: the site keeper opens 拒绝发放登记 from the
navigation, a refusal without its reason is refused on its field with what was
typed kept, then logged and listed; the department accountant sees it."""

from __future__ import annotations

from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from site_books import site_books


def test_a_keeper_logs_a_refusal_and_the_accountant_sees_it(server, driver, admin_api, root_unit, make_user):
    b = site_books(admin_api, root_unit, make_user)
    ui.login(driver, server, b.keeper["username"], b.keeper["password"])
    ui.nav_to(driver, "issue-refusals")
    ui.wait_path(driver, lambda p: p.startswith("/materials/issue-refusals"), "/materials/issue-refusals")
    Select(ui.visible(driver, "select#rf-warehouse")).select_by_value(b.warehouse["id"])
    ui.visible(driver, "input#rf-requested-by").send_keys(f"施工队{b.tag}")
    ui.visible(driver, "input#rf-purpose").send_keys("自家农机维修")
    ui.visible(driver, "button#refusal-save").click()
    error = ui.visible(driver, "form#refusal-form .field-error")
    assert "ISS-05" in error.text, error.text
    assert ui.visible(driver, "input#rf-requested-by").get_attribute("value") == f"施工队{b.tag}"
    ui.visible(driver, "input#rf-reason").send_keys("非现场正常工作用料")
    ui.visible(driver, "button#refusal-save").click()
    ui.wait(driver).until(lambda d: f"施工队{b.tag}" in d.find_element("css selector", "body").text and "refusal-row" in d.page_source)
    ui.logout(driver)

    ui.login(driver, server, b.accountant["username"], b.accountant["password"])
    driver.get(f"{server}/materials/issue-refusals")
    assert f"施工队{b.tag}" in ui.visible(driver, "table#refusal-list").text

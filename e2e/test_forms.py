"""Forms that keep input (#11.2) in a real browser: a refused form comes back with
everything typed and the reason under its field in Chinese; a reload after a
refusal does not send the form again; "3,500" and "2026/10/20" are accepted;
开具红联 on the return page works; a reply sent after the session expired keeps
its text and sign-in returns to the ticket, never to a 404."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui


def open_new_user_form(driver, server, admin_password):
    ui.login(driver, server, "admin", admin_password)
    driver.get(server + "/admin/users/new")
    return ui.visible(driver, "form#user-form")


def refuse_new_user(driver, server, admin_password):
    """Fills the new-user form with a username that is too short and sends it."""
    form = open_new_user_form(driver, server, admin_password)
    form.find_element(By.ID, "user-username").send_keys("x")
    form.find_element(By.ID, "user-display").send_keys("王小明")
    form.find_element(By.ID, "user-password").send_keys("Summer-2026!x")
    Select(form.find_element(By.ID, "user-locale")).select_by_value("en")
    checkbox = form.find_element(By.ID, "role-cs_supervisor")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", checkbox)
    checkbox.click()
    form.find_element(By.ID, "user-save").click()
    ui.wait_path(driver, lambda p: p == "/admin/users/new", "back on the new-user page")
    return ui.visible(driver, "#user-username-error")


def test_a_refused_form_keeps_everything_and_shows_the_reason_under_its_field(server, driver, admin_password):
    error = refuse_new_user(driver, server, admin_password)
    # The reason, in Chinese, right under the username field; no English field key on the page.
    assert "用户名" in error.text
    holder = error.find_element(By.XPATH, "..")
    assert holder.find_element(By.ID, "user-username")
    assert "username" not in error.text
    assert "has-error" in holder.get_attribute("class")
    # Everything typed is there, except the password.
    assert driver.find_element(By.ID, "user-username").get_attribute("value") == "x"
    assert driver.find_element(By.ID, "user-display").get_attribute("value") == "王小明"
    assert Select(driver.find_element(By.ID, "user-locale")).first_selected_option.get_attribute("value") == "en"
    assert driver.find_element(By.ID, "role-cs_supervisor").is_selected()
    assert driver.find_element(By.ID, "user-password").get_attribute("value") == ""


def test_a_refused_form_keeps_input_on_a_page_drawn_by_the_page_script(server, driver, admin_password, make_user):
    """The return request form does not draw refusals itself: the shell's script refills it."""
    agent = make_user(roles=["cs_agent"])
    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(server + "/returns/new")
    form = ui.visible(driver, "form#form-return")
    form.find_element(By.CSS_SELECTOR, "[name=customerName]").send_keys("某风场")
    form.find_element(By.CSS_SELECTOR, "[name=model]").send_keys("SL1500 变频器")
    form.find_element(By.CSS_SELECTOR, "[name=serialNumber]").send_keys("VF-77")
    form.find_element(By.CSS_SELECTOR, "[name=shippedAt]").send_keys("上个月")
    form.find_element(By.CSS_SELECTOR, "[name=reason]").send_keys("运行一周后过热停机")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    ui.wait_path(driver, lambda p: p == "/returns/new", "back on the return form")
    error = ui.visible(driver, ".field-error")
    assert "出厂日期" in error.text and "shippedAt" not in error.text
    field = error.find_element(By.XPATH, "..")
    assert field.find_element(By.CSS_SELECTOR, "[name=shippedAt]")
    form = driver.find_element(By.CSS_SELECTOR, "form#form-return")
    assert form.find_element(By.CSS_SELECTOR, "[name=model]").get_attribute("value") == "SL1500 变频器"
    assert form.find_element(By.CSS_SELECTOR, "[name=reason]").get_attribute("value") == "运行一周后过热停机"
    assert form.find_element(By.CSS_SELECTOR, "[name=shippedAt]").get_attribute("value") == "上个月"

    # The usual ways of writing a day are accepted.
    shipped = form.find_element(By.CSS_SELECTOR, "[name=shippedAt]")
    shipped.clear()
    shipped.send_keys((date.today() - timedelta(days=50)).strftime("%Y/%m/%d"))
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    ui.wait_path(driver, lambda p: p.startswith("/returns/") and p != "/returns/new", "the new return")
    notice = ui.visible(driver, ".flash-notice")
    assert "已创建退货单" in notice.text


def test_a_reload_after_a_refusal_does_not_send_the_form_again(server, driver, admin_password):
    refuse_new_user(driver, server, admin_password)
    driver.refresh()
    ui.visible(driver, "form#user-form")
    assert ui.current_path(driver) == "/admin/users/new"
    assert not driver.find_elements(By.CSS_SELECTOR, "#user-username-error")
    assert not driver.find_elements(By.CSS_SELECTOR, ".flash-error")
    assert driver.execute_script("return performance.getEntriesByType('navigation')[0].type") == "reload"


def test_thousands_separators_and_slashed_dates_are_accepted(server, driver, admin_password):
    ui.login(driver, server, "admin", admin_password)
    driver.get(server + "/admin/sla")
    form = ui.visible(driver, "form#policy-form")
    name = "大客户" + secrets.token_hex(2)
    form.find_element(By.ID, "policy-name").send_keys(name)
    # Inactive, so that the other browser tests' tickets keep their standards.
    Select(form.find_element(By.ID, "policy-type")).select_by_value("complaint")
    Select(form.find_element(By.ID, "policy-active")).select_by_value("false")
    for field, value in (("policy-first", "３０"), ("policy-resolution", "3,500"), ("policy-escalate", "60")):
        el = form.find_element(By.ID, field)
        el.clear()
        el.send_keys(value)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    notice = ui.visible(driver, ".flash-notice")
    assert f"已创建服务标准 {name}" in notice.text
    row = [r for r in driver.find_elements(By.CSS_SELECTOR, "#policy-list tr") if name in r.text][0]
    assert "3500" in row.text

    driver.get(server + "/admin/calendar?year=2031")
    form = ui.visible(driver, "form#year-form")
    holidays = form.find_element(By.ID, "holidays")
    holidays.clear()
    holidays.send_keys("国庆,2031/10/01,2031年10月7日")
    form.find_element(By.ID, "year-submit").click()
    notice = ui.visible(driver, ".flash-notice")
    assert "2031" in notice.text
    ui.present(driver, 'td.holiday[data-date="2031-10-07"]')


def test_issuing_the_red_copy_slip_on_the_return_page_works(server, driver, make_user):
    agent = make_user(roles=["cs_agent"])
    qa = make_user(roles=["qa"])
    shipped = (date.today() - timedelta(days=50)).isoformat()
    _, r = agent["api"].post("/api/v1/returns", {
        "kind": "return", "model": "SL1500 变频器", "serialNumber": "VF-" + secrets.token_hex(2), "shippedAt": shipped,
        "reason": "运行一周后过热停机", "qualityIssue": True, "customerName": "某风场"}, expect=201)
    agent["api"].post(f"/api/v1/returns/{r['id']}/receive", {}, expect=200)
    qa["api"].post(f"/api/v1/returns/{r['id']}/inspection", {"report": "IGBT 过热保护失效", "responsibility": "product"}, expect=200)

    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(server + f"/returns/{r['id']}")
    form = ui.visible(driver, "form#form-slip")
    button = form.find_element(By.ID, "slip-submit")
    assert "开具红联" in button.text
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    ui.wait_path(driver, lambda p: p == f"/returns/{r['id']}", "back on the return page")
    ui.visible(driver, ".flash-notice")
    assert "请求的地址不存在" not in driver.page_source
    _, after = agent["api"].get(f"/api/v1/returns/{r['id']}")
    assert after["status"] == "slip_issued"


def test_a_reply_sent_after_the_session_expired_keeps_its_text_and_never_404s(server, driver, make_user):
    agent = make_user(roles=["cs_agent"])
    _, ticket = agent["api"].post("/api/v1/tickets", {"subject": "打印机卡纸 " + secrets.token_hex(2), "type": "repair", "channel": "phone"}, expect=201)
    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(server + f"/tickets/{ticket['id']}")
    form = ui.visible(driver, "form#comment-form")
    reply = "您好，已安排工程师明天上午上门 " + secrets.token_hex(2)
    form.find_element(By.CSS_SELECTOR, "textarea#comment-body").send_keys(reply)
    # The session runs out while the agent types.
    driver.delete_cookie("kefu_session")
    form.find_element(By.CSS_SELECTOR, "button#comment-submit").click()
    ui.wait_path(driver, lambda p: p == "/login", "the sign-in page")
    assert "comments" not in driver.current_url

    login = ui.visible(driver, "form#login-form")
    login.find_element(By.ID, "username").send_keys(agent["username"])
    login.find_element(By.ID, "password").send_keys(agent["password"])
    login.find_element(By.ID, "login-submit").click()
    ui.wait_path(driver, lambda p: p == f"/tickets/{ticket['id']}", "back on the ticket")
    assert "请求的地址不存在" not in driver.page_source
    body = ui.visible(driver, "textarea#comment-body")
    assert body.get_attribute("value") == reply
    assert "登录已过期" in ui.visible(driver, "#form-flash-message").text
    # Nothing was posted while signed out; sending it now adds the reply once.
    assert reply not in " ".join(ui.timeline_texts(driver))
    driver.find_element(By.CSS_SELECTOR, "button#comment-submit").click()
    ui.wait_timeline_contains(driver, reply)

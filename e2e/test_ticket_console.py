"""#11.4 one-form ticket handling, live queues and hand-off notifications, in a real browser.

Each test stands for one item of what was seen on the old console:
- reply and "set to 等待客户" needed two submits;
- a resolved ticket still offered 转交 and 升级;
- the queue had no counts, no assignee column and no auto-refresh;
- hand-offs notified nobody (the bell carried only SLA breaches);
- the printed ticket had no number or status and printed the buttons.
"""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import kefu_pages as ui


def _ticket(user, subject: str) -> dict:
    _, t = user["api"].post(
        "/api/v1/tickets",
        {"subject": subject, "description": "e2e", "type": "repair", "channel": "phone", "priority": "normal"},
        expect=201,
    )
    return t


def _desk_of_its_own(admin_api, root_unit, make_user) -> tuple[dict, dict]:
    """A watcher and a caller in a unit of their own: the team queue holds only this test's tickets, so a new one is
    on its first page whatever the other tests logged before."""
    tag = secrets.token_hex(3).upper()
    _, unit = admin_api.post(
        "/api/v1/org-units", {"code": f"LQ{tag}", "name": f"实时队列{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201
    )
    watcher = make_user(roles=["cs_agent"], display_name="值班坐席", org_unit_id=unit["id"])
    caller = make_user(roles=["cs_agent"], display_name="接线坐席", org_unit_id=unit["id"])
    return watcher, caller


def test_one_submit_replies_and_sets_waiting_on_the_customer(server, driver, agent, admin_api):
    tag = secrets.token_hex(3).upper()
    ticket = _ticket(agent, f"变桨报警 {tag}")
    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(f"{server}/tickets/{ticket['id']}")
    form = ui.visible(driver, "form#comment-form")
    assert "Ctrl+Enter" in ui.visible(driver, "#shortcut-help").text

    # n / r (outside a field) choose internal note / public reply.
    driver.find_element(By.CSS_SELECTOR, "h1#ticket-subject").click()
    ui.press(driver, "n")
    assert Select(form.find_element(By.CSS_SELECTOR, "select#comment-visibility")).first_selected_option.get_attribute("value") == "internal"
    driver.find_element(By.CSS_SELECTOR, "h1#ticket-subject").click()
    ui.press(driver, "r")
    assert ui.active_id(driver) == "comment-body"
    assert Select(form.find_element(By.CSS_SELECTOR, "select#comment-visibility")).first_selected_option.get_attribute("value") == "public"

    # A usual phrase, then our own words; the status in the same form; Ctrl+Enter sends it all at once.
    Select(form.find_element(By.CSS_SELECTOR, "select#phrase-select")).select_by_index(2)
    body = form.find_element(By.CSS_SELECTOR, "textarea#comment-body")
    assert body.get_attribute("value").strip(), "the phrase was not inserted"
    body.send_keys(f" 请提供报警截图 {tag}")
    Select(form.find_element(By.CSS_SELECTOR, "select#status-select")).select_by_value("pending_customer")
    body.send_keys(Keys.CONTROL, Keys.ENTER)

    ui.wait_status(driver, "pending_customer")
    ui.wait_timeline_contains(driver, f"请提供报警截图 {tag}")
    assert "已添加回复" in ui.visible(driver, ".flash-notice").text
    assert "?notice=" in driver.current_url  # after the redirect: a reload repeats nothing
    _, comments = admin_api.get(f"/api/v1/tickets/{ticket['id']}/comments", expect=200)
    assert len(comments["items"]) == 1
    _, t = admin_api.get(f"/api/v1/tickets/{ticket['id']}", expect=200)
    assert t["status"] == "pending_customer"
    texts = " ".join(ui.timeline_texts(driver))
    assert "等待客户" in texts and "pending_customer" not in texts and "commentId" not in texts


def test_resolved_ticket_offers_no_forward_or_escalation(server, driver, agent):
    ticket = _ticket(agent, "已远程复位 " + secrets.token_hex(3))
    agent["api"].post(f"/api/v1/tickets/{ticket['id']}/status", {"status": "resolved"}, expect=200)
    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(f"{server}/tickets/{ticket['id']}")
    ui.wait_status(driver, "resolved")
    assert not driver.find_elements(By.CSS_SELECTOR, "form#forward-form")
    assert not driver.find_elements(By.CSS_SELECTOR, "form#escalate-form")
    assert not driver.find_elements(By.CSS_SELECTOR, "select#assignee-select")
    assert sorted(ui.allowed_statuses(driver)) == ["closed", "open"]


def test_queue_shows_counts_assignee_and_due_columns(server, driver, make_user):
    me = make_user(roles=["cs_agent"], display_name="计数坐席")
    colleague = make_user(roles=["cs_agent"], display_name="同组坐席")
    first = _ticket(me, "计数一 " + secrets.token_hex(3))
    _ticket(me, "计数二 " + secrets.token_hex(3))
    me["api"].request("PATCH", f"/api/v1/tickets/{first['id']}", {"assigneeId": colleague["id"]}, expect=200)
    ui.login(driver, server, me["username"], me["password"])
    driver.get(f"{server}/tickets?view=mine")
    assert ui.visible(driver, "#count-mine").text == "2"
    for tab in ("unassigned", "team", "soon", "breached", "today"):
        assert ui.visible(driver, f"#count-{tab}").text.isdigit(), tab
    headers = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "table#ticket-list th")]
    assert "处理人" in headers and "到期时间" in headers, headers
    row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "tr.ticket-row") if r.get_attribute("data-id") == first["id"])
    assert row.find_element(By.CSS_SELECTOR, "td.assignee").text == "同组坐席"
    assert row.find_element(By.CSS_SELECTOR, "td.due-at").text not in ("", "—")


def test_a_second_browser_sees_a_new_ticket_without_reload(server, driver, admin_api, root_unit, make_user):
    watcher, caller = _desk_of_its_own(admin_api, root_unit, make_user)
    ui.login(driver, server, watcher["username"], watcher["password"])
    driver.get(f"{server}/tickets?view=team")
    ui.visible(driver, "#queue-tabs")
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "live-state").text, "the live stream never opened")
    driver.execute_script("window.__stillHere = true;")
    before = int(ui.visible(driver, "#count-team").text)
    subject = "实时出现 " + secrets.token_hex(3)
    _ticket(caller, subject)
    ui.wait(driver, 20).until(
        lambda d: any(a.text == subject for a in d.find_elements(By.CSS_SELECTOR, "tr.ticket-row a.ticket-link")),
        "the new ticket never appeared in the queue",
    )
    assert driver.execute_script("return window.__stillHere === true;"), "the page was reloaded"
    assert int(ui.visible(driver, "#count-team").text) >= before + 1


# Holds the page's EventSource until the test opens it: the stream then first looks after a change the page was drawn
# without (a slow connection, or a change while the stream was down and reconnecting).
_HELD_STREAM = """
(function () {
  var Real = window.EventSource, held = [];
  window.EventSource = function (url, options) {
    var listeners = [];
    held.push(function () {
      var source = new Real(url, options);
      listeners.forEach(function (l) { source.addEventListener(l[0], l[1]); });
    });
    return { addEventListener: function (type, fn) { listeners.push([type, fn]); }, close: function () {} };
  };
  window.__openStreams = function () { held.splice(0).forEach(function (open) { open(); }); };
  window.__heldStreams = function () { return held.length; };
})();
"""


def test_a_change_before_the_stream_first_looks_still_reaches_the_queue(server, driver, admin_api, root_unit, make_user):
    watcher, caller = _desk_of_its_own(admin_api, root_unit, make_user)
    ui.login(driver, server, watcher["username"], watcher["password"])
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _HELD_STREAM})
    driver.get(f"{server}/tickets?view=team")
    ui.visible(driver, "#queue-tabs")
    ui.wait(driver).until(lambda d: d.execute_script("return window.__heldStreams() > 0;"), "the page opened no stream")
    driver.execute_script("window.__stillHere = true;")
    subject = "连接前出现 " + secrets.token_hex(3)
    _ticket(caller, subject)
    driver.execute_script("window.__openStreams();")
    ui.wait(driver, 20).until(
        lambda d: any(a.text == subject for a in d.find_elements(By.CSS_SELECTOR, "tr.ticket-row a.ticket-link")),
        "a ticket logged before the stream's first look never appeared",
    )
    assert driver.execute_script("return window.__stillHere === true;"), "the page was reloaded"


def test_the_bell_shows_a_forward(server, driver, make_user, root_unit):
    sender = make_user(roles=["cs_agent"], display_name="转交坐席")
    engineer = make_user(roles=["engineer"], display_name="现场工程师")
    ticket = _ticket(sender, "需要现场检查 " + secrets.token_hex(3))
    ui.login(driver, server, sender["username"], sender["password"])
    driver.get(f"{server}/tickets/{ticket['id']}")
    form = ui.visible(driver, "form#forward-form")
    Select(form.find_element(By.CSS_SELECTOR, "select#forward-unit")).select_by_value(root_unit["id"])
    Select(form.find_element(By.CSS_SELECTOR, "select#forward-user")).select_by_value(engineer["id"])
    form.find_element(By.CSS_SELECTOR, "input#forward-note").send_keys("请明天到场")
    form.find_element(By.CSS_SELECTOR, "button#forward-submit").click()
    ui.wait_timeline_contains(driver, "现场工程师")
    ui.logout(driver)

    ui.login(driver, server, engineer["username"], engineer["password"])
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "bell-count").text == "1", "the bell shows no unread forward")
    ui.visible(driver, "#bell").click()
    item = ui.visible(driver, "#notification-list li.notification")
    assert ticket["number"] in item.text and "请明天到场" in item.text
    item.find_element(By.CSS_SELECTOR, "a").click()
    assert ui.wait_ticket_page(driver) == ticket["id"]


def test_printed_ticket_shows_number_and_status_and_no_controls(server, driver, agent):
    ticket = _ticket(agent, "打印工单 " + secrets.token_hex(3))
    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(f"{server}/tickets/{ticket['id']}")
    ui.visible(driver, "form#comment-form")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert driver.find_element(By.ID, "ticket-number").is_displayed()
    assert driver.find_element(By.ID, "ticket-number").text == ticket["number"]
    assert driver.find_element(By.ID, "ticket-status").is_displayed()
    assert driver.find_element(By.ID, "ticket-customer").is_displayed()
    assert driver.find_element(By.ID, "timeline").is_displayed()
    assert not driver.find_element(By.ID, "comment-form").is_displayed()
    assert not driver.find_element(By.ID, "forward-form").is_displayed()
    assert not any(b.is_displayed() for b in driver.find_elements(By.CSS_SELECTOR, "button"))


def test_a_refused_submit_comes_back_with_the_message_under_the_text_box(server, driver, agent, admin_api):
    ticket = _ticket(agent, "空提交 " + secrets.token_hex(3))
    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(f"{server}/tickets/{ticket['id']}")
    form = ui.visible(driver, "form#comment-form")
    Select(form.find_element(By.CSS_SELECTOR, "select#phrase-select")).select_by_index(0)
    form.find_element(By.CSS_SELECTOR, "button#comment-submit").click()
    error = ui.visible(driver, "#comment-body-error")
    assert "请填写回复或备注" in error.text
    assert ui.ticket_id_from_url(driver) == ticket["id"]  # back on the ticket (PRG), not on …/handle
    _, events = admin_api.get(f"/api/v1/tickets/{ticket['id']}/events", expect=200)
    assert [e["kind"] for e in events["items"]] == ["created"]

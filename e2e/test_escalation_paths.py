"""#15.6 (ESC-02): a supervisor sets the escalation path of their unit in the browser — levels added, arranged by
keyboard, a refusal that keeps what was typed with the reason under its field — and a unit below shows that it
inherits the path and from where; on a 390-px phone the editor does not scroll sideways; the server's own scanner
tells level 1 of the path and the ticket's timeline names who was told."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import kefu_pages as ui


def _levels(driver) -> list[str]:
    return [r.get_attribute("data-level") for r in driver.find_elements(By.CSS_SELECTOR, "tr.escalation-level")]


def test_supervisor_sets_a_two_level_path_and_the_unit_below_inherits_it(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3).upper()
    _, unit = admin_api.post(
        "/api/v1/org-units",
        {"code": f"ESC{tag}", "name": f"客服{tag}部", "kind": "department", "parentId": root_unit["id"]},
        expect=201,
    )
    _, team = admin_api.post(
        "/api/v1/org-units",
        {"code": f"ESC{tag}A", "name": f"客服{tag}一组", "kind": "department", "parentId": unit["id"]},
        expect=201,
    )
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"主管{tag}", org_unit_id=unit["id"])
    duty = make_user(roles=["cs_manager"], display_name=f"值班经理{tag}", org_unit_id=unit["id"])

    ui.login(driver, server, supervisor["username"], supervisor["password"])
    ui.nav_to(driver, "admin-escalation")
    ui.wait_path(driver, lambda p: p.startswith("/admin/escalation-paths"), "/admin/escalation-paths")
    Select(ui.visible(driver, "select#unit")).select_by_value(unit["id"])
    ui.visible(driver, "#escalation-unit button[type=submit]").click()
    assert ui.visible(driver, "#escalation-source").get_attribute("data-source") == "default"
    ui.visible(driver, "#escalation-levels-empty")

    # Two levels; the second one's wait is left at 0, which the rule refuses.
    ui.visible(driver, "button#level-add").click()
    ui.visible(driver, "input#after-0")
    Select(ui.visible(driver, "select#to-0-0")).select_by_value("role:cs_supervisor")
    ui.visible(driver, "button#level-add").click()
    after1 = ui.visible(driver, "input#after-1")
    assert Select(ui.visible(driver, "select#to-0-0")).first_selected_option.get_attribute("value") == "role:cs_supervisor"
    after1.clear()
    after1.send_keys("0")
    Select(ui.visible(driver, "select#to-1-0")).select_by_value("user:" + duty["id"])
    ui.visible(driver, "button#escalation-save").click()
    error = ui.visible(driver, "#after-1-error")
    assert "第 2 级" in error.text, error.text
    assert ui.visible(driver, "input#after-1").get_attribute("value") == "0"
    assert Select(ui.visible(driver, "select#to-1-0")).first_selected_option.get_attribute("value") == "user:" + duty["id"]
    assert not driver.find_elements(By.CSS_SELECTOR, "#escalation-saved")

    # Fixed by keyboard: type the wait, move the level up and back down with Enter, then save with Enter.
    field = ui.visible(driver, "input#after-1")
    field.clear()
    field.send_keys("45")
    up = ui.visible(driver, "tr.escalation-level[data-level='2'] button.level-up")
    up.send_keys(Keys.ENTER)
    ui.wait(driver).until(lambda d: Select(d.find_element(By.CSS_SELECTOR, "select#to-0-0")).first_selected_option.get_attribute("value")
                          == "user:" + duty["id"], "level 2 never moved up")
    assert ui.visible(driver, "input#after-0").get_attribute("value") == "45"
    ui.visible(driver, "tr.escalation-level[data-level='1'] button.level-down").send_keys(Keys.ENTER)
    ui.wait(driver).until(lambda d: Select(d.find_element(By.CSS_SELECTOR, "select#to-0-0")).first_selected_option.get_attribute("value")
                          == "role:cs_supervisor", "level 1 never moved back down")
    first = ui.visible(driver, "input#after-0")
    first.clear()
    first.send_keys("0")
    ui.visible(driver, "button#escalation-save").send_keys(Keys.ENTER)
    ui.visible(driver, "#escalation-saved")
    assert ui.visible(driver, "#escalation-source").get_attribute("data-source") == "own"
    assert _levels(driver) == ["1", "2"]
    _, saved = supervisor["api"].get(f"/api/v1/escalation-paths/{unit['id']}", expect=200)
    assert [lv["afterMinutes"] for lv in saved["levels"]] == [0, 45]
    assert saved["levels"][1]["recipients"][0]["userId"] == duty["id"]

    # The unit below follows it, and says from where.
    driver.get(server + f"/admin/escalation-paths?unit={team['id']}")
    source = ui.visible(driver, "#escalation-source")
    assert source.get_attribute("data-source") == "inherited"
    assert unit["name"] in source.text

    # A phone: the editor fits 390 px.
    driver.set_window_size(390, 844)
    try:
        driver.get(server + f"/admin/escalation-paths?unit={unit['id']}")
        ui.visible(driver, "input#after-1")
        assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), "the editor scrolls sideways"
    finally:
        driver.set_window_size(1280, 900)


def test_an_agent_has_no_path_editor(server, driver, admin_api, root_unit, make_user):
    agent = make_user(roles=["cs_agent"], org_unit_id=root_unit["id"])
    ui.login(driver, server, agent["username"], agent["password"])
    assert not driver.find_elements(By.CSS_SELECTOR, "nav#main-nav a#nav-admin-escalation")
    driver.get(server + "/admin/escalation-paths")
    assert "您没有执行此操作的权限" in ui.visible(driver, "body").text
    assert not driver.find_elements(By.CSS_SELECTOR, "form#escalation-form")


def test_the_scanner_follows_the_path_and_the_timeline_says_who_was_told(server, driver, admin_api, root_unit, make_user):
    import datetime as dt
    import time

    tag = secrets.token_hex(3).upper()
    _, unit = admin_api.post(
        "/api/v1/org-units",
        {"code": f"ESP{tag}", "name": f"客服{tag}中心", "kind": "department", "parentId": root_unit["id"]},
        expect=201,
    )
    agent = make_user(roles=["cs_agent"], org_unit_id=unit["id"])
    make_user(roles=["cs_supervisor"], display_name=f"不该通知{tag}", org_unit_id=unit["id"])
    duty = make_user(roles=["cs_manager"], display_name=f"值班经理{tag}", org_unit_id=unit["id"])
    admin_api.request(
        "PUT", f"/api/v1/escalation-paths/{unit['id']}",
        {"levels": [{"afterMinutes": 0, "recipients": [{"kind": "user", "userId": duty["id"]}]},
                    {"afterMinutes": 120, "recipients": [{"kind": "role", "role": "cs_supervisor"}]}]},
        expect=200,
    )
    admin_api.post(
        "/api/v1/sla-policies",
        {"name": f"E2E 升级 {tag}", "match": {"channel": "email"}, "calendar": "24x7",
         "firstResponseMinutes": 5, "resolutionMinutes": 6000, "escalateAfterMinutes": 60},
        expect=201,
    )
    received = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=10)).isoformat(timespec="seconds")
    _, ticket = agent["api"].post(
        "/api/v1/tickets",
        {"subject": f"按升级路径通知 {tag}", "channel": "email", "type": "repair", "receivedAt": received},
        expect=201,
    )

    # The server's own scanner tells level 1 (the named manager), not the unit's supervisor.
    ui.login(driver, server, duty["username"], duty["password"])
    deadline = time.monotonic() + 30
    while True:
        driver.get(server + f"/tickets/{ticket['id']}")
        texts = ui.timeline_texts(driver)
        if any("升级路径第 1 级" in t for t in texts):
            break
        assert time.monotonic() < deadline, f"the path's level 1 never showed: {texts}"
        time.sleep(1)
    told = next(t for t in texts if "升级路径第 1 级" in t)
    assert f"值班经理{tag}" in told, told
    assert f"不该通知{tag}" not in told, told

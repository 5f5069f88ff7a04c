"""#15.5 the agent scorecard (KPI-01) in a real browser: the supervisor opens 人员 › 客服考核 (last full month: the
agent's new ticket is not in it), changes the month to this one (the ticket appears in the agent's row), exports the
CSV, and on a phone the table is drawn as cards; the agent is refused the team page and sees only their own row."""

from __future__ import annotations

import datetime
import secrets
from zoneinfo import ZoneInfo

from selenium.webdriver.support.ui import Select

import kefu_pages as ui
from test_page_polish import PHONE, _no_sideways_scroll

FETCH_TEXT = """
var done = arguments[arguments.length - 1];
fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.text().then(function (t) { done([r.status, r.headers.get('content-type'), t]); }); });
"""


def agent_row(driver, agent_id: str):
    return ui.visible(driver, f"tr.scorecard-row[data-agent='{agent_id}']")


def test_supervisor_changes_the_month_exports_and_reads_cards_on_a_phone(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"SC{tag}", "name": f"考核{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"主管{tag}", org_unit_id=unit["id"])
    ann = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])
    make_user(roles=["cs_agent"], display_name=f"博{tag}", org_unit_id=unit["id"])
    _, other = admin_api.post("/api/v1/org-units", {"code": f"SO{tag}", "name": f"别部{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    make_user(roles=["cs_agent"], display_name=f"外{tag}", org_unit_id=other["id"])
    ann["api"].post("/api/v1/tickets", {"subject": "备件价格", "description": "询价", "type": "repair", "channel": "phone", "priority": "normal", "customer": {"name": "赵经理", "phone": "13600001111"}}, expect=201)

    ui.login(driver, server, supervisor["username"], supervisor["password"])
    ui.nav_to(driver, "people-scorecards")
    ui.wait_path(driver, lambda p: p.startswith("/people/scorecards"), "/people/scorecards")
    table = ui.visible(driver, "table#scorecard-table")
    assert f"外{tag}" not in table.text, "another unit's agent appears"
    # Default: last full month, where the new ticket is not.
    assert agent_row(driver, ann["id"]).find_element("css selector", "td:nth-child(3)").text == "0"
    assert agent_row(driver, ann["id"]).find_element("css selector", "td.score").text == "—"

    this_month = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
    Select(ui.visible(driver, "select#scorecard-month")).select_by_value(this_month)
    ui.visible(driver, "button#scorecard-submit").click()
    ui.wait(driver).until(lambda d: f"month={this_month}" in d.current_url, "the month was not applied")
    assert agent_row(driver, ann["id"]).find_element("css selector", "td:nth-child(3)").text == "1"
    assert ui.visible(driver, "svg#chart-scorecard-first-response")

    # CSV export of what is shown.
    href = ui.visible(driver, "a#scorecard-csv").get_attribute("href")
    assert f"month={this_month}" in href
    status, content_type, text = driver.execute_async_script(FETCH_TEXT, href)
    assert status == 200 and content_type.startswith("text/csv"), (status, content_type)
    assert f"安{tag}" in text and f"外{tag}" not in text

    # On a phone the table is cards, each figure under its label.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    driver.get(server + f"/people/scorecards?month={this_month}")
    ui.present(driver, "table#scorecard-table")
    _no_sideways_scroll(driver, "scorecard-table", "客服")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # The agent: refused the team page, sees their own row only.
    ui.logout(driver)
    ui.login(driver, server, ann["username"], ann["password"])
    driver.get(server + "/people/scorecards")
    assert not driver.find_elements("css selector", "table#scorecard-table")
    ui.nav_to(driver, "people-my-scorecard")
    ui.wait_path(driver, lambda p: p.startswith("/people/scorecards/me"), "/people/scorecards/me")
    rows = driver.find_elements("css selector", "tr.scorecard-row")
    assert [r.get_attribute("data-agent") for r in rows] == [ann["id"]]

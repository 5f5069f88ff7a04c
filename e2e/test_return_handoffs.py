"""#11.4 in a real browser: the steps of a return hand work on to the next person, who sees it in the bell; its link
opens the return itself. Before: returns told nobody (only repairs and complaints did)."""

from __future__ import annotations

import datetime
import secrets

from selenium.webdriver.common.by import By

import kefu_pages as ui


def _days_ago(n: int) -> str:
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()


def _open_from_bell(driver, number: str) -> None:
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "bell-count").text == "1", "the bell shows no hand-off")
    ui.visible(driver, "a#bell").click()
    item = ui.visible(driver, "#bell-menu li.notification.unread")
    assert number in item.text, item.text
    item.find_element(By.CSS_SELECTOR, "a").click()


def test_a_returns_next_actor_opens_it_from_the_bell(server, driver, make_user):
    tag = secrets.token_hex(3)
    agent = make_user(roles=["cs_agent"], display_name="退货坐席")
    qa = make_user(roles=["qa"], display_name="检验员")
    sales = make_user(roles=["sales"], display_name="区域销售")
    _, r = agent["api"].post(
        "/api/v1/returns",
        {"kind": "return", "model": f"SL1500 {tag}", "shippedAt": _days_ago(40), "reason": "运行一周后过热停机", "qualityIssue": True},
        expect=201,
    )
    # RMA-08: customer service receives goods whose quality is questioned: QA must inspect them.
    agent["api"].post(f"/api/v1/returns/{r['id']}/receive", {}, expect=200)

    ui.login(driver, server, qa["username"], qa["password"])
    _open_from_bell(driver, r["number"])
    ui.wait_path(driver, lambda p: p == f"/returns/{r['id']}", "the return itself")
    assert r["number"] in ui.visible(driver, "h1").text
    ui.wait(driver).until(lambda d: not d.find_element(By.ID, "bell-count").is_displayed(), "the bell count did not drop")
    ui.logout(driver)

    # QA accepts it; CS issues the red copy to the salesperson, who finds it in the bell the same way.
    qa["api"].post(f"/api/v1/returns/{r['id']}/inspection", {"report": "IGBT 过热保护失效", "responsibility": "product"}, expect=200)
    agent["api"].post(f"/api/v1/returns/{r['id']}/slip", {"salespersonId": sales["id"]}, expect=200)
    ui.login(driver, server, sales["username"], sales["password"])
    _open_from_bell(driver, r["number"])
    ui.wait_path(driver, lambda p: p == f"/returns/{r['id']}", "the return from the salesperson's bell")
    assert r["number"] in ui.visible(driver, "h1").text

"""#14.3 scenic visitor services (篇11) in a real browser on a phone (390×844), as the gate staff use it: a visitor of
69 is refused free entry (the reason shown, what was typed kept) and one of 70 is let in and recorded with the ID
masked (VIS-03); a lost-person case is refused closing until its third Mandarin broadcast is logged, then closes (VIS-04)."""

from __future__ import annotations

import datetime
import secrets

import kefu_pages as ui
from test_page_polish import PHONE


def _resident_id(born: datetime.date) -> str:
    first17 = "110105" + born.strftime("%Y%m%d") + "123"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights)) % 11]


def _born_years_ago(years: int, plus_days: int = 0) -> datetime.date:
    today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()
    try:
        d = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        d = today.replace(year=today.year - years, day=28)
    return d + datetime.timedelta(days=plus_days)


def _broadcasts(driver) -> int:
    return int(ui.present(driver, "#scenic-lost-state").get_attribute("data-broadcasts"))


def test_free_entry_refused_at_69_and_a_lost_person_case_closes_after_three_broadcasts(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"JQ{tag}".upper(), "name": f"景区{tag}", "kind": "site", "parentId": root_unit["id"]}, expect=201)
    staff = make_user(roles=["scenic_ops"], display_name=f"游客服务{tag}", org_unit_id=unit["id"])

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, staff["username"], staff["password"])

    # VIS-03: 69 today (70 tomorrow) is refused, nothing recorded, the form keeps what was typed.
    ui.nav_to(driver, "scenic-free-entry")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/scenic/free-entries", "/scenic/free-entries")
    assert ui.present(driver, "#empty-state"), "an empty register says so"
    almost = _resident_id(_born_years_ago(70, plus_days=1))
    ui.type_into(driver, "free-visitorName", "张阿姨")
    ui.type_into(driver, "free-idNumber", almost)
    ui.type_into(driver, "free-gate", "北门")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the form scrolls sideways on a phone"
    ui.visible(driver, "button#scenic-free-submit").click()
    ui.wait(driver).until(lambda d: "未满 70 周岁" in d.find_element("css selector", "#scenic-free-check").text, "69 was not refused")
    assert ui.visible(driver, "#free-idNumber").get_attribute("value") == almost
    assert ui.present(driver, "#empty-state"), "a refused check is not recorded"

    # 70 today enters free; the register shows the number masked.
    seventy = _resident_id(_born_years_ago(70))
    ui.type_into(driver, "free-visitorName", "李大爷")
    ui.type_into(driver, "free-idNumber", seventy)
    ui.visible(driver, "button#scenic-free-submit").click()
    ui.wait(driver).until(lambda d: len(d.find_elements("css selector", "tr.scenic-free-row[data-age='70']")) == 1, "the free entry was not recorded")
    row = driver.find_element("css selector", "tr.scenic-free-row").text
    assert seventy[:6] + "********" + seventy[-4:] in row and seventy not in row, row

    # VIS-04: report a lost person.
    ui.nav_to(driver, "scenic-lost")
    ui.type_into(driver, "lost-lostName", "小明")
    ui.type_into(driver, "lost-description", "6 岁男孩，红色上衣")
    ui.type_into(driver, "lost-lastSeen", "北门售票处 14:20")
    ui.type_into(driver, "lost-reporterName", "王女士")
    ui.type_into(driver, "lost-reporterPhone", "13912345678")
    ui.visible(driver, "button#scenic-lost-submit").click()
    ui.present(driver, "#scenic-lost-case-title")
    assert _broadcasts(driver) == 0

    # Closing before the third broadcast is refused with the rule's reason.
    for n in (1, 2):
        ui.visible(driver, "button#scenic-broadcast").click()
        ui.wait(driver).until(lambda d, n=n: _broadcasts(d) == n, f"broadcast {n} was not logged")
    ui.visible(driver, "button#scenic-close").click()
    ui.wait(driver).until(lambda d: "不能结案" in d.find_element("css selector", "form#scenic-close-form").text, "closing after 2 broadcasts was not refused")
    assert ui.present(driver, "#scenic-lost-state").get_attribute("data-status") == "broadcasting"

    ui.visible(driver, "button#scenic-broadcast").click()
    ui.wait(driver).until(lambda d: _broadcasts(d) == 3, "broadcast 3 was not logged")
    assert len(driver.find_elements("css selector", "#scenic-broadcast-log li.scenic-broadcast")) == 3
    ui.type_into(driver, "close-note", "在南门找到")
    ui.visible(driver, "button#scenic-close").click()
    ui.wait(driver).until(lambda d: d.find_element("css selector", "#scenic-lost-state").get_attribute("data-status") == "closed", "the case did not close")
    assert "在南门找到" in ui.visible(driver, "#scenic-closed").text
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390, "the case scrolls sideways on a phone"

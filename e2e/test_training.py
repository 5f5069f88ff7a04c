"""#15.4 training (TRN-01) in a real browser: the supervisor sees February flagged on 人员 › 培训缺失月份, records a
session from 培训记录 (a refused form keeps what was typed), marks the attendance sheet row by row with the keyboard,
prints the sign-in sheet, and sees February's flag clear while January stays flagged."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import kefu_pages as ui


def set_value(driver, css: str, value: str) -> None:
    driver.execute_script("arguments[0].value = arguments[1]", ui.visible(driver, css), value)


def month_status(driver, unit_id: str, month: str) -> str:
    return ui.visible(driver, f"tr.gap-row[data-unit='{unit_id}'] span.gap-cell[data-month='{month}']").get_attribute("data-status")


def show_gaps(driver) -> None:
    ui.nav_to(driver, "people-training-gaps")
    ui.wait_path(driver, lambda p: p.startswith("/people/training-gaps"), "/people/training-gaps")
    set_value(driver, "input#gaps-from", "2026-01")
    set_value(driver, "input#gaps-to", "2026-03")
    ui.visible(driver, "button#gaps-show").click()
    ui.wait(driver).until(lambda d: "from=2026-01" in d.current_url, "the range was not applied")


def test_a_session_with_attendance_clears_the_months_gap(server, driver, admin_api, root_unit, make_user):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"TR{tag}", "name": f"客服{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"主管{tag}", org_unit_id=unit["id"])
    ann = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])
    make_user(roles=["cs_agent"], display_name=f"博{tag}", org_unit_id=unit["id"])

    ui.login(driver, server, supervisor["username"], supervisor["password"])
    show_gaps(driver)
    assert month_status(driver, unit["id"], "2026-02") == "gap"
    assert month_status(driver, unit["id"], "2026-01") == "gap"

    # Record a session; the first try has the end before the start and is refused with everything typed kept.
    ui.nav_to(driver, "people-trainings")
    ui.wait_path(driver, lambda p: p.rstrip("/") == "/people/trainings", "/people/trainings")
    assert ui.visible(driver, "#training-empty").text
    Select(ui.visible(driver, "select#training-orgUnitId")).select_by_value(unit["id"])
    ui.visible(driver, "input#training-topic").send_keys("新产品知识与沟通技巧")
    ui.visible(driver, "input#training-trainer").send_keys("王老师")
    set_value(driver, "input#training-date", "2026-02-10")
    set_value(driver, "input#training-start", "16:00")
    set_value(driver, "input#training-end", "14:00")
    ui.visible(driver, "input#training-place").send_keys("三楼培训室")
    ui.visible(driver, "button#training-submit").click()
    ui.visible(driver, ".flash-error")
    assert ui.visible(driver, "input#training-topic").get_attribute("value") == "新产品知识与沟通技巧"
    assert ui.visible(driver, "input#training-trainer").get_attribute("value") == "王老师"
    assert ui.visible(driver, "input#training-date").get_attribute("value") == "2026-02-10"
    set_value(driver, "input#training-start", "14:00")
    set_value(driver, "input#training-end", "16:00")
    ui.visible(driver, "button#training-submit").click()
    ui.wait_path(driver, lambda p: p.startswith("/people/trainings/"), "the session page")
    assert ui.visible(driver, "#training-number").text.startswith("PX-")

    # The attendance sheet, one row per person, by keyboard: status, then Tab to the score.
    status = ui.visible(driver, f"select#status-{ann['id']}")
    status.send_keys(Keys.ARROW_DOWN)  # 未登记 → 出席
    assert Select(status).first_selected_option.get_attribute("value") == "present"
    ui.press(driver, Keys.TAB)
    assert ui.active_id(driver) == f"score-{ann['id']}"
    driver.switch_to.active_element.send_keys("95")
    ui.visible(driver, "button#attendance-save").click()
    ui.visible(driver, "#attendance-saved")
    assert ui.visible(driver, "#training-present strong").text == "1"
    assert ui.visible(driver, f"input#score-{ann['id']}").get_attribute("value") == "95"

    # The printable sign-in sheet lists the unit's people.
    ui.visible(driver, "a#sign-in-link").click()
    sheet = ui.visible(driver, "table#sign-in-sheet")
    assert f"安{tag}" in sheet.text and f"博{tag}" in sheet.text
    assert ui.present(driver, "button#sign-in-print[data-print]")

    # February is no longer flagged; January still is.
    show_gaps(driver)
    assert month_status(driver, unit["id"], "2026-02") == "covered"
    assert month_status(driver, unit["id"], "2026-01") == "gap"
    assert ui.visible(driver, f"tr.gap-row[data-unit='{unit['id']}']").get_attribute("data-gaps") == "2"


def test_training_pages_fit_a_phone(server, driver, admin_api, root_unit, make_user):
    """At 390 px the sessions list, the attendance sheet, the gap report and the staff list are labelled cards that do
    not scroll sideways, and every control has a name a screen reader says."""
    from test_page_polish import PHONE, _no_sideways_scroll
    from test_phone_tables import UNLABELLED

    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"TP{tag}", "name": f"手机客服{tag}", "kind": "department", "parentId": root_unit["id"]}, expect=201)
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"主管{tag}", org_unit_id=unit["id"])
    ann = make_user(roles=["cs_agent"], display_name=f"安{tag}", org_unit_id=unit["id"])
    _, session = supervisor["api"].post("/api/v1/trainings", {"orgUnitId": unit["id"], "topic": "投诉处理与沟通技巧（手机查看时主题较长也应换行）", "trainer": "王老师",
                                                             "date": "2026-02-10", "start": "14:00", "end": "16:00", "place": "三楼培训室"}, expect=201)
    supervisor["api"].request("PUT", f"/api/v1/staff/{ann['id']}/qualifications", {"typingSpeed": 70, "certificates": [
        {"name": "客服资格证", "number": "KF-001", "expiresOn": "2026-01-01"}]}, expect=200)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ui.login(driver, server, supervisor["username"], supervisor["password"])
    for path, table, first in [("/people/trainings", "training-list", "编号"), (f"/people/trainings/{session['id']}", "attendance-sheet", "姓名"),
                        ("/people/training-gaps?from=2026-01&to=2026-06", "training-gaps", "单位"), ("/people/qualifications", "qualification-list", "姓名")]:
        driver.get(server + path)
        ui.present(driver, f"table#{table}")
        _no_sideways_scroll(driver, table, first)
        assert driver.execute_script(UNLABELLED) == [], path
    assert ui.present(driver, "#certificate-alerts li.cert-expired")

"""#14 PRP-08 and PRP-05 in a real browser, on a tablet (820×1180).

Next month's work plan (下月工作计划, PRP-08, D11): the property CS admin writes a plan whose line has an impossible date
and is refused under the box with what was typed kept; the plan is saved and submitted; the CS supervisor sees it but
gets no approval form; the project manager approves, the company's manager returns it with a reason, the admin
changes and resubmits, and both approvals bring it to 已审批. The trail lists every step and the print shows no forms.

Outsourced services (外包服务, PRP-05): the admin registers a cleaning contractor (a contract ending before it starts is
refused with what was typed kept), hands in its monthly plan and records an evaluation whose one criterion under 60
fails it; the supervisor may read but not review; the project manager returns the plan with a reason.
"""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import kefu_pages as ui

TABLET = {"width": 820, "height": 1180, "deviceScaleFactor": 2, "mobile": True}


def _no_sideways_scroll(driver, what: str) -> None:
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 820, f"{what} scrolls sideways on a tablet"


def _set_value(driver, css: str, value: str) -> None:
    """A month or date as picked from the browser's picker (typing into them depends on the browser's locale)."""
    driver.execute_script("arguments[0].value = arguments[1]", ui.visible(driver, css), value)


def _service_centre(admin_api, root_unit, make_user, prefix: str):
    tag = secrets.token_hex(3)
    _, unit = admin_api.post("/api/v1/org-units", {"code": f"{prefix}{tag}".upper(), "name": f"物业服务中心{tag}", "kind": "site", "parentId": root_unit["id"]}, expect=201)
    admin = make_user(roles=["property_admin"], display_name=f"孙丽{tag}", org_unit_id=unit["id"])
    manager = make_user(roles=["cs_manager"], display_name=f"周经理{tag}", org_unit_id=unit["id"])
    supervisor = make_user(roles=["cs_supervisor"], display_name=f"吴主管{tag}", org_unit_id=unit["id"])
    _, estate = admin_api.post("/api/v1/property/estates", {"name": f"翠湖花园{tag}", "orgUnitId": unit["id"]}, token=admin["token"], expect=201)
    return tag, admin, manager, supervisor, estate


def _status(driver) -> str:
    return ui.visible(driver, "#prp-plan-status").text


def test_a_work_plan_is_written_refused_submitted_returned_and_approved_twice(server, driver, admin_api, admin_password, root_unit, make_user):
    tag, admin, manager, supervisor, _ = _service_centre(admin_api, root_unit, make_user, "JH")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", TABLET)

    # The admin writes the plan; a line dated 30 February is refused under the box, the lines kept as typed.
    ui.login(driver, server, admin["username"], admin["password"])
    driver.get(f"{server}/property/work-plans?month=2099-02")
    assert ui.present(driver, "#prp-no-plans"), "an empty month says so"
    _set_value(driver, "#prp-plan-month", "2099-02")
    typed = "2099-02-30 张伟 清洗二次供水水箱\n2099-02-20 李娜 消防设施月检"
    ui.type_into(driver, "prp-plan-lines", typed)
    ui.visible(driver, "button#prp-plan-save").click()
    ui.wait(driver).until(lambda d: d.find_elements(By.ID, "prp-plan-lines-error"), "the impossible date was not refused under the box")
    assert "第 1 行" in driver.find_element(By.ID, "prp-plan-lines-error").text
    assert ui.visible(driver, "#prp-plan-lines").get_attribute("value").replace("\r\n", "\n") == typed, "what was typed was lost"

    ui.type_into(driver, "prp-plan-lines", typed.replace("2099-02-30", "2099-02-10"))
    ui.visible(driver, "button#prp-plan-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/property/work-plans/"), "the plan page")
    plan_path = ui.current_path(driver)
    assert _status(driver) == "草稿"
    assert len(driver.find_elements(By.CSS_SELECTOR, "tr.prp-plan-line")) == 2
    number = ui.visible(driver, "#prp-plan-title").text.split()[-1]
    assert number.startswith("JH-209902-"), number
    ui.visible(driver, "button#prp-plan-submit").click()
    ui.wait(driver).until(lambda d: _status(d) == "待项目经理审批", "the plan was not submitted")
    assert not driver.find_elements(By.ID, "prp-plan-late"), "a plan for 2099 is not late"
    assert not driver.find_elements(By.ID, "prp-plan-edit"), "a submitted plan cannot be changed"
    _no_sideways_scroll(driver, "the plan")
    ui.logout(driver)

    # The supervisor reads the plan but has nothing to decide.
    ui.login(driver, server, supervisor["username"], supervisor["password"])
    driver.get(server + plan_path)
    assert _status(driver) == "待项目经理审批"
    assert not driver.find_elements(By.ID, "prp-plan-decide") and not driver.find_elements(By.ID, "prp-plan-approve"), "the supervisor was offered the approval"
    ui.logout(driver)

    # The project manager approves; the company's manager (the administrator) returns it with a reason.
    ui.login(driver, server, manager["username"], manager["password"])
    driver.get(server + plan_path)
    ui.visible(driver, "button#prp-plan-approve").click()
    ui.wait(driver).until(lambda d: _status(d) == "待公司客服部经理审批", "the project manager's approval did not take")
    assert not driver.find_elements(By.ID, "prp-plan-approve"), "the project manager was offered the company's step"
    ui.logout(driver)
    ui.login(driver, server, "admin", admin_password)
    driver.get(server + plan_path)
    ui.type_into(driver, "prp-plan-reason", "请补充绿化养护安排")
    ui.visible(driver, "button#prp-plan-return").click()
    ui.wait(driver).until(lambda d: _status(d) == "已退回", "the plan was not returned")
    assert "请补充绿化养护安排" in ui.visible(driver, "#prp-plan-reason-shown").text
    ui.logout(driver)

    # The admin changes it and sends it again; both approvals follow.
    ui.login(driver, server, admin["username"], admin["password"])
    driver.get(server + plan_path)
    box = ui.visible(driver, "#prp-plan-edit-lines")
    assert "清洗二次供水水箱" in box.get_attribute("value"), "the change form starts from the plan's lines"
    ui.type_into(driver, "prp-plan-edit-lines", "2099-02-10 张伟 清洗二次供水水箱\n2099-02-15 王强 绿化养护：修剪草坪")
    ui.visible(driver, "button#prp-plan-edit-save").click()
    ui.wait(driver).until(lambda d: any("绿化养护" in r.text for r in d.find_elements(By.CSS_SELECTOR, "tr.prp-plan-line")), "the change was not saved")
    ui.visible(driver, "button#prp-plan-submit").click()
    ui.wait(driver).until(lambda d: _status(d) == "待项目经理审批", "the plan was not sent again")
    ui.logout(driver)
    ui.login(driver, server, manager["username"], manager["password"])
    driver.get(server + plan_path)
    ui.visible(driver, "button#prp-plan-approve").click()
    ui.wait(driver).until(lambda d: _status(d) == "待公司客服部经理审批", "the second project-manager approval did not take")
    ui.logout(driver)
    ui.login(driver, server, "admin", admin_password)
    driver.get(server + plan_path)
    ui.visible(driver, "button#prp-plan-approve").click()
    ui.wait(driver).until(lambda d: _status(d) == "已审批", "the company's approval did not take")
    assert len(driver.find_elements(By.CSS_SELECTOR, "tr.prp-plan-step")) == 8, "the trail misses steps"
    assert not driver.find_elements(By.CSS_SELECTOR, "main form[method='post']"), "an approved plan still offers a step"

    # Print: the plan and its trail without the buttons.
    assert ui.visible(driver, "button#prp-plan-print").is_enabled()
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.find_element(By.ID, "prp-plan-trail").is_displayed()
        assert not driver.find_element(By.ID, "prp-plan-print").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    # The month's list shows it, approved.
    driver.get(f"{server}/property/work-plans?month=2099-02")
    row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "tr.prp-plan") if number in r.text)
    assert "已审批" in row.text


def test_a_contractor_is_registered_its_plan_returned_and_a_low_score_fails_it(server, driver, admin_api, root_unit, make_user):
    tag, admin, manager, supervisor, estate = _service_centre(admin_api, root_unit, make_user, "WB")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", TABLET)

    ui.login(driver, server, admin["username"], admin["password"])
    driver.get(f"{server}/property/contractors")
    assert ui.present(driver, "#prp-no-contractors"), "no contractors yet says so"
    Select(ui.visible(driver, "#prp-contractor-estate")).select_by_value(estate["id"])
    Select(ui.visible(driver, "#prp-contractor-type")).select_by_value("cleaning")
    company = f"洁美保洁{tag}"
    ui.type_into(driver, "prp-contractor-company", company)
    ui.type_into(driver, "prp-contractor-contact", "陈经理 13800001111")
    _set_value(driver, "#prp-contractor-from", "2027-01-01")
    _set_value(driver, "#prp-contractor-to", "2026-12-31")
    ui.visible(driver, "button#prp-contractor-save").click()
    ui.wait(driver).until(lambda d: d.find_elements(By.ID, "prp-contractor-to-error"), "a contract ending before it starts was not refused")
    assert ui.visible(driver, "#prp-contractor-company").get_attribute("value") == company, "the company typed was lost"
    assert Select(ui.visible(driver, "#prp-contractor-type")).first_selected_option.get_attribute("value") == "cleaning"
    _set_value(driver, "#prp-contractor-to", "2027-12-31")
    ui.visible(driver, "button#prp-contractor-save").click()
    ui.wait_path(driver, lambda p: p.startswith("/property/contractors/"), "the contractor page")
    contractor_path = ui.current_path(driver)
    assert company in ui.visible(driver, "#prp-contractor-title").text

    # Its monthly plan, and an evaluation: 85 and 55 average 70.0, and one criterion under 60 fails it anyway.
    _set_value(driver, "#prp-cplan-month", "2027-01")
    ui.type_into(driver, "prp-cplan-content", "每日两次公共区域保洁，每周一次外墙玻璃清洗")
    ui.visible(driver, "button#prp-cplan-save").click()
    ui.wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr.prp-cplan[data-status='submitted']")) == 1, "the plan was not handed in")
    ui.type_into(driver, "prp-evaluation-scores", "清洁度 85\n及时性 55")
    ui.visible(driver, "button#prp-evaluation-save").click()
    ui.wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr.prp-evaluation"), "the evaluation was not recorded")
    evaluation = ui.visible(driver, "tr.prp-evaluation").text
    assert "70.0" in evaluation and "不合格" in evaluation, evaluation
    _no_sideways_scroll(driver, "the contractor")
    ui.logout(driver)

    # The supervisor reads, but neither reviews nor records.
    ui.login(driver, server, supervisor["username"], supervisor["password"])
    driver.get(server + contractor_path)
    ui.visible(driver, "tr.prp-cplan")
    assert not driver.find_elements(By.CSS_SELECTOR, "button.prp-cplan-approve, button.prp-cplan-return"), "the supervisor was offered the review"
    assert not driver.find_elements(By.ID, "prp-evaluation-form"), "the supervisor was offered the evaluation form"
    ui.logout(driver)

    # The project manager returns the plan with a reason.
    ui.login(driver, server, manager["username"], manager["password"])
    driver.get(server + contractor_path)
    row = ui.visible(driver, "tr.prp-cplan[data-status='submitted']")
    row.find_element(By.CSS_SELECTOR, "input[name='reason']").send_keys("缺少消杀安排")
    row.find_element(By.CSS_SELECTOR, "button.prp-cplan-return").click()
    ui.wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr.prp-cplan[data-status='returned']")) == 1, "the plan was not returned")
    assert "缺少消杀安排" in ui.visible(driver, "tr.prp-cplan[data-status='returned']").text
    driver.get(f"{server}/property/contractors")
    assert any(company in r.text for r in driver.find_elements(By.CSS_SELECTOR, "tr.prp-contractor")), "the contractor is not listed"

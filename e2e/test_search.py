"""#11.1 in a real browser: the search page finds a ticket by its number
(KF2026-000004), a customer by name and by phone; the picker on the repair
form fills 工单编号 by typing the ticket number (arrows and Enter, no submit),
and the repair order is recorded against that ticket."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import kefu_pages as ui


def _new_ticket(api, subject: str, customer: dict | None = None) -> dict:
    body = {"subject": subject, "type": "repair", "channel": "phone"}
    if customer:
        body["customer"] = customer
    _, ticket = api.post("/api/v1/tickets", body, expect=201)
    return ticket


def _search(driver, base_url: str, query: str) -> None:
    driver.get(base_url + "/search")
    box = ui.visible(driver, "input#search-q")
    box.clear()
    box.send_keys(query)
    box.send_keys(Keys.ENTER)
    ui.wait(driver).until(lambda d: "q=" in d.current_url, "the search form was not sent")


def _hits(driver, kind: str) -> list[str]:
    return [li.text for li in driver.find_elements(By.CSS_SELECTOR, f"#search-{kind} li.search-hit")]


def test_search_finds_ticket_number_customer_name_and_phone(server, driver, make_user):
    supervisor = make_user(roles=["cs_supervisor"], display_name="值班主管")
    api = supervisor["api"]
    tag = secrets.token_hex(3).upper()
    phone = "135" + str(secrets.randbelow(10**8)).zfill(8)
    name = f"国电投风场{tag}"
    mine = _new_ticket(api, f"主轴承温度报警 {tag}", {"name": name, "phone": phone})
    # Make sure ticket number 4 of this year exists, then type it as people write it.
    year_prefix = mine["number"].split("-")[0]  # KF2026
    while int(_new_ticket(api, f"补足编号 {tag}")["number"].split("-")[1]) < 4:
        pass
    _, fourth = api.get(f"/api/v1/search?q={year_prefix}-000004&kinds=ticket", expect=200)
    assert len(fourth["items"]) == 1, fourth
    fourth = fourth["items"][0]

    ui.login(driver, server, supervisor["username"], supervisor["password"])
    _search(driver, server, f"{year_prefix}-000004")
    hits = _hits(driver, "ticket")
    assert len(hits) == 1 and f"{year_prefix}-000004" in hits[0], hits
    link = driver.find_element(By.CSS_SELECTOR, "#search-ticket li.search-hit a")
    assert link.get_attribute("href").endswith(f"/tickets/{fourth['id']}")

    # The running number alone finds the same ticket.
    _search(driver, server, "4")
    assert any(f"{year_prefix}-000004" in h for h in _hits(driver, "ticket"))

    # The customer by the start of the name, and by the whole phone number as people write it.
    _search(driver, server, name[:5])
    assert any(name in h for h in _hits(driver, "customer")), driver.page_source[:2000]
    _search(driver, server, f"{phone[:3]}-{phone[3:7]}-{phone[7:]}")
    assert any(name in h for h in _hits(driver, "customer"))

    # Nothing found: a readable empty state.
    _search(driver, server, "KF1999-999999")
    assert "没有找到" in ui.visible(driver, "#search-empty").text


def test_picker_fills_the_repair_form_by_ticket_number(server, driver, agent):
    api = agent["api"]
    tag = secrets.token_hex(3).upper()
    ticket = _new_ticket(api, f"变桨控制器返修 {tag}", {"name": f"返修客户{tag}", "phone": "136" + str(secrets.randbelow(10**8)).zfill(8)})

    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(server + "/repair-orders/new")
    field = ui.visible(driver, "input#ticketId")
    assert field.get_attribute("data-picker") == "/api/v1/search?kinds=ticket"
    field.send_keys(ticket["number"])
    option = ui.visible(driver, ".picker-list li[role=option]")
    assert ticket["number"] in option.text and f"变桨控制器返修 {tag}" in option.text
    assert field.get_attribute("aria-expanded") == "true"
    # Esc closes; an arrow opens again; Enter picks without sending the form.
    field.send_keys(Keys.ESCAPE)
    ui.wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".picker-list li[role=option]"), "Esc did not close the list")
    field.send_keys(Keys.ARROW_DOWN)
    ui.visible(driver, ".picker-list li[role=option][aria-selected=true]")
    field.send_keys(Keys.ENTER)
    ui.wait(driver).until(lambda d: d.find_element(By.ID, "ticketId-value").get_attribute("value") == ticket["id"], "Enter did not pick")
    assert ui.current_path(driver) == "/repair-orders/new", "Enter sent the form"
    assert field.get_attribute("value") == ticket["number"]

    driver.find_element(By.ID, "model").send_keys("变桨控制器 PC-300")
    driver.find_element(By.ID, "defects").send_keys(f"PC3-{tag} | 上电无显示")
    driver.find_element(By.ID, "repair-submit").click()
    ui.wait_path(driver, lambda p: p.startswith("/repair-orders/") and p != "/repair-orders/new", "the repair order page")
    repair_id = ui.current_path(driver).split("/")[2]
    _, repair = api.get(f"/api/v1/repair-orders/{repair_id}", expect=200)
    assert repair["ticketId"] == ticket["id"]

    # Typed without picking (the number as people write it), the server resolves it too.
    driver.get(server + "/repair-orders/new")
    field = ui.visible(driver, "input#ticketId")
    field.send_keys(ticket["number"].lower())
    field.send_keys(Keys.TAB)
    driver.find_element(By.ID, "model").send_keys("PC-300")
    driver.find_element(By.ID, "defects").send_keys("通讯中断")
    driver.find_element(By.ID, "repair-submit").click()
    ui.wait_path(driver, lambda p: p.startswith("/repair-orders/") and p != "/repair-orders/new", "the second repair order page")
    _, second = api.get(f"/api/v1/repair-orders/{ui.current_path(driver).split('/')[2]}", expect=200)
    assert second["ticketId"] == ticket["id"]

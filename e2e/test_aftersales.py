"""After-sales in a real browser: a customer opens the satisfaction survey link
on a phone-sized screen without signing in, rates the service (one item
不满意) and submits once; the 不满意 answer opens a complaint case."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By

import kefu_pages as ui


def test_customer_fills_survey_on_a_phone_and_dissatisfaction_opens_a_complaint(server, driver, agent):
    tag = secrets.token_hex(3).upper()
    api = agent["api"]
    _, ticket = api.post(
        "/api/v1/tickets",
        {"subject": f"咨询备件到货时间 {tag}", "type": "inquiry", "channel": "phone",
         "customer": {"name": f"刘经理{tag}", "phone": "139" + str(secrets.randbelow(10**8)).zfill(8)}},
        expect=201,
    )
    _, invitation = api.post("/api/v1/survey-invitations", {"ticketId": ticket["id"]}, expect=201)
    url = invitation["url"]
    assert "/s/" in url

    # A phone-sized window, no sign-in.
    driver.set_window_size(390, 844)
    driver.get(url)
    form = ui.visible(driver, "form#survey-form")
    assert not driver.find_elements(By.CSS_SELECTOR, "nav#main-nav")
    assert "客户总体评价" in driver.page_source
    # Fits the screen: no sideways scrolling.
    width = driver.execute_script("return document.documentElement.scrollWidth")
    inner = driver.execute_script("return window.innerWidth")
    assert width <= inner, f"page is {width}px wide on a {inner}px screen"

    def choose(name: str, level: int) -> None:
        radio = driver.find_element(By.CSS_SELECTOR, f"input#{name}-{level}")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", radio)
        radio.find_element(By.XPATH, "..").click()
        assert radio.is_selected()

    choose("item_service\\.attitude", 5)
    choose("item_service\\.response", 1)
    comment = driver.find_element(By.CSS_SELECTOR, "input#comment_service\\.response")
    comment.send_keys("三天才回电话")
    choose("overall", 3)
    driver.find_element(By.CSS_SELECTOR, "textarea#survey-comment").send_keys("希望响应再快一些")
    submit = driver.find_element(By.CSS_SELECTOR, "button#survey-submit")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", submit)
    submit.click()
    ui.visible(driver, "#survey-thanks")

    # One submission per link.
    driver.get(url)
    ui.visible(driver, "#survey-closed")

    # The 不满意 answer opened a complaint linked to the survey.
    _, complaints = api.get("/api/v1/complaints")
    linked = [c for c in complaints["items"] if c.get("surveyResponseId")]
    assert linked, complaints
    assert any(tag in (c.get("subject") or "") or (c.get("customerName") or "").endswith(tag) for c in linked), linked

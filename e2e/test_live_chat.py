"""#16.4 (CH-01, CH-03, TKT-03): a visitor in one browser window chats with an agent in another over the WebSocket;
the agent takes the chat from the queue, they exchange messages (Enter sends), the visitor's page survives a reload
without losing anything, the agent ends the chat and the ticket it became shows the transcript."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import kefu_pages as ui


def log_texts(driver) -> str:
    return driver.find_element(By.ID, "chat-log").text


def test_a_visitor_chats_with_an_agent_and_the_ended_chat_becomes_a_ticket(server, driver, make_user, root_unit):
    code = root_unit["code"]
    tag = secrets.token_hex(3)
    visitor_name = f"访客{tag}"
    agent = make_user(roles=["cs_agent"], display_name="李坐席")

    # The agent's window: signed in, on the chat desk.
    agent_window = driver.current_window_handle
    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(f"{server}/chats")
    ui.visible(driver, "#chat-queue")

    # The visitor's window: the public widget, no sign-in needed.
    driver.switch_to.new_window("window")
    visitor_window = driver.current_window_handle
    driver.get(f"{server}/chat/{code}")
    ui.type_into(driver, "chat-name", visitor_name)
    ui.type_into(driver, "chat-contact", "1390000" + str(secrets.randbelow(10**4)).zfill(4))
    ui.type_into(driver, "chat-first", f"你好，我家空调不制冷 {tag}")
    driver.find_element(By.ID, "chat-start-button").click()
    ui.visible(driver, "#chat-room")
    ui.wait(driver, 20).until(lambda d: f"空调不制冷 {tag}" in log_texts(d))
    ui.wait(driver, 20).until(lambda d: "等待客服" in d.find_element(By.ID, "chat-status").text)

    # The agent sees the visitor waiting (the queue refreshes itself) and takes the chat.
    driver.switch_to.window(agent_window)
    ui.wait(driver, 20).until(lambda d: visitor_name in d.find_element(By.ID, "chat-queue").text)
    item = driver.find_element(By.XPATH, f"//*[@id='chat-queue-list']/li[contains(., '{visitor_name}')]")
    item.find_element(By.CSS_SELECTOR, "button[data-take]").click()
    ui.wait_path(driver, lambda p: p == "/chats", "the chat")
    ui.visible(driver, "#comment-body", timeout=20)
    assert f"空调不制冷 {tag}" in log_texts(driver)
    # Enter sends from the reply box.
    ui.type_into(driver, "comment-body", "您好，请问空调是什么型号？")
    ui.press(driver, Keys.ENTER)
    ui.wait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#chat-log li.chat-agent[data-seq]"))

    # The visitor sees the agent join and the reply, and answers.
    driver.switch_to.window(visitor_window)
    ui.wait(driver, 20).until(lambda d: "请问空调是什么型号" in log_texts(d))
    ui.wait(driver, 20).until(lambda d: "李坐席" in d.find_element(By.ID, "chat-status").text)
    ui.type_into(driver, "chat-input", f"型号 KFR-35GW {tag}")
    ui.press(driver, Keys.ENTER)
    ui.wait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#chat-log li.chat-visitor[data-seq]")
                              and not d.find_elements(By.CSS_SELECTOR, "#chat-log li.pending"))
    # A reload (a dropped connection) keeps the conversation: the page reconnects with its token and gets it all again.
    driver.refresh()
    ui.wait(driver, 20).until(lambda d: f"型号 KFR-35GW {tag}" in log_texts(d) and "请问空调是什么型号" in log_texts(d))

    # The agent gets the answer and ends the chat into a new ticket.
    driver.switch_to.window(agent_window)
    ui.wait(driver, 20).until(lambda d: f"型号 KFR-35GW {tag}" in log_texts(d))
    driver.find_element(By.ID, "chat-close").click()
    link = ui.visible(driver, "#chat-ticket-link", timeout=20)
    link.click()
    ticket_id = ui.wait_ticket_page(driver)
    page = driver.page_source
    assert f"空调不制冷 {tag}" in page and "请问空调是什么型号" in page and f"型号 KFR-35GW {tag}" in page
    _, ticket = agent["api"].get(f"/api/v1/tickets/{ticket_id}", expect=200)
    assert ticket["channel"] == "chat" and ticket["ownerId"] == agent["id"], ticket

    # The visitor is told the chat has ended.
    driver.switch_to.window(visitor_window)
    ui.wait(driver, 20).until(lambda d: "对话已结束" in d.find_element(By.ID, "chat-status").text)
    assert driver.find_element(By.ID, "chat-new").is_displayed()

"""#16.3 (CH-01): the simulator (scripts/cti-sim.py) signs and posts a call to the running server; the agent whose
extension rings sees the screen pop with the caller's number, customer and open tickets, dismisses it with Escape,
and a missed call becomes a call-back ticket in the call log."""

from __future__ import annotations

import secrets
import subprocess
import sys
import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import kefu_pages as ui
from conftest import TELEPHONY_SECRET

SIM = Path(__file__).resolve().parent.parent / "scripts" / "cti-sim.py"


def simulate(server: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SIM), "--url", server, "--secret", TELEPHONY_SECRET, *args],
                          capture_output=True, text=True, timeout=60)


def test_a_ringing_call_pops_up_for_the_agent_and_a_missed_call_becomes_a_call_back_ticket(server, driver, make_user, admin_api):
    ext = str(7000 + secrets.randbelow(2000))
    caller = "139" + str(secrets.randbelow(10**8)).zfill(8)
    agent = make_user(roles=["cs_agent"], display_name="王坐席")
    admin_api.request("PUT", f"/api/v1/telephony/extensions/{ext}", {"agentId": agent["id"]}, expect=200)
    # The caller has an open ticket already: the pop-up lists it.
    _, ticket = agent["api"].post(
        "/api/v1/tickets",
        {"subject": f"空调不制冷 {ext}", "description": "e2e", "type": "repair", "channel": "phone", "priority": "normal",
         "customer": {"name": "赵女士", "phone": caller}},
        expect=201,
    )

    ui.login(driver, server, agent["username"], agent["password"])
    driver.get(f"{server}/")
    # A wrong secret is refused by the server (the simulator says so and exits non-zero).
    refused = subprocess.run([sys.executable, str(SIM), "--url", server, "--secret", "wrong", "--caller", caller, "--extension", ext],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1 and "bad_signature" in refused.stdout, refused.stdout + refused.stderr

    sim = simulate(server, "--caller", caller, "--extension", ext, "--rings", "2", "--no-end", "--pause", "0.2")
    assert sim.returncode == 0, sim.stdout + sim.stderr
    pop = ui.visible(driver, "#screen-pop", timeout=20)
    ui.wait(driver, 20).until(lambda d: caller in d.find_element(By.ID, "screen-pop").text)
    assert "赵女士" in pop.text
    assert ticket["number"] in pop.text
    # Answered: the pop-up offers to make the call a ticket.
    ui.visible(driver, "#screen-pop-create", timeout=20)
    # Escape dismisses it.
    ui.press(driver, Keys.ESCAPE)
    ui.wait(driver).until(lambda d: not d.find_element(By.ID, "screen-pop").is_displayed())

    # Another call: Enter opens the caller's newest open ticket.
    again = simulate(server, "--caller", caller, "--extension", ext, "--rings", "1", "--no-end", "--pause", "0.2")
    assert again.returncode == 0, again.stdout + again.stderr
    driver.get(f"{server}/")
    ui.wait(driver, 20).until(lambda d: caller in d.find_element(By.ID, "screen-pop").text)
    ui.press(driver, Keys.ENTER)
    ui.wait_path(driver, lambda p: p == f"/tickets/{ticket['id']}", "the open ticket")

    # The create button makes the answered call a phone ticket owned by the agent (TKT-03).
    driver.get(f"{server}/")
    ui.visible(driver, "#screen-pop-create", timeout=20).click()
    new_id = ui.wait_ticket_page(driver)
    _, made = agent["api"].get(f"/api/v1/tickets/{new_id}", expect=200)
    assert made["channel"] == "phone" and made["ownerId"] == agent["id"], made

    # A missed call: a call-back ticket for the caller, in the call log.
    missed = simulate(server, "--caller", caller, "--extension", ext, "--rings", "6", "--missed", "--pause", "0.2")
    assert missed.returncode == 0, missed.stdout + missed.stderr
    driver.get(f"{server}/telephony/calls?agentId={agent['id']}")
    ui.visible(driver, "#calls-list")
    row = driver.find_element(By.CSS_SELECTOR, "#calls-list tr[data-state='missed']")
    assert caller in row.text
    link = row.find_element(By.CSS_SELECTOR, "a[href^='/tickets/']")
    link.click()
    ui.wait_ticket_page(driver)
    assert f"未接来电回拨 {caller}" in driver.page_source

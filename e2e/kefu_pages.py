"""Page helpers for the Kefu web UI, written against the page contract
(element ids and names); explicit waits only."""

from __future__ import annotations

import os
import re
import urllib.parse

from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT = float(os.environ.get("KEFU_E2E_WAIT", "15"))
UUID_RE = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
TICKET_PATH_RE = re.compile(r"^/tickets/(" + UUID_RE + r")/?$")


# Messages chromedriver gives when a poll lands in the middle of a page
# navigation; such a poll simply counts as "not yet".
_NAVIGATION_RACES = (
    "does not belong to the document",
    "stale element",
    "Cannot find context with specified id",
    "Execution context was destroyed",
    "Inspected target navigated or closed",
)


class _Wait(WebDriverWait):
    def until(self, method, message: str = ""):
        def tolerant(d):
            try:
                return method(d)
            except WebDriverException as err:
                if isinstance(err, (NoSuchElementException, StaleElementReferenceException)) or any(
                    m in str(err) for m in _NAVIGATION_RACES
                ):
                    return False
                raise

        return super().until(tolerant, message)


def wait(driver, timeout: float = WAIT) -> WebDriverWait:
    return _Wait(driver, timeout, poll_frequency=0.1)


def current_path(driver) -> str:
    return urllib.parse.urlparse(driver.current_url).path


def visible(driver, css: str, timeout: float = WAIT):
    return wait(driver, timeout).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, css)),
        f"{css} not visible on {driver.current_url}",
    )


def type_into(driver, field_id: str, text: str) -> None:
    """Replaces what the field with this id holds by `text`, typed as a person would."""
    el = visible(driver, f"#{field_id}")
    el.clear()
    el.send_keys(text)


def present(driver, css: str, timeout: float = WAIT):
    return wait(driver, timeout).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, css)),
        f"{css} not present on {driver.current_url}",
    )


def wait_path(driver, predicate, what: str, timeout: float = WAIT):
    wait(driver, timeout).until(
        lambda d: predicate(current_path(d)), f"never reached {what}; at {driver.current_url}"
    )
    return current_path(driver)


def active_id(driver) -> str:
    return driver.execute_script(
        "var e = document.activeElement; return e ? (e.id || '') : '';"
    )


def press(driver, *keys) -> None:
    """Sends keys to whatever has the focus, like a person typing."""
    driver.switch_to.active_element.send_keys(*keys)


def tab_to(driver, element_id: str, max_presses: int = 25, reverse: bool = False) -> None:
    """Presses Tab (or Shift+Tab) until the element with this id has the focus."""
    for _ in range(max_presses):
        if active_id(driver) == element_id:
            return
        if reverse:
            press(driver, Keys.SHIFT, Keys.TAB)
        else:
            press(driver, Keys.TAB)
    assert active_id(driver) == element_id, (
        f"#{element_id} not reachable with {'Shift+' if reverse else ''}Tab "
        f"(focus is on #{active_id(driver)!r})"
    )


def no_xss(driver) -> bool:
    return driver.execute_script("return typeof window.__kefuXss") == "undefined"


# --------------------------------------------------------------------------


def login(driver, base_url: str, username: str, password: str, expect_success: bool = True) -> None:
    driver.get(base_url + "/login")
    form = visible(driver, "form#login-form")
    user_input = form.find_element(By.CSS_SELECTOR, "input[name=username]")
    pass_input = form.find_element(By.CSS_SELECTOR, "input[name=password]")
    assert user_input.get_attribute("id") == "username"
    assert pass_input.get_attribute("id") == "password"
    assert pass_input.get_attribute("type") == "password"
    user_input.clear()
    user_input.send_keys(username)
    pass_input.clear()
    pass_input.send_keys(password)
    form.find_element(By.CSS_SELECTOR, "button#login-submit").click()
    if expect_success:
        # #11.5: staff land on the home page (/), customers on their tickets.
        wait_path(driver, lambda p: p.rstrip("/") in ("", "/tickets"), "home or /tickets after login")
        present(driver, "nav#main-nav")
    else:
        visible(driver, ".flash-error")


def nav_to(driver, item_id: str) -> None:
    """Follows a main-menu entry as a person would: opens the phone menu if it is collapsed, opens the entry's
    work area (a disclosure menu), then clicks the entry (#11.5)."""
    link = present(driver, f"nav#main-nav a#nav-{item_id}")
    toggle = driver.find_elements(By.CSS_SELECTOR, "button#nav-toggle")
    if toggle and toggle[0].is_displayed() and toggle[0].get_attribute("aria-expanded") != "true":
        toggle[0].click()
    area = link.find_element(By.XPATH, "ancestor::details[1]")
    if area.get_attribute("open") is None:
        area.find_element(By.CSS_SELECTOR, "summary").click()
    wait(driver).until(lambda d: link.is_displayed(), f"menu entry #nav-{item_id} never showed")
    link.click()


def logout(driver) -> None:
    button = visible(driver, "form#logout-form button#logout-submit")
    button.click()
    wait(driver).until(EC.staleness_of(button), "page did not change after logout")


def ticket_id_from_url(driver) -> str:
    match = TICKET_PATH_RE.match(current_path(driver))
    assert match, f"not on a ticket page: {driver.current_url}"
    return match.group(1)


def wait_ticket_page(driver) -> str:
    wait_path(driver, lambda p: TICKET_PATH_RE.match(p) is not None, "/tickets/{uuid}")
    visible(driver, "h1#ticket-subject")
    return ticket_id_from_url(driver)


def ticket_status(driver) -> str:
    return present(driver, "#ticket-status").get_attribute("data-status")


def wait_status(driver, status: str, timeout: float = WAIT) -> None:
    seen = []

    def reached(d):
        value = d.find_element(By.CSS_SELECTOR, "#ticket-status").get_attribute("data-status")
        seen.append(value)
        return value == status

    try:
        wait(driver, timeout).until(reached)
    except TimeoutException:
        raise AssertionError(
            f"#ticket-status never became {status!r} (last seen {seen[-1:]!r}) on {driver.current_url}"
        ) from None


def timeline_texts(driver) -> list[str]:
    return [li.text for li in driver.find_elements(By.CSS_SELECTOR, "ol#timeline li.event")]


def wait_timeline_contains(driver, text: str, timeout: float = WAIT) -> None:
    wait(driver, timeout).until(
        lambda d: any(text in t for t in timeline_texts(d)),
        f"timeline never showed {text!r}",
    )


def add_comment(driver, body: str, visibility: str = "public") -> None:
    form = visible(driver, "form#comment-form")
    textarea = form.find_element(By.CSS_SELECTOR, "textarea#comment-body")
    textarea.clear()
    textarea.send_keys(body)
    Select(form.find_element(By.CSS_SELECTOR, "select#comment-visibility")).select_by_value(visibility)
    form.find_element(By.CSS_SELECTOR, "button#comment-submit").click()
    wait_timeline_contains(driver, body)


def allowed_statuses(driver) -> list[str]:
    """The statuses the ticket's one form offers (#11.4), without the "keep as it is" choice."""
    select = Select(visible(driver, "form#comment-form select#status-select"))
    return [o.get_attribute("value") for o in select.options if o.get_attribute("value")]


def change_status(driver, status: str, note: str = "") -> None:
    """Sets the status through the one form; a note goes with it as an internal note."""
    form = visible(driver, "form#comment-form")
    Select(form.find_element(By.CSS_SELECTOR, "select#status-select")).select_by_value(status)
    textarea = form.find_element(By.CSS_SELECTOR, "textarea#comment-body")
    textarea.clear()
    if note:
        textarea.send_keys(note)
        Select(form.find_element(By.CSS_SELECTOR, "select#comment-visibility")).select_by_value("internal")
    form.find_element(By.CSS_SELECTOR, "button#comment-submit").click()
    wait_status(driver, status)


def search_all(driver, base_url: str, term: str) -> None:
    """Opens the all-tickets list and searches through the search form."""
    driver.get(base_url + "/tickets?view=all")
    form = visible(driver, "form#search-form")
    box = form.find_element(By.CSS_SELECTOR, "input#search-q")
    assert box.get_attribute("name") == "q"
    box.clear()
    box.send_keys(term)
    old = form
    form.find_element(By.CSS_SELECTOR, "button#search-submit").click()
    wait(driver).until(EC.staleness_of(old), "search did not load a new page")
    wait(driver).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "table#ticket-list")
        or d.find_elements(By.CSS_SELECTOR, "#empty-state"),
        f"neither table#ticket-list nor #empty-state after searching {term!r}",
    )
    query = urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)
    assert query.get("q") == [term], f"search term not in URL: {driver.current_url}"


def result_subjects(driver) -> list[str]:
    return [
        a.text
        for a in driver.find_elements(By.CSS_SELECTOR, "table#ticket-list tr.ticket-row a.ticket-link")
    ]

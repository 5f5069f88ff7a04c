"""#16.6 the customer portal in a real browser: a customer whose mail became a ticket asks for a sign-in link, reads it
from the mail Kefu sent (a loopback SMTP receiver), signs in, sees the ticket with the agent's public reply (never the
internal note), answers it with a file (the answer is the ticket's public comment by the customer) and, once it is
resolved, rates it. A phone-sized window."""

from __future__ import annotations

import re
import secrets

from selenium.webdriver.common.by import By

import kefu_pages as ui
from conftest import Api
from kefu_server import Server, free_port
from smtp_receiver import SmtpReceiver


def test_a_customer_signs_in_by_mail_and_answers_a_ticket(tmp_path, driver):
    receiver = SmtpReceiver()
    password = "Portal-Mail-2026!"
    port = free_port()
    server = Server(f"sqlite://{tmp_path / 'kefu.sqlite'}", tmp_path / "kefu.log", password, port=port,
                    extra_env={"KEFU_SMTP_URL": f"smtp://127.0.0.1:{receiver.port}?tls=none",
                               "KEFU_MAIL_FROM": "客服中心 <service@kefu.example>",
                               "KEFU_BASE_URL": f"http://127.0.0.1:{port}"})
    try:
        server.wait_healthy()
        api = Api(server.base)
        admin = api.login("admin", password)
        tag = secrets.token_hex(3)
        email = f"wang{tag}@customer.example"
        status, ticket = api.post("/api/v1/tickets", {"subject": f"电梯异响 {tag}", "description": "三号楼电梯运行时有异响。", "type": "repair",
                                                      "channel": "email", "priority": "normal",
                                                      "customer": {"name": "王先生", "email": email}}, token=admin, expect=201)
        api.post(f"/api/v1/tickets/{ticket['id']}/comments", {"body": "内部：先查维保记录", "visibility": "internal"}, token=admin, expect=201)
        api.post(f"/api/v1/tickets/{ticket['id']}/comments", {"body": "王先生您好，维保人员今天下午到场。", "visibility": "public"},
                 token=admin, expect=201)
        before = len(receiver.wait_for(1))  # the public reply's own mail

        driver.set_window_size(390, 844)
        driver.get(f"{server.base}/portal")
        driver.find_element(By.ID, "portal-email").send_keys(email.upper())
        driver.find_element(By.ID, "portal-send").click()
        ui.visible(driver, "#portal-link-sent")

        mail = receiver.wait_for(before + 1)[before]
        assert mail["to"] == [email]
        body = mail["message"].get_content()
        link = re.search(r"https?://\S+/portal/in/[A-Za-z0-9_-]+", body).group(0)
        driver.get(link)  # opening the link spends nothing (mail scanners open links too): its button signs in
        ui.visible(driver, "#portal-confirm-button").click()
        ui.wait_path(driver, lambda p: p == "/portal/tickets", "my tickets")
        driver.find_element(By.CSS_SELECTOR, f"#portal-tickets a[href='/portal/tickets/{ticket['number']}']").click()
        thread = ui.visible(driver, "#portal-thread").text
        assert "维保人员今天下午到场" in thread
        assert "先查维保记录" not in thread

        driver.find_element(By.ID, "portal-reply-send").click()  # empty: the browser's own required check keeps it here
        driver.find_element(By.ID, "portal-reply-body").send_keys("好的，下午有人在家。")
        photo = tmp_path / "elevator.jpg"
        photo.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg " + tag.encode())
        driver.find_element(By.ID, "portal-reply-file").send_keys(str(photo))
        driver.find_element(By.ID, "portal-reply-send").click()
        ui.visible(driver, "#portal-reply-sent")
        assert "下午有人在家" in driver.find_element(By.ID, "portal-thread").text
        assert driver.find_element(By.CSS_SELECTOR, "#portal-files a").text == "elevator.jpg"
        driver.find_element(By.ID, "portal-sign-out").click()
        ui.visible(driver, "#portal-sign-in")

        _, comments = api.get(f"/api/v1/tickets/{ticket['id']}/comments", token=admin)
        # The comment names the file after the text, as a mail's does.
        mine = [c for c in comments["items"] if c["body"].startswith("好的，下午有人在家。")]
        assert mine and mine[0]["authorKind"] == "customer" and mine[0]["visibility"] == "public"
        assert "elevator.jpg" in mine[0]["body"]

        # Staff see the file on the ticket page as the customer's.
        ui.login(driver, server.base, "admin", password)
        driver.get(f"{server.base}/tickets/{ticket['id']}")
        assert "客户在门户上传的附件 elevator.jpg" in driver.page_source

        # The link works once.
        driver.get(link)
        assert driver.find_element(By.ID, "portal-link-used").is_displayed()

        # Resolved, the ticket is rated once from the portal, and the rating counts in the satisfaction report.
        api.post(f"/api/v1/tickets/{ticket['id']}/status", {"status": "resolved"}, token=admin, expect=200)
        driver.get(f"{server.base}/portal")
        assert driver.current_url.endswith("/portal"), driver.current_url
        driver.find_element(By.ID, "portal-email").send_keys(email)
        driver.find_element(By.ID, "portal-send").click()
        ui.visible(driver, "#portal-link-sent")
        second = receiver.wait_for(before + 2)[before + 1]["message"].get_content()
        driver.get(re.search(r"https?://\S+/portal/in/[A-Za-z0-9_-]+", second).group(0))
        ui.visible(driver, "#portal-confirm-button").click()
        ui.wait_path(driver, lambda p: p == "/portal/tickets", "my tickets")
        driver.get(f"{server.base}/portal/tickets/{ticket['number']}")
        driver.find_element(By.ID, "rate-5").click()
        driver.find_element(By.ID, "portal-rate-comment").send_keys("处理及时")
        driver.find_element(By.ID, "portal-rate-send").click()
        assert ui.visible(driver, "#portal-rated").get_attribute("data-rating") == "5"
        assert not driver.find_elements(By.ID, "portal-rate")
        _, report = api.get("/api/v1/reports/satisfaction?groupBy=none", token=admin)
        assert report["responses"] == 1 and report["satisfied"] == 1, report
    finally:
        server.stop()
        receiver.shutdown()

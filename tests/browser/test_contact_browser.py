"""The contact form in real Chromium, posting to the real function (netlify/dev/server.mjs in
front of the built site) that delivers to a webhook receiver on loopback."""

from __future__ import annotations

import json
import re

from ..conftest import ROOT
from ..contact_support import DevServer, Receiver, wait_for

PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + bytes(100)
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# The form posts to /api/contact?lang=<page language>.
CONTACT_ENDPOINT = re.compile(r"/api/contact(\?|$)")


def poll(page, expression: str, timeout: float = 10.0):
    """Wait until `expression` is truthy in the page (wait_for_function evals strings, which
    the site's CSP forbids)."""
    return wait_for(lambda: page.evaluate(expression), timeout)


def open_form(page, server: DevServer):
    page.goto(server.url + "contact/")
    page.wait_for_selector("#hc-contact-form")
    poll(page, "document.querySelector('#hc-contact-form [name=started]').value !== ''")
    # A person takes more than the form's minimum seconds to write; so does this test.
    page.evaluate("document.querySelector('#hc-contact-form [name=started]').value = String(Date.now() - 60000)")


def fill_valid(page, subject: str = "Airbnb calendar stopped syncing") -> None:
    page.select_option("#hc-topic", "technical")
    page.fill("#hc-subject", subject)
    page.fill("#hc-description", "Since Monday my Airbnb calendar does not update any more.")
    page.fill("#hc-name", "Ana Pérez")
    page.fill("#hc-email", "ana@example.com")


def deliveries(receiver: Receiver, subject: str) -> list[dict]:
    return [r.json() for r in receiver.requests if r.json()["fields"].get("subject") == subject]


def test_send_shows_the_reference_and_the_ticket_arrives_with_its_file(page, stack) -> None:
    server, receiver = stack
    open_form(page, server)
    fill_valid(page, "Send with a screenshot")
    page.set_input_files("#hc-attachments", files=[{"name": "screen.png", "mimeType": "image/png", "buffer": PNG}])
    assert page.input_value("#hc-os") and page.input_value("#hc-browser").startswith("Chrome")  # from the user agent
    page.click(".hc-form__send")
    panel = page.locator(".hc-form__sent")
    panel.wait_for()
    ref = panel.locator(".hc-ticket-ref").inner_text()
    assert ref.startswith("HC-") and "48 hours" in panel.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('hc-form__sent')")
    [ticket] = wait_for(lambda: deliveries(receiver, "Send with a screenshot"))
    assert ticket["ref"] == ref and ticket["attachments"][0]["name"] == "screen.png"
    assert ticket["fields"]["os"] and ticket["fields"]["name"] == "Ana Pérez"
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hc-contact-draft'))") == []


def test_fields_follow_the_topic(page, stack) -> None:
    server, _ = stack
    open_form(page, server)
    technical = ["#hc-expected", "#hc-actual", "#hc-steps", "#hc-os", "#hc-booking"]
    assert all(not page.is_visible(selector) for selector in technical)  # until a topic is chosen
    page.select_option("#hc-topic", "technical")
    assert all(page.is_visible(selector) for selector in technical)
    page.select_option("#hc-topic", "billing")
    assert not page.is_visible("#hc-steps") and page.is_visible("#hc-listings")
    assert page.is_disabled("#hc-steps")  # hidden fields are not sent


def test_errors_are_announced_linked_and_focused(page, stack) -> None:
    server, receiver = stack
    before = len(receiver.requests)
    open_form(page, server)
    page.fill("#hc-email", "ana@")
    page.click(".hc-form__send")
    page.wait_for_selector("#hc-form-summary:not([hidden])")
    assert page.evaluate("document.activeElement.id") == "hc-topic"  # the first field in error
    assert page.get_attribute("#hc-topic", "aria-invalid") == "true"
    described = page.get_attribute("#hc-email", "aria-describedby").split()
    assert "hc-email-error" in described
    assert "e-mail address" in page.inner_text("#hc-email-error")
    assert page.get_attribute("#hc-subject", "aria-invalid") == "true"
    summary = page.inner_text("#hc-form-summary")
    assert "Subject" in summary and "Your name" in summary
    page.fill("#hc-email", "ana@example.com")
    page.dispatch_event("#hc-email", "change")
    poll(page, "document.querySelector('#hc-email').getAttribute('aria-invalid') === null")
    assert len(receiver.requests) == before


def test_a_reload_keeps_the_draft(page, stack) -> None:
    server, _ = stack
    open_form(page, server)
    fill_valid(page, "Draft survives a reload")
    page.check("input[name=scope][value=whole_team]")
    page.wait_for_timeout(400)  # the draft is saved a moment after typing stops
    page.reload()
    page.wait_for_selector("#hc-contact-form")
    assert page.input_value("#hc-subject") == "Draft survives a reload"
    assert page.input_value("#hc-topic") == "technical" and page.is_visible("#hc-steps")
    assert page.is_checked("input[name=scope][value=whole_team]")


def test_a_failed_send_keeps_the_draft_and_a_retry_sends_one_ticket(page, stack) -> None:
    server, receiver = stack
    open_form(page, server)
    fill_valid(page, "Retry after a failure")
    page.route(CONTACT_ENDPOINT, lambda route: route.abort("connectionrefused"))
    page.click(".hc-form__send")
    retry = page.locator(".hc-form__retry")
    retry.wait_for()
    assert "not sent" in page.inner_text("#hc-form-status")
    assert page.input_value("#hc-subject") == "Retry after a failure"
    draft = json.loads(page.evaluate("localStorage.getItem('hc-contact-draft:/contact/')"))
    assert draft["values"]["subject"] == "Retry after a failure" and draft["key"]
    # The function takes the request but the answer is lost: the retry must not make a second ticket.
    page.unroute(CONTACT_ENDPOINT)
    answered = []

    def lose_answer(route):
        if not answered:
            answered.append(route.fetch())
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route(CONTACT_ENDPOINT, lose_answer)
    retry.click()
    page.locator(".hc-form__retry").wait_for()
    page.locator(".hc-form__retry").click()
    page.locator(".hc-form__sent").wait_for()
    tickets = wait_for(lambda: deliveries(receiver, "Retry after a failure"))
    assert len(tickets) == 1 and tickets[0]["ref"] == page.inner_text(".hc-ticket-ref")


def test_help_articles_are_suggested_while_writing(page, stack) -> None:
    server, _ = stack
    open_form(page, server)
    page.select_option("#hc-topic", "booking")
    page.fill("#hc-subject", "Airbnb calendar not syncing")
    suggestions = page.locator("#hc-suggestions")
    suggestions.locator("a").first.wait_for()
    links = suggestions.locator("a")
    assert 1 <= links.count() <= 3
    assert "may answer your question" in suggestions.inner_text()
    href = links.first.get_attribute("href")
    assert "/calendar-sync/" in href or "/channel-manager/" in href
    links.first.click()
    page.wait_for_load_state()
    page.go_back()
    page.wait_for_selector("#hc-contact-form")
    assert page.input_value("#hc-subject") == "Airbnb calendar not syncing"


def test_the_form_posts_without_javascript(browser, stack) -> None:
    server, receiver = stack
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "contact/")
    page.select_option("#hc-topic", "billing")
    page.fill("#hc-subject", "Posted without JavaScript")
    page.fill("#hc-description", "An invoice shows the wrong listing name on it.")
    page.fill("#hc-name", "Ana Pérez")
    page.fill("#hc-phone", "+34 600 000 000")
    page.click(".hc-form__send")
    page.wait_for_url("**/api/contact/thanks?ref=HC-*")
    assert "We have received your request" in page.inner_text("main")
    [ticket] = wait_for(lambda: deliveries(receiver, "Posted without JavaScript"))
    assert ticket["fields"]["phone"] == "+34 600 000 000"
    assert page.inner_text(".hc-ticket-ref") == ticket["ref"]
    page.go_back()
    page.fill("#hc-name", "")
    with page.expect_navigation(url=CONTACT_ENDPOINT) as answer:
        page.click(".hc-form__send")
    assert answer.value.status == 422
    assert page.inner_text(".hc-form-errors") == "Your name: please fill this in."
    context.close()


def test_axe_finds_nothing_serious_on_the_contact_form(browser, stack) -> None:
    server, _ = stack
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    open_form(page, server)
    page.select_option("#hc-topic", "technical")
    page.click(".hc-form__send")  # with errors showing
    page.wait_for_selector("#hc-form-summary:not([hidden])")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    context.close()

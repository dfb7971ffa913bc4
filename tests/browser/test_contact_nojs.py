"""The contact form in Chromium with JavaScript off, posting to the real function
(netlify/dev/server.mjs in front of the built sample site): a refusal names every field to
correct, in the form's language, and Back finds what was typed; a sent form lands on the
thank-you page with the stored ticket's reference. No script runs on either page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from ..contact_support import DevServer, Receiver, wait_for
from .test_contact_browser import AXE, deliveries

POSTED = re.compile(r"/api/contact(\?|$)")


@pytest.fixture
def nojs(browser) -> Iterator[object]:
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def send(page) -> int:
    """Click Send; the status of the function's answer to the post, once its page is loaded."""
    with page.expect_navigation(url=POSTED) as answer:
        page.click(".hc-form__send")
    return answer.value.status


def errors(page) -> list[tuple[str, str | None]]:
    """The error list's items: (text, the field's label in bold, if it names one). No links:
    one would open an empty form, where Back returns to the filled one."""
    items = page.locator(".hc-form-errors li")
    assert page.locator(".hc-form-errors a").count() == 0
    return [(item.inner_text(), item.locator("strong").inner_text() if item.locator("strong").count() else None)
            for item in items.all()]


def test_a_refusal_names_every_field_and_going_back_keeps_what_was_typed(nojs, stack) -> None:
    server, receiver = stack
    page = nojs
    page.goto(server.url + "contact/")
    page.select_option("#hc-topic", "billing")
    page.fill("#hc-subject", "Two fields to correct")
    page.fill("#hc-description", "An invoice shows the wrong listing name on it.")
    page.fill("#hc-email", "ana@")  # and no name
    assert send(page) == 422
    assert page.locator("h1").inner_text() == "Your request was not sent"
    assert errors(page) == [
        ("Your name: please fill this in.", "Your name"),
        ("E-mail: this does not look like an e-mail address (name@example.com).", "E-mail"),
    ]
    main = page.inner_text("main")
    assert "Something in the form needs your attention" in main
    assert "Use your browser's Back button: the form still holds what you wrote." in main
    assert deliveries(receiver, "Two fields to correct") == []

    page.go_back()
    page.wait_for_selector("#hc-contact-form")
    assert page.url == server.url + "contact/"
    assert page.input_value("#hc-topic") == "billing"
    assert page.input_value("#hc-subject") == "Two fields to correct"
    assert page.input_value("#hc-description") == "An invoice shows the wrong listing name on it."
    assert page.input_value("#hc-email") == "ana@"
    for selector in ("#hc-name", "#hc-email"):  # what the error page links to
        assert page.locator(selector).count() == 1


def test_a_sent_form_shows_the_stored_tickets_reference(nojs, stack) -> None:
    server, receiver = stack
    page = nojs
    page.goto(server.url + "contact/")
    page.select_option("#hc-topic", "billing")
    page.fill("#hc-subject", "Reference without JavaScript")
    page.fill("#hc-description", "An invoice shows the wrong listing name on it.")
    page.fill("#hc-name", "Ana Pérez")
    page.fill("#hc-phone", "+34 600 000 000")
    page.click(".hc-form__send")
    page.wait_for_url(re.compile(r"/api/contact/thanks\?ref=HC-[0-9A-Z]{4}-[0-9A-Z]{4}&lang=en$"))
    ref = page.inner_text(".hc-ticket-ref")
    main = page.inner_text("main")
    assert "We have received your request." in main and "48 hours" in main
    assert f"Your reference is {ref}. Keep it" in main
    [ticket] = wait_for(lambda: deliveries(receiver, "Reference without JavaScript"))
    assert ticket["ref"] == ref and ref in page.url
    assert [t["ref"] for t in server.tickets() if t["fields"]["subject"] == "Reference without JavaScript"] == [ref]
    # A reload asks for the page again, not for a second ticket (Post/Redirect/Get).
    page.reload()
    assert page.inner_text(".hc-ticket-ref") == ref
    assert len(server.tickets()) == len({t["ref"] for t in server.tickets()})
    assert len(deliveries(receiver, "Reference without JavaScript")) == 1


def test_the_spanish_form_is_answered_with_spanish_labels_and_messages(nojs, stack) -> None:
    server, receiver = stack
    page = nojs
    page.goto(server.url + "es/contact/")
    page.select_option("#hc-topic", "billing")
    page.fill("#hc-subject", "Factura con otro nombre")
    page.fill("#hc-description", "La factura muestra el nombre de otro anuncio.")
    page.fill("#hc-email", "ana@")  # and no name
    assert send(page) == 422
    assert page.get_attribute("html", "lang") == "es"
    assert page.locator("h1").inner_text() == "No hemos enviado tu solicitud"
    assert errors(page) == [
        ("Tu nombre: rellena este campo.", "Tu nombre"),
        ("Correo electrónico: no parece una dirección de correo (nombre@ejemplo.com).", "Correo electrónico"),
    ]
    assert "el formulario conserva lo que escribiste" in page.inner_text("main")
    # The skip link keeps to this answer: the static page it came from knows nothing of the errors.
    answer_url = page.url
    page.focus(".md-skip")
    page.keyboard.press("Enter")
    assert page.url == answer_url + "#hc-main" and len(errors(page)) == 2

    page.go_back()
    page.go_back()
    page.wait_for_selector("#hc-contact-form")
    assert page.input_value("#hc-subject") == "Factura con otro nombre" and page.input_value("#hc-email") == "ana@"
    page.fill("#hc-name", "Luis")
    page.fill("#hc-email", "luis@example.com")
    page.click(".hc-form__send")
    page.wait_for_url("**/api/contact/thanks?ref=HC-*&lang=es")
    assert page.locator("h1").inner_text() == "Gracias"
    ref = page.inner_text(".hc-ticket-ref")
    assert f"Tu número de referencia es {ref}. Guárdalo" in page.inner_text("main")
    [ticket] = wait_for(lambda: deliveries(receiver, "Factura con otro nombre"))
    assert ticket["ref"] == ref and ticket["lang"] == "es"


def axe_serious(page) -> list:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]
            if v["impact"] in ("serious", "critical")]


def test_axe_finds_nothing_serious_on_the_error_and_thanks_pages(browser, stack: tuple[DevServer, Receiver]) -> None:
    server, _ = stack
    # Scripts on (to run axe), but not the form's: the form posts as it does without JavaScript.
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(10_000)
    context.route("**/assets/helpcenter/contact/form.js*", lambda route: route.abort())
    page = context.new_page()
    page.goto(server.url + "contact/")
    page.select_option("#hc-topic", "billing")
    page.fill("#hc-email", "ana@")
    assert send(page) == 422
    assert len(errors(page)) >= 3
    assert axe_serious(page) == []
    page.go_back()
    page.wait_for_selector("#hc-contact-form")
    page.fill("#hc-subject", "Axe on the thanks page")
    page.fill("#hc-description", "An invoice shows the wrong listing name on it.")
    page.fill("#hc-name", "Ana Pérez")
    page.fill("#hc-email", "ana@example.com")
    page.click(".hc-form__send")
    page.wait_for_url("**/api/contact/thanks?ref=HC-*")
    page.locator(".hc-ticket-ref").wait_for()
    assert axe_serious(page) == []
    context.close()

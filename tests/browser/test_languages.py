"""Languages in Chromium: the switcher, Spanish search, the Spanish form from browser to function, hours and chat."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from ..conftest import ROOT
from ..contact_support import wait_for

LANGUAGES = ["en", "es"]


# -- interface text: a missing key in any language fails here --------------------------------
def _dropdown(page, query: str) -> list[tuple[str, str]]:
    box = page.locator("#hc-q")
    box.click()
    page.wait_for_selector("#hc-q[role=combobox]")
    box.fill(query)
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    options = listbox.get_by_role("option")
    options.first.wait_for()
    return [(urlsplit(options.nth(i).get_attribute("href")).path, options.nth(i).inner_text())
            for i in range(options.count())]



def test_switcher_round_trip(page, site_url: str) -> None:
    page.goto(site_url + "calendar-sync/export-ical-feed/")
    english_title = page.inner_text("h1")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/calendar-sync/export-ical-feed/")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.inner_text("h1") == "Exportar tu calendario de Villadesk"
    language = page.get_by_role("navigation", name="Idioma")
    assert language.locator("[aria-current=true]").inner_text() == "Español"
    language.get_by_role("link", name="English").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == "/calendar-sync/export-ical-feed/")
    assert urlsplit(page.url).path == "/calendar-sync/export-ical-feed/" and page.inner_text("h1") == english_title


@pytest.mark.parametrize(("query", "expected_path", "word"), [
    ("reservas", "/es/reservations/", "reserva"),
    ("sincronizacion", "/es/", "sincronización"),
    ("cancelar una reserva", "/es/reservations/modify-or-cancel-reservation/", "cancelar"),
])
def test_spanish_search_stems_and_folds_accents(page, site_url: str, query: str, expected_path: str, word: str) -> None:
    page.goto(site_url + "es/")
    results = [(path, text) for path, text in _dropdown(page, query) if not path.startswith("/search/")]
    assert results and all(path.startswith("/es/") for path, _ in results), results
    assert any(path.startswith(expected_path) and word in text.lower() for path, text in results[:5]), results


def test_an_english_reader_gets_english_results(page, site_url: str) -> None:
    page.goto(site_url)
    results = [(path, text) for path, text in _dropdown(page, "cancel booking") if not path.startswith("/search/")]
    assert results and not any(path.startswith("/es/") for path, _ in results)
    assert any("cancel" in text.lower() for _, text in results[:3]), results


def test_the_spanish_form_speaks_spanish_from_browser_to_function(page, stack) -> None:
    server, receiver = stack
    page.goto(server.url + "es/contact/")
    page.wait_for_selector("#hc-contact-form")
    wait_for(lambda: page.evaluate("document.querySelector('#hc-contact-form [name=started]').value !== ''"))
    page.click(".hc-form__send")
    summary = page.locator("#hc-form-summary")
    summary.wait_for()
    assert summary.inner_text().startswith("Corrige")
    assert "¿Sobre qué es tu solicitud?: rellena este campo." in summary.inner_text()
    assert page.inner_text("#hc-subject-error") == "Asunto: rellena este campo."
    page.select_option("#hc-topic", "technical")
    page.fill("#hc-subject", "El calendario no se sincroniza")
    page.fill("#hc-description", "Desde el lunes el calendario de Airbnb no se actualiza.")
    page.fill("#hc-name", "Ana Pérez")
    page.fill("#hc-email", "ana arroba ejemplo")
    page.click(".hc-form__send")
    assert page.inner_text("#hc-email-error") == ("Correo electrónico: no parece una dirección de correo "
                                                  "(nombre@ejemplo.com).")
    page.fill("#hc-email", "ana@example.com")
    # The function's own checks answer in Spanish too: the form was opened a moment ago.
    page.evaluate("document.querySelector('#hc-contact-form [name=started]').value = String(Date.now())")
    page.click(".hc-form__send")
    wait_for(lambda: "más rápido de lo que una persona escribe" in page.inner_text("#hc-form-summary"))
    page.evaluate("document.querySelector('#hc-contact-form [name=started]').value = String(Date.now() - 60000)")
    page.click(".hc-form__send")
    panel = page.locator(".hc-form__sent")
    panel.wait_for()
    assert "Gracias: hemos recibido tu solicitud" in panel.inner_text()
    assert "Respondemos todas las solicitudes en menos de 48 horas." in panel.inner_text()
    [ticket] = wait_for(lambda: [r.json() for r in receiver.requests
                                 if r.json()["fields"].get("subject") == "El calendario no se sincroniza"])
    assert ticket["lang"] == "es"


def test_the_spanish_form_without_javascript_lands_on_spanish_pages(browser, stack) -> None:
    server, _ = stack
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "es/contact/")
    page.select_option("#hc-topic", "billing")
    page.fill("#hc-subject", "Factura duplicada")
    page.fill("#hc-description", "Me habéis cobrado dos veces la cuota de este mes.")
    page.fill("#hc-name", "Luis")
    with page.expect_navigation(url=re.compile(r"/api/contact\?lang=es$")) as answer:
        page.click(".hc-form__send")  # no e-mail and no phone: the function refuses it
    assert answer.value.status == 422
    assert "Hay algo en el formulario que necesita tu atención" in page.inner_text("main")
    context.close()


def test_spanish_hours_and_chat_in_the_browser(page, site_url: str) -> None:
    page.goto(site_url + "es/")
    status = page.locator(".hc-hours-status").first
    status.wait_for()
    assert re.match(r"^(Abierto ahora|Cerrado, volvemos (hoy|el \w+) a las )", status.inner_text()), status.inner_text()
    launcher = page.locator("#hc-chat-launcher")
    launcher.wait_for()
    assert launcher.inner_text() == "Chatea con nosotros"
    launcher.click()
    panel = page.get_by_role("dialog")
    panel.wait_for()
    assert "no tiene un chat conectado" in panel.inner_text()
    link = panel.get_by_role("link", name="Envíanos un mensaje")
    assert link.evaluate("a => new URL(a.href).pathname") == "/es/contact/"
    assert panel.get_by_role("button", name="Cerrar").is_visible()




def test_a_language_added_by_configuration_searches_in_the_browser(browser, german_site_url) -> None:
    """German, added to the sample by configuration alone: lunr-languages' German answers in
    the page (inflections, umlauts, a word being typed), and the page's scripts speak German."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(german_site_url + "de/")
        assert page.evaluate("document.documentElement.lang") == "de"
        for query in ("Erstattungen", "Rückerstattung", "erstatt"):
            box = page.locator("#hc-q")
            box.fill("")
            box.press_sequentially(query, delay=20)
            # The answer to the whole word (answers to its first letters come and go before it).
            page.wait_for_function("""() => document.querySelector('.hc-results .hc-result a')
                ?.href.includes('payments-billing/refunds/')""")
        scripts = page.evaluate("[...document.scripts].map((s) => s.src).filter((s) => s.includes('vendor'))")
        assert any(src.endswith("/assets/helpcenter/vendor/lunr.de.min.js") for src in scripts), scripts
        # The scripts' own text, from the German catalog.
        from helpcenter.i18n.interface_text import InterfaceText

        see_all = InterfaceText("de").plain("scripts.see_all", query="erstatt")
        assert see_all.startswith("Alle") and page.locator(".hc-result--all").inner_text() == see_all
    finally:
        context.close()


def test_the_french_sample_searches_and_speaks_french(browser, site_url) -> None:
    """The sample's French: inflected French finds its article, and what the scripts say
    (the search's results, the form's checks) is French."""
    from helpcenter.i18n.interface_text import InterfaceText

    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + "fr/")
        for query in ("remboursements", "rembours", "annulées"):
            box = page.locator("#hc-q")
            box.fill("")
            box.press_sequentially(query, delay=20)
            page.wait_for_function("""() => document.querySelector('.hc-results .hc-result a') !== null""")
        page.locator("#hc-q").fill("")
        page.locator("#hc-q").press_sequentially("remboursements", delay=20)
        page.wait_for_function("""() => document.querySelector('.hc-results .hc-result a')
            ?.href.includes('payments-billing/refunds/')""")
        # The answer to the whole word (a prefix typed on the way may rank the same article first).
        see_all = InterfaceText("fr").plain("scripts.see_all", query="remboursements")
        page.wait_for_function("(text) => document.querySelector('.hc-result--all')?.innerText === text", arg=see_all)
        assert page.locator(".hc-result--all").inner_text() == see_all
        page.goto(site_url + "fr/contact/")
        page.get_by_role("button", name=re.compile("Envoyer")).click()
        summary = page.locator(".hc-form__summary")
        summary.wait_for()
        assert re.search(r"Corrigez|corriger", summary.inner_text()), summary.inner_text()
        assert "please" not in summary.inner_text().lower()
    finally:
        context.close()


@pytest.mark.parametrize(("right_to_left_site_url", "width"), [("ar", 390), ("ar", 1280), ("he", 390), ("fa", 390),
                                                             ("ur", 1280)], indirect=["right_to_left_site_url"])
def test_a_right_to_left_help_center_reads_right_to_left(browser, right_to_left_site_url, width: int) -> None:
    """Arabic, Hebrew, Persian, Urdu, added by configuration alone: pages are dir="rtl"
    (Material's RTL styles), and ours mirror with them: the chat launcher at the start side
    (the right), drop-downs and tables aligned to the right, breadcrumbs pointing left."""
    from ..conftest import RIGHT_TO_LEFT

    home = right_to_left_site_url
    code = urlsplit(home).path.strip("/")
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(home)
        assert page.evaluate("[document.documentElement.lang, document.body.dir]") == [code, "rtl"]
        launcher = page.locator("#hc-chat-launcher")
        launcher.wait_for()
        box = launcher.bounding_box()
        assert box["x"] > width / 2, box  # "left" in mkdocs.yml is the start side: the right here
        page.locator("#hc-q").press_sequentially(RIGHT_TO_LEFT[code][2], delay=20)
        # The answer to the whole word (answers to its first letters come and go before it).
        page.wait_for_function("""() => document.querySelector('.hc-results .hc-result a')
            ?.href.includes('payments-billing/refunds/')""")
        listing, form = page.locator(".hc-results").bounding_box(), page.locator(".hc-search").bounding_box()
        assert abs(listing["x"] + listing["width"] - (form["x"] + form["width"])) < 2
        text_align = page.evaluate("getComputedStyle(document.querySelector('.hc-result a')).textAlign")
        assert text_align in ("start", "right")
        page.goto(home + "get-help/")
        caption = page.locator(".hc-plans__table caption")
        table = page.locator(".hc-plans__table").bounding_box()
        words = page.evaluate("""(() => { const range = document.createRange();
            range.selectNodeContents(document.querySelector('.hc-plans__table caption'));
            return range.getBoundingClientRect().toJSON(); })()""")
        assert abs(words["right"] - (table["x"] + table["width"])) < 12, (words, table)
        assert caption.is_visible()
        page.goto(home + "payments-billing/refunds/")
        crumb = page.evaluate("getComputedStyle(document.querySelector('.hc-breadcrumbs li + li'), '::before').content")
        assert crumb == '"‹"'
        page.add_script_tag(path=str(ROOT / "node_modules/axe-core/axe.min.js"))
        found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        assert [v["id"] for v in found["violations"] if v["impact"] in ("serious", "critical")] == []
    finally:
        context.close()

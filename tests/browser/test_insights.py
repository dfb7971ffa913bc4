"""Insights in Chromium: readers' votes, searches and contacts make the report."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pytest

from ..conftest import run_build_py
from ..contact_support import ARTICLE, DevServer, report, stored_keys, wait_for


@pytest.fixture(scope="module")
def browsing(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    """A store of its own for the readers in Chromium (and the report made from it)."""
    dev = DevServer(site_url, tmp_path_factory.mktemp("browsing-blobs"), {})
    yield dev
    dev.stop()


def test_readers_votes_searches_and_contacts_make_the_report(browser, browsing: DevServer) -> None:
    server = browsing
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # A reader finds the import article unhelpful, and says what was missing.
    page.goto(server.url + ARTICLE.lstrip("/"))
    feedback = page.locator("#hc-feedback")
    feedback.get_by_role("button", name="No").click()
    comment = page.get_by_label("What was missing or unclear?")
    comment.wait_for()
    assert page.evaluate("document.activeElement.id") == "hc-feedback-more"
    contact = feedback.get_by_role("link", name="Ask our support team")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(contact.get_attribute("href")).query) == {
        "article": [ARTICLE], "title": ["Import an iCal feed"]}
    comment.fill("Nothing about Google Calendar")
    feedback.get_by_role("button", name="Send").click()
    feedback.locator(".hc-feedback__thanks").wait_for()
    # The same reader finds another article helpful.
    page.goto(server.url + "calendar-sync/export-ical-feed/")
    page.locator("#hc-feedback").get_by_role("button", name="Yes").click()
    page.locator("#hc-feedback .hc-feedback__thanks").wait_for()
    # Searches for something the help center does not have, stops typing, then contacts us.
    page.goto(server.url)
    box = page.locator("#hc-q")
    box.click()
    page.wait_for_selector("#hc-q[role=combobox]")
    box.fill("zebra insurance")
    page.locator(".hc-result--empty").wait_for()
    wait_for(lambda: any(k[3] == "zebra insurance" for k in stored_keys(server, "search/")), timeout=15)
    page.goto(server.url + "contact/?" + urllib.parse.urlencode(
        {"article": ARTICLE, "title": "Import an iCal feed"}))
    description = page.locator("#hc-description")
    wait_for(lambda: description.input_value().startswith("About the article “Import an iCal feed”"))
    assert page.input_value("#hc-subject") == "Import an iCal feed"
    wait_for(lambda: stored_keys(server, "contact-from/"))
    context.close()

    data = report(server)
    import_row = next(r for r in data["least_helpful"] if r["article"] == ARTICLE)
    assert import_row["no"] >= 1 and "Nothing about Google Calendar" in import_row["missing"]
    export_row = next(r for r in data["least_helpful"] if r["article"] == "/calendar-sync/export-ical-feed/")
    assert export_row == {**export_row, "yes": 1, "no": 0, "helpful": 1}
    assert data["least_helpful"].index(import_row) < data["least_helpful"].index(export_row)
    assert {"query": "zebra insurance", "lang": "en", "count": 1} in data["zero_result_searches"]
    assert {"query": "zebra insurance", "lang": "en", "count": 1} in data["searches_before_contact"]
    read_before = {r["article"]: r["count"] for r in data["articles_before_contact"]}
    assert read_before.get(ARTICLE) == 1 and read_before.get("/calendar-sync/export-ical-feed/") == 1

    tables = run_build_py("report", "--blobs", str(server.blobs), "--min-votes", "1")
    assert tables.returncode == 0, tables.stderr
    assert "Least helpful articles" in tables.stdout and "zebra insurance" in tables.stdout
    assert ARTICLE in tables.stdout and "Nothing about Google Calendar" in tables.stdout


def test_a_vote_without_javascript_in_chromium(browser, browsing: DevServer) -> None:
    server = browsing
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "es/calendar-sync/block-dates/")
    page.locator("#hc-feedback").get_by_role("button", name="No").click()
    page.wait_for_url(lambda url: url.endswith("/es/calendar-sync/block-dates/#hc-feedback-more"))
    more = page.locator("#hc-feedback-more")
    assert more.is_visible() and "¿Qué faltaba o no estaba claro?" in more.inner_text()
    page.get_by_label("¿Qué faltaba o no estaba claro?").fill("Cómo bloquear varias propiedades a la vez")
    more.get_by_role("button", name="Enviar").click()
    page.wait_for_url(lambda url: url.endswith("#hc-feedback-thanks"))
    assert page.locator("#hc-feedback-thanks").is_visible()
    assert not page.locator(".hc-feedback__vote").is_visible()
    context.close()
    assert any(k[0] == "comment" and k[2] == "/es/calendar-sync/block-dates/" for k in stored_keys(server))



"""Search without JavaScript: a search box's request goes to the search function, which
answers with the site's own results page, ranked by the same engine on the same index."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from email.message import Message
from pathlib import Path

import pytest

from ..conftest import run_node_search


def results_of(html: str) -> list[str]:
    """The result links' paths, in order."""
    section = html[html.index('id="hc-search-page"'):]
    section = section[: section.index("</section>")]
    return [urllib.parse.urlsplit(href).path + (f"#{urllib.parse.urlsplit(href).fragment}" if "#" in href else "")
            for href in re.findall(r'<li class="hc-search-page__result"><a href="([^"]+)"', section)]


def fetch(url: str) -> tuple[int, str, Message]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read().decode("utf-8"), response.headers


@pytest.mark.parametrize(("lang", "query"), [("en", "refund a guest"), ("en", "calender"), ("es", "reembolso"),
                                             ("es", "sincronizar calendario")])
def test_the_function_ranks_as_the_browsers_engine_does(stack, sample_site: Path, lang: str, query: str) -> None:
    server, _ = stack
    status, html, headers = fetch(f"{server.url}api/search?{urllib.parse.urlencode({'q': query, 'lang': lang})}")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert f'<html lang="{lang}"' in html
    found = results_of(html)
    assert found, html[-2000:]
    # The same engine in Node on the same built files (tests/js/search_cli.mjs): same order.
    site = sample_site / "es" if lang == "es" else sample_site
    [answer] = run_node_search(site, [query], limit=50)
    prefix = "/es/" if lang == "es" else "/"
    expected = [prefix + url.lstrip("/") for url in answer["urls"]]
    assert [path.split("#")[0] for path in found] == expected
    # The query stays in the box; the "needs JavaScript" notice is gone.
    assert f'value="{query}"' in html and "JavaScript" not in html


def test_a_query_with_markup_is_text_and_nothing_found_offers_contact(stack) -> None:
    server, _ = stack
    query = '"><script>alert(1)</script> zzzqqq'
    status, html, headers = fetch(f"{server.url}api/search?{urllib.parse.urlencode({'q': query})}")
    assert status == 200 and "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # "$'" and "$&" are text, not replacement patterns: the box holds exactly what was asked.
    dollars = urllib.parse.urlencode({"q": "$' $& $$ refund"})
    _, html, _ = fetch(f"{server.url}api/search?{dollars}")
    assert 'value="$&#39; $&amp; $$ refund"' in html and html.count("<html") == 1
    status, html, headers = fetch(f"{server.url}api/search?q=zzzqqq+xxyyww")
    assert results_of(html) == []
    assert re.search(r'No articles match .*<a href="[^"]*/contact/">contact us</a>', html)
    # The site's policy comes with the page: its scripts and styles, nothing inline.
    assert "script-src 'self'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("width", [390, 1280])
def test_without_javascript_a_search_from_any_page_reaches_an_article(browser, stack, width: int) -> None:
    server, _ = stack
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{server.url}es/")
        page.fill("#hc-q", "reembolso")
        page.press("#hc-q", "Enter")
        page.wait_for_url(re.compile(r"/api/search\?"))
        assert page.locator(".hc-search-page__summary").inner_text().endswith("encontrados")
        # The page looks like the site's own (its stylesheet applied through the <base>).
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        first = page.locator(".hc-search-page__result a").first
        title = first.locator(".hc-result__title").inner_text()
        first.click()
        page.wait_for_load_state()
        assert "/es/" in page.url and title in page.locator("h1").inner_text()
        # From an article, the header's search (a link to the search page on a phone).
        if width == 390:
            page.click(".hc-header-search-open")
            page.wait_for_url(re.compile(r"/es/search/$"))
            page.fill("#hc-q", "calendario")
            page.press("#hc-q", "Enter")
        else:
            page.fill("#hc-header-q", "calendario")
            page.press("#hc-header-q", "Enter")
        page.wait_for_url(re.compile(r"/api/search\?"))
        assert page.locator(".hc-search-page__result").count() > 0
    finally:
        context.close()


def test_with_javascript_the_boxes_answer_in_the_browser(page, stack) -> None:
    server, _ = stack
    page.goto(f"{server.url}calendar-sync/")
    page.fill("#hc-header-q", "refund")
    page.press("#hc-header-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=refund$"))
    page.wait_for_selector(".hc-search-page__result")

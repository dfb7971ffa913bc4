"""The sample help center in real headless Chromium, served with netlify.toml's headers."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "category": "calendar-sync/",
    "article": "calendar-sync/import-ical-feed/",
    "contact": "contact/",
    "search": "search/?q=ical",
    "404": "no/such/page/",
    "es-home": "es/",
    "es-article": "es/calendar-sync/import-ical-feed/",
    "es-contact": "es/contact/",
    "es-404": "es/no/such/page/",
}


def test_home_shows_categories_with_counts_and_top_articles(page, site_url):
    page.goto(site_url)
    cards = page.locator(".hc-card")
    assert cards.count() == 8
    first = cards.nth(0)
    assert first.locator("h2").inner_text().strip() == "Getting started"
    assert first.locator(".hc-card__count").inner_text() == "5 articles"
    assert first.locator(".hc-card__articles a").first.inner_text() == "Create your Villadesk account"
    search = page.get_by_role("searchbox", name="How can we help?")
    assert search.is_visible()
    assert page.locator("header").get_by_role("link", name="Contact us").get_attribute("href")
    page.locator("main").get_by_role("link", name="Contact us").click()
    assert urlsplit(page.url).path == "/contact/"


def test_category_lists_its_articles_in_order_with_descriptions(page, site_url):
    page.goto(site_url + "calendar-sync/")
    assert page.locator("h1").inner_text() == "Calendar and iCal sync"
    titles = page.locator(".hc-article-list__title").all_inner_texts()
    assert titles[:2] == ["Import an iCal feed", "Export your Villadesk calendar"]
    assert len(titles) == 5
    assert all(p.strip() for p in page.locator(".hc-article-list p").all_inner_texts())
    # The sidebar shows this category only.
    sidebar = page.locator(".md-sidebar--primary .md-nav__list a").all_inner_texts()
    assert "Import an iCal feed" in sidebar and "Connect your Airbnb account" not in sidebar


def _expected_update(path: Path) -> dt.date:
    relative = str(path.relative_to(ROOT))
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", relative],
                           capture_output=True, text=True).stdout.strip()
    committed = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cI", "--", relative],
                               capture_output=True, text=True).stdout.strip()
    if committed and not dirty:
        return dt.datetime.fromisoformat(committed).date()
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date()


def test_article_has_breadcrumbs_last_updated_pager_and_related(page, site_url):
    page.goto(site_url + "calendar-sync/export-ical-feed/")
    crumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")
    assert crumbs.all_inner_texts() == ["Home", "Calendar and iCal sync", "Export your Villadesk calendar"]
    assert crumbs.nth(2).get_attribute("aria-current") == "page"
    assert page.locator("h1").count() == 1
    time = page.locator(".hc-updated time")
    expected = _expected_update(ROOT / "docs/en/calendar-sync/export-ical-feed.md")
    assert time.get_attribute("datetime") == expected.isoformat()
    assert time.inner_text() == f"{expected:%B} {expected.day}, {expected.year}"
    pager = page.get_by_role("navigation", name="More in Calendar and iCal sync")
    assert pager.locator("[rel=prev]").inner_text().endswith("Import an iCal feed")
    assert pager.locator("[rel=next]").inner_text().endswith("Avoid double bookings")
    related = page.locator(".hc-related a").all_inner_texts()
    assert related and "Export your Villadesk calendar" not in related


def test_404_page_helps(page, site_url):
    response = page.goto(site_url + "no/such/page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "We couldn't find that page"
    assert page.get_by_role("searchbox").first.is_visible()
    assert page.locator(".hc-card").count() == 8
    page.locator(".hc-card a").first.click()
    assert urlsplit(page.url).path == "/getting-started/"


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_satisfy_the_csp_and_request_nothing_from_other_sites(browser, site_url, name):
    context = browser.new_context()
    page = context.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(site_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    expected_errors = 1 if name.endswith("404") else 0  # the 404 status itself is logged
    assert len([e for e in errors if "Content Security Policy" in e]) == 0, errors
    assert len(errors) == expected_errors, errors
    site_host = urlsplit(site_url).netloc
    assert {urlsplit(u).netloc for u in requests if not u.startswith("data:")} == {site_host}
    context.close()


@pytest.mark.parametrize("name", ["home", "category", "article", "contact", "404", "es-home", "es-contact"])
def test_axe_finds_no_serious_or_critical_violations(browser, site_url, name):
    context = browser.new_context(bypass_csp=True)  # to inject axe-core
    page = context.new_page()
    page.goto(site_url + PAGES[name])
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    context.close()


def test_phone_layout_has_no_horizontal_scroll_and_a_menu(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in ("", "calendar-sync/import-ical-feed/"):
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_label("Menu").click()
    drawer = page.locator(".md-sidebar--primary")
    assert drawer.get_by_role("link", name="Block dates").is_visible()
    context.close()

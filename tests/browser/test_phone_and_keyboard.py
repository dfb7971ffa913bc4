"""Customers on phones and keyboards: search from every page, a menu and a skip link the
keyboard reaches, a visible focus everywhere, and pages that look finished at 390 and 1280 px."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from ..conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def phone(browser) -> Iterator[object]:
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser) -> Iterator[object]:
    context = browser.new_context(**DESKTOP)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def tab_until(page, predicate: str, limit: int = 40) -> None:
    """Press Tab until `predicate` (JS on document.activeElement, as `el`) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => Boolean({predicate}))(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {predicate}")


# -- 1. search on a phone, from every page --------------------------------------------------------
@pytest.mark.parametrize("path", ["calendar-sync/", "calendar-sync/import-ical-feed/", "contact/", "get-help/",
                                  "es/calendar-sync/import-ical-feed/"])
def test_a_phone_can_search_from_every_page(phone, site_url, path: str) -> None:
    phone.goto(site_url + path)
    phone.wait_for_load_state("networkidle")
    button = phone.locator(".hc-header-search-open")
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    box = phone.locator("#hc-header-q")
    assert box.is_visible() and phone.evaluate("document.activeElement.id") == "hc-header-q"
    width = box.bounding_box()["width"]
    assert width > 250, width  # the full width of the header, not a sliver
    word = "calendario" if path.startswith("es/") else "calendar"
    box.type(word, delay=20)
    # The first answer, then the full-text pass, fill the list: wait for it to settle on screen.
    phone.wait_for_function("""() => {
        const link = document.querySelector('#hc-header-search .hc-result a');
        if (!link) return false;
        const box = link.getBoundingClientRect();
        return box.width > 250 && box.x >= 0 && box.right <= window.innerWidth;
    }""")
    phone.wait_for_timeout(300)
    first = phone.locator("#hc-header-search .hc-result a").first
    href = first.get_attribute("href")
    first.click()
    phone.wait_for_url(href)


def test_the_phone_search_box_folds_back_by_keyboard(phone, site_url) -> None:
    phone.goto(site_url + "calendar-sync/import-ical-feed/")
    tab_until(phone, "el.classList.contains('hc-header-search-open')")
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "hc-header-q"
    phone.keyboard.press("Escape")
    assert phone.evaluate("document.activeElement.classList.contains('hc-header-search-open')")
    assert not phone.locator("#hc-header-q").is_visible()
    # And the Close button does the same.
    phone.keyboard.press(" ")
    phone.locator(".hc-header-search-close").click()
    assert not phone.locator("#hc-header-q").is_visible()


# -- 3. the phone menu ------------------------------------------------------------------------------
def test_the_closed_drawer_takes_no_focus_and_the_menu_button_works_by_keyboard(phone, site_url) -> None:
    phone.goto(site_url + "calendar-sync/import-ical-feed/")
    drawer_links = phone.locator(".md-sidebar--primary a")
    assert drawer_links.count() >= 8
    # Every stop of the Tab order is on screen while the drawer is closed.
    seen = []
    for _ in range(25):
        phone.keyboard.press("Tab")
        box = phone.evaluate("""(el => {
            const r = el.getBoundingClientRect();
            return [el.textContent.trim().slice(0, 30), r.x, r.width];
        })(document.activeElement)""")
        seen.append(box)
        assert box[1] + box[2] > 0, seen
    phone.keyboard.press("Shift+Tab")
    phone.goto(site_url + "calendar-sync/import-ical-feed/")
    tab_until(phone, "el.matches('label[for=__drawer]')")
    assert phone.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    phone.keyboard.press("Enter")
    phone.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    assert phone.locator("label[for=__drawer].md-header__button").get_attribute("aria-expanded") == "true"
    phone.keyboard.press("Escape")
    assert phone.evaluate("document.activeElement.matches('label[for=__drawer]')")
    assert not phone.evaluate("document.getElementById('__drawer').checked")


def test_the_home_has_no_empty_menu(phone, site_url) -> None:
    phone.goto(site_url)
    assert not phone.locator("label[for=__drawer].md-header__button").is_visible()


# -- 4. focus rings ---------------------------------------------------------------------------------
def test_the_header_search_box_shows_its_focus(desktop, site_url) -> None:
    desktop.goto(site_url + "calendar-sync/")
    box = desktop.locator("#hc-header-q")
    before = box.screenshot()
    tab_until(desktop, "el.id === 'hc-header-q'")
    after = box.screenshot()
    assert before != after
    outline = desktop.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


# -- 8. keyboard reach ------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["", "calendar-sync/", "calendar-sync/import-ical-feed/", "contact/", "search/",
                                  "get-help/", "es/"])
def test_the_first_tab_offers_a_skip_link_to_the_main_content(desktop, site_url, path: str) -> None:
    desktop.goto(site_url + path)
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.getAttribute('href')") == "#hc-main"
    assert desktop.evaluate("document.activeElement.getBoundingClientRect().height") > 0  # shown when focused
    desktop.keyboard.press("Enter")
    # Tab from there reaches the content, starting at its top (the title's side, not past it).
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.getElementById('hc-main').contains(document.activeElement)")


def test_the_plans_table_scrolls_by_keyboard_on_a_phone(phone, site_url) -> None:
    phone.goto(site_url + "es/get-help/")
    region = phone.locator(".hc-plans")
    assert phone.evaluate("(el => el.scrollWidth > el.clientWidth)(document.querySelector('.hc-plans'))")
    region.focus()
    phone.keyboard.press("ArrowRight")
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("() => document.querySelector('.hc-plans').scrollLeft > 0")
    # In line with the text, away from the screen's edges.
    table = region.bounding_box()
    text = phone.locator("#hc-main h1").bounding_box()
    assert abs(table["x"] - text["x"]) < 1 and table["x"] >= 12


def test_the_plans_table_is_in_line_with_the_text_on_a_desktop(desktop, site_url) -> None:
    desktop.goto(site_url + "get-help/")
    table = desktop.locator(".hc-plans__table").bounding_box()
    text = desktop.locator("#hc-main h1").bounding_box()
    assert abs(table["x"] - text["x"]) < 1


# -- 9. finished pages ------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["", "calendar-sync/import-ical-feed/", "es/contact/"])
def test_no_empty_banner_above_the_header(desktop, site_url, path: str) -> None:
    desktop.goto(site_url + path)
    assert desktop.locator(".md-banner").count() == 0
    assert desktop.locator(".md-header").bounding_box()["y"] == 0


def test_titles_are_darker_than_section_headings(desktop, site_url) -> None:
    desktop.goto(site_url + "calendar-sync/import-ical-feed/")
    colours = desktop.evaluate("""[...document.querySelectorAll('#hc-main h1, #hc-main h2')].slice(0, 2)
        .map((el) => getComputedStyle(el).color)""")
    def channels(colour: str) -> list[float]:
        return [*map(float, re.findall(r"[\d.]+", colour)), 1.0][:4]

    (*title, title_alpha), (*section, section_alpha) = channels(colours[0]), channels(colours[1])
    assert sum(title) <= sum(section) and title_alpha >= section_alpha


@pytest.mark.parametrize("width", [320, 390])
def test_the_phone_home_fits_and_shows_a_category_in_its_first_screen(browser, site_url, width: int) -> None:
    context = browser.new_context(**{**PHONE, "viewport": {"width": width, "height": 844}})
    page = context.new_page()
    try:
        for path in ("", "es/"):
            page.goto(site_url + path)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            # The question is asked once (the heading); the box's label is for screen readers.
            assert page.locator(".hc-search__label").bounding_box()["width"] <= 1
            # The placeholder fits in the box.
            fits = page.evaluate("""(() => {
                const input = document.getElementById('hc-q'), style = getComputedStyle(input);
                const context = document.createElement('canvas').getContext('2d');
                context.font = `${style.fontSize} ${style.fontFamily}`;
                const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                return context.measureText(input.placeholder).width <= room;
            })()""")
            assert fits
            assert page.locator(".hc-card").first.bounding_box()["y"] < 400
    finally:
        context.close()


def test_the_hours_sit_under_the_centred_text(desktop, site_url) -> None:
    desktop.goto(site_url)
    entry = desktop.locator(".hc-contact-entry").bounding_box()
    schedule = desktop.locator(".hc-contact-entry .hc-hours__schedule").bounding_box()
    left, right = schedule["x"] - entry["x"], entry["x"] + entry["width"] - schedule["x"] - schedule["width"]
    assert abs(left - right) < 4, (left, right)


def test_articles_read_comfortably(desktop, site_url) -> None:
    desktop.goto(site_url + "calendar-sync/import-ical-feed/")
    longest = desktop.evaluate("""(() => {
        let most = 0;
        for (const p of document.querySelectorAll('#hc-main .hc-article > p')) {
            const range = document.createRange(), text = p.firstChild;
            if (!text || text.nodeType !== 3) continue;
            let line = [], top = null;
            for (let i = 0; i < text.length; i++) {
                range.setStart(text, i); range.setEnd(text, i + 1);
                const y = Math.round(range.getBoundingClientRect().top);
                if (top !== null && y !== top) { most = Math.max(most, line.length); line = []; }
                top = y; line.push(i);
            }
        }
        return most;
    })()""")
    assert 40 < longest <= 75, longest
    sizes = desktop.evaluate("""[getComputedStyle(document.querySelector('#hc-main .admonition p')).fontSize,
                                getComputedStyle(document.querySelector('#hc-main .hc-article > p')).fontSize]""")
    assert sizes[0] == sizes[1]


def test_an_article_offers_each_link_once_below_the_text(desktop, site_url) -> None:
    desktop.goto(site_url + "calendar-sync/import-ical-feed/")
    pager = set(desktop.eval_on_selector_all(".hc-pager a", "links => links.map((a) => a.href)"))
    related = set(desktop.eval_on_selector_all(".hc-related a", "links => links.map((a) => a.href)"))
    assert pager and not pager & related


def test_the_contact_page_gives_the_form_room_and_says_things_once(desktop, site_url) -> None:
    desktop.goto(site_url + "contact/")
    assert desktop.locator("#hc-subject").bounding_box()["width"] >= 480
    text = desktop.locator("#hc-main").inner_text()
    assert text.count("48 hours") == 1, text.count("48 hours")
    own = desktop.locator("#hc-main a[href$='/contact/'], #hc-main a[href='./']")
    assert own.count() == 0


def test_search_results_underline_only_their_titles(desktop, site_url) -> None:
    desktop.goto(site_url + "search/?q=refund")
    desktop.locator(".hc-search-page__result").first.wait_for()
    lines = desktop.evaluate("""[...document.querySelector('.hc-search-page__result a').querySelectorAll('span')]
        .filter((el) => !el.closest('mark')).map((el) => [el.className, getComputedStyle(el).textDecorationLine])""")
    decorations = dict(lines)
    assert decorations["hc-result__title"] == "underline"
    assert decorations["hc-result__snippet"] == "none" and decorations["hc-result__meta"] == "none"
    link = "document.querySelector('.hc-search-page__result a')"
    assert desktop.evaluate(f"getComputedStyle({link}).textDecorationLine") == "none"


def test_the_sidebars_category_heading_opens_the_category(desktop, site_url) -> None:
    desktop.goto(site_url + "calendar-sync/import-ical-feed/")
    heading = desktop.locator(".hc-nav-category__title")
    heading.click()
    desktop.wait_for_url(re.compile(r"/calendar-sync/$"))


def test_customers_see_no_generator_or_edit_links(desktop, site_url) -> None:
    desktop.goto(site_url + "calendar-sync/import-ical-feed/")
    text = desktop.locator("body").inner_text()
    assert "Material for MkDocs" not in text and "Edit this page" not in text


# -- targets: axe-core at both sizes, in both languages, in every state ----------------------------
STATES = {
    "home": ("", None),
    "category": ("calendar-sync/", None),
    "article": ("calendar-sync/import-ical-feed/", None),
    "search page": ("search/?q=calendar", ".hc-search-page__result"),
    "drop-down open": ("", "drop-down"),
    "contact": ("contact/", None),
    "contact error": ("contact/", "contact-error"),
    "get help": ("get-help/", None),
    "404": ("no/such/page/", None),
    "chat open": ("", "chat"),
    "helpful? no": ("calendar-sync/import-ical-feed/", "vote-no"),
    "thanks": ("contact-thanks/", None),
}


def reach_state(page, how: str | None, spanish: bool) -> None:
    if how is None:
        return
    if how == "drop-down":
        page.locator("#hc-q").fill("calendario" if spanish else "calendar")
        page.locator("#hc-q").focus()
        page.locator(".hc-results .hc-result").first.wait_for()
    elif how == "contact-error":
        page.locator(".hc-form__send").click()
        page.locator(".hc-form__summary").wait_for()
    elif how == "chat":
        page.locator("#hc-chat-launcher").click()
        page.locator("#hc-chat-panel").wait_for()
    elif how == "vote-no":
        page.locator(".hc-feedback__vote button[value=no]").click()
        page.locator(".hc-feedback__more").wait_for()
    else:
        page.locator(how).first.wait_for()


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_axe_finds_nothing_serious_in_any_state(browser, stack, size: str, language: str) -> None:
    server, _ = stack
    context = browser.new_context(bypass_csp=True, **(PHONE if size == "phone" else DESKTOP))
    context.set_default_timeout(10_000)
    page = context.new_page()
    found = {}
    try:
        for name, (path, how) in STATES.items():
            page.goto(server.url + ("es/" if language == "es" else "") + path)
            page.wait_for_timeout(300)  # the page's scripts have run (hours, chat launcher, vote box)
            reach_state(page, how, language == "es")
            page.add_script_tag(path=str(AXE))
            results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            serious = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                       for v in results["violations"] if v["impact"] in ("serious", "critical")]
            if serious:
                found[name] = serious
    finally:
        context.close()
    assert found == {}


# -- targets: every flow with the keyboard only -----------------------------------------------------
def test_keyboard_only_home_search_result_vote_and_contact(browser, stack) -> None:
    """A reader who uses only the keyboard: search from the home page, open a result, answer
    "Was this helpful? No" with a comment, then write to support, correct a mistake, send."""
    server, _ = stack
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(server.url)
        tab_until(page, "el.id === 'hc-q'")
        page.keyboard.type("refund", delay=30)
        page.locator(".hc-results .hc-result").first.wait_for()
        page.keyboard.press("ArrowDown")
        target = page.evaluate("document.querySelector('.hc-results [aria-selected=true]').href")
        page.keyboard.press("Enter")
        page.wait_for_url(target)
        # The vote: No, then a comment, then Send, all from the keyboard.
        tab_until(page, "el.matches('.hc-feedback__vote button[value=no]')", limit=80)
        page.keyboard.press("Enter")
        page.locator(".hc-feedback__more textarea").wait_for()
        tab_until(page, "el.matches('.hc-feedback__more textarea')")
        page.keyboard.type("The steps skip the part about partial refunds.")
        tab_until(page, "el.matches('.hc-feedback__more button[type=submit]')")
        page.keyboard.press("Enter")
        page.locator(".hc-feedback__thanks").wait_for()
        # Contact us, from the header.
        page.keyboard.press("Shift+Tab")
        page.goto(server.url + "contact/")
        page.wait_for_function("() => document.querySelector('#hc-contact-form [name=started]').value !== ''")
        tab_until(page, "el.id === 'hc-topic'", limit=60)
        page.keyboard.press("ArrowDown")  # the first topic
        tab_until(page, "el.id === 'hc-subject'")
        page.keyboard.type("Refund for a cancelled stay")
        tab_until(page, "el.id === 'hc-description'")
        page.keyboard.type("A guest cancelled in time; how do I refund the cleaning fee only?")
        tab_until(page, "el.id === 'hc-name'")
        page.keyboard.type("Ana")
        tab_until(page, "el.id === 'hc-email'")
        page.keyboard.type("ana@")
        page.keyboard.press("Enter")  # sends the form from a text field
        page.locator("#hc-form-summary:not([hidden])").wait_for()
        assert page.evaluate("document.activeElement.id") == "hc-email"  # focus on what to fix
        page.keyboard.type("example.com")
        page.evaluate("document.querySelector('#hc-contact-form [name=started]').value = String(Date.now() - 60000)")
        page.keyboard.press("Enter")
        sent = page.locator(".hc-form__sent")
        sent.wait_for()
        assert re.search(r"HC-[0-9A-Z]{4}-[0-9A-Z]{4}", sent.inner_text())
        assert sent.evaluate("el => el.contains(document.activeElement) || el === document.activeElement")
    finally:
        context.close()


# -- 10. one copy of the theme files ----------------------------------------------------------------
def test_switching_language_downloads_no_style_or_script_again(desktop, site_url) -> None:
    desktop.goto(site_url)
    desktop.wait_for_load_state("networkidle")
    desktop.get_by_role("link", name="Español").click()
    desktop.wait_for_url(re.compile(r"/es/$"))
    desktop.wait_for_load_state("networkidle")
    cached = desktop.evaluate("""performance.getEntriesByType('resource')
        .filter((r) => /\\.(css|js)$/.test(r.name)).map((r) => [r.name, r.transferSize])""")
    assert cached, "the Spanish page uses styles and scripts"
    assert all("/es/assets/" not in name for name, _ in cached)
    # Every one from the browser's cache, but what the scripts say in Spanish (a few KB).
    assert [name for name, size in cached if size > 0] == [site_url + "assets/helpcenter/text/es.js"]

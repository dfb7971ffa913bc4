"""Typos in the real search box (Chromium, the built sample site): a word typed with a letter
left out, one too many, one changed or two swapped still shows its article in the drop-down,
on English and Spanish pages. tests/build/test_search_typos.py runs the full matrix in Node."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

# (what is typed, the article it means), by kind as lunr.js names the edit that mends it.
TYPOS = {
    "en": {
        "insertion": [("refnd", "/payments-billing/refunds/"), ("cleanin", "/team-tasks/cleaning-schedule/")],
        "deletion": [("grefund", "/payments-billing/refunds/"),
                     ("invoiice", "/payments-billing/invoices-and-receipts/")],
        "substitution": [("calender", "/calendar-sync/"), ("tefund", "/payments-billing/refunds/")],
        "transposition": [("cleanign", "/team-tasks/cleaning-schedule/"), ("erfund", "/payments-billing/refunds/")],
    },
    "es": {
        "insertion": [("calndario", "/es/calendar-sync/"), ("impieza", "/es/team-tasks/cleaning-schedule/")],
        "deletion": [("facttura", "/es/payments-billing/invoices-and-receipts/"),
                     ("areembolso", "/es/payments-billing/refunds/")],
        "substitution": [("reembolzo", "/es/payments-billing/refunds/"), ("kalendario", "/es/calendar-sync/")],
        "transposition": [("limpieaz", "/es/team-tasks/cleaning-schedule/"),
                          ("afctura", "/es/payments-billing/invoices-and-receipts/")],
    },
}


def dropdown(page, query: str) -> list[str]:
    """The article paths the drop-down shows once it answers `query`, typed key by key."""
    box = page.locator("#hc-q")
    box.fill("")
    box.press_sequentially(query, delay=20)
    listbox = f"#{box.get_attribute('aria-controls')}"
    # Busy until the answer to the last keystroke is shown (an earlier one may be on screen).
    page.locator(f"{listbox}[aria-busy=false]").wait_for(state="attached")
    options = page.locator(listbox).get_by_role("option")
    options.first.wait_for()
    return [urlsplit(href).path for href in options.evaluate_all("links => links.map((a) => a.href)")]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_typos_in_the_search_box_find_their_article(page, site_url: str, lang: str) -> None:
    seen_errors: list[str] = []
    page.on("pageerror", lambda error: seen_errors.append(str(error)))
    page.goto(site_url + ("" if lang == "en" else "es/"))
    page.locator("#hc-q").click()
    page.wait_for_selector("#hc-q[role=combobox]")
    missed = []
    for kind, typos in TYPOS[lang].items():
        for typo, article in typos:
            paths = dropdown(page, typo)
            if not any(path.startswith(article) for path in paths[:5]):
                missed.append(f"{kind}: {typo!r} showed {paths}")
    assert not missed, "\n".join(missed)
    assert seen_errors == []

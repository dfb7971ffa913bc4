"""An imported help center, as its customers see it on a phone: the category page with its
sections and an article with the help desk's table, code, callout and video link fit 390 px
without sideways scrolling, and axe-core finds nothing serious."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import run_build_py, serve
from ..importers.helpdesks import HelpDesk
from .test_phone_and_keyboard import AXE, PHONE


@pytest.fixture(scope="module")
def imported_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("imported")
    with HelpDesk("zendesk") as desk:
        result = run_build_py("import", "zendesk", "--url", desk.url, "--docs-dir", str(folder / "docs"))
    assert result.returncode == 0, result.stderr
    result = run_build_py("build", "--docs-dir", str(folder / "docs/en"), "--site-dir", str(folder / "site"),
                          "--strict")
    assert result.returncode == 0, result.stderr
    yield from serve(Path(folder / "site"))


@pytest.mark.parametrize("path", ["getting-started/", "getting-started/your-account/sign-in-to-acme/",
                                  "getting-started/your-account/reset-your-password/"])
def test_imported_pages_fit_a_phone_and_pass_axe(browser, imported_site_url: str, path: str) -> None:
    context = browser.new_context(bypass_csp=True, **PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(imported_site_url + path)
        page.wait_for_timeout(300)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        if path == "getting-started/":
            headings = page.locator("section.hc-section h2")
            assert headings.all_inner_texts() == ["Your account", "Your team"]
        if path.endswith("reset-your-password/"):
            assert page.locator("table").is_visible() and page.locator("pre code").is_visible()
            assert page.locator("a[href^='https://www.youtube.com/watch']").is_visible()
        if path.endswith("sign-in-to-acme/"):
            assert page.locator(".admonition.warning").is_visible()
            assert page.locator("img[alt='The sign-in screen']").evaluate("img => img.naturalWidth") == 1
        page.add_script_tag(path=str(AXE))
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                   for v in results["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
    finally:
        context.close()

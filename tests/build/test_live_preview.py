"""build.py serve renders pages on demand and keeps them current: each kind of edit a writer
makes shows on the pages that depend on it (the article, its category, its neighbours, the
home page, search), and an open page reloads by itself. Timing is the benchmark's
(benchmarks/bench_preview.py); these check what the pages say."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import ROOT
from .test_serve import free_port

ARTICLE = "calendar-sync/block-dates"


class Preview:
    def __init__(self, docs: Path) -> None:
        self.docs = docs
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--docs-dir", str(docs), "--no-functions",
             "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=docs.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.url = f"http://127.0.0.1:{self.port}/"

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def page(self, path: str) -> str:
        status, text = self.get(path)
        assert status == 200, (path, status)
        return text

    def until(self, condition: Callable[[], Any], seconds: float = 30.0) -> Any:
        deadline = time.monotonic() + seconds
        last: Any = None
        while time.monotonic() < deadline:
            try:
                last = condition()
                if last:
                    return last
            except (OSError, AssertionError):
                pass
            time.sleep(0.1)
        raise AssertionError(f"not seen in {seconds} s (last: {str(last)[:200]})")

    def edit(self, relative: str, change: Callable[[str], str]) -> None:
        path = self.docs / relative
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    docs = tmp_path_factory.mktemp("live") / "docs"
    shutil.copytree(ROOT / "docs" / "en", docs)
    server = Preview(docs)
    try:
        server.until(lambda: server.get(f"{ARTICLE}/")[0] == 200, 60)
        yield server
    finally:
        server.process.terminate()
        server.process.wait(timeout=10)


def titles_in_order(html: str) -> list[str]:
    return re.findall(r'<a href="[^"]*"[^>]*class="md-nav__link[^"]*"[^>]*>([^<]+)</a>', html)


def test_a_body_edit_shows_on_its_page(preview: Preview) -> None:
    preview.edit(f"{ARTICLE}.md", lambda text: text + "\nOwners can also block dates from the app.\n")
    preview.until(lambda: "Owners can also block dates from the app." in preview.page(f"{ARTICLE}/"))


def test_a_title_edit_shows_on_the_page_its_category_and_its_neighbours(preview: Preview) -> None:
    category = preview.page("calendar-sync/")
    neighbours = [path for path in re.findall(r'href="([a-z-]+/)"', category) if path != "block-dates/"]
    preview.edit(f"{ARTICLE}.md", lambda text: text.replace("title: Block dates", "title: Block dates for owners"))
    page = preview.until(lambda: (html := preview.page(f"{ARTICLE}/")) and "Block dates for owners" in html and html)
    assert "<h1" in page and "Block dates for owners" in page.split("<h1", 1)[1].split("</h1>", 1)[0]
    preview.until(lambda: "Block dates for owners" in preview.page("calendar-sync/"))
    # The articles beside it in the category link to it by its new title (previous / next).
    linked = [path for path in neighbours if "Block dates for owners" in preview.page(f"calendar-sync/{path}")]
    assert linked, neighbours


def test_a_front_matter_edit_reorders_the_category(preview: Preview) -> None:
    articles = {p: re.search(r"^title: (.+)$", p.read_text(encoding="utf-8"), re.M)
                for p in (preview.docs / "calendar-sync").glob("*.md") if p.name != "index.md"}
    titles = {match.group(1): path for path, match in articles.items() if match}
    before = [title for title in titles_in_order(preview.page("calendar-sync/")) if title in titles]
    last = before[-1]
    preview.edit(f"calendar-sync/{titles[last].name}", lambda text: re.sub(r"^order: .*\n", "", text, flags=re.M)
                 .replace("---\n", "---\norder: -5\n", 1))
    preview.until(lambda: next(t for t in titles_in_order(preview.page("calendar-sync/")) if t in titles) == last)


def test_a_new_article_is_served_and_listed(preview: Preview) -> None:
    (preview.docs / "calendar-sync/pause-sync.md").write_text(
        "---\ntitle: Pause calendar sync\ndescription: Stop syncing a calendar for a while.\n---\n\n"
        "Turn the feed off in Settings, then back on.\n", encoding="utf-8")
    page = preview.until(lambda: (answer := preview.get("calendar-sync/pause-sync/"))[0] == 200 and answer[1])
    assert "Pause calendar sync" in page
    preview.until(lambda: "Pause calendar sync" in preview.page("calendar-sync/"))


def test_a_deleted_article_is_gone_from_its_page_and_its_category(preview: Preview) -> None:
    victim = preview.docs / "calendar-sync/pause-sync.md"
    if not victim.exists():  # alone, without the test above
        victim.write_text("---\ntitle: Pause calendar sync\n---\n\nText.\n", encoding="utf-8")
        preview.until(lambda: preview.get("calendar-sync/pause-sync/")[0] == 200)
    victim.unlink()
    preview.until(lambda: preview.get("calendar-sync/pause-sync/")[0] == 404)
    assert "Pause calendar sync" not in preview.page("calendar-sync/")


def test_a_renamed_category_moves_its_pages_and_the_home_page_follows(preview: Preview) -> None:
    (preview.docs / "calendar-sync").rename(preview.docs / "calendars")
    preview.until(lambda: preview.get(f"calendars/{ARTICLE.split('/')[1]}/")[0] == 200)
    assert preview.get(f"{ARTICLE}/")[0] == 404
    preview.until(lambda: 'href="calendars/"' in preview.page(""))


def test_search_finds_the_edit_once_its_index_is_rebuilt(preview: Preview) -> None:
    article = next((preview.docs / "account-plans").glob("*.md"))
    preview.edit(f"account-plans/{article.name}", lambda text: text + "\nThe quokkaword setting is here.\n")

    def indexed() -> bool:
        page = preview.page("")
        manifest_path = re.search(r'name="helpcenter:search" content="([^"]+)"', page)
        if not manifest_path:
            return False
        manifest = json.loads(preview.page(manifest_path.group(1)))
        folder = manifest_path.group(1).rsplit("/", 1)[0]
        shards = [name for tier in manifest["tiers"].values() for _, name in tier["shards"]]
        return any("quokkaword" in preview.page(f"{folder}/{name}") for name in shards)

    preview.until(indexed, 60)


def test_an_open_page_reloads_by_itself(preview: Preview, page: Any) -> None:
    """In Chromium: the page open in the browser shows the save without anyone reloading it."""
    source = sorted(p for p in (preview.docs / "account-plans").glob("*.md") if p.name != "index.md")[-1]
    page.goto(f"{preview.url}account-plans/{source.stem}/")
    assert page.locator("h1").count() == 1
    source.write_text(source.read_text(encoding="utf-8") + "\nThis line arrived by itself.\n", encoding="utf-8")
    page.wait_for_function("!!document.body && document.body.innerText.includes('This line arrived by itself.')",
                           timeout=15_000)

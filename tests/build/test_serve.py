"""build.py serve: the writer's live preview reloads on save and shows problems on the page."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from ..conftest import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def test_preview_rebuilds_on_save_and_lists_problems_without_stopping(tmp_path: Path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "en", docs)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--docs-dir", str(docs), "--strict",
         "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    article = f"http://127.0.0.1:{port}/calendar-sync/block-dates/"
    try:
        wait_for(lambda: "Block dates" in fetch(article))
        source = docs / "calendar-sync/block-dates.md"
        text = source.read_text().replace("title: Block dates", "title: Block dates for owners")
        source.write_text(text + "\n[broken](nowhere.md)\n")
        wait_for(lambda: "Block dates for owners" in fetch(article))
        # The strict problem is on the page once every link is checked (in the background),
        # and the preview keeps serving.
        page = wait_for(lambda: (html := fetch(article)) and "hc-preview-problems" in html and "broken link" in html
                        and html, 60)
        problems = page[page.index("hc-preview-problems"):]
        assert "block-dates.md:" in problems and "broken link" in problems and "nowhere.md" in problems
        assert server.poll() is None
        # The contact form's function answers beside the preview (here: an empty form, refused).
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/contact", data=b"topic=", method="POST",
                                         headers={"Accept": "application/json"})
        try:
            urllib.request.urlopen(request, timeout=10)
            raise AssertionError("an empty form was accepted")
        except urllib.error.HTTPError as error:
            assert error.code == 422 and json.loads(error.read())["error"]["field"] == "topic"
    finally:
        server.terminate()
        server.wait(timeout=10)

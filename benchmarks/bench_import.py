#!/usr/bin/env python3
"""Import benchmark: `build.py import zendesk` from a local server speaking Zendesk's Help
Center API (tests/importers/helpdesks.py), for a help center of N articles in two languages.

    .venv/bin/python benchmarks/bench_import.py [--articles 1000] [--page-size 100]

Times, in one run: the first import (every page of the API, every attachment list, the images,
the conversion, the files), a second run with nothing changed upstream (answers only; no file
may be written), a run after 1 % of the articles changed upstream, and the strict build of
the imported English folder. Prints a table with the requests made and the files written.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))

from helpcenter.importers.run import ImportOptions, run_import  # noqa: E402

from tests.importers.helpdesks import SECTIONS, HelpDesk  # noqa: E402

WORDS = ["calendar", "sync", "booking", "guest", "invoice", "refund", "payment", "channel", "owner", "task",
         "cleaning", "message", "template", "rate", "season", "discount", "deposit", "airbnb", "vrbo", "ical",
         "property", "unit", "team", "report", "export"]


def article_html(rng: random.Random, number: int, language: str) -> str:
    def sentence() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."
    paragraphs = "".join(f"<p>{sentence()} {sentence()}</p>" for _ in range(rng.randint(3, 8)))
    steps = "".join(f"<li>{sentence()}</li>" for _ in range(rng.randint(2, 5)))
    link = f"<a href=\"{{a{300 + rng.randint(1, number)}}}\">{'see also' if language == 'en' else 'voir aussi'}</a>"
    return (f"{paragraphs}<h2>Steps</h2><ol>{steps}</ol><p>{link}</p>"
            f"<div class=\"callout callout--tip\"><p>{sentence()}</p></div><p><img src=\"{{img}}\" alt=\"Screen\"></p>")


def help_center(count: int) -> list[dict]:
    rng = random.Random(19)
    articles = []
    for number in range(1, count + 1):
        entry = {"id": 300 + number, "section": SECTIONS[number % len(SECTIONS)]["id"], "position": number,
                 "labels": rng.sample(WORDS, 2), "updated": "2024-05-01T10:00:00Z",
                 "en": (f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {number}",
                        article_html(rng, count, "en"))}
        if number % 2:
            entry["fr"] = (f"Article {number} {rng.choice(WORDS)}", article_html(rng, count, "fr"))
        articles.append(entry)
    return articles


def timed(action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch, HelpDesk("zendesk", page_size=args.page_size,
                                                             articles=help_center(args.articles)) as desk:
        folder = Path(scratch) / "docs"

        def run() -> object:
            return run_import(ImportOptions(vendor="zendesk", docs_dir=folder, url=desk.url), env={},
                              show_progress=False)

        for name, before in (("first import", None), ("second run, nothing changed", None),
                             ("1 % of the articles changed upstream", "change")):
            if before == "change":
                for entry in desk.served.articles[:: 100]:
                    entry["en"] = (entry["en"][0], entry["en"][1] + "<p>Updated upstream.</p>")
            seconds, report = timed(run)
            rows.append((name, seconds, report.requests, len(report.synced.written), report.synced.unchanged))
        files = sum(1 for path in folder.rglob("*") if path.is_file())
        seconds, done = timed(lambda: subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "build", "--docs-dir", str(folder / "en"), "--strict",
             "--site-dir", str(Path(scratch) / "site")], capture_output=True, text=True))
        if done.returncode != 0:
            sys.exit(done.stderr[-2000:])
        rows.append(("strict build of the English folder", seconds, 0, 0, 0))
    print(f"\nZendesk import, {args.articles} articles (half also in French), {args.page_size} per API page; "
          f"{files} files in the import folder\n")
    print("| step | time | requests | files written | files unchanged |")
    print("|---|---|---|---|---|")
    for name, seconds, requests, written, unchanged in rows:
        print(f"| {name} | {seconds:.1f} s | {requests or '-'} | {written if requests else '-'} | "
              f"{unchanged if requests else '-'} |")


if __name__ == "__main__":
    main()

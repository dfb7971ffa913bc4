"""Editorial checks on an article: what a writer should fix before readers notice. Warnings,
not errors: the page still builds. Plain Python, no MkDocs.

- no description (lists, search results and link previews fall back to the first paragraph);
- images without alt text (screen-reader users hear nothing, or the file name);
- a ``review_by`` date that has passed (the article may describe an old version);
- an article outside every category folder (only the catch-all category lists it).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..problems import Problem
from .markdown_text import content_lines

MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"""\balt\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def images_without_alt(body: str, path: str, first_line: int) -> list[Problem]:
    problems = []
    for number, line in content_lines(body, first_line):
        for match in MARKDOWN_IMAGE.finditer(line):
            if not match.group(1).strip():
                problems.append(Problem(path, number, f"image '{match.group(2)}' has no alt text: describe it "
                                        "between the brackets, ![like this](...)", "warning"))
        for tag in HTML_IMAGE.findall(line):
            alt = HTML_ALT.search(tag)
            if not alt or not alt.group(2).strip():
                decorative = 'role="presentation"' in tag or (alt is not None and 'aria-hidden="true"' in tag)
                if not decorative:
                    problems.append(Problem(path, number, "<img> has no alt text: add alt=\"what it shows\"",
                                            "warning"))
    return problems


def editorial_problems(path: str, src_uri: str, meta: dict[str, Any], body: str, body_line: int, *,
                       today: dt.date, line_of: dict[str, int], has_categories: bool) -> list[Problem]:
    """The warnings for one article (``line_of`` maps front matter keys to their lines)."""
    problems = []
    if not str(meta.get("description") or "").strip():
        problems.append(Problem(path, 1, "no description: add 'description:', the sentence shown in lists, "
                                "search results and link previews", "warning"))
    review_by = meta.get("review_by")
    if isinstance(review_by, dt.date) and review_by < today:
        problems.append(Problem(path, line_of.get("review_by", 1),
                                f"review_by {review_by.isoformat()} has passed: check the article is still "
                                "right, then set a new date", "warning"))
    if has_categories and "/" not in src_uri:
        problems.append(Problem(path, 1, "not in any category folder, so only the catch-all category lists "
                                "it: move it into the folder of its feature", "warning"))
    problems += images_without_alt(body, path, body_line)
    return problems

"""Find the internal links of a Markdown page and check their targets and anchors."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from ..problems import Problem, Severity
from .markdown_text import content_lines

_CODE_SPAN = re.compile(r"(`+).+?\1")
_INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+[\"'(][^)]*)?\)")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
_HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class Link:
    line: int
    target: str


def extract_links(body: str, first_line: int = 1) -> list[Link]:
    links = []
    for number, line in content_lines(body, first_line):
        line = _CODE_SPAN.sub("", line)
        for pattern in (_INLINE_LINK, _REFERENCE_DEFINITION, _HTML_LINK):
            for match in pattern.finditer(line):
                links.append(Link(number, match.group(1).strip("<>")))
    return links


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        add_anchors(self.ids, tag, attrs)


def add_anchors(ids: set[str], tag: str, attrs: list[tuple[str, str | None]]) -> None:
    """The anchors a tag gives its page: its id, or an old-style <a name>."""
    for name, value in attrs:
        if value and (name == "id" or (tag == "a" and name == "name")):
            ids.add(value)


def anchors_in_html(html: str) -> set[str]:
    collector = _IdCollector()
    collector.feed(html)
    return collector.ids


def check_links(
    path: str,
    src_uri: str,
    links: Iterable[Link],
    anchors_by_page: Mapping[str, set[str]],
    other_files: set[str],
    severity: Severity = "error",
) -> list[Problem]:
    """Check each link of page ``src_uri`` (a docs-relative path); ``path`` is what we print."""
    problems = []
    for link in links:
        message = _problem_with(link.target, src_uri, anchors_by_page, other_files)
        if message:
            problems.append(Problem(path, link.line, message, severity))
    return problems


def _problem_with(
    target: str, src_uri: str, anchors_by_page: Mapping[str, set[str]], other_files: set[str]
) -> str | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith(("/", "{{")):
        return None  # external, site-absolute or templated: not a file link we can check
    fragment = unquote(parts.fragment)
    if not parts.path:
        if fragment and fragment not in anchors_by_page.get(src_uri, set()):
            return f"broken anchor '#{fragment}': no heading or element with that id on this page"
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(parts.path)))
    if resolved.startswith("../") or resolved == "..":
        return f"broken link '{target}': it points outside the docs folder"
    page = resolved if resolved in anchors_by_page else None
    if page is None and posixpath.join(resolved, "index.md") in anchors_by_page:
        page = posixpath.join(resolved, "index.md")
    if page is None:
        if resolved in other_files:
            return None
        return f"broken link '{target}': no file '{resolved}' in the docs folder"
    if fragment and fragment not in anchors_by_page[page]:
        return f"broken anchor '{target}': '{page}' has no heading or element with id '{fragment}'"
    return None

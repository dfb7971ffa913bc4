"""Cheap, line-based reading of Markdown source: titles, summaries, unsupported syntax.

These run on every file before MkDocs renders anything (the home page needs every
article's title and summary), so they read lines rather than render Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..problems import Problem

ATX_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
HEADING_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")
_FENCE_OPEN = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_INLINE_MARKUP = re.compile(r"(\*\*|__|\*|_|`)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
# Lines that start headings, admonitions, blocks, HTML, tables, quotes, lists, rules, links.
_NOT_PROSE = ("#", "!!!", "///", "{", "<", "|", ">", "-", "*", "=", "[")

# Syntax from other MkDocs setups that our Markdown configuration renders as plain text.
_UNSUPPORTED = [
    (re.compile(r"^\s*///\s*\w"), "'/// block' syntax (pymdownx.blocks) is shown as text"),
    (re.compile(r"^\s*\{\*.*\*\}\s*$"), "'{* file *}' code include is shown as text"),
    (re.compile(r"\{!.*!\}"), "'{! file !}' include is shown as text"),
    (re.compile(r"^\s*-+8<-+"), "'--8<--' snippet include is shown as text"),
]


def content_lines(body: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Yield (line number, line) outside fenced code blocks."""
    fence: str | None = None
    for offset, line in enumerate(body.splitlines()):
        match = _FENCE_OPEN.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        yield first_line + offset, line


def plain_text(markdown_line: str) -> str:
    text = _LINK.sub(r"\1", markdown_line)
    text = _HTML_TAG.sub("", text)
    text = _INLINE_MARKUP.sub("", text)
    return " ".join(text.split())


def first_heading(body: str) -> str | None:
    """The first level-1 heading (ATX or setext), as plain text."""
    previous = ""
    for _, line in content_lines(body):
        match = ATX_HEADING.match(line)
        if match and len(match.group(1)) == 1:
            return plain_text(HEADING_ATTRS.sub("", match.group(2))) or None
        if previous.strip() and re.fullmatch(r"=+\s*", line):
            return plain_text(previous) or None
        previous = line
    return None


def first_paragraph(body: str, limit: int = 200) -> str:
    """A short summary from the first paragraph of prose (for pages without a description)."""
    paragraph: list[str] = []
    for _, line in content_lines(body):
        stripped = line.strip()
        indented = line.startswith(("    ", "\t"))  # code block or admonition body
        is_prose = stripped and not indented and not stripped.startswith(_NOT_PROSE)
        if is_prose:
            paragraph.append(stripped)
        elif paragraph:
            break
    text = plain_text(" ".join(paragraph))
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def unsupported_syntax(body: str, path: str, first_line: int) -> list[Problem]:
    """One warning per kind of unknown syntax in a file, at its first line, with a count."""
    found: dict[str, list[int]] = {}
    for number, line in content_lines(body, first_line):
        for pattern, message in _UNSUPPORTED:
            if pattern.search(line):
                found.setdefault(message, []).append(number)
                break
    problems = []
    for message, lines in found.items():
        more = f" (and {len(lines) - 1} more line{'s' if len(lines) > 2 else ''})" if len(lines) > 1 else ""
        problems.append(Problem(path, lines[0], message + more, "warning"))
    return problems

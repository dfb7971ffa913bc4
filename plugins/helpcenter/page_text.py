"""What search needs from a rendered page: its section headings (with anchors) and its text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_SKIP = {"script", "style", "template", "svg"}
_HEADINGS = {"h2", "h3"}
_BLOCKS = {"p", "li", "pre", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
           "blockquote", "div", "br", "tr", "summary"}


@dataclass
class PageText:
    headings: list[tuple[str, str]] = field(default_factory=list)  # (text, anchor id)
    # The text before the first heading, then the text of each heading's section: a search
    # result can then point at the section that matched.
    sections: list[str] = field(default_factory=lambda: [""])

    @property
    def body(self) -> str:
        return "\n".join(self.sections)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.sections: list[list[str]] = []
        self.headings: list[tuple[str, str]] = []
        self._skip_depth = 0
        self._heading: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        # The "¶" permalink after each heading is not text anyone reads.
        if tag in _SKIP or "headerlink" in (attributes.get("class") or "").split():
            self._skip_depth += 1
            self._skip_tag = tag
            return
        if tag in _HEADINGS and attributes.get("id"):
            self._heading = (attributes["id"] or "", [])
            self.sections.append(self.parts)
            self.parts = []
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            if tag in _SKIP or tag == "a":
                self._skip_depth -= 1
            return
        if tag in _HEADINGS and self._heading:
            anchor, words = self._heading
            text = " ".join("".join(words).split())
            if text:
                self.headings.append((text, anchor))
            else:  # a heading without text starts no section of its own
                self.parts = [*self.sections.pop(), *self.parts]
            self._heading = None
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        self.parts.append(data)
        if self._heading:
            self._heading[1].append(data)


def _clean(parts: list[str]) -> str:
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def page_text(html: str) -> PageText:
    extractor = _Extractor()
    extractor.feed(html)
    sections = [*extractor.sections, extractor.parts]
    return PageText(headings=extractor.headings, sections=[_clean(parts) for parts in sections])

"""What search needs from a rendered page: its section headings (with anchors) and its text
(and, from the same pass over the HTML, the anchors links may point at)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from .links import add_anchors

_SKIP = {"script", "style", "template", "svg"}
_HEADINGS = {"h2", "h3"}
_BLOCKS = {"p", "li", "pre", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
           "blockquote", "div", "br", "tr", "summary"}


@dataclass
class PageText:
    headings: list[tuple[str, str]] = field(default_factory=list)  # (text, anchor id)
    body: str = ""


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.anchors: set[str] = set()
        self._skip_depth = 0
        self._heading: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        add_anchors(self.anchors, tag, attrs)
        attributes = dict(attrs)
        # The "¶" permalink after each heading is not text anyone reads.
        if tag in _SKIP or "headerlink" in (attributes.get("class") or "").split():
            self._skip_depth += 1
            return
        if tag in _HEADINGS and attributes.get("id"):
            self._heading = (attributes["id"] or "", [])
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
            self._heading = None
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        self.parts.append(data)
        if self._heading:
            self._heading[1].append(data)


def page_text_and_anchors(html: str) -> tuple[PageText, set[str]]:
    """The page's text, and its anchors as ``links.anchors_in_html`` finds them (one parse)."""
    extractor = _Extractor()
    extractor.feed(html)
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).splitlines())
    return PageText(headings=extractor.headings, body="\n".join(line for line in lines if line)), extractor.anchors

"""A help desk article's HTML as our Markdown: headings, lists, tables, code, images and
links, and what help desks add that HTML has no word for: callout boxes (as admonitions)
and embedded videos (as links: no third-party player on our pages, nothing loads from
YouTube until a reader chooses to go there).

markdownify (MIT, on BeautifulSoup) converts the HTML; it is well kept and lets each tag's
conversion be replaced, which is what callouts and videos need. (html2text is GPL and
converts as one block.) Links and images go through the caller's functions, which rewrite
them: to relative Markdown links and to files downloaded beside the article."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markdownify import MarkdownConverter

# A callout's kind from its classes (Zendesk's "callout--warning", Intercom's interblocks,
# Help Scout's "callout-yellow", Freshdesk's "alert-danger"...), as our admonitions name them.
_CALLOUT = re.compile(r"callout|alert|notice|intercom-interblocks-callout|note-box|tip-box|warning-box")
_KINDS = (("warning", ("warning", "danger", "error", "alert-red", "red", "important", "caution")),
          ("tip", ("tip", "success", "green", "hint")),
          ("info", ("info", "blue")),
          ("note", ("note", "yellow", "notice", "")))
# Videos a help desk embeds, and the page a link takes the reader to.
_VIDEOS = (
    (re.compile(r"(?:youtube(?:-nocookie)?\.com/(?:embed|shorts)/|youtu\.be/)([\w-]{6,})"), "YouTube",
     "https://www.youtube.com/watch?v={id}"),
    (re.compile(r"player\.vimeo\.com/video/(\d+)"), "Vimeo", "https://vimeo.com/{id}"),
    (re.compile(r"loom\.com/(?:embed|share)/([\w-]+)"), "Loom", "https://www.loom.com/share/{id}"),
)


_MARKDOWN_SYNTAX = re.compile(r"([\[\]{}])")
_SCRIPT_URL = re.compile(r"\s*(javascript|vbscript|data):", re.IGNORECASE)


@dataclass
class Converted:
    markdown: str
    # What could not be carried over (an iframe of an unknown kind...), for the import report.
    dropped: list[str] = field(default_factory=list)


def callout_kind(classes: list[str]) -> str | None:
    joined = " ".join(classes).lower()
    if not _CALLOUT.search(joined):
        return None
    return next(kind for kind, words in _KINDS if any(word in joined for word in words))


def video_link(src: str) -> tuple[str, str] | None:
    """(the video's service, the page to watch it on) for an embedded player's address."""
    for pattern, service, page in _VIDEOS:
        found = pattern.search(src)
        if found:
            return service, page.format(id=found[1])
    return None


class _Converter(MarkdownConverter):
    def __init__(self, rewrite_link: Callable[[str], str], rewrite_image: Callable[[str], str],
                 video_text: str, dropped: list[str], **options: Any) -> None:
        super().__init__(heading_style="ATX", bullets="-", code_language_callback=_code_language,
                         escape_underscores=False, escape_asterisks=False, **options)
        self._rewrite_link, self._rewrite_image = rewrite_link, rewrite_image
        self._video_text, self._dropped = video_text, dropped

    def escape(self, text: str, parent_tags: set[str]) -> str:
        # Text stays text: "&lt;div&gt;" in the HTML is the text "<div>", which in Markdown
        # would be a tag again; "[x](javascript:...)" would be a link, "{: onclick=...}" attributes.
        escaped = str(super().escape(text, parent_tags))  # type: ignore[misc]
        return _MARKDOWN_SYNTAX.sub(r"\\\1", escaped).replace("<", "&lt;")

    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if _SCRIPT_URL.match(el.get("href") or ""):
            return text  # a script behind a link: its words only
        if el.get("href"):
            href = self._rewrite_link(el["href"])
            if not href:  # a link with nowhere to go (an anchor of the old page): its words stay
                return text
            el["href"] = href
        return str(super().convert_a(el, text, parent_tags))  # type: ignore[misc]

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if el.get("src"):
            el["src"] = self._rewrite_image(el["src"])
        return str(super().convert_img(el, text, parent_tags))  # type: ignore[misc]

    def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
        # What a list item holds is indented four columns, as Python-Markdown reads nested
        # blocks (markdownify indents by the bullet's width: two for "- ", three for "1. ").
        converted = str(super().convert_li(el, text, parent_tags))  # type: ignore[misc]
        bullet = re.match(r"(\d+\.|[-*+]) ", converted)
        if bullet is None or len(bullet[0]) >= 4:
            return converted
        width, pad = len(bullet[0]), " " * (4 - len(bullet[0]))
        first, *rest = converted.split("\n")
        return "\n".join([bullet[0] + pad + first[width:],
                          *(pad + line if line.startswith(" " * width) else line for line in rest)])

    def convert_iframe(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return self._video(el.get("src") or "", el.get("title"))

    def convert_video(self, el: Any, text: str, parent_tags: set[str]) -> str:
        source = el.get("src") or next((s.get("src") for s in el.find_all("source") if s.get("src")), "")
        return self._video(source, el.get("title"))

    def _video(self, src: str, title: str | None) -> str:
        found = video_link(src)
        if found is None:
            self._dropped.append(f"an embedded frame ({src or 'no address'})")
            return ""
        service, page = found
        label = self._video_text.format(title=title or service, service=service)
        return f"\n\n[{label}]({page})\n\n"

    def convert_div(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return self._callout(el, text) or str(super().convert_div(el, text, parent_tags))  # type: ignore[misc]

    def convert_aside(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return self._callout(el, text) or text

    def _callout(self, el: Any, text: str) -> str | None:
        kind = callout_kind(el.get("class") or [])
        if kind is None or not text.strip():
            return None
        body = "\n".join(f"    {line}" if line.strip() else "" for line in text.strip().splitlines())
        return f"\n\n!!! {kind}\n{body}\n\n"


def _code_language(el: Any) -> str | None:
    for node in (el, el.find("code")):
        for name in (node.get("class") or []) if node is not None else []:
            if name.startswith(("language-", "lang-")):
                return str(name.split("-", 1)[1])
    return None


def html_to_markdown(html: str, *, rewrite_link: Callable[[str], str] = lambda url: url,
                     rewrite_image: Callable[[str], str] = lambda url: url,
                     video_text: str = "▶ {title} (video on {service})") -> Converted:
    dropped: list[str] = []
    markdown = _Converter(rewrite_link, rewrite_image, video_text, dropped).convert(html)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    return Converted(markdown, dropped)

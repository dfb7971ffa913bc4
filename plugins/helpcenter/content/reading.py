"""Reading a language's pages once: front matter checked, titles found, links collected, the
catalog of categories and articles built. Plain Python, no MkDocs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Problem, Severity
from . import editorial, gitdates, links
from .catalog import Catalog, Source, build_catalog, page_kind, title_from_slug
from .dialects import Dialects
from .frontmatter import (
    KEYWORD_KEYS,
    parse_front_matter,
    parse_yaml_mapping,
    remember_parses,
    summarize_unknown_keys,
)
from .markdown_text import first_heading, first_paragraph, unsupported_syntax

CATEGORY_FILE = "_category.yml"


@dataclass(frozen=True)
class PageFile:
    """A Markdown page as the site generator found it."""

    src_uri: str  # docs-relative, forward slashes
    url: str  # site-relative URL
    text: str
    display: str  # the path problems print, one the writer can open
    abs_path: Path | None = None
    # A site page the plugin adds (search, contact...): needs no title, is not in the catalog.
    site_page: bool = False
    # Shown in the default language because this language lacks it.
    untranslated: bool = False


@dataclass
class PageReading:
    """What reading one page found."""

    body: str  # as the writer wrote it (front matter aside), for embeds of it
    links: list[links.Link]
    problems: list[Problem]
    unknown_keys: list[Problem]
    source: Source | None  # None for a site page (search, contact...): not in the catalog


@dataclass
class ReadingSettings:
    """How a language's pages are read (the same for each page, and for a page read again)."""

    strict: bool
    extra_keys: frozenset[str]
    root_category_title: str
    category_meta: dict[str, dict[str, Any]]
    icon_exists: Callable[[str], bool]
    commit_dates: dict[Path, dt.datetime]
    has_categories: bool = True
    today: dt.date | None = None
    dialects: Dialects | None = None


@dataclass
class SiteContent:
    """What reading every page found."""

    catalog: Catalog = field(default_factory=lambda: Catalog([]))
    problems: list[Problem] = field(default_factory=list)
    links: dict[str, list[links.Link]] = field(default_factory=dict)
    display_paths: dict[str, str] = field(default_factory=dict)
    # Each page's body as the writer wrote it (front matter aside), for embeds of it.
    bodies: dict[str, str] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    abs_paths: dict[str, Path | None] = field(default_factory=dict)

    def check_links(self, anchors: dict[str, set[str]], other_files: set[str], strict: bool) -> None:
        """Every internal link and anchor, once every page is rendered (anchors come from HTML)."""
        severity: Severity = "error" if strict else "warning"
        for src_uri, page_links in self.links.items():
            self.problems += links.check_links(self.display_paths.get(src_uri, src_uri), src_uri, page_links,
                                               anchors, other_files, severity)

    def update_page(self, page: PageFile, settings: ReadingSettings) -> None:
        """One page read again after an edit (the preview): its problems, links and body
        replaced, the catalog made again from every page's reading (in memory: no file read)."""
        reading = read_page(page, settings)
        self.problems = [p for p in self.problems if p.path != page.display] + reading.problems + reading.unknown_keys
        self.links[page.src_uri] = reading.links
        self.bodies[page.src_uri] = reading.body
        if reading.source is not None:
            self.sources[page.src_uri] = reading.source
        self.catalog = self._catalog(settings)

    def _catalog(self, settings: ReadingSettings) -> Catalog:
        catalog = build_catalog(self.sources.values(), root_category_title=settings.root_category_title,
                                category_files=settings.category_meta)
        for article in catalog.articles.values():
            stated = self.sources[article.src_uri].meta.get("updated") if article.src_uri in self.sources else None
            path = self.abs_paths.get(article.src_uri)
            if isinstance(stated, dt.date):
                article.updated = dt.datetime.combine(stated, dt.time(), tzinfo=dt.UTC)
            elif path is not None:
                article.updated = gitdates.last_updated(path, settings.commit_dates)
        return catalog


def is_category_file(src_uri: str) -> bool:
    """A category's ``<folder>/_category.yml``, or a section's ``<folder>/<section>/_category.yml``."""
    return src_uri.count("/") in (1, 2) and src_uri.endswith("/" + CATEGORY_FILE)


def read_category_file(src_uri: str, text: str, display: str) -> tuple[str, dict[str, Any], list[Problem]]:
    """A category's (or section's) title, description, icon and order, by its folder
    (``billing``, ``billing/invoices``)."""
    parsed = parse_yaml_mapping(text, display, first_line=1)
    return src_uri.rsplit("/", 1)[0], parsed.meta, parsed.problems


def read_pages(pages: Iterable[PageFile], *, strict: bool, extra_keys: frozenset[str], root_category_title: str,
               category_meta: dict[str, dict[str, Any]], icon_exists: Callable[[str], bool],
               commit_dates: dict[Path, dt.datetime], today: dt.date | None = None,
               dialects: Dialects | None = None) -> tuple[SiteContent, ReadingSettings]:
    """Every page read once. ``dialects`` rewrites other Markdown dialects (wiki links,
    callouts, ...) before anything reads a body, line for line. Returns the content and the
    settings it was read with (to read a page again, ``SiteContent.update_page``)."""
    pages = list(pages)
    settings = ReadingSettings(strict=strict, extra_keys=extra_keys, root_category_title=root_category_title,
                               category_meta=category_meta, icon_exists=icon_exists, commit_dates=commit_dates,
                               has_categories=any("/" in page.src_uri for page in pages), today=today,
                               dialects=dialects)
    content = SiteContent(display_paths={page.src_uri: page.display for page in pages},
                          abs_paths={page.src_uri: page.abs_path for page in pages})
    unknown_keys: list[Problem] = []
    for page in pages:
        reading = read_page(page, settings)
        unknown_keys += reading.unknown_keys
        content.problems += reading.problems
        content.bodies[page.src_uri] = reading.body
        content.links[page.src_uri] = reading.links
        if reading.source is not None:
            content.sources[page.src_uri] = reading.source
    # An unknown key once per key, with its count, where a lenient build ignores it.
    content.problems += unknown_keys if strict else summarize_unknown_keys(unknown_keys)
    content.catalog = content._catalog(settings)
    return content, settings


# What reading a page found, by what it depends on: a preview that loads its site again after
# a new or deleted file reads only the pages whose text (or settings) changed. A one-time
# build reads each page once and keeps nothing (at 10,000 pages: about 100 MB of texts).
_READINGS: dict[tuple[Any, ...], PageReading] | None = None


def remember_readings() -> None:
    """From now on (a preview), each page's reading and front matter are remembered."""
    global _READINGS
    if _READINGS is None:
        _READINGS = {}
    remember_parses()


def read_page(page: PageFile, settings: ReadingSettings) -> PageReading:
    """One page: front matter checked, title found, links collected (remembered by its text)."""
    dialects = settings.dialects
    # Wiki links resolve against every file's name: a page with one depends on the file list.
    files = dialects.index.fingerprint if dialects is not None and "[[" in page.text else 0
    key = (page, settings.strict, settings.extra_keys, settings.has_categories, settings.today, files)
    if _READINGS is None:
        return _read_page(page, settings)
    reading = _READINGS.get(key)
    if reading is None:
        if len(_READINGS) > 50_000:
            _READINGS.clear()
        reading = _READINGS[key] = _read_page(page, settings)
    return reading


def _read_page(page: PageFile, settings: ReadingSettings) -> PageReading:
    severity: Severity = "error" if settings.strict else "warning"
    strict, dialects = settings.strict, settings.dialects
    front = parse_front_matter(page.text, page.display, extra_keys=settings.extra_keys, unknown_key_severity=severity)
    problems: list[Problem] = []
    body = front.body
    if dialects is not None:
        front.body = dialects.rewrite(front.body, page.src_uri)
        for key in ("title", "description"):  # plain text: a wiki link there is its words
            if isinstance(front.meta.get(key), str):
                front.meta[key] = dialects.plain(front.meta[key])
    keywords = list(dict.fromkeys(word for key in KEYWORD_KEYS for word in front.meta.pop(key, [])))
    if keywords:
        front.meta["keywords"] = keywords
    problems += unsupported_syntax(front.body, page.display, front.body_line)
    page_links = links.extract_links(front.body, front.body_line)
    # The title: the front matter's, else the first heading, else the file's name (which a
    # strict build mentions: a file name is seldom the title a reader should see).
    title = front.meta.get("title") or first_heading(front.body)
    if not title and strict and front.valid and not page.site_page:
        problems.append(Problem(
            page.display, 1, f"no title: shown as '{title_from_slug(page.src_uri)}' from its file name; add "
            "'title:' to the front matter or a '# Heading' line", "warning"))
    icon = front.meta.get("icon")
    if icon and not settings.icon_exists(icon):
        problems.append(Problem(page.display, line_of(page.text, "icon:"),
                                f"unknown icon '{icon}' (use a name such as 'material/broom')"))
        front.meta.pop("icon")
    if page.site_page:
        return PageReading(body, page_links, problems, front.problems, None)
    if strict and front.valid and page_kind(page.src_uri) == "article" and not page.untranslated:
        problems += editorial.editorial_problems(
            page.display, page.src_uri, front.meta, front.body, front.body_line,
            today=settings.today or dt.date.today(), line_of={"review_by": line_of(page.text, "review_by:")},
            has_categories=settings.has_categories)
    source = Source(src_uri=page.src_uri, url=page.url, meta=front.meta,
                    title=title or title_from_slug(page.src_uri), summary=first_paragraph(front.body))
    return PageReading(body, page_links, problems, front.problems, source)


def line_of(text: str, prefix: str) -> int:
    """The line a front matter key starts on (1 when it is not found)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(prefix):
            return number
    return 1

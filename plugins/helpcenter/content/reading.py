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
from .catalog import Catalog, Source, build_catalog, category_slug, page_kind, title_from_slug
from .dialects import Dialects
from .frontmatter import KEYWORD_KEYS, parse_front_matter, parse_yaml_mapping, summarize_unknown_keys
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
class SiteContent:
    """What reading every page found."""

    catalog: Catalog = field(default_factory=lambda: Catalog([]))
    problems: list[Problem] = field(default_factory=list)
    links: dict[str, list[links.Link]] = field(default_factory=dict)
    display_paths: dict[str, str] = field(default_factory=dict)
    # Each page's body as the writer wrote it (front matter aside), for embeds of it.
    bodies: dict[str, str] = field(default_factory=dict)

    def check_links(self, anchors: dict[str, set[str]], other_files: set[str], strict: bool) -> None:
        """Every internal link and anchor, once every page is rendered (anchors come from HTML)."""
        severity: Severity = "error" if strict else "warning"
        for src_uri, page_links in self.links.items():
            self.problems += links.check_links(self.display_paths.get(src_uri, src_uri), src_uri, page_links,
                                               anchors, other_files, severity)


def is_category_file(src_uri: str) -> bool:
    return src_uri.count("/") == 1 and src_uri.endswith("/" + CATEGORY_FILE)


def read_category_file(src_uri: str, text: str, display: str) -> tuple[str, dict[str, Any], list[Problem]]:
    """``<folder>/_category.yml``: a category's title, description, icon and order."""
    parsed = parse_yaml_mapping(text, display, first_line=1)
    return category_slug(src_uri), parsed.meta, parsed.problems


def read_pages(pages: Iterable[PageFile], *, strict: bool, extra_keys: frozenset[str], root_category_title: str,
               category_meta: dict[str, dict[str, Any]], icon_exists: Callable[[str], bool],
               commit_dates: dict[Path, dt.datetime], today: dt.date | None = None,
               dialects: Dialects | None = None) -> SiteContent:
    """Every page read once. ``dialects`` rewrites other Markdown dialects (wiki links,
    callouts, ...) before anything reads a body, line for line."""
    pages = list(pages)
    content = SiteContent(display_paths={page.src_uri: page.display for page in pages})
    severity: Severity = "error" if strict else "warning"
    has_categories = any("/" in page.src_uri for page in pages)
    sources = []
    unknown_keys: list[Problem] = []
    for page in pages:
        front = parse_front_matter(page.text, page.display, extra_keys=extra_keys, unknown_key_severity=severity)
        unknown_keys += front.problems
        content.bodies[page.src_uri] = front.body
        if dialects is not None:
            front.body = dialects.rewrite(front.body, page.src_uri)
            for key in ("title", "description"):  # plain text: a wiki link there is its words
                if isinstance(front.meta.get(key), str):
                    front.meta[key] = dialects.plain(front.meta[key])
        keywords = list(dict.fromkeys(word for key in KEYWORD_KEYS for word in front.meta.pop(key, [])))
        if keywords:
            front.meta["keywords"] = keywords
        content.problems += unsupported_syntax(front.body, page.display, front.body_line)
        content.links[page.src_uri] = links.extract_links(front.body, front.body_line)
        # The title: the front matter's, else the first heading, else the file's name (which a
        # strict build mentions: a file name is seldom the title a reader should see).
        title = front.meta.get("title") or first_heading(front.body)
        if not title and strict and front.valid and not page.site_page:
            content.problems.append(Problem(
                page.display, 1, f"no title: shown as '{title_from_slug(page.src_uri)}' from its file name; add "
                "'title:' to the front matter or a '# Heading' line", "warning"))
        icon = front.meta.get("icon")
        if icon and not icon_exists(icon):
            content.problems.append(Problem(page.display, line_of(page.text, "icon:"),
                                            f"unknown icon '{icon}' (use a name such as 'material/broom')"))
            front.meta.pop("icon")
        if page.site_page:
            continue
        if strict and front.valid and page_kind(page.src_uri) == "article" and not page.untranslated:
            content.problems += editorial.editorial_problems(
                page.display, page.src_uri, front.meta, front.body, front.body_line, today=today or dt.date.today(),
                line_of={"review_by": line_of(page.text, "review_by:")}, has_categories=has_categories)
        sources.append(Source(src_uri=page.src_uri, url=page.url, meta=front.meta,
                              title=title or title_from_slug(page.src_uri), summary=first_paragraph(front.body)))
    # An unknown key once per key, with its count, where a lenient build ignores it.
    content.problems += unknown_keys if strict else summarize_unknown_keys(unknown_keys)
    content.catalog = build_catalog(sources, root_category_title=root_category_title, category_files=category_meta)
    paths = {page.src_uri: page.abs_path for page in pages}
    for article in content.catalog.articles.values():
        path = paths.get(article.src_uri)
        if path is not None:
            article.updated = gitdates.last_updated(path, commit_dates)
    return content


def line_of(text: str, prefix: str) -> int:
    """The line a front matter key starts on (1 when it is not found)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(prefix):
            return number
    return 1

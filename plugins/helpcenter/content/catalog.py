"""The help center's shape: feature categories (folders) and their ordered articles."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

PageKind = Literal["home", "category", "article", "page"]

HOME = "index.md"


@dataclass(frozen=True)
class Source:
    """One Markdown page as the engine sees it: its path, URL, parsed front matter and text."""

    src_uri: str  # docs-relative, forward slashes
    url: str  # site-relative URL, e.g. "calendar-sync/import-ical-feed/"
    meta: dict[str, Any]
    title: str
    summary: str


@dataclass
class Article:
    src_uri: str
    url: str
    title: str
    description: str
    keywords: list[str]
    order: int | None
    category: str
    updated: dt.datetime | None = None
    section: str = ""  # the section's folder ("billing/invoices"); "" when in no section


@dataclass
class Section:
    """A folder inside a category with its own ``_category.yml``: its articles are listed
    together, under its title, on the category's page."""

    folder: str
    title: str
    description: str
    order: int | None
    articles: list[Article] = field(default_factory=list)


@dataclass
class Category:
    slug: str  # folder name; "" for articles at the top of the docs folder
    title: str
    description: str
    icon: str | None
    order: int | None
    url: str | None  # None when the category has no page of its own
    src_uri: str | None
    articles: list[Article] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)  # in order; their articles are in ``articles`` too

    @property
    def unsectioned(self) -> list[Article]:
        return [article for article in self.articles if not article.section]


def page_kind(src_uri: str) -> PageKind:
    if src_uri == HOME:
        return "home"
    parts = src_uri.split("/")
    if len(parts) == 2 and parts[1] == "index.md":
        return "category"
    return "article"


def category_slug(src_uri: str) -> str:
    return src_uri.split("/")[0] if "/" in src_uri else ""


def title_from_slug(slug: str) -> str:
    words = posixpath.splitext(posixpath.basename(slug))[0].replace("_", " ").replace("-", " ")
    return words[:1].upper() + words[1:]


def _sort_key(order: int | None, title: str) -> tuple[bool, int, str]:
    return (order is None, order or 0, title.casefold())


@dataclass
class _BitIndex:
    articles: list[Article]  # in catalog order: bit n is articles[n]
    position: dict[int, int]  # id(article) -> n
    keywords: dict[str, int]  # case-folded keyword -> mask of the articles that have it
    categories: dict[str, int]  # category slug -> mask of its articles


class Catalog:
    """Categories in display order, each with its articles in display order."""

    def __init__(self, categories: list[Category]) -> None:
        self.categories = categories
        self.articles: dict[str, Article] = {
            article.src_uri: article for category in categories for article in category.articles
        }
        self._categories = {category.slug: category for category in categories}
        self._by_page = {c.src_uri: c for c in categories if c.src_uri}
        self._bit_index: _BitIndex | None = None

    def category(self, slug: str) -> Category | None:
        return self._categories.get(slug)

    def category_page(self, src_uri: str) -> Category | None:
        return self._by_page.get(src_uri)

    def neighbours(self, article: Article) -> tuple[Article | None, Article | None]:
        siblings = self._categories[article.category].articles
        index = siblings.index(article)
        previous = siblings[index - 1] if index > 0 else None
        following = siblings[index + 1] if index + 1 < len(siblings) else None
        return previous, following

    def related(self, article: Article, limit: int, *, exclude: Iterable[Article | None] = ()) -> list[Article]:
        """Articles sharing most of its keywords, from any category (its own first among
        equals, then in catalog order), then the rest of its category. ``exclude`` (the
        previous and next links) and the article itself are left out: a page does not offer
        the same link twice.

        Sets of articles are bit masks (bit n: the catalog's n-th article), so that ranking
        costs the same whether a keyword is on ten articles or on thousands."""
        index = self._bits()
        skip = 1 << index.position[id(article)]
        for other in exclude:
            if other is not None:
                skip |= 1 << index.position[id(other)]
        masks = [index.keywords[k] for k in {k.casefold() for k in article.keywords} if k in index.keywords]
        # at_least[j]: the articles sharing j keywords or more.
        at_least = [~0] + [0] * len(masks)
        for mask in masks:
            for j in range(len(masks), 0, -1):
                at_least[j] |= at_least[j - 1] & mask
        at_least.append(0)
        own = index.categories[article.category]
        chosen: list[Article] = []
        for j in range(len(masks), 0, -1):
            tier = at_least[j] & ~at_least[j + 1] & ~skip
            for part in (tier & own, tier & ~own):
                while part and len(chosen) < limit:
                    lowest = part & -part
                    chosen.append(index.articles[lowest.bit_length() - 1])
                    part ^= lowest
            if len(chosen) >= limit:
                return chosen
        category = self._categories[article.category].articles
        for sibling in category:
            if len(chosen) >= limit:
                break
            if not skip >> index.position[id(sibling)] & 1 and sibling not in chosen:
                chosen.append(sibling)
        return chosen

    def _bits(self) -> _BitIndex:
        """The catalog as bit masks (by keyword, by category); built once, on first use."""
        if self._bit_index is None:
            articles = list(self.articles.values())
            position = {id(a): n for n, a in enumerate(articles)}
            keywords: dict[str, int] = {}
            categories: dict[str, int] = {}
            for n, a in enumerate(articles):
                for keyword in {k.casefold() for k in a.keywords}:
                    keywords[keyword] = keywords.get(keyword, 0) | 1 << n
                categories[a.category] = categories.get(a.category, 0) | 1 << n
            self._bit_index = _BitIndex(articles, position, keywords, categories)
        return self._bit_index


def _section(folder: str, meta: dict[str, Any]) -> Section:
    return Section(folder=folder, title=meta.get("title") or title_from_slug(folder),
                   description=meta.get("description", ""), order=meta.get("order"))


def build_catalog(
    sources: Iterable[Source],
    *,
    root_category_title: str,
    category_files: dict[str, dict[str, Any]] | None = None,
) -> Catalog:
    """Group pages into categories. ``category_files`` holds metadata from ``_category.yml``."""
    category_files = category_files or {}
    categories: dict[str, Category] = {}

    def category_for(slug: str) -> Category:
        if slug not in categories:
            meta = category_files.get(slug, {})
            categories[slug] = Category(
                slug=slug,
                title=meta.get("title") or (title_from_slug(slug) if slug else root_category_title),
                description=meta.get("description", ""),
                icon=meta.get("icon"),
                order=meta.get("order"),
                url=None,
                src_uri=None,
            )
        return categories[slug]

    for source in sources:
        kind = page_kind(source.src_uri)
        if kind == "home":
            continue
        slug = category_slug(source.src_uri)
        category = category_for(slug)
        section = "/".join(source.src_uri.split("/")[:2]) if source.src_uri.count("/") >= 2 else ""
        if kind == "category":
            category.url, category.src_uri = source.url, source.src_uri
            category.title = source.meta.get("title") or source.title or category.title
            category.description = source.meta.get("description") or category.description
            category.icon = source.meta.get("icon") or category.icon
            category.order = source.meta.get("order", category.order)
            continue
        category.articles.append(
            Article(
                src_uri=source.src_uri,
                url=source.url,
                title=source.title,
                description=source.meta.get("description") or source.summary,
                keywords=list(source.meta.get("keywords", [])),
                order=source.meta.get("order"),
                category=slug,
                section=section if section in category_files else "",
            )
        )
    for category in categories.values():
        sections = {a.section: _section(a.section, category_files[a.section]) for a in category.articles if a.section}
        ordered_sections = sorted(sections.values(), key=lambda s: _sort_key(s.order, s.title))
        rank = {section.folder: number for number, section in enumerate(ordered_sections, start=1)}
        # Articles in no section first, then each section's, in order.
        category.articles.sort(key=lambda a: (rank.get(a.section, 0), *_sort_key(a.order, a.title)))
        for article in category.articles:
            if article.section:
                sections[article.section].articles.append(article)
        category.sections = ordered_sections
    ordered = sorted(
        (c for c in categories.values() if c.articles or c.url),
        # Loose top-level articles come last: the categories are what readers scan first.
        key=lambda c: (c.slug == "", *_sort_key(c.order, c.title)),
    )
    return Catalog(ordered)

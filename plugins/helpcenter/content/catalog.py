"""The help center's shape: feature categories (folders) and their ordered articles."""

from __future__ import annotations

import datetime as dt
import heapq
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


class Catalog:
    """Categories in display order, each with its articles in display order."""

    def __init__(self, categories: list[Category]) -> None:
        self.categories = categories
        self.articles: dict[str, Article] = {
            article.src_uri: article for category in categories for article in category.articles
        }
        self._categories = {category.slug: category for category in categories}
        self._by_page = {c.src_uri: c for c in categories if c.src_uri}
        self._by_keyword: dict[str, list[Article]] | None = None
        self._positions: dict[int, int] | None = None

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
        equals), then the rest of its category. ``exclude`` (the previous and next links) and
        the article itself are left out: a page does not offer the same link twice."""
        skip = {id(article), *(id(a) for a in exclude if a is not None)}
        own = {k.casefold() for k in article.keywords}
        shared: dict[int, int] = {}
        candidates: dict[int, Article] = {}
        for keyword in own:
            for other in self._keyword_index().get(keyword, ()):
                shared[id(other)] = shared.get(id(other), 0) + 1
                candidates[id(other)] = other
        order = self._order()
        # Only the articles sharing a keyword are ranked (never the whole catalog per page).
        chosen = heapq.nsmallest(limit, (a for key, a in candidates.items() if key not in skip),
                                 key=lambda a: (-shared[id(a)], a.category != article.category, order[id(a)]))
        category = self._categories[article.category].articles
        for sibling in category:
            if len(chosen) >= limit:
                break
            if id(sibling) not in skip and sibling not in chosen:
                chosen.append(sibling)
        return chosen

    def _order(self) -> dict[int, int]:
        """Each article's place in the catalog; built once, on first use."""
        if self._positions is None:
            self._positions = {id(a): i for i, a in enumerate(self.articles.values())}
        return self._positions

    def _keyword_index(self) -> dict[str, list[Article]]:
        """Keyword (case-folded) -> the articles that have it; built once, on first use."""
        if self._by_keyword is None:
            self._by_keyword = {}
            for article in self.articles.values():
                for keyword in {k.casefold() for k in article.keywords}:
                    self._by_keyword.setdefault(keyword, []).append(article)
        return self._by_keyword


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
            )
        )
    for category in categories.values():
        category.articles.sort(key=lambda a: _sort_key(a.order, a.title))
    ordered = sorted(
        (c for c in categories.values() if c.articles or c.url),
        # Loose top-level articles come last: the categories are what readers scan first.
        key=lambda c: (c.slug == "", *_sort_key(c.order, c.title)),
    )
    return Catalog(ordered)

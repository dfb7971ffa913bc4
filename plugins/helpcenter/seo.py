"""What search engines and link previews read from a page: Open Graph and Twitter meta,
``Article`` and ``BreadcrumbList`` JSON-LD (schema.org; not FAQPage or HowTo, which Google no
longer shows), robots.txt, and the "edit this page" links. Plain Python, no MkDocs."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from babel import Locale, UnknownLocaleError
from babel.core import get_global

HEADLINE_LIMIT = 110  # Google truncates longer Article headlines


def og_locale(code: str) -> str:
    """Open Graph's language_TERRITORY form: "es" -> "es_ES", "en" -> "en_US"."""
    try:
        likely = get_global("likely_subtags").get(code.replace("-", "_"), code.replace("-", "_"))
        locale = Locale.parse(likely)
        return f"{locale.language}_{locale.territory}" if locale.territory else locale.language
    except (ValueError, UnknownLocaleError):
        return code.replace("-", "_")


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str  # absolute


def page_meta(*, title: str, description: str, url: str, site_name: str, language: str,
              alternates: list[str], is_article: bool) -> list[tuple[str, str, str]]:
    """(attribute, name, content) triples: Open Graph uses property=, Twitter name=."""
    meta = [
        ("property", "og:type", "article" if is_article else "website"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", og_locale(language)),
        *[("property", "og:locale:alternate", og_locale(code)) for code in alternates],
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    return [(attribute, name, content) for attribute, name, content in meta if content]


def article_json_ld(*, headline: str, description: str, url: str, language: str, site_name: str,
                    site_url: str, modified: dt.datetime | None) -> dict[str, Any]:
    headline = headline if len(headline) <= HEADLINE_LIMIT else headline[: HEADLINE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    organization = {"@type": "Organization", "name": site_name, "url": site_url}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": headline,
        "description": description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": language,
        "author": organization,
        "publisher": organization,
    }
    if modified:
        data["dateModified"] = modified.isoformat(timespec="seconds")
    return {key: value for key, value in data.items() if value}


def breadcrumb_json_ld(crumbs: list[Crumb]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": number, "name": crumb.name, "item": crumb.url}
                            for number, crumb in enumerate(crumbs, start=1)],
    }


def json_ld_script(data: dict[str, Any]) -> str:
    """The body of a <script type="application/ld+json">: nothing in it can close the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def robots_txt(sitemap_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"


@dataclass(frozen=True)
class Repository:
    """Where the articles' sources are edited: ``edit`` has {path}, ``new`` has {folder} and {name}."""

    edit: str
    new: str

    def edit_url(self, path: str) -> str:
        return self.edit.format(path=quote(path))

    def new_url(self, path: str) -> str:
        folder, _, name = path.rpartition("/")
        return self.new.format(folder=quote(folder), name=quote(name))


def repository(repo_url: str | None, branch: str) -> Repository | None:
    """Edit and new-file links for GitHub and GitLab repositories (others: none)."""
    if not repo_url:
        return None
    base = repo_url.rstrip("/")
    if "github" in base:
        return Repository(f"{base}/edit/{branch}/{{path}}", f"{base}/new/{branch}/{{folder}}?filename={{name}}")
    if "gitlab" in base:
        return Repository(f"{base}/-/edit/{branch}/{{path}}", f"{base}/-/new/{branch}/{{folder}}?file_name={{name}}")
    return None

"""What search engines and link previews read from a page: Open Graph and Twitter meta,
``Article`` and ``BreadcrumbList`` JSON-LD (schema.org; not FAQPage or HowTo, which Google no
longer shows), robots.txt, and the "edit this page" links. Plain Python, no MkDocs."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from ..content.catalog import Article, Category
from ..site import Site

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


def page_seo(site: Site, *, title: str, url: str, kind: str, article: Article | None, category: Category | None,
             untranslated: bool, alternates: list[str], site_name: str, site_description: str) -> dict[str, Any]:
    """A page's link-preview meta and JSON-LD scripts: ``{"meta": [...], "json_ld": [...]}``."""
    site_url = site.urls.origin + site.urls.root
    home = site.urls.origin + site.urls.home(site.languages, site.language)
    own_description = article.description if article else (
        category.description if category and kind == "category" else "")
    description = own_description or site_description or ""
    result: dict[str, Any] = {
        "meta": page_meta(title=title or site_name, description=description, url=url, site_name=site_name,
                          language=site.language, alternates=alternates, is_article=article is not None),
        "json_ld": [],
    }
    crumbs = [Crumb(str(site.text("breadcrumbs.home")), home)]
    if category and category.url:
        crumbs.append(Crumb(category.title, home + category.url))
    if article:
        crumbs.append(Crumb(article.title, url))
        language = site.languages.default if untranslated else site.language
        result["json_ld"].append(json_ld_script(article_json_ld(
            headline=article.title, description=description, url=url, language=language,
            site_name=site_name, site_url=site_url, modified=article.updated)))
    if len(crumbs) > 1:
        result["json_ld"].append(json_ld_script(breadcrumb_json_ld(crumbs)))
    return result


def source_links(repo: Repository | None, *, source: Path | None, root: Path,
                 translation: Path | None) -> dict[str, str]:
    """"Edit this page" (``edit_url``) for a page with a source in the repository, or
    "translate it" (``translate_url``, a new file at ``translation``) for one shown untranslated."""
    if repo is None or source is None:
        return {}
    try:
        path = source.resolve().relative_to(root).as_posix()
    except ValueError:
        return {}
    if translation is not None:
        return {"translate_url": repo.new_url(translation.resolve().relative_to(root).as_posix())}
    return {"edit_url": repo.edit_url(path)}

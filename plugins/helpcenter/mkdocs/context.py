"""What the templates see: ``helpcenter`` (the site, once per build), ``hc`` (one page) and
``t`` (interface text)."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..content.catalog import page_kind
from ..content.reading import SiteContent
from ..i18n.switcher import LanguagePages
from ..problems import sort_problems
from ..publish import seo
from ..search import index as search_index
from ..search.languages import language as search_language_of
from ..site import Site
from .config import HelpCenterConfig
from .files import BROWSER_TEXT_URL, AddedPages


def site_context(site: Site, content: SiteContent, search: search_index.SearchFiles | None,
                 language_pages: LanguagePages, options: HelpCenterConfig, files: Files) -> dict[str, Any]:
    help_file = files.get_file_from_path(options.help_article or "")
    text, hours, support, chat = site.text, site.hours, site.support, site.chat
    return {
        "categories": content.catalog.categories,
        "top_articles": options.top_articles,
        "contact_email": options.contact_email,
        "reply_promise": site.settings["reply_promise"],
        "hours": hours,
        "hours_json": json.dumps(hours.to_json()) if hours else "",
        "hours_lines": hours.summary_lines(text) if hours else [],
        "support": support,
        "chat": chat,
        # Per plan, the names of its channels and its reply time (the contact form shows them).
        "plans_json": json.dumps({plan.id: {"name": plan.name, "reply_time": plan.reply_time, "channels": [
            c.name for c in support.channels if c.id in plan.channels]} for plan in support.plans}),
        "chat_json": json.dumps(chat.for_page(site.language)) if chat else "",
        "get_help_url": "get-help/",
        "help_article_url": help_file.url if help_file else None,
        **search_context(search),
        "search_shard_name": search_index.FIRST_TIER_NAME,
        "search_language": site.search_language,
        # The lunr-languages scripts its search loads (none for the generic analyzer).
        "search_scripts": " ".join(search_language_of(site.search_language).scripts),
        "language": site.language,
        "text_script": BROWSER_TEXT_URL.format(code=site.language),
        "language_name": text.language_in_text(site.language),
        "default_language": site.languages.default,
        "default_language_name": text.language_in_text(site.languages.default),
        "languages": language_pages.homes(site.urls.root),
        "form": site.form_schema,
        "feedback_endpoint": site.urls.endpoints.get("feedback"),
        "search_endpoint": site.urls.endpoints.get("search"),
        "insights_endpoint": site.urls.endpoints.get("insights"),
        "form_json": json.dumps(site.form_schema, ensure_ascii=False).replace("<", "\\u003c"),
        # Shown at the top of every page during live preview, so writers see them.
        "problems": [p.format() for p in sort_problems(content.problems)] if site.options.preview else [],
    }


def search_context(search: search_index.SearchFiles | None) -> dict[str, Any]:
    """Where the pages find the search files (a preview sets them again when its index is rebuilt)."""
    return {
        "search_manifest": search.manifest_path if search else None,
        "search_prefetch": search.prefetch_paths if search else [],
        "search_shards": search_index.shard_list(search.shard_table) if search else "",
    }


def page_context(page: Page, config: MkDocsConfig, site: Site, content: SiteContent, added: AddedPages,
                 language_pages: LanguagePages, options: HelpCenterConfig) -> dict[str, Any]:
    src_uri = page.file.src_uri
    kind = "page" if src_uri in added.site_pages else page_kind(src_uri)
    untranslated = src_uri in added.untranslated
    if untranslated and site.languages.multilingual:
        # The same text as the default language's page: that page is the one to index.
        page.canonical_url = site.urls.origin + site.urls.root + page.url
    catalog = content.catalog
    hc: dict[str, Any] = {"kind": kind, "category": None, "article": None, "untranslated": untranslated,
                          "languages": language_pages.switcher(src_uri, page.url, root=site.urls.root,
                                                               generated=page.file.generated_by is not None)}
    article = catalog.articles.get(src_uri)
    if article is not None:
        previous, following = catalog.neighbours(article)
        related = catalog.related(article, options.related_articles, exclude=(previous, following))
        hc.update(article=article, category=catalog.category(article.category), previous=previous, next=following,
                  related=related, updated=article.updated,
                  updated_text=site.text.date(article.updated) if article.updated else "",
                  article_path=site.urls.home(site.languages, site.language) + page.url)
    elif kind == "category":
        hc["category"] = catalog.category_page(src_uri)
    url = page.canonical_url or site.urls.origin + site.urls.home(site.languages, site.language) + page.url
    alternates = [item["code"] for item in hc["languages"] if not item["current"] and item["translated"]]
    hc["seo"] = seo.page_seo(site, title=page.title or config.site_name, url=url, kind=kind, article=article,
                             category=hc["category"], untranslated=untranslated, alternates=alternates,
                             site_name=config.site_name, site_description=config.site_description or "")
    writers = options.edit_links == "always" or (options.edit_links == "preview" and site.options.preview)
    if writers and page.file.generated_by is None and kind != "page":
        root = Path(config.config_file_path or ".").parent.resolve()
        source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        translation = site.languages.docs_dir(site.language) / src_uri if untranslated else None
        hc.update(seo.source_links(seo.repository(config.repo_url, options.repo_branch),
                                   source=source, root=root, translation=translation))
    # The chat launcher's pages (chat.show_on): a site page by its name (contact, get-help...).
    page_name = posixpath.splitext(src_uri)[0] if kind == "page" else kind
    hc["show_chat"] = bool(site.chat and site.chat.shows_on(page_name))
    return hc

"""Intercom Articles, through its REST API: help center collections (a collection inside another
is what Intercom's help center shows as a section) and articles, each with the translations in
``translated_content``. Needs an access token with the articles scope: ``INTERCOM_ACCESS_TOKEN``
or ``--token``. Only published articles and translations are imported."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from slugify import slugify

from .http import Answer, ApiClient, ImportFailed
from .model import Article, Group, HelpCenter, Text, date_of, language_codes
from .vendor import Credentials, Vendor, each_page, host_of, link_keys, path_of

PAGE_SIZE = 50
API_VERSION = "2.11"


def credentials(token: str | None, env: Mapping[str, str]) -> Credentials:
    token = token or env.get("INTERCOM_ACCESS_TOKEN")
    if not token:
        raise ImportFailed("Intercom needs an access token: set INTERCOM_ACCESS_TOKEN or pass --token")
    return Credentials(bearer=token)


def _next(answer: Answer) -> tuple[str, Mapping[str, Any]] | None:
    pages = answer.data.get("pages") or {}
    page, total = int(pages.get("page") or 1), int(pages.get("total_pages") or 1)
    if page >= total:
        return None
    return answer.url.split("?")[0], {"page": page + 1, "per_page": pages.get("per_page") or PAGE_SIZE}


def _all(client: ApiClient, url: str) -> list[dict[str, Any]]:
    return list(each_page(client, url, {"page": 1, "per_page": PAGE_SIZE}, lambda data: data.get("data") or [], _next))


def _versions(item: dict[str, Any], default_locale: str) -> dict[str, dict[str, Any]]:
    """Each language's copy of an item: its own fields for the default language, then the
    copies in ``translated_content``."""
    versions = {default_locale: item}
    for locale, content in (item.get("translated_content") or {}).items():
        if isinstance(content, dict) and locale != "type" and (content.get("title") or content.get("name")):
            versions.setdefault(locale, content)
    return versions


def read(client: ApiClient, url: str, language: str) -> HelpCenter:
    base = url.rstrip("/")
    collections = _all(client, f"{base}/help_center/collections")
    items = _all(client, f"{base}/articles")
    default_locale = next((str(a["default_locale"]) for a in items if a.get("default_locale")), language)
    locales = [default_locale]
    for item in collections + items:
        locales += [locale for locale in _versions(item, default_locale) if locale not in locales]
    codes = language_codes(locales)
    hosts: set[str] = set()
    groups = []
    for collection in collections:
        texts = {}
        for locale, version in _versions(collection, default_locale).items():
            name = str(version.get("name") or "")
            # A translation's own address is not in the API: Intercom's pattern, in its language.
            address = version.get("url") or _translated_url(collection.get("url"), default_locale, locale, name)
            texts[codes[locale]] = Text(title=name, description=str(version.get("description") or ""),
                                        old_paths=[p for p in [path_of(address)] if p])
            hosts.update(h for h in [host_of(version.get("url"))] if h)
        parent = collection.get("parent_id")
        groups.append(Group(id=str(collection["id"]), parent_id=str(parent) if parent else None,
                            position=float(collection.get("order") or 0), texts=texts))
    articles: list[Article] = []
    left_out = []
    # Intercom lists articles newest first and has no order of its own: oldest first reads best.
    for item in sorted(items, key=lambda a: (a.get("created_at") or 0, str(a.get("id")))):
        texts = {}
        for locale, version in _versions(item, default_locale).items():
            if version.get("state", "published") != "published":
                left_out.append(f"article {item['id']} “{version.get('title')}” ({locale}): a draft")
                continue
            texts[codes[locale]] = Text(
                title=str(version.get("title") or ""), body_html=str(version.get("body") or ""),
                description=str(version.get("description") or ""), updated=date_of(version.get("updated_at")),
                url=version.get("url"),
                old_paths=[p for p in [path_of(version.get("url"))] if p])
            hosts.update(h for h in [host_of(version.get("url"))] if h)
        if texts:
            parent = item.get("parent_id")  # a collection, or a section (a collection inside one)
            articles.append(Article(id=str(item["id"]), group_id=str(parent) if parent else None,
                                    position=float(len(articles)), texts=texts))
    return HelpCenter(vendor="intercom", default_language=codes[default_locale],
                      languages=[codes[x] for x in locales], groups=groups, articles=articles, hosts=hosts,
                      left_out=left_out)


def _translated_url(url: str | None, default_locale: str, locale: str, name: str) -> str | None:
    """``.../en/collections/12-billing`` in French: ``.../fr/collections/12-facturation``."""
    if not url:
        return None
    found = re.match(rf"^(.*)/{re.escape(default_locale)}/collections/(\d+)", url)
    return f"{found[1]}/{locale}/collections/{found[2]}-{slugify(name)}" if found else None


VENDOR = Vendor(
    name="Intercom",
    default_url="https://api.intercom.io",
    credentials_hint="Use an access token with the 'read articles' scope (Developer Hub > your app > "
                     "Authentication) in INTERCOM_ACCESS_TOKEN or --token; EU and Australian workspaces pass "
                     "--url https://api.eu.intercom.io or https://api.au.intercom.io.",
    credentials=credentials,
    headers={"Intercom-Version": API_VERSION},
    read=read,
    link_key=link_keys((
        ("article:{}", re.compile(r"/articles/(\d+)")),
        ("group:{}", re.compile(r"/collections/(\d+)")),
    )),
)
